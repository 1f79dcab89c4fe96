// The rights case 权益维护 as a case of the kernel (seed Part 9, SPEC §8):
//
//   verifying 核查中 (due: 15 working days from opening) ─verify (核查: findings, conclusion)→ verifying
//       ├─reportUp (上报政策建议, a reasonable request outside current policy, Part 9 四(一); a
//       │   reviewer of the unit or above, also after the explanation)→ same state
//       ├─explain (政策解释: outside policy or unfounded, Part 9 三(六))→ explained 已解释说明 (closed)
//       └─notify (督办通知 to the responsible body, founded only)→ supervising 督办中 (due: the notice's reply day)
//   supervising ─notify (a further notice)→ supervising ─contact (跟进联系)→ supervising
//               ─escalate (提请上级督办: the case moves to the unit above; the lower keeps sight)→ supervising
//               ─close (办结: outcome, result; on time when closed by the due day in force)→ closed 已办结
//   and, from any open state, the kernel's 督办 (cases/supervision.ts): an upper unit's supervision
//   notice on the case, answered by the case's unit.
// Verification, notices and escalations are in the payload; contacts and reports are the log's data.
import { z } from '../../../shared/zod-setup';
import { RIGHTS_CASE_TYPE, RIGHTS_VERIFY_DAYS, rightsActionBody, rightsActionLabels, rightsStatusLabels, conclusions, partyKinds, rightsKinds, rightsOutcomes, rightsSources, verifyMethods, type RightsAction, type RightsStatus } from '../../../shared/schemas/rights';
import { shanghaiDay } from '../../../shared/rules/dates';
import { defineCaseType, SAME_STATE, type ActionEnv, type CaseActionDef, type CaseStateDef } from '../../cases/case-type';
import type { CaseRow } from '../../cases/cases.repo';
import { grantCaseAccessUnscoped } from '../../cases/cases.repo';
import { dueDayWith } from '../../cases/deadlines';
import { assignmentActions, supervisionActions, unitAboveCase } from '../../cases/supervision';
import type { AuthContext } from '../../platform/auth';
import { AppError, badRequest, conflict } from '../../platform/errors';
import { unitForWriteUnscoped, type StoredUnit } from '../../platform/stored-unit.repo';

export { RIGHTS_CASE_TYPE };

const notice = z.object({ seq: z.number().int(), sentOn: z.string(), content: z.string(), replyDays: z.number().int() });

export const rightsPayload = z.object({
  recipientId: z.string(),
  kind: z.enum(rightsKinds),
  policy: z.string(),
  partyKind: z.enum(partyKinds),
  partyName: z.string(),
  facts: z.string(),
  request: z.string(),
  source: z.enum(rightsSources),
  sourceId: z.string().nullable(),
  openedOn: z.string(),
  verification: z.object({ verifiedOn: z.string(), method: z.enum(verifyMethods), verifiers: z.string(), findings: z.string(), conclusion: z.enum(conclusions) }).nullable().default(null),
  notices: z.array(notice).default([]),
  escalations: z.array(z.object({ fromUnitId: z.string(), fromUnitName: z.string(), toUnitId: z.string(), toUnitName: z.string(), on: z.string(), reason: z.string() })).default([]),
  explanation: z.object({ explainedOn: z.string(), basis: z.string(), explanation: z.string() }).nullable().default(null),
  closedOn: z.string().nullable().default(null),
  outcome: z.enum(rightsOutcomes).nullable().default(null),
  result: z.string().nullable().default(null),
  /** closed by the due day in force when it was closed */
  onTime: z.boolean().nullable().default(null),
});
export type RightsPayload = z.infer<typeof rightsPayload>;

const states: Record<RightsStatus, CaseStateDef> = {
  verifying: { label: rightsStatusLabels.verifying, open: true, waitsOn: 'owner' },
  supervising: { label: rightsStatusLabels.supervising, open: true, waitsOn: 'owner' },
  closed: { label: rightsStatusLabels.closed, open: false, waitsOn: 'none' },
  explained: { label: rightsStatusLabels.explained, open: false, waitsOn: 'none' },
};

type Env = ActionEnv<RightsPayload>;

/** The case's own unit handles it (an upper unit supervises it, through 督办). */
const atCaseUnit = (c: CaseRow, auth: AuthContext) => !unitAboveCase(c, auth);

