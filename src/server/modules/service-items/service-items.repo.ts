// The only place with SQL for the service catalog 服务事项.
import type { Db } from '../../db/client';
import type { SystemDb } from '../../db/system';
import type { Tx } from '../../db/transaction';
import type { ServiceItemTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathAtOrAbove, pathInScope, type Scope } from '../../platform/jurisdiction';
import { sql } from 'kysely';
import type { Stored } from '../../platform/stored-unit.repo';

export type ServiceItemRow = ServiceItemTable & { org_unit_name: string };

function base(db: Db | Tx | SystemDb) {
  return db.selectFrom('service_items as s').innerJoin('org_units as u', 'u.id', 's.org_unit_id').selectAll('s').select('u.name as org_unit_name');
}

export type CatalogFilter = { kind?: string; status?: string; q?: string };

/**
 * Not stood in for by an active adaptation 本地版本 lower on the unit's path: a unit below that
 * published its own version of an inherited item (carrying the item's key: its seed key, else its
 * id) hides the inherited one in the catalog it and its units see.
 */
function notAdaptedBelow(unitPath: string) {
  return sql<boolean>`not exists (select 1 from service_items as d where d.seed_key = coalesce(s.seed_key, s.id) and d.id <> s.id and d.status = 'active' and length(d.org_path) > length(s.org_path) and ${pathAtOrAbove('d.org_path', unitPath)})`;
}

/** The key an adaptation of an item carries (and hides it by). */
export function adaptationKey(r: Pick<ServiceItemTable, 'seed_key' | 'id'>): string {
  return r.seed_key ?? r.id;
}

/** An active item of a unit that already adapts the item of this key. */
export async function adaptationAtUnscoped(db: Tx, unitId: string, key: string) {
  return db.selectFrom('service_items').select(['id', 'name']).where('org_unit_id', '=', unitId).where('seed_key', '=', key).where('status', '=', 'active').executeTakeFirst();
}

/**
 * The catalog as seen from a unit: the items it published and those of every unit above it. The
 * catalog is public (the portal shows it), so it is read without a caller's scope; a staff route
 * passes a unit of the caller's own range.
 */
export async function catalogPageUnscoped(db: Db, unitPath: string, f: CatalogFilter & { page: number; pageSize: number }) {
  let q = base(db).where(pathAtOrAbove('s.org_path', unitPath)).where(notAdaptedBelow(unitPath));
  if (f.kind) q = q.where('s.kind', '=', f.kind);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.q) q = q.where('s.name', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  const items = await q
    .orderBy('s.kind')
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/**
 * An item of the catalog a unit sees (its own or an ancestor's), or undefined. `current`: not one
 * an adaptation below stands in for (what the public and new applications get).
 */
export async function catalogItemUnscoped(db: Db | Tx, unitPath: string, id: string, current = false): Promise<ServiceItemRow | undefined> {
  let q = base(db).where('s.id', '=', id).where(pathAtOrAbove('s.org_path', unitPath));
  if (current) q = q.where(notAdaptedBelow(unitPath));
  return q.executeTakeFirst();
}

/** An item published inside the caller's range (one they may edit with services:review), or undefined. */
export async function itemInScope(scope: Scope, db: Db | Tx, id: string): Promise<ServiceItemRow | undefined> {
  return base(db).where('s.id', '=', id).where(inScope(scope, 's.org_path')).executeTakeFirst();
}

export async function insertItem(scope: Scope | null, db: Tx, row: Stored<ServiceItemTable>): Promise<void> {
  if (scope && !pathInScope(scope, row.org_path)) throw new Error('service item outside scope');
  await db.insertInto('service_items').values(row).execute();
}

/** Writes an edit of an item in the caller's range at the version read; false when another edit came first. */
export async function updateItem(scope: Scope, db: Tx, id: string, version: number, values: Partial<ServiceItemTable>): Promise<boolean> {
  const r = await db
    .updateTable('service_items')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The seed keys a unit's starter items already carry (the demo catalog is written once). */
export async function seededKeysUnscoped(db: Tx | SystemDb, unitId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('service_items').select('seed_key').where('org_unit_id', '=', unitId).where('seed_key', 'is not', null).execute();
  return new Set(rows.map((r) => r.seed_key!));
}

/** An active unit's path by id, whoever asks: the public catalog of a unit's page. */
export async function activeUnitPathUnscoped(db: Db, id: string): Promise<string | undefined> {
  const u = await db.selectFrom('org_units').select('path').where('id', '=', id).where('active', '=', 1).executeTakeFirst();
  return u?.path;
}
