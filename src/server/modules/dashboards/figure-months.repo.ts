// Monthly figure rows (migration 0050): a flow figure's value for a unit's subtree and one month,
// written by the dashboards' job for units down to the township. Read by unit ids the caller has
// already found in the reader's range (the jurisdiction guard), a few thousand rows at most.
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';

/** The levels whose units get monthly rows (those below are counted live: their ranges are small). */
export const SNAPSHOT_LEVELS = ['province', 'city', 'county', 'township'] as const;

export async function figureMonthsOf(db: Db | Tx, unitIds: string[], months: string[], figures: string[]) {
  if (!unitIds.length || !months.length || !figures.length) return [];
  return db
    .selectFrom('figure_months')
    .select(['unit_id', 'figure', 'month', 'value', 'computed_at'])
    .where('unit_id', 'in', unitIds)
    .where('month', 'in', months)
    .where('figure', 'in', figures)
    .execute();
}

/** The last change to the org tree (a move or merge makes older monthly rows of the ancestors wrong). */
export async function orgTreeChangedAt(db: Db | Tx): Promise<string | null> {
  const r = await db.selectFrom('org_units').select(sql<string | null>`max(updated_at)`.as('at')).executeTakeFirst();
  return r?.at ? new Date(r.at).toISOString() : null;
}

/** Active units of the snapshot levels, with their paths (the job's list; unscoped: a system job). */
export async function snapshotUnitsUnscoped(db: Db | Tx) {
  return db
    .selectFrom('org_units')
    .select(['id', 'path', 'level'])
    .where('active', '=', 1)
    .where('level', 'in', [...SNAPSHOT_LEVELS])
    .orderBy('depth')
    .orderBy('id')
    .execute();
}

/** Writes one unit's months (all-or-nothing per unit). */
export async function putFigureMonths(db: Tx, rows: { unit_id: string; figure: string; month: string; value: number; computed_at: string }[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('figure_months')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['unit_id', 'month', 'figure']).doUpdateSet({ value: sql`excluded.value`, computed_at: sql`excluded.computed_at` }))
      .execute();
  }
}

/** Months already written for a unit. */
export async function monthsWrittenUnscoped(db: Db | Tx, unitId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('figure_months').select('month').distinct().where('unit_id', '=', unitId).execute();
  return new Set(rows.map((r) => r.month));
}
