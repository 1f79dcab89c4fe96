import { afterEach, describe, expect, it } from 'vitest';
import { shippedHolidayTable as table } from '../holidays/cn-holidays';
import {
  addNaturalDays,
  addWorkingDays,
  coverageWarnings,
  dayStatus,
  daysBetween,
  deadlineWithPauses,
  isValidDay,
  isWorkingDay,
  mergeYear,
  shiftDay,
  weekday,
  yearsCovered,
  type HolidayTable,
} from './calendar';

const W2027 = '2027 年节假日安排尚未载入，按周末计算';
const empty: HolidayTable = { years: {} };

describe('day helpers', () => {
  it('validates dates that exist', () => {
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2026-02-29')).toBe(false);
    expect(isValidDay('2026-04-31')).toBe(false);
    expect(isValidDay('2026-13-01')).toBe(false);
    expect(isValidDay('2026-00-10')).toBe(false);
    expect(isValidDay('2026-1-01')).toBe(false);
    expect(isValidDay('20261001')).toBe(false);
    expect(isValidDay('')).toBe(false);
  });

  it('shifts across month, year and leap day', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDay('2023-03-01', -1)).toBe('2023-02-28');
    expect(shiftDay('2026-09-16', 15)).toBe('2026-10-01');
    expect(() => shiftDay('2026-02-30', 1)).toThrow(RangeError);
    expect(() => shiftDay('2026-02-01', 1.5)).toThrow(RangeError);
  });

  it('counts days between', () => {
    expect(daysBetween('2026-10-01', '2026-10-08')).toBe(7);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2026-10-08', '2026-10-01')).toBe(-7);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('knows the weekday', () => {
    expect(weekday('2026-09-20')).toBe(0); // Sunday
    expect(weekday('2026-10-10')).toBe(6); // Saturday
    expect(weekday('2026-10-01')).toBe(4); // Thursday
    expect(weekday('1949-10-01')).toBe(6); // Saturday
    expect(weekday('2027-01-01')).toBe(5); // Friday
  });
});

describe('shipped table', () => {
  it('covers 2004–2026', () => {
    const years = yearsCovered(table);
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toHaveLength(23);
  });

  it('has 2026 National Day as 10-01..10-07 with make-up days 09-20 (Sun) and 10-10 (Sat)', () => {
    const y = table.years[2026];
    for (let d = 1; d <= 7; d++) expect(y.holidays).toContain(`2026-10-0${d}`);
    expect(y.holidays).not.toContain('2026-10-08');
    expect(y.workdays).toContain('2026-09-20');
    expect(y.workdays).toContain('2026-10-10');
    expect(dayStatus('2026-09-20', table)).toEqual({ working: true, reason: 'makeup', covered: true });
    expect(dayStatus('2026-10-10', table)).toEqual({ working: true, reason: 'makeup', covered: true });
    expect(dayStatus('2026-10-01', table)).toEqual({ working: false, reason: 'holiday', covered: true });
    expect(dayStatus('2026-10-08', table)).toEqual({ working: true, reason: 'weekday', covered: true });
    expect(dayStatus('2026-10-11', table)).toEqual({ working: false, reason: 'weekend', covered: true });
  });

  it('without the table a make-up Saturday is a rest day and a holiday a working day', () => {
    expect(isWorkingDay('2026-10-10', table)).toBe(true);
    expect(isWorkingDay('2026-10-10', empty)).toBe(false);
    expect(isWorkingDay('2026-10-05', table)).toBe(false); // Monday inside National Day
    expect(isWorkingDay('2026-10-05', empty)).toBe(true);
    expect(dayStatus('2026-10-05', empty).covered).toBe(false);
  });

  it('has Spring Festival 2026 (02-15..02-23, make-up Saturdays 02-14 and 02-28)', () => {
    expect(isWorkingDay('2026-02-14', table)).toBe(true);
    expect(isWorkingDay('2026-02-16', table)).toBe(false);
    expect(isWorkingDay('2026-02-23', table)).toBe(false);
    expect(isWorkingDay('2026-02-24', table)).toBe(true);
    expect(isWorkingDay('2026-02-28', table)).toBe(true);
  });
});

