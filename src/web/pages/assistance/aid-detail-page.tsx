// An assistance application's page: the person and the family's situation, the verifications, the
// opinions up the chain, the decision, the 公示 with its objections, referrals, the return visit and
// the case log. The actions the caller may take now are buttons (from the server's list), each with
// its dialog. 打印 gives the 帮扶援助申请审批表 on an A4 sheet with the signatures.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { z } from '../../../shared/zod-setup';
import {
  approveInput,
  assistanceFormLabels,
  assistanceForms,
  assistanceGroundLabels,
  referInput,
  referralAgencies,
  referralAgencyLabels,
  referralOutcomeInput,
  returnVisitInput,
  takeUpInput,
  verificationConclusionLabels,
  verificationConclusions,
  verificationMethodLabels,
  verificationMethods,
  verifyInput,
  yuan,
  type AssistanceDetail,
} from '../../../shared/schemas/assistance';
import { objectionInput, objectionOutcomeLabels, objectionOutcomes, objectionResolveInput } from '../../../shared/schemas/public-notice';
import { orgLevelLabels, type OrgLevel } from '../../../shared/schemas/org-units';
import { useAid, useAidAction, useVerifiers } from '../../api/assistance';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { CaseTimeline } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { AidStatusTag, Yuan } from './aid-tags';
import { AidEvidence } from './aid-evidence';

const errorText = (e: unknown) => (isApiError(e) ? e.message : '操作失败，请稍后重试');
const levelLabel = (l: string) => orgLevelLabels[l as OrgLevel] ?? l;

/** What each action's dialog asks: its data schema (none: a comment only) and whether a comment is asked for. */
const dataSchemas: Record<string, z.ZodType | undefined> = {
  verify: verifyInput,
  approve: approveInput,
  objection: objectionInput,
  resolveObjection: objectionResolveInput,
  refer: referInput,
  referralOutcome: referralOutcomeInput,
  returnVisit: returnVisitInput,
  takeUp: takeUpInput,
};
const primaryActions = new Set(['takeUp', 'submit', 'opinion', 'approve', 'endNotice', 'returnVisit']);
const commentLabels: Record<string, string> = {
  submit: '本级意见',
  opinion: '本级意见',
  returnToVerify: '退回理由',
  takeUp: '受理说明',
  decline: '不予受理的理由',
  approve: '审批意见',
  reject: '不予援助的理由',
  revoke: '撤销理由',
  endNotice: '说明',
};

function VerifierSelect(props: { orgUnitId: string; value?: string; onChange?: (v: string) => void; 'aria-label': string }) {
  const q = useVerifiers(props.orgUnitId);
  return (
    <Select
      aria-label={props['aria-label']}
      value={props.value}
      onChange={props.onChange}
      loading={q.isLoading}
      placeholder="选择工作人员"
      showSearch={{ optionFilterProp: 'label' }}
      options={(q.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }))}
    />
  );
}

