// Deadline arithmetic on days ('YYYY-MM-DD', Asia/Shanghai calendar days), after 民法典 Art. 201–203:
// the start day is not counted; when the last day of a period is a rest day (a weekend that is not a
// make-up working day 调休上班日, or a statutory holiday) the period ends on the first working day
// after it. "N working days" count working days only.
//
// Days are plain strings and all arithmetic is done on UTC day numbers, so neither the server's nor
// the browser's time zone can shift a result. Pure: no clock, no I/O; the holiday table is a value.

/** One year's schedule as published by the State Council: full 'YYYY-MM-DD' dates. */
export type YearSchedule = { holidays: string[]; workdays: string[] };

/**
 * Holiday table. A year present in `years` is "covered": its weekends are rest days except the
 * listed make-up working days, and the listed holidays are rest days. A year absent from the
 * table is counted as weekends-only and every result touching it carries a warning.
 * Treat a table as immutable (lookups are cached per table object); use `mergeYear` to change it.
 */
export type HolidayTable = { years: Record<number, YearSchedule> };

export type DayResult = {
  /** the deadline: the last day of the period, a working day */
  day: string;
  /** Chinese warnings, e.g. for a year whose schedule has not been loaded */
  warnings: string[];
  /** the day the period would have ended on before moving past rest days, or null if not moved */
  rolledFrom: string | null;
};

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Day number (days since 1970-01-01) of a valid 'YYYY-MM-DD', or null if the date does not exist.
 * Arithmetic only (days from civil, proleptic Gregorian): every list row's age goes through here.
 */
function toDayNumber(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1])) return null;
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): string {
  const date = new Date(n * MS_PER_DAY);
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function dayNumber(day: string, what = 'day'): number {
  const n = toDayNumber(day);
  if (n === null) throw new RangeError(`Invalid ${what}: ${JSON.stringify(day)} (expected an existing YYYY-MM-DD date)`);
  return n;
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}

/** True when `day` is a 'YYYY-MM-DD' string naming a date that exists (no 2026-02-30). */
export function isValidDay(day: string): boolean {
  return typeof day === 'string' && toDayNumber(day) !== null;
}

/** The calendar day `n` days after (negative: before) `day`. */
export function shiftDay(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
  return fromDayNumber(dayNumber(day) + n);
}

/** Signed number of days from `from` to `to` (2026-10-01 → 2026-10-08 is 7). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

type Index = { holidays: Set<string>; workdays: Set<string>; years: Set<number> };
const indexCache = new WeakMap<HolidayTable, Index>();

function indexOf(table: HolidayTable): Index {
  let idx = indexCache.get(table);
  if (!idx) {
    idx = { holidays: new Set(), workdays: new Set(), years: new Set() };
    for (const [key, schedule] of Object.entries(table.years)) {
      idx.years.add(Number(key));
      for (const d of schedule.holidays) idx.holidays.add(d);
      for (const d of schedule.workdays) idx.workdays.add(d);
    }
    indexCache.set(table, idx);
  }
  return idx;
}

export type DayStatus = {
  working: boolean;
  /** weekday: an ordinary Monday–Friday; weekend: an ordinary Saturday/Sunday;
   *  holiday: a statutory holiday (including weekend days inside a holiday block);
   *  makeup: a weekend day that is a make-up working day 调休上班日 */
  reason: 'weekday' | 'weekend' | 'holiday' | 'makeup';
  /** false when the day's year is not in the table (weekends-only assumption) */
  covered: boolean;
};

/** Whether `day` is a working day, and why. */
export function dayStatus(day: string, table: HolidayTable): DayStatus {
  const wd = weekday(day);
  const idx = indexOf(table);
  const covered = idx.years.has(yearOf(day));
  if (idx.holidays.has(day)) return { working: false, reason: 'holiday', covered };
  if (idx.workdays.has(day)) return { working: true, reason: 'makeup', covered };
  const weekend = wd === 0 || wd === 6;
  return { working: !weekend, reason: weekend ? 'weekend' : 'weekday', covered };
}

/** A working day: Monday–Friday that is not a holiday, or a make-up working day. */
export function isWorkingDay(day: string, table: HolidayTable): boolean {
  return dayStatus(day, table).working;
}

/** Years that have a loaded schedule, ascending. */
export function yearsCovered(table: HolidayTable): number[] {
  return [...indexOf(table).years].sort((a, b) => a - b);
}

