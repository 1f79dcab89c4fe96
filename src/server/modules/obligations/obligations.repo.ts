// The only place with SQL for obligations 工作制度 and ledgers' responsible persons. A definition of
// Chapter 2 has no unit (it applies everywhere); a county's (or township's) own applies to the units
// of its range and is seen by its range, by the units below it and by the ranges above it. A record
// is its owing unit's: seen by the unit's range (the upper levels), written by the unit itself.
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { FileTable, LedgerResponsibleTable, ObligationDefTable, ObligationRecordTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, pathWithinColumn, rangeHolds, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

export { unitInScope } from '../../platform/scope-units.repo';

export const OBLIGATION_FILE_OWNER = 'obligation';

type Q = Db | Tx;

// ---- definitions ----

export type DefRow = ObligationDefTable & { org_unit_name: string | null };

function defsQ(db: Q) {
  return db.selectFrom('obligation_defs as d').leftJoin('org_units as du', 'du.id', 'd.org_unit_id').selectAll('d').select('du.name as org_unit_name');
}

/**
 * The definitions a caller at `scope` may see: the defaults, a unit's own in the caller's range, and
 * those declared above the caller whose range holds the caller's unit and that the caller's level or
 * the levels below it owe (`belowLevels`: a village does not see what its township declared for itself).
 */
export async function visibleDefs(scope: Scope, db: Q, belowLevels: readonly string[], opts: { activeOnly?: boolean } = {}): Promise<DefRow[]> {
  let q = defsQ(db).where((eb) => eb.or([eb('d.org_path', 'is', null), inScope(scope, 'd.org_path'), eb.and([rangeHolds('d.org_path', scope.path), eb('d.level', 'in', [...belowLevels])])]));
  if (opts.activeOnly) q = q.where('d.active', '=', 1);
  return q.orderBy('d.org_path').orderBy('d.code').execute();
}

export async function defVisible(scope: Scope, db: Q, id: string, belowLevels: readonly string[]): Promise<DefRow | undefined> {
  return defsQ(db)
    .where('d.id', '=', id)
    .where((eb) => eb.or([eb('d.org_path', 'is', null), inScope(scope, 'd.org_path'), eb.and([rangeHolds('d.org_path', scope.path), eb('d.level', 'in', [...belowLevels])])]))
    .executeTakeFirst();
}

/** The active definitions owed by a unit at `level` with path `unitPath` (the defaults and those of the ranges holding it). */
export async function defsOwedBy(db: Q, level: string, unitPath: string): Promise<DefRow[]> {
  return defsQ(db)
    .where('d.active', '=', 1)
    .where('d.level', '=', level)
    .where((eb) => eb.or([eb('d.org_path', 'is', null), rangeHolds('d.org_path', unitPath)]))
    .orderBy('d.code')
    .execute();
}

/** Active definitions that apply somewhere in a subtree (figures, ledgers): the defaults, those above it and those within it. */
export async function defsUnder(db: Q, path: string): Promise<DefRow[]> {
  return defsQ(db)
    .where('d.active', '=', 1)
    .where((eb) => eb.or([eb('d.org_path', 'is', null), rangeHolds('d.org_path', path), pathWithin('d.org_path', path)]))
    .execute();
}

export async function insertDef(scope: Scope, db: Tx, row: Stored<ObligationDefTable>): Promise<void> {
  if (!row.org_path || !pathInScope(scope, row.org_path)) throw new Error('obligation definition outside scope');
  await db.insertInto('obligation_defs').values(row).execute();
}

export async function updateDef(scope: Scope, db: Tx, id: string, version: number, patch: Partial<ObligationDefTable>): Promise<number> {
  const r = await db
    .updateTable('obligation_defs')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('org_path', 'is not', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---- records ----

export type RecordRow = ObligationRecordTable & { org_unit_name: string; def_name: string; record_kind: string };

function recordsQ(db: Q) {
  return db
    .selectFrom('obligation_records as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .innerJoin('obligation_defs as d', 'd.id', 'r.def_id')
    .selectAll('r')
    .select(['u.name as org_unit_name', 'd.name as def_name', 'd.record_kind']);
}

export async function recordInScope(scope: Scope, db: Q, id: string): Promise<RecordRow | undefined> {
  return recordsQ(db).where('r.id', '=', id).where(inScope(scope, 'r.org_path')).executeTakeFirst();
}

/** A unit's records of these definitions and periods (the unit is in the caller's range). */
export async function recordsOfUnit(scope: Scope, db: Q, unitId: string, defIds: readonly string[], periods: readonly string[]): Promise<ObligationRecordTable[]> {
  if (!defIds.length || !periods.length) return [];
  return db
    .selectFrom('obligation_records')
    .selectAll()
    .where('org_unit_id', '=', unitId)
    .where('def_id', 'in', [...defIds])
    .where('period', 'in', [...periods])
    .where(inScope(scope, 'org_path'))
    .execute();
}

export type RecordFilter = { unitPath?: string; defId?: string; period?: string; from?: string; to?: string };

function filtered(scope: Scope, db: Q, f: RecordFilter) {
  let q = recordsQ(db).where(inScope(scope, 'r.org_path'));
  if (f.unitPath) q = q.where(pathWithin('r.org_path', f.unitPath));
  if (f.defId) q = q.where('r.def_id', '=', f.defId);
  if (f.period) q = q.where('r.period', '=', f.period);
  if (f.from) q = q.where('r.held_on', '>=', f.from);
  if (f.to) q = q.where('r.held_on', '<=', f.to);
  return q;
}

export async function listRecords(scope: Scope, db: Q, f: RecordFilter, page: number, pageSize: number) {
  const q = filtered(scope, db, f);
  const [rows, count] = await Promise.all([
    q.orderBy('r.period_end', 'desc').orderBy('r.held_on', 'desc').orderBy('r.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    cappedCount(db, q.clearSelect().select('r.id')),
  ]);
  return { rows, ...count };
}

/** The ledger's rows in held-on order, a chunk after `after`. */
export async function recordChunk(scope: Scope, db: Q, f: RecordFilter, after: { day: string; id: string } | null, limit: number): Promise<RecordRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('r.held_on', '>', after.day), eb.and([eb('r.held_on', '=', after.day), eb('r.id', '>', after.id)])]));
  return q.orderBy('r.held_on').orderBy('r.id').limit(limit).execute();
}

export async function insertRecord(scope: Scope, db: Tx, row: Stored<ObligationRecordTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('obligation record outside scope');
  await db.insertInto('obligation_records').values(row).execute();
}

// ---- records written by other modules' events (no caller scope: the event names the unit) ----

/** A unit's record of one definition and period, whatever the caller (the event subscribers). */
export async function recordOfUnitUnscoped(db: Tx, defId: string, unitId: string, period: string): Promise<ObligationRecordTable | undefined> {
  return db.selectFrom('obligation_records').selectAll().where('def_id', '=', defId).where('org_unit_id', '=', unitId).where('period', '=', period).executeTakeFirst();
}

/** Records a period for the unit an event names (its path read under the tree lock: `Stored`). */
export async function insertRecordUnscoped(db: Tx, row: Stored<ObligationRecordTable>): Promise<void> {
  await db.insertInto('obligation_records').values(row).execute();
}

/** Appends to a record's text columns (a further review of the month), bumping its version. */
export async function appendToRecordUnscoped(db: Tx, id: string, version: number, patch: Pick<ObligationRecordTable, 'topics' | 'decisions' | 'updated_at'>): Promise<number> {
  const r = await db.updateTable('obligation_records').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function updateRecord(scope: Scope, db: Tx, id: string, version: number, patch: Partial<ObligationRecordTable>): Promise<number> {
  const r = await db
    .updateTable('obligation_records')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertFileRow(scope: Scope, db: Tx, row: Stored<FileTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('obligation file outside scope');
  await db.insertInto('files').values(row).execute();
}

export async function recordFilesOf(scope: Scope, db: Q, recordId: string) {
  return db
    .selectFrom('files')
    .select(['id', 'owner_id', 'name', 'mime', 'size', 'created_at'])
    .where('owner_type', '=', OBLIGATION_FILE_OWNER)
    .where('owner_id', '=', recordId)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function recordFileOf(scope: Scope, db: Q, recordId: string, fileId: string) {
  return db.selectFrom('files').selectAll().where('owner_type', '=', OBLIGATION_FILE_OWNER).where('owner_id', '=', recordId).where('id', '=', fileId).where(inScope(scope, 'org_path')).executeTakeFirst();
}

// ---- reporting rate ----

/**
 * One grouped query: for each group unit (the children of a unit, or the unit itself when it owes
 * the obligation), the owing units in its subtree and how many recorded the period on time or late.
 * `groups` picks the group units: `{ parentId }` or `{ unitId }`.
 */
export async function reportingGroups(
  db: Q,
  groups: { parentId: string } | { unitId: string },
  def: { id: string; level: string; org_path: string | null },
  period: string,
): Promise<{ group_id: string; expected: number; on_time: number; late: number; record_id: string | null; recorded_on: string | null }[]> {
  let q = db
    .selectFrom('org_units as c')
    .innerJoin('org_units as u', (j) => j.on(pathWithinColumn('u.path', 'c.path')))
    .leftJoin('obligation_records as r', (j) => j.onRef('r.org_unit_id', '=', 'u.id').on('r.def_id', '=', def.id).on('r.period', '=', period))
    .select((eb) => [
      'c.id as group_id',
      eb.fn.countAll<number>().as('expected'),
      eb.fn.sum<number>(sql`case when r.on_time = 1 then 1 else 0 end`).as('on_time'),
      eb.fn.sum<number>(sql`case when r.on_time = 0 then 1 else 0 end`).as('late'),
      eb.fn.max('r.id').as('record_id'),
      eb.fn.max('r.recorded_on').as('recorded_on'),
    ])
    .where('c.active', '=', 1)
    .where('u.active', '=', 1)
    .where('u.level', '=', def.level);
  q = 'parentId' in groups ? q.where('c.parent_id', '=', groups.parentId) : q.where('c.id', '=', groups.unitId);
  if (def.org_path) q = q.where(pathWithin('u.path', def.org_path));
  const rows = await q.groupBy('c.id').execute();
  return rows.map((r) => ({ group_id: r.group_id, expected: Number(r.expected), on_time: Number(r.on_time ?? 0), late: Number(r.late ?? 0), record_id: r.record_id ?? null, recorded_on: r.recorded_on ?? null }));
}

/** The owing units of a level under a group of units, with the group each belongs to (the dispute summary, read from disputes). */
export async function owingUnitsByGroup(db: Q, groups: { parentId: string } | { unitId: string }, level: string, defPath: string | null): Promise<{ group_id: string; unit_id: string }[]> {
  let q = db
    .selectFrom('org_units as c')
    .innerJoin('org_units as u', (j) => j.on(pathWithinColumn('u.path', 'c.path')))
    .select(['c.id as group_id', 'u.id as unit_id'])
    .where('c.active', '=', 1)
    .where('u.active', '=', 1)
    .where('u.level', '=', level);
  q = 'parentId' in groups ? q.where('c.parent_id', '=', groups.parentId) : q.where('c.id', '=', groups.unitId);
  if (defPath) q = q.where(pathWithin('u.path', defPath));
  return q.execute();
}

export async function childUnitsOf(db: Q, parentId: string) {
  return db.selectFrom('org_units').select(['id', 'name', 'level', 'code']).where('parent_id', '=', parentId).where('active', '=', 1).orderBy('code').execute();
}

// ---- figures ----

/** Active units of a level in a subtree (and within a definition's range when it has one). */
export async function countUnits(db: Q, path: string, level: string, defPath: string | null): Promise<number> {
  let q = db.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1).where('level', '=', level).where(pathWithin('path', path));
  if (defPath) q = q.where(pathWithin('path', defPath));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function unitIdsOfLevel(db: Q, path: string, level: string, defPath: string | null): Promise<string[]> {
  let q = db.selectFrom('org_units').select('id').where('active', '=', 1).where('level', '=', level).where(pathWithin('path', path));
  if (defPath) q = q.where(pathWithin('path', defPath));
  return (await q.execute()).map((r) => r.id);
}

/** Records of active definitions whose period ended within [from, to] in a subtree, by on time / late. */
export async function countRecords(db: Q, path: string, from: string, to: string, onTime: 0 | 1): Promise<number> {
  const r = await db
    .selectFrom('obligation_records as r')
    .innerJoin('obligation_defs as d', 'd.id', 'r.def_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.active', '=', 1)
    .where('r.on_time', '=', onTime)
    .where('r.period_end', '>=', from)
    .where('r.period_end', '<=', to)
    .where(pathWithin('r.org_path', path))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- ledgers' responsible persons ----

export async function responsiblesOf(scope: Scope, db: Q, unitId: string): Promise<LedgerResponsibleTable[]> {
  return db.selectFrom('ledger_responsibles').selectAll().where('org_unit_id', '=', unitId).where(inScope(scope, 'org_path')).execute();
}

/** One ledger's person at a unit in scope (the line on the ledger's list page). */
export async function responsibleOf(scope: Scope, db: Q, unitId: string, ledger: string): Promise<LedgerResponsibleTable | undefined> {
  return db.selectFrom('ledger_responsibles').selectAll().where('org_unit_id', '=', unitId).where('ledger', '=', ledger).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export async function insertResponsible(scope: Scope, db: Tx, row: Stored<LedgerResponsibleTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('ledger responsible outside scope');
  await db.insertInto('ledger_responsibles').values(row).execute();
}

export async function updateResponsible(scope: Scope, db: Tx, unitId: string, ledger: string, version: number, patch: Pick<LedgerResponsibleTable, 'person_name' | 'phone' | 'set_by' | 'set_by_name' | 'set_at'>): Promise<number> {
  const r = await db
    .updateTable('ledger_responsibles')
    .set({ ...patch, version: version + 1 })
    .where('org_unit_id', '=', unitId)
    .where('ledger', '=', ledger)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
