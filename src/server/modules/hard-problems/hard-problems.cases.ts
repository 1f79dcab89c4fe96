// A hard problem 疑难问题 as a case of the kernel (seed §8 疑难问题化解制度: 对下级退役军人服务站上报的
// 问题和困难，县级退役军人服务中心原则上每月、乡镇（街道）退役军人服务站根据情况及时专题研究，力争推动
// 解决；解决不了的重大疑难复杂事项，应当及时上报):
//
//   (reported by a station: owner = the raising unit, counterpart = its parent) → the parent's level:
//     township 乡镇（街道）研究中 (due TOWNSHIP_STUDY_WORKING_DAYS working days), county 县级研究中,
//     city 市级研究中 — each waiting on the counterpart (the unit handling it now)
//   any open ─study 专题研究记录 (day, participants, notes)→ same state
//   county ─review 月度研究 (day, decision, owner person, due day)→ same state (the monthly review;
//     publishes hardProblemReviewed: the obligations module counts the county's review of the month)
//   township ─escalate 上报县级 (comment)→ county, counterpart = the township's parent
//   county ─escalateCity 上报市级 (comment)→ city, counterpart = the county's parent
//   any open ─resolve 解决办结 (resolution)→ resolved
//   any open ─withdraw 撤回 (comment; the raising unit's own staff)→ withdrawn
//
// The raising unit owns the case for its whole life, so it keeps sight of every step and of the
// resolution; each handling unit is the counterpart (granted by the kernel). Only the handling unit's
// own staff act for it (a county does not study for its township).
import { z } from '../../../shared/zod-setup';
import {
  HARD_PROBLEM_CASE_TYPE,
  TOWNSHIP_STUDY_WORKING_DAYS,
  hardProblemActionBody,
  hardProblemActionLabels,
  hardProblemStatusLabels,
  hardProblemLevels,
  type HardProblemAction,
  type HardProblemLevel,
  type HardProblemStatus,
} from '../../../shared/schemas/hard-problems';
import { shanghaiDay } from '../../../shared/rules/dates';
import { SAME_STATE, defineCaseType, type ActionEnv, type CaseActionDef, type CaseStateDef } from '../../cases/case-type';
import type { CaseRow } from '../../cases/cases.repo';
import type { AuthContext } from '../../platform/auth';
import { badRequest } from '../../platform/errors';
import { unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { publish } from '../../platform/events';
import { unitByIdUnscoped } from './hard-problems.repo';
import { hardProblemArrived, hardProblemReviewed } from './hard-problems.events';

export { HARD_PROBLEM_CASE_TYPE };

export const hardProblemPayload = z.object({
  recipientId: z.string().nullable().default(null),
  firstLevel: z.enum(hardProblemLevels),
  lastReviewOn: z.string().nullable().default(null),
  resolution: z.string().nullable().default(null),
  resolvedLevel: z.enum(hardProblemLevels).nullable().default(null),
  resolvedUnitName: z.string().nullable().default(null),
});
export type HardProblemPayload = z.infer<typeof hardProblemPayload>;

const st = (s: HardProblemStatus, open: boolean, waitsOn: CaseStateDef['waitsOn']): CaseStateDef => ({ label: hardProblemStatusLabels[s], open, waitsOn });
const states: Record<HardProblemStatus, CaseStateDef> = {
  township: st('township', true, 'counterpart'),
  county: st('county', true, 'counterpart'),
  city: st('city', true, 'counterpart'),
  resolved: st('resolved', false, 'none'),
  withdrawn: st('withdrawn', false, 'none'),
};
const OPEN: HardProblemLevel[] = ['township', 'county', 'city'];

type Env = ActionEnv<HardProblemPayload>;

/** Only the handling unit's own staff act for it. */
export const atHandlingUnit = (c: CaseRow, auth: AuthContext) => (OPEN as string[]).includes(c.status) && c.waiting_unit_id === auth.unit.id;
/** Only the raising unit's own staff withdraw it. */
const atRaisingUnit = (c: CaseRow, auth: AuthContext) => c.org_unit_id === auth.unit.id;

/** Each action's data: the matching branch of the API body, without the common fields. */
function inputOf(action: HardProblemAction): z.ZodType {
  const branch = hardProblemActionBody.options.find((o) => o.shape.action.value === action) as z.ZodObject | undefined;
  if (!branch) throw new Error(`hard problem action ${action} has no body`);
  return branch.omit({ action: true, comment: true, version: true });
}

function notFuture(env: Env, day: string, field: string, label: string) {
  if (day > shanghaiDay(new Date(env.at))) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  if (day < shanghaiDay(new Date(env.caseRow.opened_at))) throw badRequest(`${label}不能早于上报日期`, [{ path: field, message: '不能早于上报日期' }]);
}

/** Passes the problem to the parent of the handling unit, which must be of the `level` expected. */
async function passUp(env: Env, level: HardProblemLevel): Promise<void> {
  const here = await unitByIdUnscoped(env.trx, env.auth.unit.id);
  const parent = here?.parent_id ? await unitByIdUnscoped(env.trx, here.parent_id) : undefined;
  if (!parent || parent.active !== 1 || parent.level !== level) throw badRequest(`没有可上报的${level === 'county' ? '县级' : '市级'}单位`, [{ path: 'action', message: '没有上级单位' }]);
  const stored = await unitForWriteUnscoped(env.trx, env.ctx.dialect, parent.id);
  env.route.counterpart = stored;
  await publish(env.trx, env.ctx, hardProblemArrived, { caseId: env.caseRow.id, title: env.caseRow.title, atUnit: { id: stored.id, path: stored.path }, level, raisingUnitId: env.caseRow.org_unit_id, how: 'escalate', at: env.at });
}

const write = { permission: 'hardProblems:write' } as const;

const actions: Record<HardProblemAction, CaseActionDef<HardProblemPayload>> = {
  study: {
    ...write,
    label: hardProblemActionLabels.study,
    from: OPEN,
    to: SAME_STATE,
    mayAct: atHandlingUnit,
    input: inputOf('study'),
    effect: async (env) => {
      const i = env.input as { studiedOn: string };
      notFuture(env, i.studiedOn, 'studiedOn', '研究日期');
    },
  },
  review: {
    ...write,
    label: hardProblemActionLabels.review,
    from: ['county'],
    to: SAME_STATE,
    mayAct: atHandlingUnit,
    input: inputOf('review'),
    effect: async (env) => {
      const i = env.input as { reviewedOn: string; dueOn: string; decision: string; ownerName: string };
      notFuture(env, i.reviewedOn, 'reviewedOn', '研究日期');
      if (i.dueOn < i.reviewedOn) throw badRequest('办理时限不能早于研究日期', [{ path: 'dueOn', message: '不能早于研究日期' }]);
      await publish(env.trx, env.ctx, hardProblemReviewed, {
        caseId: env.caseRow.id,
        title: env.caseRow.title,
        unit: { id: env.auth.unit.id, path: env.auth.unit.path },
        reviewedOn: i.reviewedOn,
        decision: i.decision,
        ownerName: i.ownerName,
        dueOn: i.dueOn,
        at: env.at,
        actor: { userId: env.auth.userId, name: env.auth.displayName },
      });
      const last = env.payload.lastReviewOn;
      return { ...env.payload, lastReviewOn: last && last > i.reviewedOn ? last : i.reviewedOn };
    },
  },
  escalate: {
    ...write,
    label: hardProblemActionLabels.escalate,
    from: ['township'],
    to: 'county',
    requireComment: true,
    mayAct: atHandlingUnit,
    input: inputOf('escalate'),
    effect: async (env) => passUp(env, 'county'),
  },
  escalateCity: {
    ...write,
    label: hardProblemActionLabels.escalateCity,
    from: ['county'],
    to: 'city',
    requireComment: true,
    mayAct: atHandlingUnit,
    input: inputOf('escalateCity'),
    effect: async (env) => passUp(env, 'city'),
  },
  resolve: {
    ...write,
    label: hardProblemActionLabels.resolve,
    from: OPEN,
    to: 'resolved',
    mayAct: atHandlingUnit,
    input: inputOf('resolve'),
    effect: async (env) => {
      const i = env.input as { resolution: string };
      return { ...env.payload, resolution: i.resolution, resolvedLevel: env.caseRow.status as HardProblemLevel, resolvedUnitName: env.auth.unit.name };
    },
  },
  withdraw: {
    ...write,
    label: hardProblemActionLabels.withdraw,
    from: OPEN,
    to: 'withdrawn',
    actor: 'owner',
    requireComment: true,
    mayAct: atRaisingUnit,
    input: inputOf('withdraw'),
  },
};

export const hardProblemCaseType = defineCaseType<HardProblemPayload>({
  type: HARD_PROBLEM_CASE_TYPE,
  label: '疑难问题',
  domain: 'hardProblems',
  payload: hardProblemPayload,
  states,
  actions,
  deadline: (status) => (status === 'township' ? { days: TOWNSHIP_STUDY_WORKING_DAYS, kind: 'working' } : null),
  mirror: {
    table: 'hard_problems',
    columns: ({ status, open, payload: p, owner, counterpart, dueDay, closedAt, updatedAt, version }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      at_unit_id: open ? (counterpart?.id ?? null) : null,
      due_day: open ? dueDay : null,
      last_review_on: p.lastReviewOn,
      closed_on: closedAt ? shanghaiDay(new Date(closedAt)) : null,
      resolution: p.resolution,
      resolved_level: p.resolvedLevel,
      resolved_unit_name: p.resolvedUnitName,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/hard-problems/${c.id}`,
});
