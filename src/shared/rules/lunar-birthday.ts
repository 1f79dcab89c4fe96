// Lunar birthdays 农历生日 (RULES.md "Dates"): many older recipients keep their birthday by the
// lunar calendar. From the solar birth date we take the lunar (month, day, leap); in a later lunar
// year that day may not exist: a day 30 in a month of 29 days falls on the month's last day, and a
// leap month missing that year falls back to the ordinary month of the same number.
//
// Pure: days are 'YYYY-MM-DD' strings, no clock, no I/O.
import { LunarYear, Solar } from 'lunar-typescript';
import { isValidDay } from './calendar';

export type LunarDate = { year: number; month: number; day: number; leap: boolean };

/** The lunar calendar library covers these (solar) years. */
export const LUNAR_YEAR_MIN = 1901;
export const LUNAR_YEAR_MAX = 2099;

function checkDay(day: string): void {
  if (!isValidDay(day)) throw new RangeError(`not a valid day: ${day}`);
}

// The library takes a fraction of a millisecond per conversion; a county's generation asks the same
// few thousand questions tens of thousands of times, so answers are memoised (days and lunar
// birthdays are few: at most some 70,000 birth dates and 30 × 13 × 2 lunar days per year).
const lunarOfCache = new Map<string, LunarDate>();
const birthdayInCache = new Map<string, { day: string; fallback: 'none' | 'leapMonthMissing' | 'dayMissing' | 'both' }>();
const MEMO_MAX = 200_000;
function remember<K, V>(m: Map<K, V>, k: K, v: V): V {
  if (m.size >= MEMO_MAX) m.clear();
  m.set(k, v);
  return v;
}

// The library computes a whole lunar year (solar terms, new moons) for each conversion and keeps
// only the last year: dates of many years asked in turn recompute it every time. The months of a
// lunar year (first Julian day, length) are kept here instead, once per year.
type MonthSpan = { month: number; leap: boolean; first: number; count: number };
const monthsCache = new Map<number, MonthSpan[]>();
function monthsOf(lunarYear: number): MonthSpan[] {
  let hit = monthsCache.get(lunarYear);
  if (!hit) {
    hit = LunarYear.fromYear(lunarYear)
      .getMonthsInYear()
      .map((m) => ({ month: Math.abs(m.getMonth()), leap: m.getMonth() < 0, first: Math.round(m.getFirstJulianDay()), count: m.getDayCount() }));
    remember(monthsCache, lunarYear, hit);
  }
  return hit;
}

function lunarFromTable(y: number, m: number, d: number): LunarDate | null {
  const jd = Math.round(Solar.fromYmd(y, m, d).getJulianDay());
  // a solar day lies in the lunar year of the same number or the one before (January, February)
  for (const ly of [y, y - 1]) {
    if (ly < LUNAR_YEAR_MIN || ly > LUNAR_YEAR_MAX) continue;
    for (const s of monthsOf(ly)) if (jd >= s.first && jd < s.first + s.count) return { year: ly, month: s.month, day: jd - s.first + 1, leap: s.leap };
  }
  return null;
}

/** The lunar date of a solar day: '2020-05-23' → 2020 闰四月初一 { month: 4, day: 1, leap: true }. */
export function lunarOf(solarDay: string): LunarDate {
  const hit = lunarOfCache.get(solarDay);
  if (hit) return { ...hit };
  checkDay(solarDay);
  const [y, m, d] = solarDay.split('-').map(Number);
  let found = lunarFromTable(y, m, d);
  if (!found) {
    const l = Solar.fromYmd(y, m, d).getLunar();
    found = { year: l.getYear(), month: Math.abs(l.getMonth()), day: l.getDay(), leap: l.getMonth() < 0 };
  }
  return { ...remember(lunarOfCache, solarDay, found) };
}

