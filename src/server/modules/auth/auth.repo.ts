// Sign-in and session storage. These run before a scope exists (the session lookup, the user
// by name at sign-in) or act on the caller's own account, hence "Unscoped".
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { SessionTable } from '../../db/types';
import { prepared } from '../../db/prepared';

const userColumns = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.org_unit_id',
  'users.org_path',
  'users.roles',
  'users.password_hash',
  'users.password_changed_at',
  'users.must_change_password',
  'users.failed_count',
  'users.locked_until',
  'users.disabled',
  'users.totp_secret_enc',
  'users.totp_enabled',
  'users.totp_last_step',
] as const;

export async function findUserByUsernameUnscoped(db: Db, username: string) {
  return db.selectFrom('users').select(userColumns).where('username', '=', username).executeTakeFirst();
}

export async function findUserByIdUnscoped(db: Db, id: string) {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}
export type AuthUserRow = NonNullable<Awaited<ReturnType<typeof findUserByIdUnscoped>>>;

// run on every signed-in request: compiled once (db/prepared.ts)
const sessionById = prepared((db, p: { sessionId: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.stage',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.roles',
      'users.disabled',
      'users.org_unit_id',
      'org_units.path as unit_path',
      'org_units.key_path as unit_key_path',
      'org_units.name as unit_name',
      'org_units.level as unit_level',
      'org_units.code as unit_code',
      'users.password_changed_at',
      'users.totp_enabled',
    ])
    .where('sessions.id', '=', p.sessionId),
  // one row by its key: planned once for every session (db/prepared.ts planOnce)
  { planOnce: true },
);

export async function findSessionUnscoped(db: Db, sessionId: string) {
  return sessionById.first(db, { sessionId });
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionUnscoped>>>;

export async function insertSessionUnscoped(db: Tx, row: SessionTable) {
  await db.insertInto('sessions').values(row).execute();
}

export async function touchSessionUnscoped(db: Db, sessionId: string, at: string) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function setSessionStageUnscoped(db: Tx, sessionId: string, stage: string) {
  await db.updateTable('sessions').set({ stage }).where('id', '=', sessionId).execute();
}

export async function deleteSessionUnscoped(db: Tx, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteOtherSessionsUnscoped(db: Tx, userId: string, keepSessionId: string | null) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '<>', keepSessionId);
  await q.execute();
}

/**
 * Counts one failed sign-in step in a single statement, so failures sent at the same time all
 * count. A lock that has run out starts a fresh count; while a lock runs the count stays.
 */
export async function countLoginFailureUnscoped(db: Db, userId: string, at: string) {
  return db
    .updateTable('users')
    .set((eb) => ({
      failed_count: eb
        .case()
        .when('locked_until', 'is', null)
        .then(eb('failed_count', '+', 1))
        .when('locked_until', '<=', at)
        .then(1)
        .else(eb.ref('failed_count'))
        .end(),
      locked_until: eb.case().when('locked_until', '<=', at).then(null).else(eb.ref('locked_until')).end(),
      updated_at: at,
    }))
    .where('id', '=', userId)
    .returning(['failed_count', 'locked_until'])
    .executeTakeFirstOrThrow();
}

/**
 * Counts one failed sign-in under a name with no account (by its keyed hash), the same way as an
 * account's: a lock that has run out starts a fresh count; while a lock runs the count stays. One
 * statement, so failures sent at the same time all count. A new name's first failure also clears
 * names idle for a day (nothing locked), so guessed names do not pile up.
 */
export async function countUnknownNameFailureUnscoped(db: Db, nameHash: string, at: string, idleBefore: string) {
  const r = await db
    .insertInto('unknown_name_failures')
    .values({ name_hash: nameHash, failed_count: 1, locked_until: null, updated_at: at })
    .onConflict((oc) =>
      oc.column('name_hash').doUpdateSet((eb) => ({
        failed_count: eb
          .case()
          .when('unknown_name_failures.locked_until', 'is', null)
          .then(eb('unknown_name_failures.failed_count', '+', 1))
          .when('unknown_name_failures.locked_until', '<=', at)
          .then(1)
          .else(eb.ref('unknown_name_failures.failed_count'))
          .end(),
        locked_until: eb.case().when('unknown_name_failures.locked_until', '<=', at).then(null).else(eb.ref('unknown_name_failures.locked_until')).end(),
        updated_at: at,
      })),
    )
    .returning(['failed_count', 'locked_until'])
    .executeTakeFirstOrThrow();
  if (r.failed_count === 1) {
    await db
      .deleteFrom('unknown_name_failures')
      .where('updated_at', '<', idleBefore)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
      .execute();
  }
  return r;
}

/** The lock on a name with no account, if any. */
export async function unknownNameLockUnscoped(db: Db, nameHash: string): Promise<string | null> {
  const r = await db.selectFrom('unknown_name_failures').select('locked_until').where('name_hash', '=', nameHash).executeTakeFirst();
  return r?.locked_until ?? null;
}

/** Locks a name with no account once its count reached the threshold; false when another request locked it first. */
export async function lockUnknownNameUnscoped(db: Db, nameHash: string, threshold: number, until: string, at: string) {
  const r = await db
    .updateTable('unknown_name_failures')
    .set({ failed_count: 0, locked_until: until, updated_at: at })
    .where('name_hash', '=', nameHash)
    .where('locked_until', 'is', null)
    .where('failed_count', '>=', threshold)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Locks the account once its count reached the threshold; false when another request locked it first. */
export async function lockAccountUnscoped(db: Db, userId: string, threshold: number, until: string, at: string) {
  const r = await db
    .updateTable('users')
    .set({ failed_count: 0, locked_until: until, updated_at: at })
    .where('id', '=', userId)
    .where('locked_until', 'is', null)
    .where('failed_count', '>=', threshold)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function recordLoginSuccessUnscoped(db: Tx, userId: string, at: string) {
  await db
    .updateTable('users')
    .set({ failed_count: 0, locked_until: null, last_login_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function setOwnPasswordUnscoped(db: Tx, userId: string, hash: string, at: string) {
  await db
    .updateTable('users')
    .set({ password_hash: hash, password_changed_at: at, must_change_password: 0, failed_count: 0, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function setOwnTotpSecretUnscoped(db: Tx, userId: string, secretEnc: string, at: string) {
  await db
    .updateTable('users')
    .set({ totp_secret_enc: secretEnc, totp_enabled: 0, totp_last_step: null, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function enableOwnTotpUnscoped(db: Tx, userId: string, step: number, at: string) {
  await db
    .updateTable('users')
    .set({ totp_enabled: 1, totp_last_step: step, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

/** Uses up a code's time step; false when that step or a later one was used already (replay). */
export async function useOwnTotpStepUnscoped(db: Tx, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
