// 培训: the trainings of the range and above (适应性培训/技能培训; where each stands from its dates),
// a form to register one, and the ledger of enrolled people.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Form, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { trainingCreate, trainingKindLabels, trainingKinds, trainingPhaseLabels, trainingPhases, type TrainingDto, type TrainingPhase } from '../../../shared/schemas/trainings';
import { trainingApi, trainingKeys, useCreateTraining } from '../../api/trainings';
import { isApiError } from '../../api/client';
import { DayPicker } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { TrainingsNav } from './trainings-nav';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'name', label: '名称', placeholder: '培训名称', width: 160, live: true },
  { kind: 'select', name: 'kind', label: '类别', options: trainingKinds.map((k) => ({ value: k, label: trainingKindLabels[k] })), width: 140 },
  { kind: 'select', name: 'phase', label: '进行情况', options: trainingPhases.map((p) => ({ value: p, label: trainingPhaseLabels[p] })), width: 130 },
];

const phaseColors: Record<TrainingPhase, string> = { planned: 'blue', ongoing: 'green', finished: 'default' };
export const PhaseTag = ({ phase }: { phase: TrainingPhase }) => <Tag color={phaseColors[phase]}>{trainingPhaseLabels[phase]}</Tag>;

function TrainingForm({ onDone }: { onDone: (id: string) => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const create = useCreateTraining();
  const { message } = App.useApp();
  async function submit(v: Record<string, unknown>) {
    const body = parseWithSchema(form, trainingCreate, v);
    if (!body) return;
    try {
      const t = await create.mutateAsync(body);
      void message.success('已登记培训');
      onDone(t.id);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Card size="small" title="登记培训" style={{ marginBottom: 12 }}>
      <Form form={form} layout="vertical" className="trainings-form" onFinish={submit} initialValues={{ orgUnitId: me.orgUnit.id, kind: 'adaptive', places: 30, sessions: 5 }}>
        <Form.Item name="kind" label="培训类别">
          <Radio.Group optionType="button" options={trainingKinds.map((k) => ({ value: k, label: trainingKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="name" label="培训名称" rules={[{ required: true, message: '请填写培训名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="provider" label="承办机构" rules={[{ required: true, message: '请填写承办机构' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="course" label="课程内容">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DayPicker aria-label="开始日期" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="endOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
            <DayPicker aria-label="结束日期" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="places" label="名额（人）">
            <InputNumber min={1} max={10000} precision={0} aria-label="名额" />
          </Form.Item>
          <Form.Item name="sessions" label="课次">
            <InputNumber min={1} max={365} precision={0} aria-label="课次" />
          </Form.Item>
        </Space>
        <Form.Item name="place" label="培训地点">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="orgUnitId" label="举办单位">
          <OrgUnitSelect aria-label="举办单位" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

export function TrainingsPage() {
  const canWrite = useCan('employment:write');
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const columns: RecordColumn<TrainingDto>[] = [
    {
      key: 'name',
      title: '培训',
      fixedShown: true,
      render: (_v, t) => (
        <div>
          <Link to={`/trainings/courses/${t.id}`}>
            <Typography.Text strong>{t.name}</Typography.Text>
          </Link>
          <div className="muted">
            {trainingKindLabels[t.kind]} · {t.provider}
          </div>
          <PhaseTag phase={t.phase} />
        </div>
      ),
    },
    { key: 'dates', title: '起止日期', responsive: ['sm'], render: (_v, t) => `${t.startOn} 至 ${t.endOn}` },
    { key: 'places', title: '报名/名额', render: (_v, t) => `${t.enrolled}/${t.places}` },
    { key: 'completed', title: '结业', dataIndex: 'completed', responsive: ['sm'] },
    { key: 'unit', title: '举办单位', dataIndex: 'orgUnitName', responsive: ['md'] },
  ];
  return (
    <PageShell
      title="招聘会与培训"
      subtitle="适应性培训、技能培训：报名、出勤、结业与证书"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记培训
          </Button>
        )
      }
    >
      <TrainingsNav />
      {adding && <TrainingForm onDone={(id) => navigate(`/trainings/courses/${id}`)} />}
      <RecordTable<TrainingDto>
        queryKey={trainingKeys.trainings}
        fetchPage={trainingApi.trainings}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="trainings-list"
        ledger="退役军人培训台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={trainingApi.trainingsLedgerUrl(params)} download>
            导出培训台账
          </Button>
        )}
        emptyText="暂无培训"
      />
    </PageShell>
  );
}
