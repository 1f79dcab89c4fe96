// Visits and condolences 走访慰问: recording a visit (the owed visit it fulfils marked done, the
// record's seven situations updated as a 'visit' version, follow-ups of the needs raised, photos),
// the owed list and its assignment, triggers (六必访), the recipient's panel, coverage per unit,
// the calendar, key-person contacts and follow-ups. Every multi-row write is one transaction and
// audited; every read goes through the repo's scope guard.
import { lockOrgTree, placedAt, unitOfRecordForWrite, unitsForWriteUnscoped } from '../../platform/stored-unit.repo';
import { unitLabelsUnscoped, type UnitLabels } from '../../platform/unit-labels.repo';
import { shanghaiDay } from '../../../shared/rules/dates';
import { shiftDay } from '../../../shared/rules/calendar';
import { festivalDay, festivalKeys, festivalLabels } from '../../../shared/rules/festivals';
import { dueStateOf, raisesDifficulty } from '../../../shared/rules/visit-rules';
import {
  dueVisitLabel,
  keyGroupListOf,
  keyGroups,
  visitTriggerKindLabels,
  type CalendarQuery,
  type CalendarResult,
  type CoverageCounts,
  type CoverageQuery,
  type CoverageResult,
  type DueVisitAssign,
  type DueVisitDto,
  type DueVisitListQuery,
  type DueVisitReason,
  type FollowUpDto,
  type FollowUpListQuery,
  type KeyGroup,
  type KeyPersonDto,
  type KeyPersonListQuery,
  type RecipientVisits,
  type VisitCreate,
  type VisitDetail,
  type VisitDto,
  type VisitListQuery,
  type VisitPhoto,
  type VisitTriggerCreate,
  type VisitTriggerDto,
  type VisitTriggerKind,
} from '../../../shared/schemas/visits';
import type { Db } from '../../db/client';
import { systemDb } from '../../db/system';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import { isUnitHead, mayReview, userHolds } from '../../platform/roles';
import { nowIso, type AppContext } from '../../platform/context';
import { publish } from '../../platform/events';
import { visitFollowUpPassedOn, visitRecorded, type PassOnKind } from './visits.events';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathInScope, pathIsWithin } from '../../platform/jurisdiction';
import { applyVisitFindingsIn, requireRecipient } from '../recipients';
import { generateForRange, recordTriggerIn, type GenerationReport } from './visits.generate';
import {
  assignDue,
  calendarCounts,
  cancelDue,
  childUnits,
  clientKeyTakenUnscoped,
  closeFollowUpRow,
  contactOf,
  coverageByChild,
  coverageTotal,
  deleteContacts,
  dueByIds,
  dueOfRecipient,
  getDue,
  getFollowUp,
  getTrigger,
  getVisit,
  getVisitFile,
  hasOpenTriggerDueUnscoped,
  insertFollowUps,
  insertVisit,
  insertVisitFile,
  keyPersonsByIds,
  lastVisitDays,
  listDue,
  listFollowUps,
  listKeyPersons,
  listVisits,
  markDueDoneUnscoped,
  matchingDue,
  staffPick,
  triggersOfRecipient,
  unitInScope,
  upsertContacts,
  usersByIdsUnscoped,
  visitByClientKey,
  visitFiles,
  type CoverageSums,
  type DueFilter,
  type DueRow,
  type FollowUpRow,
  type TriggerRow,
  type VisitFilter,
  type VisitRow,
} from './visits.repo';

type Ip = string | null;

// ---- mapping ----

function parse<T>(s: string | null, d: T): T {
  try {
    return s ? (JSON.parse(s) as T) : d;
  } catch {
    return d;
  }
}

const keyGroupBit = (g: KeyGroup | undefined) => (g ? 1 << keyGroups.indexOf(g) : undefined);

export function todayOf(ctx: AppContext): string {
  return shanghaiDay(ctx.clock.now());
}

