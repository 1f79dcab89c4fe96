// 覆盖情况 opens on the festival period under way, or else the next one, never on a past one
// (whose visits may never have been owed: a page of zeros).
import { describe, expect, it } from 'vitest';
import { periodsAround } from './coverage-page';

describe('the coverage page’s default period', () => {
  it('between occasions: the next one (Spring Festival 2027 on 4 December 2026, not Martyrs’ Day)', () => {
    const { current, list } = periodsAround('2026-12-04');
    expect(current.key).toBe('springFestival-2027');
    expect(current.from > '2026-12-04').toBe(true);
    expect(list[0]).toEqual(current);
  });

  it('within an occasion’s window: that one', () => {
    expect(periodsAround('2026-08-03').current.key).toBe('armyDay-2026');
    expect(periodsAround('2026-09-28').current.key).toBe('martyrsDay-2026');
    expect(periodsAround('2027-02-10').current.key).toBe('springFestival-2027');
  });

  it('never a period that has ended', () => {
    for (let d = Date.parse('2026-01-01'); d <= Date.parse('2026-12-31'); d += 86_400_000) {
      const today = new Date(d).toISOString().slice(0, 10);
      expect(periodsAround(today).current.to >= today, today).toBe(true);
    }
  });
});
