// Festival days of the work year (RULES.md "Dates"): Army Day 8-1, Martyrs' Day 9-30 (英雄烈士
// 保护法 Art. 5) and Spring Festival, the first day of the first lunar month. Plaques are hung and
// visits made "before Army Day or Spring Festival", so the question most callers ask is "which
// festival is coming within N days of today, and on what day?".
//
// Pure: days are 'YYYY-MM-DD' strings (Asia/Shanghai calendar days), no clock, no I/O.
import { Lunar } from 'lunar-typescript';
import { daysBetween, isValidDay } from './calendar';

export const festivalKeys = ['springFestival', 'armyDay', 'martyrsDay'] as const;
export type FestivalKey = (typeof festivalKeys)[number];
export const festivalLabels: Record<FestivalKey, string> = {
  springFestival: '春节',
  armyDay: '八一建军节',
  martyrsDay: '烈士纪念日',
};

/** The lunar calendar library covers these years; outside them a date would be a guess. */
export const FESTIVAL_YEAR_MIN = 1901;
export const FESTIVAL_YEAR_MAX = 2099;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FESTIVAL_YEAR_MIN || year > FESTIVAL_YEAR_MAX) {
    throw new RangeError(`year must be an integer from ${FESTIVAL_YEAR_MIN} to ${FESTIVAL_YEAR_MAX}, got ${year}`);
  }
}

/** Spring Festival 春节 of a (solar) year: lunar 1-1 of the lunar year that begins in it. */
export function springFestival(year: number): string {
  checkYear(year);
  return Lunar.fromYmd(year, 1, 1).getSolar().toYmd();
}

/** Army Day 八一建军节: 8-1. */
export function armyDay(year: number): string {
  checkYear(year);
  return `${year}-08-01`;
}

/** Martyrs' Day 烈士纪念日: 9-30. */
export function martyrsDay(year: number): string {
  checkYear(year);
  return `${year}-09-30`;
}

/** The day of a festival in a year. */
export function festivalDay(key: FestivalKey, year: number): string {
  switch (key) {
    case 'springFestival':
      return springFestival(year);
    case 'armyDay':
      return armyDay(year);
    case 'martyrsDay':
      return martyrsDay(year);
  }
}

function checkDay(day: string): void {
  if (!isValidDay(day)) throw new RangeError(`not a valid day: ${day}`);
}

/** The festival's next day on or after `today` (today itself when it is the festival). */
export function nextFestivalDay(key: FestivalKey, today: string): string {
  checkDay(today);
  const year = Number(today.slice(0, 4));
  const thisYear = festivalDay(key, year);
  return thisYear >= today ? thisYear : festivalDay(key, year + 1);
}

export type FestivalOccurrence = { key: FestivalKey; label: string; day: string; daysLeft: number };

/**
 * The festivals among `keys` whose next day is at most `days` days away (0 = today is the
 * festival), soonest first. `festivalsWithin('2026-07-02', ['armyDay'], 30)` → Army Day 2026-08-01.
 */
export function festivalsWithin(today: string, keys: readonly FestivalKey[], days: number): FestivalOccurrence[] {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  checkDay(today);
  return keys
    .map((key) => {
      const day = nextFestivalDay(key, today);
      return { key, label: festivalLabels[key], day, daysLeft: daysBetween(today, day) };
    })
    .filter((f) => f.daysLeft <= days)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
