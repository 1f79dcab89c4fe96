import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeYear, weekday, yearsCovered } from '../rules/calendar';
import { SHIPPED_FIRST_YEAR, SHIPPED_HOLIDAY_SOURCE, SHIPPED_LAST_YEAR, shippedHolidayTable } from './cn-holidays';
import { FIRST_YEAR, LAST_YEAR, outputFile, packageVersion, readYears, renderModule } from './generate';

describe('shipped holiday data', () => {
  it('is what generate.ts makes from the installed chinese-days (no drift)', () => {
    expect(readFileSync(outputFile, 'utf8')).toBe(renderModule(readYears(), packageVersion()));
    expect(SHIPPED_HOLIDAY_SOURCE).toBe(`chinese-days ${packageVersion()}`);
  });

  it('holds exactly the dates of each chinese-days year file', () => {
    const years = readYears();
    expect([...years.keys()].sort()).toEqual(yearsCovered(shippedHolidayTable));
    for (const [year, data] of years) {
      expect(shippedHolidayTable.years[year].holidays).toEqual(Object.keys(data.holidays).sort());
      expect(shippedHolidayTable.years[year].workdays).toEqual(Object.keys(data.workdays).sort());
    }
  });

  it('spans 2004–2026', () => {
    expect([FIRST_YEAR, LAST_YEAR]).toEqual([2004, 2026]);
    expect([SHIPPED_FIRST_YEAR, SHIPPED_LAST_YEAR]).toEqual([2004, 2026]);
    expect(yearsCovered(shippedHolidayTable)).toHaveLength(23);
  });

  it('passes the admin validation for every year (make-up days are weekends, no date both ways)', () => {
    for (const y of yearsCovered(shippedHolidayTable)) {
      const r = mergeYear({ years: {} }, y, shippedHolidayTable.years[y]);
      expect(r.ok ? [] : r.errors).toEqual([]);
    }
  });

  it('has the real 2026 National Day and Labour Day blocks', () => {
    const y = shippedHolidayTable.years[2026];
    expect(y.holidays.filter((d) => d.startsWith('2026-10'))).toEqual([
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
    ]);
    expect(y.holidays.filter((d) => d.startsWith('2026-05'))).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']);
    expect(y.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(y.workdays.map(weekday)).toEqual([0, 6, 6, 6, 0, 6]);
  });

  it('keeps the 2012 New Year make-up Saturday 2011-12-31 in the 2011 bucket', () => {
    expect(shippedHolidayTable.years[2011].workdays).toContain('2011-12-31');
  });
});
