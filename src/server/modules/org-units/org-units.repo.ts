// The only place with SQL for org units. Every exported function that serves a signed-in
// request takes the caller's scope first; the import functions take systemDb.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, DialectName } from '../../db/client';
import type { SystemDb } from '../../db/system';
import type { Tx } from '../../db/transaction';
import type { OrgUnitTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { RollupDelta, deleteRollupsOf, pathUnits, rollupsOf } from '../../platform/rollups.repo';
import { inScope, listScopedTables, pathWithin, type Scope } from '../../platform/jurisdiction';

/** `column` contains `text` literally (LIKE wildcards escaped, the same on both dialects). */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const like = `%${text.replace(/[%_\\]/g, (m) => '\\' + m)}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${like} escape '\\'`;
}

export type OrgUnitRow = OrgUnitTable & { child_count: number };

function withChildCount(db: Tx) {
  return db
    .selectFrom('org_units')
    .selectAll('org_units')
    .select((eb) =>
      eb
        .selectFrom('org_units as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'org_units.id')
        .where('c.active', '=', 1)
        .as('child_count'),
    );
}

export async function getUnit(scope: Scope, db: Tx, id: string): Promise<OrgUnitRow | undefined> {
  const row = await withChildCount(db)
    .where('org_units.id', '=', id)
    .where('org_units.active', '=', 1)
    .where(inScope(scope, 'org_units.path'))
    .executeTakeFirst();
  return row ? { ...row, child_count: Number(row.child_count ?? 0) } : undefined;
}

export type UnitListFilter = { parentId?: string; level?: string; q?: string; page: number; pageSize: number };

export async function listUnits(scope: Scope, db: Db, f: UnitListFilter) {
  let q = withChildCount(db).where('org_units.active', '=', 1).where(inScope(scope, 'org_units.path'));
  if (f.parentId) q = q.where('org_units.parent_id', '=', f.parentId);
  if (f.level) q = q.where('org_units.level', '=', f.level);
  if (f.q) {
    const byName = containsText('org_units.name', f.q);
    // digits also search the code by prefix; a query without digits must not match every code
    q = /^\d+$/.test(f.q) ? q.where((eb) => eb.or([byName, eb('org_units.code', 'like', `${f.q}%`)])) : q.where(byName);
  }
  if (!f.parentId && !f.q && !f.level) q = q.where('org_units.id', '=', scope.orgUnitId);
  const items = await q
    .orderBy('org_units.code')
    .orderBy('org_units.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: items.map((r) => ({ ...r, child_count: Number(r.child_count ?? 0) })), ...(await cappedCount(db, q)) };
}

export async function codeInUseUnscoped(db: SystemDb | Tx, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_units')
    .select('id')
    .where('code', '=', code)
    .where('active', '=', 1)
    .executeTakeFirst();
  return !!row;
}

/**
 * Reads a unit inside the caller's range and serialises the creation of its children until the
 * transaction ends (PostgreSQL locks its row), so two parallel requests cannot take the same next
 * grid number or code.
 */
export async function lockUnitForChildren(scope: Scope, db: Tx, id: string, dialect: DialectName): Promise<OrgUnitRow | undefined> {
  if (dialect === 'postgres') {
    const locked = await db.selectFrom('org_units').select('id').where('id', '=', id).where('active', '=', 1).where(inScope(scope, 'path')).forUpdate().executeTakeFirst();
    if (!locked) return undefined;
  }
  return getUnit(scope, db, id);
}

export async function nextGridCode(scope: Scope, db: Tx, village: { id: string; code: string }): Promise<string | null> {
  const row = await db
    .selectFrom('org_units')
    .select((eb) => eb.fn.max('code').as('max'))
    // every grid code ever given under this village code, wherever the grid is now (moved or merged)
    .where('level', '=', 'grid')
    .where('code', '>=', `${village.code}000`)
    .where('code', '<=', `${village.code}999`)
    .executeTakeFirst();
  const max = row?.max ? Number(String(row.max).slice(-3)) : 0;
  if (max >= 999) return null;
  return village.code + String(max + 1).padStart(3, '0');
}

/** A unit as written by its creator: its key path is given here (unit keys, 0060). */
export type NewOrgUnit = Omit<OrgUnitTable, 'key_path'>;

/**
 * The next `n` unit codes (base 36) from the one counter; its row lock serialises concurrent
 * creators on PostgreSQL, and a code is never given twice (a merged unit keeps its own).
 */
async function takeUnitCodes(db: SystemDb | Tx, n: number): Promise<string[]> {
  const r = await db
    .updateTable('org_unit_key_counter')
    .set({ last: sql<number>`last + ${n}` })
    .where('id', '=', 1)
    .returning('last')
    .executeTakeFirstOrThrow();
  const first = Number(r.last) - n + 1;
  return Array.from({ length: n }, (_, i) => (first + i).toString(36));
}

/** The unit's own code: the last segment of its key path. */
function ownCode(keyPath: string): string {
  return keyPath.slice(keyPath.lastIndexOf('/', keyPath.length - 2) + 1, -1);
}

export async function insertUnit(scope: Scope, db: Tx, row: NewOrgUnit): Promise<void> {
  // the parent must be inside the caller's range; the service checked it, the guard checks again
  const parent = row.parent_id
    ? await db.selectFrom('org_units').select(['id', 'key_path']).where('id', '=', row.parent_id).where(inScope(scope, 'path')).executeTakeFirst()
    : undefined;
  if (!parent) throw new Error('parent outside scope');
  const [code] = await takeUnitCodes(db, 1);
  await db.insertInto('org_units').values({ ...row, key_path: `${parent.key_path}${code}/` }).execute();
}

export async function updateUnit(
  scope: Scope,
  db: Tx,
  id: string,
  patch: Partial<Pick<OrgUnitTable, 'name' | 'address' | 'phone' | 'office_hours' | 'head_name' | 'updated_at'>>,
): Promise<number> {
  const r = await db
    .updateTable('org_units')
    .set(patch)
    .where('id', '=', id)
    .where('active', '=', 1)
    .where(inScope(scope, 'path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A unit's roll-up totals leave its old ancestors and join its new ones. */
async function shiftRollups(db: Tx, unitId: string, oldPath: string, newAncestorsPath: string) {
  const own = await rollupsOf(db, [unitId]);
  if (!own.length) return;
  await new RollupDelta()
    .addRows(pathUnits(oldPath).filter((u) => u !== unitId), own, -1)
    .addRows(pathUnits(newAncestorsPath), own, 1)
    .apply(db);
}

/** A path prefix and the matching key-path prefix (unit keys, 0060), before or after a move. */
type Prefixes = { path: string; key: string };

async function keyPathOf(db: Tx, unitId: string): Promise<string> {
  return (await db.selectFrom('org_units').select('key_path').where('id', '=', unitId).executeTakeFirstOrThrow()).key_path;
}

/** Rewrites every copied path (and key path) under `from` to start with `to`, in every scoped table. */
async function rewritePaths(db: Tx, from: Prefixes, to: Prefixes, exceptUnitId?: string) {
  const cut = from.path.length + 1;
  const keyCut = from.key.length + 1;
  const depthDelta = to.path.split('/').length - from.path.split('/').length;
  let q = db
    .updateTable('org_units')
    .set({
      path: sql`cast(${to.path} as text) || substr(path, cast(${cut} as integer))`,
      key_path: sql`cast(${to.key} as text) || substr(key_path, cast(${keyCut} as integer))`,
      depth: sql`depth + cast(${depthDelta} as integer)`,
    })
    .where(pathWithin('path', from.path));
  if (exceptUnitId) q = q.where('id', '<>', exceptUnitId);
  await q.execute();
  for (const t of listScopedTables()) {
    const col = sql.ref(t.pathColumn);
    const [old, now, at] = t.keyPath ? [from.key, to.key, keyCut] : [from.path, to.path, cut];
    await sql`update ${sql.table(t.table)}
      set ${col} = cast(${now} as text) || substr(${col}, cast(${at} as integer))
      where ${pathWithin(t.pathColumn, old)}`.execute(db);
  }
}

/** The prefixes of `unit` now and once it is under `parent`. */
async function movedPrefixes(db: Tx, unit: { id: string; path: string }, parent: { id: string; path: string }): Promise<[Prefixes, Prefixes]> {
  const key = await keyPathOf(db, unit.id);
  return [
    { path: unit.path, key },
    { path: `${parent.path}${unit.id}/`, key: `${await keyPathOf(db, parent.id)}${ownCode(key)}/` },
  ];
}

/** Moves a unit and everything under it (units, records, grants) below a new parent. */
export async function moveSubtree(scope: Scope, db: Tx, unit: { id: string; path: string }, newParent: { id: string; path: string }, at: string) {
  const check = await db
    .selectFrom('org_units')
    .select('id')
    .where('id', 'in', [unit.id, newParent.id])
    .where(inScope(scope, 'path'))
    .execute();
  if (check.length !== 2) throw new Error('move outside scope');
  const [from, to] = await movedPrefixes(db, unit, newParent);
  await db.updateTable('org_units').set({ parent_id: newParent.id, updated_at: at }).where('id', '=', unit.id).execute();
  await rewritePaths(db, from, to);
  await shiftRollups(db, unit.id, unit.path, newParent.path);
  return to.path;
}

/** Merges `from` into `into`: its children, records and grants move; `from` stays inactive. */
export async function mergeUnits(scope: Scope, db: Tx, from: { id: string; path: string }, into: { id: string; path: string }, at: string) {
  const check = await db
    .selectFrom('org_units')
    .select('id')
    .where('id', 'in', [from.id, into.id])
    .where(inScope(scope, 'path'))
    .execute();
  if (check.length !== 2) throw new Error('merge outside scope');
  await db
    .updateTable('org_units')
    .set({ parent_id: into.id, updated_at: at })
    .where('parent_id', '=', from.id)
    .execute();
  await rewritePaths(db, { path: from.path, key: await keyPathOf(db, from.id) }, { path: into.path, key: await keyPathOf(db, into.id) }, from.id);
  // the merged unit's totals now count under the target (and the target's ancestors)
  await shiftRollups(db, from.id, from.path, into.path);
  await deleteRollupsOf(db, from.id);
  for (const t of listScopedTables()) {
    if (!t.unitColumn) continue;
    await sql`update ${sql.table(t.table)} set ${sql.ref(t.unitColumn)} = ${into.id}
      where ${sql.ref(t.unitColumn)} = ${from.id}`.execute(db);
  }
  await db
    .updateTable('org_units')
    .set({ active: 0, merged_into: into.id, updated_at: at })
    .where('id', '=', from.id)
    .execute();
}

// ---- import (systemDb): the division CLI and the demo seed ----

export async function findUnitByCodeUnscoped(db: SystemDb | Tx, code: string) {
  return db.selectFrom('org_units').selectAll().where('code', '=', code).where('active', '=', 1).executeTakeFirst();
}

export async function insertUnitsUnscoped(db: SystemDb | Tx, rows: NewOrgUnit[]) {
  if (!rows.length) return;
  // key paths: parents first, whether among these rows or already stored
  const keys = new Map<string, string>();
  const here = new Set(rows.map((r) => r.id));
  const outside = [...new Set(rows.map((r) => r.parent_id).filter((id): id is string => !!id && !here.has(id)))];
  for (let i = 0; i < outside.length; i += 1000) {
    for (const u of await db.selectFrom('org_units').select(['id', 'key_path']).where('id', 'in', outside.slice(i, i + 1000)).execute()) keys.set(u.id, u.key_path);
  }
  const codes = await takeUnitCodes(db, rows.length);
  const byDepth = rows.map((r, i) => ({ r, code: codes[i] })).sort((a, b) => a.r.depth - b.r.depth);
  for (const { r, code } of byDepth) {
    const parentKey = r.parent_id ? keys.get(r.parent_id) : '/';
    if (parentKey === undefined) throw new Error(`unit ${r.id}: parent ${r.parent_id} not found`);
    keys.set(r.id, `${parentKey}${code}/`);
  }
  const keyed: OrgUnitTable[] = rows.map((r) => ({ ...r, key_path: keys.get(r.id)! }));
  for (let i = 0; i < keyed.length; i += 200) {
    await db.insertInto('org_units').values(keyed.slice(i, i + 200)).execute();
  }
}

export async function updateUnitNameUnscoped(db: SystemDb | Tx, id: string, name: string, datasetYear: number | null, at: string) {
  await db.updateTable('org_units').set({ name, dataset_year: datasetYear, updated_at: at }).where('id', '=', id).execute();
}

/** Import only: puts an existing unit under a new parent, rewriting every path below it. */
export async function reparentUnscoped(db: Tx, unit: { id: string; path: string }, parent: { id: string; path: string }, at: string) {
  const [from, to] = await movedPrefixes(db, unit, parent);
  await db.updateTable('org_units').set({ parent_id: parent.id, updated_at: at }).where('id', '=', unit.id).execute();
  await rewritePaths(db, from, to);
  await shiftRollups(db, unit.id, unit.path, parent.path);
  return to.path;
}

export async function listChildrenUnscoped(db: SystemDb | Tx, underPath: string, level: string) {
  return db
    .selectFrom('org_units')
    .selectAll()
    .where(pathWithin('path', underPath))
    .where('level', '=', level)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
}

export async function setUnitContactsUnscoped(
  db: SystemDb | Tx,
  id: string,
  c: Pick<OrgUnitTable, 'address' | 'phone' | 'office_hours' | 'head_name'>,
) {
  await db.updateTable('org_units').set(c).where('id', '=', id).execute();
}
