// The only place with SQL for staff accounts.
import type { Db } from '../../db/client';
import type { SystemDb } from '../../db/system';
import type { Tx } from '../../db/transaction';
import type { UserTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, type Scope } from '../../platform/jurisdiction';
import type { Stored, StoredUnit } from '../../platform/stored-unit.repo';
import { containsText } from '../org-units';
import { rolesOfRow } from '../../platform/roles';

function base(db: Tx) {
  return db
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.org_unit_id',
      'users.org_path',
      'org_units.name as org_unit_name',
      'users.roles',
      'users.title',
      'users.work_phone',
      'users.show_in_directory',
      'users.disabled',
      'users.locked_until',
      'users.must_change_password',
      'users.totp_enabled',
      'users.last_login_at',
      'users.created_at',
    ]);
}
export type StaffRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export type StaffFilter = {
  orgUnitId?: string;
  orgUnitPath?: string;
  includeDescendants: boolean;
  q?: string;
  /** one role, or any of several */
  role?: string | readonly string[];
  page: number;
  pageSize: number;
};

export async function listStaff(scope: Scope, db: Db, f: StaffFilter) {
  let q = base(db).where(inScope(scope, 'users.org_path'));
  if (f.orgUnitId && f.orgUnitPath) {
    q = f.includeDescendants
      ? q.where(inScope({ ...scope, path: f.orgUnitPath }, 'users.org_path'))
      : q.where('users.org_unit_id', '=', f.orgUnitId);
  }
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText('users.display_name', text), containsText('users.username', text)]));
  }
  const anyRole = typeof f.role === 'string' ? [f.role] : (f.role ?? []);
  if (anyRole.length) {
    q = q.where((eb) => eb.exists(eb.selectFrom('staff_roles').select('staff_roles.user_id').whereRef('staff_roles.user_id', '=', 'users.id').where('staff_roles.role', 'in', anyRole)));
  }
  const items = await q
    .orderBy('users.org_path')
    .orderBy('users.username')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function getStaff(scope: Scope, db: Tx, id: string): Promise<StaffRow | undefined> {
  return base(db).where('users.id', '=', id).where(inScope(scope, 'users.org_path')).executeTakeFirst();
}

export async function insertStaff(scope: Scope, db: Tx, row: Stored<UserTable>): Promise<void> {
  const unit = await db
    .selectFrom('org_units')
    .select('id')
    .where('id', '=', row.org_unit_id)
    .where(inScope(scope, 'path'))
    .executeTakeFirst();
  if (!unit) throw new Error('unit outside scope');
  await db.insertInto('users').values(row).execute();
  await writeRoles(db, row.id, row.roles);
}

/**
 * users.roles (JSON, read with the user's row) is the truth; staff_roles holds one row per role for
 * "who holds R" (lists by role). Every write of users.roles goes through this repo and rewrites both
 * in the caller's transaction.
 */
async function writeRoles(db: Tx, userId: string, rolesJson: string): Promise<void> {
  const roles = [...new Set(rolesOfRow(rolesJson))];
  await db.deleteFrom('staff_roles').where('user_id', '=', userId).execute();
  if (roles.length) await db.insertInto('staff_roles').values(roles.map((role) => ({ user_id: userId, role }))).execute();
}

export async function updateStaff(
  scope: Scope,
  db: Tx,
  id: string,
  patch: Partial<Omit<UserTable, 'id' | 'username' | 'created_at' | 'org_unit_id' | 'org_path'>>,
  /** moves the account to this unit (read under the tree lock by the caller) */
  unit?: StoredUnit,
): Promise<number> {
  if (unit && !pathInScope(scope, unit.path)) return 0;
  const r = await db
    .updateTable('users')
    .set({ ...patch, ...(unit && { org_unit_id: unit.id, org_path: unit.path }) })
    .where('id', '=', id)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  const n = Number(r.numUpdatedRows);
  if (n === 1 && patch.roles !== undefined) await writeRoles(db, id, patch.roles);
  return n;
}

export async function deleteSessionsOf(scope: Scope, db: Tx, userId: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', 'in', db.selectFrom('users').select('id').where('id', '=', userId).where(inScope(scope, 'org_path')))
    .execute();
}

/** The database refused a row because of a unique constraint (PostgreSQL 23505, SQLite's UNIQUE). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Usernames are unique across the deployment. */
export async function usernameTakenUnscoped(db: SystemDb | Tx, username: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

export async function insertUserUnscoped(db: SystemDb | Tx, row: UserTable): Promise<void> {
  const write = async (trx: Tx) => {
    await trx.insertInto('users').values(row).execute();
    await writeRoles(trx, row.id, row.roles);
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

export async function countUsersUnscoped(db: SystemDb | Tx): Promise<{ all: number; demo: number }> {
  const r = await db
    .selectFrom('users')
    .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.sum<number>('is_demo').as('demo')])
    .executeTakeFirstOrThrow();
  return { all: Number(r.all), demo: Number(r.demo ?? 0) };
}