export function missingYearWarning(year: number): string {
  return `${year} 年节假日安排尚未载入，按周末计算`;
}

function warningsFor(years: Iterable<number>, table: HolidayTable): string[] {
  const idx = indexOf(table);
  return [...new Set(years)]
    .filter((y) => !idx.years.has(y))
    .sort((a, b) => a - b)
    .map(missingYearWarning);
}

/** Warnings for every year from `from` to `to` (inclusive) that the table does not cover. */
export function coverageWarnings(from: string, to: string, table: HolidayTable): string[] {
  const a = yearOf(fromDayNumber(dayNumber(from)));
  const b = yearOf(fromDayNumber(dayNumber(to)));
  const years: number[] = [];
  for (let y = Math.min(a, b); y <= Math.max(a, b); y++) years.push(y);
  return warningsFor(years, table);
}

// A table could in theory mark every day of a year as a holiday; stop rather than loop for ever.
const MAX_ROLL = 400;

/** Move forward from `day` (inclusive) to the first working day; records the years looked at. */
function rollToWorkingDay(day: string, table: HolidayTable, years: Set<number>): string {
  let d = day;
  years.add(yearOf(d));
  for (let i = 0; !isWorkingDay(d, table); i++) {
    if (i > MAX_ROLL) throw new RangeError(`No working day within ${MAX_ROLL} days after ${day}`);
    d = shiftDay(d, 1);
    years.add(yearOf(d));
  }
  return d;
}

/**
 * A period of `n` natural days (日) starting on `start`: the start day is not counted, so the
 * period ends on start + n; if that day is a rest day the deadline is the first working day after it.
 * 2026-09-16 + 15 → 2026-10-01 (National Day) → 2026-10-08.
 */
export function addNaturalDays(start: string, n: number, table: HolidayTable): DayResult {
  checkCount(n, 'n');
  const years = new Set<number>();
  const raw = shiftDay(start, n);
  const day = rollToWorkingDay(raw, table, years);
  return { day, warnings: warningsFor(years, table), rolledFrom: day === raw ? null : raw };
}

/**
 * `n` working days (工作日) after `start`: the start day is not counted; the result is the n-th
 * working day after it (make-up working days count, holidays and ordinary weekends don't).
 * With n = 0 the result is `start` itself.
 */
export function addWorkingDays(start: string, n: number, table: HolidayTable): DayResult {
  checkCount(n, 'n');
  const years = new Set<number>();
  let d = start;
  for (let counted = 0; counted < n; ) {
    d = shiftDay(d, 1);
    years.add(yearOf(d));
    if (isWorkingDay(d, table)) counted++;
  }
  return { day: d, warnings: warningsFor(years, table), rolledFrom: null };
}

/** A period during which the clock stops, both ends included; `to: null` = still paused. */
export type Pause = { from: string; to: string | null };

export type DeadlineInput = {
  start: string;
  days: number;
  kind: 'natural' | 'working';
  pauses?: Pause[];
  /** an extension (e.g. Art. 34: at most 30 days), counted on from the original deadline */
  extensionDays?: number;
};

export type DeadlineResult = {
  /** the deadline, or null while an open pause (to: null) has stopped the clock before it */
  day: string | null;
  warnings: string[];
  /** the deadline of the original period (without the extension), or null if not reached */
  baseDay: string | null;
  /** how many countable days fell inside pauses (natural: every paused day; working: paused working days) */
  pausedDays: number;
  /** when the clock is stopped by an open pause: the day that pause began */
  pausedSince: string | null;
};

/**
 * A deadline with pauses and an extension.
 *
 * The rule:
 * 1. Counting starts the day after `start`. A day inside a pause (from..to, both ends included)
 *    is not counted, so a pause pushes the deadline back by the number of days it stopped the
 *    clock: for natural days every paused day, for working days every paused working day (a paused
 *    weekend did not count anyway). Parts of a pause on or before `start`, or after the day the
 *    count completes, change nothing; overlapping pauses count once.
 * 2. Natural periods: once `days` countable days have passed, a rest day moves the deadline to
 *    the first working day after it (Art. 203). Pauses are not looked at while moving.
 * 3. The extension is a new period counted from the original deadline (that day not counted),
 *    by the same rules — so when the original period ended on a holiday and was moved, the
 *    extension runs from the moved day (60 days from 2026-03-02 end on 2026-05-06 after Labour
 *    Day; +30 natural days → 2026-06-05).
 * 4. An open pause (`to: null`) that the count reaches stops the clock: `day` is null and
 *    `pausedSince` tells from when. One that begins after the deadline is irrelevant.
 */