/** `labels`: the listing's unit labels (孝丰村·第一网格), when the DTO is one of a list */
export function toDueDto(r: DueRow, today: string, labels?: UnitLabels): DueVisitDto {
  const triggerKind = (r.trigger_kind as VisitTriggerKind | null) ?? null;
  return {
    id: r.id,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    orgUnitId: r.org_unit_id,
    orgUnitName: labels?.of(r.org_unit_id, r.org_unit_name) ?? r.org_unit_name,
    ownerUnitId: r.owner_unit_id,
    ownerUnitName: labels?.of(r.owner_unit_id, r.owner_unit_name) ?? r.owner_unit_name,
    reason: r.reason as DueVisitReason,
    triggerKind,
    label: dueVisitLabel(r.reason as DueVisitReason, triggerKind),
    keyGroups: keyGroupListOf(r.key_groups),
    occasionDay: r.occasion_day,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    status: r.status as DueVisitDto['status'],
    state: dueStateOf({ status: r.status, windowStart: r.window_start, windowEnd: r.window_end, doneOn: r.done_on }, today),
    assignedUserId: r.assigned_user_id,
    assignedUserName: r.assigned_user_name,
    visitId: r.visit_id,
    doneOn: r.done_on,
  };
}

function toVisitDto(r: VisitRow, labels?: UnitLabels): VisitDto {
  return {
    id: r.id,
    version: r.version,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    orgUnitId: r.org_unit_id,
    orgUnitName: labels?.of(r.org_unit_id, r.org_unit_name) ?? r.org_unit_name,
    keyGroups: keyGroupListOf(r.key_groups),
    visitedOn: r.visited_on,
    visitType: r.visit_type as VisitDto['visitType'],
    visitors: r.visitors,
    visitorUserIds: parse<string[]>(r.visitor_user_ids, []),
    situations: parse<VisitDto['situations']>(r.situations, {}),
    needs: r.needs,
    moneyCents: r.money_cents,
    goods: r.goods,
    followUp: r.follow_up,
    note: r.note,
    photoCount: parse<string[]>(r.photo_file_ids, []).length,
    dueVisitId: r.due_visit_id,
    dueLabel: r.due_reason ? dueVisitLabel(r.due_reason as DueVisitReason, (r.due_trigger_kind as VisitTriggerKind | null) ?? null) : null,
    late: r.late === 1,
    createdByName: r.created_by_name ?? '',
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toFollowUpDto(r: FollowUpRow): FollowUpDto {
  return {
    id: r.id,
    visitId: r.visit_id,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    orgUnitName: r.org_unit_name,
    need: r.need,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name ?? '',
    dueDay: r.due_day,
    status: r.status as FollowUpDto['status'],
    passedTo: r.passed_to,
    closedAt: r.closed_at,
    note: r.note,
    visitedOn: r.visited_on,
    createdAt: r.created_at,
  };
}

function toTriggerDto(r: TriggerRow): VisitTriggerDto {
  return {
    id: r.id,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    kind: r.kind as VisitTriggerKind,
    eventDay: r.event_day,
    note: r.note,
    source: r.source as VisitTriggerDto['source'],
    dueVisitId: r.due_visit_id ?? null,
    createdAt: r.created_at,
  };
}

async function unitPathOf(ctx: AppContext, auth: AuthContext, orgUnitId: string | undefined, db: Tx = ctx.db): Promise<string | undefined> {
  if (!orgUnitId) return undefined;
  const u = await unitInScope(auth.scope, db, orgUnitId);
  if (!u) throw notFound('单位');
  return u.path;
}

/** A head 负责人 plans and assigns: a unit head, or the county's visit reviewers. */
export function mayPlanVisits(auth: AuthContext): boolean {
  return isUnitHead(auth) || mayReview(auth, 'visits');
}

// ---- visits owed ----

export async function searchDue(ctx: AppContext, auth: AuthContext, q: DueVisitListQuery) {
  const today = todayOf(ctx);
  const f: DueFilter = {
    unitPath: await unitPathOf(ctx, auth, q.orgUnitId),
    ownerUnitId: q.ownerUnitId,
    recipientId: q.recipientId,
    reason: q.reason,
    triggerKind: q.triggerKind,
    keyGroupBit: keyGroupBit(q.keyGroup),
    assignedUserId: q.assigned === 'me' ? auth.userId : q.assignedUserId,
    unassigned: q.assigned === 'unassigned',
    status: q.status,
    state: q.state,
    from: q.from,
    to: q.to,
    today,
  };
  if (q.assigned === 'unassigned' && q.assignedUserId) throw badRequest('“未分派”与所选走访人不能同时使用', [{ path: 'assigned', message: '与走访人筛选冲突' }]);
  const r = await listDue(auth.scope, ctx.db, { ...f, sort: q.sort, page: q.page, pageSize: q.pageSize });
  const labels = await unitLabelsUnscoped(ctx.db, r.items.flatMap((d) => [d.org_unit_id, d.owner_unit_id]));
  return { ...r, items: r.items.map((d) => toDueDto(d, today, labels)), page: q.page, pageSize: q.pageSize };
}

/** A user who may be given visits or follow-ups: active, with visits:write, in the caller's range (or the recipient's chain for follow-ups). */
async function requireWorkers(db: Tx, ids: string[], ok: (u: { org_path: string }) => boolean, field: string) {
  const unique = [...new Set(ids)];
  const users = await usersByIdsUnscoped(db, unique);
  for (const id of unique) {
    const u = users.find((x) => x.id === id);
    if (!u || u.disabled || !ok(u) || !userHolds(u.roles, 'visits:write')) {
      throw badRequest('所选工作人员不存在、已停用或不在本辖区', [{ path: field, message: '工作人员不可选' }]);
    }
  }
  return users;
}

export async function dueVisitOne(ctx: AppContext, auth: AuthContext, id: string): Promise<DueVisitDto> {
  const d = await getDue(auth.scope, ctx.db, id);
  if (!d) throw notFound('应访记录');
  return toDueDto(d, todayOf(ctx));
}

export async function assignDueVisits(ctx: AppContext, auth: AuthContext, body: DueVisitAssign, ip: Ip): Promise<{ assigned: number }> {
  if (!mayPlanVisits(auth)) throw forbidden('只有站（中心）负责人或县级审核人员可以分派走访任务');
  const ids = [...new Set(body.ids)];
  const at = ctx.clock.now().toISOString();
  const n = await transaction(ctx.db, async (trx) => {
    const rows = await dueByIds(auth.scope, trx, ids);
    if (rows.length !== ids.length) throw notFound('应访记录');
    for (const r of rows) {
      if (!pathInScope(auth.scope, r.owner_path)) throw forbidden('不能分派上级单位负责的走访（如县级重点人员走访）');
      if (r.status !== 'owed') throw new AppError(409, 'WRONG_STATE', '所选记录中有已走访或已取消的，请刷新后重新选择（未分派任何记录）');
    }
    if (body.userId) await requireWorkers(trx, [body.userId], (u) => pathInScope(auth.scope, u.org_path), 'userId');
    const changed = await assignDue(auth.scope, trx, ids, body.userId, at);
    if (changed !== ids.length) throw conflict('所选记录刚被他人修改，请刷新后重试（未分派任何记录）');
    await auditAction(trx, ctx, auth, body.userId ? 'due-visit.assign' : 'due-visit.unassign', 'due-visit', null, ip, JSON.stringify({ ids, userId: body.userId }));
    return changed;
  });
  return { assigned: n };
}

export async function cancelDueVisits(ctx: AppContext, auth: AuthContext, body: { ids: string[]; reason: string }, ip: Ip): Promise<{ cancelled: number }> {
  if (!mayPlanVisits(auth)) throw forbidden('只有站（中心）负责人或县级审核人员可以取消应访记录');
  const ids = [...new Set(body.ids)];
  const at = ctx.clock.now().toISOString();
  const n = await transaction(ctx.db, async (trx) => {
    const rows = await dueByIds(auth.scope, trx, ids);
    if (rows.length !== ids.length) throw notFound('应访记录');
    for (const r of rows) if (!pathInScope(auth.scope, r.owner_path)) throw forbidden('不能取消上级单位负责的走访');
    const changed = await cancelDue(auth.scope, trx, ids, at);
    if (changed !== ids.length) throw new AppError(409, 'WRONG_STATE', '所选记录中有已走访或已取消的，请刷新后重新选择（未取消任何记录）');
    await auditAction(trx, ctx, auth, 'due-visit.cancel', 'due-visit', null, ip, JSON.stringify({ ids, reason: body.reason }));
    return changed;
  });
  return { cancelled: n };
}

export async function generateNow(ctx: AppContext, auth: AuthContext, orgUnitId: string | undefined, ip: Ip): Promise<GenerationReport> {
  if (!mayPlanVisits(auth)) throw forbidden('只有站（中心）负责人或县级审核人员可以生成应访名单');
  const path = (await unitPathOf(ctx, auth, orgUnitId)) ?? auth.scope.path;
  const r = await generateForRange(ctx.db, path, todayOf(ctx), ctx.clock.now().toISOString());
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, 'due-visit.generate', 'due-visit', null, ip, JSON.stringify({ path, created: r.created, recipients: r.recipients })));
  return r;
}

