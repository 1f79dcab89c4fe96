// A support plan's page (一人一策): the person, the situation and goals, the measures with their
// owners, due days and 落实情况 (done on a day with a note, or not done), the reviews, the case log;
// 调整计划, 增加措施, 跟踪评估 and 结案 while it runs. A closed plan is read-only. 打印 gives the plan on
// an A4 sheet (帮扶计划表) with the signatures.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Form, Grid, Input, Modal, Radio, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, FileDoneOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { difficultyKindLabels, difficultyKinds, measureAdd, measureMark, supportPlanClose, supportPlanReview, supportPlanUpdate, type MeasureDto, type SupportPlanDetail } from '../../../shared/schemas/support-plans';
import { useAddMeasure, useCloseSupportPlan, useMarkMeasure, useReviewSupportPlan, useSupportPlan, useUpdateSupportPlan } from '../../api/support-plans';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { CaseTimeline, type CaseTimelineEntry } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PlanPeopleSelect, PlanStatusTag } from './plan-tags';

/** Printing lays the measures out as a table, whatever the screen. */
function isPrinting(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('print').matches === true;
}

function errorText(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

function renderLogData(l: CaseTimelineEntry) {
  const d = (l.data ?? {}) as Record<string, unknown>;
  if (l.action === 'addMeasure') return <div>{String(d.content ?? '')}<span className="muted">（完成时限 {String(d.dueOn ?? '')}）</span></div>;
  if (l.action === 'markMeasure') return <div className="muted">{d.done ? `已完成 ${String(d.doneOn ?? '')}` : '改为未完成'}{d.note ? `：${String(d.note)}` : ''}</div>;
  if (l.action === 'review') return <div>{String(d.reviewedOn ?? '')}　{String(d.findings ?? '')}<div className="muted">下次评估：{String(d.nextReviewOn ?? '')}</div></div>;
  if (l.action === 'close') return <div className="muted">结案日期：{String(d.closedOn ?? '')}</div>;
  return null;
}

type ModalKind = 'update' | 'measure' | 'review' | 'close' | null;

function useSubmit<B>(form: ReturnType<typeof Form.useForm>[0], schema: Parameters<typeof parseWithSchema>[1], run: (body: B) => Promise<unknown>, done: string, onClose: () => void) {
  const { message } = App.useApp();
  return async (extra: Record<string, unknown>) => {
    const body = parseWithSchema(form, schema, { ...(form.getFieldsValue() as Record<string, unknown>), ...extra }) as B | null;
    if (!body) return;
    try {
      await run(body);
      void message.success(done);
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorText(e));
    }
  };
}

