// 首页 of a village or grid worker on a phone (the field home): what they owe today as cards —
// owed visits overdue and due now (visits' owed list), the other items of 我的待办 — and a search
// box that finds a person as they type (two characters of the name or its pinyin initials), each
// found person one tap from 记录走访 and from their page. Other roles, and every desktop, keep the
// module-card home.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Spin, Typography } from 'antd';
import { CalendarOutlined, ContactsOutlined, HeartOutlined, InboxOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import type { MeDto } from '../../../shared/schemas/auth';
import type { DueVisitDto } from '../../../shared/schemas/visits';
import { recipientKindLabels, type RecipientListItem } from '../../../shared/schemas/recipients';
import { useWorkQueue, useWorkQueueCount } from '../../api/cases';
import { recipientApi, recipientKeys } from '../../api/recipients';
import { visitApi, visitKeys } from '../../api/visits';
import { usePageTitle } from '../../components/page-shell';
import { holds, useCurrentUser } from '../../components/session';
import { useDebounced } from '../../components/use-debounced';
import { workQueuePermissions } from '../../modules';
import { DueDay, DueStateTag, KeyGroupTags, OutboxIndicator } from '../visits/visit-tags';
import { workItemPath } from '../work-queue/work-queue-page';
import { dueTag } from '../work-queue/due-tag';
import { RecipientStatusTag, genderLabels } from '../recipients/recipient-tags';
import '../visits/visits.css';
import './field-home.css';

/** Who lands on the field home: staff whose range is a village or a grid (on a phone). */
export function isFieldWorker(me: MeDto): boolean {
  return me.orgUnit.level === 'village' || me.orgUnit.level === 'grid';
}

const OWED_SHOWN = 10;
/** the visit form comes back here when the visit is saved */
const backHome = { returnTo: '/' };
const QUEUE_SHOWN = 5;

/** The link that records a visit to an owed visit's person (the form comes back to the home page). */
export function owedVisitPath(d: Pick<DueVisitDto, 'id' | 'recipientId'>): string {
  return `/visits/new?dueVisit=${encodeURIComponent(d.id)}&recipient=${encodeURIComponent(d.recipientId)}`;
}

export function FieldHome({ greeting }: { greeting: string }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  usePageTitle('首页');
  const canVisits = me.permissions.includes('visits:read');
  const canRecord = me.permissions.includes('visits:write');
  const canFind = me.permissions.includes('registry:read');
  const canQueue = holds(me.permissions, workQueuePermissions);

  const owed = (state: 'overdue' | 'open') => ({
    queryKey: [...visitKeys.owed, { status: 'owed', state, sort: 'due', pageSize: OWED_SHOWN, page: 1 }],
    queryFn: ({ signal }: { signal: AbortSignal }) => visitApi.owed({ status: 'owed', state, sort: 'due', pageSize: OWED_SHOWN, page: 1 }, signal),
    enabled: canVisits,
  });
  const overdue = useQuery(owed('overdue'));
  const open = useQuery(owed('open'));
  const queue = useWorkQueue(canQueue);
  const queueCount = useWorkQueueCount(canQueue);
  // owed visits are in the owed cards already: the queue's other items only
  const otherItems = (queue.data?.items ?? []).filter((i) => i.provider !== 'visits');
  const owedShown = [...(overdue.data?.items ?? []), ...(open.data?.items ?? [])].slice(0, OWED_SHOWN);
  const owedTotal = (overdue.data?.total ?? 0) + (open.data?.total ?? 0);
  const owedOf = new Map(owedShown.map((d) => [d.recipientId, d]));

  return (
    <div className="page field-home">
      <div className="field-hello">
        <Typography.Title level={4} className="field-hello-title" data-testid="welcome">
          {greeting}，{me.displayName}
        </Typography.Title>
        <div className="muted field-hello-unit">{me.orgUnit.name}</div>
      </div>
      <OutboxIndicator />
      {canFind && <PersonSearch canRecord={canRecord} owedOf={owedOf} />}

      <div className="field-stats" data-testid="field-stats">
        {canVisits && (
          <>
            <StatCard label="逾期未访" value={overdue.data?.total} tone="red" onClick={() => navigate('/visits/owed?state=overdue')} />
            <StatCard label="走访期内" value={open.data?.total} tone="blue" onClick={() => navigate('/visits/owed?state=open')} />
          </>
        )}
        {canQueue && (
          <StatCard
            label="我的待办"
            value={queueCount.data?.count}
            sub={queueCount.data?.overdue ? `逾期 ${queueCount.data.overdue}` : undefined}
            tone="gray"
            onClick={() => navigate('/work-queue')}
          />
        )}
      </div>

      {canVisits && (
        <section className="field-section" aria-labelledby="field-owed-title">
          <div className="field-section-head">
            <h2 id="field-owed-title" className="field-section-title">
              今天该走访
            </h2>
            {owedTotal > owedShown.length && (
              <Button type="link" size="small" onClick={() => navigate('/visits/owed')}>
                全部 {owedTotal} 条 <RightOutlined />
              </Button>
            )}
          </div>
          {overdue.isPending || open.isPending ? (
            <Spin />
          ) : owedShown.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="今天没有到期的走访" />
          ) : (
            <div className="owed-cards" data-testid="field-owed">
              {owedShown.map((d) => (
                <button key={d.id} type="button" className="owed-card" onClick={() => navigate(owedVisitPath(d), { state: backHome })} data-testid="field-owed-card">
                  <span className="owed-card-head">
                    <span className="owed-card-name">{d.recipientName}</span>
                    <DueStateTag state={d.state} />
                  </span>
                  <span className="owed-card-line">
                    <span>{d.label}</span>
                    <KeyGroupTags groups={d.keyGroups} />
                  </span>
                  <span className="owed-card-foot">
                    <span className="muted">{d.orgUnitName}</span>
                    <span>
                      <span className="muted">期限 </span>
                      <DueDay due={d} />
                    </span>
                  </span>
                </button>
              ))}
            </div>
          )}
        </section>
      )}

      {canQueue && otherItems.length > 0 && (
        <section className="field-section" aria-labelledby="field-queue-title">
          <div className="field-section-head">
            <h2 id="field-queue-title" className="field-section-title">
              待办事项
            </h2>
            {otherItems.length > QUEUE_SHOWN && (
              <Button type="link" size="small" onClick={() => navigate('/work-queue')}>
                全部 <RightOutlined />
              </Button>
            )}
          </div>
          <div className="owed-cards">
            {otherItems.slice(0, QUEUE_SHOWN).map((i) => (
              <button key={`${i.provider}:${i.id}`} type="button" className="owed-card" onClick={() => navigate(workItemPath(i))}>
                <span className="owed-card-head">
                  <span className="field-queue-title">{i.title}</span>
                  {dueTag(i.dueDay, { overdue: i.overdue, dueSoon: i.dueSoon }, i.dueAt)}
                </span>
                <span className="owed-card-foot">
                  <span className="muted">
                    {i.typeLabel} · {i.statusLabel}
                  </span>
                  {i.dueDay && <span className={i.overdue ? 'visit-overdue' : 'muted'}>期限 {i.dueDay}</span>}
                </span>
              </button>
            ))}
          </div>
        </section>
      )}

      <nav className="field-links" aria-label="常用">
        {canRecord && (
          <Button icon={<HeartOutlined />} onClick={() => navigate('/visits/new')}>
            日常走访
          </Button>
        )}
        {canVisits && (
          <Button icon={<CalendarOutlined />} onClick={() => navigate('/visits/owed')}>
            应访名单
          </Button>
        )}
        {canFind && (
          <Button icon={<ContactsOutlined />} onClick={() => navigate('/recipients')}>
            服务对象
          </Button>
        )}
        {canQueue && (
          <Button icon={<InboxOutlined />} onClick={() => navigate('/work-queue')}>
            我的待办
          </Button>
        )}
      </nav>
    </div>
  );
}

