// Support plans 一人一策 (§29, Part 2 四(二)): a plan for a registry recipient in special difficulty —
// the situation, goals, measures with owners and due days, review days and closure with the outcome.
// Each plan is a case of the kernel (support-plans.cases.ts): its status changes only through the
// case's actions, its history is the case's log, the kernel writes the mirror columns and keeps the
// due day (the next review). Every write is versioned (a stale version is refused with 409) and audited.
import { today } from '../../platform/clock';
import { hasPermission } from '../../../shared/permissions';
import { difficultyKindLabels, type MeasureAdd, type MeasureDto, type MeasureMark, type ReviewEntry, type SupportPlanClose, type SupportPlanCreate, type SupportPlanDetail, type SupportPlanDto, type SupportPlanLedgerQuery, type SupportPlanListQuery, type SupportPlanReview, type SupportPlanUpdate } from '../../../shared/schemas/support-plans';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { publish } from '../../platform/events';
import { pathIsWithin } from '../../platform/jurisdiction';
import { userHolds } from '../../platform/roles';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { labelUnitNamesUnscoped } from '../../platform/unit-labels.repo';
import { openCase, performAction, performActionIn, readCaseLog } from '../../cases/cases.service';
import { checkFutureDay, checkStaff, SUPPORT_PLAN_CASE_TYPE, type SupportPlanPayload } from './support-plans.cases';
import { supportPlanOpened } from './support-plans.events';
import { getPlan, insertPlan, listPlans, measuresOf, recipientInScope, usersAbove, type MeasureRow, type PlanFilter, type SupportPlanRow } from './support-plans.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

export function toPlanDto(r: SupportPlanRow, todayDay: string): SupportPlanDto {
  const active = r.status === 'active';
  const marks = dayDueMarks(r.next_review_on, todayDay);
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    recipientIdMasked: r.recipient_id_masked,
    difficulty: r.difficulty as SupportPlanDto['difficulty'],
    situation: r.situation,
    goals: r.goals,
    responsibleUserId: r.responsible_user_id,
    responsibleName: r.responsible_name,
    openedOn: r.opened_on,
    nextReviewOn: r.next_review_on,
    status: r.status as SupportPlanDto['status'],
    measureCount: Number(r.measure_count),
    measuresDone: Number(r.measures_done),
    closedOn: r.closed_on,
    outcome: r.outcome,
    overdue: active && marks.overdue,
    dueSoon: active && marks.dueSoon,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toMeasureDto(m: MeasureRow, todayDay: string): MeasureDto {
  return {
    id: m.id,
    seq: m.seq,
    content: m.content,
    ownerUserId: m.owner_user_id,
    ownerName: m.owner_name,
    dueOn: m.due_on,
    done: m.done === 1,
    doneOn: m.done_on,
    note: m.note,
    overdue: m.done !== 1 && m.due_on < todayDay,
  };
}

// ---- reads ----

export async function requirePlan(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<SupportPlanRow> {
  const p = await getPlan(auth.scope, db, id);
  if (!p) throw notFound('帮扶计划');
  return p;
}

export async function planDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<SupportPlanDetail> {
  const p = await requirePlan(ctx, auth, id);
  const t = today(ctx);
  const [log, measures] = await Promise.all([readCaseLog(auth.scope, ctx.db, id), measuresOf(auth.scope, ctx.db, [id])]);
  const reviews = log
    .filter((l) => l.action === 'review')
    .map((l): ReviewEntry => {
      const d = l.data as { reviewedOn: string; findings: string; nextReviewOn: string };
      return { reviewedOn: d.reviewedOn, findings: d.findings, nextReviewOn: d.nextReviewOn, actorName: l.actorName, at: l.at };
    });
  return {
    ...toPlanDto(p, t),
    measures: measures.map((m) => toMeasureDto(m, t)),
    reviews,
    log,
    closedByName: p.closed_by_name ?? '',
    canEdit: p.status === 'active' && hasPermission(auth.roles, 'supportPlans:write'),
  };
}

export async function planFilter(ctx: AppContext, auth: AuthContext, q: SupportPlanLedgerQuery): Promise<PlanFilter> {
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    recipientId: q.recipientId,
    status: q.status,
    difficulty: q.difficulty,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    today: today(ctx),
    mineUserId: q.mine === 'true' ? auth.userId : undefined,
  };
}

export async function searchPlans(ctx: AppContext, auth: AuthContext, q: SupportPlanListQuery) {
  const f = await planFilter(ctx, auth, q);
  const r = await listPlans(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
  const t = today(ctx);
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, r.items.map((p) => toPlanDto(p, t))), page: q.page, pageSize: q.pageSize };
}

/** Who can be responsible for a plan of this unit, or own a measure: staff of the caller's range at the unit or above. */
export async function assignees(ctx: AppContext, auth: AuthContext, orgUnitId: string) {
  const unit = await requireUnit(ctx, auth, orgUnitId);
  const rows = await usersAbove(auth.scope, ctx.db, unit.path);
  return { items: rows.filter((a) => userHolds(a.roles, 'supportPlans:write')).map((a) => ({ id: a.id, name: a.display_name, unitName: a.unit_name, title: a.title })) };
}

// ---- writes ----

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail?: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'support-plan', targetId, ip, detail);
}

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'support-plan.export', null, ip, detail));
}

const STALE = '该帮扶计划已被他人修改，请刷新后再操作（您的操作未保存）';

