// SQL of the Excel import: the units a row may name (inside the importer's range, or the
// importer's own chain of units above it) and the registry-wide ID check. Every call runs in
// the import's transaction (on SQLite a query on another handle would wait for it forever).
import { sql } from 'kysely';
import type { Tx } from '../../db/transaction';
import { dialectOf } from '../../platform/stored-unit.repo';
import { inScope, pathBelow, type Scope } from '../../platform/jurisdiction';

export type UnitRef = { id: string; parent_id: string | null; name: string; level: string; code: string; path: string };
const UNIT_COLUMNS = ['id', 'parent_id', 'name', 'level', 'code', 'path'] as const;

/** The importer's unit and its ancestors, root first (names a row may repeat above its own unit). */
export async function unitChain(scope: Scope, db: Tx): Promise<UnitRef[]> {
  const ids = scope.path.split('/').filter(Boolean);
  const rows = await db.selectFrom('org_units').select(UNIT_COLUMNS).where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is UnitRef => !!r);
}

/** Active units of the caller's range with these codes. */
export async function unitsByCodes(scope: Scope, db: Tx, codes: string[]): Promise<UnitRef[]> {
  if (!codes.length) return [];
  return db.selectFrom('org_units').select(UNIT_COLUMNS).where('code', 'in', codes).where('active', '=', 1).where(inScope(scope, 'org_units.path')).execute();
}

/** Active units at `level` below the unit at `underPath`, inside the caller's range. */
export async function unitsBelow(scope: Scope, db: Tx, underPath: string, level: string): Promise<UnitRef[]> {
  return db
    .selectFrom('org_units')
    .select(UNIT_COLUMNS)
    .where('level', '=', level)
    .where('active', '=', 1)
    .where(pathBelow('path', underPath))
    .where(inScope(scope, 'org_units.path'))
    .execute();
}

/**
 * Registry-wide: which of these ID hashes belong to a live record, and where (the caller names
 * the record only when it lies in the importer's range).
 *
 * On PostgreSQL one lookup per hash (a LATERAL with LIMIT 1, which the planner cannot flatten): the
 * IN list was planned from the statistics of before the import, and in a county's first import the
 * table looked nearly empty, so the planner read every live record through another partial index and
 * filtered them by the list — 48,000 rows for each batch of 500 halfway through 100,000, 5.1 s of a
 * 26 s import, growing with the square of its size. A single-hash lookup always takes the unique
 * index. SQLite plans the IN list on the unique index.
 */
export async function registeredHashesUnscoped(db: Tx, hashes: string[]): Promise<{ id_number_hash: string; org_path: string; name: string }[]> {
  if (!hashes.length) return [];
  if (dialectOf(db) === 'postgres') {
    const r = await sql<{ id_number_hash: string; org_path: string; name: string }>`
      select x.id_number_hash, x.org_path, x.name
      from unnest(${hashes}::text[]) as h(hash)
      cross join lateral (
        select r.id_number_hash, r.org_path, r.name from recipients r where r.id_number_hash = h.hash and r.merged_into is null limit 1
      ) x`.execute(db);
    return r.rows;
  }
  return db.selectFrom('recipients').select(['id_number_hash', 'org_path', 'name']).where('id_number_hash', 'in', hashes).where('merged_into', 'is', null).execute();
}
