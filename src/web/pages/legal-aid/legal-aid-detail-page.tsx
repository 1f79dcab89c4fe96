// A legal-aid case's page (法律援助): the application (Part 10 二) with the advised route, the
// referral to a directory entry and its acknowledgement 回执 (with its working-day deadline), the
// follow-up entries, the closing 案结事了 and the case log. 打印 gives the 法律援助申请表 on an A4
// sheet with the signatures. A closed case is read-only.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleOutlined, FileDoneOutlined, PrinterOutlined, SendOutlined, SolutionOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  LEGAL_AID_ACK_WORKING_DAYS,
  legalAidAck,
  legalAidClose,
  legalAidFollowUp,
  legalAidMatterKindLabels,
  legalAidOutcomeKindLabels,
  legalAidOutcomeKinds,
  legalAidPartnerKindLabels,
  legalAidRefer,
  legalAidRouteLabels,
  partnerKindsFor,
  type LegalAidDetail,
} from '../../../shared/schemas/legal-aid';
import { useAcknowledgeLegalAid, useCloseLegalAid, useFollowUpLegalAid, useLegalAid, useLegalAidPartners, useLegalAidSettings, useReferLegalAid } from '../../api/legal-aid';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { CaseTimeline, type CaseTimelineEntry } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { LegalAidStatusTag } from './legal-aid-tags';
import { LegalAidMaterials } from './legal-aid-materials';

