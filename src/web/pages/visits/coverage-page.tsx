// 覆盖情况 /visits/coverage: for a period (by default the festival period under way, else the next one),
// per child unit: visits owed, done on time, done late, not done, still open and the rate, as a
// table and a bar chart. A unit drills down; a count of 未走访 opens the people not visited (the
// owed list with the same unit and period).
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Flex, Grid, Result, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { festivalDay, festivalLabels, type FestivalKey } from '../../../shared/rules/festivals';
import { defaultVisitSettings, type CoverageCounts, type CoverageResult } from '../../../shared/schemas/visits';
import { visitApi, visitKeys } from '../../api/visits';
import { Chart } from '../../components/chart';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { seesCoverage, VisitsNav } from './visits-nav';
import './visits.css';

type Period = { key: string; label: string; from: string; to: string };
const DAY = 'YYYY-MM-DD';
const festivals: FestivalKey[] = ['springFestival', 'armyDay', 'martyrsDay'];

/** A festival's period: its day with the default visit window around it. */
function festivalPeriod(key: FestivalKey, year: number): Period {
  const day = festivalDay(key, year);
  const w = defaultVisitSettings.windows[key];
  return {
    key: `${key}-${year}`,
    label: `${year} ${festivalLabels[key]}（${day}）`,
    from: dayjs(day).subtract(w.before, 'day').format(DAY),
    to: dayjs(day).add(w.after, 'day').format(DAY),
  };
}

/** The festival periods around today, latest first, and the one to show by default (under way, else next). */
export function periodsAround(today: string): { list: Period[]; current: Period } {
  const y = Number(today.slice(0, 4));
  const all = [y - 1, y, y + 1].flatMap((year) => festivals.map((k) => festivalPeriod(k, year))).sort((a, b) => (a.from < b.from ? 1 : -1));
  const begun = all.filter((p) => p.from <= today);
  // the next period that has not begun, and the last four that have
  const next = all.filter((p) => p.from > today).slice(-1);
  // by default the occasion under way, else the next one: a past one may have nothing owed at all
  // (visits are owed from the day their window comes within the settings' horizon)
  const current = begun.find((p) => p.to >= today) ?? next[0] ?? begun[0];
  const t = dayjs(today);
  const extra: Period[] = [
    { key: 'month', label: `本月（${t.format('YYYY年M月')}）`, from: t.startOf('month').format(DAY), to: t.endOf('month').format(DAY) },
    { key: 'year', label: `本年（${y}年）`, from: `${y}-01-01`, to: `${y}-12-31` },
  ];
  return { list: [...next, ...begun.slice(0, 4), ...extra], current };
}

const pct = (c: CoverageCounts) => (c.owed ? `${Math.round(((c.doneOnTime + c.doneLate) / c.owed) * 1000) / 10}%` : '—');

