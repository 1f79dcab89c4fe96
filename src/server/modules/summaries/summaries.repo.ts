// The only place with SQL for the semi-annual summary 半年工作总结. Staff reads take the caller's scope
// first and filter with the jurisdiction guard (a summary is seen in its unit's range: the unit and
// every unit above it); the kernel effects' checks (children accepted, the parent's own summary) run
// unscoped inside the action's transaction, after the kernel checked the actor.
import type { Tx } from '../../db/transaction';
import type { SemiAnnualSummaryTable } from '../../db/types';
import { inScope, pathInScope, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

export type UnitRow = { id: string; path: string; level: string; name: string; parent_id: string | null };

/** A unit's parent or reviewer (for its name; it may lie outside the caller's range). */
export async function unitNameUnscoped(db: Tx, id: string) {
  return db.selectFrom('org_units').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

/** The submit action's reviewer: the unit's parent now (a unit moved since the draft is reviewed by its new parent). */
export async function parentIdUnscoped(db: Tx, unitId: string): Promise<string | null> {
  const r = await db.selectFrom('org_units').select('parent_id').where('id', '=', unitId).executeTakeFirst();
  return r?.parent_id ?? null;
}

/** A summary with its unit, the unit's parent now and the reviewing unit of its case (the parent when last submitted). */
export type SummaryRow = SemiAnnualSummaryTable & { org_unit_name: string; level: string; parent_id: string | null; reviewer_unit_id: string | null };

function summariesQ(db: Tx) {
  return db
    .selectFrom('semi_annual_summaries as s')
    .innerJoin('org_units as u', 'u.id', 's.org_unit_id')
    .innerJoin('cases as c', 'c.id', 's.id')
    .selectAll('s')
    .select(['u.name as org_unit_name', 'u.level', 'u.parent_id', 'c.counterpart_unit_id as reviewer_unit_id']);
}

export async function getSummary(scope: Scope, db: Tx, id: string): Promise<SummaryRow | undefined> {
  return summariesQ(db).where('s.id', '=', id).where(inScope(scope, 's.org_path')).executeTakeFirst();
}

export async function summaryOfUnit(scope: Scope, db: Tx, unitId: string, halfYear: string): Promise<SummaryRow | undefined> {
  return summariesQ(db).where('s.org_unit_id', '=', unitId).where('s.half_year', '=', halfYear).where(inScope(scope, 's.org_path')).executeTakeFirst();
}

/** The unit's children that write summaries (active, not grids), with their summary of the half-year. */
export async function childrenWithSummaries(scope: Scope, db: Tx, unitId: string, halfYear: string) {
  const units = await db
    .selectFrom('org_units')
    .select(['id', 'name', 'level', 'path'])
    .where('parent_id', '=', unitId)
    .where('active', '=', 1)
    .where('level', '!=', 'grid')
    .where(inScope(scope, 'path'))
    .orderBy('code')
    .execute();
  if (!units.length) return [];
  const rows = await summariesQ(db)
    .where('s.org_unit_id', 'in', units.map((u) => u.id))
    .where('s.half_year', '=', halfYear)
    .where(inScope(scope, 's.org_path'))
    .execute();
  const byUnit = new Map(rows.map((r) => [r.org_unit_id, r]));
  return units.map((u) => ({ unit: u, summary: byUnit.get(u.id) ?? null }));
}

export async function insertSummary(scope: Scope, db: Tx, row: Stored<SemiAnnualSummaryTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('summary outside scope');
  await db.insertInto('semi_annual_summaries').values(row).execute();
}

export async function summaryExistsUnscoped(db: Tx, unitId: string, halfYear: string): Promise<boolean> {
  return !!(await db.selectFrom('semi_annual_summaries').select('id').where('org_unit_id', '=', unitId).where('half_year', '=', halfYear).executeTakeFirst());
}

/** Saves the unit's text while the summary is with its owner; false when the row moved on (version, state). */
export async function updateSummaryText(scope: Scope, db: Tx, id: string, editVersion: number, text: { work: string; problems: string; plans: string }, at: string): Promise<boolean> {
  const r = await db
    .updateTable('semi_annual_summaries')
    .set({ ...text, edit_version: editVersion + 1, updated_at: at })
    .where('id', '=', id)
    .where('edit_version', '=', editVersion)
    .where('status', 'in', ['draft', 'returned'])
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The submit action's effect: the figures as counted now, kept with the summary. */
export async function writeFrozenFigures(db: Tx, id: string, figuresJson: string, at: string): Promise<void> {
  const r = await db.updateTable('semi_annual_summaries').set({ figures_json: figuresJson, figures_at: at }).where('id', '=', id).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Error(`summary ${id} not found`);
}

/** The accept action's check: each child that writes a summary, with its summary's status of the half-year (null: none). */
export async function childrenStandingUnscoped(db: Tx, unitId: string, halfYear: string): Promise<{ id: string; name: string; status: string | null }[]> {
  const rows = await db
    .selectFrom('org_units as u')
    .leftJoin('semi_annual_summaries as s', (j) => j.onRef('s.org_unit_id', '=', 'u.id').on('s.half_year', '=', halfYear))
    .select(['u.id', 'u.name', 's.status'])
    .where('u.parent_id', '=', unitId)
    .where('u.active', '=', 1)
    .where('u.level', '!=', 'grid')
    .orderBy('u.code')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status ?? null }));
}

/** The reopen action's check: the status of the reviewing unit's own summary of the half-year. */
export async function ownSummaryStatusUnscoped(db: Tx, unitId: string, halfYear: string): Promise<string | null> {
  const r = await db.selectFrom('semi_annual_summaries').select('status').where('org_unit_id', '=', unitId).where('half_year', '=', halfYear).executeTakeFirst();
  return r?.status ?? null;
}

/** The database refused a row because of a unique constraint (two drafts of one unit and half-year at once). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
