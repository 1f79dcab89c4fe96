import { describe, expect, it } from 'vitest';
import { halfYearSchema, periodDays, periodKind, periodLabel, periodMonths, periodOf, periodSchema } from './periods';

describe('report periods', () => {
  it('reads months, quarters and years, and refuses anything else', () => {
    expect(['2026-06', '2026-Q2', '2026'].map(periodKind)).toEqual(['month', 'quarter', 'year']);
    for (const bad of ['2026-13', '2026-6', '2026-Q0', '2026-Q5', '26', '', '2026-06-01']) {
      expect(periodKind(bad), bad).toBeNull();
      expect(periodSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
  it('gives the months, the day range and the label of a period', () => {
    expect(periodMonths('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(periodMonths('2026')).toHaveLength(12);
    expect(periodDays('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodDays('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-31' });
    expect(['2026-06', '2026-Q2', '2026'].map(periodLabel)).toEqual(['2026年6月', '2026年第二季度', '2026年']);
    expect(periodOf('2026-06-15', 'quarter')).toBe('2026-Q2');
    expect(periodOf('2026-12-31', 'month')).toBe('2026-12');
  });
  it('reads half-years for the semi-annual summary; the report-period filter still takes only months, quarters and years', () => {
    expect(['2026-H1', '2026-H2'].map(periodKind)).toEqual(['half', 'half']);
    expect(periodMonths('2026-H2')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(periodDays('2026-H1')).toEqual({ from: '2026-01-01', to: '2026-06-31' });
    expect(['2026-H1', '2026-H2'].map(periodLabel)).toEqual(['2026年上半年', '2026年下半年']);
    expect([periodOf('2026-06-30', 'half'), periodOf('2026-07-01', 'half')]).toEqual(['2026-H1', '2026-H2']);
    expect(halfYearSchema.safeParse('2026-H2').success).toBe(true);
    for (const bad of ['2026-H0', '2026-H3', '2026-Q1', '2026']) expect(halfYearSchema.safeParse(bad).success, bad).toBe(false);
    expect(periodSchema.safeParse('2026-H1').success).toBe(false);
  });
});
