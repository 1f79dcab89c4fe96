// Branch meetings 三会一课/主题党日 with their attendance, and volunteer teams 志愿服务队 / model posts
// 模范示范岗 with members and activities (issue 15; Part 3 四(六), §17). Plain records of the party
// module: no status, no workflow. A meeting is recorded by the unit that keeps the branch (or above)
// with the attendance of every current member of the branch; a team's members are registered
// recipients of its unit's range; an activity's participants are the team's members. Every write is
// versioned where it edits, all-or-nothing in one transaction, and audited.
import { auditAction } from '../../platform/audit.repo';
import { hasPermission } from '../../../shared/permissions';
import {
  partyMeetingKindLabels,
  partyMeetingKinds,
  partyMeetingsRequired,
  volunteerTeamKindLabels,
  type PartyAttendanceInput,
  type PartyMeetingDetail,
  type PartyMeetingDto,
  type PartyMeetingFigures,
  type PartyMeetingFiguresQuery,
  type PartyMeetingInput,
  type PartyMeetingKind,
  type PartyMeetingLedgerQuery,
  type PartyMeetingQuery,
  type PartyMeetingUpdate,
  type PartyMemberMeetings,
  type VolunteerActivityInput,
  type VolunteerTeamDetail,
  type VolunteerTeamDto,
  type VolunteerTeamInput,
  type VolunteerTeamLedgerQuery,
  type VolunteerTeamQuery,
  type VolunteerTeamUpdate,
} from '../../../shared/schemas/party-life';
import { periodDays } from '../../../shared/rules/periods';
import { transaction, type Tx } from '../../db/transaction';
import type { AuthContext } from '../../platform/auth';
import { today } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { branchInScope, branchVisibleTo, recipientInScope } from './party.repo';

import {
  attendanceOf,
  currentBranchMembers,
  getMeeting,
  getTeam,
  insertActivity,
  insertMeeting,
  insertTeam,
  listMeetings,
  listTeams,
  meetingCountsByBranch,
  meetingsOfMember,
  recipientsWithin,
  replaceAttendance,
  replaceTeamMembers,
  teamActivities,
  teamMembers,
  updateMeeting,
  updateTeam,
  type MeetingFilter,
  type MeetingRow,
  type TeamFilter,
  type TeamRow,
} from './party-life.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;
const mayWrite = (auth: AuthContext) => hasPermission(auth.roles, 'party:write');
const names = (list: { name: string }[]) => list.map((p) => p.name).join('、');

// ---- branch meetings 三会一课 / 主题党日 ----

export function toMeetingDto(m: MeetingRow): PartyMeetingDto {
  return {
    id: m.id,
    version: m.version,
    branchId: m.branch_id,
    branchName: m.branch_name,
    orgUnitId: m.org_unit_id,
    orgUnitName: m.org_unit_name,
    kind: m.kind as PartyMeetingKind,
    heldOn: m.held_on,
    topic: m.topic,
    place: m.place,
    host: m.host,
    present: Number(m.present ?? 0),
    absent: Number(m.absent ?? 0),
    excused: Number(m.excused ?? 0),
    createdAt: m.created_at,
    updatedAt: m.updated_at,
  };
}

export async function meetingFilter(ctx: AppContext, auth: AuthContext, q: PartyMeetingLedgerQuery): Promise<MeetingFilter> {
  const days = q.period ? periodDays(q.period) : null;
  return { unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined, branchId: q.branchId, kind: q.kind, from: days?.from, to: days?.to };
}

export async function searchMeetings(ctx: AppContext, auth: AuthContext, q: PartyMeetingQuery) {
  const f = await meetingFilter(ctx, auth, q);
  const r = await listMeetings(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map(toMeetingDto), page: q.page, pageSize: q.pageSize };
}

export async function meetingDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<PartyMeetingDetail> {
  const m = await getMeeting(auth.scope, ctx.db, id);
  if (!m) throw notFound('支部会议');
  const attendance = await attendanceOf(ctx.db, [id]);
  return {
    ...toMeetingDto(m),
    content: m.content,
    attendance: attendance.map((a) => ({ recipientId: a.recipient_id, name: a.name, orgUnitName: a.org_unit_name, attendance: a.attendance as PartyAttendanceInput['attendance'], reason: a.reason })),
    canEdit: mayWrite(auth),
  };
}

