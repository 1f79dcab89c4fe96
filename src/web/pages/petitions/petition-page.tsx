// One petition: where it stands (the running clock, its due day and warning), the actions the
// user may take now as buttons with their forms, the registration, the stages with their dates
// and due days, transfers/escalations/extension/review details, repeats, the log, and the
// letters to print on A4 (受理告知书, 不予受理告知书, 延期告知书, 处理意见书).
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Dropdown,
  Empty,
  List,
  Modal,
  Rate,
  Result,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { DescriptionsProps } from 'antd';
import { DownOutlined, EyeOutlined, LinkOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  petitionCategoryLabels,
  petitionChannelLabels,
  petitionLetterKindLabels,
  petitionOutcomeLabels,
  petitionTypeLabels,
  reviewDecisionLabels,
  satisfactionLabels,
  type PetitionAction,
  type PetitionDetail,
  type PetitionLetterKind,
} from '../../../shared/schemas/petitions';
import { petitionApi, revealPetitionField, useLinkRepeat, usePetition, useRecordSatisfaction, useRepeatSuggestions } from '../../api/petitions';
import { useQuery } from '@tanstack/react-query';
import { CaseTimeline } from '../../components/case-timeline';
import { CaseFileList } from '../../components/case-files';
import { AssignmentReviewTag, reviewOffered } from '../../components/assignment-review';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { todayDay } from '../../components/day-picker';
import { PetitionActionModal } from './petition-action-modal';
import { LetterModal } from './petition-letters';
import { StatusTag, WarningMark } from './petition-tags';

/** forward actions get the primary button; refusals are red */
const primary: PetitionAction[] = ['accept', 'reply', 'review', 'reReview', 'close'];
const danger: PetitionAction[] = ['notAccept'];

/** The letter offered after an action. */
const letterAfter: Partial<Record<PetitionAction, PetitionLetterKind>> = {
  accept: 'acknowledgement',
  notAccept: 'notAccepted',
  extend: 'extension',
  reply: 'reply',
};

function lettersOf(p: PetitionDetail): PetitionLetterKind[] {
  const out: PetitionLetterKind[] = [];
  if (p.acceptedOn) out.push('acknowledgement');
  if (p.notAcceptedReason) out.push('notAccepted');
  if (p.extension) out.push('extension');
  if (p.replyText) out.push('reply');
  return out;
}

function daysLeftText(dueDay: string): string {
  const left = dayjs(dueDay).diff(dayjs(todayDay()), 'day');
  if (left < 0) return `已逾期 ${-left} 天`;
  if (left === 0) return '今天到期';
  return `剩余 ${left} 天`;
}

/** A masked value with 显示 for users who may reveal it (audited; clear for 30 seconds). */
function Revealable({ id, field, masked }: { id: string; field: 'idNumber' | 'phone'; masked: string }) {
  const canReveal = useCan('sensitive:reveal');
  const [clear, setClear] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (clear === null) return;
    const t = window.setTimeout(() => setClear(null), 30_000);
    return () => window.clearTimeout(t);
  }, [clear]);
  if (!masked) return <span className="muted">未填写</span>;
  if (clear !== null) return <span className="mono">{clear}</span>;
  return (
    <Space size={4}>
      <span className="mono">{masked}</span>
      {canReveal && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={busy}
          aria-label={field === 'idNumber' ? '显示身份证号' : '显示电话'}
          onClick={() => {
            setBusy(true);
            revealPetitionField(id, field)
              .then((r) => setClear(r.value))
              .catch(() => undefined)
              .finally(() => setBusy(false));
          }}
        >
          显示
        </Button>
      )}
    </Space>
  );
}

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <section className="panel detail-section">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <h3 className="detail-section-title">{title}</h3>
        {extra}
      </Space>
      {children}
    </section>
  );
}

