// A report period: month, quarter or year (shared/rules/periods.ts), picked as a kind (月/季/年)
// and one of the recent periods of that kind; a period from the URL outside them is kept.
import { Select, Segmented, Space } from 'antd';
import { periodKind, periodLabel, periodOf, type PeriodKind } from '../../shared/rules/periods';
import { todayDay } from './day-picker';

const kinds: { value: PeriodKind; label: string }[] = [
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季' },
  { value: 'year', label: '年' },
];
/** with half-years (the dashboards of every level, the semi-annual summary) */
const kindsWithHalf: { value: PeriodKind; label: string }[] = [kinds[0], kinds[1], { value: 'half', label: '半年' }, kinds[2]];

/** The recent periods of a kind, newest first: 24 months, 8 quarters, 6 half-years or 5 years up to today. */
export function recentPeriods(kind: PeriodKind, today = todayDay()): string[] {
  const out: string[] = [];
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const count = kind === 'month' ? 24 : kind === 'quarter' ? 8 : kind === 'half' ? 6 : 5;
  const step = kind === 'month' ? 1 : kind === 'quarter' ? 3 : kind === 'half' ? 6 : 12;
  for (let i = 0; i < count; i++) {
    out.push(periodOf(`${y}-${String(m).padStart(2, '0')}-01`, kind));
    m -= step;
    while (m < 1) {
      m += 12;
      y -= 1;
    }
  }
  return out;
}

/** Options of a period filter: the recent periods of each kind (and the value, if older). */
export function periodOptions(kind: PeriodKind, value?: string, suffix = ''): { value: string; label: string }[] {
  const list = recentPeriods(kind);
  if (value && periodKind(value) === kind && !list.includes(value)) list.push(value);
  return list.map((p) => ({ value: p, label: `${periodLabel(p)}${suffix}` }));
}

export function PeriodSelect({ value, onChange, half = false }: { value: string; onChange: (period: string) => void; half?: boolean }) {
  const kind = periodKind(value) ?? 'month';
  return (
    <Space wrap size={8} className="period-select">
      <Segmented<PeriodKind> aria-label="统计期间类型" value={kind} options={half ? kindsWithHalf : kinds} onChange={(k) => onChange(periodOf(todayDay(), k))} />
      <Select aria-label="统计期间" value={value} options={periodOptions(kind, value)} onChange={onChange} style={{ width: 150 }} />
    </Space>
  );
}
