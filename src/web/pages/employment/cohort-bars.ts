// The bars of the employment rate by discharge-year cohort (就业统计).
import type { EmploymentFigures } from '../../../shared/schemas/employment';

export type Rated = { label: string; people: number; employed: number };

/** Discharge years shown one by one; earlier ones are one bar (a county's registry goes back decades). */
const COHORT_YEARS = 10;

/** The cohorts of the last COHORT_YEARS years (up to the period's end), earlier years summed, then those without a year. */
export function cohortBars(cohorts: EmploymentFigures['cohorts'], lastYear: number): Rated[] {
  const first = lastYear - COHORT_YEARS + 1;
  const earlier = cohorts.filter((c) => c.year !== null && c.year < first);
  const rows: Rated[] = [];
  if (earlier.length) rows.push({ label: `${first - 1}年及以前退役`, people: earlier.reduce((s, c) => s + c.people, 0), employed: earlier.reduce((s, c) => s + c.employed, 0) });
  for (const c of cohorts) if (c.year !== null && c.year >= first) rows.push({ label: `${c.year}年退役`, people: c.people, employed: c.employed });
  for (const c of cohorts) if (c.year === null) rows.push({ label: '退役时间未填', people: c.people, employed: c.employed });
  return rows;
}

