// An active unit of the caller's range, by id: the one lookup every module uses for a unit a
// request names (a filter, the unit a record is registered under). Outside the range it is
// undefined, and the caller answers 404.
import type { SystemDb } from '../db/system';
import type { Tx } from '../db/transaction';
import type { AuthContext } from './auth';
import type { AppContext } from './context';
import { notFound } from './errors';
import { inScope, type Scope } from './jurisdiction';

export type ScopeUnitRow = { id: string; level: string; path: string; name: string; code: string; parent_id: string | null };

export async function unitInScope(scope: Scope, db: Tx, id: string): Promise<ScopeUnitRow | undefined> {
  return db
    .selectFrom('org_units')
    .select(['id', 'level', 'path', 'name', 'code', 'parent_id'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .where(inScope(scope, 'path'))
    .executeTakeFirst();
}

/** The active unit of the caller's range a request names, or 404 单位: what every module asks before reading or writing under a unit. */
export async function requireUnit(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<ScopeUnitRow> {
  const u = await unitInScope(auth.scope, db, id);
  if (!u) throw notFound('单位');
  return u;
}

/**
 * The key paths (unit keys, 0060) of the scope's unit and of a unit path of its range: the bounds
 * of the name-search index, which is keyed by them. Undefined for a path that names no unit.
 */
export async function keyPathsOf(db: Tx, scope: Scope, unitPath?: string): Promise<{ scope?: string; unit?: string }> {
  const keys = await keyPathsByPathUnscoped(db, unitPath ? [scope.path, unitPath] : [scope.path]);
  return { scope: keys.get(scope.path), unit: unitPath ? keys.get(unitPath) : undefined };
}

/** The key paths (0060) of the units at these paths; a path that names no unit is missing from the map. */
export async function keyPathsByPathUnscoped(db: Tx | SystemDb, paths: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const want = [...new Set(paths)];
  for (let i = 0; i < want.length; i += 1000) {
    for (const u of await db.selectFrom('org_units').select(['path', 'key_path']).where('path', 'in', want.slice(i, i + 1000)).execute()) out.set(u.path, u.key_path);
  }
  return out;
}

/** The county 县 on a unit's path (the unit itself or one above it), or undefined above county level: whose per-county setting applies. */
export async function countyOfPathUnscoped(db: Tx, path: string): Promise<{ id: string; name: string; path: string } | undefined> {
  const ids = path.split('/').filter(Boolean);
  if (!ids.length) return undefined;
  return db.selectFrom('org_units').select(['id', 'name', 'path']).where('id', 'in', ids).where('level', '=', 'county').executeTakeFirst();
}