function today(env: Env): string {
  return shanghaiDay(new Date(env.at));
}
function pastDay(env: Env, day: string, field: string, label: string, earliest?: { day: string; what: string }) {
  if (day > today(env)) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  const e = earliest ?? { day: env.payload.openedOn, what: '登记日期' };
  if (day < e.day) throw badRequest(`${label}不能早于${e.what}（${e.day}）`, [{ path: field, message: `不能早于${e.what}` }]);
}

/** Each action's data: the matching branch of the API body, without the common fields. */
function inputOf(action: RightsAction): z.ZodType {
  const branch = rightsActionBody.options.find((o) => o.shape.action.value === action) as z.ZodObject | undefined;
  if (!branch) throw new Error(`rights action ${action} has no body`);
  return branch.omit({ action: true, comment: true, version: true });
}

function action<I>(name: RightsAction, def: Omit<CaseActionDef<RightsPayload>, 'label' | 'input' | 'effect' | 'permission'> & { permission?: CaseActionDef<RightsPayload>['permission']; effect: (env: Env, input: I) => Promise<RightsPayload> }): CaseActionDef<RightsPayload> {
  return {
    label: rightsActionLabels[name],
    from: def.from,
    to: def.to,
    permission: def.permission ?? 'rights:write',
    actor: def.actor,
    mayAct: def.mayAct ?? atCaseUnit,
    input: inputOf(name),
    effect: (env) => def.effect(env, env.input as I),
  };
}

/** The parent unit of a path '/a/b/c/' → 'b', or null at the root. */
function parentIdOf(path: string): string | null {
  const ids = path.split('/').filter(Boolean);
  return ids.length >= 2 ? ids[ids.length - 2] : null;
}
async function unitAbove(env: Env): Promise<StoredUnit> {
  const here = await unitForWriteUnscoped(env.trx, env.ctx.dialect, env.caseRow.org_unit_id);
  const id = parentIdOf(here.path);
  const unit = id ? await unitForWriteUnscoped(env.trx, env.ctx.dialect, id).catch(() => undefined) : undefined;
  if (!unit) throw conflict('没有上一级单位，不能提请上级督办');
  return unit;
}

