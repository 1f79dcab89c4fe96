import { describe, expect, it } from 'vitest';
import { armyDay, festivalDay, festivalsWithin, martyrsDay, nextFestivalDay, springFestival } from './festivals';

describe('festival days', () => {
  it('finds Spring Festival by the lunar calendar', () => {
    expect(springFestival(2025)).toBe('2025-01-29');
    expect(springFestival(2026)).toBe('2026-02-17');
    expect(springFestival(2027)).toBe('2027-02-06');
    expect(springFestival(2028)).toBe('2028-01-26');
  });

  it('puts Army Day on 8-1 and Martyrs\u2019 Day on 9-30', () => {
    expect(armyDay(2026)).toBe('2026-08-01');
    expect(martyrsDay(2026)).toBe('2026-09-30');
    expect(festivalDay('armyDay', 2030)).toBe('2030-08-01');
    expect(festivalDay('springFestival', 2030)).toBe(springFestival(2030));
  });

  it('refuses years the lunar table does not cover', () => {
    expect(() => springFestival(1800)).toThrow(RangeError);
    expect(() => armyDay(2026.5)).toThrow(RangeError);
  });

  it('gives the next day on or after today, across the turn of the year', () => {
    expect(nextFestivalDay('armyDay', '2026-08-01')).toBe('2026-08-01');
    expect(nextFestivalDay('armyDay', '2026-08-02')).toBe('2027-08-01');
    expect(nextFestivalDay('springFestival', '2026-01-10')).toBe('2026-02-17');
    expect(nextFestivalDay('springFestival', '2026-02-18')).toBe('2027-02-06');
    expect(nextFestivalDay('springFestival', '2027-12-31')).toBe('2028-01-26');
    expect(() => nextFestivalDay('armyDay', '2026-02-30')).toThrow(RangeError);
  });

  it('lists the festivals within a window, the festival day counting as 0 days left', () => {
    const both = ['armyDay', 'springFestival'] as const;
    expect(festivalsWithin('2026-07-02', both, 30)).toEqual([{ key: 'armyDay', label: '八一建军节', day: '2026-08-01', daysLeft: 30 }]);
    expect(festivalsWithin('2026-07-01', both, 30)).toEqual([]);
    expect(festivalsWithin('2026-08-01', both, 30).map((f) => f.daysLeft)).toEqual([0]);
    expect(festivalsWithin('2026-08-02', both, 30)).toEqual([]);
    // Spring Festival 2027 is 2027-02-06: the window opens on 2027-01-07
    expect(festivalsWithin('2027-01-06', both, 30)).toEqual([]);
    expect(festivalsWithin('2027-01-07', both, 30)).toEqual([{ key: 'springFestival', label: '春节', day: '2027-02-06', daysLeft: 30 }]);
    expect(festivalsWithin('2026-12-31', both, 60).map((f) => f.day)).toEqual(['2027-02-06']);
    expect(festivalsWithin('2026-09-01', ['martyrsDay', 'armyDay'], 400).map((f) => f.key)).toEqual(['martyrsDay', 'armyDay']);
    expect(() => festivalsWithin('2026-09-01', both, -1)).toThrow(RangeError);
  });
});
