// Periods of an obligation 工作制度: the real last day of a period, the period before and after, the
// periods that end within a range, and the due day (N natural or working days after the period ends,
// through the shared calendar: a natural-day due day on a rest day moves to the next working day).
import { addNaturalDays, addWorkingDays, shiftDay, type HolidayTable } from './calendar';
import { periodKind, periodMonths, periodOf, type PeriodKind } from './periods';

/** First day of a period. */
export function periodStart(p: string): string {
  return `${periodMonths(p)[0]}-01`;
}

/** The real last day of a period ('2026-02' → '2026-02-28'). */
export function periodEnd(p: string): string {
  const months = periodMonths(p);
  const last = months[months.length - 1];
  const [y, m] = last.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${last}-${String(days).padStart(2, '0')}`;
}

export function previousPeriod(p: string): string {
  return periodOf(shiftDay(periodStart(p), -1), periodKind(p)!);
}

export function nextPeriod(p: string): string {
  return periodOf(shiftDay(periodEnd(p), 1), periodKind(p)!);
}

/** The periods of a kind whose last day lies within [from, to] (in order). */
export function periodsEndingWithin(kind: PeriodKind, from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = periodOf(from, kind); periodEnd(p) <= to; p = nextPeriod(p)) {
    if (periodEnd(p) >= from) out.push(p);
  }
  return out;
}

export type DueRule = { dueDays: number; dueWorking: boolean };

/** The due day of a period's obligation. */
export function obligationDueDay(period: string, rule: DueRule, table: HolidayTable): string {
  const end = periodEnd(period);
  return (rule.dueWorking ? addWorkingDays(end, rule.dueDays, table) : addNaturalDays(end, rule.dueDays, table)).day;
}
