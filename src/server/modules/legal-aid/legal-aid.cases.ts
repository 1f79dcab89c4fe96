// Legal aid 法律援助 as a case of the kernel (seed Part 10; LEDGERS.md: 登记申请 → 告知途径 → 协调 →
// 跟踪 → 案结事了):
//
//   registered 已登记 ─refer (转介: a directory entry, the day)→ referred 已转介（待回执）
//                     ─close (案结事了: the applicant took the advised route himself, or withdrew)→ closed
//   referred ─acknowledge (回执: the day, who received it; due in the county's working days, 法律援助设置)→ following 跟踪中
//   following ─followUp (跟踪记录: the day, the progress)→ following
//             ─close (案结事了: outcome)→ closed
//
// The kernel's log is the case's history (each entry's data: the referral, the receipt, the
// progress, the outcome); the legal_aid_cases row keeps the application's facts and, as the
// type's mirror, list-friendly copies of the state.
import { z } from '../../../shared/zod-setup';
import {
  LEGAL_AID_ACK_WORKING_DAYS,
  legalAidAck,
  legalAidClose,
  legalAidFollowUp,
  legalAidMatterKinds,
  legalAidOutcomeKinds,
  legalAidPartnerKindLabels,
  legalAidRefer,
  legalAidRouteLabels,
  legalAidRoutes,
  legalAidStatusLabels,
  partnerKindsFor,
  type LegalAidPartnerKind,
  type LegalAidStatus,
} from '../../../shared/schemas/legal-aid';
import { shanghaiDay } from '../../../shared/rules/dates';
import { defineCaseType, type ActionEnv, type CaseStateDef } from '../../cases/case-type';
import { dueDayWith } from '../../cases/deadlines';
import { badRequest } from '../../platform/errors';
import { partnerForCase } from './legal-aid.repo';
import { ackWorkingDaysFor } from './legal-aid.settings';

export const LEGAL_AID_CASE_TYPE = 'legal-aid';

export const legalAidPayload = z.object({
  recipientId: z.string(),
  appliedOn: z.string(),
  matterKind: z.enum(legalAidMatterKinds),
  route: z.enum(legalAidRoutes),
  priorSteps: z.boolean(),
  partnerId: z.string().nullable().default(null),
  referredOn: z.string().nullable().default(null),
  acknowledgedOn: z.string().nullable().default(null),
  ackReceiver: z.string().default(''),
  followUpCount: z.number().int().default(0),
  closedOn: z.string().nullable().default(null),
  /** the county's receipt time limit (法律援助设置) in force when the referral was made; null: before the setting (the default) */
  ackWorkingDays: z.number().int().nullable().default(null),
  outcomeKind: z.enum(legalAidOutcomeKinds).nullable().default(null),
  outcome: z.string().default(''),
});
export type LegalAidPayload = z.infer<typeof legalAidPayload>;

export const referInput = legalAidRefer.omit({ version: true });
export const ackInput = legalAidAck.omit({ version: true });
export const followUpInput = legalAidFollowUp.omit({ version: true });
export const closeInput = legalAidClose.omit({ version: true });

const states: Record<LegalAidStatus, CaseStateDef> = {
  registered: { label: legalAidStatusLabels.registered, open: true, waitsOn: 'owner' },
  referred: { label: legalAidStatusLabels.referred, open: true, waitsOn: 'owner' },
  following: { label: legalAidStatusLabels.following, open: true, waitsOn: 'owner' },
  closed: { label: legalAidStatusLabels.closed, open: false, waitsOn: 'none' },
};

type Env = ActionEnv<LegalAidPayload>;

/** A day of the case: not after today, not before `from` (the application or the step before). */
function checkDay(env: Env, day: string, from: string, fromLabel: string, field: string, label: string): void {
  if (day > shanghaiDay(new Date(env.at))) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  if (day < from) throw badRequest(`${label}不能早于${fromLabel}（${from}）`, [{ path: field, message: `不能早于${fromLabel}` }]);
}