function Clock({ p }: { p: PetitionDetail }) {
  const running = p.open && p.dueDay;
  return (
    <div className="petition-clock" data-testid="petition-clock">
      <div>
        <div className="muted">当前阶段</div>
        <StatusTag status={p.status} label={p.statusLabel} />
      </div>
      <div>
        <div className="muted">当前期限</div>
        {running ? (
          <Space size={6} wrap>
            <span className={`petition-clock-due${p.warning === 'red' ? ' petition-mark-red' : p.warning === 'yellow' ? ' petition-mark-yellow' : ''}`}>{p.dueDay}</span>
            <span>{daysLeftText(p.dueDay as string)}</span>
            <WarningMark warning={p.warning} dueDay={p.dueDay} />
          </Space>
        ) : (
          <span className="muted">{p.status === 'reReviewHearing' ? '听证中，期限暂停计算' : p.open ? '等待信访人（不计期限）' : '已终结'}</span>
        )}
      </div>
      <div>
        <div className="muted">受理期限（收到之日起 15 日）</div>
        <span>{p.acceptDueDay ?? '—'}</span>
        {p.acceptedOn && <span className="muted">（{p.acceptedOn} 已受理）</span>}
      </div>
      <div>
        <div className="muted">办理期限（受理之日起 60 日{p.extension ? `，延长 ${p.extension.days} 日` : ''}）</div>
        <span>{p.handleDueDay ?? '—'}</span>
        {p.repliedOn && <span className="muted">（{p.repliedOn} 已答复）</span>}
      </div>
    </div>
  );
}

/** After the reply: staff record the rating the petitioner gave by phone or on paper. */
function RecordSatisfaction({ p }: { p: PetitionDetail }) {
  const [stars, setStars] = useState(0);
  const record = useRecordSatisfaction();
  const { message } = App.useApp();
  return (
    <Space wrap className="no-print">
      <span>信访人满意度：</span>
      <Rate value={stars} onChange={setStars} aria-label="信访人满意度" />
      {stars > 0 && <span className="muted">{satisfactionLabels[stars]}</span>}
      <Button
        size="small"
        disabled={!stars}
        loading={record.isPending}
        onClick={() => record.mutate({ id: p.id, satisfaction: stars, version: p.version }, { onSuccess: () => void message.success('已登记满意度') })}
      >
        登记
      </Button>
    </Space>
  );
}

