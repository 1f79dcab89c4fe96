// 统计看板 · 政策服务: the applications and bookings of the user's unit (or a unit below, drilled
// into) for a month, quarter or year — applications by item and status, each step level's on-time
// rate, the 最多跑一次 rate per unit below (a click lands on the applications behind it), bookings,
// completed and no-shows. All from roll-ups (GET /api/dashboards/services).
import { useCallback, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Grid, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import { applicationStatuses, applicationStatusLabels } from '../../../shared/schemas/applications';
import type { ServicesDashboard } from '../../../shared/schemas/dashboards';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { stepLevelLabels } from '../../../shared/schemas/service-items';
import { periodKind, periodOf } from '../../../shared/rules/periods';
import { useServicesDashboard } from '../../api/dashboards';
import { Chart, CountChart, rateBarHeight, rateBarOption, stackedBarHeight, stackedBarOption } from '../../components/chart';
import { PeriodSelect } from '../../components/period-select';
import { todayDay } from '../../components/day-picker';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

type Child = ServicesDashboard['children'][number];

/** The applications list filtered to those behind a 最多跑一次 figure: closed in the period, in the unit's range. */
export function oneRunListUrl(unitId: string, period: string, manyRuns?: boolean): string {
  const q = new URLSearchParams({ orgUnitId: unitId, closedIn: period });
  if (manyRuns !== undefined) q.set('manyRuns', String(manyRuns));
  return `/applications?${q.toString()}`;
}

function ItemStatusCard({ d }: { d: ServicesDashboard }) {
  const items = useMemo(() => {
    const byId = new Map<string, { itemId: string; itemName: string; counts: Record<string, number>; total: number }>();
    for (const r of d.applications.byItemStatus) {
      const row = byId.get(r.itemId) ?? { itemId: r.itemId, itemName: r.itemName, counts: {}, total: 0 };
      row.counts[r.status] = (row.counts[r.status] ?? 0) + r.n;
      row.total += r.n;
      byId.set(r.itemId, row);
    }
    return [...byId.values()].sort((a, b) => b.total - a.total);
  }, [d]);
  const series = useMemo(() => applicationStatuses.map((s) => ({ name: applicationStatusLabels[s], data: items.map((i) => i.counts[s] ?? 0) })), [items]);
  const option = useCallback((w: number) => stackedBarOption(items.map((i) => i.itemName), series, w), [items, series]);
  const used = applicationStatuses.filter((s) => items.some((i) => i.counts[s]));
  return (
    <Card size="small" title="办件（按事项和状态，当前）" className="dashboard-card services-items">
      {items.length === 0 ? (
        <CountChart items={[]} kind="hbar" ariaLabel="办件按事项和状态" />
      ) : (
        <>
          <Chart option={option} height={(w) => stackedBarHeight(items.length, series, w)} ariaLabel="办件按事项和状态" />
          <Table
            size="small"
            rowKey="itemId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={items}
            columns={[
              { title: '事项', dataIndex: 'itemName', render: (name: string, r) => <Link to={`/applications?itemId=${r.itemId}`}>{name}</Link> },
              ...used.map((s) => ({ title: applicationStatusLabels[s], key: s, align: 'right' as const, render: (_: unknown, r: (typeof items)[number]) => r.counts[s] ?? 0 })),
              { title: '合计', dataIndex: 'total', align: 'right' as const },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function StepsCard({ d }: { d: ServicesDashboard }) {
  const steps = d.applications.steps;
  const option = useCallback(
    (w: number) => rateBarOption(steps.map((s) => ({ label: stepLevelLabels[s.level], rate: s.rate, note: `按时 ${s.onTime}，超期 ${s.late}` })), w),
    [steps],
  );
  const measured = steps.filter((s) => s.rate !== null).length;
  return (
    <Card size="small" title="各环节按时率（累计）" className="dashboard-card services-steps">
      {measured === 0 ? <CountChart items={[]} kind="bar" ariaLabel="各环节按时率" /> : <Chart option={option} height={rateBarHeight(measured)} ariaLabel="各环节按时率" />}
      <Table
        size="small"
        rowKey="level"
        pagination={false}
        dataSource={steps}
        columns={[
          { title: '环节', dataIndex: 'level', render: (l: keyof typeof stepLevelLabels) => stepLevelLabels[l] },
          { title: '按时', dataIndex: 'onTime', align: 'right' },
          { title: '超期', dataIndex: 'late', align: 'right' },
          { title: '按时率', dataIndex: 'rate', align: 'right', render: (r: number | null) => pct(r) },
        ]}
      />
    </Card>
  );
}

function OneRunCard({ d, drill }: { d: ServicesDashboard; drill: (id: string) => void }) {
  const navigate = useNavigate();
  // on a phone the count closed with at most one run is left out (办结 less 超过一次): the rest fits the width
  const narrow = Grid.useBreakpoint().sm === false;
  const rows = d.children;
  const measured = rows.filter((r) => r.applications.closed > 0);
  const option = useCallback(
    (w: number) => rateBarOption(measured.map((r) => ({ label: r.name, rate: r.applications.oneRunRate, note: `办结 ${r.applications.closed}，最多跑一次 ${r.applications.atMostOneRun}` })), w),
    [measured],
  );
  // a bar leads to the applications behind it (the unit's own remainder has no list of its own)
  const open = useCallback(
    (name: string) => {
      const r = measured.find((x) => x.name === name);
      if (r && !r.own) navigate(oneRunListUrl(r.id, d.period));
    },
    [measured, navigate, d.period],
  );
  const count = (r: Child, n: number, manyRuns?: boolean) => (r.own || n === 0 ? n : <Link to={oneRunListUrl(r.id, d.period, manyRuns)}>{n}</Link>);
  return (
    <Card size="small" title={`“最多跑一次”比率（按单位，${d.periodLabel}办结）`} className="dashboard-card services-one-run">
      {measured.length === 0 ? (
        <CountChart items={[]} kind="hbar" ariaLabel="最多跑一次比率" />
      ) : (
        <Chart option={option} height={rateBarHeight(measured.length)} onClick={open} ariaLabel="最多跑一次比率" />
      )}
      <Table
        size="small"
        rowKey={(r) => (r.own ? `own-${r.id}` : r.id)}
        className="one-run-table"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: '没有下级单位' }}
        columns={[
          {
            title: '单位',
            dataIndex: 'name',
            render: (name: string, r: Child) => (!r.own && r.hasChildren ? <a onClick={() => drill(r.id)}>{name}</a> : name),
          },
          { title: '办结', key: 'closed', align: 'right', render: (_: unknown, r: Child) => count(r, r.applications.closed) },
          ...(narrow ? [] : [{ title: '最多跑一次', key: 'one', align: 'right' as const, render: (_: unknown, r: Child) => count(r, r.applications.atMostOneRun, false) }]),
          { title: narrow ? '超过一次' : '跑动超过一次', key: 'many', align: 'right', render: (_: unknown, r: Child) => count(r, r.applications.closed - r.applications.atMostOneRun, true) },
          {
            title: '比率',
            key: 'rate',
            align: 'right',
            sorter: (a: Child, b: Child) => (a.applications.oneRunRate ?? -1) - (b.applications.oneRunRate ?? -1),
            render: (_: unknown, r: Child) => pct(r.applications.oneRunRate),
          },
        ]}
      />
    </Card>
  );
}

function BookingsCard({ d }: { d: ServicesDashboard }) {
  const b = d.bookings;
  const narrow = Grid.useBreakpoint().sm === false;
  const items = [
    { key: 'completed', label: '已办理', n: b.completed },
    { key: 'noShow', label: '未到场', n: b.noShows },
    { key: 'cancelled', label: '已取消', n: b.cancelled },
    { key: 'open', label: '待办理', n: b.open },
  ];
  return (
    <Card size="small" title={`预约办理（${d.periodLabel}）`} className="dashboard-card services-bookings">
      <CountChart items={items} kind="pie" ariaLabel="预约办理" />
      <Table
        size="small"
        rowKey={(r) => (r.own ? `own-${r.id}` : r.id)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={d.children}
        locale={{ emptyText: '没有下级单位' }}
        columns={[
          { title: '单位', dataIndex: 'name' },
          { title: '预约', key: 'bookings', align: 'right', render: (_: unknown, r: Child) => r.bookings.bookings },
          ...(narrow ? [] : [{ title: '已办理', key: 'completed', align: 'right' as const, render: (_: unknown, r: Child) => r.bookings.completed }]),
          { title: '未到场', key: 'noShows', align: 'right', render: (_: unknown, r: Child) => r.bookings.noShows },
          { title: '未到场率', key: 'rate', align: 'right', render: (_: unknown, r: Child) => pct(r.bookings.noShowRate) },
        ]}
      />
    </Card>
  );
}

export function ServicesDashboardPart() {
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const asked = params.get('period');
  const period = asked && periodKind(asked) ? asked : periodOf(todayDay(), 'month');
  const { data, isLoading, error } = useServicesDashboard(unitId, period);
  const set = (changes: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      return next;
    });
  const drill = (id: string | null) => set({ unitId: id ?? undefined });
  const head = (
    <div className="services-dashboard-head" style={{ marginLeft: 'auto' }}>
      <PeriodSelect value={period} onChange={(p) => set({ period: p })} />
    </div>
  );
  if (isLoading) return (
    <>
      {head}
      <Skeleton active />
    </>
  );
  if (error || !data) return (
    <>
      {head}
      <Alert type="error" message={(error as Error)?.message ?? '加载失败'} />
    </>
  );
  const d = data;
  const a = d.applications;
  const stats: [string, string | number, string?][] = [
    [`${d.periodLabel}办结`, a.closed],
    ['其中最多跑一次', a.atMostOneRun],
    ['“最多跑一次”比率', pct(a.oneRunRate), a.closed ? oneRunListUrl(d.unit.id, d.period) : undefined],
    ['预约', d.bookings.bookings],
    ['已办理', d.bookings.completed],
    ['未到场率', pct(d.bookings.noShowRate)],
  ];
  return (
    <div className="services-dashboard" data-testid="services-dashboard">
      <div className="dashboard-title" style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {d.unit.name}
          <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
            {orgLevelLabels[d.unit.level]} · 政策服务统计
          </Typography.Text>
        </Typography.Title>
        {d.unit.parentId && (
          <Button size="small" icon={<ArrowUpOutlined />} onClick={() => drill(d.unit.parentId)}>
            返回上级
          </Button>
        )}
        {head}
      </div>
      <Row gutter={[12, 12]}>
        {stats.map(([label, value, to]) => (
          <Col xs={12} sm={8} lg={4} key={label}>
            <Card size="small">
              <Statistic title={label} value={value} valueRender={to ? (node) => <Link to={to}>{node}</Link> : undefined} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <OneRunCard d={d} drill={(id) => drill(id)} />
        </Col>
        <Col xs={24} lg={12}>
          <ItemStatusCard d={d} />
        </Col>
        <Col xs={24} md={12}>
          <StepsCard d={d} />
        </Col>
        <Col xs={24} md={12}>
          <BookingsCard d={d} />
        </Col>
      </Row>
    </div>
  );
}
