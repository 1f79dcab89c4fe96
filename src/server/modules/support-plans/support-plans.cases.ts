// The support plan 一人一策 as a case of the kernel (§29, Part 2 四(二)):
//
//   active 帮扶中 (due: the next review day 下次评估) ─update (调整计划)→ active
//                                                  ─addMeasure (增加措施)→ active
//                                                  ─markMeasure (措施落实情况: done on a day / not done)→ active
//                                                  ─review (跟踪评估: findings, the next review day)→ active
//                                                  ─close (结案: the outcome)→ closed 已结案
//
// The kernel's log is the plan's history (each entry's data: the measure, the review, the
// outcome). The support_plans row keeps the plan's facts and, as the type's mirror, list-friendly
// copies of the state; the measures are rows of support_plan_measures written by the actions'
// effects in the kernel's transaction, so the owners' work queues can find them.
import { z } from '../../../shared/zod-setup';
import {
  difficultyKinds,
  measureAdd,
  supportPlanClose,
  supportPlanReview,
  supportPlanStatusLabels,
  supportPlanUpdate,
  type SupportPlanStatus,
} from '../../../shared/schemas/support-plans';
import { shanghaiDay } from '../../../shared/rules/dates';
import type { Tx } from '../../db/transaction';
import { defineCaseType, type ActionEnv, type CaseStateDef } from '../../cases/case-type';
import { badRequest, notFound } from '../../platform/errors';
import type { Scope } from '../../platform/jurisdiction';
import { newId } from '../../platform/ids';
import { userHolds } from '../../platform/roles';
import { unitOfRecordForWriteUnscoped } from '../../platform/stored-unit.repo';
import { insertMeasure, measureOfPlan, nextMeasureSeq, setMeasureDone, usersAbove } from './support-plans.repo';

export const SUPPORT_PLAN_CASE_TYPE = 'support-plan';

export const supportPlanPayload = z.object({
  recipientId: z.string(),
  openedOn: z.string(),
  difficulty: z.enum(difficultyKinds),
  situation: z.string(),
  goals: z.string(),
  responsibleUserId: z.string(),
  /** 下次评估: the active state's due day */
  nextReviewOn: z.string(),
  measureCount: z.number().int().default(0),
  measuresDone: z.number().int().default(0),
  closedOn: z.string().nullable().default(null),
  closedBy: z.string().nullable().default(null),
  outcome: z.string().default(''),
});
export type SupportPlanPayload = z.infer<typeof supportPlanPayload>;

export const updateInput = supportPlanUpdate.omit({ version: true });
export const addMeasureInput = measureAdd.omit({ version: true });
// the refinement (done needs its day) is checked again in the effect: omit() drops it
export const markMeasureInput = z.object({ measureId: z.string(), done: z.boolean(), doneOn: z.string().nullable().default(null), note: z.string().default('') });
export const reviewInput = supportPlanReview.omit({ version: true });
export const closeInput = supportPlanClose.omit({ version: true });

const states: Record<SupportPlanStatus, CaseStateDef> = {
  // the plan waits on nobody's unit queue as a whole: its review days reach the responsible
  // person's work queue, and each measure its owner's (support-plans.work-queue.ts)
  active: { label: supportPlanStatusLabels.active, open: true, waitsOn: 'none' },
  closed: { label: supportPlanStatusLabels.closed, open: false, waitsOn: 'none' },
};

/** A staff user who sees the plan (its unit or above, in the caller's range) and may write plans. */
export async function checkStaff(db: Tx, scope: Scope, unitPath: string, userId: string, field: string, label: string): Promise<void> {
  const [u] = await usersAbove(scope, db, unitPath, userId);
  if (!u || !userHolds(u.roles, 'supportPlans:write')) throw badRequest(`${label}须是本单位或上级单位（您的管辖范围内）可办理帮扶的工作人员`, [{ path: field, message: `${label}不在可选范围内` }]);
}

type Env = ActionEnv<SupportPlanPayload>;

/** A day of the plan: not after today, not before it was drawn up. */
export function checkPastDay(env: Pick<Env, 'at' | 'payload'>, day: string, field: string, label: string): void {
  if (day > shanghaiDay(new Date(env.at))) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  if (day < env.payload.openedOn) throw badRequest(`${label}不能早于制定日期（${env.payload.openedOn}）`, [{ path: field, message: '不能早于制定日期' }]);
}
/** A day ahead: not before the plan was drawn up. */
export function checkFutureDay(openedOn: string, day: string, field: string, label: string): void {
  if (day < openedOn) throw badRequest(`${label}不能早于制定日期（${openedOn}）`, [{ path: field, message: '不能早于制定日期' }]);
}

