// 统计看板 · 总览 (issue 16): the dashboard of every level. A county director, a city bureau or a
// province sees their range for a month, quarter, half-year or year on one page: people by group,
// age and employment (charts), then each module's figures (every figure the registry holds, grouped
// by module, so a module's later figures appear by themselves) with their formulas, a number that
// has a list behind it linking to that list filtered alike, and a table of the units below with the
// headline figures (a click on a name drills down). GET /api/dashboards/overview.
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { ArrowUpOutlined, InfoCircleOutlined } from '@ant-design/icons';
import type { FigureInfo, OverviewDashboard } from '../../../shared/schemas/dashboards';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { periodKind, periodOf } from '../../../shared/rules/periods';
import { useOverviewDashboard } from '../../api/dashboards';
import { CountChart } from '../../components/chart';
import { PeriodSelect } from '../../components/period-select';
import { todayDay } from '../../components/day-picker';
import { figureLink, type LinkArgs } from './figure-links';
import './overview.css';

/** The modules' names on the page (a module not listed shows its key). */
const moduleLabels: Record<string, string> = {
  recipients: '服务对象',
  visits: '走访慰问',
  petitions: '信访',
  disputes: '矛盾纠纷',
  applications: '政策办件',
  appointments: '预约办理',
  assistance: '帮扶援助',
  funds: '资金发放',
  employment: '就业服务',
  trainings: '培训与招聘会',
  ventures: '创业与零就业家庭',
  'legal-aid': '法律援助',
  rights: '权益维护',
  feedback: '意见簿',
  party: '党员管理',
  honors: '荣誉表彰',
  education: '教育管理',
  // issue 16's other parts, when they register figures
  obligations: '工作制度',
  'hard-problems': '疑难问题',
  summaries: '半年总结',
  evaluations: '考核评估',
  surveys: '满意度调查',
};

/** The headline cards, in order (those the reader may see). */
const HEADLINE = ['recipients.living', 'visits.coverage', 'petitions.onTimeRate', 'disputes.found', 'applications.oneRunRate', 'assistance.amountFen', 'recipients.employmentRate', 'recipients.completeness'];

/** people by group, age band and employment status: drawn as charts, not listed */
const charted = /^recipients\.by(Group|Age|Employment)[A-Z0-9]/;