/** The lunar birthday (month, day, leap) of someone born on a solar day. */
export function lunarBirthdayOf(birthDate: string): { month: number; day: number; leap: boolean } {
  const { month, day, leap } = lunarOf(birthDate);
  return { month, day, leap };
}

/**
 * The solar day of a lunar birthday in lunar year `lunarYear`, with the fallback rule: a leap
 * month that year lacks → the ordinary month; a day the month lacks (30 in a month of 29) → the
 * month's last day. Also says which fallback applied.
 */
export function lunarBirthdayIn(lunarYear: number, birthday: { month: number; day: number; leap: boolean }): { day: string; fallback: 'none' | 'leapMonthMissing' | 'dayMissing' | 'both' } {
  const key = `${lunarYear}|${birthday.month}|${birthday.day}|${birthday.leap ? 1 : 0}`;
  const hit = birthdayInCache.get(key);
  if (hit) return { ...hit };
  return { ...remember(birthdayInCache, key, computeBirthdayIn(lunarYear, birthday)) };
}

function computeBirthdayIn(lunarYear: number, birthday: { month: number; day: number; leap: boolean }): { day: string; fallback: 'none' | 'leapMonthMissing' | 'dayMissing' | 'both' } {
  if (!Number.isInteger(lunarYear) || lunarYear < LUNAR_YEAR_MIN || lunarYear > LUNAR_YEAR_MAX - 1) throw new RangeError(`lunar year out of range: ${lunarYear}`);
  const months = monthsOf(lunarYear);
  let month = birthday.leap ? months.find((m) => m.leap && m.month === birthday.month) : undefined;
  const leapMissing = birthday.leap && !month;
  month ??= months.find((m) => !m.leap && m.month === birthday.month);
  if (!month) throw new RangeError(`no lunar month ${birthday.month} in ${lunarYear}`);
  const count = month.count;
  const dayMissing = birthday.day > count;
  const d = Math.min(birthday.day, count);
  // the first day of the month is a solar day we know; the birthday is d − 1 days after it
  const solar = Solar.fromJulianDay(month.first + d - 1).toYmd();
  return { day: solar, fallback: leapMissing && dayMissing ? 'both' : leapMissing ? 'leapMonthMissing' : dayMissing ? 'dayMissing' : 'none' };
}

/**
 * Birthday occurrences (solar days) in [from, to]: by the solar calendar, or by the lunar one.
 * A lunar birthday of lunar year Y may fall in January or February of solar year Y + 1, so lunar
 * years from(year) − 1 … to(year) are all looked at. A solar 02-29 falls on 02-28 in common years.
 * `age` is the age reached on that day (the birthday of the year).
 */
export function birthdaysBetween(birthDate: string, lunar: boolean, from: string, to: string): { day: string; age: number }[] {
  checkDay(birthDate);
  checkDay(from);
  checkDay(to);
  if (from > to) return [];
  const birthYear = Number(birthDate.slice(0, 4));
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const out: { day: string; age: number }[] = [];
  if (!lunar) {
    for (let y = Math.max(fromYear, birthYear + 1); y <= toYear; y++) {
      let day = `${y}${birthDate.slice(4)}`;
      if (!isValidDay(day)) day = `${y}-02-28`;
      if (day >= from && day <= to) out.push({ day, age: y - birthYear });
    }
    return out;
  }
  const b = lunarBirthdayOf(birthDate);
  const birthLunarYear = lunarOf(birthDate).year;
  for (let ly = Math.max(fromYear - 1, birthLunarYear + 1, LUNAR_YEAR_MIN); ly <= Math.min(toYear, LUNAR_YEAR_MAX - 1); ly++) {
    const { day } = lunarBirthdayIn(ly, b);
    // the age is counted in years since birth by the same calendar (周岁 by the lunar birthday)
    if (day >= from && day <= to) out.push({ day, age: ly - birthLunarYear });
  }
  return out;
}

/** Age in full years (周岁) on a day, by the solar birthday. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
