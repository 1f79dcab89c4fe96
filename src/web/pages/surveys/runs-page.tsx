// 调查: the survey runs of the range and above (response rate and satisfaction counted over the
// caller's range), and the form that starts one: a published questionnaire, a unit, a period, the
// services whose people are asked (走访/办件/信访), all of them or a sample (a size or a rate).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { periodLabel, periodOf } from '../../../shared/rules/periods';
import { sampleModeLabels, sampleModes, surveyRunCreate, surveySourceLabels, surveySources, type SurveyRunDto } from '../../../shared/schemas/surveys';
import { surveyApi, surveyKeys, useCreateRun, usePublishedQuestionnaires } from '../../api/surveys';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { recentPeriods } from '../../components/period-select';
import { SurveysNav } from './surveys-nav';

export const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

function periodChoices(): { value: string; label: string }[] {
  const today = todayDay();
  const halves = [periodOf(today, 'half')];
  const y = Number(today.slice(0, 4));
  halves.push(halves[0].endsWith('H2') ? `${y}-H1` : `${y - 1}-H2`);
  return [...recentPeriods('month').slice(0, 6), ...recentPeriods('quarter').slice(0, 4), ...halves, ...recentPeriods('year').slice(0, 2)].map((p) => ({ value: p, label: periodLabel(p) }));
}

function RunForm({ onDone }: { onDone: (id: string) => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const create = useCreateRun();
  const qs = usePublishedQuestionnaires();
  const { message } = App.useApp();
  const mode = Form.useWatch('sampleMode', form) as string | undefined;
  async function submit(v: Record<string, unknown>) {
    const body = parseWithSchema(form, surveyRunCreate, { ...v, sampleValue: v.sampleMode === 'all' ? null : (v.sampleValue ?? null) });
    if (!body) return;
    try {
      const r = await create.mutateAsync(body);
      void message.success(`已发起调查：服务对象 ${r.served} 人，发放邀请 ${r.invited} 份`);
      onDone(r.id);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Card size="small" title="发起满意度调查" style={{ marginBottom: 12 }}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgUnitId: me.orgUnit.id, sources: [...surveySources], sampleMode: 'all', period: periodOf(todayDay(), 'month') }}>
        <Form.Item name="questionnaireId" label="问卷（已发布）" rules={[{ required: true, message: '请选择问卷' }]}>
          <Select aria-label="问卷" loading={qs.isPending} options={(qs.data?.items ?? []).map((q) => ({ value: q.id, label: `${q.title}（${q.orgUnitName}）` }))} notFoundContent="暂无已发布的问卷，请先在“问卷”中编制并发布" />
        </Form.Item>
        <Form.Item name="title" label="调查名称" rules={[{ required: true, message: '请填写调查名称' }]}>
          <Input maxLength={100} placeholder="如：2026年上半年走访慰问满意度调查" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="orgUnitId" label="调查范围（单位）">
            <OrgUnitSelect aria-label="调查范围" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="period" label="服务期间">
            <Select aria-label="服务期间" style={{ width: 180 }} options={periodChoices()} />
          </Form.Item>
          <Form.Item name="closesOn" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DayPicker aria-label="截止日期" style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="sources" label="调查对象来源（期间内接受过以下服务的人）">
          <Checkbox.Group options={surveySources.map((s) => ({ value: s, label: surveySourceLabels[s] }))} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="sampleMode" label="发放方式">
            <Radio.Group optionType="button" options={sampleModes.map((m) => ({ value: m, label: sampleModeLabels[m] }))} />
          </Form.Item>
          {mode && mode !== 'all' && (
            <Form.Item name="sampleValue" label={mode === 'size' ? '样本量（人）' : '抽样比例（%）'}>
              <InputNumber aria-label={mode === 'size' ? '样本量' : '抽样比例'} min={1} max={mode === 'rate' ? 100 : 100000} precision={0} />
            </Form.Item>
          )}
        </Space>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          抽样并发放邀请
        </Button>
      </Form>
    </Card>
  );
}

export function RunsPage() {
  const canWrite = useCan('surveys:write');
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const columns: RecordColumn<SurveyRunDto>[] = [
    {
      key: 'title',
      title: '调查',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/surveys/runs/${r.id}`}>
            <Typography.Text strong>{r.title}</Typography.Text>
          </Link>
          <div className="muted">
            {r.periodLabel} · {r.sources.map((s) => surveySourceLabels[s]).join('、')} · {r.orgUnitName}
          </div>
          {r.closed ? <Tag>已结束</Tag> : <Tag color="green">进行中（截止 {r.closesOn}）</Tag>}
        </div>
      ),
    },
    { key: 'invited', title: '答复/邀请', render: (_v, r) => `${r.answered}/${r.invited}` },
    { key: 'rate', title: '答复率', responsive: ['sm'], render: (_v, r) => pct(r.responseRate) },
    { key: 'satisfaction', title: '满意度', render: (_v, r) => pct(r.satisfaction) },
  ];
  return (
    <PageShell
      title="满意度调查"
      subtitle="从期间内走访、办件、信访的服务对象中抽样调查，网上、二维码邀请函或电话回访作答"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            发起调查
          </Button>
        )
      }
    >
      <SurveysNav />
      {adding && <RunForm onDone={(id) => navigate(`/surveys/runs/${id}`)} />}
      <RecordTable<SurveyRunDto> queryKey={surveyKeys.runs} fetchPage={surveyApi.runs} columns={columns} rowKey="id" filters={[]} storageKey="survey-runs" emptyText="暂无满意度调查" />
    </PageShell>
  );
}