const actions = {
  verify: action<{ verifiedOn: string; method: (typeof verifyMethods)[number]; verifiers: string; findings: string; conclusion: (typeof conclusions)[number] }>('verify', {
    from: ['verifying'],
    to: 'verifying',
    async effect(env, i) {
      pastDay(env, i.verifiedOn, 'verifiedOn', '核查日期');
      return { ...env.payload, verification: { ...i } };
    },
  }),
  // evaluated and reported by a reviewer of the case's unit or above (the county), before or after
  // the person was given the policy explanation
  reportUp: action<{ reportedOn: string; reportTo: string; suggestion: string }>('reportUp', {
    from: ['verifying', 'explained'],
    to: SAME_STATE,
    permission: 'rights:review',
    actor: 'owner',
    mayAct: () => true,
    async effect(env, i) {
      if (env.payload.verification?.conclusion !== 'outsidePolicy') throw new AppError(409, 'NOT_OUTSIDE_POLICY', '核查结论为“诉求不符合政策规定”的诉求，才作为现行政策未覆盖的诉求上报');
      pastDay(env, i.reportedOn, 'reportedOn', '上报日期', { day: env.payload.verification.verifiedOn, what: '核查日期' });
      return env.payload;
    },
  }),
  explain: action<{ explainedOn: string; basis: string; explanation: string }>('explain', {
    from: ['verifying'],
    to: 'explained',
    async effect(env, i) {
      const v = env.payload.verification;
      if (!v) throw new AppError(409, 'NOT_VERIFIED', '请先登记核查情况和结论');
      if (v.conclusion === 'founded') throw new AppError(409, 'FOUNDED', '核查结论为情况属实，应发出督办通知维护其权益，不能以政策解释结案');
      pastDay(env, i.explainedOn, 'explainedOn', '解释日期', { day: v.verifiedOn, what: '核查日期' });
      const onTime = env.caseRow.due_day === null || i.explainedOn <= env.caseRow.due_day;
      return { ...env.payload, explanation: { ...i }, closedOn: i.explainedOn, onTime };
    },
  }),
  notify: action<{ sentOn: string; content: string; replyDays: number }>('notify', {
    from: ['verifying', 'supervising'],
    to: 'supervising',
    async effect(env, i) {
      const v = env.payload.verification;
      if (!v) throw new AppError(409, 'NOT_VERIFIED', '请先登记核查情况和结论');
      if (v.conclusion !== 'founded') throw new AppError(409, 'NOT_FOUNDED', '核查结论不是情况属实，不能发出督办通知；请作政策解释');
      const last = env.payload.notices.at(-1);
      pastDay(env, i.sentOn, 'sentOn', '通知日期', last && last.sentOn > v.verifiedOn ? { day: last.sentOn, what: '上次通知日期' } : { day: v.verifiedOn, what: '核查日期' });
      return { ...env.payload, notices: [...env.payload.notices, { seq: env.payload.notices.length + 1, sentOn: i.sentOn, content: i.content, replyDays: i.replyDays }] };
    },
  }),
  contact: action<{ contactedOn: string; contactWith: string; way: string; content: string }>('contact', {
    from: ['supervising'],
    to: 'supervising',
    async effect(env, i) {
      pastDay(env, i.contactedOn, 'contactedOn', '联系日期', { day: env.payload.notices[0]!.sentOn, what: '首次督办通知日期' });
      return env.payload;
    },
  }),
  escalate: action<{ reason: string }>('escalate', {
    from: ['supervising'],
    to: 'supervising',
    async effect(env, i) {
      const c = env.caseRow;
      const upper = await unitAbove(env);
      env.route.owner = upper;
      // the lower unit keeps sight of it until it is closed
      await grantCaseAccessUnscoped(env.trx, c.id, { unit: await unitForWriteUnscoped(env.trx, env.ctx.dialect, c.org_unit_id) }, env.at);
      return { ...env.payload, escalations: [...env.payload.escalations, { fromUnitId: c.org_unit_id, fromUnitName: c.org_unit_name, toUnitId: upper.id, toUnitName: upper.name, on: today(env), reason: i.reason }] };
    },
  }),
  close: action<{ closedOn: string; outcome: (typeof rightsOutcomes)[number]; result: string }>('close', {
    from: ['supervising'],
    to: 'closed',
    async effect(env, i) {
      pastDay(env, i.closedOn, 'closedOn', '办结日期', { day: env.payload.notices[0]!.sentOn, what: '首次督办通知日期' });
      const onTime = env.caseRow.due_day === null || i.closedOn <= env.caseRow.due_day;
      return { ...env.payload, closedOn: i.closedOn, outcome: i.outcome, result: i.result, onTime };
    },
  }),
  ...supervisionActions<RightsPayload>('rights', ['verifying', 'supervising']),
  // 交办 down to a lower unit (which replies itself) or out to another department (issue 14)
  ...assignmentActions<RightsPayload>('rights', ['verifying', 'supervising']),
} satisfies Record<RightsAction | 'assignmentUnitReply', CaseActionDef<RightsPayload>>;

/** The due day of an open state: the verification's, or the last notice's reply day (both working days). */
export function rightsDueDay(status: string, p: RightsPayload, table: Parameters<typeof dueDayWith>[0]): string | null {
  if (status === 'verifying') return dueDayWith(table, p.openedOn, { days: RIGHTS_VERIFY_DAYS, kind: 'working' });
  if (status === 'supervising') {
    const n = p.notices.at(-1);
    return n ? dueDayWith(table, n.sentOn, { days: n.replyDays, kind: 'working' }) : null;
  }
  return null;
}

export const rightsCaseType = defineCaseType<RightsPayload>({
  type: RIGHTS_CASE_TYPE,
  label: '权益维护',
  domain: 'rights',
  payload: rightsPayload,
  states,
  actions,
  dueDay: ({ status, payload, table }) => rightsDueDay(status, payload, table),
  mirror: {
    table: 'rights_cases',
    columns: ({ status, payload: p, owner, dueDay, updatedAt, version }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      due_day: dueDay,
      conclusion: p.verification?.conclusion ?? null,
      notice_count: p.notices.length,
      closed_on: p.closedOn,
      outcome: p.outcome,
      on_time: p.onTime === null ? null : p.onTime ? 1 : 0,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/rights/${c.id}`,
});

