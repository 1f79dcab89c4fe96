// The only place with SQL for public accounts, their sessions and spent bot challenges. None of
// these is a scoped record: a public account belongs to a person, not to a unit.
import type { Db } from '../../db/client';
import type { SystemDb } from '../../db/system';
import type { Tx } from '../../db/transaction';
import type { PublicAccountTable, PublicSessionTable } from '../../db/types';

export async function insertAccountUnscoped(db: Tx, row: PublicAccountTable): Promise<void> {
  await db.insertInto('public_accounts').values(row).execute();
}

export async function accountTakenUnscoped(db: Tx, idHash: string, phoneHash: string): Promise<{ id: boolean; phone: boolean }> {
  const rows = await db
    .selectFrom('public_accounts')
    .select(['id_hash', 'phone_hash'])
    .where((eb) => eb.or([eb('id_hash', '=', idHash), eb('phone_hash', '=', phoneHash)]))
    .execute();
  return { id: rows.some((r) => r.id_hash === idHash), phone: rows.some((r) => r.phone_hash === phoneHash) };
}

export async function accountByPhoneHashUnscoped(db: Db | SystemDb, phoneHash: string) {
  return db.selectFrom('public_accounts').selectAll().where('phone_hash', '=', phoneHash).executeTakeFirst();
}

export async function accountByIdUnscoped(db: Tx, id: string) {
  return db.selectFrom('public_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One failed sign-in: counts up, locks at the threshold; atomic. Returns the new count and lock. */
export async function failSignInUnscoped(db: Db, id: string, threshold: number, lockUntil: string, at: string) {
  await db
    .updateTable('public_accounts')
    .set((eb) => ({ failed_count: eb('failed_count', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
  const r = await db.selectFrom('public_accounts').select(['failed_count']).where('id', '=', id).executeTakeFirstOrThrow();
  if (r.failed_count >= threshold) {
    await db.updateTable('public_accounts').set({ locked_until: lockUntil, failed_count: 0, updated_at: at }).where('id', '=', id).execute();
    return { locked: true, count: r.failed_count };
  }
  return { locked: false, count: r.failed_count };
}

export async function signedInUnscoped(db: Tx, id: string, at: string) {
  await db.updateTable('public_accounts').set({ failed_count: 0, locked_until: null, last_login_at: at, updated_at: at }).where('id', '=', id).execute();
}

export async function insertSessionUnscoped(db: Tx, row: PublicSessionTable) {
  await db.insertInto('public_sessions').values(row).execute();
}

export async function findSessionUnscoped(db: Db, id: string) {
  return db
    .selectFrom('public_sessions as s')
    .innerJoin('public_accounts as a', 'a.id', 's.account_id')
    .select(['s.id as session_id', 's.csrf_token', 's.last_seen_at', 'a.id as account_id', 'a.name', 'a.disabled'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function touchSessionUnscoped(db: Db, id: string, at: string) {
  await db.updateTable('public_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSessionUnscoped(db: Tx, id: string) {
  await db.deleteFrom('public_sessions').where('id', '=', id).execute();
}

/** Spends a solved challenge once: true the first time, false when it was spent before. */
export async function spendChallengeUnscoped(db: Tx, id: string, expiresAt: string, now: string): Promise<boolean> {
  await db.deleteFrom('pow_spent').where('expires_at', '<', now).execute();
  const r = await db.insertInto('pow_spent').values({ id, expires_at: expiresAt }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
  return !!r;
}

/** Units where a public petition may be filed: active counties, townships and villages. */
export async function publicUnitUnscoped(db: Tx, id: string) {
  return db
    .selectFrom('org_units')
    .select(['id', 'path', 'name', 'code', 'parent_id', 'level'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .where('level', 'in', ['county', 'township', 'village'])
    .executeTakeFirst();
}
