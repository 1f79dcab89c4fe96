// Figures 指标: each module registers the numbers it can give about a period and a range (a unit's
// subtree), with a Chinese name and its formula written out. The semi-annual summary, the evaluation
// indicators and the dashboards read figures only through this registry (issue 16); a module that
// lands later adds its own in `<module>.figures.ts`, imported by its index.ts.
import type { Db } from '../db/client';
import type { Tx } from '../db/transaction';

/** Where and when a figure is asked for: the unit's subtree (its materialized path) and whole days. */
export type FigureQuery = {
  /** materialized path of the unit whose subtree is counted ('/a/b/') */
  path: string;
  /** first day, 'YYYY-MM-DD' */
  from: string;
  /** last day, 'YYYY-MM-DD', inclusive */
  to: string;
};

export type FigureUnit = 'count' | 'percent' | 'fen' | 'days';

type FigureBase = {
  /** stable key, '<module>.<name>' ('visits.done') */
  key: string;
  /** the module that owns the figure */
  module: string;
  /** Chinese name shown to users ('走访完成数') */
  label: string;
  /** the formula in words, shown beside the number ('期间内记录的走访（含现场、电话）次数') */
  formula: string;
  unit: FigureUnit;
  /** 'stock': a count at the end of the period (people registered); 'flow': what happened within it */
  kind: 'stock' | 'flow';
};

/**
 * A figure counted by a query over the range and period. null: there is nothing to give (a stock
 * that does not exist yet, e.g. a unit never evaluated has no score: not a score of 0); a flow
 * always counts a number.
 */
export type CountedFigure = FigureBase & {
  compute: (db: Db | Tx, q: FigureQuery) => Promise<number | null>;
};

/** A rate: numerator / denominator × 100 of two other figures (null when the denominator is 0). */
export type RatioFigure = FigureBase & {
  unit: 'percent';
  numerator: string;
  denominator: string;
};

export type FigureDef = CountedFigure | RatioFigure;

const registry = new Map<string, FigureDef>();

export function defineFigure<F extends FigureDef>(def: F): F {
  if (!/^[a-z][a-zA-Z-]*\.[a-zA-Z][a-zA-Z0-9]*$/.test(def.key)) throw new Error(`figure key ${def.key}: '<module>.<name>'`);
  const known = registry.get(def.key);
  if (known && known !== def) throw new Error(`figure ${def.key} defined twice`);
  registry.set(def.key, def);
  return def;
}

/** Every registered figure, in registration order. */
export function figureDefs(): FigureDef[] {
  return [...registry.values()];
}

export function figureDef(key: string): FigureDef | undefined {
  return registry.get(key);
}

export function isRatio(def: FigureDef): def is RatioFigure {
  return 'numerator' in def;
}

/** '2026-06-31' → '2026-06-30': the month's last day when the day is past it. */
export function realDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > last ? `${day.slice(0, 8)}${String(last).padStart(2, '0')}` : day;
}

/** A rate in percent with one decimal, or null without a denominator. */
export function ratioOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null;
}

/**
 * The values of the given figures (all when `keys` is omitted) for one range and period. A ratio
 * computes its two parts (once each, however many ratios share them). Unknown keys are an error:
 * callers validate keys against `figureDefs()` first.
 */
export async function computeFigures(db: Db | Tx, asked: FigureQuery, keys?: readonly string[]): Promise<Record<string, number | null>> {
  // a period's last day comes as '-31' for every month (periods.ts): a real day for timestamp columns
  const q = { ...asked, to: realDay(asked.to) };
  const wanted = keys ? keys.map((k) => {
    const d = registry.get(k);
    if (!d) throw new Error(`unknown figure ${k}`);
    return d;
  }) : figureDefs();
  const counted = new Map<string, Promise<number | null>>();
  const count = (key: string): Promise<number | null> => {
    let p = counted.get(key);
    if (!p) {
      const d = registry.get(key);
      if (!d || isRatio(d)) throw new Error(`figure ${key} is not a counted figure`);
      p = d.compute(db, q);
      counted.set(key, p);
    }
    return p;
  };
  const out: Record<string, number | null> = {};
  // sequential: a transaction (SQLite or one PostgreSQL connection) runs one query at a time anyway
  for (const d of wanted) {
    out[d.key] = isRatio(d) ? ratioOf((await count(d.numerator)) ?? 0, (await count(d.denominator)) ?? 0) : await count(d.key);
  }
  return out;
}
