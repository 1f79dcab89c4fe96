// 荣誉表彰台账: honors after service in the caller's range, recorded with their documents; the ledger
// export follows the filter.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import { honorLevelLabels, honorLevels, type HonorDto, type HonorLevel } from '../../../shared/schemas/honors';
import { honorsApi, honorsKeys, useCreateHonor } from '../../api/honors';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { DayPicker } from '../../components/day-picker';
import { FilePicker } from '../../components/case-files';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { useCan } from '../../components/session';
import { HonorsNav } from './honors-nav';
import { HonorRecipientSelect, errorText } from './recipient-select';

const filters: RecordFilter[] = [
  { kind: 'custom', name: 'orgUnitId', label: '单位', render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="单位" /> },
  { kind: 'select', name: 'level', label: '级别', options: honorLevels.map((l) => ({ value: l, label: honorLevelLabels[l] })), width: 120 },
];

function CreateHonor({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const create = useCreateHonor();
  const { message } = App.useApp();
  async function submit(v: Record<string, unknown>) {
    try {
      await create.mutateAsync({ recipientId: v.recipientId as string, title: v.title as string, level: v.level as HonorLevel, giver: v.giver as string, awardedOn: v.awardedOn as string, note: (v.note as string) ?? '', documents: (v.documents as MaterialFileUpload[]) ?? [] });
      void message.success('已登记荣誉');
      onClose();
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <Modal open={open} title="登记荣誉" onCancel={onClose} okText="保存" onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ level: 'county', awardedOn: dayjs().format('YYYY-MM-DD') }}>
        <Form.Item name="recipientId" label="获得者" rules={[{ required: true, message: '请选择获得者' }]}>
          <HonorRecipientSelect label="获得者" />
        </Form.Item>
        <Form.Item name="title" label="荣誉名称" rules={[{ required: true, message: '请填写荣誉名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="level" label="级别" rules={[{ required: true }]}>
            <Select aria-label="级别" style={{ width: 120 }} options={honorLevels.map((l) => ({ value: l, label: honorLevelLabels[l] }))} />
          </Form.Item>
          <Form.Item name="awardedOn" label="授予日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DayPicker aria-label="授予日期" maxDay={dayjs().format('YYYY-MM-DD')} />
          </Form.Item>
        </Space>
        <Form.Item name="giver" label="授予单位" rules={[{ required: true, message: '请填写授予单位' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="documents" label="证明材料">
          <FilePicker max={5} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function HonorsListPage() {
  const canWrite = useCan('honors:write');
  const [creating, setCreating] = useState(false);
  const columns: RecordColumn<HonorDto>[] = [
    {
      key: 'title',
      title: '荣誉',
      fixedShown: true,
      render: (_v, h) => (
        <div>
          <Typography.Text strong>{h.title}</Typography.Text>
          <div className="muted">
            {h.recipientName} · {honorLevelLabels[h.level]} · {h.giver}
          </div>
          <Link to={`/honors/consents/${h.recipientId}`}>光荣墙本人同意</Link>
        </div>
      ),
    },
    { key: 'awardedOn', title: '授予日期', dataIndex: 'awardedOn', responsive: ['sm'] },
    { key: 'docs', title: '证明材料', responsive: ['md'], render: (_v, h) => (h.documents.length ? h.documents.map((d) => <div key={d.id}><a href={`/api/honors/${h.id}/files/${d.id}`} target="_blank" rel="noreferrer">{d.name}</a></div>) : '—') },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['lg'] },
  ];
  return (
    <PageShell
      title="荣誉台账"
      subtitle="退役后获得的荣誉表彰（服役期间的立功受奖见服务对象信息）"
      extra={
        <Space wrap>
          <HonorsNav current="/honors/list" />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记荣誉
            </Button>
          )}
        </Space>
      }
    >
      <RecordTable<HonorDto>
        queryKey={honorsKeys.honors}
        fetchPage={honorsApi.honors}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="honors-list"
        ledger="荣誉表彰台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={honorsApi.ledgerUrl(params)} download>
            导出台账
          </Button>
        )}
        emptyText="暂无荣誉记录"
      />
      <CreateHonor open={creating} onClose={() => setCreating(false)} />
    </PageShell>
  );
}