export const supportPlanCaseType = defineCaseType<SupportPlanPayload>({
  type: SUPPORT_PLAN_CASE_TYPE,
  label: '一人一策',
  domain: 'supportPlans',
  payload: supportPlanPayload,
  states,
  actions: {
    update: {
      label: '调整计划',
      from: ['active'],
      to: 'active',
      permission: 'supportPlans:write',
      actor: 'owner',
      input: updateInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof updateInput>;
        await checkStaff(env.trx, env.auth.scope, env.caseRow.org_path, i.responsibleUserId, 'responsibleUserId', '责任人');
        return { ...env.payload, difficulty: i.difficulty, situation: i.situation, goals: i.goals, responsibleUserId: i.responsibleUserId };
      },
    },
    addMeasure: {
      label: '增加帮扶措施',
      from: ['active'],
      to: 'active',
      permission: 'supportPlans:write',
      actor: 'owner',
      input: addMeasureInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof addMeasureInput>;
        checkFutureDay(env.payload.openedOn, i.dueOn, 'dueOn', '完成时限');
        await checkStaff(env.trx, env.auth.scope, env.caseRow.org_path, i.ownerUserId, 'ownerUserId', '措施责任人');
        const unit = await unitOfRecordForWriteUnscoped(env.trx, env.ctx.dialect, 'cases', env.caseRow.id);
        const seq = await nextMeasureSeq(env.trx, env.caseRow.id);
        await insertMeasure(env.auth.scope, env.trx, unit, { id: newId(), plan_id: env.caseRow.id, seq, content: i.content, owner_user_id: i.ownerUserId, due_on: i.dueOn, at: env.at });
        return { ...env.payload, measureCount: env.payload.measureCount + 1 };
      },
    },
    markMeasure: {
      label: '措施落实情况',
      from: ['active'],
      to: 'active',
      permission: 'supportPlans:write',
      actor: 'owner',
      input: markMeasureInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof markMeasureInput>;
        const m = await measureOfPlan(env.auth.scope, env.trx, env.caseRow.id, i.measureId);
        if (!m) throw notFound('帮扶措施');
        if (i.done && !i.doneOn) throw badRequest('请填写完成日期', [{ path: 'doneOn', message: '请填写完成日期' }]);
        if (i.done && i.doneOn) checkPastDay(env, i.doneOn, 'doneOn', '完成日期');
        const was = m.done === 1;
        await setMeasureDone(env.auth.scope, env.trx, m.id, { done: i.done ? 1 : 0, done_on: i.done ? i.doneOn : null, note: i.note, updated_at: env.at });
        const delta = (i.done ? 1 : 0) - (was ? 1 : 0);
        return { ...env.payload, measuresDone: env.payload.measuresDone + delta };
      },
    },
    review: {
      label: '跟踪评估',
      from: ['active'],
      to: 'active',
      permission: 'supportPlans:write',
      actor: 'owner',
      input: reviewInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof reviewInput>;
        checkPastDay(env, i.reviewedOn, 'reviewedOn', '评估日期');
        if (i.nextReviewOn <= i.reviewedOn) throw badRequest('下次评估日期须晚于本次评估日期', [{ path: 'nextReviewOn', message: '须晚于本次评估日期' }]);
        return { ...env.payload, nextReviewOn: i.nextReviewOn };
      },
    },
    close: {
      label: '结案',
      from: ['active'],
      to: 'closed',
      permission: 'supportPlans:write',
      actor: 'owner',
      input: closeInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof closeInput>;
        checkPastDay(env, i.closedOn, 'closedOn', '结案日期');
        return { ...env.payload, closedOn: i.closedOn, closedBy: env.auth.userId, outcome: i.outcome };
      },
    },
  },
  // the deadline is the next review day the plan names, not a count from entering the state
  dueDay: ({ status, payload }) => (status === 'active' ? payload.nextReviewOn : null),
  mirror: {
    table: 'support_plans',
    columns: ({ status, payload: p, owner, updatedAt, version }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      difficulty: p.difficulty,
      situation: p.situation,
      goals: p.goals,
      responsible_user_id: p.responsibleUserId,
      next_review_on: status === 'active' ? p.nextReviewOn : null,
      measure_count: p.measureCount,
      measures_done: p.measuresDone,
      closed_on: p.closedOn,
      closed_by: p.closedBy,
      outcome: p.outcome,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/support-plans/${c.id}`,
});
