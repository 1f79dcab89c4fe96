// One unit's evaluation, printable as the unit's report 考评报告 (PDF through the browser): each
// indicator with its formula, the figure's value (live until scoring, then frozen), the unit's
// self-assessment with evidence, the final score and the problem found; the unit fills and submits
// its self-assessment; the upper level (or the named group) fills its sheet, returns, scores and
// publishes; problems become rectification items with an owner and a deadline.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import { evaluationStatusLabels, indicatorMethodLabels, rectificationStatusLabels, setKindLabels, type EvaluationDetail, type EvaluationItemDto } from '../../../shared/schemas/evaluations';
import { useEvaluation, useEvaluationAction, useOpenRectification, useSaveSelf, useSaveSheet, type EvaluationActionName } from '../../api/evaluations';
import { PageShell } from '../../components/page-shell';
import { CaseFileList, FilePicker } from '../../components/case-files';
import { CaseTimeline } from '../../components/case-timeline';
import { DayPicker } from '../../components/day-picker';
import { errorText } from './evaluations-nav';
import { statusColor } from './rounds-page';
import { GradeTag, bandsText } from './grade-tag';

const num = (n: number | null) => (n === null ? '—' : String(n));

function ItemCard({ e, i }: { e: EvaluationDetail; i: EvaluationItemDto }) {
  return (
    <div className="evaluation-item" data-testid={`item-${i.key}`} style={{ padding: 12, borderBottom: '1px solid #f0f0f0', breakInside: 'avoid' }}>
      <Space wrap size={6}>
        <Typography.Text strong>{i.name}</Typography.Text>
        <Tag>{i.weight} 分</Tag>
        <Tag color={i.method === 'figure' ? 'blue' : 'default'}>{indicatorMethodLabels[i.method]}</Tag>
        {i.evidenceRequired && <Tag color="orange">须附佐证</Tag>}
      </Space>
      <div className="muted" style={{ margin: '4px 0' }}>
        {i.formula}
      </div>
      {i.method === 'figure' && (
        <div>
          数据：{i.figureLabel ?? i.figureKey} = <Typography.Text strong>{num(i.value)}</Typography.Text>
          {i.frozen ? <Tag color="green" style={{ marginLeft: 6 }}>评分时已固定</Tag> : <Tag style={{ marginLeft: 6 }}>实时数据</Tag>}
          <span className="muted"> · 按规则得 {num(i.ruleScore)} 分</span>
        </div>
      )}
      {i.method === 'entered' && (
        <div>
          自评：<Typography.Text strong>{num(i.selfScore)}</Typography.Text> 分{i.selfNote && <span className="muted"> · {i.selfNote}</span>}
        </div>
      )}
      <CaseFileList files={i.evidence} base={`/api/evaluations/${e.id}/files`} />
      {/* once the scores are shown (the total is), an indicator without a score reads 未评分, never 0 */}
      {(i.score !== null || e.total !== null) && (
        <div data-testid={`score-${i.key}`}>
          考评得分：{i.score === null ? <Tag>未评分</Tag> : <><Typography.Text strong>{i.score}</Typography.Text> 分</>}
        </div>
      )}
      {i.problem && <div style={{ color: '#cf1322' }}>发现问题：{i.problem}</div>}
    </div>
  );
}

type SelfRow = { selfScore: number | null; selfNote: string; files: MaterialFileUpload[] };

function SelfForm({ e }: { e: EvaluationDetail }) {
  const save = useSaveSelf();
  const act = useEvaluationAction();
  const { message } = App.useApp();
  const entered = e.items.filter((i) => i.method === 'entered');
  const [rows, setRows] = useState<Record<string, SelfRow>>(() => Object.fromEntries(e.items.map((i) => [i.key, { selfScore: i.selfScore, selfNote: i.selfNote, files: [] }])));
  const set = (key: string, v: Partial<SelfRow>) => setRows((r) => ({ ...r, [key]: { ...r[key], ...v } }));
  async function saveAll(): Promise<EvaluationDetail | null> {
    try {
      const d = await save.mutateAsync({ id: e.id, body: { version: e.version, items: entered.map((i) => ({ key: i.key, selfScore: rows[i.key].selfScore, selfNote: rows[i.key].selfNote, files: rows[i.key].files })) } });
      setRows((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ...v, files: [] }])));
      void message.success('自评已保存');
      return d;
    } catch (err) {
      void message.error(errorText(err));
      return null;
    }
  }
  async function submit() {
    const d = await saveAll();
    if (!d) return;
    try {
      await act.mutateAsync({ id: e.id, action: 'submit', body: { version: d.version } });
      void message.success('自评已提交');
    } catch (err) {
      void message.error(errorText(err));
    }
  }
  return (
    <Card size="small" title="填报自评" style={{ marginBottom: 12 }} className="no-print">
      {entered.map((i) => (
        <div key={i.key} style={{ marginBottom: 12 }} data-testid={`self-${i.key}`}>
          <Typography.Text strong>
            {i.name}（{i.weight} 分）
          </Typography.Text>
          <Space wrap style={{ display: 'flex', marginTop: 4 }}>
            <InputNumber aria-label={`${i.name}自评分`} min={0} max={i.weight} step={0.5} value={rows[i.key].selfScore} onChange={(v) => set(i.key, { selfScore: v ?? null })} placeholder="自评分" />
          </Space>
          <Input.TextArea aria-label={`${i.name}说明`} rows={2} maxLength={1000} style={{ marginTop: 6 }} value={rows[i.key].selfNote} onChange={(ev) => set(i.key, { selfNote: ev.target.value })} placeholder="自评说明" />
          <div style={{ marginTop: 6 }}>
            <FilePicker value={rows[i.key].files} onChange={(files) => set(i.key, { files })} testId={`evidence-${i.key}`} />
          </div>
        </div>
      ))}
      <Space wrap>
        <Button onClick={() => void saveAll()} loading={save.isPending}>
          保存自评
        </Button>
        <Button type="primary" onClick={() => void submit()} loading={act.isPending}>
          提交自评
        </Button>
      </Space>
    </Card>
  );
}