export function deadlineWithPauses(input: DeadlineInput, table: HolidayTable): DeadlineResult {
  const { start, days, kind } = input;
  const extension = input.extensionDays ?? 0;
  checkCount(days, 'days');
  checkCount(extension, 'extensionDays');
  dayNumber(start, 'start');
  const pauses = (input.pauses ?? []).map((p) => {
    const from = dayNumber(p.from, 'pause start');
    const to = p.to === null ? Number.POSITIVE_INFINITY : dayNumber(p.to, 'pause end');
    if (to < from) throw new RangeError(`Pause ends (${p.to}) before it begins (${p.from})`);
    return { from, to };
  });
  const pausedOn = (n: number) => pauses.find((p) => p.from <= n && n <= p.to);

  const years = new Set<number>();
  let pausedDays = 0;

  /** Count `n` days after `from`; returns the last counted day, or the open pause's start. */
  const count = (from: string, n: number): { end: string } | { pausedSince: string } => {
    let d = dayNumber(from);
    for (let counted = 0; counted < n; ) {
      d++;
      const day = fromDayNumber(d);
      const working = kind === 'working' ? isWorkingDay(day, table) : true;
      if (kind === 'working') years.add(yearOf(day));
      const pause = pausedOn(d);
      if (pause) {
        if (pause.to === Number.POSITIVE_INFINITY) return { pausedSince: fromDayNumber(pause.from) };
        if (working) pausedDays++;
        continue;
      }
      if (working) counted++;
    }
    return { end: fromDayNumber(d) };
  };

  const period = (from: string, n: number): { end: string } | { pausedSince: string } => {
    const r = count(from, n);
    if (!('end' in r) || kind === 'working') return r;
    return { end: rollToWorkingDay(r.end, table, years) };
  };

  const base = period(start, days);
  if (!('end' in base)) {
    return { day: null, baseDay: null, pausedSince: base.pausedSince, pausedDays, warnings: warningsFor(years, table) };
  }
  if (extension === 0) {
    return { day: base.end, baseDay: base.end, pausedSince: null, pausedDays, warnings: warningsFor(years, table) };
  }
  const ext = period(base.end, extension);
  if (!('end' in ext)) {
    return { day: null, baseDay: base.end, pausedSince: ext.pausedSince, pausedDays, warnings: warningsFor(years, table) };
  }
  return { day: ext.end, baseDay: base.end, pausedSince: null, pausedDays, warnings: warningsFor(years, table) };
}

export type MergeYearResult = { ok: true; table: HolidayTable } | { ok: false; errors: string[] };

/**
 * Load (or replace) one year's schedule, e.g. when the State Council publishes next year's in
 * November. Returns a new table; the old one is not changed. Every date must exist and lie in
 * `year` (a notice that starts the New Year holiday in late December of the year before is
 * entered by reloading that earlier year with the extra days), a date cannot be both a holiday
 * and a make-up working day, and a make-up working day must be a Saturday or Sunday.
 */
export function mergeYear(table: HolidayTable, year: number, data: YearSchedule): MergeYearResult {
  const errors: string[] = [];
  if (!Number.isInteger(year) || year < 1949 || year > 2199) {
    return { ok: false, errors: [`年份不正确：${year}`] };
  }
  const clean = (list: string[], label: string): string[] => {
    const out = new Set<string>();
    for (const raw of list) {
      const d = typeof raw === 'string' ? raw.trim() : String(raw);
      if (!isValidDay(d)) errors.push(`${label}日期不正确：${d}`);
      else if (yearOf(d) !== year) errors.push(`${label}日期 ${d} 不在 ${year} 年内`);
      else out.add(d);
    }
    return [...out].sort();
  };
  const holidays = clean(data.holidays, '放假');
  const workdays = clean(data.workdays, '调休上班');
  if (holidays.length === 0 && errors.length === 0) errors.push(`${year} 年没有填写放假日期`);
  const holidaySet = new Set(holidays);
  for (const d of workdays) {
    if (holidaySet.has(d)) errors.push(`${d} 不能既是放假日又是调休上班日`);
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6) errors.push(`${d} 本是工作日，调休上班日应为周六或周日`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, table: { years: { ...table.years, [year]: { holidays, workdays } } } };
}