/** The attendance must name only `allowed` people and every one of `required`. */
function checkAttendance(list: PartyAttendanceInput[], allowed: Map<string, string>, required: { id: string; name: string }[]) {
  const listed = new Set(list.map((a) => a.recipientId));
  if (list.some((a) => !allowed.has(a.recipientId))) throw badRequest('出勤名单中有不是该党支部党员的人员，请刷新后重新登记', [{ path: 'attendance', message: '不是该党支部的党员' }]);
  const missing = required.filter((p) => !listed.has(p.id));
  if (missing.length) throw badRequest(`请登记每名党员的出勤情况（尚缺：${names(missing.slice(0, 10))}${missing.length > 10 ? ` 等 ${missing.length} 人` : ''}）`, [{ path: 'attendance', message: '出勤名单不全' }]);
}

function checkHeldOn(ctx: AppContext, heldOn: string) {
  if (heldOn > today(ctx)) throw badRequest('会议日期不能晚于今天', [{ path: 'heldOn', message: '不能晚于今天' }]);
}

const attendanceRows = (meetingId: string, list: PartyAttendanceInput[]) =>
  list.map((a) => ({ meeting_id: meetingId, recipient_id: a.recipientId, attendance: a.attendance, reason: a.attendance === 'present' ? '' : a.reason }));

export async function createMeeting(ctx: AppContext, auth: AuthContext, input: PartyMeetingInput, ip: Ip): Promise<PartyMeetingDetail> {
  const b = await branchInScope(auth.scope, ctx.db, input.branchId);
  if (!b) {
    if (await branchVisibleTo(auth.scope, ctx.db, input.branchId)) throw badRequest('该党支部由上级单位设立，其会议请由上级单位登记', [{ path: 'branchId', message: '不是本单位或下级单位的党支部' }]);
    throw notFound('党支部');
  }
  if (b.active !== 1) throw badRequest(`“${b.name}”已停用，不能登记会议`, [{ path: 'branchId', message: '党支部已停用' }]);
  checkHeldOn(ctx, input.heldOn);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    const current = await currentBranchMembers(auth.scope, trx, b.id);
    checkAttendance(input.attendance, new Map(current.map((p) => [p.id, p.name])), current);
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, b.org_unit_id);
    await insertMeeting(auth.scope, trx, {
      id,
      ...placedAt(stored),
      branch_id: b.id,
      kind: input.kind,
      held_on: input.heldOn,
      topic: input.topic,
      place: input.place,
      host: input.host,
      content: input.content,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await replaceAttendance(trx, id, attendanceRows(id, input.attendance));
    const present = input.attendance.filter((a) => a.attendance === 'present').length;
    await auditAction(trx, ctx, auth, 'party-meeting.create', 'party-meeting', id, ip, `${b.name} ${input.heldOn} ${partyMeetingKindLabels[input.kind]}「${input.topic}」 出席 ${present}/${input.attendance.length}`);
  });
  return meetingDetail(ctx, auth, id);
}

const STALE_MEETING = '该会议记录已被他人修改，请刷新后再操作（您的修改未保存）';