function SheetForm({ e }: { e: EvaluationDetail }) {
  const save = useSaveSheet();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Record<string, { score: number | null; problem: string }>>(() => Object.fromEntries(e.items.map((i) => [i.key, { score: i.method === 'entered' ? i.selfScore : null, problem: '' }])));
  const set = (key: string, v: Partial<{ score: number | null; problem: string }>) => setRows((r) => ({ ...r, [key]: { ...r[key], ...v } }));
  async function saveSheet() {
    try {
      await save.mutateAsync({ id: e.id, body: { items: e.items.map((i) => ({ key: i.key, score: i.method === 'entered' || i.value === null ? rows[i.key].score : null, problem: rows[i.key].problem })) } });
      void message.success('评分表已保存');
    } catch (err) {
      void message.error(errorText(err));
    }
  }
  return (
    <Card size="small" title="评分表" style={{ marginBottom: 12 }} className="no-print">
      {e.items.map((i) => (
        <div key={i.key} style={{ marginBottom: 10 }} data-testid={`sheet-${i.key}`}>
          <Typography.Text strong>
            {i.name}（{i.weight} 分）
          </Typography.Text>
          {i.method === 'figure' && i.value !== null ? (
            <span className="muted"> 按数据得 {num(i.ruleScore)} 分</span>
          ) : (
            <InputNumber aria-label={`${i.name}评分`} min={0} max={i.weight} step={0.5} value={rows[i.key].score} onChange={(v) => set(i.key, { score: v ?? null })} style={{ marginLeft: 8 }} />
          )}
          <Input aria-label={`${i.name}发现问题`} maxLength={500} style={{ marginTop: 4 }} value={rows[i.key].problem} onChange={(ev) => set(i.key, { problem: ev.target.value })} placeholder="发现的问题（可不填）" />
        </div>
      ))}
      <Button onClick={() => void saveSheet()} loading={save.isPending}>
        保存评分表
      </Button>
    </Card>
  );
}

function RectificationForm({ e }: { e: EvaluationDetail }) {
  const [form] = Form.useForm();
  const open = useOpenRectification();
  const { message } = App.useApp();
  const withProblem = e.items.find((i) => i.problem);
  async function submit(v: Record<string, unknown>) {
    try {
      await open.mutateAsync({ id: e.id, body: { indicatorKey: v.indicatorKey as string, problem: v.problem as string, ownerUserId: v.ownerUserId as string, dueDay: v.dueDay as string } });
      form.resetFields();
      void message.success('已下达整改事项');
    } catch (err) {
      void message.error(errorText(err));
    }
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ indicatorKey: withProblem?.key, problem: withProblem?.problem, dueDay: dayjs().add(30, 'day').format('YYYY-MM-DD') }} className="no-print">
      <Form.Item name="indicatorKey" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
        <Select aria-label="整改指标" options={e.items.map((i) => ({ value: i.key, label: i.name }))} />
      </Form.Item>
      <Form.Item name="problem" label="问题" rules={[{ required: true, message: '请填写问题' }]}>
        <Input.TextArea aria-label="整改问题" rows={2} maxLength={500} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="ownerUserId" label="整改责任人" rules={[{ required: true, message: '请选择整改责任人' }]}>
          <Select aria-label="整改责任人" style={{ minWidth: 160 }} options={e.unitStaff.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="dueDay" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
          <DayPicker aria-label="整改期限" />
        </Form.Item>
      </Space>
      <Button htmlType="submit" loading={open.isPending}>
        下达整改
      </Button>
    </Form>
  );
}