function StatCard({ label, value, sub, tone, onClick }: { label: string; value: number | undefined; sub?: string; tone: 'red' | 'blue' | 'gray'; onClick: () => void }) {
  return (
    <button type="button" className={`field-stat field-stat-${tone}`} onClick={onClick} aria-label={`${label} ${value ?? ''}`}>
      <span className="field-stat-value">{value ?? '–'}</span>
      <span className="field-stat-label">{label}</span>
      {sub && <span className="field-stat-sub">{sub}</span>}
    </button>
  );
}

/** Finds a person as the worker types (debounced): two characters of the name or its pinyin initials. */
function PersonSearch({ canRecord, owedOf }: { canRecord: boolean; owedOf: Map<string, DueVisitDto> }) {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim(), 300);
  const params = { q: term, pageSize: 10 };
  const found = useQuery({
    queryKey: [...recipientKeys.list, params],
    queryFn: ({ signal }) => recipientApi.list(params, signal),
    enabled: term.length >= 1,
  });
  const items = found.data?.items ?? [];
  const record = (r: RecipientListItem) => {
    const due = owedOf.get(r.id);
    navigate(due ? owedVisitPath(due) : `/visits/new?recipient=${encodeURIComponent(r.id)}`, { state: backHome });
  };
  return (
    <div className="field-search">
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder="找人：姓名两个字或拼音首字母"
        aria-label="查找服务对象"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        enterKeyHint="search"
        autoComplete="off"
      />
      {term.length > 0 && (
        <div className="field-results" data-testid="field-results" aria-live="polite">
          {found.isPending ? (
            <Spin size="small" />
          ) : items.length === 0 ? (
            <div className="muted field-results-none">没有找到“{term}”</div>
          ) : (
            items.map((r) => (
              <div key={r.id} className="field-result" data-testid="field-result">
                <button type="button" className="field-result-who" onClick={() => navigate(`/recipients/${r.id}`)} aria-label={`${r.name}的档案`}>
                  <span className="field-result-name">
                    {r.name}
                    {(r.status !== 'registered' || r.deceased) && <RecipientStatusTag status={r.status} deceased={r.deceased} />}
                  </span>
                  <span className="muted field-result-meta">
                    {genderLabels[r.gender]} · {r.age} 岁 · {recipientKindLabels[r.kind]} · {r.orgUnitName}
                  </span>
                </button>
                {canRecord && r.status === 'registered' && (
                  <Button type="primary" className="field-result-visit" onClick={() => record(r)} aria-label={`记录走访 ${r.name}`}>
                    记录走访
                  </Button>
                )}
              </div>
            ))
          )}
          {found.data && found.data.total > items.length && (
            <div className="muted field-results-more">
              共 {found.data.total}
              {found.data.totalCapped ? '+' : ''} 人，多输入一个字可缩小范围
            </div>
          )}
        </div>
      )}
    </div>
  );
}
