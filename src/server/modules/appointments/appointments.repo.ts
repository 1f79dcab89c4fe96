// The only place with SQL for appointments: schedules, closures and bookings. Staff reads take the
// caller's scope first; the public side reads by the booking account (…Unscoped, the account id is
// the guard) or by the unit the person chose from the public directory.

import type { Db } from '../../db/client';
import type { DialectName } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { AppointmentClosureTable, AppointmentScheduleTable, AppointmentTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';
import { RollupDelta, rollupsOf } from '../../platform/rollups.repo';

// ---- roll-ups: bookings by month of the booked day and status ('appt-status', bucket 'YYYY-MM|status') ----

export const APPT_METRIC = 'appt-status';
export const apptBucket = (day: string, status: string) => `${day.slice(0, 7)}|${status}`;

/** A booking counted in its month under `status` (from null: a new booking), on every unit of its path. */
export async function shiftAppointmentRollup(db: Tx, orgPath: string, day: string, from: string | null, to: string): Promise<void> {
  if (from === to) return;
  const d = new RollupDelta();
  if (from) d.add(orgPath, [{ metric: APPT_METRIC, bucket: apptBucket(day, from) }], -1);
  await d.add(orgPath, [{ metric: APPT_METRIC, bucket: apptBucket(day, to) }], 1).apply(db);
}

/** The units' booking counts by month and status: a few rows per unit, never a scan of bookings. */
export async function appointmentRollupsOf(db: Db, unitIds: string[]) {
  return rollupsOf(db, unitIds, [APPT_METRIC]);
}

// ---- units ----

export async function unitInScope(scope: Scope, db: Tx, id: string) {
  return db.selectFrom('org_units').select(['id', 'path', 'level', 'name', 'office_hours']).where('id', '=', id).where('active', '=', 1).where(inScope(scope, 'path')).executeTakeFirst();
}

/** A unit of the public directory that takes bookings (county, township or village). */
export async function publicUnitUnscoped(db: Tx, id: string) {
  return db
    .selectFrom('org_units')
    .select(['id', 'path', 'name', 'level', 'office_hours'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .where('level', 'in', ['county', 'township', 'village'])
    .executeTakeFirst();
}

/** The unit and its children (the dashboard's rows). */
export async function unitAndChildren(scope: Scope, db: Tx, unitId: string) {
  return db
    .selectFrom('org_units')
    .select(['id', 'path', 'name'])
    .where((eb) => eb.or([eb('id', '=', unitId), eb('parent_id', '=', unitId)]))
    .where(inScope(scope, 'path'))
    .orderBy('code')
    .execute();
}

// ---- schedules and closures ----

export async function scheduleOf(scope: Scope, db: Tx, unitId: string) {
  return db.selectFrom('appointment_schedules').selectAll().where('org_unit_id', '=', unitId).where(inScope(scope, 'org_path')).executeTakeFirst();
}

/** The schedule of a public unit (the public booking page; its facts are published). */
export async function scheduleOfUnscoped(db: Tx, unitId: string) {
  return db.selectFrom('appointment_schedules').selectAll().where('org_unit_id', '=', unitId).executeTakeFirst();
}

/** Serialises bookings of one unit until the transaction ends (PostgreSQL row lock; SQLite's write transaction is already exclusive). */
export async function lockScheduleUnscoped(db: Tx, dialect: DialectName, unitId: string): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('appointment_schedules').select('org_unit_id').where('org_unit_id', '=', unitId).forUpdate().executeTakeFirst();
}

export async function insertSchedule(scope: Scope, db: Tx, row: Stored<AppointmentScheduleTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('schedule outside scope');
  await db.insertInto('appointment_schedules').values(row).execute();
}

/** Version-guarded update; returns the rows touched (0 = stale or outside the scope). */
export async function updateSchedule(scope: Scope, db: Tx, unitId: string, version: number, set: Pick<AppointmentScheduleTable, 'slot_minutes' | 'capacity' | 'ranges' | 'updated_by' | 'updated_at'>): Promise<number> {
  const r = await db
    .updateTable('appointment_schedules')
    .set({ ...set, version: version + 1 })
    .where('org_unit_id', '=', unitId)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function closuresOf(scope: Scope, db: Tx, unitId: string, fromDay: string) {
  return db.selectFrom('appointment_closures').selectAll().where('org_unit_id', '=', unitId).where('to_day', '>=', fromDay).where(inScope(scope, 'org_path')).orderBy('from_day').execute();
}

export async function closuresOfUnscoped(db: Tx, unitId: string, fromDay: string) {
  return db.selectFrom('appointment_closures').selectAll().where('org_unit_id', '=', unitId).where('to_day', '>=', fromDay).orderBy('from_day').execute();
}

export async function getClosure(scope: Scope, db: Tx, id: string) {
  return db.selectFrom('appointment_closures').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export async function insertClosure(scope: Scope, db: Tx, row: Stored<AppointmentClosureTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('closure outside scope');
  await db.insertInto('appointment_closures').values(row).execute();
}

export async function deleteClosure(scope: Scope, db: Tx, id: string): Promise<number> {
  const r = await db.deleteFrom('appointment_closures').where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- bookings ----

const OPEN = ['booked', 'confirmed'];

/** Open bookings per slot of a unit's days (capacity). */
export async function bookedCountsUnscoped(db: Tx, unitId: string, fromDay: string, toDay: string) {
  return db
    .selectFrom('appointments')
    .select(['day', 'start_time'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_unit_id', '=', unitId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .where('status', 'in', OPEN)
    .groupBy(['day', 'start_time'])
    .execute();
}

/** The account's open bookings on days from `fromDay` on (the per-person limits). */
export async function openBookingsOfAccountUnscoped(db: Tx, accountId: string, fromDay: string) {
  return db.selectFrom('appointments').select(['id', 'item_id', 'day']).where('account_id', '=', accountId).where('status', 'in', OPEN).where('day', '>=', fromDay).execute();
}

export async function bookingsOfAccountUnscoped(db: Tx, accountId: string) {
  return base(db).where('a.account_id', '=', accountId).orderBy('a.day', 'desc').orderBy('a.start_time', 'desc').limit(100).execute();
}

export async function insertAppointment(scope: Scope, db: Tx, row: Stored<AppointmentTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('appointment outside scope');
  await db.insertInto('appointments').values(row).execute();
  await shiftAppointmentRollup(db, row.org_path, row.day, null, row.status);
}

export async function linkApplication(scope: Scope, db: Tx, id: string, applicationId: string | null): Promise<number> {
  const r = await db.updateTable('appointments').set({ application_id: applicationId }).where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The recipient of an ID hash within the unit's range (the registry link of an online booking). */
export async function recipientByIdHash(scope: Scope, db: Tx, idHash: string) {
  return db.selectFrom('recipients').select(['id']).where('id_number_hash', '=', idHash).where('merged_into', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirst();
}

function base(db: Tx) {
  return db.selectFrom('appointments as a').innerJoin('org_units as u', 'u.id', 'a.org_unit_id').selectAll('a').select(['u.name as org_unit_name']);
}
export type AppointmentRow = AppointmentTable & { org_unit_name: string };

export async function getAppointment(scope: Scope, db: Tx, id: string): Promise<AppointmentRow | undefined> {
  return base(db).where('a.id', '=', id).where(inScope(scope, 'a.org_path')).executeTakeFirst();
}

export async function getAppointmentOfAccountUnscoped(db: Tx, accountId: string, id: string): Promise<AppointmentRow | undefined> {
  return base(db).where('a.id', '=', id).where('a.account_id', '=', accountId).executeTakeFirst();
}

export type AppointmentFilter = { unitPath?: string; from?: string; to?: string; status?: string; itemId?: string };

function filtered(scope: Scope, db: Tx, f: AppointmentFilter) {
  let q = base(db).where(inScope(scope, 'a.org_path'));
  if (f.unitPath) q = q.where(pathWithin('a.org_path', f.unitPath));
  if (f.from) q = q.where('a.day', '>=', f.from);
  if (f.to) q = q.where('a.day', '<=', f.to);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.itemId) q = q.where('a.item_id', '=', f.itemId);
  return q;
}

export async function dayList(scope: Scope, db: Db, f: AppointmentFilter & { day: string }) {
  return filtered(scope, db, { ...f, from: f.day, to: f.day }).orderBy('a.start_time').orderBy('a.org_path').orderBy('a.id').limit(500).execute();
}

export async function listAppointments(scope: Scope, db: Db, f: AppointmentFilter & { page: number; pageSize: number; sort: string }) {
  const q = filtered(scope, db, f);
  let ordered = q;
  if (f.sort === 'day') ordered = q.orderBy('a.day').orderBy('a.start_time');
  else if (f.sort === 'unit') ordered = q.orderBy('a.org_path').orderBy('a.day', 'desc');
  else if (f.sort === 'status') ordered = q.orderBy('a.status').orderBy('a.day', 'desc');
  else ordered = q.orderBy('a.day', 'desc').orderBy('a.start_time', 'desc');
  const items = await ordered.orderBy('a.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows, a chunk at a time after (day, id). */
export async function appointmentChunk(scope: Scope, db: Db, f: AppointmentFilter, after: { day: string; id: string } | null, limit: number) {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('a.day', '>', after.day), eb.and([eb('a.day', '=', after.day), eb('a.id', '>', after.id)])]));
  return q.orderBy('a.day').orderBy('a.id').limit(limit).execute();
}

/**
 * Bookings by status under each of the given units' paths in a day range: one grouped count on
 * the (org_path, day, status) index — the dashboard's figure, no scan of other ranges.
 */
export async function countsByUnit(scope: Scope, db: Db, units: readonly { id: string; path: string }[], from: string, to: string) {
  const out: { unitId: string; status: string; n: number }[] = [];
  for (const u of units) {
    const rows = await db
      .selectFrom('appointments as a')
      .select(['a.status'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(inScope(scope, 'a.org_path'))
      .where(pathWithin('a.org_path', u.path))
      .where('a.day', '>=', from)
      .where('a.day', '<=', to)
      .groupBy('a.status')
      .execute();
    for (const r of rows) out.push({ unitId: u.id, status: r.status, n: Number(r.n) });
  }
  return out;
}

/** Only the unit's own rows (本级), for the dashboard's remainder. */
export async function countsOwnUnit(scope: Scope, db: Db, unitId: string, from: string, to: string) {
  return db
    .selectFrom('appointments as a')
    .select(['a.status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inScope(scope, 'a.org_path'))
    .where('a.org_unit_id', '=', unitId)
    .where('a.day', '>=', from)
    .where('a.day', '<=', to)
    .groupBy('a.status')
    .execute()
    .then((rows) => rows.map((r) => ({ status: r.status, n: Number(r.n) })));
}