function ActionFields({ action, d }: { action: string; d: AssistanceDetail }) {
  if (action === 'takeUp')
    return d.repeatFlagged || d.previousAid.length > 0 ? (
      <>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`该户 ${d.previousAid.length ? `已于 ${d.previousAid.map((p) => `${p.decidedOn}（${p.unitName}）`).join('、')} 获得帮扶援助` : '在重复申请提醒期限内获得过帮扶援助'}：受理须说明理由`} />
        <Form.Item name="repeatReason" label="重复申请理由" rules={[{ required: true, message: '请填写重复申请理由' }]}>
          <Input.TextArea rows={2} maxLength={200} aria-label="重复申请理由" />
        </Form.Item>
      </>
    ) : (
      <Typography.Paragraph type="secondary">受理后转入核实：请两名工作人员入户、电话或比对档案核实家庭情况。</Typography.Paragraph>
    );
  const form = Form.useFormInstance();
  const aidForm = Form.useWatch('form', form) as string | undefined;
  if (action === 'verify')
    return (
      <>
        <Space wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 200px' } }}>
          <Form.Item name={['verifierIds', 0]} label="核实人一" rules={[{ required: true, message: '请选择核实人' }]}>
            <VerifierSelect orgUnitId={d.orgUnitId} aria-label="核实人一" />
          </Form.Item>
          <Form.Item name={['verifierIds', 1]} label="核实人二" rules={[{ required: true, message: '请选择核实人' }]}>
            <VerifierSelect orgUnitId={d.orgUnitId} aria-label="核实人二" />
          </Form.Item>
        </Space>
        <Form.Item name="method" label="核实方式" rules={[{ required: true, message: '请选择核实方式' }]}>
          <Radio.Group options={verificationMethods.map((m) => ({ value: m, label: verificationMethodLabels[m] }))} />
        </Form.Item>
        <Form.Item name="day" label="核实日期" rules={[{ required: true, message: '请选择核实日期' }]}>
          <DayPicker aria-label="核实日期" minDay={d.openedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="findings" label="核实情况" rules={[{ required: true, message: '请填写核实情况' }]}>
          <Input.TextArea rows={3} maxLength={1000} aria-label="核实情况" placeholder="入户查看、邻里走访、比对档案所见" />
        </Form.Item>
        <Form.Item name="conclusion" label="核实结论" rules={[{ required: true, message: '请选择核实结论' }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={verificationConclusions.map((c) => ({ value: c, label: verificationConclusionLabels[c] }))} />
        </Form.Item>
      </>
    );
  if (action === 'approve')
    return (
      <>
        {d.approvalLimitFen !== null && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={d.approvalLimitFen === 0 ? '本级不能审批涉及资金或物资的援助，请出具意见报县级' : `本级审批限额 ${yuan(d.approvalLimitFen)} 元`} />
        )}
        <Form.Item name="form" label="帮扶方式（第六部分三(三)）" rules={[{ required: true, message: '请选择帮扶方式' }]}>
          <Radio.Group options={assistanceForms.map((f) => ({ value: f, label: assistanceFormLabels[f] }))} />
        </Form.Item>
        <Form.Item name="amountYuan" label="援助金额（元）" extra={aidForm === 'money' ? '发放帮扶援助金' : '有劳动能力或重病的，必要时可配合发放部分援助金'}>
          <InputNumber min={0} precision={2} step={100} style={{ width: 200 }} aria-label="援助金额" />
        </Form.Item>
        <Form.Item label="生活物资">
          <Form.List name="goods">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <div key={f.key} className="aid-goods-row">
                    <Form.Item name={[f.name, 'name']} style={{ flex: '1 1 140px' }}>
                      <Input placeholder="物资名称" aria-label={`物资${i + 1}名称`} maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']}>
                      <InputNumber min={1} precision={0} placeholder="数量" aria-label={`物资${i + 1}数量`} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'valueYuan']}>
                      <InputNumber min={0} precision={2} placeholder="价值（元）" aria-label={`物资${i + 1}价值`} style={{ width: 130 }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={`删除物资${i + 1}`} onClick={() => remove(f.name)} />
                  </div>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ name: '', quantity: 1 })}>
                  添加物资
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </>
    );
  if (action === 'objection')
    return (
      <>
        <Form.Item name="content" label="异议内容" rules={[{ required: true, message: '请填写异议内容' }]}>
          <Input.TextArea rows={3} maxLength={1000} aria-label="异议内容" />
        </Form.Item>
        <Form.Item name="objector" label="异议人">
          <Input maxLength={40} placeholder="匿名" aria-label="异议人" />
        </Form.Item>
      </>
    );
  if (action === 'resolveObjection')
    return (
      <>
        <Form.Item name="objectionId" label="异议" rules={[{ required: true, message: '请选择要处理的异议' }]}>
          <Select aria-label="异议" options={(d.notice?.objections ?? []).filter((o) => o.outcome === null).map((o) => ({ value: o.id, label: `${o.day} ${o.content}` }))} />
        </Form.Item>
        <Form.Item name="outcome" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
          <Radio.Group options={objectionOutcomes.map((o) => ({ value: o, label: objectionOutcomeLabels[o] }))} />
        </Form.Item>
        <Form.Item name="resolution" label="处理说明" rules={[{ required: true, message: '请填写处理说明' }]}>
          <Input.TextArea rows={3} maxLength={1000} aria-label="处理说明" />
        </Form.Item>
      </>
    );
  if (action === 'refer')
    return (
      <>
        <Form.Item name="agency" label="转介救助类别（§28）" rules={[{ required: true, message: '请选择转介的救助类别' }]}>
          <Radio.Group options={referralAgencies.map((a) => ({ value: a, label: referralAgencyLabels[a] }))} />
        </Form.Item>
        <Form.Item name="day" label="转介日期" rules={[{ required: true, message: '请选择转介日期' }]}>
          <DayPicker aria-label="转介日期" minDay={d.openedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={300} aria-label="转介说明" placeholder="如：协助向民政部门申请低保" />
        </Form.Item>
      </>
    );
  if (action === 'referralOutcome')
    return (
      <>
        <Form.Item name="referralId" label="转介记录" rules={[{ required: true, message: '请选择转介记录' }]}>
          <Select aria-label="转介记录" options={d.referrals.filter((r) => r.outcome === null).map((r) => ({ value: r.id, label: `${r.referredOn} ${referralAgencyLabels[r.agency]}` }))} />
        </Form.Item>
        <Form.Item name="day" label="结果日期" rules={[{ required: true, message: '请选择结果日期' }]}>
          <DayPicker aria-label="结果日期" maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="outcome" label="转介结果" rules={[{ required: true, message: '请填写转介结果' }]}>
          <Input.TextArea rows={2} maxLength={300} aria-label="转介结果" placeholder="如：已纳入低保，每月 800 元" />
        </Form.Item>
      </>
    );
  if (action === 'returnVisit')
    return (
      <>
        <Form.Item name="day" label="回访日期" rules={[{ required: true, message: '请选择回访日期' }]}>
          <DayPicker aria-label="回访日期" minDay={d.openedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="method" label="回访方式" rules={[{ required: true, message: '请选择回访方式' }]}>
          <Radio.Group options={verificationMethods.map((m) => ({ value: m, label: verificationMethodLabels[m] }))} />
        </Form.Item>
        <Form.Item name="effect" label="帮扶成效" rules={[{ required: true, message: '请填写帮扶成效' }]}>
          <Input.TextArea rows={3} maxLength={1000} aria-label="帮扶成效" placeholder="援助是否到位、生活是否改善、还有什么困难" />
        </Form.Item>
      </>
    );
  return null;
}

function initialOf(action: string, d: AssistanceDetail, myId: string): Record<string, unknown> {
  if (action === 'verify') return { verifierIds: [myId, undefined], method: 'homeVisit', day: todayDay(), conclusion: 'true' };
  if (action === 'approve') return { form: 'money', goods: [] };
  if (action === 'refer') return { day: todayDay(), agency: 'temporary' };
  if (action === 'referralOutcome') return { day: todayDay(), referralId: d.referrals.find((r) => r.outcome === null)?.id };
  if (action === 'returnVisit') return { day: todayDay(), method: 'homeVisit' };
  if (action === 'resolveObjection') return { objectionId: d.notice?.objections.find((o) => o.outcome === null)?.id };
  return {};
}

/** The form's values as the action's data: yuan to fen, and nothing but the schema's fields. */
function dataOf(action: string, v: Record<string, unknown>): Record<string, unknown> {
  if (action === 'approve') {
    const amount = v.amountYuan as number | null | undefined;
    const goods = ((v.goods as Record<string, unknown>[] | undefined) ?? [])
      .filter((g) => g && (g.name || g.valueYuan))
      .map((g) => ({ name: g.name, quantity: g.quantity, valueFen: typeof g.valueYuan === 'number' ? Math.round(g.valueYuan * 100) : undefined }));
    return { form: v.form, amountFen: typeof amount === 'number' ? Math.round(amount * 100) : 0, goods };
  }
  const { comment: _c, ...rest } = v;
  void _c;
  return rest;
}

function ActionModal({ d, action, onClose, myId }: { d: AssistanceDetail; action: { name: string; label: string; requireComment: boolean } | null; onClose: () => void; myId: string }) {
  const [form] = Form.useForm();
  const m = useAidAction();
  const { message } = App.useApp();
  if (!action) return null;
  const schema = dataSchemas[action.name];
  const asksComment = action.requireComment || commentLabels[action.name] !== undefined;
  async function submit() {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    let data: Record<string, unknown> | undefined;
    if (schema) {
      const parsed = parseWithSchema(form, schema, dataOf(action!.name, v));
      if (!parsed) return;
      data = parsed as Record<string, unknown>;
    }
    const comment = String(v.comment ?? '').trim();
    if (action!.requireComment && !comment) {
      form.setFields([{ name: 'comment', errors: [`请填写${commentLabels[action!.name] ?? '意见'}`] }]);
      return;
    }
    try {
      await m.mutateAsync({ id: d.id, body: { action: action!.name, version: d.version, comment, data } });
      void message.success(`已${action!.label}`);
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorText(e));
    }
  }
  return (
    <Modal title={action.label} open onCancel={onClose} onOk={() => void submit()} okText="确定" confirmLoading={m.isPending} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initialOf(action.name, d, myId)}>
        <ActionFields action={action.name} d={d} />
        {asksComment && (
          <Form.Item name="comment" label={commentLabels[action.name] ?? '意见'} rules={action.requireComment ? [{ required: true, message: '请填写' }] : []}>
            <Input.TextArea rows={3} maxLength={2000} aria-label={commentLabels[action.name] ?? '意见'} />
          </Form.Item>
        )}
        {action.name === 'endNotice' && <Typography.Paragraph type="secondary">公示期已满且异议均已处理：确认后转入回访。</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}

/** Buttons only for what can be done today: no 公示期满 while the period runs, no outcome without an open referral. */
function shown(name: string, d: AssistanceDetail): boolean {
  if (name === 'endNotice') return !!d.notice && d.notice.endDay < todayDay();
  if (name === 'referralOutcome') return d.referrals.some((r) => r.outcome === null);
  if (name === 'resolveObjection') return !!d.notice?.objections.some((o) => o.outcome === null);
  return true;
}

export function AidDetailPage() {
  const myId = useCurrentUser().id;
  const { id } = useParams();
  const q = useAid(id);
  const [acting, setActing] = useState<AssistanceDetail['actions'][number] | null>(null);
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!q.data) return <Result status="404" title={q.error ? errorText(q.error) : '未找到该申请'} extra={<Link to="/assistance">返回列表</Link>} />;
  const d = q.data;
  const given = d.decision?.approved && d.status !== 'rejected';
  return (
    <PageShell
      title={`帮扶援助：${d.recipientName}`}
      className="print-own-head"
      subtitle={
        <Space size={4} wrap>
          {d.orgUnitName}
          <AidStatusTag status={d.status} />
          {d.waitingUnitName && <span className="muted">待 {d.waitingUnitName} 办理</span>}
          {d.dueDay && <span className="muted">期限 {d.dueDay}</span>}
        </Space>
      }
      extra={
        <Space wrap className="no-print">
          {d.actions.filter((a) => shown(a.name, d)).map((a) => (
            <Button key={a.name} type={primaryActions.has(a.name) ? 'primary' : 'default'} danger={a.name === 'reject' || a.name === 'revoke' || a.name === 'decline'} onClick={() => setActing(a)}>
              {a.label}
            </Button>
          ))}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印审批表
          </Button>
        </Space>
      }
    >
      <div className="print-only print-head">
        <div className="print-title">困难退役军人帮扶援助申请审批表</div>
        <div className="print-meta">
          {d.orgUnitName} · 打印于 {dayjs().format('YYYY-MM-DD HH:mm')}
        </div>
      </div>
      {d.source === 'online' && d.status === 'submitted' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`服务对象本人网上申请（${d.openedOn}），待受理${d.repeatFlagged ? '；期限内已获帮扶援助，受理时须说明重复申请理由' : ''}`} />
      )}
      {d.repeatReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`重复申请（期限内已获援助）：${d.repeatReason}`} />}
      {d.status === 'rejected' && d.decision && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`不予援助（${d.decision.unitName} ${d.decision.by}，${d.decision.day}）：${d.decision.reason}`} />}
      <Card>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="帮扶对象">
            <Link to={`/recipients/${d.recipientId}`}>{d.recipientName}</Link>
            <span className="muted"> {d.recipientIdMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label="所在村（社区）">{d.place}</Descriptions.Item>
          <Descriptions.Item label="申请理由" span={2}>
            {assistanceGroundLabels[d.ground]}
          </Descriptions.Item>
          <Descriptions.Item label="家庭月收入">
            <Yuan fen={d.monthlyIncomeFen} />
          </Descriptions.Item>
          <Descriptions.Item label="家庭人口">{d.members} 人</Descriptions.Item>
          <Descriptions.Item label="已享受政策" span={2}>
            {d.policies.length ? d.policies.map((p) => <Tag key={p}>{p}</Tag>) : '无'}
          </Descriptions.Item>
          <Descriptions.Item label="困难情况" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{d.narrative}</span>
          </Descriptions.Item>
          <Descriptions.Item label="受理单位">{d.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="申请日期">{d.openedOn}</Descriptions.Item>
        </Descriptions>
      </Card>
      {d.previousAid.length > 0 && (
        <Card title="期限内已获援助" className="aid-section">
          {d.previousAid.map((p) => (
            <div key={p.id} className="aid-entry">
              {p.decidedOn} {p.unitName} {p.form ? assistanceFormLabels[p.form] : ''} <Yuan fen={p.amountFen} />
            </div>
          ))}
        </Card>
      )}
      <AidEvidence id={d.id} />
      <Card title="核实情况" className="aid-section">
        {d.verifications.length === 0 ? (
          <div className="muted">尚未核实（须由两名工作人员核实后方可报送审批）</div>
        ) : (
          d.verifications.map((v) => (
            <div key={v.id} className="aid-entry" data-testid="verification">
              <Typography.Text strong>{v.day}</Typography.Text> {verificationMethodLabels[v.method]} · 核实人 {v.verifierNames.join('、')} ·{' '}
              <Tag color={v.conclusion === 'false' ? 'red' : v.conclusion === 'partial' ? 'gold' : 'green'}>{verificationConclusionLabels[v.conclusion]}</Tag>
              <div>{v.findings}</div>
            </div>
          ))
        )}
      </Card>
      <Card title="审核意见" className="aid-section">
        {d.opinions.length === 0 ? (
          <div className="muted">尚无意见</div>
        ) : (
          d.opinions.map((o, i) => (
            <div key={i} className="aid-entry">
              <Typography.Text strong>
                {levelLabel(o.level)}意见（{o.unitName}）
              </Typography.Text>{' '}
              <span className="muted">
                {o.by} {o.day}
              </span>
              <div>{o.text}</div>
            </div>
          ))
        )}
        {d.decision?.approved && (
          <div className="aid-entry" data-testid="decision">
            <Typography.Text strong>
              审批决定（{d.decision.unitName}）
            </Typography.Text>{' '}
            <span className="muted">
              {d.decision.by} {d.decision.day}
            </span>
            <div>
              {d.decision.form ? assistanceFormLabels[d.decision.form] : ''}
              {d.decision.amountFen > 0 && (
                <>
                  ，援助金 <Yuan fen={d.decision.amountFen} />
                </>
              )}
              {d.decision.goods.length > 0 && `，物资：${d.decision.goods.map((g) => `${g.name}×${g.quantity}（${yuan(g.valueFen)}元）`).join('、')}`}
              {!given && '（已撤销）'}
            </div>
          </div>
        )}
      </Card>
      {d.notice && (
        <Card title="公示" className="aid-section" extra={d.status === 'notice' && d.notice.endDay >= todayDay() ? <Tag color="purple">公示期至 {d.notice.endDay}</Tag> : null}>
          <div>{d.notice.text}</div>
          {d.notice.objections.map((o) => (
            <div key={o.id} className="aid-entry">
              异议（{o.day}，{o.objector}）：{o.content}
              <div className="muted">{o.outcome ? `${objectionOutcomeLabels[o.outcome]}：${o.resolution}（${o.resolvedBy ?? ''} ${o.resolvedOn ?? ''}）` : '待处理'}</div>
            </div>
          ))}
        </Card>
      )}
      <Card title="转介救助（§28）" className="aid-section">
        {d.referrals.length === 0 ? (
          <div className="muted">无转介</div>
        ) : (
          d.referrals.map((r) => (
            <div key={r.id} className="aid-entry">
              {r.referredOn} {referralAgencyLabels[r.agency]}
              {r.note && <span className="muted">：{r.note}</span>}
              <div>{r.outcome ? `结果（${r.outcomeOn ?? ''}）：${r.outcome}` : <span className="muted">待结果</span>}</div>
            </div>
          ))
        )}
      </Card>
      {d.returnVisit && (
        <Card title="回访" className="aid-section">
          {d.returnVisit.day} {verificationMethodLabels[d.returnVisit.method]} · {d.returnVisit.by}
          <div>{d.returnVisit.effect}</div>
        </Card>
      )}
      <Card title="办理记录" className="aid-section no-print">
        <CaseTimeline log={d.log} showStates />
      </Card>
      <div className="aid-print-sign">
        <span>核实人（签字）：</span>
        <span>申请人（签字）：</span>
        <span>审批单位（盖章）：</span>
      </div>
      <ActionModal key={acting?.name ?? 'none'} d={d} action={acting} onClose={() => setActing(null)} myId={myId} />
    </PageShell>
  );
}
