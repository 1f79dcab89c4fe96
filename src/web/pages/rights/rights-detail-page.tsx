// A rights case's page (权益维护, seed Part 9): the registration, the verification 核查, the
// supervision notices to the responsible body with their reply days, follow-up contacts, escalations,
// the kernel's 督办 from units above (逾期 marks), the explanation 政策解释, reports up, the outcome,
// and the case log. The buttons are the actions the server offers this user now (detail.actions);
// one modal per action. 打印 gives the case on an A4 sheet with the signatures.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  conclusionLabels,
  conclusions,
  partyKindLabels,
  RIGHTS_NOTICE_MAX_DAYS,
  rightsActionBody,
  rightsKindLabels,
  rightsOutcomeLabels,
  rightsOutcomes,
  rightsSourceLabels,
  verifyMethodLabels,
  verifyMethods,
  type RightsAction,
  type RightsDetail,
} from '../../../shared/schemas/rights';
import { SUPERVISION_MAX_DAYS } from '../../../shared/schemas/supervision';
import { useRightsAction, useRightsCase } from '../../api/rights';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { CaseTimeline, type CaseTimelineEntry } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { AssignmentReviewFields, AssignmentReviewTag, reviewOffered as offered } from '../../components/assignment-review';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { RightsEvidence } from './rights-evidence';
import { RightsStatusTag } from './rights-tags';

const contactWays = { visit: '上门', phone: '电话', letter: '函件', meeting: '约谈' } as const;

