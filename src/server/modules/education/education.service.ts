// Education 教育管理 (seed Part 3 四(二)(五), 五(二)(三), §18): exemplars 优秀退役军人典型 — their
// recommendation up the chain is the kernel case `exemplar` (education.cases.ts: no status set here,
// the history is the case's log), their documents files of the case — and learning activities
// 学习教育活动 with invitations and attendance (plain records: versioned through the activity, every
// multi-row write in one transaction, all or nothing). Every write is audited.
import { today } from '../../platform/clock';
import { hasPermission } from '../../../shared/permissions';
import { meritLevelLabels } from '../../../shared/schemas/recipients';
import {
  activityKindLabels,
  exemplarKindLabels,
  honorLevelLabels,
  type ActivityAttendance,
  type ActivityCreate,
  type ActivityUpdate,
  type ExemplarReviseBody,
  type ActivityDetail,
  type ActivityDto,
  type ActivityInvite,
  type ActivityLedgerQuery,
  type EducationOfRecipient,
  type ExemplarAction,
  type ExemplarActionBody,
  type ExemplarCreate,
  type ExemplarDetail,
  type ExemplarDto,
  type ExemplarLedgerQuery,
  type GazetteerPersonDto,
  type GazetteerQuery,
  type HonorLevel,
} from '../../../shared/schemas/education';
import { gazetteerGroundsOf } from '../../../shared/rules/gazetteer';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathInScope, pathIsWithin } from '../../platform/jurisdiction';
import { placedAt, unitForWrite, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { availableActions, openCase, performAction, readCaseLog, requireCase } from '../../cases/cases.service';
import { caseFilesOf } from '../../cases/case-files.repo';
import { toCaseFileDto } from '../../cases/case-files';
import { requireRecipient } from '../recipients';
import { EXEMPLAR_CASE_TYPE, FORWARDING_LEVELS, type ExemplarPayload } from './education.cases';
import {
  activitiesOfRecipient,
  attendeesOf,
  getActivity,
  getExemplar,
  insertActivity,
  insertExemplar,
  insertInvitations,
  invitedIdsOf,
  listActivities,
  listExemplars,
  listGazetteer,
  exemplarStatuses,
  markAttendance,
  openExemplarOf,
  recipientInScope,
  recipientsForActivity,
  touchActivity,
  updateActivity,
  attendanceMarked,
  unitByIdUnscoped,
  type ActivityFilter,
  type ActivityRow,
  type ExemplarFilter,
  type ExemplarRow,
} from './education.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;
export const EXEMPLAR_FILES = 'exemplar';

const mayWrite = (auth: AuthContext) => hasPermission(auth.roles, 'education:write');

// ---- exemplars 优秀退役军人典型 ----

export function toExemplarDto(r: ExemplarRow): ExemplarDto {
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    recipientIdMasked: r.recipient_id_masked,
    kind: r.kind as ExemplarDto['kind'],
    category: r.category as ExemplarDto['category'],
    honorLevel: r.honor_level as HonorLevel,
    title: r.title,
    status: r.status as ExemplarDto['status'],
    reviewingUnitId: r.status === 'reviewing' ? r.reviewing_unit_id : null,
    reviewingUnitName: r.status === 'reviewing' ? r.reviewing_unit_name : null,
    acceptedLevel: r.accepted_level,
    acceptedUnitName: r.accepted_unit_name,
    acceptedOn: r.accepted_on,
    gazetteer: gazetteerGroundsOf({ keyGroupMask: Number(r.key_groups), careMask: Number(r.care_mask), honorLevel: r.honor_level as HonorLevel }),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function exemplarFilter(ctx: AppContext, auth: AuthContext, q: ExemplarLedgerQuery): Promise<ExemplarFilter> {
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    recipientId: q.recipientId,
    status: q.status,
    kind: q.kind,
    category: q.category,
    gazetteer: q.gazetteer === undefined ? undefined : q.gazetteer === 'true',
    waitingOnUnitId: q.waitingOnMe === 'true' ? auth.unit.id : undefined,
    name: q.name || undefined,
  };
}

export async function searchExemplars(ctx: AppContext, auth: AuthContext, q: ExemplarLedgerQuery & { page: number; pageSize: number }) {
  const f = await exemplarFilter(ctx, auth, q);
  const r = await listExemplars(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map(toExemplarDto), page: q.page, pageSize: q.pageSize };
}

export async function requireExemplar(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<ExemplarRow> {
  const r = await getExemplar(auth.scope, db, id);
  if (!r) throw notFound('典型推荐');
  return r;
}

export async function exemplarDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<ExemplarDetail> {
  const r = await requireExemplar(ctx, auth, id);
  const c = await requireCase(ctx, auth.scope, id);
  const payload = JSON.parse(c.payload) as ExemplarPayload;
  const person = await requireRecipient(ctx, auth, r.recipient_id);
  const merits = (JSON.parse(person.merits || '[]') as { name: string; level: keyof typeof meritLevelLabels; year: number | null }[]).map(
    (m) => `${m.name}（${meritLevelLabels[m.level] ?? m.level}${m.year ? `，${m.year}年` : ''}）`,
  );
  const files = (await caseFilesOf(auth.scope, ctx.db, id, EXEMPLAR_FILES)).map(toCaseFileDto);
  const allowed = availableActions(c, auth).map((a) => a.name as ExemplarAction);
  return {
    ...toExemplarDto(r),
    reason: r.reason,
    merits,
    opinions: payload.opinions ?? [],
    files,
    log: await readCaseLog(auth.scope, ctx.db, id),
    allowed,
    canUpload: mayWrite(auth) && (r.status === 'reviewing' || r.status === 'returned' || r.status === 'accepted'),
  };
}

/**
 * Recommends a person of the caller's range: the recommending unit holds the person and lies below
 * city level; its parent reviews first. One open recommendation of a kind per person.
 */
export async function createExemplar(ctx: AppContext, auth: AuthContext, input: ExemplarCreate, ip: Ip): Promise<ExemplarDetail> {
  const person = await recipientInScope(auth.scope, ctx.db, input.recipientId);
  if (!person) throw notFound('服务对象');
  if (person.status !== 'registered') throw badRequest('该服务对象尚未通过信息采集审核入库，不能推荐为典型', [{ path: 'recipientId', message: '未入库' }]);
  if (person.death_date) throw badRequest('该服务对象已登记去世，不能推荐为典型', [{ path: 'recipientId', message: '已去世' }]);
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!pathIsWithin(person.org_path, unit.path)) throw badRequest('推荐单位须是该服务对象所在单位或其上级单位', [{ path: 'orgUnitId', message: '不是所在单位或其上级' }]);
  if (!FORWARDING_LEVELS.includes(unit.level)) throw badRequest('典型推荐由县级及以下单位逐级报送（村→乡镇→县→市）', [{ path: 'orgUnitId', message: '推荐单位应为县级及以下' }]);
  if (!unit.parent_id) throw badRequest('推荐单位没有上级单位，无法报送', [{ path: 'orgUnitId', message: '没有上级单位' }]);
  const at = ctx.clock.now().toISOString();
  const payload: ExemplarPayload = { recipientId: person.id, kind: input.kind, opinions: [], acceptedLevel: null, acceptedUnitName: null, acceptedOn: null };
  const id = await transaction(ctx.db, async (trx) => {
    if (await openExemplarOf(trx, person.id, input.kind)) throw conflict(`该服务对象已有正在审核的“${exemplarKindLabels[input.kind]}”推荐，请勿重复推荐`);
    const parent = await unitByIdUnscoped(trx, unit.parent_id as string);
    if (!parent || parent.active !== 1) throw badRequest('推荐单位没有上级单位，无法报送', [{ path: 'orgUnitId', message: '没有上级单位' }]);
    const owner = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const counterpart = await unitForWriteUnscoped(trx, ctx.dialect, parent.id);
    const caseId = await openCase(trx, ctx, auth, {
      type: EXEMPLAR_CASE_TYPE,
      owner,
      counterpart,
      subject: { type: 'recipient', id: person.id },
      title: `优秀退役军人典型推荐：${person.name}（${input.title}）`,
      payload,
      status: 'reviewing',
      action: 'open',
      data: { kind: input.kind, category: input.category, honorLevel: input.honorLevel, title: input.title },
      record: (rowId) =>
        insertExemplar(auth.scope, trx, {
          id: rowId,
          ...placedAt(owner),
          recipient_id: person.id,
          kind: input.kind,
          category: input.category,
          honor_level: input.honorLevel,
          title: input.title,
          reason: input.reason,
          status: 'reviewing',
          reviewing_unit_id: null,
          accepted_level: null,
          accepted_unit_name: null,
          accepted_on: null,
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await auditAction(trx, ctx, auth, 'exemplar.create', 'exemplar', caseId, ip, `${unit.name} ${person.name} ${exemplarKindLabels[input.kind]}，${input.title}（表彰：${honorLevelLabels[input.honorLevel]}）→ ${parent.name}`);
    return caseId;
  });
  return exemplarDetail(ctx, auth, id);
}

export async function actOnExemplar(ctx: AppContext, auth: AuthContext, id: string, body: ExemplarActionBody, ip: Ip): Promise<ExemplarDetail> {
  const r = await requireExemplar(ctx, auth, id);
  if (r.status === 'accepted' || r.status === 'withdrawn') throw new AppError(409, 'CLOSED', '该典型推荐已办结，不能再操作');
  if (body.version !== r.version) throw conflict('该典型推荐已被他人处理，请刷新后再操作（您的操作未保存）');
  await performAction(ctx, auth, id, { action: body.action, comment: body.comment, version: body.version }, ip);
  return exemplarDetail(ctx, auth, id);
}

/** 修改推荐材料: the recommending unit's range revises the text while it is returned to it (a kernel action; logged and audited). */
export async function reviseExemplar(ctx: AppContext, auth: AuthContext, id: string, body: ExemplarReviseBody, ip: Ip): Promise<ExemplarDetail> {
  const r = await requireExemplar(ctx, auth, id);
  if (r.status !== 'returned') throw new AppError(409, 'NOT_RETURNED', '只有退回到推荐单位、尚未重新报送的推荐可以修改推荐材料');
  if (body.version !== r.version) throw conflict('该典型推荐已被他人处理，请刷新后再操作（您的操作未保存）');
  const { version, ...data } = body;
  await performAction(ctx, auth, id, { action: 'revise', comment: '', version, data }, ip);
  return exemplarDetail(ctx, auth, id);
}

// ---- activities 学习教育活动 ----

export function toActivityDto(r: ActivityRow): ActivityDto {
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    topic: r.topic,
    kind: r.kind as ActivityDto['kind'],
    placeKind: r.place_kind as ActivityDto['placeKind'],
    place: r.place,
    heldOn: r.held_on,
    note: r.note,
    invited: Number(r.invited ?? 0),
    attended: Number(r.attended ?? 0),
    createdAt: r.created_at,
  };
}

export async function activityFilter(ctx: AppContext, auth: AuthContext, q: ActivityLedgerQuery): Promise<ActivityFilter> {
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    kind: q.kind,
    placeKind: q.placeKind,
    from: q.from,
    to: q.to,
    topic: q.topic || undefined,
  };
}

export async function searchActivities(ctx: AppContext, auth: AuthContext, q: ActivityLedgerQuery & { page: number; pageSize: number }) {
  const f = await activityFilter(ctx, auth, q);
  const r = await listActivities(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map(toActivityDto), page: q.page, pageSize: q.pageSize };
}

async function requireActivity(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<ActivityRow> {
  const a = await getActivity(auth.scope, db, id);
  if (!a) throw notFound('学习教育活动');
  return a;
}

export async function activityDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<ActivityDetail> {
  const a = await requireActivity(ctx, auth, id);
  const attendees = await attendeesOf(ctx.db, id);
  return {
    ...toActivityDto(a),
    attendees: attendees.map((x) => ({ recipientId: x.recipient_id, name: x.name, idMasked: x.id_number_masked, orgUnitName: x.org_unit_name, attended: x.attended === null ? null : Number(x.attended) === 1, invitedAt: x.invited_at })),
    canEdit: mayWrite(auth),
  };
}

export async function createActivity(ctx: AppContext, auth: AuthContext, input: ActivityCreate, ip: Ip): Promise<ActivityDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertActivity(auth.scope, trx, {
      id,
      ...placedAt(stored),
      topic: input.topic,
      kind: input.kind,
      place_kind: input.placeKind,
      place: input.place,
      held_on: input.heldOn,
      note: input.note,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await auditAction(trx, ctx, auth, 'activity.create', 'activity', id, ip, `${unit.name} ${input.heldOn} ${activityKindLabels[input.kind]}：${input.topic}（${input.place}）`);
  });
  return activityDetail(ctx, auth, id);
}

const STALE_ACTIVITY = '该活动已被他人修改，请刷新后再操作（您的操作未保存）';

/** Changes an activity's facts (its range); once attendance was marked its day cannot move past today. */
export async function changeActivity(ctx: AppContext, auth: AuthContext, id: string, input: ActivityUpdate, ip: Ip): Promise<ActivityDetail> {
  await transaction(ctx.db, async (trx) => {
    const a = await requireActivity(ctx, auth, id, trx);
    if (a.version !== input.version) throw conflict(STALE_ACTIVITY);
    if (input.heldOn > today(ctx) && (await attendanceMarked(trx, id))) throw badRequest('已登记出勤，活动日期不能改到今天以后', [{ path: 'heldOn', message: '已登记出勤' }]);
    const at = ctx.clock.now().toISOString();
    const done = await updateActivity(auth.scope, trx, id, input.version, { topic: input.topic, kind: input.kind, place_kind: input.placeKind, place: input.place, held_on: input.heldOn, note: input.note, updated_at: at });
    if (!done) throw conflict(STALE_ACTIVITY);
    await auditAction(trx, ctx, auth, 'activity.update', 'activity', id, ip, `${input.heldOn} ${activityKindLabels[input.kind]}：${input.topic}（${input.place}）`);
  });
  return activityDetail(ctx, auth, id);
}

/**
 * Invites people of the caller's range who belong to the organiser's range (registered, unmerged):
 * all of them or none (one not allowed, or already invited, refuses the whole request).
 */
export async function inviteToActivity(ctx: AppContext, auth: AuthContext, id: string, input: ActivityInvite, ip: Ip): Promise<ActivityDetail> {
  const ids = [...new Set(input.recipientIds)];
  await transaction(ctx.db, async (trx) => {
    const a = await requireActivity(ctx, auth, id, trx);
    if (a.version !== input.version) throw conflict(STALE_ACTIVITY);
    const found = await recipientsForActivity(auth.scope, trx, ids, a.org_path);
    if (found.length !== ids.length) {
      const ok = new Set(found.map((r) => r.id));
      const bad = ids.findIndex((x) => !ok.has(x));
      throw badRequest('所选人员须是组织单位辖区内已入库的服务对象', [{ path: `recipientIds.${input.recipientIds.indexOf(ids[bad])}`, message: '不在组织单位辖区内或未入库' }]);
    }
    const already = await invitedIdsOf(trx, id);
    const dup = found.filter((r) => already.has(r.id));
    if (dup.length) throw conflict(`${dup.map((r) => r.name).join('、')}已在邀请名单中`);
    const at = ctx.clock.now().toISOString();
    if (!(await touchActivity(auth.scope, trx, id, input.version, at))) throw conflict(STALE_ACTIVITY);
    await insertInvitations(trx, id, ids, auth.userId, at);
    await auditAction(trx, ctx, auth, 'activity.invite', 'activity', id, ip, `${a.topic}：${found.map((r) => r.name).join('、')}`);
  });
  return activityDetail(ctx, auth, id);
}

/** Marks who attended (only invited people; not before the activity's day): all entries or none. */
export async function markActivityAttendance(ctx: AppContext, auth: AuthContext, id: string, input: ActivityAttendance, ip: Ip): Promise<ActivityDetail> {
  await transaction(ctx.db, async (trx) => {
    const a = await requireActivity(ctx, auth, id, trx);
    if (a.version !== input.version) throw conflict(STALE_ACTIVITY);
    if (a.held_on > today(ctx)) throw badRequest(`活动日期（${a.held_on}）未到，不能登记出勤`, [{ path: 'entries', message: '活动尚未举行' }]);
    const seen = new Set<string>();
    const invited = await invitedIdsOf(trx, id);
    for (const [n, e] of input.entries.entries()) {
      if (seen.has(e.recipientId)) throw badRequest('同一人员重复登记', [{ path: `entries.${n}.recipientId`, message: '重复' }]);
      seen.add(e.recipientId);
      if (!invited.has(e.recipientId)) throw badRequest('只能为邀请名单中的人员登记出勤', [{ path: `entries.${n}.recipientId`, message: '不在邀请名单中' }]);
    }
    const at = ctx.clock.now().toISOString();
    if (!(await touchActivity(auth.scope, trx, id, input.version, at))) throw conflict(STALE_ACTIVITY);
    for (const e of input.entries) if (!(await markAttendance(trx, id, e.recipientId, e.attended, auth.userId, at))) throw conflict(STALE_ACTIVITY);
    const yes = input.entries.filter((e) => e.attended).length;
    await auditAction(trx, ctx, auth, 'activity.attendance', 'activity', id, ip, `${a.topic}：参加 ${yes} 人，未参加 ${input.entries.length - yes} 人`);
  });
  return activityDetail(ctx, auth, id);
}

// ---- a recipient's page ----

export async function educationOfRecipient(ctx: AppContext, auth: AuthContext, recipientId: string): Promise<EducationOfRecipient> {
  const person = await recipientInScope(auth.scope, ctx.db, recipientId);
  if (!person) throw notFound('服务对象');
  const acts = await activitiesOfRecipient(ctx.db, recipientId);
  const ex = await listExemplars(auth.scope, ctx.db, { recipientId, page: 1, pageSize: 50 });
  return {
    activities: acts.map((a) => ({
      activityId: a.id,
      topic: a.topic,
      kind: a.kind as ActivityDto['kind'],
      placeKind: a.place_kind as ActivityDto['placeKind'],
      place: a.place,
      heldOn: a.held_on,
      orgUnitName: a.org_unit_name,
      attended: a.attended === null ? null : Number(a.attended) === 1,
    })),
    exemplars: ex.items.map(toExemplarDto),
    gazetteer: gazetteerGroundsOf({ keyGroupMask: Number(person.key_groups), careMask: Number(person.care_mask), honorLevel: null }),
    canEdit: mayWrite(auth) && pathInScope(auth.scope, person.org_path),
  };
}

// ---- the gazetteer list 重大庆典与地方志人选 ----

/** The registry's people of the range named for major celebrations and the gazetteer, with their latest recommendation. */
export async function searchGazetteer(ctx: AppContext, auth: AuthContext, q: GazetteerQuery) {
  const unitPath = q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined;
  const r = await listGazetteer(auth.scope, ctx.db, { unitPath, name: q.name || undefined, page: q.page, pageSize: q.pageSize });
  const statuses = await exemplarStatuses(auth.scope, ctx.db, r.items.map((x) => x.exemplar_id).filter((x): x is string => !!x));
  const items: GazetteerPersonDto[] = r.items.map((x) => ({
    recipientId: x.id,
    name: x.name,
    idMasked: x.id_number_masked,
    orgUnitName: x.org_unit_name,
    grounds: gazetteerGroundsOf({ keyGroupMask: Number(x.key_groups), careMask: Number(x.care_mask), honorLevel: Number(x.honored ?? 0) > 0 ? 'provincial' : null }),
    exemplarId: x.exemplar_id,
    exemplarStatus: x.exemplar_id ? ((statuses.get(x.exemplar_id) as GazetteerPersonDto['exemplarStatus']) ?? null) : null,
  }));
  return { ...r, items, page: q.page, pageSize: q.pageSize };
}