/**
 * Opens a plan for a registry recipient of the caller's range, under a unit of the range that holds
 * the person (the person's own unit or one above it); the first measures are the case's first
 * `addMeasure` actions, in the same transaction. A plan opened from a visit's follow-up publishes
 * it, and visits closes the follow-up as passed on.
 */
export async function createPlan(ctx: AppContext, auth: AuthContext, input: SupportPlanCreate, ip: Ip): Promise<SupportPlanDetail> {
  const recipient = await recipientInScope(auth.scope, ctx.db, input.recipientId);
  // a person outside the range is not found, as any record of another unit is
  if (!recipient) throw notFound('服务对象');
  if (recipient.status === 'draft' || recipient.status === 'returned') throw badRequest('该服务对象的信息尚未审核入库，请先完成信息采集', [{ path: 'recipientId', message: '尚未入库' }]);
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!pathIsWithin(recipient.org_path, unit.path)) throw badRequest('帮扶计划须由服务对象所在单位或其上级单位制定', [{ path: 'orgUnitId', message: '不是服务对象所在单位或其上级' }]);
  const t = today(ctx);
  if (input.openedOn > t) throw badRequest('制定日期不能晚于今天', [{ path: 'openedOn', message: '不能晚于今天' }]);
  checkFutureDay(input.openedOn, input.nextReviewOn, 'nextReviewOn', '下次评估日期');
  if (input.nextReviewOn <= input.openedOn) throw badRequest('下次评估日期须晚于制定日期', [{ path: 'nextReviewOn', message: '须晚于制定日期' }]);
  input.measures.forEach((m, i) => checkFutureDay(input.openedOn, m.dueOn, `measures.${i}.dueOn`, '完成时限'));
  await checkStaff(ctx.db, auth.scope, unit.path, input.responsibleUserId, 'responsibleUserId', '责任人');
  for (const [i, m] of input.measures.entries()) await checkStaff(ctx.db, auth.scope, unit.path, m.ownerUserId, `measures.${i}.ownerUserId`, '措施责任人');
  const at = ctx.clock.now().toISOString();
  const payload: SupportPlanPayload = {
    recipientId: recipient.id,
    openedOn: input.openedOn,
    difficulty: input.difficulty,
    situation: input.situation,
    goals: input.goals,
    responsibleUserId: input.responsibleUserId,
    nextReviewOn: input.nextReviewOn,
    measureCount: 0,
    measuresDone: 0,
    closedOn: null,
    closedBy: null,
    outcome: '',
  };
  const id = await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const caseId = await openCase(trx, ctx, auth, {
      type: SUPPORT_PLAN_CASE_TYPE,
      owner: stored,
      subject: { type: 'recipient', id: recipient.id },
      title: `一人一策：${recipient.name}（${difficultyKindLabels[input.difficulty]}）`,
      payload,
      status: 'active',
      action: 'open',
      data: { situation: input.situation, goals: input.goals, nextReviewOn: input.nextReviewOn },
      record: (rowId) =>
        insertPlan(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          recipient_id: recipient.id,
          difficulty: input.difficulty,
          situation: input.situation,
          goals: input.goals,
          responsible_user_id: input.responsibleUserId,
          opened_on: input.openedOn,
          next_review_on: input.nextReviewOn,
          status: 'active',
          measure_count: 0,
          measures_done: 0,
          closed_on: null,
          closed_by: null,
          outcome: '',
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    let version = 1;
    for (const m of input.measures) {
      const c = await performActionIn(trx, ctx, auth, caseId, { action: 'addMeasure', comment: '', version, data: m }, ip);
      version = c.version;
    }
    await audit(trx, ctx, auth, 'support-plan.create', caseId, ip, `${unit.name} ${recipient.name} ${difficultyKindLabels[input.difficulty]}，措施 ${input.measures.length} 项`);
    await publish(trx, ctx, supportPlanOpened, { planId: caseId, recipientId: recipient.id, orgUnit: { id: stored.id, path: stored.path }, fromFollowUpId: input.fromFollowUpId, auth, ip, at });
    return caseId;
  });
  return planDetail(ctx, auth, id);
}

type ActionName = 'update' | 'addMeasure' | 'markMeasure' | 'review' | 'close';

/**
 * Runs one action of the plan's case. The module's own refusals come first, with its words
 * (closed, stale); the kernel then checks everything again in its transaction, runs the action,
 * logs it with its data, writes the mirror and the audit entry.
 */
async function act(ctx: AppContext, auth: AuthContext, id: string, action: ActionName, version: number, data: Record<string, unknown>, comment: string, ip: Ip): Promise<SupportPlanDetail> {
  const p = await requirePlan(ctx, auth, id);
  if (p.status !== 'active') throw new AppError(409, 'CLOSED', '该帮扶计划已结案，不能再修改');
  if (version !== p.version) throw conflict(STALE);
  await performAction(ctx, auth, id, { action, comment, version, data }, ip);
  return planDetail(ctx, auth, id);
}

export async function updatePlan(ctx: AppContext, auth: AuthContext, id: string, input: SupportPlanUpdate, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'update', version, data, '', ip);
}
export async function addMeasure(ctx: AppContext, auth: AuthContext, id: string, input: MeasureAdd, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'addMeasure', version, data, '', ip);
}
export async function markMeasure(ctx: AppContext, auth: AuthContext, id: string, input: MeasureMark, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'markMeasure', version, data, '', ip);
}
export async function reviewPlan(ctx: AppContext, auth: AuthContext, id: string, input: SupportPlanReview, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'review', version, data, '', ip);
}
export async function closePlan(ctx: AppContext, auth: AuthContext, id: string, input: SupportPlanClose, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'close', version, data, input.outcome, ip);
}
