// SQL of the Excel import: the units a row may name (inside the importer's range, or the
// importer's own chain of units above it) and the registry-wide ID check. Every call runs in
// the import's transaction (on SQLite a query on another handle would wait for it forever).
import type { Tx } from '../../db/transaction';
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
 */
export async function registeredHashesUnscoped(db: Tx, hashes: string[]): Promise<{ id_number_hash: string; org_path: string; name: string }[]> {
  if (!hashes.length) return [];
  return db.selectFrom('recipients').select(['id_number_hash', 'org_path', 'name']).where('id_number_hash', 'in', hashes).where('merged_into', 'is', null).execute();
}