/** The petitions linked to this one as repeats (found among the same petitioner's). */
function RepeatsOf({ p }: { p: PetitionDetail }) {
  const q = useQuery({
    queryKey: ['petitions', 'repeats-of', p.id, p.petitionerName],
    queryFn: ({ signal }) => petitionApi.list({ q: p.petitionerName, pageSize: 100 }, signal),
    meta: { silent: true },
  });
  const repeats = (q.data?.items ?? []).filter((r) => r.repeatOf === p.id);
  if (repeats.length === 0) return <span className="muted">未关联（首次信访），暂无重复件</span>;
  return (
    <div data-testid="petition-repeats">
      <div>本件为首次信访，以下 {repeats.length} 件为重复信访（统计时不重复计数）：</div>
      <ul className="petition-repeat-list">
        {repeats.map((r) => (
          <li key={r.id}>
            <Link to={`/petitions/${encodeURIComponent(r.id)}`}>{r.registrationNo}</Link> <span className="muted">{r.receivedOn} · {r.statusLabel}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function LinkRepeatModal({ p, open, onClose }: { p: PetitionDetail; open: boolean; onClose: () => void }) {
  const link = useLinkRepeat();
  const { message } = App.useApp();
  const suggestions = useRepeatSuggestions(open ? { orgUnitId: p.orgUnitId, petitionerName: p.petitionerName, request: p.request.slice(0, 300) } : null);
  const items = (suggestions.data?.items ?? []).filter((s) => s.id !== p.id);
  return (
    <Modal open={open} title="关联为重复信访" footer={null} onCancel={onClose} destroyOnHidden width={680}>
      <Typography.Paragraph type="secondary">同一信访人就同一事项再次信访的，关联到首次信访，统计时不重复计数。</Typography.Paragraph>
      {suggestions.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description="未发现同一信访人的在先信访" />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Button
                  key="link"
                  size="small"
                  type="primary"
                  ghost
                  loading={link.isPending}
                  onClick={() =>
                    link.mutate(
                      { id: p.id, repeatOf: s.id, version: p.version },
                      {
                        onSuccess: () => {
                          void message.success('已关联为重复件');
                          onClose();
                        },
                      },
                    )
                  }
                >
                  关联
                </Button>,
              ]}
            >
              <List.Item.Meta title={`${s.registrationNo} · ${s.petitionerName} · ${s.statusLabel}`} description={`${s.receivedOn} · ${s.request.slice(0, 80)}`} />
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}

export function PetitionPage() {
  const { id } = useParams();
  const q = usePetition(id);
  const canWrite = useCan('petitions:write');
  const canRights = useCan('rights:write');
  const link = useLinkRepeat();
  const [action, setAction] = useState<{ name: PetitionAction; label: string } | null>(null);
  const [letter, setLetter] = useState<PetitionLetterKind | null>(null);
  const [linking, setLinking] = useState(false);

  if (q.isError)
    return <Result status="warning" title="无法打开该信访事项" subTitle={q.error.message} extra={<Link to="/petitions">返回信访事项</Link>} />;
  if (!q.data)
    return (
      <div className="page">
        <Skeleton active paragraph={{ rows: 10 }} />
      </div>
    );
  const p = q.data;
  const letters = lettersOf(p);

  const info: DescriptionsProps['items'] = [
    { key: 'no', label: '登记编号', children: <span className="mono">{p.registrationNo}</span> },
    { key: 'channel', label: '信访形式', children: `${petitionChannelLabels[p.channel]}${p.fromPublic ? '（网上提交）' : ''}${p.oral ? '（口头）' : ''}` },
    { key: 'type', label: '事项类别', children: <>{petitionTypeLabels[p.type]}{p.restricted && <Tag color="red" style={{ marginLeft: 6 }}>限定知悉</Tag>}</> },
    { key: 'category', label: '问题类别', children: petitionCategoryLabels[p.category] },
    { key: 'received', label: '收到日期', children: p.receivedOn },
    { key: 'unit', label: '办理单位', children: p.orgUnitName },
    { key: 'name', label: '信访人', children: `${p.petitionerName}${p.headcount > 1 ? `（共 ${p.headcount} 人）` : ''}` },
    { key: 'id', label: '身份证号', children: <Revealable id={p.id} field="idNumber" masked={p.idNumberMasked} /> },
    { key: 'phone', label: '联系电话', children: <Revealable id={p.id} field="phone" masked={p.phoneMasked} /> },
    { key: 'address', label: '住址', children: p.address, span: 'filled' },
  ];
  if (p.channel === 'visit') info.push({ key: 'cert', label: '退役证件', children: p.dischargeCertChecked ? '已核验' : <Typography.Text type="danger">未核验</Typography.Text> });
  if (p.representatives.length > 0)
    info.push({ key: 'reps', label: '代表', span: 'filled', children: p.representatives.map((r) => `${r.name}（${r.idNumberMasked}）`).join('、') });
  info.push(
    { key: 'handler', label: '首办责任人', children: p.handlerName },
    { key: 'leader', label: '包案领导', children: p.leaderName ?? <span className="muted">未设</span> },
  );
  if (p.recipientId) info.push({ key: 'recipient', label: '服务对象', children: <Link to={`/recipients/${encodeURIComponent(p.recipientId)}`}>查看一人一档</Link> });
  if (p.satisfaction) info.push({ key: 'rate', label: '信访人评价', children: <Space><Rate disabled value={p.satisfaction} />{satisfactionLabels[p.satisfaction]}</Space> });
  if (p.note) info.push({ key: 'note', label: '备注', children: p.note, span: 'filled' });

  const stages = p.stages.map((s, i) => ({
    key: `${i}`,
    color: s.status === 'notAccepted' ? 'red' : 'blue',
    content: (
      <div>
        <strong>{s.label}</strong> <span className="muted">{s.day}</span>
        <div className="muted">→ {s.statusLabel}</div>
      </div>
    ),
  }));
  if (p.open && p.dueDay)
    stages.push({
      key: 'next',
      color: p.warning === 'red' ? 'red' : p.warning === 'yellow' ? 'orange' : 'gray',
      content: (
        <div>
          <strong>下一步期限</strong> <span className={p.warning === 'red' ? 'petition-mark-red' : undefined}>{p.dueDay}</span>{' '}
          <span className="muted">{daysLeftText(p.dueDay)}</span>
        </div>
      ),
    });

  const details: ReactNode[] = [];
  if (p.notAcceptedReason) details.push(<Alert key="na" type="warning" showIcon title="不予受理" description={p.notAcceptedReason} />);
  if (p.transfer)
    details.push(<Alert key="tr" type="info" showIcon title={`已转送：${p.transfer.body}（${p.transfer.transferredOn}）`} description={p.transfer.record} />);
  for (const [i, e] of p.escalations.entries())
    details.push(<Alert key={`es${i}`} type="info" showIcon title={`${e.on} 由${e.fromUnitName}交${e.toUnitName}办理`} description={e.reason} />);
  if (p.extension)
    details.push(
      <Alert key="ex" type="warning" showIcon title={`延期 ${p.extension.days} 日（${p.extension.approvedByName} ${p.extension.approvedOn} 批准）`} description={p.extension.reason} />,
    );
  if (p.replyText)
    details.push(
      <Alert
        key="re"
        type="success"
        showIcon
        title={`${p.repliedOn ?? ''} 答复：${p.outcome ? petitionOutcomeLabels[p.outcome] : ''}${p.replyReceivedOn ? `（信访人 ${p.replyReceivedOn} 收到）` : ''}`}
        description={<div className="petition-text">{p.replyText}</div>}
      />,
    );
  if (p.review)
    details.push(
      <Alert
        key="rv"
        type="info"
        showIcon
        title={`复查：${p.review.requestedOn} 申请，${p.review.unitName}${p.review.decision ? ` ${p.review.decidedOn ?? ''} ${reviewDecisionLabels[p.review.decision]}` : ' 办理中'}`}
        description={p.review.opinion ? <div className="petition-text">{p.review.opinion}</div> : undefined}
      />,
    );
  if (p.reReview)
    details.push(
      <Alert
        key="rr"
        type="info"
        showIcon
        title={`复核：${p.reReview.requestedOn} 申请，${p.reReview.unitName}${p.reReview.decision ? ` ${p.reReview.decidedOn ?? ''} ${reviewDecisionLabels[p.reReview.decision]}` : ' 办理中'}`}
        description={
          <>
            {p.reReview.hearings.map((h, i) => (
              <div key={i} className="muted">
                听证 {h.from} 至 {h.to ?? '（进行中）'}，不计入复核期限
              </div>
            ))}
            {p.reReview.opinion && <div className="petition-text">{p.reReview.opinion}</div>}
          </>
        }
      />,
    );

  return (
    <PageShell
      title={`${p.petitionerName}的信访事项`}
      subtitle={
        <Space size={6} wrap>
          <span className="mono">{p.registrationNo}</span>
          <StatusTag status={p.status} label={p.statusLabel} />
          <WarningMark warning={p.warning} dueDay={p.dueDay} />
        </Space>
      }
      extra={
        <Space wrap className="petition-actions">
          {canRights && (
            <Link to={`/rights/new?${new URLSearchParams({ fromPetition: p.id, petitionNo: p.registrationNo, request: p.request, facts: p.facts, ...(p.recipientId ? { recipient: p.recipientId, name: p.petitionerName } : {}) }).toString()}`}>
              <Button>转权益维护</Button>
            </Link>
          )}
          {p.actions.filter((a) => reviewOffered(a.name, p.supervisions)).map((a) => (
            <Button key={a.name} type={primary.includes(a.name) ? 'primary' : 'default'} danger={danger.includes(a.name)} onClick={() => setAction(a)}>
              {a.label}
            </Button>
          ))}
          {letters.length > 0 && (
            <Dropdown
              menu={{
                items: letters.map((k) => ({ key: k, label: petitionLetterKindLabels[k] })),
                onClick: ({ key }) => setLetter(key as PetitionLetterKind),
              }}
            >
              <Button icon={<PrinterOutlined />}>
                打印文书 <DownOutlined />
              </Button>
            </Dropdown>
          )}
        </Space>
      }
    >
      <Section title="办理时限">
        <Clock p={p} />
      </Section>
      <Section title="登记信息">
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} items={info} />
      </Section>
      <Section title="信访事项">
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            { key: 'request', label: '信访请求', children: <div className="petition-text">{p.request}</div> },
            { key: 'facts', label: '事实', children: <div className="petition-text">{p.facts}</div> },
            { key: 'reasons', label: '理由', children: p.reasons ? <div className="petition-text">{p.reasons}</div> : <span className="muted">—</span> },
          ]}
        />
      </Section>
      <Section
        title="重复信访"
        extra={
          canWrite &&
          (p.repeatOf ? (
            <Button size="small" loading={link.isPending} onClick={() => link.mutate({ id: p.id, repeatOf: null, version: p.version })}>
              取消关联
            </Button>
          ) : (
            <Button size="small" icon={<LinkOutlined />} onClick={() => setLinking(true)}>
              关联为重复件
            </Button>
          ))
        }
      >
        {p.repeatOf ? (
          <span>
            本件为重复信访，首次信访：<Link to={`/petitions/${encodeURIComponent(p.repeatOf)}`}>查看首件</Link>（统计时不重复计数）
          </span>
        ) : (
          <RepeatsOf p={p} />
        )}
      </Section>
      <div className="petition-two-col">
        <Section title="办理阶段">
          {stages.length === 0 ? <Empty description="暂无" /> : <Timeline items={stages} />}
        </Section>
        <Section title="办理情况">
          {details.length === 0 ? <span className="muted">尚无办理结果</span> : <Space orientation="vertical" style={{ width: '100%' }}>{details}</Space>}
          {canWrite && p.replyText && !p.satisfaction && (
            <div style={{ marginTop: 12 }}>
              <RecordSatisfaction p={p} />
            </div>
          )}
        </Section>
      </div>
      {(p.supervisions.length > 0 || p.keyContact || p.team) && (
        <Section title="交办督办与包联">
          {(p.keyContact || p.team) && (
            <p>
              {p.keyContact && <span>一对一包联：{p.keyContact.name}　</span>}
              {p.team && (
                <span>
                  一案一专班：{p.team.leader ? `${p.team.leader.name}（负责人）` : ''}
                  {p.team.members.map((m) => m.name).join('、')}
                </span>
              )}
            </p>
          )}
          {p.supervisions.map((x) => (
            <div key={x.id} className="petition-supervision">
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
              ) : (
                <Tag>待回复</Tag>
              )}{' '}
              <AssignmentReviewTag x={x} />
              {x.review === 'returned' && !x.repliedOn && <span className="muted">退回意见：{x.reviewComment}</span>}
            </div>
          ))}
        </Section>
      )}
      <Section title="办理记录">
        <CaseTimeline log={p.log} renderData={(l) => (l.action === 'handle' ? <HandlingEntry p={p} seq={l.seq} /> : null)} />
      </Section>
      <PetitionActionModal
        petition={p}
        action={action}
        onClose={() => setAction(null)}
        onDone={(a) => {
          const k = letterAfter[a];
          if (k) setLetter(k);
        }}
      />
      <LetterModal petitionId={p.id} kind={letter} onClose={() => setLetter(null)} />
      <LinkRepeatModal p={p} open={linking} onClose={() => setLinking(false)} />
    </PageShell>
  );
}

/** A handling entry 办理记录 on the timeline: what was done, with whom, and its attachments (downloads audited). */
function HandlingEntry({ p, seq }: { p: PetitionDetail; seq: number }) {
  const h = p.handlings.find((x) => x.seq === seq);
  if (!h) return null;
  return (
    <div data-testid="handling-entry">
      <div>
        {h.handledOn}：<span style={{ whiteSpace: 'pre-wrap' }}>{h.what}</span>
        {h.withWhom && <span className="muted">（{h.withWhom}）</span>}
      </div>
      <CaseFileList files={h.files} base={`/api/petitions/${encodeURIComponent(p.id)}/files`} />
    </div>
  );
}
