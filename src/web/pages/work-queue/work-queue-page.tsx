// 我的待办: everything waiting on the user or their unit, soonest deadline first, with days
// waiting and 逾期 / 即将到期 marks. The queue is one list from the server; it is paged and
// filtered here so that it reads like every other list (RecordTable).
import { Link } from 'react-router';
import { Typography } from 'antd';
import { workQueueApi, workQueueKey, type WorkItemDto } from '../../api/cases';
import type { Page } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { dueTag } from './due-tag';

/** Where an item opens: a case's own page (its actions are there), else the provider's link. */
export function workItemPath(item: WorkItemDto): string {
  // a petition is a kernel case with a page of its own (its actions need their forms)
  if (item.link.startsWith('/petitions/')) return item.link;
  return item.provider === 'cases' ? `/cases/${item.id}` : item.link;
}

async function fetchQueuePage(params: RecordParams, signal?: AbortSignal): Promise<Page<WorkItemDto>> {
  const queue = await queryClient.fetchQuery({
    queryKey: [...workQueueKey, 'all'],
    queryFn: () => workQueueApi.get(signal),
    staleTime: 0,
  });
  const q = (params.q ?? '').trim();
  const items = queue.items.filter(
    (i) =>
      (!q || i.title.includes(q) || i.unitName.includes(q)) &&
      (!params.mark || (params.mark === 'overdue' ? i.overdue : i.dueSoon)),
  );
  const page = Number(params.page) || 1;
  const pageSize = Number(params.pageSize) || 20;
  return {
    items: items.slice((page - 1) * pageSize, page * pageSize),
    total: items.length,
    totalCapped: false,
    page,
    pageSize,
  };
}

function waited(days: number): string {
  return days === 0 ? '今天提交' : `已等待 ${days} 天`;
}

const filters: RecordFilter[] = [
  { kind: 'text', name: 'q', label: '事项或单位', placeholder: '事项、姓名或单位', width: 220 },
  {
    kind: 'select',
    name: 'mark',
    label: '期限',
    width: 140,
    options: [
      { value: 'overdue', label: '逾期' },
      { value: 'dueSoon', label: '即将到期' },
    ],
  },
];

const columns: RecordColumn<WorkItemDto>[] = [
  {
    key: 'title',
    title: '事项',
    fixedShown: true,
    render: (_v, i) => (
      <div className="queue-title">
        <Link to={workItemPath(i)}>{i.title}</Link>
        <div className="muted queue-sub">
          {i.typeLabel} · {i.statusLabel}
        </div>
        {/* on a phone the other columns are hidden: the deadline goes under the title */}
        <div className="queue-sub queue-phone-only">
          <span className="muted">{waited(i.daysWaiting)}</span>
          {i.dueDay && (
            <>
              <span className="muted"> · 期限 </span>
              <Typography.Text type={i.overdue ? 'danger' : undefined}>{i.dueDay}</Typography.Text>
            </>
          )}
          {dueTag(i.dueDay, i)}
        </div>
      </div>
    ),
  },
  { key: 'typeLabel', title: '类型', dataIndex: 'typeLabel', defaultHidden: true },
  { key: 'statusLabel', title: '状态', dataIndex: 'statusLabel', defaultHidden: true },
  { key: 'unitName', title: '单位', dataIndex: 'unitName', responsive: ['sm'] },
  {
    key: 'daysWaiting',
    title: '已等待',
    dataIndex: 'daysWaiting',
    render: (d: number) => (d === 0 ? '今天' : `${d} 天`),
    responsive: ['sm'],
  },
  {
    key: 'dueDay',
    title: '期限',
    responsive: ['sm'],
    render: (_v, i) =>
      i.dueDay ? (
        <span className="queue-due">
          <Typography.Text type={i.overdue ? 'danger' : undefined}>{i.dueDay}</Typography.Text>
          {dueTag(i.dueDay, i)}
        </span>
      ) : (
        <span className="muted">—</span>
      ),
  },
];

export function WorkQueuePage() {
  return (
    <PageShell title="我的待办" subtitle="等待本人或本单位办理的事项，期限最近的在前">
      <RecordTable<WorkItemDto>
        queryKey={[...workQueueKey, 'page']}
        fetchPage={fetchQueuePage}
        columns={columns}
        rowKey={(i) => `${i.provider}:${i.id}`}
        filters={filters}
        storageKey="work-queue"
        emptyText="没有待办事项"
      />
    </PageShell>
  );
}
