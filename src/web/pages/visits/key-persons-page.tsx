// 重点人员联系人 /visits/key-persons (county, Part 5 三(四)): the key persons of the county with
// their named contact person and the last visit; set or change the contact.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Modal, Result, Select, Typography } from 'antd';
import { keyGroupLabels, keyGroups, type KeyPersonDto } from '../../../shared/schemas/visits';
import { useSetKeyPersonContact, useVisitStaff, visitApi, visitKeys } from '../../api/visits';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCurrentUser } from '../../components/session';
import { KeyGroupTags } from './visit-tags';
import { isCountyHead, VisitsNav } from './visits-nav';
import './visits.css';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => (
      <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 240, maxWidth: '100%' }} aria-label="所属单位" />
    ),
  },
  { kind: 'select', name: 'keyGroup', label: '重点人员类别', options: keyGroups.map((g) => ({ value: g, label: keyGroupLabels[g] })), width: 180 },
  {
    kind: 'select',
    name: 'hasContact',
    label: '联系人',
    options: [
      { value: 'false', label: '未指定联系人' },
      { value: 'true', label: '已指定联系人' },
    ],
    width: 150,
  },
];

function ContactModal({ person, onClose }: { person: KeyPersonDto | null; onClose: () => void }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const staff = useVisitStaff({ orgUnitId: me.orgUnit.id }, !!person);
  const save = useSetKeyPersonContact();
  const [userId, setUserId] = useState<string | undefined>();
  if (!person) return null;
  const value = userId ?? person.contactUserId ?? undefined;
  return (
    <Modal
      open
      title={`${person.name}的联系人`}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !value }}
      onCancel={onClose}
      onOk={() =>
        value &&
        save.mutate(
          { recipientIds: [person.recipientId], contactUserId: value },
          {
            onSuccess: () => {
              void message.success('已设置联系人');
              onClose();
            },
          },
        )
      }
      footer={(orig) => (
        <>
          {person.contactUserId && (
            <Button
              danger
              onClick={() =>
                save.mutate(
                  { recipientIds: [person.recipientId], contactUserId: null },
                  {
                    onSuccess: () => {
                      void message.success('已取消联系人');
                      onClose();
                    },
                  },
                )
              }
            >
              取消联系人
            </Button>
          )}
          {orig}
        </>
      )}
    >
      <Typography.Paragraph type="secondary">县级服务中心为每名重点人员指定一名联系人，负责经常联系、节日走访。</Typography.Paragraph>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '100%' }}
        placeholder="选择工作人员"
        aria-label="联系人"
        value={value}
        onChange={setUserId}
        loading={staff.isPending}
        options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.orgUnitName}` }))}
      />
    </Modal>
  );
}

export function KeyPersonsPage() {
  const me = useCurrentUser();
  const [editing, setEditing] = useState<KeyPersonDto | null>(null);
  if (!isCountyHead(me)) return <Result status="403" title="无权查看" subTitle="重点人员联系人由县级服务中心维护。" />;
  const columns: RecordColumn<KeyPersonDto>[] = [
    {
      key: 'name',
      title: '姓名',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/recipients/${r.recipientId}`}>{r.name}</Link>
          <div>
            <KeyGroupTags groups={r.keyGroups} />
          </div>
        </div>
      ),
    },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'contact', title: '联系人', render: (_v, r) => r.contactName ?? <Typography.Text type="warning">未指定</Typography.Text> },
    { key: 'since', title: '指定时间', responsive: ['lg'], render: (_v, r) => (r.assignedAt ? r.assignedAt.slice(0, 10) : '—') },
    { key: 'last', title: '最近走访', responsive: ['sm'], render: (_v, r) => r.lastVisitedOn ?? <span className="muted">—</span> },
    {
      key: 'actions',
      title: '操作',
      fixedShown: true,
      render: (_v, r) => (
        <Button size="small" type={r.contactUserId ? 'default' : 'primary'} onClick={() => setEditing(r)}>
          {r.contactUserId ? '更换' : '指定联系人'}
        </Button>
      ),
    },
  ];
  return (
    <PageShell title="重点人员联系人" subtitle="建国前老战士、参战参试、烈士遗属、伤残军人、二等功以上、重大困难家庭：县级指定联系人">
      <VisitsNav />
      <RecordTable<KeyPersonDto>
        queryKey={visitKeys.keyPersons}
        fetchPage={visitApi.keyPersons}
        columns={columns}
        rowKey="recipientId"
        filters={filters}
        storageKey="visit-key-persons"
        emptyText="没有重点人员"
      />
      <ContactModal key={editing?.recipientId ?? 'none'} person={editing} onClose={() => setEditing(null)} />
    </PageShell>
  );
}
