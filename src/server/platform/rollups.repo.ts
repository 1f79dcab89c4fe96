// Roll-up counts: for every unit, counts of what lies in its subtree, by metric and bucket.
// Writers add deltas for the unit of the record and each of its ancestors, in the same
// transaction, so a dashboard reads a few hundred rows instead of scanning a million.
import { sql } from 'kysely';
import type { Db } from '../db/client';
import type { Tx } from '../db/transaction';
import { powerOfTwoParts, prepared } from '../db/prepared';

export type Bucket = { metric: string; bucket: string };

/** The ids on a materialized path, root first: '/a/b/c/' → ['a','b','c']. */
export function pathUnits(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export class RollupDelta {
  private readonly deltas = new Map<string, number>();
  /** counts `buckets` for the record at `path`, `sign` times (+1 added, −1 removed) */
  add(path: string | null, buckets: readonly Bucket[], sign: 1 | -1): this {
    if (!path) return this;
    for (const unit of pathUnits(path)) {
      for (const b of buckets) {
        const key = `${unit}\u0000${b.metric}\u0000${b.bucket}`;
        this.deltas.set(key, (this.deltas.get(key) ?? 0) + sign);
      }
    }
    return this;
  }
  /** moves a whole subtree's totals from one set of ancestors to another */
  addRows(units: readonly string[], rows: readonly { metric: string; bucket: string; n: number }[], sign: 1 | -1): this {
    for (const unit of units) {
      for (const r of rows) {
        const key = `${unit}\u0000${r.metric}\u0000${r.bucket}`;
        this.deltas.set(key, (this.deltas.get(key) ?? 0) + sign * r.n);
      }
    }
    return this;
  }
  get size(): number {
    return this.deltas.size;
  }
  /** Adds the deltas to the stored rows (addToRollups: in key order). */
  async apply(db: Tx): Promise<void> {
    const rows = [...this.deltas.entries()]
      .filter(([, n]) => n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, n]) => {
        const [unit_id, metric, bucket] = key.split('\u0000');
        return { unit_id, metric, bucket, n };
      });
    await addToRollups(db, rows);
    this.deltas.clear();
  }
}

export type RollupRow = { unit_id: string; metric: string; bucket: string; n: number };
/** Rows a statement, at most; a power of two (see addToRollups). */
const UPSERT_ROWS = 256;
// compiled once per dialect and row count (db/prepared.ts): an import adds ~90,000 rows, and
// building and compiling each statement anew took longer than running it
const upsertRollups = prepared((db, p: { rows: RollupRow[] }) =>
  db
    .insertInto('rollups')
    .values(p.rows)
    .onConflict((oc) => oc.columns(['unit_id', 'metric', 'bucket']).doUpdateSet({ n: sql`rollups.n + excluded.n` })),
  { planOnce: true },
);

/** How many statement shapes addToRollups has compiled for this database's dialect (tests: at most nine). */
export const rollupStatementShapes = (db: Tx | Db): number => upsertRollups.shapesKept(db);

/**
 * Adds `rows` (each key once) to the stored rows. They must come in key order: unit, then metric,
 * then bucket, each in code-unit order (the same on every writer; not locale-dependent), so that
 * two writers moving records in opposite directions (A→B and B→A on the same units) lock the
 * same rows in the same order, and one waits for the other instead of each holding what the other
 * needs (a deadlock on PostgreSQL). Refuses rows out of that order.
 */
export async function addToRollups(db: Tx, rows: readonly RollupRow[]): Promise<void> {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    const c = a.unit_id !== b.unit_id ? (a.unit_id < b.unit_id ? -1 : 1) : a.metric !== b.metric ? (a.metric < b.metric ? -1 : 1) : a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0;
    if (c >= 0) throw new Error(`addToRollups: rows out of key order at ${i}`);
  }
  // in statements of power-of-two sizes: nine shapes in all, so nine compiled statements (on
  // PostgreSQL, nine named statements a connection) whatever the sizes of the writes
  for (const part of powerOfTwoParts(rows, UPSERT_ROWS)) await upsertRollups.all(db, { rows: part });
}

/** A unit's own totals (its whole subtree). Dashboards read these: not a scan of records. */
// read on every list page of a whole range (its total): compiled once per shape (db/prepared.ts)
const rollupRows = prepared((db, p: { unitIds: string[]; metrics?: string[] }) => {
  let q = db.selectFrom('rollups').select(['unit_id', 'metric', 'bucket', 'n']).where('unit_id', 'in', p.unitIds).where('n', '<>', 0);
  if (p.metrics?.length) q = q.where('metric', 'in', p.metrics);
  return q;
}, { planOnce: true });

export async function rollupsOf(db: Db | Tx, unitIds: string[], metrics?: string[]) {
  if (!unitIds.length) return [];
  return rollupRows.all(db, { unitIds, metrics });
}

/** Removes a merged unit's own rows (its totals now live in the unit it was merged into). */
export async function deleteRollupsOf(db: Tx, unitId: string): Promise<void> {
  await db.deleteFrom('rollups').where('unit_id', '=', unitId).execute();
}

/** The units' rows of these metrics and buckets only (a period's months): a handful of rows per unit. */
export async function rollupBucketsOf(db: Db | Tx, unitIds: string[], metrics: string[], buckets: string[]) {
  if (!unitIds.length || !metrics.length || !buckets.length) return [];
  return db
    .selectFrom('rollups')
    .select(['unit_id', 'metric', 'bucket', 'n'])
    .where('unit_id', 'in', unitIds)
    .where('metric', 'in', metrics)
    .where('bucket', 'in', buckets)
    .where('n', '<>', 0)
    .execute();
}
