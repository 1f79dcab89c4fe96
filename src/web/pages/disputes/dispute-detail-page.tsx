// A dispute's page: the ledger facts, the case's log (化解措施及进展 and every other action, in the
// one case timeline), 研判与方案
// (risk, responsible person, leader, deadline, plan), and 销号 (result and day, by the responsible
// person or a unit head). A closed dispute is read-only. 打印 gives an A4 sheet of it.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Result, Space, Spin, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { disputeClose, disputeMethodLabels, disputeProgressCreate, disputeUpdate, riskLevelLabels, riskLevels, type DisputeDetail } from '../../../shared/schemas/disputes';
import { useAddProgress, useCloseDispute, useDispute, useUpdateDisputePlan } from '../../api/disputes';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { CaseTimeline, type CaseTimelineEntry } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { DisputeStatusTag, RiskTag } from './dispute-tags';
import { PeopleSelect } from './people-select';

/** What a log entry's data says: a progress entry's day, measure and progress; a plan's deadline and risk; a closure's day. */
function renderLogData(l: CaseTimelineEntry) {
  const d = l.data as Record<string, string | null | undefined>;
  if (l.action === 'progress') {
    return (
      <div>
        <Typography.Text strong>{d.day}</Typography.Text>　{d.measure}
        {d.progress && <div>{d.progress}</div>}
      </div>
    );
  }
  if (l.action === 'plan') return <div className="muted">风险等级：{riskLevelLabels[d.riskLevel as keyof typeof riskLevelLabels] ?? d.riskLevel}；化解时限：{d.deadline}</div>;
  if (l.action === 'close') return <div className="muted">销号日期：{d.closedOn}</div>;
  return null;
}

function errorText(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

function ProgressForm({ d }: { d: DisputeDetail }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const add = useAddProgress();
  async function submit(values: Record<string, unknown>) {
    const body = parseWithSchema(form, disputeProgressCreate, { ...values, version: d.version });
    if (!body) return;
    try {
      await add.mutateAsync({ id: d.id, body });
      form.resetFields();
      form.setFieldsValue({ day: todayDay() });
      void message.success('已记录');
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorText(e));
    }
  }
  return (
    <Form form={form} layout="vertical" initialValues={{ day: todayDay() }} onFinish={(v: Record<string, unknown>) => void submit(v)} className="no-print">
      <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]} style={{ maxWidth: 220 }}>
        <DayPicker aria-label="进展日期" maxDay={todayDay()} minDay={d.foundOn} />
      </Form.Item>
      <Form.Item name="measure" label="化解措施" rules={[{ required: true, message: '请填写化解措施' }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder="如：入户走访、组织调解、联系相关部门" />
      </Form.Item>
      <Form.Item name="progress" label="进展情况">
        <Input.TextArea rows={2} maxLength={500} placeholder="当事人态度、达成的共识、下一步安排" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        记录进展
      </Button>
    </Form>
  );
}