function errorText(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

function renderLogData(l: CaseTimelineEntry) {
  const d = (l.data ?? {}) as Record<string, unknown>;
  if (l.action === 'refer') return <div className="muted">转介日期：{String(d.referredOn ?? '')}</div>;
  if (l.action === 'acknowledge') return <div className="muted">回执日期：{String(d.acknowledgedOn ?? '')}　接收人：{String(d.receiver ?? '')}</div>;
  if (l.action === 'followUp') return <div>{String(d.on ?? '')}　{String(d.progress ?? '')}</div>;
  if (l.action === 'close') return <div className="muted">结案日期：{String(d.closedOn ?? '')}　{legalAidOutcomeKindLabels[d.outcomeKind as keyof typeof legalAidOutcomeKindLabels] ?? ''}</div>;
  return null;
}

type ModalKind = 'refer' | 'ack' | 'followUp' | 'close' | null;

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

function ReferModal({ c, open, onClose }: { c: LegalAidDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useReferLegalAid();
  const partners = useLegalAidPartners({ forUnitId: c.orgUnitId, active: 'true' }, open);
  const kinds = partnerKindsFor(c.route);
  // the county's 法律援助设置 the referral takes (a case kept above county level: the default)
  const settings = useLegalAidSettings(undefined, open, c.orgUnitId);
  const ackDays = settings.data?.ackWorkingDays ?? (settings.isError ? LEGAL_AID_ACK_WORKING_DAYS : undefined);
  const options = (partners.data?.items ?? []).filter((p) => kinds.includes(p.kind)).map((p) => ({ value: p.id, label: `${p.name}（${legalAidPartnerKindLabels[p.kind]}，${p.orgUnitName}）` }));
  const submit = useSubmit(form, legalAidRefer, (body) => m.mutateAsync({ id: c.id, body: body as never }), '已转介', onClose);
  return (
    <Modal title="转介" open={open} onCancel={onClose} onOk={() => void submit({ version: c.version })} okText="转介" confirmLoading={m.isPending} destroyOnHidden>
      <Alert type="info" showIcon title={`建议途径：${legalAidRouteLabels[c.route]}。${ackDays === undefined ? '' : `接收机构应在 ${ackDays} 个工作日内回执。`}`} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ referredOn: todayDay(), note: '' }}>
        <Form.Item name="partnerId" label="接收机构" rules={[{ required: true, message: '请选择接收机构' }]} extra={options.length === 0 && !partners.isLoading ? <span>名录中没有可选机构，请先在<Link to="/legal-aid/partners">机构名录</Link>中添加</span> : undefined}>
          <Select aria-label="接收机构" loading={partners.isLoading} options={options} placeholder="本单位及上级单位名录中的机构" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="referredOn" label="转介日期" rules={[{ required: true, message: '请选择转介日期' }]}>
          <DayPicker aria-label="转介日期" minDay={c.appliedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} placeholder="如：已电话联系中心值班律师，材料当面移交" aria-label="转介说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AckModal({ c, open, onClose }: { c: LegalAidDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useAcknowledgeLegalAid();
  const submit = useSubmit(form, legalAidAck, (body) => m.mutateAsync({ id: c.id, body: body as never }), '已登记回执', onClose);
  return (
    <Modal title="登记回执" open={open} onCancel={onClose} onOk={() => void submit({ version: c.version })} okText="保存" confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ acknowledgedOn: todayDay(), receiver: '', note: '' }}>
        <Form.Item name="acknowledgedOn" label="回执日期" rules={[{ required: true, message: '请选择回执日期' }]}>
          <DayPicker aria-label="回执日期" minDay={c.referredOn ?? c.appliedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="receiver" label="接收人" rules={[{ required: true, message: '请填写接收人' }]}>
          <Input maxLength={50} placeholder="接收机构的经办人或承办律师" aria-label="接收人" />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} aria-label="回执说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FollowUpModal({ c, open, onClose }: { c: LegalAidDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useFollowUpLegalAid();
  const submit = useSubmit(form, legalAidFollowUp, (body) => m.mutateAsync({ id: c.id, body: body as never }), '已记录跟踪情况', onClose);
  return (
    <Modal title="跟踪记录" open={open} onCancel={onClose} onOk={() => void submit({ version: c.version })} okText="保存" confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ on: todayDay(), progress: '' }}>
        <Form.Item name="on" label="跟踪日期" rules={[{ required: true, message: '请选择跟踪日期' }]}>
          <DayPicker aria-label="跟踪日期" minDay={c.acknowledgedOn ?? c.appliedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="progress" label="进展情况" rules={[{ required: true, message: '请填写进展情况' }]}>
          <Input.TextArea rows={3} maxLength={1000} placeholder="如：已指派律师，仲裁委已受理" aria-label="进展情况" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseModal({ c, open, onClose }: { c: LegalAidDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useCloseLegalAid();
  const submit = useSubmit(form, legalAidClose, (body) => m.mutateAsync({ id: c.id, body: body as never }), '已案结事了', onClose);
  return (
    <Modal title="案结事了" open={open} onCancel={onClose} onOk={() => void submit({ version: c.version })} okText="确认结案" confirmLoading={m.isPending} destroyOnHidden>
      <Alert type="warning" showIcon title="结案后不能再修改。" style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ closedOn: todayDay(), outcomeKind: c.status === 'registered' ? 'guided' : 'resolved', outcome: '' }}>
        <Form.Item name="closedOn" label="结案日期" rules={[{ required: true, message: '请选择结案日期' }]}>
          <DayPicker aria-label="结案日期" minDay={c.acknowledgedOn ?? c.appliedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="outcomeKind" label="结案情况" rules={[{ required: true, message: '请选择结案情况' }]}>
          <Radio.Group options={legalAidOutcomeKinds.map((k) => ({ value: k, label: legalAidOutcomeKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="outcome" label="办理结果" rules={[{ required: true, message: '请填写办理结果' }]}>
          <Input.TextArea rows={3} maxLength={1000} placeholder="如：调解结案，公司支付工资及补偿" aria-label="办理结果" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function LegalAidDetailPage() {
  const { id } = useParams();
  const q = useLegalAid(id);
  const [modal, setModal] = useState<ModalKind>(null);
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!q.data) return <Result status="404" title={q.error ? errorText(q.error) : '未找到该法律援助案件'} extra={<Link to="/legal-aid">返回列表</Link>} />;
  const c = q.data;
  const close = () => setModal(null);
  return (
    <PageShell
      title={`法律援助：${c.recipientName}`}
      className="print-own-head"
      subtitle={
        <Space size={4} wrap>
          {c.orgUnitName}
          <Tag>{legalAidMatterKindLabels[c.matterKind]}</Tag>
          <LegalAidStatusTag c={c} />
        </Space>
      }
      extra={
        <Space wrap>
          {c.canEdit && c.status === 'registered' && (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setModal('refer')}>
              转介
            </Button>
          )}
          {c.canEdit && c.status === 'referred' && (
            <Button type="primary" icon={<FileDoneOutlined />} onClick={() => setModal('ack')}>
              登记回执
            </Button>
          )}
          {c.canEdit && c.status === 'following' && (
            <Button icon={<SolutionOutlined />} onClick={() => setModal('followUp')}>
              跟踪记录
            </Button>
          )}
          {c.canEdit && (c.status === 'registered' || c.status === 'following') && (
            <Button type={c.status === 'following' ? 'primary' : 'default'} icon={<CheckCircleOutlined />} onClick={() => setModal('close')}>
              案结事了
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印申请表
          </Button>
        </Space>
      }
    >
      <div className="print-only print-head">
        <div className="print-title">退役军人法律援助申请表</div>
        <div className="print-meta">
          {c.orgUnitName} · 打印于 {dayjs().format('YYYY-MM-DD HH:mm')}
        </div>
      </div>
      {c.status === 'closed' && <Alert type="success" showIcon title={`已于 ${c.closedOn ?? ''} 案结事了（${c.outcomeKind ? legalAidOutcomeKindLabels[c.outcomeKind] : ''}）：${c.outcome}`} style={{ marginBottom: 12 }} />}
      {c.ackOverdue && <Alert type="error" showIcon title={`接收机构未在期限（${c.ackDueDay ?? ''}）内回执，请尽快联系`} style={{ marginBottom: 12 }} className="no-print" />}
      <Card title="申请信息">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="申请人">
            <Link to={`/recipients/${c.recipientId}`}>{c.recipientName}</Link>
            <span className="muted"> {c.recipientIdMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label="登记单位">{c.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="申请日期">{c.appliedOn}</Descriptions.Item>
          <Descriptions.Item label="事项类别">{legalAidMatterKindLabels[c.matterKind]}</Descriptions.Item>
          <Descriptions.Item label="申请事项及事实经过" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.matter}</span>
          </Descriptions.Item>
          <Descriptions.Item label="对方当事人">{c.opposingParty || '—'}</Descriptions.Item>
          <Descriptions.Item label="已经过调解、仲裁、诉讼">{c.priorSteps ? '是' : '否'}</Descriptions.Item>
          <Descriptions.Item label="请求事项" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.claims}</span>
          </Descriptions.Item>
          <Descriptions.Item label="建议途径" span={2}>
            {legalAidRouteLabels[c.route]}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <LegalAidMaterials c={c} />
      <Card title="转介与回执" className="legal-aid-section" data-testid="legal-aid-referral">
        {c.partnerName ? (
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
            <Descriptions.Item label="转介机构">{c.partnerName}</Descriptions.Item>
            <Descriptions.Item label="转介日期">{c.referredOn}</Descriptions.Item>
            <Descriptions.Item label="回执期限">{c.ackDueDay ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="回执">{c.acknowledgedOn ? `${c.acknowledgedOn}（接收人：${c.ackReceiver}）` : <Typography.Text type={c.ackOverdue ? 'danger' : 'secondary'}>待回执</Typography.Text>}</Descriptions.Item>
          </Descriptions>
        ) : (
          <div className="muted">{c.status === 'closed' ? '未转介' : '尚未转介'}</div>
        )}
      </Card>
      <Card title={`跟踪记录（${c.followUps.length}）`} className="legal-aid-section">
        {c.followUps.length === 0 ? (
          <div className="muted">尚无跟踪记录</div>
        ) : (
          c.followUps.map((f, i) => (
            <div key={i} className="legal-aid-entry">
              <Typography.Text strong>{f.on}</Typography.Text>　<span style={{ whiteSpace: 'pre-wrap' }}>{f.progress}</span>
              <div className="muted">记录人 {f.actorName}</div>
            </div>
          ))
        )}
      </Card>
      <Card title="办理记录" className="legal-aid-section no-print">
        <CaseTimeline log={c.log} renderData={renderLogData} showStates={false} />
      </Card>
      <div className="legal-aid-print-sign">
        <span>申请人（签字）：</span>
        <span>经办人（签字）：</span>
        <span>单位（盖章）：</span>
      </div>
      <ReferModal c={c} open={modal === 'refer'} onClose={close} />
      <AckModal c={c} open={modal === 'ack'} onClose={close} />
      <FollowUpModal c={c} open={modal === 'followUp'} onClose={close} />
      <CloseModal c={c} open={modal === 'close'} onClose={close} />
    </PageShell>
  );
}