// ---- recording a visit ----

const PHOTO_MAX_BYTES = 1.5 * 1024 * 1024;

function photoBytes(photo: VisitPhoto, i: number): Buffer {
  const bytes = Buffer.from(photo.dataBase64, 'base64');
  if (bytes.length === 0 || bytes.length > PHOTO_MAX_BYTES) throw badRequest('每张照片不能为空，且不能超过 1.5 MB', [{ path: `photos.${i}`, message: '照片过大' }]);
  const magic = bytes.subarray(0, 4).toString('hex');
  const ok = { 'image/jpeg': magic.startsWith('ffd8'), 'image/png': magic === '89504e47', 'image/webp': bytes.subarray(8, 12).toString() === 'WEBP' }[photo.mime];
  if (!ok) throw badRequest('照片内容与图片类型不符', [{ path: `photos.${i}`, message: '不是有效的图片' }]);
  return bytes;
}

export type CreatedVisit = { created: boolean; detail: VisitDetail };

export async function createVisit(ctx: AppContext, auth: AuthContext, input: VisitCreate, ip: Ip): Promise<CreatedVisit> {
  // a form resent from the offline outbox: the visit it stored the first time
  const again = await visitByClientKey(auth.scope, ctx.db, input.clientKey);
  if (again) return { created: false, detail: await visitDetail(ctx, auth, again.id) };
  if (await clientKeyTakenUnscoped(systemDb(ctx.db), input.clientKey)) throw conflict('表单编号已被使用，请重新打开走访表单');

  const r = await requireRecipient(ctx, auth, input.recipientId);
  const today = todayOf(ctx);
  if (input.visitedOn > today) throw badRequest('走访日期不能晚于今天', [{ path: 'visitedOn', message: '不能晚于今天' }]);
  if (input.visitedOn < r.birth_date) throw badRequest('走访日期不能早于服务对象的出生日期', [{ path: 'visitedOn', message: '日期不正确' }]);
  const bytes = input.photos.map((p, i) => photoBytes(p, i));
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newId(now.getTime());

  try {
    await transaction(ctx.db, async (trx) => {
      // the recipient's unit as it is now, under the tree lock: the visit, photos and follow-ups store its path
      const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'recipients', r.id);
      let due = input.dueVisitId ? await getDue(auth.scope, trx, input.dueVisitId) : await matchingDue(auth.scope, trx, r.id, input.visitedOn, auth.unit.id);
      if (input.dueVisitId) {
        if (!due) throw notFound('应访记录');
        if (due.recipient_id !== r.id) throw badRequest('所选应访记录不属于该服务对象', [{ path: 'dueVisitId', message: '与走访对象不符' }]);
        if (due.status === 'done') throw new AppError(409, 'ALREADY_DONE', '该应访记录已经走访登记过了');
        if (due.status === 'cancelled') throw new AppError(409, 'CANCELLED', '该应访记录已取消');
        if (input.visitedOn < due.window_start) throw badRequest(`走访日期早于该应访记录的走访期（${due.window_start} 起）`, [{ path: 'visitedOn', message: '早于走访期' }]);
      }
      if (input.visitorUserIds.length) await requireWorkers(trx, input.visitorUserIds, (u) => pathInScope(auth.scope, u.org_path) || pathIsWithin(unit.path, u.org_path), 'visitorUserIds');
      const owners = input.followUps.flatMap((f) => (f.ownerUserId ? [f.ownerUserId] : []));
      if (owners.length) await requireWorkers(trx, owners, (u) => pathInScope(auth.scope, u.org_path) || pathIsWithin(unit.path, u.org_path), 'followUps');

      const photoIds: string[] = [];
      for (let i = 0; i < input.photos.length; i++) {
        const fileId = newId();
        await insertVisitFile(auth.scope, trx, {
          id: fileId,
          ...placedAt(unit),
          owner_type: 'visit',
          owner_id: id,
          kind: 'visit-photo',
          name: input.photos[i].name,
          mime: input.photos[i].mime,
          size: bytes[i].length,
          data_enc: ctx.crypto.encrypt(bytes[i].toString('base64')),
          created_by: auth.userId,
          created_at: at,
        });
        photoIds.push(fileId);
      }
      const late = !!due && input.visitedOn > due.window_end;
      await insertVisit(auth.scope, trx, {
        id,
        recipient_id: r.id,
        ...placedAt(unit),
        visited_on: input.visitedOn,
        visit_type: input.visitType,
        visitors: input.visitors,
        visitor_user_ids: JSON.stringify(input.visitorUserIds),
        situations: JSON.stringify(input.situations),
        needs: input.needs,
        money_cents: input.moneyCents,
        goods: input.goods,
        follow_up: input.followUp,
        note: input.note,
        photo_file_ids: JSON.stringify(photoIds),
        due_visit_id: due?.id ?? null,
        late: late ? 1 : 0,
        client_key: input.clientKey,
        created_by: auth.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      if (due && (await markDueDoneUnscoped(trx, due.id, id, input.visitedOn, at)) !== 1) {
        due = undefined;
        throw conflict('该应访记录刚被他人登记，请刷新后再提交');
      }
      await applyVisitFindingsIn(ctx, auth, trx, r.id, input.situations, `${input.visitedOn}走访`);
      await publish(trx, ctx, visitRecorded, { visitId: id, recipientId: r.id, visitedOn: input.visitedOn, situations: input.situations, auth, at });
      await insertFollowUps(
        auth.scope,
        trx,
        input.followUps.map((f) => ({
          id: newId(),
          visit_id: id,
          recipient_id: r.id,
          ...placedAt(unit),
          need: f.need,
          owner_user_id: f.ownerUserId ?? auth.userId,
          due_day: f.dueDay,
          status: 'open',
          passed_to: null,
          closed_at: null,
          note: '',
          created_at: at,
        })),
      );
      // 遇到困难必访: an urgent need or a family in major difficulty owes a return visit within the trigger window
      if (raisesDifficulty(input.situations) && !(await hasOpenTriggerDueUnscoped(trx, r.id, ['difficulty', 'majorChange']))) {
        await recordTriggerIn(trx, auth.scope, { recipient: r, kind: 'difficulty', eventDay: input.visitedOn, note: '走访发现困难，须回访跟进', source: 'visit', createdBy: auth.userId, at });
      }
      await auditAction(trx, ctx, auth, 'visit.create', 'visit', id, ip, `${r.name} ${input.visitedOn}${due ? ` ${dueVisitLabel(due.reason as DueVisitReason, due.trigger_kind as VisitTriggerKind | null)}${late ? '（逾期）' : ''}` : ''}`);
    });
  } catch (e) {
    // the same form sent twice at once: the unique form id let one in; answer with it
    if (/unique|duplicate/i.test(String((e as Error).message))) {
      const v = await visitByClientKey(auth.scope, ctx.db, input.clientKey);
      if (v) return { created: false, detail: await visitDetail(ctx, auth, v.id) };
    }
    throw e;
  }
  return { created: true, detail: await visitDetail(ctx, auth, id) };
}

export async function requireVisit(ctx: AppContext, auth: AuthContext, id: string): Promise<VisitRow> {
  const v = await getVisit(auth.scope, ctx.db, id);
  if (!v) throw notFound('走访记录');
  return v;
}

export async function visitDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<VisitDetail> {
  const v = await requireVisit(ctx, auth, id);
  const photos = await visitFiles(auth.scope, ctx.db, id);
  const follow = await listFollowUps(auth.scope, ctx.db, { visitId: id, page: 1, pageSize: 50 });
  const due = v.due_visit_id ? await getDue(auth.scope, ctx.db, v.due_visit_id) : undefined;
  return {
    ...toVisitDto(v),
    photos: photos.map((p) => ({ id: p.id, name: p.name, mime: p.mime, size: p.size })),
    followUps: follow.items.map(toFollowUpDto),
    dueVisit: due ? toDueDto(due, todayOf(ctx)) : null,
  };
}

export async function readVisitPhoto(ctx: AppContext, auth: AuthContext, id: string, fileId: string) {
  await requireVisit(ctx, auth, id);
  const f = await getVisitFile(auth.scope, ctx.db, id, fileId);
  if (!f) throw notFound('走访照片');
  return { mime: f.mime, name: f.name, data: Buffer.from(ctx.crypto.decrypt(f.data_enc), 'base64') };
}

export async function visitFilter(ctx: AppContext, auth: AuthContext, q: Omit<VisitListQuery, 'page' | 'pageSize' | 'sort'>): Promise<VisitFilter> {
  if (q.from && q.to && q.from > q.to) throw badRequest('开始日期不能晚于结束日期', [{ path: 'to', message: '早于开始日期' }]);
  return {
    unitPath: await unitPathOf(ctx, auth, q.orgUnitId),
    recipientId: q.recipientId,
    visitType: q.visitType,
    reason: q.reason,
    keyGroupBit: keyGroupBit(q.keyGroup),
    from: q.from,
    to: q.to,
    userId: q.mine === 'true' ? auth.userId : undefined,
  };
}

export async function searchVisits(ctx: AppContext, auth: AuthContext, q: VisitListQuery) {
  const f = await visitFilter(ctx, auth, q);
  const r = await listVisits(auth.scope, ctx.db, { ...f, sort: q.sort, page: q.page, pageSize: q.pageSize });
  const labels = await unitLabelsUnscoped(ctx.db, r.items.map((v) => v.org_unit_id));
  return { ...r, items: r.items.map((v) => toVisitDto(v, labels)), page: q.page, pageSize: q.pageSize };
}

// ---- triggers ----

export async function createTrigger(ctx: AppContext, auth: AuthContext, input: VisitTriggerCreate, ip: Ip): Promise<VisitTriggerDto> {
  const r = await requireRecipient(ctx, auth, input.recipientId);
  const today = todayOf(ctx);
  if (input.eventDay > shiftDay(today, 366)) throw badRequest('事件日期不能晚于一年以后', [{ path: 'eventDay', message: '日期过晚' }]);
  if (input.eventDay < r.birth_date) throw badRequest('事件日期不能早于服务对象的出生日期', [{ path: 'eventDay', message: '日期不正确' }]);
  if (input.kind === 'veteranDeath' && !r.deceased) throw badRequest('退役军人离世须先在服务对象页登记去世（登记后自动生成走访）', [{ path: 'kind', message: '该服务对象未登记去世' }]);
  if (input.kind !== 'veteranDeath' && r.deceased) throw badRequest('该服务对象已去世，只能登记“退役军人离世”走访', [{ path: 'kind', message: '服务对象已去世' }]);
  if (r.status !== 'registered') throw badRequest('该服务对象尚未审核入库，入库后才能登记走访事由', [{ path: 'recipientId', message: '尚未入库' }]);
  const at = ctx.clock.now().toISOString();
  const { triggerId } = await transaction(ctx.db, async (trx) => {
    const t = await recordTriggerIn(trx, auth.scope, { recipient: r, kind: input.kind, eventDay: input.eventDay, note: input.note, source: 'manual', createdBy: auth.userId, at });
    await auditAction(trx, ctx, auth, 'visit-trigger.create', 'visit-trigger', t.triggerId, ip, `${r.name} ${visitTriggerKindLabels[input.kind]} ${input.eventDay}`);
    return t;
  });
  const t = await getTrigger(auth.scope, ctx.db, triggerId);
  // stored, but its unit has left the caller's range since (moved meanwhile)
  if (!t) throw notFound('走访事由');
  return toTriggerDto(t);
}

// ---- the recipient's panel ----

export async function recipientVisits(ctx: AppContext, auth: AuthContext, recipientId: string): Promise<RecipientVisits> {
  const r = await requireRecipient(ctx, auth, recipientId);
  const today = todayOf(ctx);
  const owed = (await dueOfRecipient(auth.scope, ctx.db, r.id, ['owed'], 50)).map((d) => toDueDto(d, today));
  const visits = await listVisits(auth.scope, ctx.db, { recipientId: r.id, sort: '-visitedOn', page: 1, pageSize: 50 });
  const triggers = await triggersOfRecipient(auth.scope, ctx.db, r.id);
  const contact = await contactOf(auth.scope, ctx.db, r.id);
  const keyGroupsMask = (r as unknown as { key_groups: number }).key_groups ?? 0;
  return {
    keyGroups: keyGroupListOf(keyGroupsMask),
    contact: contact ? { userId: contact.contact_user_id, name: contact.display_name } : null,
    next: owed.find((d) => d.state === 'open' || d.state === 'upcoming') ?? null,
    owed,
    visits: visits.items.map((v) => toVisitDto(v)),
    triggers: triggers.map(toTriggerDto),
  };
}

// ---- coverage and calendar ----

function counts(s: CoverageSums | undefined): CoverageCounts {
  return {
    owed: Number(s?.owed ?? 0),
    doneOnTime: Number(s?.done_on_time ?? 0),
    doneLate: Number(s?.done_late ?? 0),
    notDone: Number(s?.not_done ?? 0),
    open: Number(s?.open ?? 0),
  };
}

export async function coverage(ctx: AppContext, auth: AuthContext, q: CoverageQuery): Promise<CoverageResult> {
  const unit = q.orgUnitId ? await unitInScope(auth.scope, ctx.db, q.orgUnitId) : await unitInScope(auth.scope, ctx.db, auth.unit.id);
  if (!unit) throw notFound('单位');
  const today = todayOf(ctx);
  const children = await childUnits(auth.scope, ctx.db, unit.id);
  const byChild = new Map((await coverageByChild(auth.scope, ctx.db, unit.id, q.from, q.to, today)).map((r) => [r.unit_id, counts(r)]));
  const total = counts(await coverageTotal(auth.scope, ctx.db, unit.path, q.from, q.to, today));
  const rows = children.map((c) => ({ orgUnitId: c.id, orgUnitName: c.name, level: c.level, ...(byChild.get(c.id) ?? counts(undefined)) }));
  // records kept at the unit itself (not in any child): the difference, shown as 本级
  const direct = { ...total };
  for (const r of rows) for (const k of ['owed', 'doneOnTime', 'doneLate', 'notDone', 'open'] as const) direct[k] -= r[k];
  if (direct.owed || direct.doneOnTime || direct.doneLate || direct.notDone || direct.open) rows.push({ orgUnitId: unit.id, orgUnitName: `${unit.name}（本级）`, level: unit.level, ...direct });
  return { from: q.from, to: q.to, unit: { id: unit.id, name: unit.name, level: unit.level }, rows, total };
}

export async function calendar(ctx: AppContext, auth: AuthContext, q: CalendarQuery): Promise<CalendarResult> {
  const path = (await unitPathOf(ctx, auth, q.orgUnitId)) ?? auth.scope.path;
  const festivals: CalendarResult['festivals'] = [];
  for (let y = Number(q.from.slice(0, 4)); y <= Number(q.to.slice(0, 4)); y++) {
    for (const key of festivalKeys) {
      const day = festivalDay(key, y);
      if (day >= q.from && day <= q.to) festivals.push({ key, label: festivalLabels[key], day });
    }
  }
  festivals.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const byDay = new Map<string, { day: string; total: number; byReason: Record<string, number> }>();
  for (const r of await calendarCounts(auth.scope, ctx.db, path, q.from, q.to)) {
    let d = byDay.get(r.occasion_day);
    if (!d) byDay.set(r.occasion_day, (d = { day: r.occasion_day, total: 0, byReason: {} }));
    d.total += Number(r.n);
    d.byReason[r.reason] = (d.byReason[r.reason] ?? 0) + Number(r.n);
  }
  return { festivals, days: [...byDay.values()] };
}

// ---- key persons and their county contacts (Part 5 三(四)) ----

export async function searchKeyPersons(ctx: AppContext, auth: AuthContext, q: KeyPersonListQuery) {
  const r = await listKeyPersons(auth.scope, ctx.db, {
    unitPath: await unitPathOf(ctx, auth, q.orgUnitId),
    keyGroupBit: keyGroupBit(q.keyGroup),
    hasContact: q.hasContact === undefined ? undefined : q.hasContact === 'true',
    contactUserId: q.contactUserId,
    page: q.page,
    pageSize: q.pageSize,
  });
  const last = new Map((await lastVisitDays(auth.scope, ctx.db, r.items.map((i) => i.id))).map((l) => [l.recipient_id, l.last]));
  const labels = await unitLabelsUnscoped(ctx.db, r.items.map((i) => i.org_unit_id));
  const items: KeyPersonDto[] = r.items.map((i) => ({
    recipientId: i.id,
    name: i.name,
    orgUnitId: i.org_unit_id,
    orgUnitName: labels.of(i.org_unit_id, i.org_unit_name),
    keyGroups: keyGroupListOf(i.key_groups),
    contactUserId: i.contact_user_id,
    contactName: i.contact_name,
    assignedAt: i.assigned_at,
    lastVisitedOn: last.get(i.id) ?? null,
  }));
  return { ...r, items, page: q.page, pageSize: q.pageSize };
}

export async function setKeyPersonContacts(ctx: AppContext, auth: AuthContext, body: { recipientIds: string[]; contactUserId: string | null }, ip: Ip): Promise<{ updated: number }> {
  // the county names contacts for its key persons (Part 5 三(四)); a station head may do the same within the station's range
  if (!mayPlanVisits(auth)) throw forbidden('重点人员联系人由服务中心（站）负责人或县级审核人员指定');
  const ids = [...new Set(body.recipientIds)];
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const lock = await lockOrgTree(trx, ctx.dialect, 'shared');
    const rows = await keyPersonsByIds(auth.scope, trx, ids);
    if (rows.length !== ids.length) throw notFound('服务对象');
    if (rows.some((r) => r.key_groups === 0)) throw badRequest('所选人员中有不属于重点走访对象的，请重新选择（未作任何修改）', [{ path: 'recipientIds', message: '不是重点人员' }]);
    if (body.contactUserId) {
      await requireWorkers(trx, [body.contactUserId], (u) => pathInScope(auth.scope, u.org_path), 'contactUserId');
      const units = await unitsForWriteUnscoped(trx, lock, rows.map((r) => r.org_unit_id));
      await upsertContacts(
        auth.scope,
        trx,
        rows.map((r) => ({ recipient_id: r.id, ...placedAt(units.get(r.org_unit_id)!), contact_user_id: body.contactUserId!, assigned_at: at, assigned_by: auth.userId })),
      );
    } else {
      await deleteContacts(auth.scope, trx, ids);
    }
    await auditAction(trx, ctx, auth, 'key-person.contact', 'recipient', null, ip, JSON.stringify({ ids, contactUserId: body.contactUserId }));
  });
  return { updated: ids.length };
}

