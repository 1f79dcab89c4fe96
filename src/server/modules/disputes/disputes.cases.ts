// The dispute 矛盾纠纷 as a case of the kernel (seed Part 8): one state while it is being resolved,
// and closure one by one 一案一销.
//
//   open 化解中 (due: the dispute's 化解时限 day) ─progress (化解进展, stays open)→ open
//                                               ─plan (研判与方案: risk, responsible, leader, deadline)→ open
//                                               ─close (销号: the responsible person or a unit head)→ closed 已销号
//
// The progress log is the kernel's action log (each entry's data: day, measure, progress); the
// disputes row keeps the ledger facts and, as the type's mirror, list-friendly copies of the state.
import { z } from '../../../shared/zod-setup';
import { disputeClose, disputeProgressCreate, disputeStatusLabels, disputeUpdate, riskLevels, type DisputeStatus } from '../../../shared/schemas/disputes';
import { shanghaiDay } from '../../../shared/rules/dates';
import type { Tx } from '../../db/transaction';
import { defineCaseType, type ActionEnv, type CaseStateDef } from '../../cases/case-type';
import type { CaseRow } from '../../cases/cases.repo';
import type { AuthContext } from '../../platform/auth';
import { badRequest } from '../../platform/errors';
import type { Scope } from '../../platform/jurisdiction';
import { isUnitHead, userHolds } from '../../platform/roles';
import { usersAbove } from './disputes.repo';

export const DISPUTE_CASE_TYPE = 'dispute';

export const disputePayload = z.object({
  foundOn: z.string(),
  riskLevel: z.enum(riskLevels),
  responsibleUserId: z.string(),
  leaderUserId: z.string().nullable(),
  /** 化解时限: the open state's due day */
  deadline: z.string(),
  plan: z.string(),
  note: z.string(),
  closedOn: z.string().nullable().default(null),
  closedBy: z.string().nullable().default(null),
  result: z.string().default(''),
});
export type DisputePayload = z.infer<typeof disputePayload>;

/** The data of a progress entry in the log. */
export const disputeProgressInput = disputeProgressCreate.omit({ version: true });
export type DisputeProgressData = z.infer<typeof disputeProgressInput>;
const planInput = disputeUpdate.omit({ version: true });
const closeInput = disputeClose.omit({ version: true });

const states: Record<DisputeStatus, CaseStateDef> = {
  open: { label: disputeStatusLabels.open, open: true, waitsOn: 'owner' },
  closed: { label: disputeStatusLabels.closed, open: false, waitsOn: 'none' },
};

/** 销号: the responsible person, or a unit head 站长/主任 (the kernel has checked the dispute is in their range). */
export function mayCloseDispute(_c: Pick<CaseRow, 'org_path'> | null, auth: AuthContext, p: Pick<DisputePayload, 'responsibleUserId'>): boolean {
  return p.responsibleUserId === auth.userId || isUnitHead(auth);
}

/** The responsible person and the leader must be staff who see the dispute (its unit or above, in the caller's range). */
export async function checkPeople(db: Tx, scope: Scope, unitPath: string, responsibleUserId: string, leaderUserId: string | null): Promise<void> {
  const [resp] = await usersAbove(scope, db, unitPath, responsibleUserId);
  if (!resp || !userHolds(resp.roles, 'disputes:write')) throw badRequest('责任人须是本单位或上级单位（您的管辖范围内）可办理业务的工作人员', [{ path: 'responsibleUserId', message: '责任人不在可选范围内' }]);
  if (leaderUserId) {
    const [lead] = await usersAbove(scope, db, unitPath, leaderUserId);
    if (!lead) throw badRequest('包案领导须是本单位或上级单位（您的管辖范围内）的工作人员', [{ path: 'leaderUserId', message: '包案领导不在可选范围内' }]);
  }
}

type Env = ActionEnv<DisputePayload>;

/** A day of the dispute: not after today, not before it was found. */
function checkDay(env: Env, day: string, field: string, label: string): void {
  if (day > shanghaiDay(new Date(env.at))) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  if (day < env.payload.foundOn) throw badRequest(`${label}不能早于排查日期（${env.payload.foundOn}）`, [{ path: field, message: '不能早于排查日期' }]);
}

export const disputeCaseType = defineCaseType<DisputePayload>({
  type: DISPUTE_CASE_TYPE,
  label: '矛盾纠纷',
  domain: 'disputes',
  payload: disputePayload,
  states,
  actions: {
    progress: {
      label: '化解进展',
      from: ['open'],
      to: 'open',
      permission: 'disputes:write',
      input: disputeProgressInput,
      effect: async (env) => {
        checkDay(env, (env.input as DisputeProgressData).day, 'day', '日期');
      },
    },
    plan: {
      label: '研判与方案',
      from: ['open'],
      to: 'open',
      permission: 'disputes:write',
      input: planInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof planInput>;
        if (i.deadline < env.payload.foundOn) throw badRequest('化解时限不能早于排查日期', [{ path: 'deadline', message: '不能早于排查日期' }]);
        await checkPeople(env.trx, env.auth.scope, env.caseRow.org_path, i.responsibleUserId, i.leaderUserId);
        return { ...env.payload, riskLevel: i.riskLevel, responsibleUserId: i.responsibleUserId, leaderUserId: i.leaderUserId, deadline: i.deadline, plan: i.plan, note: i.note };
      },
    },
    close: {
      label: '销号',
      from: ['open'],
      to: 'closed',
      permission: 'disputes:write',
      input: closeInput,
      mayAct: mayCloseDispute,
      effect: async (env) => {
        const i = env.input as z.infer<typeof closeInput>;
        checkDay(env, i.closedOn, 'closedOn', '销号日期');
        return { ...env.payload, closedOn: i.closedOn, closedBy: env.auth.userId, result: i.result };
      },
    },
  },
  // the deadline is the day the plan names (化解时限), not a count from entering the state
  dueDay: ({ status, payload }) => (status === 'open' ? payload.deadline : null),
  mirror: {
    table: 'disputes',
    columns: ({ status, payload: p, owner, updatedAt, version }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      risk_level: p.riskLevel,
      responsible_user_id: p.responsibleUserId,
      leader_user_id: p.leaderUserId,
      deadline: p.deadline,
      plan: p.plan,
      note: p.note,
      result: p.result,
      closed_on: p.closedOn,
      closed_by: p.closedBy,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/disputes/${c.id}`,
});
