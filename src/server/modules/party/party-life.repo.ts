// The only place with SQL for branch meetings 三会一课/主题党日 and volunteer teams 志愿服务队/示范岗.
// Every query takes the caller's scope first. A meeting lies under its branch's unit (its attendance
// rows through it); a team under its unit (members, activities and participants through it).
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { PartyMeetingAttendanceTable, PartyMeetingTable, VolunteerActivityTable, VolunteerTeamTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathAtOrAbove, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';
import { PARTY_POLITICAL_STATUSES } from './party.repo';

const memberStatuses = Object.keys(PARTY_POLITICAL_STATUSES);

// ---- meetings ----

function meetings(db: Tx) {
  const attended = (kind: 'present' | 'absent' | 'excused') =>
    db
      .selectFrom('party_meeting_attendance as a')
      .where('a.meeting_id', '=', sql.ref<string>('m.id'))
      .where('a.attendance', '=', kind)
      .select((e) => e.fn.countAll<number>().as('n'));
  return db
    .selectFrom('party_meetings as m')
    .innerJoin('party_branches as b', 'b.id', 'm.branch_id')
    .innerJoin('org_units as u', 'u.id', 'm.org_unit_id')
    .selectAll('m')
    .select(['b.name as branch_name', 'u.name as org_unit_name'])
    .select([attended('present').as('present'), attended('absent').as('absent'), attended('excused').as('excused')]);
}
export type MeetingRow = PartyMeetingTable & { branch_name: string; org_unit_name: string; present: number | string | null; absent: number | string | null; excused: number | string | null };

export type MeetingFilter = { unitPath?: string; branchId?: string; kind?: string; from?: string; to?: string };

function filteredMeetings(scope: Scope, db: Tx, f: MeetingFilter) {
  let q = meetings(db).where(inScope(scope, 'm.org_path'));
  if (f.unitPath) q = q.where(pathWithin('m.org_path', f.unitPath));
  if (f.branchId) q = q.where('m.branch_id', '=', f.branchId);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.from) q = q.where('m.held_on', '>=', f.from);
  if (f.to) q = q.where('m.held_on', '<=', f.to);
  return q;
}

export async function listMeetings(scope: Scope, db: Db, f: MeetingFilter & { page: number; pageSize: number }) {
  const q = filteredMeetings(scope, db, f);
  const items = (await q.orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()) as MeetingRow[];
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows by day, a chunk at a time after (held_on, id). */
export async function meetingChunk(scope: Scope, db: Db, f: MeetingFilter, after: { day: string; id: string } | null, limit: number): Promise<MeetingRow[]> {
  let q = filteredMeetings(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('m.held_on', '>', after.day), eb.and([eb('m.held_on', '=', after.day), eb('m.id', '>', after.id)])]));
  return (await q.orderBy('m.held_on').orderBy('m.id').limit(limit).execute()) as MeetingRow[];
}

export async function getMeeting(scope: Scope, db: Tx, id: string): Promise<MeetingRow | undefined> {
  return (await meetings(db).where('m.id', '=', id).where(inScope(scope, 'm.org_path')).executeTakeFirst()) as MeetingRow | undefined;
}

export type AttendanceRow = PartyMeetingAttendanceTable & { name: string; org_unit_name: string };