/** Changes a meeting; its attendance keeps everyone recorded before and may add the branch's current members. */
export async function changeMeeting(ctx: AppContext, auth: AuthContext, id: string, input: PartyMeetingUpdate, ip: Ip): Promise<PartyMeetingDetail> {
  const m = await getMeeting(auth.scope, ctx.db, id);
  if (!m) throw notFound('支部会议');
  if (m.version !== input.version) throw conflict(STALE_MEETING);
  checkHeldOn(ctx, input.heldOn);
  await transaction(ctx.db, async (trx) => {
    const before = (await attendanceOf(trx, [id])).map((a) => ({ id: a.recipient_id, name: a.name }));
    const current = await currentBranchMembers(auth.scope, trx, m.branch_id);
    checkAttendance(input.attendance, new Map([...current, ...before].map((p) => [p.id, p.name])), before);
    const done = await updateMeeting(auth.scope, trx, id, input.version, {
      kind: input.kind,
      held_on: input.heldOn,
      topic: input.topic,
      place: input.place,
      host: input.host,
      content: input.content,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!done) throw conflict(STALE_MEETING);
    await replaceAttendance(trx, id, attendanceRows(id, input.attendance));
    await auditAction(trx, ctx, auth, 'party-meeting.update', 'party-meeting', id, ip, `${m.branch_name} ${input.heldOn} ${partyMeetingKindLabels[input.kind]}「${input.topic}」`);
  });
  return meetingDetail(ctx, auth, id);
}

/** A party member's attendance history, at the meetings of branches the caller sees. */
export async function memberMeetings(ctx: AppContext, auth: AuthContext, recipientId: string): Promise<PartyMemberMeetings> {
  if (!(await recipientInScope(auth.scope, ctx.db, recipientId))) throw notFound('服务对象');
  const rows = await meetingsOfMember(auth.scope, ctx.db, recipientId);
  const items = rows.map((r) => ({ meetingId: r.id, kind: r.kind as PartyMeetingKind, heldOn: r.held_on, topic: r.topic, branchName: r.branch_name, attendance: r.attendance as PartyAttendanceInput['attendance'], reason: r.reason }));
  const n = (k: string) => items.filter((i) => i.attendance === k).length;
  return { items, present: n('present'), absent: n('absent'), excused: n('excused') };
}

/**
 * Meetings held in the period by each active branch kept in the chosen unit's range, per kind, and
 * which kinds met the usual frequency; each count is what the list gives with that branch, kind and period.
 */
export async function meetingFigures(ctx: AppContext, auth: AuthContext, q: PartyMeetingFiguresQuery): Promise<PartyMeetingFigures> {
  const unit = await requireUnit(ctx, auth, q.orgUnitId ?? auth.unit.id);
  const days = periodDays(q.period);
  if (!days) throw badRequest('期间格式应为 YYYY-MM、YYYY-Q1 至 Q4 或 YYYY', [{ path: 'period', message: '期间格式不正确' }]);
  const { branches, counts } = await meetingCountsByBranch(auth.scope, ctx.db, unit.path, days.from, days.to);
  const zero = () => Object.fromEntries(partyMeetingKinds.map((k) => [k, 0])) as Record<PartyMeetingKind, number>;
  const required = zero();
  for (const k of partyMeetingKinds) required[k] = partyMeetingsRequired(k, q.period);
  const rows = branches.map((b) => {
    const held = zero();
    for (const c of counts) if (c.branchId === b.id && c.kind in held) held[c.kind as PartyMeetingKind] = c.n;
    return { branchId: b.id, branchName: b.name, orgUnitName: b.org_unit_name, held, met: partyMeetingKinds.filter((k) => held[k] >= required[k]) };
  });
  return { orgUnitId: unit.id, period: q.period, required, rows, branchesMet: rows.filter((r) => r.met.length === partyMeetingKinds.length).length };
}

// ---- volunteer teams 志愿服务队 / model posts 模范示范岗 ----

export function toTeamDto(t: TeamRow): VolunteerTeamDto {
  return {
    id: t.id,
    version: t.version,
    orgUnitId: t.org_unit_id,
    orgUnitName: t.org_unit_name,
    kind: t.kind as VolunteerTeamDto['kind'],
    name: t.name,
    field: t.field as VolunteerTeamDto['field'],
    leaderId: t.leader_id,
    leaderName: t.leader_name,
    foundedOn: t.founded_on,
    description: t.description,
    active: t.active === 1,
    memberCount: Number(t.member_count ?? 0),
    activityCount: Number(t.activity_count ?? 0),
    personHours: Number(t.person_tenths ?? 0) / 10,
    lastActivityOn: t.last_activity_on ?? null,
  };
}

export async function teamFilter(ctx: AppContext, auth: AuthContext, q: VolunteerTeamLedgerQuery | VolunteerTeamQuery): Promise<TeamFilter> {
  return { unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined, kind: q.kind, name: q.name || undefined };
}

export async function searchTeams(ctx: AppContext, auth: AuthContext, q: VolunteerTeamQuery) {
  const f = await teamFilter(ctx, auth, q);
  const r = await listTeams(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map(toTeamDto), page: q.page, pageSize: q.pageSize };
}

export async function teamDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<VolunteerTeamDetail> {
  const t = await getTeam(auth.scope, ctx.db, id);
  if (!t) throw notFound('志愿服务队或示范岗');
  const members = await teamMembers(ctx.db, [id]);
  const acts = await teamActivities(ctx.db, [id]);
  return {
    ...toTeamDto(t),
    members: members.map((m) => ({ recipientId: m.id, name: m.name, orgUnitName: m.org_unit_name })),
    activities: acts.map((a) => ({ id: a.id, heldOn: a.held_on, content: a.content, place: a.place, hours: Number(a.hours_tenths) / 10, participants: a.people.map((p) => ({ recipientId: p.id, name: p.name })) })),
    canEdit: mayWrite(auth),
  };
}

function checkFounded(ctx: AppContext, foundedOn: string | null) {
  if (foundedOn && foundedOn > today(ctx)) throw badRequest('成立日期不能晚于今天', [{ path: 'foundedOn', message: '不能晚于今天' }]);
}

async function checkMembers(auth: AuthContext, trx: Tx, ids: string[], unitPath: string) {
  const found = await recipientsWithin(auth.scope, trx, ids, unitPath);
  if (found.length !== ids.length) throw badRequest('成员须是本单位辖区内已入库的服务对象', [{ path: 'memberIds', message: '不可选的人员' }]);
}

export async function createTeam(ctx: AppContext, auth: AuthContext, input: VolunteerTeamInput, ip: Ip): Promise<VolunteerTeamDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  checkFounded(ctx, input.foundedOn);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    await checkMembers(auth, trx, input.memberIds, unit.path);
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertTeam(auth.scope, trx, {
      id,
      ...placedAt(stored),
      kind: input.kind,
      name: input.name,
      field: input.field,
      leader_id: input.leaderId,
      founded_on: input.foundedOn,
      description: input.description,
      active: 1,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await replaceTeamMembers(trx, id, input.memberIds);
    await auditAction(trx, ctx, auth, 'volunteer-team.create', 'volunteer-team', id, ip, `${unit.name} ${volunteerTeamKindLabels[input.kind]} ${input.name}，成员 ${input.memberIds.length} 人`);
  });
  return teamDetail(ctx, auth, id);
}

