import { describe, expect, it } from 'vitest';
import { cohortBars } from './cohort-bars';

describe('cohort bars', () => {
  it('shows the last ten discharge years one by one, sums the earlier ones into one bar, and puts unknown years last', () => {
    const cohorts = [
      { year: 1985, people: 4, employed: 1, rate: 25 },
      { year: 2016, people: 6, employed: 3, rate: 50 },
      { year: 2017, people: 2, employed: 2, rate: 100 },
      { year: 2026, people: 5, employed: 4, rate: 80 },
      { year: null, people: 3, employed: 0, rate: 0 },
    ];
    expect(cohortBars(cohorts, 2026)).toEqual([
      { label: '2016年及以前退役', people: 10, employed: 4 },
      { label: '2017年退役', people: 2, employed: 2 },
      { label: '2026年退役', people: 5, employed: 4 },
      { label: '退役时间未填', people: 3, employed: 0 },
    ]);
    // nothing earlier: no summed bar
    expect(cohortBars(cohorts.slice(2), 2026).map((r) => r.label)).toEqual(['2017年退役', '2026年退役', '退役时间未填']);
  });
});