/** The attendance of meetings (all rows: the meetings are the caller's, checked before). */
export async function attendanceOf(db: Tx, meetingIds: string[]): Promise<AttendanceRow[]> {
  if (!meetingIds.length) return [];
  return db
    .selectFrom('party_meeting_attendance as a')
    .innerJoin('recipients as r', 'r.id', 'a.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .selectAll('a')
    .select(['r.name', 'u.name as org_unit_name'])
    .where('a.meeting_id', 'in', meetingIds)
    .orderBy('r.org_path')
    .orderBy('r.name')
    .execute();
}

export async function insertMeeting(scope: Scope, db: Tx, row: Stored<PartyMeetingTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('party meeting outside scope');
  await db.insertInto('party_meetings').values(row).execute();
}

export async function updateMeeting(
  scope: Scope,
  db: Tx,
  id: string,
  version: number,
  patch: Pick<PartyMeetingTable, 'kind' | 'held_on' | 'topic' | 'place' | 'host' | 'content' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('party_meetings')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces a meeting's attendance (the meeting is the caller's, written in the same transaction). */
export async function replaceAttendance(db: Tx, meetingId: string, rows: PartyMeetingAttendanceTable[]): Promise<void> {
  await db.deleteFrom('party_meeting_attendance').where('meeting_id', '=', meetingId).execute();
  if (rows.length) await db.insertInto('party_meeting_attendance').values(rows).execute();
}

/** The party members of the caller's range whose branch this is now. */
export async function currentBranchMembers(scope: Scope, db: Tx, branchId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('party_memberships as pm')
    .innerJoin('recipients as r', 'r.id', 'pm.recipient_id')
    .select(['r.id', 'r.name'])
    .where('pm.branch_id', '=', branchId)
    .where('r.political_status', 'in', memberStatuses)
    .where('r.merged_into', 'is', null)
    .where('r.status', '=', 'registered')
    .where(inScope(scope, 'r.org_path'))
    .execute();
}

/** A member's attendance at the meetings of branches the caller sees (kept in the range or above the caller's unit). */
export async function meetingsOfMember(scope: Scope, db: Tx, recipientId: string) {
  return db
    .selectFrom('party_meeting_attendance as a')
    .innerJoin('party_meetings as m', 'm.id', 'a.meeting_id')
    .innerJoin('party_branches as b', 'b.id', 'm.branch_id')
    .select(['m.id', 'm.kind', 'm.held_on', 'm.topic', 'b.name as branch_name', 'a.attendance', 'a.reason'])
    .where('a.recipient_id', '=', recipientId)
    .where((eb) => eb.or([inScope(scope, 'm.org_path'), pathAtOrAbove('m.org_path', scope.path)]))
    .orderBy('m.held_on', 'desc')
    .limit(500)
    .execute();
}

/** The active branches kept in the unit's range, with their meetings per kind held in [from, to]. */
export async function meetingCountsByBranch(scope: Scope, db: Db, unitPath: string, from: string, to: string) {
  const branches = await db
    .selectFrom('party_branches as b')
    .innerJoin('org_units as u', 'u.id', 'b.org_unit_id')
    .select(['b.id', 'b.name', 'u.name as org_unit_name'])
    .where(inScope(scope, 'b.org_path'))
    .where(pathWithin('b.org_path', unitPath))
    .where('b.active', '=', 1)
    .orderBy('b.org_path')
    .orderBy('b.name')
    .limit(1000)
    .execute();
  const counts = await db
    .selectFrom('party_meetings as m')
    .select(['m.branch_id', 'm.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inScope(scope, 'm.org_path'))
    .where(pathWithin('m.org_path', unitPath))
    .where('m.held_on', '>=', from)
    .where('m.held_on', '<=', to)
    .groupBy(['m.branch_id', 'm.kind'])
    .execute();
  return { branches, counts: counts.map((c) => ({ branchId: c.branch_id, kind: c.kind, n: Number(c.n) })) };
}

// ---- volunteer teams ----

function teams(db: Tx) {
  return db
    .selectFrom('volunteer_teams as t')
    .innerJoin('org_units as u', 'u.id', 't.org_unit_id')
    .leftJoin('recipients as l', 'l.id', 't.leader_id')
    .selectAll('t')
    .select((eb) => [
      'u.name as org_unit_name',
      'l.name as leader_name',
      eb
        .selectFrom('volunteer_team_members as tm')
        .whereRef('tm.team_id', '=', 't.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('member_count'),
      eb
        .selectFrom('volunteer_activities as a')
        .whereRef('a.team_id', '=', 't.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('activity_count'),
      eb
        .selectFrom('volunteer_activities as a')
        .innerJoin('volunteer_activity_people as p', 'p.activity_id', 'a.id')
        .whereRef('a.team_id', '=', 't.id')
        .select(sql<number>`sum(a.hours_tenths)`.as('n'))
        .as('person_tenths'),
      eb
        .selectFrom('volunteer_activities as a')
        .whereRef('a.team_id', '=', 't.id')
        .select((e) => e.fn.max('a.held_on').as('d'))
        .as('last_activity_on'),
    ]);
}
export type TeamRow = VolunteerTeamTable & {
  org_unit_name: string;
  leader_name: string | null;
  member_count: number | string | null;
  activity_count: number | string | null;
  person_tenths: number | string | null;
  last_activity_on: string | null;
};

export type TeamFilter = { unitPath?: string; kind?: string; name?: string };

function filteredTeams(scope: Scope, db: Tx, f: TeamFilter) {
  let q = teams(db).where(inScope(scope, 't.org_path'));
  if (f.unitPath) q = q.where(pathWithin('t.org_path', f.unitPath));
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.name) q = q.where('t.name', 'like', `%${f.name.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listTeams(scope: Scope, db: Db, f: TeamFilter & { page: number; pageSize: number }) {
  const q = filteredTeams(scope, db, f);
  const items = (await q.orderBy('t.org_path').orderBy('t.name').orderBy('t.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()) as TeamRow[];
  return { items, ...(await cappedCount(db, q)) };
}

export async function teamChunk(scope: Scope, db: Db, f: TeamFilter, after: { path: string; id: string } | null, limit: number): Promise<TeamRow[]> {
  let q = filteredTeams(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('t.org_path', '>', after.path), eb.and([eb('t.org_path', '=', after.path), eb('t.id', '>', after.id)])]));
  return (await q.orderBy('t.org_path').orderBy('t.id').limit(limit).execute()) as TeamRow[];
}

export async function getTeam(scope: Scope, db: Tx, id: string): Promise<TeamRow | undefined> {
  return (await teams(db).where('t.id', '=', id).where(inScope(scope, 't.org_path')).executeTakeFirst()) as TeamRow | undefined;
}

export async function teamMembers(db: Tx, teamIds: string[]) {
  if (!teamIds.length) return [];
  return db
    .selectFrom('volunteer_team_members as tm')
    .innerJoin('recipients as r', 'r.id', 'tm.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .select(['tm.team_id', 'r.id', 'r.name', 'u.name as org_unit_name'])
    .where('tm.team_id', 'in', teamIds)
    .orderBy('r.org_path')
    .orderBy('r.name')
    .execute();
}

/** A team's activities, newest first, with their participants; hours in tenths; `from`/`to` bound the day. */
export async function teamActivities(db: Tx, teamIds: string[], from?: string, to?: string) {
  if (!teamIds.length) return [];
  let q = db.selectFrom('volunteer_activities as a').selectAll('a').where('a.team_id', 'in', teamIds);
  if (from) q = q.where('a.held_on', '>=', from);
  if (to) q = q.where('a.held_on', '<=', to);
  const acts = await q.orderBy('a.held_on', 'desc').orderBy('a.id', 'desc').limit(5000).execute();
  const people = acts.length
    ? await db
        .selectFrom('volunteer_activity_people as p')
        .innerJoin('recipients as r', 'r.id', 'p.recipient_id')
        .select(['p.activity_id', 'r.id', 'r.name'])
        .where(
          'p.activity_id',
          'in',
          acts.map((a) => a.id),
        )
        .orderBy('r.name')
        .execute()
    : [];
  return acts.map((a) => ({ ...a, people: people.filter((p) => p.activity_id === a.id).map((p) => ({ id: p.id, name: p.name })) }));
}

export async function insertTeam(scope: Scope, db: Tx, row: Stored<VolunteerTeamTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('volunteer team outside scope');
  await db.insertInto('volunteer_teams').values(row).execute();
}

export async function updateTeam(
  scope: Scope,
  db: Tx,
  id: string,
  version: number,
  patch: Pick<VolunteerTeamTable, 'kind' | 'name' | 'field' | 'leader_id' | 'founded_on' | 'description' | 'active' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('volunteer_teams')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces a team's members (the team is the caller's, written in the same transaction). */
export async function replaceTeamMembers(db: Tx, teamId: string, recipientIds: string[]): Promise<void> {
  await db.deleteFrom('volunteer_team_members').where('team_id', '=', teamId).execute();
  if (recipientIds.length) await db.insertInto('volunteer_team_members').values(recipientIds.map((recipient_id) => ({ team_id: teamId, recipient_id }))).execute();
}

/** Adds an activity to a team of the caller's (checked in the same transaction), with its participants. */
export async function insertActivity(db: Tx, row: VolunteerActivityTable, participantIds: string[]): Promise<void> {
  await db.insertInto('volunteer_activities').values(row).execute();
  await db
    .insertInto('volunteer_activity_people')
    .values(participantIds.map((recipient_id) => ({ activity_id: row.id, recipient_id })))
    .execute();
}

/** Registered, unmerged recipients of the caller's range within `unitPath`, among `ids`. */
export async function recipientsWithin(scope: Scope, db: Tx, ids: string[], unitPath: string): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('recipients')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('merged_into', 'is', null)
    .where('status', '=', 'registered')
    .where(inScope(scope, 'org_path'))
    .where(pathWithin('org_path', unitPath))
    .execute();
}
