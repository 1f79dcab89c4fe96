// 法律援助机构名录: the legal aid centers, partner law firms and judicial departments kept by the
// caller's unit and the units above it (normally the county). Staff of the keeping unit's range add
// and change entries (a stopped entry stays for the cases referred to it, and is no longer offered).
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Radio, Select, Space, Switch, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  legalAidPartnerInput,
  legalAidPartnerKindLabels,
  legalAidPartnerKinds,
  legalAidPartnerUpdate,
  type LegalAidPartnerDto,
  type LegalAidPartnerKind,
} from '../../../shared/schemas/legal-aid';
import { useCreatePartner, useLegalAidPartners, useUpdatePartner } from '../../api/legal-aid';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCan, useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { LegalAidSettingsCard } from './legal-aid-settings-card';

function PartnerModal({ editing, onClose }: { editing: LegalAidPartnerDto | 'new'; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const create = useCreatePartner();
  const update = useUpdatePartner();
  const isNew = editing === 'new';
  const initial = isNew ? { orgUnitId: me.orgUnit.id, name: '', kind: 'center', address: '', phone: '', lawyers: '', areas: '' } : { ...editing };
  async function submit() {
    const values = form.getFieldsValue() as Record<string, unknown>;
    try {
      if (isNew) {
        const body = parseWithSchema(form, legalAidPartnerInput, values);
        if (!body) return;
        await create.mutateAsync(body);
      } else {
        const body = parseWithSchema(form, legalAidPartnerUpdate, { ...values, version: editing.version });
        if (!body) return;
        await update.mutateAsync({ id: editing.id, body });
      }
      void message.success('已保存');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Modal title={isNew ? '新增名录机构' : `修改：${editing.name}`} open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={create.isPending || update.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        {isNew && (
          <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]} extra="一般为县级退役军人服务中心；下级单位均可转介">
            <OrgUnitSelect aria-label="所属单位" />
          </Form.Item>
        )}
        <Form.Item name="name" label="机构名称" rules={[{ required: true, message: '请填写机构名称' }]}>
          <Input maxLength={100} aria-label="机构名称" />
        </Form.Item>
        <Form.Item name="kind" label="机构类别" rules={[{ required: true, message: '请选择机构类别' }]}>
          <Radio.Group options={legalAidPartnerKinds.map((k) => ({ value: k, label: legalAidPartnerKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="address" label="地址">
          <Input maxLength={200} aria-label="地址" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" extra="机构的公开电话">
          <Input maxLength={40} aria-label="联系电话" />
        </Form.Item>
        <Form.Item name="lawyers" label="律师（承办人）">
          <Input.TextArea rows={2} maxLength={500} aria-label="律师" />
        </Form.Item>
        <Form.Item name="areas" label="擅长领域">
          <Input.TextArea rows={2} maxLength={500} aria-label="擅长领域" />
        </Form.Item>
        {!isNew && (
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function PartnersPage() {
  const canWrite = useCan('legalAid:write');
  const [kind, setKind] = useState<LegalAidPartnerKind | undefined>();
  const q = useLegalAidPartners(kind ? { kind } : {});
  const [editing, setEditing] = useState<LegalAidPartnerDto | 'new' | null>(null);
  return (
    <PageShell
      title="法律援助机构名录"
      subtitle="法律援助中心、合作律师事务所、司法部门（法院、检察院、司法局/所）；本单位及上级单位的名录均可转介"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增机构
          </Button>
        )
      }
    >
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            allowClear
            placeholder="机构类别"
            aria-label="机构类别"
            style={{ width: 260, maxWidth: '100%' }}
            value={kind}
            onChange={(v: LegalAidPartnerKind | undefined) => setKind(v)}
            options={legalAidPartnerKinds.map((k) => ({ value: k, label: legalAidPartnerKindLabels[k] }))}
          />
        </Space>
        <Table<LegalAidPartnerDto>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '名录中暂无机构' }}
          columns={[
            {
              key: 'name',
              title: '机构名称',
              render: (_v, p) => (
                <div style={{ minWidth: 160 }}>
                  <strong>{p.name}</strong> {!p.active && <Tag>已停用</Tag>}
                  <div className="muted">{legalAidPartnerKindLabels[p.kind]}</div>
                </div>
              ),
            },
            { key: 'phone', title: '联系电话', dataIndex: 'phone' },
            { key: 'address', title: '地址', dataIndex: 'address', responsive: ['md'] },
            { key: 'lawyers', title: '律师', dataIndex: 'lawyers', responsive: ['lg'] },
            { key: 'areas', title: '擅长领域', dataIndex: 'areas', responsive: ['lg'] },
            { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['sm'] },
            {
              key: 'act',
              title: '',
              render: (_v, p) =>
                p.canEdit && (
                  <Button size="small" icon={<EditOutlined />} aria-label={`修改${p.name}`} onClick={() => setEditing(p)}>
                    修改
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <LegalAidSettingsCard />
      {editing && <PartnerModal editing={editing} onClose={() => setEditing(null)} />}
    </PageShell>
  );
}
