// SQL of the ledger export beyond the recipients themselves (recipients.repo.ts ledgerChunk):
// the units named in the 所属乡镇 / 所属村 / 网格 columns and the households' glory plaques.
import type { Db } from '../../db/client';
import { inScope, type Scope } from '../../platform/jurisdiction';

/**
 * Units on the paths of the caller's records: those of the caller's range, and the caller's own
 * ancestors (a village's ledger names its township).
 */
export async function unitsForLedger(scope: Scope, db: Db, ids: string[]) {
  if (!ids.length) return [];
  const own = scope.path.split('/').filter(Boolean);
  return db
    .selectFrom('org_units')
    .select(['id', 'name', 'level', 'code'])
    .where('id', 'in', ids)
    .where((eb) => eb.or([inScope(scope, 'org_units.path'), eb('id', 'in', own)]))
    .execute();
}

/** The glory plaque of each of these households (one per household), inside the caller's range. */
export async function plaquesOfHouseholds(scope: Scope, db: Db, householdIds: string[]) {
  if (!householdIds.length) return [];
  return db
    .selectFrom('glory_plaques')
    .select(['household_id', 'status'])
    .where('household_id', 'in', householdIds)
    .where(inScope(scope, 'glory_plaques.org_path'))
    .execute();
}
