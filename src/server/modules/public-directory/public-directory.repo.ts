// The public directory (seed Part 1 三(一)): published facts of units and the staff who chose
// to be listed. No scope: anyone may read it, so it selects only public columns.
import type { Db } from '../../db/client';
import { containsText } from '../org-units';

const unitColumns = [
  'id',
  'level',
  'code',
  'name',
  'address',
  'phone',
  'office_hours',
  'head_name',
  'path',
] as const;

function units(db: Db) {
  return db
    .selectFrom('org_units')
    .select(unitColumns)
    .select((eb) =>
      eb
        .selectFrom('org_units as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'org_units.id')
        .where('c.active', '=', 1)
        .where('c.level', '<>', 'grid')
        .as('child_count'),
    )
    .where('active', '=', 1)
    .where('level', '<>', 'grid');
}
export type PublicUnitRow = Awaited<ReturnType<ReturnType<typeof units>['executeTakeFirstOrThrow']>>;

export async function rootUnitsUnscoped(db: Db) {
  return units(db).where('parent_id', 'is', null).orderBy('code').execute();
}

export async function searchUnitsUnscoped(db: Db, q: string) {
  return units(db).where(containsText('name', q)).orderBy('code').limit(50).execute();
}

export async function publicUnitUnscoped(db: Db, id: string) {
  return units(db).where('id', '=', id).executeTakeFirst();
}

export async function publicChildrenUnscoped(db: Db, id: string) {
  return units(db).where('parent_id', '=', id).orderBy('code').execute();
}

export async function publicUnitsByIdsUnscoped(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return units(db).where('id', 'in', ids).execute();
}

export async function publicStaffUnscoped(db: Db, unitId: string) {
  return db
    .selectFrom('users')
    .select(['display_name', 'title', 'work_phone'])
    .where('org_unit_id', '=', unitId)
    .where('show_in_directory', '=', 1)
    .where('disabled', '=', 0)
    .orderBy('username')
    .execute();
}
