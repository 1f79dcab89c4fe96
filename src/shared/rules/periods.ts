// Report periods: a month 'YYYY-MM', a quarter 'YYYY-Qn', a half-year 'YYYY-H1'/'YYYY-H2' (the
// semi-annual summary, §45; obligations due every half year, §7) or a year 'YYYY'. Roll-ups keep months;
// a quarter or a year is the sum of its months, and a list filter is the period's day range.
import { z } from '../zod-setup';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const HALF = /^(\d{4})-H([12])$/;
const YEAR = /^(\d{4})$/;

export function periodKind(p: string): PeriodKind | null {
  if (MONTH.test(p)) return 'month';
  if (QUARTER.test(p)) return 'quarter';
  if (HALF.test(p)) return 'half';
  if (YEAR.test(p)) return 'year';
  return null;
}

/** A period in the query string: month, quarter or year (a bad one is a Chinese 400). */
export const periodSchema = z.string().refine((p) => periodKind(p) !== null && periodKind(p) !== 'half', '期间格式应为 YYYY-MM、YYYY-Q1 至 Q4 或 YYYY');

/** A half-year 'YYYY-H1' or 'YYYY-H2' (a bad one is a Chinese 400). */
export const halfYearSchema = z.string().refine((p) => periodKind(p) === 'half', '半年度格式应为 YYYY-H1 或 YYYY-H2');

const pad = (n: number) => String(n).padStart(2, '0');

/** The months of a period, in order ('2026-Q2' → ['2026-04', '2026-05', '2026-06']). */
export function periodMonths(p: string): string[] {
  const m = MONTH.exec(p);
  if (m) return [p];
  const q = QUARTER.exec(p);
  if (q) {
    const first = (Number(q[2]) - 1) * 3 + 1;
    return [0, 1, 2].map((i) => `${q[1]}-${pad(first + i)}`);
  }
  const h = HALF.exec(p);
  if (h) {
    const first = h[2] === '1' ? 1 : 7;
    return Array.from({ length: 6 }, (_, i) => `${h[1]}-${pad(first + i)}`);
  }
  const y = YEAR.exec(p);
  if (y) return Array.from({ length: 12 }, (_, i) => `${y[1]}-${pad(i + 1)}`);
  return [];
}

/** The first and last day of a period (days as 'YYYY-MM-DD'; the last is '-31': it compares as the month's end). */
export function periodDays(p: string): { from: string; to: string } | null {
  const months = periodMonths(p);
  if (!months.length) return null;
  return { from: `${months[0]}-01`, to: `${months[months.length - 1]}-31` };
}

/** '2026年6月', '2026年第二季度', '2026年'. */
export function periodLabel(p: string): string {
  const m = MONTH.exec(p);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  const q = QUARTER.exec(p);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const h = HALF.exec(p);
  if (h) return `${h[1]}年${h[2] === '1' ? '上' : '下'}半年`;
  return YEAR.test(p) ? `${p}年` : p;
}

/** The period of a kind that holds a day ('2026-06-15', 'quarter' → '2026-Q2'). */
export function periodOf(day: string, kind: PeriodKind): string {
  const year = day.slice(0, 4);
  if (kind === 'year') return year;
  if (kind === 'month') return day.slice(0, 7);
  if (kind === 'half') return `${year}-H${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;
  return `${year}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}