export const legalAidCaseType = defineCaseType<LegalAidPayload>({
  type: LEGAL_AID_CASE_TYPE,
  label: '法律援助',
  messages: { notFound: '法律援助案件', closed: '该法律援助案件已案结事了，不能再修改', stale: '该法律援助案件已被他人修改，请刷新后再操作（您的操作未保存）' },
  domain: 'legalAid',
  payload: legalAidPayload,
  states,
  actions: {
    refer: {
      label: '转介',
      from: ['registered'],
      to: 'referred',
      permission: 'legalAid:write',
      // waiting on the owner's unit: the case stands in its work queue until referred and acknowledged
      actor: 'waiting',
      input: referInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof referInput>;
        checkDay(env, i.referredOn, env.payload.appliedOn, '申请日期', 'referredOn', '转介日期');
        // an active entry of the directory kept at the case's unit or above it, that the caller sees
        const p = await partnerForCase(env.auth.scope, env.trx, i.partnerId, env.caseRow.org_path);
        if (!p) throw badRequest('转介机构须是本单位或上级单位名录中的机构', [{ path: 'partnerId', message: '不在名录中' }]);
        if (p.active !== 1) throw badRequest(`“${p.name}”已停用，不能转介`, [{ path: 'partnerId', message: '机构已停用' }]);
        const kinds = partnerKindsFor(env.payload.route);
        if (!kinds.includes(p.kind as LegalAidPartnerKind))
          throw badRequest(`建议途径为“${legalAidRouteLabels[env.payload.route]}”的事项，应转介至${kinds.map((k) => legalAidPartnerKindLabels[k]).join('或')}`, [{ path: 'partnerId', message: '机构类别与建议途径不符' }]);
        const ackWorkingDays = await ackWorkingDaysFor(env.trx, env.caseRow.org_path);
        return { ...env.payload, partnerId: p.id, referredOn: i.referredOn, ackWorkingDays };
      },
    },
    acknowledge: {
      label: '回执',
      from: ['referred'],
      to: 'following',
      permission: 'legalAid:write',
      // waiting on the owner's unit: the case stands in its work queue until referred and acknowledged
      actor: 'waiting',
      input: ackInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof ackInput>;
        checkDay(env, i.acknowledgedOn, env.payload.referredOn ?? env.payload.appliedOn, '转介日期', 'acknowledgedOn', '回执日期');
        return { ...env.payload, acknowledgedOn: i.acknowledgedOn, ackReceiver: i.receiver };
      },
    },
    followUp: {
      label: '跟踪记录',
      from: ['following'],
      to: 'following',
      permission: 'legalAid:write',
      actor: 'owner',
      input: followUpInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof followUpInput>;
        checkDay(env, i.on, env.payload.acknowledgedOn ?? env.payload.appliedOn, '回执日期', 'on', '跟踪日期');
        return { ...env.payload, followUpCount: env.payload.followUpCount + 1 };
      },
    },
    close: {
      label: '案结事了',
      from: ['registered', 'following'],
      to: 'closed',
      permission: 'legalAid:write',
      actor: 'owner',
      input: closeInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof closeInput>;
        checkDay(env, i.closedOn, env.payload.acknowledgedOn ?? env.payload.appliedOn, env.payload.acknowledgedOn ? '回执日期' : '申请日期', 'closedOn', '结案日期');
        return { ...env.payload, closedOn: i.closedOn, outcomeKind: i.outcomeKind, outcome: i.outcome };
      },
    },
  },
  // the receiving institution's acknowledgement is due within the county's working days (法律援助设置,
  // taken when the referral was made) of the referral's day (a referral entered a day late still counts
  // from the day it was made)
  dueDay: ({ status, payload, table }) =>
    status === 'referred' && payload.referredOn ? dueDayWith(table, payload.referredOn, { days: payload.ackWorkingDays ?? LEGAL_AID_ACK_WORKING_DAYS, kind: 'working' }) : null,
  mirror: {
    table: 'legal_aid_cases',
    columns: ({ status, payload: p, owner, updatedAt, version, dueDay }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      partner_id: p.partnerId,
      referred_on: p.referredOn,
      // the acknowledgement's day is kept once the case leaves 'referred', for the on-time figure
      ...(status === 'referred' || status === 'registered' ? { ack_due_day: dueDay } : {}),
      acknowledged_on: p.acknowledgedOn,
      ack_receiver: p.ackReceiver,
      follow_up_count: p.followUpCount,
      closed_on: p.closedOn,
      outcome_kind: p.outcomeKind,
      outcome: p.outcome,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/legal-aid/${c.id}`,
});
