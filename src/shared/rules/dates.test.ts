import { describe, expect, it } from 'vitest';
import { shanghaiDay } from './dates';

describe('shanghaiDay', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

  it('agrees with the Asia/Shanghai time zone every few hours from 1985 to 2100 (summer time 1986–1991 included)', () => {
    let n = 0;
    for (let t = Date.UTC(1985, 0, 1); t < Date.UTC(2100, 0, 1); t += 7 * 3_600_000 + 1234) {
      const d = new Date(t);
      if (shanghaiDay(d) !== intl.format(d)) expect.fail(`${d.toISOString()}: ${shanghaiDay(d)}, Intl ${intl.format(d)}`);
      n += 1;
    }
    expect(n).toBeGreaterThan(140_000);
  });

  it('turns the day at 16:00 UTC', () => {
    expect(shanghaiDay(new Date('2026-12-04T15:59:59.999Z'))).toBe('2026-12-04');
    expect(shanghaiDay(new Date('2026-12-04T16:00:00.000Z'))).toBe('2026-12-05');
    expect(() => shanghaiDay(new Date('nope'))).toThrow(RangeError);
  });
});
