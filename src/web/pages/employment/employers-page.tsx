// 用人单位: the employers of the range and above (type, veteran-founded, contact; the phone masked),
// and a form to register one or change it (the phone left empty keeps the stored number).
import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { employerCreate, employerKindLabels, employerKinds, employerUpdate, type EmployerDto } from '../../../shared/schemas/employment';
import { employmentApi, employmentKeys, useCreateEmployer, useUpdateEmployer } from '../../api/employment';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { EmploymentNav } from './employment-nav';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'name', label: '名称', placeholder: '单位名称', width: 160, live: true },
  { kind: 'select', name: 'kind', label: '单位类型', options: employerKinds.map((k) => ({ value: k, label: employerKindLabels[k] })), width: 150 },
  { kind: 'select', name: 'veteranFounded', label: '退役军人创办', options: [{ value: '1', label: '退役军人创办' }], width: 150 },
];

function EmployerForm({ employer, onDone }: { employer?: EmployerDto; onDone: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const create = useCreateEmployer();
  const update = useUpdateEmployer(employer?.id ?? '');
  const { message } = App.useApp();
  async function submit(v: Record<string, unknown>) {
    const body = employer
      ? parseWithSchema(form, employerUpdate, { ...v, version: employer.version, contactPhone: v.contactPhone || undefined })
      : parseWithSchema(form, employerCreate, { ...v, contactPhone: v.contactPhone || null });
    if (!body) return;
    try {
      if (employer) await update.mutateAsync(body);
      else await create.mutateAsync(body);
      void message.success(employer ? '已保存用人单位' : '已登记用人单位');
      form.resetFields();
      onDone();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Card size="small" title={employer ? `修改用人单位：${employer.name}` : '登记用人单位'} style={{ marginBottom: 12 }} data-testid="employer-form">
      <Form
        form={form}
        layout="vertical"
        className="employment-form"
        onFinish={submit}
        initialValues={
          employer
            ? { name: employer.name, kind: employer.kind, veteranFounded: employer.veteranFounded, creditCode: employer.creditCode, contactName: employer.contactName, address: employer.address, note: employer.note }
            : { orgUnitId: me.orgUnit.id, kind: 'enterprise', veteranFounded: false }
        }
      >
        <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label="单位类型">
          <Radio.Group optionType="button" options={employerKinds.map((k) => ({ value: k, label: employerKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="veteranFounded" valuePropName="checked">
          <Checkbox>退役军人创办</Checkbox>
        </Form.Item>
        {!employer && (
          <Form.Item name="orgUnitId" label="登记单位">
            <OrgUnitSelect aria-label="登记单位" />
          </Form.Item>
        )}
        <Form.Item name="creditCode" label="统一社会信用代码">
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="contactName" label="联系人">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" extra={employer?.contactPhoneMasked ? `现为 ${employer.contactPhoneMasked}，不填则不变` : undefined}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="address" label="地址">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
            保存
          </Button>
          <Button onClick={onDone}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}

export function EmployersPage() {
  const canWrite = useCan('employment:write');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<EmployerDto | null>(null);
  const columns: RecordColumn<EmployerDto>[] = [
    {
      key: 'name',
      title: '单位名称',
      fixedShown: true,
      render: (_v, e) => (
        <div>
          <Typography.Text strong>{e.name}</Typography.Text>
          <span className="muted"> · {employerKindLabels[e.kind]}</span>
          {e.veteranFounded && <Tag style={{ marginLeft: 6 }}>退役军人创办</Tag>}
        </div>
      ),
    },
    { key: 'contact', title: '联系人', responsive: ['sm'], render: (_v, e) => `${e.contactName}${e.contactPhoneMasked ? ` ${e.contactPhoneMasked}` : ''}` || '—' },
    { key: 'openings', title: '岗位数', dataIndex: 'openingCount' },
    { key: 'unit', title: '登记单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    {
      key: 'edit',
      title: '操作',
      fixedShown: true,
      render: (_v, e) =>
        e.canEdit && (
          <Button
            size="small"
            onClick={() => {
              setAdding(false);
              setEditing(e);
            }}
          >
            修改
          </Button>
        ),
    },
  ];
  return (
    <PageShell
      title="就业创业"
      subtitle="用人单位：机关事业单位、企业、社会组织；联系电话加密保存"
      extra={
        canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setAdding(true);
            }}
          >
            登记用人单位
          </Button>
        )
      }
    >
      <EmploymentNav />
      {adding && <EmployerForm onDone={() => setAdding(false)} />}
      {editing && <EmployerForm key={editing.id} employer={editing} onDone={() => setEditing(null)} />}
      <RecordTable<EmployerDto> queryKey={employmentKeys.employers} fetchPage={employmentApi.employers} columns={columns} rowKey="id" filters={filters} storageKey="employment-employers" emptyText="暂无用人单位" />
    </PageShell>
  );
}