const STALE_TEAM = '该队伍（岗位）信息已被他人修改，请刷新后再操作（您的修改未保存）';

export async function changeTeam(ctx: AppContext, auth: AuthContext, id: string, input: VolunteerTeamUpdate, ip: Ip): Promise<VolunteerTeamDetail> {
  const t = await getTeam(auth.scope, ctx.db, id);
  if (!t) throw notFound('志愿服务队或示范岗');
  if (t.version !== input.version) throw conflict(STALE_TEAM);
  checkFounded(ctx, input.foundedOn);
  await transaction(ctx.db, async (trx) => {
    await checkMembers(auth, trx, input.memberIds, t.org_path);
    const done = await updateTeam(auth.scope, trx, id, input.version, {
      kind: input.kind,
      name: input.name,
      field: input.field,
      leader_id: input.leaderId,
      founded_on: input.foundedOn,
      description: input.description,
      active: input.active ? 1 : 0,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!done) throw conflict(STALE_TEAM);
    await replaceTeamMembers(trx, id, input.memberIds);
    await auditAction(trx, ctx, auth, 'volunteer-team.update', 'volunteer-team', id, ip, `${t.org_unit_name} ${input.name}，成员 ${input.memberIds.length} 人${input.active ? '' : '（停用）'}`);
  });
  return teamDetail(ctx, auth, id);
}

export async function addActivity(ctx: AppContext, auth: AuthContext, id: string, input: VolunteerActivityInput, ip: Ip): Promise<VolunteerTeamDetail> {
  const t = await getTeam(auth.scope, ctx.db, id);
  if (!t) throw notFound('志愿服务队或示范岗');
  if (t.active !== 1) throw badRequest(`“${t.name}”已停用，不能登记活动`, [{ path: 'id', message: '已停用' }]);
  if (input.heldOn > today(ctx)) throw badRequest('活动日期不能晚于今天', [{ path: 'heldOn', message: '不能晚于今天' }]);
  if (t.founded_on && input.heldOn < t.founded_on) throw badRequest(`活动日期不能早于成立日期（${t.founded_on}）`, [{ path: 'heldOn', message: '不能早于成立日期' }]);
  if (new Set(input.participantIds).size !== input.participantIds.length) throw badRequest('参与人员重复', [{ path: 'participantIds', message: '参与人员重复' }]);
  const activityId = newId();
  await transaction(ctx.db, async (trx) => {
    const members = new Set((await teamMembers(trx, [id])).map((m) => m.id));
    if (input.participantIds.some((p) => !members.has(p))) throw badRequest('参与人员须是该队伍（岗位）的成员', [{ path: 'participantIds', message: '不是成员' }]);
    await insertActivity(
      trx,
      { id: activityId, team_id: id, held_on: input.heldOn, content: input.content, place: input.place, hours_tenths: Math.round(input.hours * 10), created_by: auth.userId, created_at: ctx.clock.now().toISOString() },
      input.participantIds,
    );
    await auditAction(trx, ctx, auth, 'volunteer-activity.create', 'volunteer-team', id, ip, `${t.name} ${input.heldOn} ${input.content}，${input.participantIds.length} 人 ${input.hours} 小时`);
  });
  return teamDetail(ctx, auth, id);
}

export async function auditPartyLifeExport(ctx: AppContext, auth: AuthContext, action: 'party-meeting.export' | 'volunteer-team.export', ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, action, action === 'party-meeting.export' ? 'party-meeting' : 'volunteer-team', null, ip, detail));
}
