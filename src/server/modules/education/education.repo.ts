// The only place with SQL for education 教育管理: exemplars 优秀退役军人典型 (the kernel case's own
// rows), activities 学习教育活动 and their invitations/attendance. Every query that serves a request
// takes the caller's scope first and filters with the jurisdiction guard: exemplars and activities by
// their own unit's path, attendees through their activity, or (a person's page) through the person.
// The gazetteer mark reads the registry's key groups and care categories (recipients.key_groups,
// recipients.care_mask), kept by the registry from the merits and care categories on every write.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { ActivityTable, ExemplarTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';
import { GAZETTEER_HONOR_LEVELS, gazetteerBits } from '../../../shared/rules/gazetteer';

// ---- units, recipients ----

export { unitInScope } from '../../platform/scope-units.repo';

/** A unit by id, whatever the caller's range: the parent a recommendation goes up to. */
export async function unitByIdUnscoped(db: Tx, id: string) {
  return db.selectFrom('org_units').select(['id', 'level', 'name', 'path', 'parent_id', 'active']).where('id', '=', id).executeTakeFirst();
}

/** A registered, living, unmerged recipient of the caller's range. */
export async function recipientInScope(scope: Scope, db: Tx, id: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'org_unit_id', 'org_path', 'status', 'death_date', 'key_groups', 'care_mask'])
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

/** Of `ids`, the registered, unmerged recipients of the caller's range whose unit lies within `unitPath`. */
export async function recipientsForActivity(scope: Scope, db: Tx, ids: readonly string[], unitPath: string) {
  if (!ids.length) return [];
  return db
    .selectFrom('recipients')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .where('merged_into', 'is', null)
    .where('status', '=', 'registered')
    .where(inScope(scope, 'org_path'))
    .where(pathWithin('org_path', unitPath))
    .execute();
}

// ---- exemplars ----

function exemplars(db: Tx) {
  return db
    .selectFrom('exemplars as e')
    .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'e.recipient_id')
    .leftJoin('org_units as w', 'w.id', 'e.reviewing_unit_id')
    .selectAll('e')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked', 'r.key_groups', 'r.care_mask', 'w.name as reviewing_unit_name']);
}
export type ExemplarRow = ExemplarTable & {
  org_unit_name: string;
  recipient_name: string;
  recipient_id_masked: string;
  key_groups: number;
  care_mask: number;
  reviewing_unit_name: string | null;
};

export type ExemplarFilter = {
  unitPath?: string;
  recipientId?: string;
  status?: string;
  kind?: string;
  category?: string;
  gazetteer?: boolean;
  waitingOnUnitId?: string;
  name?: string;
};

/** The SQL of the gazetteer mark: the same bits and levels as `gazetteerGroundsOf`. */
function gazetteerSql() {
  return sql<SqlBool>`((r.key_groups & ${gazetteerBits.merit2}) <> 0 or (r.care_mask & ${gazetteerBits.war}) <> 0 or e.honor_level in (${sql.join(GAZETTEER_HONOR_LEVELS.map((l) => sql`${l}`))}))`;
}

