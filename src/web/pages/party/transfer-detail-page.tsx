// An organisation transfer's page: the letter, the steps (开具介绍信 → 报到 → 接收) with their days,
// the due day with the overdue mark, the actions (报到, 接收, 撤销) and the case log.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Result, Space, Spin, Steps } from 'antd';
import { partyTransferCancel, partyTransferComplete, partyTransferReport, type PartyTransferDetail } from '../../../shared/schemas/party';
import { useCancelTransfer, useCompleteTransfer, usePartyTransfer, useReportTransfer } from '../../api/party';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { CaseTimeline } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { TransferStatusTag } from './party-tags';

type Kind = 'report' | 'complete' | 'cancel' | null;

function ActionModal({ c, kind, onClose }: { c: PartyTransferDetail; kind: Kind; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const report = useReportTransfer();
  const complete = useCompleteTransfer();
  const cancel = useCancelTransfer();
  const spec = {
    report: { title: '登记报到', schema: partyTransferReport, run: report, day: 'reportedOn', dayLabel: '报到日期', min: c.letterIssuedOn, done: '已登记报到' },
    complete: { title: '登记接收', schema: partyTransferComplete, run: complete, day: 'doneOn', dayLabel: '接收日期', min: c.reportedOn ?? c.letterIssuedOn, done: '转接完成，党员所在支部已变更' },
    cancel: { title: '撤销转接', schema: partyTransferCancel, run: cancel, day: null, dayLabel: '', min: '', done: '已撤销' },
  } as const;
  if (!kind) return null;
  const s = spec[kind];
  const submit = async () => {
    const body = parseWithSchema(form, s.schema, { ...(form.getFieldsValue() as Record<string, unknown>), version: c.version });
    if (!body) return;
    try {
      await s.run.mutateAsync({ id: c.id, body: body as never });
      void message.success(s.done);
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '操作失败，请稍后重试');
    }
  };
  return (
    <Modal title={s.title} open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={s.run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ [s.day ?? 'reason']: s.day ? todayDay() : '', note: '' }}>
        {s.day ? (
          <>
            <Form.Item name={s.day} label={s.dayLabel} rules={[{ required: true, message: `请选择${s.dayLabel}` }]}>
              <DayPicker aria-label={s.dayLabel} minDay={s.min} maxDay={todayDay()} />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} maxLength={500} aria-label="说明" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reason" label="撤销原因" rules={[{ required: true, message: '请填写撤销原因' }]}>
            <Input.TextArea rows={2} maxLength={500} aria-label="撤销原因" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function TransferDetailPage() {
  const { id } = useParams();
  const q = usePartyTransfer(id);
  const [kind, setKind] = useState<Kind>(null);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Result status="warning" title="组织关系转接暂时无法读取" subTitle={q.error.message} />;
  const c = q.data;
  const open = c.status === 'issued' || c.status === 'reported';
  const current = c.status === 'issued' ? 1 : c.status === 'reported' ? 2 : 3;
  return (
    <PageShell
      title={`组织关系转接：${c.recipientName}`}
      subtitle={`${c.fromName} → ${c.toName}`}
      extra={
        c.canEdit && (
          <Space wrap>
            {c.status === 'issued' && (
              <Button type="primary" onClick={() => setKind('report')}>
                登记报到
              </Button>
            )}
            {c.status === 'reported' && (
              <Button type="primary" onClick={() => setKind('complete')}>
                登记接收
              </Button>
            )}
            <Button danger onClick={() => setKind('cancel')}>
              撤销
            </Button>
          </Space>
        )
      }
    >
      {c.overdue && <Alert type="error" showIcon title={`已超过转接时限（应于 ${c.dueDay ?? ''} 前办结），请尽快督促党员报到、转入支部接收`} style={{ marginBottom: 12 }} data-testid="party-transfer-overdue" />}
      {c.status === 'done' && <Alert type="success" showIcon title={`已于 ${c.doneOn ?? ''} 转接完成${c.onTime === false ? '（超期办结）' : ''}`} style={{ marginBottom: 12 }} />}
      <Card style={{ marginBottom: 12 }}>
        <Steps
          size="small"
          current={c.status === 'cancelled' ? 0 : current}
          status={c.status === 'cancelled' ? 'error' : open && c.overdue ? 'error' : undefined}
          items={[
            { title: '开具介绍信', content: c.letterIssuedOn },
            { title: '报到', content: c.reportedOn ?? '' },
            { title: '接收', content: c.doneOn ?? '' },
          ]}
        />
      </Card>
      <Card title="转接信息" data-testid="party-transfer-facts">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="党员">
            <Link to={`/recipients/${c.recipientId}`}>{c.recipientName}</Link>
            <span className="muted"> {c.recipientIdMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <TransferStatusTag t={c} />
          </Descriptions.Item>
          <Descriptions.Item label="转出党组织">{c.fromName}</Descriptions.Item>
          <Descriptions.Item label="转入党组织">{c.toName}</Descriptions.Item>
          <Descriptions.Item label="介绍信编号">{c.letterNo}</Descriptions.Item>
          <Descriptions.Item label="开具日期">{c.letterIssuedOn}</Descriptions.Item>
          <Descriptions.Item label="转接时限">{c.limitDays} 天</Descriptions.Item>
          <Descriptions.Item label="应办结日期">{c.dueDay ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="办理单位">{c.orgUnitName}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="办理记录" style={{ marginTop: 12 }}>
        <CaseTimeline log={c.log} showStates={false} />
      </Card>
      <ActionModal key={kind ?? 'none'} c={c} kind={kind} onClose={() => setKind(null)} />
    </PageShell>
  );
}