function PlanModal({ d, open, onClose }: { d: DisputeDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const update = useUpdateDisputePlan();
  async function submit() {
    const body = parseWithSchema(form, disputeUpdate, { ...form.getFieldsValue(), version: d.version });
    if (!body) return;
    try {
      await update.mutateAsync({ id: d.id, body });
      void message.success('已保存');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorText(e));
    }
  }
  return (
    <Modal title="研判与化解方案" open={open} onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={update.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ riskLevel: d.riskLevel, responsibleUserId: d.responsibleUserId, leaderUserId: d.leaderUserId, deadline: d.deadline, plan: d.plan, note: d.note }}>
        <Form.Item name="riskLevel" label="风险等级">
          <Radio.Group optionType="button" buttonStyle="solid" options={riskLevels.map((r) => ({ value: r, label: riskLevelLabels[r] }))} />
        </Form.Item>
        <Form.Item name="responsibleUserId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
          <PeopleSelect orgUnitId={d.orgUnitId} aria-label="责任人" />
        </Form.Item>
        <Form.Item name="leaderUserId" label="包案领导">
          <PeopleSelect orgUnitId={d.orgUnitId} aria-label="包案领导" allowClear placeholder="（不需要包案可不选）" />
        </Form.Item>
        <Form.Item name="deadline" label="化解时限" rules={[{ required: true, message: '请选择化解时限' }]}>
          <DayPicker aria-label="化解时限" minDay={d.foundOn} />
        </Form.Item>
        <Form.Item name="plan" label="化解方案">
          <Input.TextArea rows={4} maxLength={1000} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseModal({ d, open, onClose }: { d: DisputeDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const close = useCloseDispute();
  async function submit() {
    const body = parseWithSchema(form, disputeClose, { ...form.getFieldsValue(), version: d.version });
    if (!body) return;
    try {
      await close.mutateAsync({ id: d.id, body });
      void message.success('已销号');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorText(e));
    }
  }
  return (
    <Modal title="销号（一案一销）" open={open} onCancel={onClose} onOk={() => void submit()} okText="确认销号" confirmLoading={close.isPending} destroyOnHidden>
      <Alert type="warning" showIcon title="销号后本条记录不能再修改。" style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ closedOn: todayDay(), result: '' }}>
        <Form.Item name="closedOn" label="销号日期" rules={[{ required: true, message: '请选择销号日期' }]}>
          <DayPicker aria-label="销号日期" maxDay={todayDay()} minDay={d.foundOn} />
        </Form.Item>
        <Form.Item name="result" label="化解结果" rules={[{ required: true, message: '请填写化解结果' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：双方签订调解协议，矛盾已化解" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DisputeDetailPage() {
  const { id } = useParams();
  const q = useDispute(id);
  const canWrite = useCan('disputes:write');
  const [modal, setModal] = useState<'plan' | 'close' | null>(null);
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!q.data) return <Result status="404" title={q.error ? errorText(q.error) : '未找到该矛盾纠纷'} extra={<Link to="/disputes">返回列表</Link>} />;
  const d = q.data;
  const open = d.status === 'open';
  const parties = d.parties.map((p) => (p.recipientId ? <Link key={p.recipientId} to={`/recipients/${p.recipientId}`}>{p.name}</Link> : <span key={p.name}>{p.name}</span>));
  return (
    <PageShell
      title={`矛盾纠纷：${d.parties.map((p) => p.name).join('、')}`}
      subtitle={<Space size={4}>{d.villageName}<RiskTag level={d.riskLevel} /><DisputeStatusTag d={d} /></Space>}
      extra={
        <Space wrap>
          {open && canWrite && (
            <Button icon={<EditOutlined />} onClick={() => setModal('plan')}>
              研判与方案
            </Button>
          )}
          {d.canClose && (
            <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setModal('close')}>
              销号
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      }
    >
      <Typography.Title level={4} className="print-only" style={{ textAlign: 'center' }}>
        矛盾纠纷排查化解登记表
      </Typography.Title>
      {!open && <Alert type="success" showIcon title={`已于 ${d.closedOn ?? ''} 销号（${d.closedByName}）：${d.result}`} style={{ marginBottom: 12 }} />}
      {open && d.overdue && <Alert type="error" showIcon title={`已超过化解时限（${d.deadline}）`} style={{ marginBottom: 12 }} />}
      <Card>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="排查日期">{d.foundOn}</Descriptions.Item>
          <Descriptions.Item label="排查方式">{disputeMethodLabels[d.method]}</Descriptions.Item>
          <Descriptions.Item label="当事人">
            <Space size={6} wrap>{parties}</Space>
          </Descriptions.Item>
          <Descriptions.Item label="所属村(社区)">{d.villageName}</Descriptions.Item>
          <Descriptions.Item label="纠纷简要情况" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{d.summary}</span>
          </Descriptions.Item>
          <Descriptions.Item label="风险等级">{riskLevelLabels[d.riskLevel]}</Descriptions.Item>
          <Descriptions.Item label="化解时限">{d.deadline}</Descriptions.Item>
          <Descriptions.Item label="责任人">{d.responsibleName}</Descriptions.Item>
          <Descriptions.Item label="包案领导">{d.leaderName || '—'}</Descriptions.Item>
          <Descriptions.Item label="化解方案" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{d.plan || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="化解结果">{d.result || '—'}</Descriptions.Item>
          <Descriptions.Item label="销号日期">{d.closedOn ?? '—'}</Descriptions.Item>
          {d.note ? (
            <Descriptions.Item label="备注" span={2}>
              {d.note}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title="化解措施及进展" className="dispute-section">
        <div className="dispute-progress">
          <CaseTimeline log={d.log} renderData={renderLogData} showStates={false} empty="尚无进展记录" />
        </div>
        {open && canWrite && <ProgressForm d={d} />}
      </Card>
      <PlanModal d={d} open={modal === 'plan'} onClose={() => setModal(null)} />
      <CloseModal d={d} open={modal === 'close'} onClose={() => setModal(null)} />
    </PageShell>
  );
}