export function formatFigure(unit: FigureInfo['unit'], v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (unit === 'percent') return `${v}%`;
  if (unit === 'fen') return `${(v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  if (unit === 'days') return `${v} 天`;
  return v.toLocaleString('zh-CN');
}

function FigureValue({ f, v, link }: { f: FigureInfo; v: number | null; link: string | null }) {
  const text = formatFigure(f.unit, v);
  return link && v ? <Link to={link}>{text}</Link> : <>{text}</>;
}

function ModuleCard({ module, figures, d, args }: { module: string; figures: FigureInfo[]; d: OverviewDashboard; args: LinkArgs }) {
  return (
    <Card size="small" title={moduleLabels[module] ?? module} className="dashboard-card overview-module" data-module={module}>
      <table className="overview-figures">
        <tbody>
          {figures.map((f) => (
            <tr key={f.key} data-figure={f.key}>
              <th scope="row">
                {f.label}
                <Tooltip title={`${f.kind === 'stock' ? '当前数' : '期间数'}：${f.formula}`}>
                  <InfoCircleOutlined className="overview-formula" aria-label={`${f.label}的计算口径`} />
                </Tooltip>
              </th>
              <td>
                <FigureValue f={f} v={d.values[f.key]} link={figureLink(f.key, args)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

export function OverviewDashboardPart() {
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const asked = params.get('period');
  const period = asked && periodKind(asked) ? asked : periodOf(todayDay(), 'month');
  const { data, isLoading, error } = useOverviewDashboard(unitId, period);
  const set = (next: { unitId?: string | null; period?: string }) => {
    const p = new URLSearchParams(params);
    p.set('part', 'overview');
    if (next.unitId !== undefined) {
      if (next.unitId) p.set('unitId', next.unitId);
      else p.delete('unitId');
    }
    if (next.period) p.set('period', next.period);
    setParams(p);
  };
  const byKey = useMemo(() => new Map((data?.figures ?? []).map((f) => [f.key, f])), [data]);
  const modules = useMemo(() => {
    const out = new Map<string, FigureInfo[]>();
    for (const f of data?.figures ?? []) {
      if (charted.test(f.key)) continue;
      out.set(f.module, [...(out.get(f.module) ?? []), f]);
    }
    return [...out.entries()];
  }, [data]);
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" message={(error as Error)?.message ?? '加载失败'} />;
  const d = data;
  const args: LinkArgs = { unitId: d.unit.id, from: d.from, to: d.to, period: d.period };
  const chartOf = (prefix: string) =>
    d.figures.filter((f) => f.key.startsWith(`recipients.by${prefix}`)).map((f) => ({ key: f.key, label: f.label, n: d.values[f.key] ?? 0 }));
  const groups = chartOf('Group').filter((x) => x.n > 0);
  const ages = chartOf('Age');
  const jobs = chartOf('Employment').filter((x) => x.n > 0);
  const headline = HEADLINE.map((k) => byKey.get(k)).filter((f): f is FigureInfo => !!f);
  return (
    <div className="overview-dashboard">
      <div className="overview-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {d.unit.name}
          <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
            {orgLevelLabels[d.unit.level]} · {d.periodLabel}
          </Typography.Text>
        </Typography.Title>
        <Space wrap size={8}>
          {d.unit.parentId && (
            <Button size="small" icon={<ArrowUpOutlined />} onClick={() => set({ unitId: d.unit.parentId })}>
              返回上级
            </Button>
          )}
          <PeriodSelect half value={d.period} onChange={(p) => set({ period: p })} />
        </Space>
      </div>
      <Typography.Paragraph type="secondary" className="overview-asof">
        {d.asOf ? `期间数取自月度汇总（截至 ${new Date(d.asOf).toLocaleString('zh-CN', { hour12: false })}），当前数为实时数据` : '全部为实时数据'}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {headline.map((f) => (
          <Col xs={12} sm={8} lg={6} xl={3} key={f.key}>
            <Card size="small" className="overview-stat" data-figure={f.key}>
              <Statistic title={f.label} valueRender={() => <FigureValue f={f} v={d.values[f.key]} link={figureLink(f.key, args)} />} />
            </Card>
          </Col>
        ))}
        {groups.length > 0 && (
          <Col xs={24} lg={10}>
            <Card size="small" title="人员类别（健在）" className="dashboard-card">
              <CountChart items={groups} kind="hbar" ariaLabel="人员类别" />
            </Card>
          </Col>
        )}
        {ages.some((a) => a.n > 0) && (
          <Col xs={24} md={12} lg={7}>
            <Card size="small" title="年龄结构" className="dashboard-card">
              <CountChart items={ages} kind="bar" ariaLabel="年龄结构" />
            </Card>
          </Col>
        )}
        {jobs.length > 0 && (
          <Col xs={24} md={12} lg={7}>
            <Card size="small" title="就业状况" className="dashboard-card">
              <CountChart items={jobs} kind="pie" ariaLabel="就业状况" />
            </Card>
          </Col>
        )}
        {modules.map(([m, figures]) => (
          <Col xs={24} md={12} xl={8} key={m}>
            <ModuleCard module={m} figures={figures} d={d} args={args} />
          </Col>
        ))}
        <Col span={24}>
          <Card size="small" title="下级单位（点击名称下钻）" className="overview-children">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={d.children}
              locale={{ emptyText: '没有下级单位' }}
              columns={[
                {
                  title: '单位',
                  dataIndex: 'name',
                  fixed: 'left',
                  render: (name: string, r) => (r.hasChildren ? <a onClick={() => set({ unitId: r.id })}>{name}</a> : <Link to={`/dashboard?${new URLSearchParams({ part: 'overview', unitId: r.id, period: d.period })}`}>{name}</Link>),
                },
                ...d.childKeys.map((k) => {
                  const f = byKey.get(k)!;
                  return {
                    title: f.label,
                    key: k,
                    align: 'right' as const,
                    sorter: (a: OverviewDashboard['children'][number], b: OverviewDashboard['children'][number]) => (a.values[k] ?? -1) - (b.values[k] ?? -1),
                    render: (_: unknown, r: OverviewDashboard['children'][number]) => (
                      <FigureValue f={f} v={r.values[k]} link={figureLink(k, { ...args, unitId: r.id })} />
                    ),
                  };
                }),
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
