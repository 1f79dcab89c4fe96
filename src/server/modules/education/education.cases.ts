// The recommendation of an outstanding veteran 优秀退役军人典型 as a case of the kernel (seed Part 3
// 五(二): 纳入“优秀退役军人典型”资源库，并推荐进入基层“两委”班子; §18 挖掘、培树、宣传):
//
//   (opened by the recommending unit: village, township or county) → reviewing 审核中, waiting on the
//     recommending unit's parent
//   reviewing ─forward 审核通过并上报 (comment; not at city level or above)→ reviewing, waiting on the
//     reviewing unit's parent (village → township → county → city)
//   reviewing ─accept 审核通过并入库 (comment)→ accepted 已入库（采纳）: the reviewing level's pool
//   reviewing ─return 退回 (comment)→ returned, waiting on the recommending unit
//   returned ─resubmit 重新报送→ reviewing, at the recommending unit's parent again
//   reviewing | returned ─withdraw 撤回 (comment; the recommending unit's range)→ withdrawn
//   returned ─revise 修改推荐材料 (title, reason, category, honor level; the recommending unit's range)→
//     returned: the text is edited while it is back with the recommender, before 重新报送
//
// Only the reviewing unit's own staff act for it (a county does not speak for its township). Every
// level's comment is kept in the payload's opinions (the log keeps the same entry); the kernel writes
// the mirror columns (status, reviewing unit, the accepting level).
import { z } from '../../../shared/zod-setup';
import { exemplarActionLabels, exemplarOpinion, exemplarRevision, exemplarStatusLabels, type ExemplarAction, type ExemplarRevision, type ExemplarStatus } from '../../../shared/schemas/education';
import { shanghaiDay } from '../../../shared/rules/dates';
import { defineCaseType, type ActionEnv, type CaseActionDef, type CaseStateDef } from '../../cases/case-type';
import type { CaseRow } from '../../cases/cases.repo';
import type { AuthContext } from '../../platform/auth';
import { badRequest } from '../../platform/errors';
import { unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { reviseExemplarText, unitByIdUnscoped } from './education.repo';

export const EXEMPLAR_CASE_TYPE = 'exemplar';

/** The levels whose reviewing unit may forward to its parent (the chain ends at the city). */
export const FORWARDING_LEVELS: readonly string[] = ['grid', 'village', 'township', 'county'];

export const exemplarPayload = z.object({
  recipientId: z.string(),
  kind: z.string(),
  opinions: z.array(exemplarOpinion).default([]),
  acceptedLevel: z.string().nullable().default(null),
  acceptedUnitName: z.string().nullable().default(null),
  acceptedOn: z.string().nullable().default(null),
});
export type ExemplarPayload = z.infer<typeof exemplarPayload>;

const st = (s: ExemplarStatus, open: boolean, waitsOn: CaseStateDef['waitsOn']): CaseStateDef => ({ label: exemplarStatusLabels[s], open, waitsOn });
const states: Record<ExemplarStatus, CaseStateDef> = {
  reviewing: st('reviewing', true, 'counterpart'),
  returned: st('returned', true, 'owner'),
  accepted: st('accepted', false, 'none'),
  withdrawn: st('withdrawn', false, 'none'),
};

type Env = ActionEnv<ExemplarPayload>;

/** Only the reviewing unit's own staff act for it. */
export const atReviewingUnit = (c: CaseRow, auth: AuthContext) => c.status === 'reviewing' && c.waiting_unit_id === auth.unit.id;
/** Forwarding goes no higher than the city. */
export const mayForward = (c: CaseRow, auth: AuthContext) => atReviewingUnit(c, auth) && FORWARDING_LEVELS.includes(auth.unit.level);

function opinion(env: Env, action: ExemplarAction) {
  return { unitName: env.auth.unit.name, level: env.auth.unit.level, by: env.auth.displayName, day: shanghaiDay(new Date(env.at)), action, text: env.comment };
}

/** Routes the case to the parent of `unitId` (the next reviewing level). */
async function routeToParentOf(env: Env, unitId: string): Promise<void> {
  const u = await unitByIdUnscoped(env.trx, unitId);
  const parent = u?.parent_id ? await unitByIdUnscoped(env.trx, u.parent_id) : undefined;
  if (!parent || parent.active !== 1) throw badRequest('没有可报送的上级单位', [{ path: 'action', message: '没有上级单位' }]);
  env.route.counterpart = await unitForWriteUnscoped(env.trx, env.ctx.dialect, parent.id);
}

const base = { permission: 'education:write', requireComment: true } as const;

const actions: Record<ExemplarAction, CaseActionDef<ExemplarPayload>> = {
  forward: {
    ...base,
    label: exemplarActionLabels.forward,
    from: ['reviewing'],
    to: 'reviewing',
    mayAct: mayForward,
    effect: async (env) => {
      await routeToParentOf(env, env.auth.unit.id);
      return { ...env.payload, opinions: [...env.payload.opinions, opinion(env, 'forward')] };
    },
  },
  accept: {
    ...base,
    label: exemplarActionLabels.accept,
    from: ['reviewing'],
    to: 'accepted',
    mayAct: atReviewingUnit,
    effect: async (env) => ({
      ...env.payload,
      opinions: [...env.payload.opinions, opinion(env, 'accept')],
      acceptedLevel: env.auth.unit.level,
      acceptedUnitName: env.auth.unit.name,
      acceptedOn: shanghaiDay(new Date(env.at)),
    }),
  },
  return: {
    ...base,
    label: exemplarActionLabels.return,
    from: ['reviewing'],
    to: 'returned',
    mayAct: atReviewingUnit,
    effect: async (env) => ({ ...env.payload, opinions: [...env.payload.opinions, opinion(env, 'return')] }),
  },
  resubmit: {
    permission: 'education:write',
    label: exemplarActionLabels.resubmit,
    from: ['returned'],
    to: 'reviewing',
    actor: 'owner',
    effect: async (env) => {
      await routeToParentOf(env, env.caseRow.org_unit_id);
      return { ...env.payload, opinions: [...env.payload.opinions, opinion(env, 'resubmit')] };
    },
  },
  revise: {
    permission: 'education:write',
    label: exemplarActionLabels.revise,
    from: ['returned'],
    to: 'returned',
    actor: 'owner',
    input: exemplarRevision,
    effect: async (env) => {
      const v = env.input as ExemplarRevision;
      await reviseExemplarText(env.trx, env.caseRow.id, { category: v.category, honor_level: v.honorLevel, title: v.title, reason: v.reason });
      return env.payload;
    },
  },
  withdraw: {
    ...base,
    label: exemplarActionLabels.withdraw,
    from: ['reviewing', 'returned'],
    to: 'withdrawn',
    actor: 'owner',
    effect: async (env) => ({ ...env.payload, opinions: [...env.payload.opinions, opinion(env, 'withdraw')] }),
  },
};

export const exemplarCaseType = defineCaseType<ExemplarPayload>({
  type: EXEMPLAR_CASE_TYPE,
  label: '优秀退役军人典型推荐',
  domain: 'education',
  payload: exemplarPayload,
  states,
  actions,
  mirror: {
    table: 'exemplars',
    columns: ({ status, payload: p, owner, counterpart, updatedAt, version }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      reviewing_unit_id: status === 'reviewing' ? (counterpart?.id ?? null) : null,
      accepted_level: p.acceptedLevel,
      accepted_unit_name: p.acceptedUnitName,
      accepted_on: p.acceptedOn,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/education/exemplars/${c.id}`,
});