describe('addNaturalDays', () => {
  it('a receipt on 2026-09-16 + 15 days ends in National Day and moves to 2026-10-08', () => {
    expect(addNaturalDays('2026-09-16', 15, table)).toEqual({ day: '2026-10-08', warnings: [], rolledFrom: '2026-10-01' });
  });

  it('a 15-day period ending on an ordinary Sunday moves to Monday', () => {
    expect(weekday('2026-03-22')).toBe(0);
    expect(addNaturalDays('2026-03-07', 15, table)).toEqual({ day: '2026-03-23', warnings: [], rolledFrom: '2026-03-22' });
  });

  it('a period ending on an ordinary Saturday moves over the whole weekend', () => {
    expect(addNaturalDays('2026-03-06', 15, table).day).toBe('2026-03-23'); // 03-21 is a Saturday
  });

  it('does not move a period ending on a make-up working day', () => {
    expect(addNaturalDays('2026-09-25', 15, table)).toEqual({ day: '2026-10-10', warnings: [], rolledFrom: null });
    expect(addNaturalDays('2026-09-05', 15, table)).toEqual({ day: '2026-09-20', warnings: [], rolledFrom: null });
  });

  it('moves over the whole Spring Festival block', () => {
    expect(addNaturalDays('2026-01-31', 15, table)).toEqual({ day: '2026-02-24', warnings: [], rolledFrom: '2026-02-15' });
  });

  it('60 days from acceptance: 2026-01-05 → 2026-03-06; 2026-03-02 → Labour Day → 2026-05-06', () => {
    expect(addNaturalDays('2026-01-05', 60, table)).toEqual({ day: '2026-03-06', warnings: [], rolledFrom: null });
    expect(addNaturalDays('2026-03-02', 60, table)).toEqual({ day: '2026-05-06', warnings: [], rolledFrom: '2026-05-01' });
  });

  it('does not count the start day: 1 day after a Thursday is the Friday', () => {
    expect(addNaturalDays('2026-03-05', 1, table).day).toBe('2026-03-06');
  });

  it('crosses into 2027 with a weekends-only warning', () => {
    // 2027-01-01 is a Friday: without the 2027 schedule it counts as a working day
    expect(addNaturalDays('2026-12-17', 15, table)).toEqual({ day: '2027-01-01', warnings: [W2027], rolledFrom: null });
    expect(addNaturalDays('2026-12-20', 15, table)).toEqual({ day: '2027-01-04', warnings: [W2027], rolledFrom: null });
    expect(addNaturalDays('2027-03-01', 5, table).warnings).toEqual([W2027]);
  });

  it('gives no warning when the period stays in covered years', () => {
    expect(addNaturalDays('2026-12-01', 15, table).warnings).toEqual([]);
  });

  it('warns for years before the shipped data too', () => {
    expect(addNaturalDays('2003-05-01', 1, table).warnings).toEqual(['2003 年节假日安排尚未载入，按周末计算']);
  });

  it('recomputes once the year is loaded', () => {
    const loaded = mergeYear(table, 2027, { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] });
    if (!loaded.ok) throw new Error(loaded.errors.join());
    expect(addNaturalDays('2026-12-17', 15, loaded.table)).toEqual({ day: '2027-01-04', warnings: [], rolledFrom: '2027-01-01' });
  });

  it('rejects bad input', () => {
    expect(() => addNaturalDays('2026-02-30', 15, table)).toThrow(RangeError);
    expect(() => addNaturalDays('2026-02-01', -1, table)).toThrow(RangeError);
    expect(() => addNaturalDays('2026-02-01', 2.5, table)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('5 working days across a weekend', () => {
    expect(addWorkingDays('2026-03-06', 5, table)).toEqual({ day: '2026-03-13', warnings: [], rolledFrom: null });
    expect(addWorkingDays('2026-03-05', 5, table).day).toBe('2026-03-12');
  });

  it('counts the make-up Saturday 2026-10-10 as a working day', () => {
    expect(addWorkingDays('2026-10-08', 5, table).day).toBe('2026-10-14');
    expect(addWorkingDays('2026-10-08', 5, empty).day).toBe('2026-10-15');
    expect(addWorkingDays('2026-10-08', 2, table).day).toBe('2026-10-10');
  });

  it('skips the National Day holidays', () => {
    // 09-30 (1), 10-01..07 off, 10-08 (2), 10-09 (3), 10-10 make-up (4), 10-11 Sunday, 10-12 (5)
    expect(addWorkingDays('2026-09-29', 5, table).day).toBe('2026-10-12');
  });

  it('starting on a rest day counts from the next working day', () => {
    expect(addWorkingDays('2026-10-03', 1, table).day).toBe('2026-10-08');
  });

  it('n = 0 is the start day', () => {
    expect(addWorkingDays('2026-10-03', 0, table).day).toBe('2026-10-03');
  });

  it('warns when it runs into 2027', () => {
    // 12-31 (Thu) 1, 2027-01-01 (Fri, unknown: counted) 2, 01-04 (Mon) 3
    expect(addWorkingDays('2026-12-30', 3, table)).toEqual({ day: '2027-01-04', warnings: [W2027], rolledFrom: null });
    expect(addWorkingDays('2026-12-28', 3, table).warnings).toEqual([]);
  });
});

describe('coverageWarnings', () => {
  it('lists every uncovered year in the range', () => {
    expect(coverageWarnings('2026-01-01', '2026-12-31', table)).toEqual([]);
    expect(coverageWarnings('2026-11-01', '2028-02-01', table)).toEqual([W2027, '2028 年节假日安排尚未载入，按周末计算']);
    expect(coverageWarnings('2027-02-01', '2026-11-01', table)).toEqual([W2027]);
  });
});

describe('deadlineWithPauses', () => {
  const start = '2026-01-05';

  it('without pauses equals addNaturalDays / addWorkingDays', () => {
    expect(deadlineWithPauses({ start, days: 60, kind: 'natural' }, table)).toEqual({
      day: '2026-03-06',
      baseDay: '2026-03-06',
      pausedDays: 0,
      pausedSince: null,
      warnings: [],
    });
    expect(deadlineWithPauses({ start: '2026-10-08', days: 5, kind: 'working' }, table).day).toBe('2026-10-14');
  });

  it('a 10-day pause moves a natural deadline by 10 days', () => {
    const r = deadlineWithPauses({ start, days: 60, kind: 'natural', pauses: [{ from: '2026-01-10', to: '2026-01-19' }] }, table);
    expect(r.day).toBe('2026-03-16');
    expect(r.pausedDays).toBe(10);
  });

  it('overlapping pauses count once', () => {
    const r = deadlineWithPauses(
      {
        start,
        days: 60,
        kind: 'natural',
        pauses: [
          { from: '2026-01-10', to: '2026-01-15' },
          { from: '2026-01-13', to: '2026-01-19' },
        ],
      },
      table,
    );
    expect(r.day).toBe('2026-03-16');
    expect(r.pausedDays).toBe(10);
  });

  it('only the part of a pause after the start day counts, and the moved end still rolls', () => {
    // paused 01-06 and 01-07 → 2026-03-08, a Sunday → Monday 03-09
    const r = deadlineWithPauses({ start, days: 60, kind: 'natural', pauses: [{ from: '2026-01-01', to: '2026-01-07' }] }, table);
    expect(r.pausedDays).toBe(2);
    expect(r.day).toBe('2026-03-09');
  });

  it('a pause on the start day or after the deadline changes nothing', () => {
    for (const pause of [
      { from: start, to: start },
      { from: '2026-04-01', to: '2026-04-10' },
      { from: '2026-03-07', to: null },
    ]) {
      const r = deadlineWithPauses({ start, days: 60, kind: 'natural', pauses: [pause] }, table);
      expect(r.day).toBe('2026-03-06');
      expect(r.pausedDays).toBe(0);
    }
  });

  it('working-day periods skip only the paused working days', () => {
    // 03-06 Fri (1); paused Sat 03-07..Tue 03-10 (2 working days); 03-11 (2) 03-12 (3) 03-13 (4) 03-16 (5)
    const r = deadlineWithPauses({ start: '2026-03-05', days: 5, kind: 'working', pauses: [{ from: '2026-03-07', to: '2026-03-10' }] }, table);
    expect(r.day).toBe('2026-03-16');
    expect(r.pausedDays).toBe(2);
  });

  it('the extension runs from the (moved) original deadline', () => {
    const r = deadlineWithPauses({ start: '2026-03-02', days: 60, kind: 'natural', extensionDays: 30 }, table);
    expect(r.baseDay).toBe('2026-05-06');
    expect(r.day).toBe('2026-06-05');
    // a single 90-day count would have given another day: the chain is deliberate
    expect(addNaturalDays('2026-03-02', 90, table).day).toBe('2026-06-01');
  });

  it('working-day extension continues the count', () => {
    const r = deadlineWithPauses({ start: '2026-09-29', days: 2, kind: 'working', extensionDays: 3 }, table);
    expect(r.baseDay).toBe('2026-10-08');
    expect(r.day).toBe('2026-10-12');
  });

  it('a pause inside the extension moves the extended deadline', () => {
    const r = deadlineWithPauses(
      { start: '2026-03-02', days: 60, kind: 'natural', extensionDays: 30, pauses: [{ from: '2026-05-11', to: '2026-05-15' }] },
      table,
    );
    expect(r.baseDay).toBe('2026-05-06');
    expect(r.day).toBe('2026-06-10');
    expect(r.pausedDays).toBe(5);
  });

  it('an open pause stops the clock', () => {
    const r = deadlineWithPauses({ start, days: 60, kind: 'natural', pauses: [{ from: '2026-02-01', to: null }] }, table);
    expect(r).toEqual({ day: null, baseDay: null, pausedSince: '2026-02-01', pausedDays: 0, warnings: [] });
    const ext = deadlineWithPauses(
      { start: '2026-03-02', days: 60, kind: 'natural', extensionDays: 30, pauses: [{ from: '2026-05-20', to: null }] },
      table,
    );
    expect(ext.baseDay).toBe('2026-05-06');
    expect(ext.day).toBeNull();
    expect(ext.pausedSince).toBe('2026-05-20');
  });

  it('reports the weekends-only warning', () => {
    const r = deadlineWithPauses({ start: '2026-12-01', days: 60, kind: 'natural' }, table);
    expect(r.day).toBe('2027-02-01'); // 2027-01-30 is a Saturday → Monday
    expect(r.warnings).toEqual([W2027]);
  });

  it('rejects bad pauses and counts', () => {
    expect(() => deadlineWithPauses({ start, days: 60, kind: 'natural', pauses: [{ from: '2026-02-10', to: '2026-02-01' }] }, table)).toThrow(RangeError);
    expect(() => deadlineWithPauses({ start, days: 60, kind: 'natural', pauses: [{ from: '2026-02-30', to: null }] }, table)).toThrow(RangeError);
    expect(() => deadlineWithPauses({ start, days: -1, kind: 'natural' }, table)).toThrow(RangeError);
    expect(() => deadlineWithPauses({ start, days: 60, kind: 'natural', extensionDays: 0.5 }, table)).toThrow(RangeError);
    expect(() => deadlineWithPauses({ start: 'tomorrow', days: 60, kind: 'natural' }, table)).toThrow(RangeError);
  });
});

describe('mergeYear', () => {
  it('adds a year without changing the old table', () => {
    const r = mergeYear(table, 2027, { holidays: ['2027-02-06', ' 2027-01-01 ', '2027-01-01'], workdays: [] });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.table.years[2027]).toEqual({ holidays: ['2027-01-01', '2027-02-06'], workdays: [] });
    expect(yearsCovered(r.table).at(-1)).toBe(2027);
    expect(yearsCovered(table).at(-1)).toBe(2026);
    expect(isWorkingDay('2027-01-01', r.table)).toBe(false);
    expect(isWorkingDay('2027-01-01', table)).toBe(true);
  });

  it('replaces an existing year', () => {
    const r = mergeYear(table, 2026, { holidays: ['2026-01-01'], workdays: [] });
    if (!r.ok) throw new Error(r.errors.join());
    expect(isWorkingDay('2026-10-01', r.table)).toBe(true);
    expect(isWorkingDay('2026-10-10', r.table)).toBe(false);
    expect(isWorkingDay('2026-10-01', table)).toBe(false);
  });

  it('accepts every shipped year as it is', () => {
    for (const y of yearsCovered(table)) expect(mergeYear(empty, y, table.years[y]).ok).toBe(true);
  });

  it('reports every problem in Chinese', () => {
    const r = mergeYear(table, 2027, {
      holidays: ['2027-01-01', '2026-12-31', '2027-02-30', '2027-02-06'],
      workdays: ['2027-02-06', '2027-02-08'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      '放假日期 2026-12-31 不在 2027 年内',
      '放假日期不正确：2027-02-30',
      '2027-02-06 不能既是放假日又是调休上班日',
      '2027-02-08 本是工作日，调休上班日应为周六或周日',
    ]);
  });

  it('requires holidays and a sensible year', () => {
    expect(mergeYear(table, 2027, { holidays: [], workdays: [] })).toEqual({ ok: false, errors: ['2027 年没有填写放假日期'] });
    expect(mergeYear(table, 27, { holidays: ['0027-01-01'], workdays: [] }).ok).toBe(false);
    expect(mergeYear(table, 2027.5, { holidays: ['2027-01-01'], workdays: [] }).ok).toBe(false);
  });
});

describe('time zone independence', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same days whatever the machine time zone', () => {
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'UTC']) {
      process.env.TZ = tz;
      expect(addNaturalDays('2026-09-16', 15, table).day).toBe('2026-10-08');
      expect(addWorkingDays('2026-10-08', 5, table).day).toBe('2026-10-14');
      expect(weekday('2026-10-10')).toBe(6);
      expect(shiftDay('2026-03-08', 1)).toBe('2026-03-09'); // US DST change weekend
      expect(daysBetween('2026-03-01', '2026-11-30')).toBe(274);
    }
  });
});

describe('day arithmetic against the platform Date (every day, 1000–2200)', () => {
  it('agrees on which days exist, their number and the way back', () => {
    let days = 0;
    for (let y = 1000; y <= 2200; y++)
      for (let m = 1; m <= 12; m++)
        for (let d = 1; d <= 31; d++) {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const dt = new Date(0);
          dt.setUTCFullYear(y, m - 1, d);
          const exists = dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
          if (isValidDay(s) !== exists) expect.fail(`${s}: isValidDay ${!exists}`);
          if (!exists) continue;
          const n = Math.round(dt.getTime() / 86_400_000);
          if (daysBetween('1970-01-01', s) !== n) expect.fail(`${s}: day number ${daysBetween('1970-01-01', s)}, Date ${n}`);
          if (shiftDay('1970-01-01', n) !== s) expect.fail(`${s}: back ${shiftDay('1970-01-01', n)}`);
          days += 1;
        }
    expect(days).toBe(438_656);
  });
});