function errorText(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

function renderLogData(l: CaseTimelineEntry) {
  const d = (l.data ?? {}) as Record<string, unknown>;
  const s = (k: string) => String(d[k] ?? '');
  if (l.action === 'verify') return <div className="muted">{s('verifiedOn')} {verifyMethodLabels[d.method as keyof typeof verifyMethodLabels] ?? ''}：{conclusionLabels[d.conclusion as keyof typeof conclusionLabels] ?? ''}</div>;
  if (l.action === 'notify') return <div className="muted">{s('sentOn')} 发出，{s('replyDays')} 个工作日内回复</div>;
  if (l.action === 'contact') return <div>{s('contactedOn')} {s('contactWith')}：{s('content')}</div>;
  if (l.action === 'escalate') return <div className="muted">{s('reason')}</div>;
  if (l.action === 'supervise') return <div>{s('content')}（{s('replyDays')} 个工作日内回复）</div>;
  if (l.action === 'supervisionReply') return <div>{s('repliedOn')} {s('reply')}</div>;
  if (l.action === 'close') return <div className="muted">{s('closedOn')} {rightsOutcomeLabels[d.outcome as keyof typeof rightsOutcomeLabels] ?? ''}</div>;
  return null;
}

const req = (message: string) => [{ required: true, message }];
const text = (name: string, label: string, rows = 3, max = 2000, placeholder?: string) => (
  <Form.Item name={name} label={label} rules={req(`请填写${label}`)}>
    <Input.TextArea rows={rows} maxLength={max} placeholder={placeholder} aria-label={label} />
  </Form.Item>
);
const dayField = (name: string, label: string, minDay: string) => (
  <Form.Item name={name} label={label} rules={req(`请选择${label}`)}>
    <DayPicker aria-label={label} minDay={minDay} maxDay={todayDay()} />
  </Form.Item>
);
const daysField = (max: number) => (
  <Form.Item name="replyDays" label="回复期限" rules={req('请填写回复期限')} extra="按工作日计算，节假日顺延">
    <InputNumber min={1} max={max} precision={0} style={{ width: 180 }} aria-label="回复期限" addonAfter="个工作日" />
  </Form.Item>
);

function Fields({ c, action }: { c: RightsDetail; action: RightsAction }) {
  const since = c.openedOn;
  switch (action) {
    case 'verify':
      return (
        <>
          {dayField('verifiedOn', '核查日期', since)}
          <Form.Item name="method" label="核查方式" rules={req('请选择核查方式')}>
            <Radio.Group options={verifyMethods.map((m) => ({ value: m, label: verifyMethodLabels[m] }))} />
          </Form.Item>
          <Form.Item name="verifiers" label="核查人员" rules={req('请填写核查人员')}>
            <Input maxLength={100} placeholder="两人以上，如：张三、李四" aria-label="核查人员" />
          </Form.Item>
          {text('findings', '核查情况', 4, 4000)}
          <Form.Item name="conclusion" label="核查结论" rules={req('请选择核查结论')}>
            <Radio.Group options={conclusions.map((k) => ({ value: k, label: conclusionLabels[k] }))} />
          </Form.Item>
        </>
      );
    case 'notify':
      return (
        <>
          <Alert type="info" showIcon title={`向责任主体（${partyKindLabels[c.partyKind]}：${c.partyName}）发出督办通知，要求限期落实并回复。`} style={{ marginBottom: 12 }} />
          {dayField('sentOn', '通知日期', since)}
          {text('content', '督办通知内容', 4, 2000, '依据哪项政策、应落实什么、回复要求')}
          {daysField(RIGHTS_NOTICE_MAX_DAYS)}
        </>
      );
    case 'contact':
      return (
        <>
          {dayField('contactedOn', '联系日期', since)}
          <Form.Item name="contactWith" label="联系对象" rules={req('请填写联系对象')}>
            <Input maxLength={100} placeholder="责任主体的经办人或当事人" aria-label="联系对象" />
          </Form.Item>
          <Form.Item name="way" label="联系方式" rules={req('请选择联系方式')}>
            <Radio.Group options={Object.entries(contactWays).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {text('content', '联系情况')}
        </>
      );
    case 'escalate':
      return (
        <>
          <Alert type="warning" showIcon title="提请后案件移交上级单位办理，本单位仍可查看。" style={{ marginBottom: 12 }} />
          {text('reason', '提请上级督办的理由', 3, 1000)}
        </>
      );
    case 'explain':
      return (
        <>
          {dayField('explainedOn', '解释日期', since)}
          <Form.Item name="basis" label="政策依据" rules={req('请填写政策依据')}>
            <Input maxLength={500} aria-label="政策依据" />
          </Form.Item>
          {text('explanation', '解释说明和疏导情况', 4, 4000)}
        </>
      );
    case 'reportUp':
      return (
        <>
          {dayField('reportedOn', '上报日期', since)}
          <Form.Item name="reportTo" label="上报对象" rules={req('请填写上报对象')}>
            <Input maxLength={100} placeholder="如：市退役军人事务局" aria-label="上报对象" />
          </Form.Item>
          {text('suggestion', '评估意见和建议', 4, 4000)}
        </>
      );
    case 'close':
      return (
        <>
          <Alert type="warning" showIcon title="办结后不能再办理，只能补记督办回复。" style={{ marginBottom: 12 }} />
          {dayField('closedOn', '办结日期', since)}
          <Form.Item name="outcome" label="办理结果" rules={req('请选择办理结果')}>
            <Radio.Group options={rightsOutcomes.map((k) => ({ value: k, label: rightsOutcomeLabels[k] }))} />
          </Form.Item>
          {text('result', '办理结果说明', 3, 4000)}
        </>
      );
    case 'supervise':
      return (
        <>
          {text('content', '督办事项和要求', 3, 1000)}
          {daysField(SUPERVISION_MAX_DAYS)}
        </>
      );
    case 'supervisionReply': {
      const open = c.supervisions.filter((x) => x.kind === 'supervise' && x.repliedOn === null);
      return (
        <>
          <Form.Item name="supervisionId" label="督办事项" rules={req('请选择督办事项')}>
            <Select aria-label="督办事项" options={open.map((x) => ({ value: x.id, label: `${x.issuerUnitName}：${x.content.slice(0, 30)}（${x.dueDay} 前）` }))} />
          </Form.Item>
          {text('reply', '回复内容', 4, 2000)}
          {dayField('repliedOn', '回复日期', since)}
        </>
      );
    }
    case 'assign':
      return (
        <>
          <Form.Item name="target" label="交办对象" rules={req('请选择交办对象')}>
            <Radio.Group options={[{ value: 'unit', label: '下级单位' }, { value: 'department', label: '其他部门' }]} aria-label="交办对象" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.target !== b.target}>
            {({ getFieldValue }) =>
              getFieldValue('target') === 'department' ? (
                <Form.Item name="department" label="部门名称" rules={[{ required: true, whitespace: true, message: '请填写部门名称' }]}>
                  <Input maxLength={60} aria-label="部门名称" placeholder="如：县人力资源和社会保障局" />
                </Form.Item>
              ) : (
                <Form.Item name="orgUnitId" label="下级单位" rules={req('请选择下级单位')} extra="交办后，下级单位在“我的待办”中看到交办事项并回复（看不到案件的其他内容）">
                  <OrgUnitSelect aria-label="下级单位" />
                </Form.Item>
              )
            }
          </Form.Item>
          {text('content', '交办事项和要求', 3, 1000)}
          {daysField(SUPERVISION_MAX_DAYS)}
        </>
      );
    case 'assignmentReply': {
      // a unit of the tree replies itself (/assignments/:id): here only items assigned out to a department
      const open = c.supervisions.filter((x) => x.kind === 'assign' && x.external && x.repliedOn === null);
      return (
        <>
          <Form.Item name="supervisionId" label="交办事项" rules={req('请选择交办事项')}>
            <Select aria-label="交办事项" options={open.map((x) => ({ value: x.id, label: `${x.targetName}：${x.content.slice(0, 30)}（${x.dueDay} 前）` }))} />
          </Form.Item>
          {text('reply', '回复内容', 4, 2000)}
          {dayField('repliedOn', '回复日期', since)}
        </>
      );
    }
    case 'assignmentAccept':
    case 'assignmentReturn':
      return <AssignmentReviewFields supervisions={c.supervisions} returning={action === 'assignmentReturn'} />;
  }
}

function initialValues(c: RightsDetail, action: RightsAction): Record<string, unknown> {
  const t = todayDay();
  const open = c.supervisions.filter((x) => x.kind === 'supervise' && x.repliedOn === null);
  switch (action) {
    case 'verify':
      return { verifiedOn: t, method: 'site', conclusion: 'founded' };
    case 'notify':
      return { sentOn: t, replyDays: 10 };
    case 'contact':
      return { contactedOn: t, way: 'phone' };
    case 'explain':
      return { explainedOn: t };
    case 'reportUp':
      return { reportedOn: t };
    case 'close':
      return { closedOn: t, outcome: 'resolved' };
    case 'supervise':
      return { replyDays: 5 };
    case 'supervisionReply':
      return { repliedOn: t, supervisionId: open.length === 1 ? open[0]!.id : undefined };
    case 'assign':
      return { target: 'unit', replyDays: 5 };
    case 'assignmentReply':
      return { repliedOn: t };
    default:
      return {};
  }
}

function ActionModal({ c, action, label, onClose }: { c: RightsDetail; action: RightsAction | null; label: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const m = useRightsAction();
  const { message } = App.useApp();
  async function submit() {
    if (!action) return;
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const body = parseWithSchema(form, rightsActionBody, { ...values, action, version: c.version, comment: values.comment ?? '' });
    if (!body) return;
    try {
      await m.mutateAsync({ id: c.id, body });
      void message.success(`已${label}`);
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorText(e));
    }
  }
  return (
    <Modal title={label} open={action !== null} onCancel={onClose} onOk={() => void submit()} okText="保存" okButtonProps={{ danger: action === 'assignmentReturn' }} confirmLoading={m.isPending} destroyOnHidden>
      {action && (
        <Form form={form} layout="vertical" preserve={false} initialValues={initialValues(c, action)}>
          <Fields c={c} action={action} />
        </Form>
      )}
    </Modal>
  );
}

const primary: RightsAction[] = ['verify', 'notify', 'close', 'supervise', 'supervisionReply'];

export function RightsDetailPage() {
  const { id } = useParams();
  const q = useRightsCase(id);
  const [action, setAction] = useState<{ name: RightsAction; label: string } | null>(null);
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!q.data) return <Result status="404" title={q.error ? errorText(q.error) : '未找到该权益维护案件'} extra={<Link to="/rights">返回列表</Link>} />;
  const c = q.data;
  const running = c.status === 'verifying' || c.status === 'supervising';
  return (
    <PageShell
      title={`权益维护：${c.recipientName}`}
      className="print-own-head"
      subtitle={
        <Space size={4} wrap>
          {c.orgUnitName}
          <Tag>{rightsKindLabels[c.kind]}</Tag>
          <RightsStatusTag c={c} />
        </Space>
      }
      extra={
        <Space wrap className="no-print">
          {c.actions.filter((a) => offered(a.name, c.supervisions)).map((a) => (
            <Button key={a.name} type={primary.includes(a.name) ? 'primary' : 'default'} onClick={() => setAction(a)}>
              {a.label}
            </Button>
          ))}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      }
    >
      <div className="print-only print-head">
        <div className="print-title">退役军人权益维护案件办理单</div>
        <div className="print-meta">
          {c.orgUnitName} · 打印于 {dayjs().format('YYYY-MM-DD HH:mm')}
        </div>
      </div>
      {c.status === 'closed' && (
        <Alert type="success" showIcon title={`已于 ${c.closedOn ?? ''} 办结（${c.outcome ? rightsOutcomeLabels[c.outcome] : ''}${c.onTime === false ? '，超期' : ''}）：${c.result ?? ''}`} style={{ marginBottom: 12 }} />
      )}
      {running && c.overdue && <Alert type="error" showIcon title={`已超过办理期限（${c.dueDay ?? ''}）`} style={{ marginBottom: 12 }} className="no-print" />}
      {running && !c.overdue && c.dueDay && <Alert type={c.dueSoon ? 'warning' : 'info'} showIcon title={`${c.status === 'verifying' ? '核查' : '督办回复'}期限：${c.dueDay}`} style={{ marginBottom: 12 }} className="no-print" />}
      <Card title="登记信息">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="服务对象">
            <Link to={`/recipients/${c.recipientId}`}>{c.recipientName}</Link>
            <span className="muted"> {c.recipientIdMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label="办理单位">{c.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="登记日期">{c.openedOn}</Descriptions.Item>
          <Descriptions.Item label="来源">{rightsSourceLabels[c.source]}</Descriptions.Item>
          <Descriptions.Item label="权益类别">{rightsKindLabels[c.kind]}</Descriptions.Item>
          <Descriptions.Item label="未落实的政策或受损的权益">{c.policy}</Descriptions.Item>
          <Descriptions.Item label="责任主体" span={2}>
            {partyKindLabels[c.partyKind]}：{c.partyName}
          </Descriptions.Item>
          <Descriptions.Item label="基本事实" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.facts}</span>
          </Descriptions.Item>
          <Descriptions.Item label="当事人诉求" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.request}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <RightsEvidence c={c} />
      <Card title="核查" className="rights-section" data-testid="rights-verification">
        {c.verification ? (
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
            <Descriptions.Item label="核查日期">{c.verification.verifiedOn}</Descriptions.Item>
            <Descriptions.Item label="核查方式">{verifyMethodLabels[c.verification.method]}</Descriptions.Item>
            <Descriptions.Item label="核查人员">{c.verification.verifiers}</Descriptions.Item>
            <Descriptions.Item label="核查结论">{conclusionLabels[c.verification.conclusion]}</Descriptions.Item>
            <Descriptions.Item label="核查情况" span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{c.verification.findings}</span>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <div className="muted">尚未核查</div>
        )}
      </Card>
      <Card title={`督办通知（${c.notices.length}）`} className="rights-section" data-testid="rights-notices">
        {c.notices.length === 0 ? (
          <div className="muted">尚未向责任主体发出督办通知</div>
        ) : (
          c.notices.map((n) => (
            <div key={n.seq} className="rights-entry">
              <Typography.Text strong>第 {n.seq} 次</Typography.Text>　{n.sentOn} 发出，{n.replyDays} 个工作日内（{n.dueDay} 前）回复
              <div style={{ whiteSpace: 'pre-wrap' }}>{n.content}</div>
            </div>
          ))
        )}
      </Card>
      <Card title="督办与交办" className="rights-section" data-testid="rights-supervisions">
        {c.supervisions.length === 0 ? (
          <div className="muted">暂无督办、交办</div>
        ) : (
          c.supervisions.map((x) => (
            <div key={x.id} className="rights-supervision">
              <Tag color={x.kind === 'supervise' ? 'volcano' : 'blue'}>{x.kindLabel}</Tag>
              <span>
                {x.issuerUnitName} → {x.targetName}（{x.issuedOn}，{x.dueDay} 前回复）：{x.content}
              </span>{' '}
              {x.repliedOn ? (
                <span className="muted">
                  已回复（{x.repliedOn}，{x.repliedByName}）：{x.reply}
                  {x.result && `；结果：${x.result}`}
                </span>
              ) : x.overdue ? (
                <Tag color="red">逾期未回复</Tag>
              ) : x.dueSoon ? (
                <Tag color="gold">临近期限</Tag>
              ) : (
                <Tag>待回复</Tag>
              )}{' '}
              <AssignmentReviewTag x={x} />
              {x.review === 'returned' && !x.repliedOn && <span className="muted">退回意见：{x.reviewComment}</span>}
            </div>
          ))
        )}
      </Card>
      {c.contacts.length > 0 && (
        <Card title={`跟进联系（${c.contacts.length}）`} className="rights-section">
          {c.contacts.map((x, i) => (
            <div key={i} className="rights-entry">
              <Typography.Text strong>{x.contactedOn}</Typography.Text>　{contactWays[x.way as keyof typeof contactWays] ?? x.way} · {x.contactWith}
              <div style={{ whiteSpace: 'pre-wrap' }}>{x.content}</div>
              <div className="muted">记录人 {x.actorName}</div>
            </div>
          ))}
        </Card>
      )}
      {c.escalations.length > 0 && (
        <Card title="提请上级督办" className="rights-section">
          {c.escalations.map((x, i) => (
            <div key={i} className="rights-entry">
              {x.on} {x.fromUnitName} → {x.toUnitName}：{x.reason}
            </div>
          ))}
        </Card>
      )}
      {c.explanation && (
        <Card title="政策解释" className="rights-section">
          <div>
            {c.explanation.explainedOn} 依据：{c.explanation.basis}
          </div>
          <div style={{ whiteSpace: 'pre-wrap' }}>{c.explanation.explanation}</div>
        </Card>
      )}
      {c.reports.length > 0 && (
        <Card title="上报政策建议" className="rights-section">
          {c.reports.map((x, i) => (
            <div key={i} className="rights-entry">
              {x.reportedOn} 报 {x.reportTo}（{x.actorName}）
              <div style={{ whiteSpace: 'pre-wrap' }}>{x.suggestion}</div>
            </div>
          ))}
        </Card>
      )}
      <Card title="办理记录" className="rights-section no-print">
        <CaseTimeline log={c.log} renderData={renderLogData} />
      </Card>
      <div className="rights-print-sign">
        <span>当事人（签字）：</span>
        <span>经办人（签字）：</span>
        <span>单位（盖章）：</span>
      </div>
      <ActionModal c={c} action={action?.name ?? null} label={action?.label ?? ''} onClose={() => setAction(null)} />
    </PageShell>
  );
}