export function EvaluationPage() {
  const { id } = useParams();
  const q = useEvaluation(id);
  const act = useEvaluationAction();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<null | 'return' | 'reopen'>(null);
  const [reason, setReason] = useState('');
  const e = q.data;
  if (q.isPending) return <Skeleton active />;
  if (!e) return <Alert type="error" showIcon title="未找到该考核评估" />;
  async function run(action: EvaluationActionName, withReason?: string) {
    try {
      await act.mutateAsync({ id: e!.id, action, body: { version: e!.version, ...(withReason !== undefined && { reason: withReason }) } });
      setAsking(null);
      setReason('');
      void message.success({ return: '已退回自评', reopen: '已重新评分', score: '评分已确定', publish: '结果已公布', submit: '已提交' }[action]);
    } catch (err) {
      void message.error(errorText(err));
    }
  }
  const decide = e.canDecide;
  return (
    <PageShell
      title={`${e.orgUnitName} · ${e.round.title}`}
      subtitle="考核评估报告"
      className="evaluation-report"
      extra={
        <Space wrap className="no-print">
          {decide && e.status === 'submitted' && (
            <>
              <Button onClick={() => setAsking('return')}>退回自评</Button>
              <Button type="primary" loading={act.isPending} onClick={() => void run('score')}>
                确定评分
              </Button>
            </>
          )}
          {decide && e.status === 'scored' && (
            <>
              <Button onClick={() => setAsking('reopen')}>重新评分</Button>
              <Button type="primary" loading={act.isPending} onClick={() => void run('publish')}>
                公布结果
              </Button>
            </>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印报告
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }} data-testid="evaluation-facts">
        <Descriptions.Item label="状态">
          <Tag color={statusColor[e.status]}>{evaluationStatusLabels[e.status]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="考评期间">{e.round.periodLabel}</Descriptions.Item>
        <Descriptions.Item label="组织单位">{e.round.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="指标体系">
          {e.round.setName}（{setKindLabels[e.round.setKind]}）
        </Descriptions.Item>
        <Descriptions.Item label="自评截止">{e.round.selfDueDay}</Descriptions.Item>
        <Descriptions.Item label="自评得分">{num(e.selfTotal)}</Descriptions.Item>
        <Descriptions.Item label="考评得分">
          <Typography.Text strong data-testid="evaluation-total">
            {num(e.total)}
          </Typography.Text>
          {e.publishedAt && <span className="muted">（{dayjs(e.publishedAt).format('YYYY-MM-DD')} 公布）</span>}
        </Descriptions.Item>
        <Descriptions.Item label="等次">
          <span data-testid="evaluation-grade">{e.grade === null ? '—' : <GradeTag grade={e.grade} bands={e.round.grades} />}</span>
          <div className="muted" style={{ fontSize: 12 }}>
            {bandsText(e.round.grades)}
          </div>
        </Descriptions.Item>
        <Descriptions.Item label="考评">
          <Link to={`/evaluations/rounds/${e.round.id}`}>{e.round.title}</Link>
          {e.status === 'published' && (
            <>
              {' · '}
              <Link to={`/evaluations/rounds/${e.round.id}/results`}>考评结果公开</Link>
            </>
          )}
        </Descriptions.Item>
      </Descriptions>
      {e.canSelfAssess && <SelfForm key={`self-${e.version}`} e={e} />}
      {e.canScore && <SheetForm key={`sheet-${e.version}`} e={e} />}
      <Card size="small" title={`考评指标（${e.items.length}）`} styles={{ body: { padding: 0 } }} style={{ marginBottom: 12 }}>
        {e.items.map((i) => (
          <ItemCard key={i.key} e={e} i={i} />
        ))}
      </Card>
      {e.sheets.length > 0 && (
        <Card size="small" title="评分表" style={{ marginBottom: 12 }}>
          {e.sheets.map((s) => (
            <div key={s.scorerId} className="muted">
              {s.scorerName}：{s.items.filter((x) => x.score !== null).map((x) => `${e.items.find((i) => i.key === x.key)?.name ?? x.key} ${x.score}`).join('；') || '—'}
            </div>
          ))}
        </Card>
      )}
      {(e.rectifications.length > 0 || (decide && (e.status === 'scored' || e.status === 'published'))) && (
        <Card size="small" title="整改事项" style={{ marginBottom: 12 }}>
          {e.rectifications.map((r) => (
            <div key={r.id} style={{ marginBottom: 8 }} data-testid={`rectification-${r.indicatorKey}`}>
              <Link to={`/evaluations/rectifications/${r.id}`}>{r.indicatorName}</Link>：{r.problem}
              <span className="muted">
                {' '}
                · {r.ownerName} · {r.dueDay} 前
              </span>{' '}
              <Tag color={r.status === 'done' ? 'success' : r.overdue ? 'error' : 'processing'}>{r.overdue ? '已逾期' : rectificationStatusLabels[r.status]}</Tag>
            </div>
          ))}
          {decide && (e.status === 'scored' || e.status === 'published') && <RectificationForm e={e} />}
        </Card>
      )}
      <Card size="small" title="办理记录" className="no-print">
        <CaseTimeline log={e.log} />
      </Card>
      <Modal open={asking !== null} title={asking === 'return' ? '退回自评' : '重新评分'} okText="确定" onCancel={() => setAsking(null)} onOk={() => asking && void run(asking, reason)} confirmLoading={act.isPending} destroyOnHidden>
        <Input.TextArea rows={3} aria-label="意见" placeholder={asking === 'return' ? '请填写退回意见' : '请填写原因'} value={reason} onChange={(ev) => setReason(ev.target.value)} />
      </Modal>
    </PageShell>
  );
}