export function CoveragePage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [sp, setSp] = useSearchParams();
  const periods = useMemo(() => periodsAround(dayjs().format(DAY)), []);
  const from = sp.get('from') ?? periods.current.from;
  const to = sp.get('to') ?? periods.current.to;
  const orgUnitId = sp.get('orgUnitId') ?? undefined;
  const chosen = periods.list.find((p) => p.from === from && p.to === to)?.key;
  const q = useQuery({
    queryKey: [...visitKeys.coverage, { from, to, orgUnitId }],
    queryFn: ({ signal }) => visitApi.coverage({ from, to, orgUnitId }, signal),
    enabled: seesCoverage(me),
  });

  function setPeriod(f: string, t: string): void {
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('from', f);
        next.set('to', t);
        return next;
      },
      { replace: true },
    );
  }
  const drill = (unitId: string) => {
    const next = new URLSearchParams(sp);
    next.set('from', from);
    next.set('to', to);
    next.set('orgUnitId', unitId);
    navigate(`/visits/coverage?${next.toString()}`);
  };
  const notVisited = (unitId: string, state: 'overdue' | 'open') =>
    navigate(`/visits/owed?${new URLSearchParams({ orgUnitId: unitId, from, to, state }).toString()}`);

  if (!seesCoverage(me)) return <Result status="403" title="无权查看" subTitle="覆盖情况供乡镇（街道）、县级负责人查看。" />;

  const data = q.data;
  type Row = CoverageResult['rows'][number];
  const link = (n: number, onClick: () => void, danger = false) =>
    n > 0 ? (
      <Typography.Link type={danger ? 'danger' : undefined} onClick={onClick}>
        {n}
      </Typography.Link>
    ) : (
      <span className="muted">0</span>
    );
  const columns: TableColumnsType<Row> = [
    {
      key: 'unit',
      title: '单位',
      fixed: isPhone ? undefined : 'left',
      render: (_v, r) => (r.level === 'village' || r.level === 'grid' ? r.orgUnitName : <Typography.Link onClick={() => drill(r.orgUnitId)}>{r.orgUnitName}</Typography.Link>),
    },
    { key: 'owed', title: '应访', dataIndex: 'owed', align: 'right' },
    { key: 'onTime', title: '按期走访', dataIndex: 'doneOnTime', align: 'right' },
    { key: 'late', title: '逾期走访', dataIndex: 'doneLate', align: 'right' },
    { key: 'notDone', title: '未走访（逾期）', align: 'right', render: (_v, r) => link(r.notDone, () => notVisited(r.orgUnitId, 'overdue'), true) },
    { key: 'open', title: '待访（期内）', align: 'right', render: (_v, r) => link(r.open, () => notVisited(r.orgUnitId, 'open')) },
    { key: 'rate', title: '走访率', align: 'right', render: (_v, r) => pct(r) },
  ];
  const rows = data?.rows ?? [];
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.orgUnitName), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '按期走访', type: 'bar', stack: 'c', data: rows.map((r) => r.doneOnTime), itemStyle: { color: '#389e0d' } },
      { name: '逾期走访', type: 'bar', stack: 'c', data: rows.map((r) => r.doneLate), itemStyle: { color: '#d4b106' } },
      { name: '待访', type: 'bar', stack: 'c', data: rows.map((r) => r.open), itemStyle: { color: '#1f4e8c' } },
      { name: '未走访', type: 'bar', stack: 'c', data: rows.map((r) => r.notDone), itemStyle: { color: '#cf1322' } },
    ],
  };

  return (
    <PageShell title="走访覆盖情况" subtitle={data ? `${data.unit.name} · 应访日期 ${data.from} 至 ${data.to}` : '各单位应访、按期、逾期与未走访'}>
      <VisitsNav />
      <Flex wrap gap={8} className="coverage-period no-print" align="center">
        <Select
          aria-label="统计期间"
          value={chosen ?? 'custom'}
          style={{ width: isPhone ? '100%' : 300 }}
          options={[...periods.list.map((p) => ({ value: p.key, label: p.label })), { value: 'custom', label: '自定义期间', disabled: true }]}
          onChange={(k: string) => {
            const p = periods.list.find((x) => x.key === k);
            if (p) setPeriod(p.from, p.to);
          }}
        />
        <DatePicker.RangePicker
          aria-label="应访日期"
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          onChange={(r) => r?.[0] && r[1] && setPeriod(r[0].format(DAY), r[1].format(DAY))}
          style={{ width: isPhone ? '100%' : undefined }}
        />
        {orgUnitId && (
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            返回上级
          </Button>
        )}
      </Flex>
      {q.isError && <Alert type="error" showIcon title="加载失败" description={q.error.message} className="form-alert" />}
      {data && (
        <>
          <Row gutter={[12, 12]} className="coverage-summary" data-testid="coverage-total">
            <Col xs={8} md={4}>
              <Card size="small">
                <Statistic title="应访" value={data.total.owed} />
              </Card>
            </Col>
            <Col xs={8} md={4}>
              <Card size="small">
                <Statistic title="按期走访" value={data.total.doneOnTime} />
              </Card>
            </Col>
            <Col xs={8} md={4}>
              <Card size="small">
                <Statistic title="逾期走访" value={data.total.doneLate} />
              </Card>
            </Col>
            <Col xs={8} md={4}>
              <Card size="small" hoverable={data.total.notDone > 0} onClick={() => data.total.notDone > 0 && notVisited(data.unit.id, 'overdue')}>
                <Statistic title="未走访" value={data.total.notDone} styles={{ content: { color: data.total.notDone ? '#cf1322' : undefined } }} />
              </Card>
            </Col>
            <Col xs={8} md={4}>
              <Card size="small" hoverable={data.total.open > 0} onClick={() => data.total.open > 0 && notVisited(data.unit.id, 'open')}>
                <Statistic title="待访" value={data.total.open} />
              </Card>
            </Col>
            <Col xs={8} md={4}>
              <Card size="small">
                <Statistic title="走访率" value={pct(data.total)} data-testid="coverage-rate" />
              </Card>
            </Col>
          </Row>
          {rows.length > 0 && rows.some((r) => r.owed > 0) && (
            <Card size="small" className="coverage-summary">
              <Chart option={option} height={isPhone ? 240 : 300} ariaLabel="各单位走访覆盖情况" onClick={(name) => {
                const r = rows.find((x) => x.orgUnitName === name);
                if (r && r.level !== 'village' && r.level !== 'grid') drill(r.orgUnitId);
              }} />
            </Card>
          )}
        </>
      )}
      <Table<Row>
        rowKey="orgUnitId"
        size="middle"
        loading={q.isFetching}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有下级单位' }}
        summary={() =>
          data && rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>合计</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {data.total.owed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {data.total.doneOnTime}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {data.total.doneLate}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {data.total.notDone}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {data.total.open}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {pct(data.total)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      <Space className="muted visit-detail-section">
        <span>应访按应访日期（节日、生日、事件日期）计入期间；按期＝在走访期内走访，未走访＝走访期已过仍未走访，待访＝仍在走访期内。</span>
      </Space>
    </PageShell>
  );
}
