// 应访名单 /visits/owed: the visits owed, soonest due first — cards on a phone (tap one to record
// the visit), a table on a desktop. Filters live in the URL (the calendar and the coverage page
// link here with a day, a unit or a state). A head selects rows and assigns them to a worker
// (分派), and can run the generation now (立即生成应访名单).
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Empty, Flex, Grid, Pagination, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, ThunderboltOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  dueVisitReasonLabels,
  dueVisitReasons,
  dueVisitStateLabels,
  keyGroupLabels,
  keyGroups,
  type DueVisitDto,
} from '../../../shared/schemas/visits';
import type { QueryParams } from '../../api/client';
import { useAssignDueVisits, useGenerateDueVisits, useVisitStaff, visitApi, visitKeys } from '../../api/visits';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { useOutbox } from './visit-outbox';
import { DueDay, DueStateTag, KeyGroupTags, OutboxIndicator } from './visit-tags';
import { plansVisits, VisitsNav } from './visits-nav';
import './visits.css';

const FILTERS = ['orgUnitId', 'reason', 'keyGroup', 'assigned', 'state', 'from', 'to', 'status'] as const;
const PAGE_SIZE = 20;

export function OwedPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const head = plansVisits(me);
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const params = useMemo<QueryParams>(() => {
    const out: QueryParams = { status: 'owed', page, pageSize: PAGE_SIZE, sort: sp.get('sort') ?? 'due' };
    for (const f of FILTERS) {
      const v = sp.get(f);
      if (v) out[f] = v;
    }
    return out;
  }, [sp, page]);
  const list = useQuery({
    queryKey: [...visitKeys.owed, params],
    queryFn: ({ signal }) => visitApi.owed(params, signal),
    placeholderData: keepPreviousData,
  });
  const outbox = useOutbox();
  const queuedDue = new Set(outbox.entries.map((e) => e.body?.dueVisitId).filter((x): x is string => typeof x === 'string'));
  const [selected, setSelected] = useState<string[]>([]);
  const [assignee, setAssignee] = useState<string | undefined>();
  const staff = useVisitStaff({}, head);
  const assign = useAssignDueVisits();
  const generate = useGenerateDueVisits();

  function setParam(changes: Record<string, string | undefined>, resetPage = true): void {
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
    setSelected([]);
  }

  // the form comes back to the list as it was (filters, page): its data is in the cache even offline
  // a reader (an upper level) is not offered the visit form, which only writers may use: the person's page instead
  const records = me.permissions.includes('visits:write');
  const open = (d: DueVisitDto) =>
    records
      ? navigate(`/visits/new?dueVisit=${encodeURIComponent(d.id)}&recipient=${encodeURIComponent(d.recipientId)}`, { state: { owedSearch: window.location.search } })
      : navigate(`/recipients/${encodeURIComponent(d.recipientId)}`);

  function doAssign(userId: string | null): void {
    assign.mutate(
      { ids: selected, userId },
      {
        onSuccess: (r) => {
          const name = userId ? (staff.data?.items.find((s) => s.id === userId)?.name ?? '') : '';
          void message.success(userId ? `已分派 ${r.assigned} 条给 ${name}` : `已收回 ${r.assigned} 条分派`);
          setSelected([]);
          setAssignee(undefined);
        },
      },
    );
  }

  function runGenerate(): void {
    modal.confirm({
      title: '立即生成应访名单',
      content: '按登记信息和节日日历生成本辖区今后一段时间的应访名单。已生成的不会重复生成。',
      okText: '生成',
      cancelText: '取消',
      onOk: () =>
        generate.mutateAsync(undefined).then((r) => {
          void message.success(`已生成：新增 ${r.created} 条应访（${r.from} 至 ${r.to}，覆盖 ${r.recipients} 人，用时 ${(r.ms / 1000).toFixed(1)} 秒）`, 6);
        }),
    });
  }

  const data = list.data;
  const items = data?.items ?? [];
  const filtersSet = FILTERS.some((f) => f !== 'status' && sp.get(f));
  const dayFilter = sp.get('from') && sp.get('from') === sp.get('to') ? sp.get('from') : null;

  const filterBar = (
    <Flex wrap gap={8} className="owed-filters no-print">
      {head && (
        <OrgUnitSelect
          value={sp.get('orgUnitId') ?? undefined}
          onChange={(id) => setParam({ orgUnitId: id })}
          allowClear
          placeholder="单位（含下级）"
          aria-label="单位"
          style={{ width: isPhone ? '100%' : 220 }}
        />
      )}
      <Select
        allowClear
        placeholder="走访事由"
        aria-label="走访事由"
        value={sp.get('reason') ?? undefined}
        onChange={(v?: string) => setParam({ reason: v })}
        options={dueVisitReasons.map((r) => ({ value: r, label: dueVisitReasonLabels[r] }))}
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        placeholder="重点人员"
        aria-label="重点人员"
        value={sp.get('keyGroup') ?? undefined}
        onChange={(v?: string) => setParam({ keyGroup: v })}
        options={keyGroups.map((g) => ({ value: g, label: keyGroupLabels[g] }))}
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        placeholder="分派"
        aria-label="分派"
        value={sp.get('assigned') ?? undefined}
        onChange={(v?: string) => setParam({ assigned: v })}
        options={[
          { value: 'me', label: '分派给我的' },
          { value: 'unassigned', label: '未分派' },
        ]}
      />
      <Select
        allowClear
        placeholder="走访期"
        aria-label="走访期"
        value={sp.get('state') ?? undefined}
        onChange={(v?: string) => setParam({ state: v })}
        options={(['overdue', 'open', 'upcoming'] as const).map((s) => ({ value: s, label: dueVisitStateLabels[s] }))}
      />
      {filtersSet && (
        <Button type="link" onClick={() => setParam(Object.fromEntries(FILTERS.map((f) => [f, undefined])))}>
          清除筛选
        </Button>
      )}
    </Flex>
  );

  const columns: TableColumnsType<DueVisitDto> = [
    {
      key: 'name',
      title: '走访对象',
      render: (_v, d) => (
        <Space orientation="vertical" size={2}>
          <Typography.Link strong onClick={() => open(d)}>
            {d.recipientName}
          </Typography.Link>
          <KeyGroupTags groups={d.keyGroups} />
        </Space>
      ),
    },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName' },
    {
      key: 'label',
      title: '走访事由',
      render: (_v, d) => (
        <>
          {d.label}
          {queuedDue.has(d.id) && (
            <Tag color="orange" className="visit-tag" style={{ marginLeft: 6 }}>
              待发送
            </Tag>
          )}
        </>
      ),
    },
    { key: 'occasion', title: '日期', dataIndex: 'occasionDay' },
    { key: 'due', title: '应访期限', render: (_v, d) => <DueDay due={d} /> },
    { key: 'state', title: '状态', render: (_v, d) => <DueStateTag state={d.state} /> },
    { key: 'owner', title: '责任单位', dataIndex: 'ownerUnitName', responsive: ['xl'] },
    { key: 'assignee', title: '走访人', render: (_v, d) => d.assignedUserName ?? <span className="muted">未分派</span> },
    ...(records
      ? [
          {
            key: 'actions',
            title: '操作',
            render: (_v: unknown, d: DueVisitDto) => (
              <Button type="primary" size="small" onClick={() => open(d)}>
                记录走访
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageShell
      title="应访名单"
      subtitle={dayFilter ? `${dayFilter} 的应访走访` : '按登记信息和节日日历生成，期限最近的在前'}
      extra={
        <Space wrap>
          {records && <Button onClick={() => navigate('/visits/new')}>日常走访</Button>}
          {head && (
            <Button icon={<ThunderboltOutlined />} loading={generate.isPending} onClick={runGenerate}>
              立即生成应访名单
            </Button>
          )}
        </Space>
      }
    >
      <VisitsNav />
      <OutboxIndicator />
      {filterBar}
      <Flex justify="space-between" align="center" className="owed-toolbar no-print" gap={8} wrap>
        <Typography.Text type="secondary" data-testid="owed-total">
          {data ? `共 ${data.total}${data.totalCapped ? '+' : ''} 条` : ' '}
        </Typography.Text>
        <Space>
          {head && isPhone && items.length > 0 && (
            <Checkbox
              checked={items.every((d) => selected.includes(d.id))}
              indeterminate={selected.length > 0 && !items.every((d) => selected.includes(d.id))}
              onChange={(e) => setSelected(e.target.checked ? items.map((d) => d.id) : [])}
            >
              全选本页
            </Checkbox>
          )}
          <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => void list.refetch()} />
        </Space>
      </Flex>
      {list.isError && <Alert type="error" showIcon title="加载失败" description={list.error.message} className="form-alert" />}
      {isPhone ? (
        <Spin spinning={list.isFetching && !!data}>
          {list.isPending ? (
            <Spin />
          ) : items.length === 0 ? (
            <Empty description={filtersSet ? '没有符合条件的应访' : '目前没有应访的走访'} />
          ) : (
            <div className="owed-cards" data-testid="owed-cards">
              {items.map((d) => (
                <OwedCard
                  key={d.id}
                  due={d}
                  queued={queuedDue.has(d.id)}
                  selectable={head}
                  selected={selected.includes(d.id)}
                  onSelect={(on) => setSelected((s) => (on ? [...s, d.id] : s.filter((x) => x !== d.id)))}
                  onOpen={() => open(d)}
                />
              ))}
            </div>
          )}
          {data && data.total > PAGE_SIZE && (
            <Flex justify="center" className="owed-more">
              <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => setParam({ page: p === 1 ? undefined : String(p) }, false)} />
            </Flex>
          )}
        </Spin>
      ) : (
        <Table<DueVisitDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          rowSelection={head ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
          locale={{ emptyText: filtersSet ? '没有符合条件的应访' : '目前没有应访的走访' }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p) => setParam({ page: p === 1 ? undefined : String(p) }, false),
          }}
        />
      )}
      {head && selected.length > 0 && (
        <div className="owed-assign-bar no-print" data-testid="assign-bar">
          <span>已选 {selected.length} 条，分派给</span>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择工作人员"
            aria-label="分派给"
            value={assignee}
            onChange={setAssignee}
            loading={staff.isPending}
            options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.orgUnitName}` }))}
          />
          <Button type="primary" icon={<UserAddOutlined />} disabled={!assignee} loading={assign.isPending} onClick={() => assignee && doAssign(assignee)}>
            分派
          </Button>
          <Button onClick={() => doAssign(null)} loading={assign.isPending}>
            收回分派
          </Button>
        </div>
      )}
    </PageShell>
  );
}

function OwedCard(props: {
  due: DueVisitDto;
  queued: boolean;
  selectable: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onOpen: () => void;
}) {
  const d = props.due;
  return (
    <div
      role="button"
      tabIndex={0}
      className={`owed-card${props.selected ? ' owed-card-selected' : ''}`}
      onClick={props.onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter') props.onOpen();
      }}
      data-testid="owed-card"
    >
      <div className="owed-card-head">
        <span className="owed-card-name">{d.recipientName}</span>
        <Space size={4}>
          {props.queued ? <Tag color="orange" className="visit-tag">待发送</Tag> : <DueStateTag state={d.state} />}
          {props.selectable && (
            <span className="owed-card-check" onClick={(e) => e.stopPropagation()}>
              <Checkbox checked={props.selected} onChange={(e) => props.onSelect(e.target.checked)} aria-label={`选择 ${d.recipientName}`} />
            </span>
          )}
        </Space>
      </div>
      <div className="owed-card-line">
        <span>{d.label}</span>
        <span className="muted">{d.occasionDay}</span>
      </div>
      {d.keyGroups.length > 0 && (
        <div className="owed-card-line">
          <KeyGroupTags groups={d.keyGroups} />
        </div>
      )}
      <div className="owed-card-foot">
        <span className="muted">{d.orgUnitName}</span>
        <span>
          <span className="muted">期限 </span>
          <DueDay due={d} />
        </span>
      </div>
      <div className="owed-card-foot">
        <span className="muted">走访人：{d.assignedUserName ?? '未分派'}</span>
        {d.ownerUnitId !== d.orgUnitId && <span className="muted">责任：{d.ownerUnitName}</span>}
      </div>
    </div>
  );
}