function filteredExemplars(scope: Scope, db: Tx, f: ExemplarFilter) {
  let q = exemplars(db).where(inScope(scope, 'e.org_path'));
  if (f.unitPath) q = q.where(pathWithin('e.org_path', f.unitPath));
  if (f.recipientId) q = q.where('e.recipient_id', '=', f.recipientId);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  if (f.category) q = q.where('e.category', '=', f.category);
  if (f.gazetteer === true) q = q.where(gazetteerSql());
  if (f.gazetteer === false) q = q.where(sql<SqlBool>`not ${gazetteerSql()}`);
  if (f.waitingOnUnitId) q = q.where('e.status', '=', 'reviewing').where('e.reviewing_unit_id', '=', f.waitingOnUnitId);
  if (f.name) q = q.where('r.name', 'like', `%${f.name.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listExemplars(scope: Scope, db: Db, f: ExemplarFilter & { page: number; pageSize: number }) {
  const q = filteredExemplars(scope, db, f);
  const items = (await q.orderBy('e.updated_at', 'desc').orderBy('e.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()) as ExemplarRow[];
  return { items, ...(await cappedCount(db, q)) };
}

export async function exemplarChunk(scope: Scope, db: Db, f: ExemplarFilter, after: { path: string; id: string } | null, limit: number): Promise<ExemplarRow[]> {
  let q = filteredExemplars(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('e.org_path', '>', after.path), eb.and([eb('e.org_path', '=', after.path), eb('e.id', '>', after.id)])]));
  return (await q.orderBy('e.org_path').orderBy('e.id').limit(limit).execute()) as ExemplarRow[];
}

export async function getExemplar(scope: Scope, db: Tx, id: string): Promise<ExemplarRow | undefined> {
  return (await exemplars(db).where('e.id', '=', id).where(inScope(scope, 'e.org_path')).executeTakeFirst()) as ExemplarRow | undefined;
}

/** An open (reviewing or returned) recommendation of the same kind for the person, if any. */
export async function openExemplarOf(db: Tx, recipientId: string, kind: string): Promise<string | undefined> {
  return (await db.selectFrom('exemplars').select('id').where('recipient_id', '=', recipientId).where('kind', '=', kind).where('status', 'in', ['reviewing', 'returned']).executeTakeFirst())?.id;
}

export async function insertExemplar(scope: Scope, db: Tx, row: Stored<ExemplarTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('exemplar outside scope');
  await db.insertInto('exemplars').values(row).execute();
}

/** The recommendation's text (修改推荐材料; run inside the kernel's revise action). */
export async function reviseExemplarText(db: Tx, id: string, patch: Pick<ExemplarTable, 'category' | 'honor_level' | 'title' | 'reason'>): Promise<void> {
  await db.updateTable('exemplars').set(patch).where('id', '=', id).execute();
}

// ---- activities ----

function activities(db: Tx) {
  return db
    .selectFrom('activities as a')
    .innerJoin('org_units as u', 'u.id', 'a.org_unit_id')
    .selectAll('a')
    .select((eb) => [
      'u.name as org_unit_name',
      eb.selectFrom('activity_attendees as x').whereRef('x.activity_id', '=', 'a.id').select((e) => e.fn.countAll<number>().as('n')).as('invited'),
      eb.selectFrom('activity_attendees as x').whereRef('x.activity_id', '=', 'a.id').where('x.attended', '=', 1).select((e) => e.fn.countAll<number>().as('n')).as('attended'),
    ]);
}
export type ActivityRow = ActivityTable & { org_unit_name: string; invited: number | string | null; attended: number | string | null };

export type ActivityFilter = { unitPath?: string; kind?: string; placeKind?: string; from?: string; to?: string; topic?: string };

function filteredActivities(scope: Scope, db: Tx, f: ActivityFilter) {
  let q = activities(db).where(inScope(scope, 'a.org_path'));
  if (f.unitPath) q = q.where(pathWithin('a.org_path', f.unitPath));
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.placeKind) q = q.where('a.place_kind', '=', f.placeKind);
  if (f.from) q = q.where('a.held_on', '>=', f.from);
  if (f.to) q = q.where('a.held_on', '<=', f.to);
  if (f.topic) q = q.where('a.topic', 'like', `%${f.topic.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listActivities(scope: Scope, db: Db, f: ActivityFilter & { page: number; pageSize: number }) {
  const q = filteredActivities(scope, db, f);
  const items = (await q.orderBy('a.held_on', 'desc').orderBy('a.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()) as ActivityRow[];
  return { items, ...(await cappedCount(db, q)) };
}

export async function activityChunk(scope: Scope, db: Db, f: ActivityFilter, after: { path: string; id: string } | null, limit: number): Promise<ActivityRow[]> {
  let q = filteredActivities(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('a.org_path', '>', after.path), eb.and([eb('a.org_path', '=', after.path), eb('a.id', '>', after.id)])]));
  return (await q.orderBy('a.org_path').orderBy('a.id').limit(limit).execute()) as ActivityRow[];
}

export async function getActivity(scope: Scope, db: Tx, id: string): Promise<ActivityRow | undefined> {
  return (await activities(db).where('a.id', '=', id).where(inScope(scope, 'a.org_path')).executeTakeFirst()) as ActivityRow | undefined;
}

export async function insertActivity(scope: Scope, db: Tx, row: Stored<ActivityTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('activity outside scope');
  await db.insertInto('activities').values(row).execute();
}

/** Changes an activity's facts (the caller's range; optimistic on the version); false when stale. */
export async function updateActivity(scope: Scope, db: Tx, id: string, version: number, patch: Pick<ActivityTable, 'topic' | 'kind' | 'place_kind' | 'place' | 'held_on' | 'note' | 'updated_at'>): Promise<boolean> {
  const r = await db.updateTable('activities').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).where(inScope(scope, 'org_path')).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether anyone's attendance was marked for the activity. */
export async function attendanceMarked(db: Tx, activityId: string): Promise<boolean> {
  return !!(await db.selectFrom('activity_attendees').select('recipient_id').where('activity_id', '=', activityId).where('attended', 'is not', null).executeTakeFirst());
}

/** Bumps an activity's version (invitations and attendance are versioned through it); false when stale. */
export async function touchActivity(scope: Scope, db: Tx, id: string, version: number, at: string): Promise<boolean> {
  const r = await db.updateTable('activities').set({ version: version + 1, updated_at: at }).where('id', '=', id).where('version', '=', version).where(inScope(scope, 'org_path')).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type AttendeeRow = { recipient_id: string; name: string; id_number_masked: string; org_unit_name: string; attended: number | null; invited_at: string; org_path: string };

/** The people invited to an activity of the caller's range (the activity was checked by the caller). */
export async function attendeesOf(db: Tx, activityId: string): Promise<AttendeeRow[]> {
  return db
    .selectFrom('activity_attendees as x')
    .innerJoin('recipients as r', 'r.id', 'x.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .select(['x.recipient_id', 'r.name', 'r.id_number_masked', 'u.name as org_unit_name', 'x.attended', 'x.invited_at', 'r.org_path'])
    .where('x.activity_id', '=', activityId)
    .orderBy('r.org_path')
    .orderBy('r.name')
    .orderBy('x.recipient_id')
    .execute();
}

/** The invited names of the activities given (the ledger's 参加人员 column): attended ones only. */
export async function attendedNamesOf(db: Tx, activityIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!activityIds.length) return out;
  const rows = await db
    .selectFrom('activity_attendees as x')
    .innerJoin('recipients as r', 'r.id', 'x.recipient_id')
    .select(['x.activity_id', 'r.name'])
    .where('x.activity_id', 'in', [...activityIds])
    .where('x.attended', '=', 1)
    .orderBy('x.activity_id')
    .orderBy('r.org_path')
    .orderBy('r.name')
    .execute();
  for (const r of rows) out.set(r.activity_id, [...(out.get(r.activity_id) ?? []), r.name]);
  return out;
}

export async function invitedIdsOf(db: Tx, activityId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('activity_attendees').select('recipient_id').where('activity_id', '=', activityId).execute();
  return new Set(rows.map((r) => r.recipient_id));
}

export async function insertInvitations(db: Tx, activityId: string, recipientIds: readonly string[], by: string, at: string): Promise<void> {
  if (!recipientIds.length) return;
  await db
    .insertInto('activity_attendees')
    .values(recipientIds.map((recipient_id) => ({ activity_id: activityId, recipient_id, attended: null, invited_by: by, invited_at: at, marked_by: null, marked_at: null })))
    .execute();
}

export async function markAttendance(db: Tx, activityId: string, recipientId: string, attended: boolean, by: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('activity_attendees')
    .set({ attended: attended ? 1 : 0, marked_by: by, marked_at: at })
    .where('activity_id', '=', activityId)
    .where('recipient_id', '=', recipientId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A person's activities (the person is in the caller's range: checked by the caller), newest first. */
export async function activitiesOfRecipient(db: Tx, recipientId: string) {
  return db
    .selectFrom('activity_attendees as x')
    .innerJoin('activities as a', 'a.id', 'x.activity_id')
    .innerJoin('org_units as u', 'u.id', 'a.org_unit_id')
    .select(['a.id', 'a.topic', 'a.kind', 'a.place_kind', 'a.place', 'a.held_on', 'u.name as org_unit_name', 'x.attended'])
    .where('x.recipient_id', '=', recipientId)
    .orderBy('a.held_on', 'desc')
    .orderBy('a.id', 'desc')
    .limit(200)
    .execute();
}

// ---- the gazetteer list: the registry's people with a ground ----

function gazetteerPeople(scope: Scope, db: Tx, f: { unitPath?: string; name?: string }) {
  const levels = sql.join(GAZETTEER_HONOR_LEVELS.map((l) => sql`${l}`));
  let q = db
    .selectFrom('recipients as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .where(inScope(scope, 'r.org_path'))
    .where('r.status', '=', 'registered')
    .where('r.merged_into', 'is', null)
    .where(
      sql<SqlBool>`((r.key_groups & ${gazetteerBits.merit2}) <> 0 or (r.care_mask & ${gazetteerBits.war}) <> 0 or exists (select 1 from exemplars x where x.recipient_id = r.id and x.status <> 'withdrawn' and x.honor_level in (${levels})))`,
    )
    .select((eb) => [
      'r.id',
      'r.name',
      'r.id_number_masked',
      'r.org_path',
      'r.key_groups',
      'r.care_mask',
      'u.name as org_unit_name',
      eb
        .selectFrom('exemplars as x')
        .whereRef('x.recipient_id', '=', 'r.id')
        .where('x.status', '<>', 'withdrawn')
        .where(inScope(scope, 'x.org_path'))
        .select('x.id')
        .orderBy('x.created_at', 'desc')
        .orderBy('x.id', 'desc')
        .limit(1)
        .as('exemplar_id'),
      eb
        .selectFrom('exemplars as x')
        .whereRef('x.recipient_id', '=', 'r.id')
        .where('x.status', '<>', 'withdrawn')
        .where('x.honor_level', 'in', [...GAZETTEER_HONOR_LEVELS])
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('honored'),
    ]);
  if (f.unitPath) q = q.where(pathWithin('r.org_path', f.unitPath));
  if (f.name) q = q.where('r.name', 'like', `%${f.name.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listGazetteer(scope: Scope, db: Db, f: { unitPath?: string; name?: string; page: number; pageSize: number }) {
  const q = gazetteerPeople(scope, db, f);
  const items = await q.orderBy('r.org_path').orderBy('r.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The status of some exemplars of the caller's range, by id. */
export async function exemplarStatuses(scope: Scope, db: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('exemplars').select(['id', 'status']).where('id', 'in', [...ids]).where(inScope(scope, 'org_path')).execute();
  return new Map(rows.map((r) => [r.id, r.status]));
}
