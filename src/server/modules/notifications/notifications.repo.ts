// Notifications' storage (issue 16). A notification is its user's alone: every read and write of
// one names the caller's scope and filters on `user_id = scope.userId` (a notification of another
// user answers 404). The unit webhooks are scoped rows (`inScope`); the sender and the daily job
// read across users and units through the …Unscoped functions.
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { NotificationTable, NotificationOutboxTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, type Scope } from '../../platform/jurisdiction';
import { placedAt, type StoredUnit } from '../../platform/stored-unit.repo';

export { unitInScope } from '../../platform/scope-units.repo';

export type NotificationRow = NotificationTable;

/** The one guard of a user's own notifications. */
function mine(db: Tx, scope: Scope) {
  return db.selectFrom('notifications').where('notifications.user_id', '=', scope.userId);
}

export async function listMine(scope: Scope, db: Tx, f: { kind?: string; unread?: boolean; page: number; pageSize: number }) {
  let q = mine(db, scope);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.unread === true) q = q.where('read_at', 'is', null);
  if (f.unread === false) q = q.where('read_at', 'is not', null);
  const items = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q.selectAll())) };
}

/** The bell: one count on the (user_id, read_at) index. */
export async function countUnreadMine(scope: Scope, db: Tx): Promise<number> {
  const r = await mine(db, scope).where('read_at', 'is', null).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Marks one of the caller's notifications read; false when it is not theirs (404). */
export async function markReadMine(scope: Scope, db: Tx, id: string, at: string): Promise<boolean> {
  const own = await mine(db, scope).where('id', '=', id).select(['id', 'read_at']).executeTakeFirst();
  if (!own) return false;
  if (own.read_at === null) await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', scope.userId).execute();
  return true;
}

export async function markAllReadMine(scope: Scope, db: Tx, at: string): Promise<number> {
  const r = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', scope.userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Inserts notifications; one with a (user, dedupe key) that exists already is skipped. Returns how many were new. */
export async function insertNotificationsUnscoped(db: Tx, rows: readonly NotificationTable[]): Promise<number> {
  let n = 0;
  for (const row of rows) {
    const r = await db
      .insertInto('notifications')
      .values(row)
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

// ---- who receives ----

export type StaffRow = { id: string; display_name: string; roles: string; org_unit_id: string };

/** The active staff users of one unit (its own users, not those below it). */
export async function usersOfUnitUnscoped(db: Tx, unitId: string): Promise<StaffRow[]> {
  return db.selectFrom('users').select(['id', 'display_name', 'roles', 'org_unit_id']).where('org_unit_id', '=', unitId).where('disabled', '=', 0).orderBy('id').execute();
}

export async function usersByIdUnscoped(db: Tx, ids: readonly string[]): Promise<StaffRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'display_name', 'roles', 'org_unit_id']).where('id', 'in', [...ids]).where('disabled', '=', 0).execute();
}

/** Every active staff user with their unit (the daily job builds each one's work queue). */
export async function activeStaffUnscoped(db: Tx, after: string | null, limit: number) {
  let q = db
    .selectFrom('users as u')
    .innerJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.org_unit_id', 'u.password_changed_at', 'o.name as unit_name', 'o.level as unit_level', 'o.code as unit_code', 'o.path as unit_path'])
    .where('u.disabled', '=', 0);
  if (after) q = q.where('u.id', '>', after);
  return q.orderBy('u.id').limit(limit).execute();
}

export async function unitNamesUnscoped(db: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- preferences ----

export type PreferenceRow = { user_id: string; kind: string; in_app: number; digest: number; webhook: number };

export async function preferencesOfUnscoped(db: Tx, userIds: readonly string[]): Promise<PreferenceRow[]> {
  if (!userIds.length) return [];
  return db.selectFrom('notification_preferences').select(['user_id', 'kind', 'in_app', 'digest', 'webhook']).where('user_id', 'in', [...userIds]).execute();
}

export async function preferencesMine(scope: Scope, db: Tx): Promise<PreferenceRow[]> {
  return preferencesOfUnscoped(db, [scope.userId]);
}

export async function savePreferencesMine(scope: Scope, db: Tx, rows: readonly Omit<PreferenceRow, 'user_id'>[], at: string): Promise<void> {
  for (const r of rows) {
    await db
      .insertInto('notification_preferences')
      .values({ ...r, user_id: scope.userId, updated_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ in_app: r.in_app, digest: r.digest, webhook: r.webhook, updated_at: at }))
      .execute();
  }
}

// ---- digest ----

/** Unread notifications per user and kind since a moment (the digest counts them). */
export async function unreadByKindUnscoped(db: Tx, userId: string) {
  return db
    .selectFrom('notifications')
    .select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('kind', '!=', 'digest')
    .groupBy('kind')
    .execute();
}

// ---- unit webhooks ----

export async function webhookInScope(scope: Scope, db: Tx, unitId: string) {
  return db.selectFrom('unit_webhooks').selectAll().where('org_unit_id', '=', unitId).where(inScope(scope, 'unit_webhooks.org_path')).executeTakeFirst();
}

export async function webhookUnscoped(db: Tx, unitId: string) {
  return db.selectFrom('unit_webhooks').selectAll().where('org_unit_id', '=', unitId).executeTakeFirst();
}

export async function unitsWithWebhookUnscoped(db: Tx, unitIds: readonly string[]): Promise<Set<string>> {
  if (!unitIds.length) return new Set();
  const rows = await db.selectFrom('unit_webhooks').select('org_unit_id').where('org_unit_id', 'in', [...new Set(unitIds)]).execute();
  return new Set(rows.map((r) => r.org_unit_id));
}

/** Sets a unit's webhook (the unit read under the tree lock in the caller's transaction: unitForWrite). */
export async function saveWebhook(db: Tx, unit: StoredUnit, v: { url_enc: string; url_hint: string; updated_by: string; updated_at: string }): Promise<void> {
  const at = placedAt(unit);
  await db
    .insertInto('unit_webhooks')
    .values({ ...at, ...v })
    .onConflict((oc) => oc.column('org_unit_id').doUpdateSet({ org_path: at.org_path, ...v }))
    .execute();
}

export async function deleteWebhook(db: Tx, unit: StoredUnit): Promise<number> {
  const r = await db.deleteFrom('unit_webhooks').where('org_unit_id', '=', unit.id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- outbox ----

/** Queues a message for a unit's channel; one with a (unit, dedupe key) queued before is skipped. */
export async function enqueueUnscoped(db: Tx, row: NotificationOutboxTable): Promise<void> {
  await db
    .insertInto('notification_outbox')
    .values(row)
    .onConflict((oc) => oc.columns(['org_unit_id', 'dedupe_key']).doNothing())
    .execute();
}

export async function dueOutboxUnscoped(db: Db, now: string, limit: number) {
  return db.selectFrom('notification_outbox').selectAll().where('state', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** Settles one attempt: only a still-pending row with the attempts seen (a second sender finds it taken). */
export async function settleOutboxUnscoped(db: Db, id: string, seenAttempts: number, set: Partial<Pick<NotificationOutboxTable, 'state' | 'attempts' | 'next_attempt_at' | 'last_error' | 'sent_at'>>): Promise<boolean> {
  const r = await db.updateTable('notification_outbox').set(set).where('id', '=', id).where('state', '=', 'pending').where('attempts', '=', seenAttempts).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function outboxOfUnitUnscoped(db: Tx, unitId: string) {
  return db.selectFrom('notification_outbox').selectAll().where('org_unit_id', '=', unitId).orderBy('created_at').execute();
}

/** For the daily job: notifications a user got today of a kind (the digest's dedupe). */
export function dayKey(kind: string, day: string, item?: string): string {
  return item ? `${kind}:${item}:${day}` : `${kind}:${day}`;
}

