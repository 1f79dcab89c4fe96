import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('ids made in one millisecond sort in the order they were made, and never repeat', () => {
    const now = Date.UTC(2026, 5, 14, 9, 30);
    const ids = Array.from({ length: 5000 }, () => newId(now));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => /^[0-9a-hjkmnp-tv-z]{20}$/.test(id))).toBe(true);
  });

  it('a later millisecond sorts after an earlier one, and the first id of a millisecond is random', () => {
    const a = newId(1_000_000);
    const b = newId(1_000_001);
    const c = newId(1_000_002);
    expect(a < b && b < c).toBe(true);
    const tails = new Set(Array.from({ length: 50 }, (_, n) => newId(2_000_000 + n * 2).slice(10)));
    expect(tails.size).toBeGreaterThan(45);
  });
});
