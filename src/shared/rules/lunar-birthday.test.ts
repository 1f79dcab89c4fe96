import { describe, expect, it } from 'vitest';
import { ageOn, birthdaysBetween, lunarBirthdayIn, lunarBirthdayOf, lunarOf } from './lunar-birthday';
import { springFestival } from './festivals';

describe('lunar birthdays', () => {
  it('Spring Festival of 2025–2028 is lunar 1-1 (RULES.md dates)', () => {
    expect([2025, 2026, 2027, 2028].map(springFestival)).toEqual(['2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26']);
    expect(lunarOf('2027-02-06')).toEqual({ year: 2027, month: 1, day: 1, leap: false });
    expect(lunarBirthdayIn(2028, { month: 1, day: 1, leap: false }).day).toBe('2028-01-26');
  });

  it('someone born in a leap month keeps it when the year has one, else the ordinary month', () => {
    // 2020-05-23 is 闰四月初一 of 2020
    expect(lunarBirthdayOf('2020-05-23')).toEqual({ month: 4, day: 1, leap: true });
    expect(lunarBirthdayIn(2020, { month: 4, day: 1, leap: true })).toEqual({ day: '2020-05-23', fallback: 'none' });
    // 2021 has no leap fourth month: 四月初一 2021 = 2021-05-12
    expect(lunarBirthdayIn(2021, { month: 4, day: 1, leap: true })).toEqual({ day: '2021-05-12', fallback: 'leapMonthMissing' });
    // 闰二月 of 2023: 2023-03-22 is 闰二月初一
    expect(lunarBirthdayOf('2023-03-22')).toEqual({ month: 2, day: 1, leap: true });
    expect(lunarBirthdayIn(2024, { month: 2, day: 1, leap: true }).fallback).toBe('leapMonthMissing');
    expect(lunarBirthdayIn(2024, { month: 2, day: 1, leap: true }).day).toBe(lunarBirthdayIn(2024, { month: 2, day: 1, leap: false }).day);
  });

  it('day 30 in a year whose month has 29 days falls on the month\'s last day', () => {
    // the second month of 2026 has 29 days: 二月三十 → 二月廿九 = 2026-04-16; 三月初一 is the day after
    const r = lunarBirthdayIn(2026, { month: 2, day: 30, leap: false });
    expect(r).toEqual({ day: '2026-04-16', fallback: 'dayMissing' });
    expect(lunarOf('2026-04-17')).toEqual({ year: 2026, month: 3, day: 1, leap: false });
    // a month with 30 days keeps day 30
    expect(lunarBirthdayIn(2027, { month: 1, day: 30, leap: false }).fallback).toBe('none');
  });

  it('a lunar birthday late in the lunar year falls in January of the next solar year', () => {
    // born 1950-01-20 = lunar 1949 腊月初三: the birthday of lunar year 2025 is on 2026-01-21
    expect(lunarOf('1950-01-20')).toEqual({ year: 1949, month: 12, day: 3, leap: false });
    expect(birthdaysBetween('1950-01-20', true, '2026-01-01', '2026-12-31')).toEqual([{ day: '2026-01-21', age: 76 }]);
    expect(birthdaysBetween('1950-01-20', true, '2026-01-01', '2027-12-31').map((b) => b.day)).toEqual(['2026-01-21', '2027-01-10', '2027-12-30']);
  });

  it('solar birthdays, with 02-29 on 02-28 in a common year, and the age reached', () => {
    expect(birthdaysBetween('1956-06-20', false, '2026-06-01', '2026-06-30')).toEqual([{ day: '2026-06-20', age: 70 }]);
    expect(birthdaysBetween('1956-02-29', false, '2026-01-01', '2026-12-31')).toEqual([{ day: '2026-02-28', age: 70 }]);
    expect(birthdaysBetween('1956-02-29', false, '2028-01-01', '2028-12-31')).toEqual([{ day: '2028-02-29', age: 72 }]);
    expect(birthdaysBetween('1956-06-20', false, '2026-07-01', '2026-06-30')).toEqual([]);
  });

  it('age in full years at a day', () => {
    expect(ageOn('1956-06-20', '2026-06-19')).toBe(69);
    expect(ageOn('1956-06-20', '2026-06-20')).toBe(70);
  });
});