// ---- follow-ups ----

export async function searchFollowUps(ctx: AppContext, auth: AuthContext, q: FollowUpListQuery) {
  const r = await listFollowUps(auth.scope, ctx.db, {
    mine: q.mine === 'true',
    status: q.status,
    unitPath: await unitPathOf(ctx, auth, q.orgUnitId),
    recipientId: q.recipientId,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { ...r, items: r.items.map(toFollowUpDto), page: q.page, pageSize: q.pageSize };
}

async function closeFollowUpAs(ctx: AppContext, auth: AuthContext, trx: Tx, id: string, status: 'done' | 'passedOn', passedTo: string | null, note: string, ip: Ip) {
  const f = await getFollowUp(auth.scope, trx, id);
  if (!f) throw notFound('后续事项');
  if (f.status !== 'open') throw new AppError(409, 'WRONG_STATE', f.status === 'done' ? '该事项已办结' : '该事项已转办');
  const n = await closeFollowUpRow(auth.scope, trx, id, { status, passed_to: passedTo, closed_at: ctx.clock.now().toISOString(), note });
  if (n !== 1) throw conflict('该事项刚被他人处理，请刷新');
  await auditAction(trx, ctx, auth, status === 'done' ? 'visit-follow-up.close' : 'visit-follow-up.pass-on', 'visit-follow-up', id, ip, passedTo ?? note);
  return f;
}

export async function closeFollowUp(ctx: AppContext, auth: AuthContext, id: string, note: string, ip: Ip): Promise<FollowUpDto> {
  await transaction(ctx.db, (trx) => closeFollowUpAs(ctx, auth, trx, id, 'done', null, note, ip));
  return toFollowUpDto((await getFollowUp(auth.scope, ctx.db, id))!);
}

/**
 * The seam for 反映问题转办: the petitions module (and later assistance) calls this inside its
 * own transaction when it opens a case from a follow-up; the follow-up is closed as passed on,
 * naming the case ("petition:<id>").
 */
export async function passOnFollowUpIn(ctx: AppContext, auth: AuthContext, trx: Tx, followUpId: string, target: { kind: PassOnKind; id: string }, ip: Ip): Promise<void> {
  const f = await closeFollowUpAs(ctx, auth, trx, followUpId, 'passedOn', `${target.kind}:${target.id}`, '', ip);
  await publish(trx, ctx, visitFollowUpPassedOn, { followUpId, recipientId: f.recipient_id, passedTo: target, at: nowIso(ctx), actorUserId: auth.userId });
}

/** What a follow-up says, for a module that opens a case from it (the need, the person). */
export async function followUpForPassOn(ctx: AppContext, auth: AuthContext, db: Tx, followUpId: string): Promise<FollowUpDto> {
  const f = await getFollowUp(auth.scope, db, followUpId);
  if (!f) throw notFound('后续事项');
  return toFollowUpDto(f);
}

// ---- staff to pick (visitors, assignees, contacts) ----

export async function pickStaff(ctx: AppContext, auth: AuthContext, q: { q?: string; orgUnitId?: string }) {
  const unitPath = await unitPathOf(ctx, auth, q.orgUnitId);
  const rows = await staffPick(auth.scope, ctx.db, { q: q.q, unitPath }, 200);
  return {
    items: rows.filter((u) => userHolds(u.roles, 'visits:write')).map((u) => ({ id: u.id, name: u.display_name, orgUnitId: u.org_unit_id, orgUnitName: u.org_unit_name })),
  };
}

export type { Db };
