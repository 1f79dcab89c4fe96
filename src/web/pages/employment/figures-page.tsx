// 就业统计: the employment rate of each unit below the chosen one and by discharge-year cohort (the
// registry's 就业状况: 在岗就业 and 自主创业/灵活就业 count as employed), and for a period the
// recommendations made, hired and declined (by reason) and the interests veterans said online.
import { useCallback, useState } from 'react';
import { Card, Space, Spin, Statistic } from 'antd';
import { declineReasonLabels, type EmploymentFigures } from '../../../shared/schemas/employment';
import { useEmploymentFigures } from '../../api/employment';
import { Chart, CountChart, rateBarHeight, rateBarOption } from '../../components/chart';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { EmploymentNav } from './employment-nav';
import { cohortBars, type Rated } from './cohort-bars';


function RateChart({ rows, ariaLabel }: { rows: Rated[]; ariaLabel: string }) {
  const measured = rows.filter((r) => r.people > 0);
  const option = useCallback((w: number) => rateBarOption(measured.map((r) => ({ label: r.label, rate: r.employed / r.people, note: `就业 ${r.employed} / ${r.people} 人` })), w), [measured]);
  if (!measured.length) return <CountChart items={[]} kind="bar" ariaLabel={ariaLabel} />;
  return <Chart option={option} height={rateBarHeight(measured.length)} ariaLabel={ariaLabel} />;
}

function Body({ f }: { f: EmploymentFigures }) {
  const units = f.units.map((u) => ({ label: u.name, people: u.people, employed: u.employed }));
  const cohorts = cohortBars(f.cohorts, Number(f.to.slice(0, 4)));
  const reasons = f.declinedByReason.map((r) => ({ label: declineReasonLabels[r.reason], n: r.n }));
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }} data-testid="employment-figures-period">
        <Space size={28} wrap>
          <Statistic title="推荐人次" value={f.recommended} />
          <Statistic title="录用" value={f.hired} />
          <Statistic title="未成功" value={f.declined} />
          <Statistic title="网上表示意向" value={f.interests} suffix={<span style={{ fontSize: 13 }}>（已推荐 {f.interestsRecommended}）</span>} />
        </Space>
      </Card>
      <div className="employment-figures-grid">
        <Card size="small" title="各单位就业率" data-testid="employment-rate-units">
          <RateChart rows={units} ariaLabel="各单位就业率" />
        </Card>
        <Card size="small" title="按退役年度的就业率" data-testid="employment-rate-cohorts">
          <RateChart rows={cohorts} ariaLabel="按退役年度的就业率" />
        </Card>
        <Card size="small" title="未成功原因（期间内）" data-testid="employment-decline-reasons">
          <CountChart items={reasons} kind="hbar" ariaLabel="未成功原因" />
        </Card>
      </div>
    </>
  );
}

export function EmploymentFiguresPage() {
  const today = todayDay();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [unitId, setUnitId] = useState<string | undefined>();
  const q = useEmploymentFigures(from, to, unitId);
  return (
    <PageShell title="就业创业" subtitle="就业率（按单位、退役年度）；期间内的推荐、录用、未成功原因和网上意向">
      <EmploymentNav />
      <Space wrap style={{ marginBottom: 12 }}>
        <DayPicker aria-label="起始日期" value={from} onChange={(d) => d && setFrom(d)} style={{ width: 150 }} />
        <span>至</span>
        <DayPicker aria-label="结束日期" value={to} onChange={(d) => d && setTo(d)} style={{ width: 150 }} />
        <OrgUnitSelect value={unitId} onChange={(id) => setUnitId(id ?? undefined)} allowClear placeholder="本单位" style={{ width: 220, maxWidth: '100%' }} aria-label="单位" />
      </Space>
      {q.isError ? <div className="muted">{q.error.message}</div> : !q.data ? <Spin /> : <Body f={q.data} />}
    </PageShell>
  );
}
