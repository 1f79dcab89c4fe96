// 招聘会: the fairs of the range and above (综合/专场/线上) with employers, openings, registered and
// attending veterans and results; a form to register one (employers from 就业创业's 用人单位).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { jobFairCreate, jobFairKindLabels, jobFairKinds, type JobFairDto } from '../../../shared/schemas/trainings';
import { trainingApi, trainingKeys, useCreateFair } from '../../api/trainings';
import { useAllEmployers } from '../../api/employment';
import { isApiError } from '../../api/client';
import { DayPicker } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { TrainingsNav } from './trainings-nav';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'name', label: '名称', placeholder: '招聘会名称', width: 160, live: true },
  { kind: 'select', name: 'kind', label: '类型', options: jobFairKinds.map((k) => ({ value: k, label: jobFairKindLabels[k] })), width: 120 },
  { kind: 'dateRange', from: 'from', to: 'to', label: '举办日期' },
];

/** The employers taking part, each with the openings it offers. */
export function FairEmployersField() {
  const employers = useAllEmployers();
  const options = (employers.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  return (
    <Form.List name="employers">
      {(fields, { add, remove }) => (
        <div>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" wrap style={{ marginBottom: 4 }}>
              <Form.Item name={[f.name, 'employerId']} rules={[{ required: true, message: '请选择用人单位' }]} style={{ marginBottom: 0 }}>
                <Select options={options} showSearch={{ optionFilterProp: 'label' }} placeholder="用人单位" style={{ width: 220 }} aria-label="用人单位" />
              </Form.Item>
              <Form.Item name={[f.name, 'openings']} style={{ marginBottom: 0 }}>
                <InputNumber min={0} max={10000} precision={0} suffix="个岗位" aria-label="提供岗位数" style={{ width: 150 }} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label="移除" onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({ openings: 1 })}>
            添加参会用人单位
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function FairForm({ onDone }: { onDone: (id: string) => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const create = useCreateFair();
  const { message } = App.useApp();
  async function submit(v: Record<string, unknown>) {
    const body = parseWithSchema(form, jobFairCreate, v);
    if (!body) return;
    try {
      const f = await create.mutateAsync(body);
      void message.success('已登记招聘会');
      onDone(f.id);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Card size="small" title="登记招聘会" style={{ marginBottom: 12 }}>
      <Form form={form} layout="vertical" className="trainings-form" onFinish={submit} initialValues={{ orgUnitId: me.orgUnit.id, kind: 'special', employers: [] }}>
        <Form.Item name="name" label="招聘会名称" rules={[{ required: true, message: '请填写招聘会名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Radio.Group optionType="button" options={jobFairKinds.map((k) => ({ value: k, label: jobFairKindLabels[k] }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="heldOn" label="举办日期" rules={[{ required: true, message: '请选择举办日期' }]}>
            <DayPicker aria-label="举办日期" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="orgUnitId" label="举办单位">
            <OrgUnitSelect aria-label="举办单位" />
          </Form.Item>
        </Space>
        <Form.Item name="place" label="举办地点" rules={[{ required: true, message: '请填写举办地点' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="参会用人单位">
          <FairEmployersField />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

export function FairsPage() {
  const canWrite = useCan('employment:write');
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const columns: RecordColumn<JobFairDto>[] = [
    {
      key: 'name',
      title: '招聘会',
      fixedShown: true,
      render: (_v, f) => (
        <div>
          <Link to={`/trainings/fairs/${f.id}`}>
            <Typography.Text strong>{f.name}</Typography.Text>
          </Link>
          <div className="muted">
            {jobFairKindLabels[f.kind]} · {f.heldOn} · {f.place}
          </div>
        </div>
      ),
    },
    { key: 'employers', title: '用人单位/岗位', responsive: ['sm'], render: (_v, f) => `${f.employers.length} 家 / ${f.openingsOffered} 个` },
    { key: 'people', title: '报名/到场', render: (_v, f) => `${f.registered}/${f.attended}` },
    { key: 'results', title: '意向/录用', responsive: ['sm'], render: (_v, f) => (f.intentCount === null && f.hiredCount === null ? '—' : `${f.intentCount ?? '—'}/${f.hiredCount ?? '—'}`) },
    { key: 'unit', title: '举办单位', dataIndex: 'orgUnitName', responsive: ['md'] },
  ];
  return (
    <PageShell
      title="招聘会与培训"
      subtitle="招聘会：参会用人单位与岗位，报名、到场与结果"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记招聘会
          </Button>
        )
      }
    >
      <TrainingsNav />
      {adding && <FairForm onDone={(id) => navigate(`/trainings/fairs/${id}`)} />}
      <RecordTable<JobFairDto>
        queryKey={trainingKeys.fairs}
        fetchPage={trainingApi.fairs}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="trainings-fairs"
        ledger="招聘会台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={trainingApi.fairsLedgerUrl(params)} download>
            导出招聘会台账
          </Button>
        )}
        emptyText="暂无招聘会"
      />
    </PageShell>
  );
}
