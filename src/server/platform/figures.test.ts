import { describe, expect, it } from 'vitest';
import { defineFigure, figureDef, ratioOf, realDay } from './figures';

describe('figure registry', () => {
  it("turns a period's '-31' end into the month's real last day (timestamp columns on PostgreSQL refuse 06-31)", () => {
    expect(['2026-06-31', '2026-02-31', '2028-02-31', '2026-12-31', '2026-06-15'].map(realDay)).toEqual(['2026-06-30', '2026-02-28', '2028-02-29', '2026-12-31', '2026-06-15']);
  });
  it('rates in percent with one decimal, none without a denominator; keys are <module>.<name> and defined once', () => {
    expect([ratioOf(1, 3), ratioOf(2, 2), ratioOf(0, 0)]).toEqual([33.3, 100, null]);
    expect(() => defineFigure({ key: 'Bad key', module: 'x', label: '坏', formula: '无', unit: 'count', kind: 'flow', compute: async () => 0 })).toThrow(/<module>.<name>/);
    const def = defineFigure({ key: 'figtest.one', module: 'figtest', label: '测试', formula: '无', unit: 'count', kind: 'flow', compute: async () => 1 });
    expect(figureDef('figtest.one')).toBe(def);
    expect(() => defineFigure({ ...def, compute: async () => 2 })).toThrow(/defined twice/);
  });
});