function UpdateModal({ p, open, onClose }: { p: SupportPlanDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useUpdateSupportPlan();
  const submit = useSubmit(form, supportPlanUpdate, (body) => m.mutateAsync({ id: p.id, body: body as never }), '已保存', onClose);
  return (
    <Modal title="调整计划" open={open} onCancel={onClose} onOk={() => void submit({ version: p.version })} okText="保存" confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ difficulty: p.difficulty, situation: p.situation, goals: p.goals, responsibleUserId: p.responsibleUserId }}>
        <Form.Item name="difficulty" label="困难类型">
          <Radio.Group options={difficultyKinds.map((d) => ({ value: d, label: difficultyKindLabels[d] }))} />
        </Form.Item>
        <Form.Item name="situation" label="困难情况" rules={[{ required: true, message: '请填写困难情况' }]}>
          <Input.TextArea rows={4} maxLength={1000} />
        </Form.Item>
        <Form.Item name="goals" label="帮扶目标" rules={[{ required: true, message: '请填写帮扶目标' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="responsibleUserId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
          <PlanPeopleSelect orgUnitId={p.orgUnitId} aria-label="责任人" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MeasureModal({ p, open, onClose }: { p: SupportPlanDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useAddMeasure();
  const submit = useSubmit(form, measureAdd, (body) => m.mutateAsync({ id: p.id, body: body as never }), '已增加措施', onClose);
  return (
    <Modal title="增加帮扶措施" open={open} onCancel={onClose} onOk={() => void submit({ version: p.version })} okText="增加" confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ content: '', ownerUserId: p.responsibleUserId, dueOn: dayjs(todayDay()).add(1, 'month').format('YYYY-MM-DD') }}>
        <Form.Item name="content" label="措施内容" rules={[{ required: true, message: '请填写帮扶措施' }]}>
          <Input.TextArea rows={2} maxLength={300} placeholder="如：协助申请临时救助" aria-label="措施内容" />
        </Form.Item>
        <Form.Item name="ownerUserId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
          <PlanPeopleSelect orgUnitId={p.orgUnitId} aria-label="措施责任人" />
        </Form.Item>
        <Form.Item name="dueOn" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
          <DayPicker aria-label="完成时限" minDay={p.openedOn} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MarkModal({ p, measure, onClose }: { p: SupportPlanDetail; measure: MeasureDto | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useMarkMeasure();
  const done = Form.useWatch('done', form) as boolean | undefined;
  const submit = useSubmit(form, measureMark, (body) => m.mutateAsync({ id: p.id, body: body as never }), '已登记落实情况', onClose);
  if (!measure) return null;
  return (
    <Modal title={`落实情况：${measure.content}`} open onCancel={onClose} onOk={() => void submit({ version: p.version, measureId: measure.id, doneOn: form.getFieldValue('done') ? form.getFieldValue('doneOn') : null })} okText="保存" confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ done: !measure.done, doneOn: measure.doneOn ?? todayDay(), note: measure.note }}>
        <Form.Item name="done" valuePropName="checked">
          <Checkbox>已完成</Checkbox>
        </Form.Item>
        {done && (
          <Form.Item name="doneOn" label="完成日期" rules={[{ required: true, message: '请填写完成日期' }]}>
            <DayPicker aria-label="完成日期" minDay={p.openedOn} maxDay={todayDay()} />
          </Form.Item>
        )}
        <Form.Item name="note" label="落实情况说明">
          <Input.TextArea rows={2} maxLength={300} placeholder="如：救助金 2000 元已发放" aria-label="落实情况说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReviewModal({ p, open, onClose }: { p: SupportPlanDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useReviewSupportPlan();
  const submit = useSubmit(form, supportPlanReview, (body) => m.mutateAsync({ id: p.id, body: body as never }), '已记录评估', onClose);
  return (
    <Modal title="跟踪评估" open={open} onCancel={onClose} onOk={() => void submit({ version: p.version })} okText="保存" confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ reviewedOn: todayDay(), findings: '', nextReviewOn: dayjs(todayDay()).add(3, 'month').format('YYYY-MM-DD') }}>
        <Form.Item name="reviewedOn" label="评估日期" rules={[{ required: true, message: '请选择评估日期' }]}>
          <DayPicker aria-label="评估日期" minDay={p.openedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="findings" label="评估情况" rules={[{ required: true, message: '请填写评估情况' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="措施落实效果、困难变化、下一步调整" />
        </Form.Item>
        <Form.Item name="nextReviewOn" label="下次评估日期" rules={[{ required: true, message: '请选择下次评估日期' }]}>
          <DayPicker aria-label="下次评估日期" minDay={todayDay()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseModal({ p, open, onClose }: { p: SupportPlanDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useCloseSupportPlan();
  const submit = useSubmit(form, supportPlanClose, (body) => m.mutateAsync({ id: p.id, body: body as never }), '已结案', onClose);
  const open_ = p.measures.filter((x) => !x.done).length;
  return (
    <Modal title="结案" open={open} onCancel={onClose} onOk={() => void submit({ version: p.version })} okText="确认结案" confirmLoading={m.isPending} destroyOnHidden>
      <Alert type="warning" showIcon title={`结案后计划不能再修改。${open_ ? `尚有 ${open_} 项措施未完成。` : ''}`} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ closedOn: todayDay(), outcome: '' }}>
        <Form.Item name="closedOn" label="结案日期" rules={[{ required: true, message: '请选择结案日期' }]}>
          <DayPicker aria-label="结案日期" minDay={p.openedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="outcome" label="帮扶成效" rules={[{ required: true, message: '请填写帮扶成效' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：医疗救助到位，家庭生活恢复稳定" aria-label="帮扶成效" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MeasureState({ m }: { m: MeasureDto }) {
  if (m.done) return <Tag color="green">已完成 {m.doneOn}</Tag>;
  if (m.overdue) return <Tag color="red">未完成·已超期</Tag>;
  return <Tag>未完成</Tag>;
}

function MarkButton({ m, onMark }: { m: MeasureDto; onMark: (m: MeasureDto) => void }) {
  return (
    <Button size="small" type={m.done ? 'default' : 'primary'} ghost={!m.done} onClick={() => onMark(m)} aria-label={`登记落实：${m.content}`} className="no-print">
      {m.done ? '改为未完成' : '登记完成'}
    </Button>
  );
}

function Measures({ p, onMark }: { p: SupportPlanDetail; onMark: (m: MeasureDto) => void }) {
  // on a phone each measure is a card (a table would scroll its text off the screen)
  const narrow = !Grid.useBreakpoint().md;
  if (narrow && !isPrinting()) {
    if (p.measures.length === 0) return <div className="muted">尚无帮扶措施</div>;
    return (
      <div className="plan-measures">
        {p.measures.map((m) => (
          <div key={m.id} className="plan-measure-card">
            <div style={{ whiteSpace: 'pre-wrap' }}>
              {m.seq}. {m.content}
            </div>
            {m.note && <div className="muted">{m.note}</div>}
            <Flex wrap gap={6} align="center" style={{ marginTop: 4 }}>
              <span className="muted">
                {m.ownerName} · {m.dueOn} 前
              </span>
              <MeasureState m={m} />
              {p.canEdit && <MarkButton m={m} onMark={onMark} />}
            </Flex>
          </div>
        ))}
      </div>
    );
  }
  return (
    <Table<MeasureDto>
      className="plan-measures"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={p.measures}
      locale={{ emptyText: '尚无帮扶措施' }}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'seq', title: '序号', dataIndex: 'seq', width: 48 },
        { key: 'content', title: '帮扶措施', render: (_v, m) => <div style={{ minWidth: 160, maxWidth: 380, whiteSpace: 'pre-wrap' }}>{m.content}{m.note && <div className="muted">{m.note}</div>}</div> },
        { key: 'owner', title: '责任人', dataIndex: 'ownerName' },
        { key: 'dueOn', title: '完成时限', dataIndex: 'dueOn' },
        { key: 'state', title: '落实情况', render: (_v, m) => <MeasureState m={m} /> },
        ...(p.canEdit
          ? [
              {
                key: 'act',
                title: '',
                className: 'no-print',
                render: (_v: unknown, m: MeasureDto) => <MarkButton m={m} onMark={onMark} />,
              },
            ]
          : []),
      ]}
    />
  );
}

export function PlanDetailPage() {
  const { id } = useParams();
  const q = useSupportPlan(id);
  const [modal, setModal] = useState<ModalKind>(null);
  const [marking, setMarking] = useState<MeasureDto | null>(null);
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!q.data) return <Result status="404" title={q.error ? errorText(q.error) : '未找到该帮扶计划'} extra={<Link to="/support-plans">返回列表</Link>} />;
  const p = q.data;
  const active = p.status === 'active';
  const close = () => setModal(null);
  return (
    <PageShell
      title={`一人一策：${p.recipientName}`}
      className="print-own-head"
      subtitle={
        <Space size={4} wrap>
          {p.orgUnitName}
          <Tag>{difficultyKindLabels[p.difficulty]}</Tag>
          <PlanStatusTag p={p} />
        </Space>
      }
      extra={
        <Space wrap>
          {p.canEdit && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setModal('update')}>
                调整计划
              </Button>
              <Button icon={<FileDoneOutlined />} onClick={() => setModal('review')}>
                跟踪评估
              </Button>
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setModal('close')}>
                结案
              </Button>
            </>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      }
    >
      <div className="print-only print-head">
        <div className="print-title">“一人一策”帮扶计划表</div>
        <div className="print-meta">
          {p.orgUnitName} · 打印于 {dayjs().format('YYYY-MM-DD HH:mm')}
        </div>
      </div>
      {!active && <Alert type="success" showIcon title={`已于 ${p.closedOn ?? ''} 结案（${p.closedByName}）：${p.outcome}`} style={{ marginBottom: 12 }} />}
      {active && p.overdue && <Alert type="error" showIcon title={`已超过评估日期（${p.nextReviewOn ?? ''}），请尽快跟踪评估`} style={{ marginBottom: 12 }} className="no-print" />}
      <Card>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="服务对象">
            <Link to={`/recipients/${p.recipientId}`}>{p.recipientName}</Link>
            <span className="muted"> {p.recipientIdMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label="所属单位">{p.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="困难类型">{difficultyKindLabels[p.difficulty]}</Descriptions.Item>
          <Descriptions.Item label="责任人">{p.responsibleName}</Descriptions.Item>
          <Descriptions.Item label="困难情况" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{p.situation}</span>
          </Descriptions.Item>
          <Descriptions.Item label="帮扶目标" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{p.goals}</span>
          </Descriptions.Item>
          <Descriptions.Item label="制定日期">{p.openedOn}</Descriptions.Item>
          <Descriptions.Item label={active ? '下次评估' : '结案日期'}>{active ? p.nextReviewOn : p.closedOn}</Descriptions.Item>
          {!active && (
            <Descriptions.Item label="帮扶成效" span={2}>
              {p.outcome}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card
        title={`帮扶措施（已完成 ${p.measuresDone}/${p.measureCount}）`}
        className="plan-section"
        extra={
          p.canEdit && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setModal('measure')}>
              增加措施
            </Button>
          )
        }
      >
        <Measures p={p} onMark={setMarking} />
      </Card>
      <Card title="跟踪评估" className="plan-section">
        {p.reviews.length === 0 ? (
          <div className="muted">尚无评估记录</div>
        ) : (
          p.reviews.map((r, i) => (
            <div key={i} className="plan-measure-card">
              <Typography.Text strong>{r.reviewedOn}</Typography.Text>　{r.findings}
              <div className="muted">
                评估人 {r.actorName} · 下次评估 {r.nextReviewOn}
              </div>
            </div>
          ))
        )}
      </Card>
      <Card title="办理记录" className="plan-section no-print">
        <CaseTimeline log={p.log} renderData={renderLogData} showStates={false} />
      </Card>
      <div className="plan-print-sign">
        <span>责任人（签字）：</span>
        <span>服务对象（签字）：</span>
        <span>单位（盖章）：</span>
      </div>
      <UpdateModal p={p} open={modal === 'update'} onClose={close} />
      <MeasureModal p={p} open={modal === 'measure'} onClose={close} />
      <ReviewModal p={p} open={modal === 'review'} onClose={close} />
      <CloseModal p={p} open={modal === 'close'} onClose={close} />
      <MarkModal key={marking?.id ?? 'none'} p={p} measure={marking} onClose={() => setMarking(null)} />
    </PageShell>
  );
}
