// The assistance application 帮扶援助申请 as a case of the kernel (seed Part 6 三, §28):
//
//   submitted 待受理 (an online application; waits on the owner: its work queue)
//             ─takeUp (受理: the reason is required when aid was approved for the household within
//                the period as of today)→ verifying
//             ─decline (不予受理, with the reason)→ rejected
//   verifying 待核实 (waits on the owner) ─verify (核实: two people, how, findings, conclusion)→ verifying
//             ─submit (报送: the owner level's opinion; needs a verification)→ review (the next level up)
//   review 审核中 (waits on the step's unit) ─opinion (出具意见, not the county)→ review (one level up)
//             ─returnToVerify (退回重新核实)→ verifying
//             ─approve (审批: form of help, amount, goods; the level's limit must cover it, the latest
//                verification must not be 不属实; publishes assistanceApproved, starts the 公示)→ notice
//             ─reject (不予援助, with the reason)→ rejected
//   notice 公示中 (waits on the deciding unit) ─objection / resolveObjection→ notice
//             ─endNotice (公示期满, period over and objections resolved, none upheld)→ followUp
//             ─revoke (撤销援助, e.g. an objection upheld)→ rejected
//   followUp 待回访 (waits on the owner: its work queue) ─returnVisit (回访: how the help worked)→ closed
//   refer (转介 to 低保/特困供养/专项救助/临时救助) and referralOutcome (转介结果) in any state but
//   rejected: one action per state (`refer_<state>`), since an action stays in one state.
//
// The payload keeps the verifications, opinions, decision, 公示 and return visit; the
// assistance_applications row is the type's mirror (list and ledger columns); referrals are rows
// of assistance_referrals written by the effects in the kernel's transaction.
import { z } from '../../../shared/zod-setup';
import {
  ASSISTANCE_CASE_TYPE,
  approveInput,
  assistanceDecision,
  assistanceFormLabels,
  assistanceForms,
  assistanceGrounds,
  assistanceOpinion,
  assistanceStatusLabels,
  monthsBefore,
  referInput,
  referralOutcomeInput,
  takeUpInput,
  returnVisitInput,
  verificationDto,
  verificationMethods,
  verifyInput,
  yuan,
  type AssistanceForm,
  type AssistanceGround,
  type AssistanceStatus,
  type PreviousAid,
} from '../../../shared/schemas/assistance';
import { objectionInput, objectionResolveInput, publicNotice, maskNameForNotice, type ObjectionInput, type ObjectionResolveInput } from '../../../shared/schemas/public-notice';
import { defineCaseType, type ActionEnv, type CaseActionDef, type CaseStateDef } from '../../cases/case-type';
import type { CaseRow } from '../../cases/cases.repo';
import { dayOf, recordObjection, requireNoticeSettled, resolveObjection, startNotice } from '../../cases/public-notice';
import type { AuthContext } from '../../platform/auth';
import { AppError, badRequest, forbidden } from '../../platform/errors';
import { publish } from '../../platform/events';
import { newId } from '../../platform/ids';
import { userHolds } from '../../platform/roles';
import { unitForWriteUnscoped, unitOfRecordForWriteUnscoped } from '../../platform/stored-unit.repo';
import { assistanceAidDue, assistanceApproved } from './assistance.events';
import { householdKeyOfUnscoped, insertReferral, previousAidUnscoped, referralOf, setReferralOutcome, verifiersFor, type PreviousAidRow } from './assistance.repo';
import { approvalLimitOf, assistanceSettingsOf } from './assistance.settings';

export { ASSISTANCE_CASE_TYPE };

const step = z.object({ id: z.string(), name: z.string(), level: z.string() });

export const assistancePayload = z.object({
  recipientId: z.string(),
  recipientName: z.string(),
  place: z.string(),
  ground: z.enum(assistanceGrounds),
  monthlyIncomeFen: z.number().int(),
  members: z.number().int(),
  policies: z.array(z.string()),
  /** before migration 0036 the narrative was kept here in clear; now it is `assistance_applications.narrative_enc` */
  narrative: z.string().optional(),
  /** 'online': the veteran's own application with their public account (starts in `submitted`) */
  source: z.enum(['staff', 'online']).default('staff'),
  /** aid approved for the household within the period when the online application came in */
  repeatFlagged: z.boolean().default(false),
  repeatReason: z.string().nullable(),
  openedOn: z.string(),
  /** the opinion chain: the owner unit and the units above it up to the county, nearest first */
  steps: z.array(step),
  stepIndex: z.number().int(),
  verifications: z.array(verificationDto),
  opinions: z.array(assistanceOpinion),
  decision: assistanceDecision.nullable(),
  notice: publicNotice.nullable(),
  returnVisit: z.object({ day: z.string(), method: z.enum(verificationMethods), effect: z.string(), by: z.string() }).nullable(),
});
export type AssistancePayload = z.infer<typeof assistancePayload>;

const st = (s: AssistanceStatus, open: boolean, waitsOn: CaseStateDef['waitsOn']): CaseStateDef => ({ label: assistanceStatusLabels[s], open, waitsOn });
const states: Record<AssistanceStatus, CaseStateDef> = {
  submitted: st('submitted', true, 'owner'),
  verifying: st('verifying', true, 'owner'),
  review: st('review', true, 'counterpart'),
  notice: st('notice', true, 'counterpart'),
  followUp: st('followUp', true, 'owner'),
  closed: st('closed', false, 'none'),
  rejected: st('rejected', false, 'none'),
};

type Env = ActionEnv<AssistancePayload>;

/** Only the waiting unit's own staff act for it (a county does not give a township's opinion). */
const atWaitingUnit = (c: CaseRow, auth: AuthContext) => c.waiting_unit_id === auth.unit.id;
const lastStep = (p: AssistancePayload) => p.stepIndex >= p.steps.length - 1;

/** A day of the application: not after today, not before it was opened. */
function checkDay(env: Env, d: string, field: string, label: string): void {
  if (d > dayOf(env.at)) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  if (d < env.payload.openedOn) throw badRequest(`${label}不能早于申请日期（${env.payload.openedOn}）`, [{ path: field, message: '不能早于申请日期' }]);
}

function opinionOf(env: Env, agree: boolean) {
  const s = env.payload.steps[env.payload.stepIndex];
  return { level: s?.level ?? env.auth.unit.level, unitName: env.auth.unit.name, by: env.auth.displayName, day: dayOf(env.at), agree, text: env.comment };
}

async function routeTo(env: Env, index: number): Promise<void> {
  env.route.counterpart = await unitForWriteUnscoped(env.trx, env.ctx.dialect, env.payload.steps[index].id);
}

/** The latest verification, which approval rests on (Part 6 三(五)). */
export function latestVerification(p: Pick<AssistancePayload, 'verifications'>) {
  return p.verifications.length ? p.verifications[p.verifications.length - 1] : null;
}

async function approve(env: Env): Promise<AssistancePayload> {
  const p = env.payload;
  const v = latestVerification(p);
  if (!v) throw new AppError(409, 'NOT_VERIFIED', '该申请尚未核实，不能批准：请先由两名工作人员核实（第六部分三(五)）');
  if (v.conclusion === 'false') throw new AppError(409, 'VERIFIED_FALSE', '核实结论为“不属实”，不能批准：请退回重新核实或作出不予援助的决定');
  const i = env.input as z.infer<typeof approveInput>;
  if (i.form === 'money' && i.amountFen <= 0) throw badRequest('发放帮扶援助金须填写大于 0 的金额', [{ path: 'amountFen', message: '请填写援助金额' }]);
  if (i.form === 'goods' && !i.goods.length) throw badRequest('发放生活物资须列出物资名称、数量和价值', [{ path: 'goods', message: '请填写物资' }]);
  const goodsValue = i.goods.reduce((s, g) => s + g.valueFen, 0);
  const total = i.amountFen + goodsValue;
  const settings = await assistanceSettingsOf(env.trx);
  const level = env.auth.unit.level;
  const limit = approvalLimitOf(settings, level);
  if (limit === undefined) throw forbidden('帮扶援助由乡镇或县级审批，本级请出具意见后报上级');
  if (limit !== null && total > limit)
    throw forbidden(
      limit === 0
        ? `本级不能审批涉及资金或物资的帮扶援助（本次 ${yuan(total)} 元），请出具意见后报县级审批`
        : `本级审批限额为 ${yuan(limit)} 元，本次援助 ${yuan(total)} 元超出限额，请出具意见后报上级审批`,
    );
  const day = dayOf(env.at);
  const notice = await startNotice(env.ctx, env.trx, { at: env.at, days: settings.noticeDays, text: '' });
  const what = i.form === 'money' ? `帮扶援助金 ${yuan(i.amountFen)} 元` : i.form === 'goods' ? `生活物资（价值 ${yuan(goodsValue)} 元）` : i.form === 'training' ? '技能培训、项目扶持' : '协调落实医疗政策';
  notice.text = `${p.place}${maskNameForNotice(p.recipientName)}申请帮扶援助，经核实、审核，拟给予${what}，现予公示。公示期自 ${notice.startDay} 起至 ${notice.endDay} 止，如有异议，请向${env.auth.unit.name}反映。`;
  const owner = { id: env.caseRow.org_unit_id, path: env.caseRow.org_path };
  await publish(env.trx, env.ctx, assistanceApproved, {
    caseId: env.caseRow.id,
    recipientId: p.recipientId,
    orgUnit: owner,
    form: i.form,
    amountFen: i.amountFen,
    goods: i.goods,
    approvedAt: env.at,
    actorUserId: env.auth.userId,
  });
  return {
    ...p,
    notice,
    opinions: env.comment ? [...p.opinions, opinionOf(env, true)] : p.opinions,
    decision: { approved: true, form: i.form, amountFen: i.amountFen, goods: i.goods, reason: env.comment, day, by: env.auth.displayName, unitName: env.auth.unit.name, level },
  };
}

const refusal = (env: Env) => ({ approved: false, form: null, amountFen: 0, goods: [], reason: env.comment, day: dayOf(env.at), by: env.auth.displayName, unitName: env.auth.unit.name, level: env.auth.unit.level });

export const prevDto = (r: PreviousAidRow): PreviousAid => ({
  id: r.id,
  recipientName: r.recipient_name,
  decidedOn: r.decided_on,
  ground: r.ground as AssistanceGround,
  form: r.form as AssistanceForm | null,
  amountFen: Number(r.amount_fen) + Number(r.goods_value_fen),
  unitName: r.unit_name,
});

/** The repeat-aid warning (409 with the previous aid in `details`, path `previousAid`): the desk's opening and the online application's take-up. */
export function repeatAidRefusal(previous: PreviousAidRow[], months: number): AppError {
  const list = previous.map((x) => `${x.decided_on} ${x.unit_name}${x.form ? ` ${assistanceFormLabels[x.form as AssistanceForm]}` : ''}`).join('；');
  return new AppError(
    409,
    'REPEAT_AID',
    `该服务对象（或其家庭）在 ${months} 个月内已获得帮扶援助：${list}。如确需再次申请，请填写重复申请理由`,
    previous.map((x) => ({ path: 'previousAid', message: JSON.stringify(prevDto(x)) })),
  );
}

/**
 * 受理 of an online application: the same repeat-aid rule as a desk application, decided at the
 * take-up (aid approved since the submission counts too): with previous aid the worker must say why.
 */
async function takeUp(env: Env): Promise<AssistancePayload> {
  const i = env.input as z.infer<typeof takeUpInput>;
  const settings = await assistanceSettingsOf(env.trx);
  const previous = await previousAidUnscoped(env.trx, await householdKeyOfUnscoped(env.trx, env.caseRow.id), monthsBefore(dayOf(env.at), settings.repeatMonths), env.caseRow.id);
  if (previous.length && !i.repeatReason) throw repeatAidRefusal(previous, settings.repeatMonths);
  return { ...env.payload, repeatReason: previous.length ? i.repeatReason : null };
}

const actions: Record<string, CaseActionDef<AssistancePayload>> = {
  takeUp: {
    label: '受理',
    from: ['submitted'],
    to: 'verifying',
    permission: 'assistance:write',
    input: takeUpInput,
    effect: takeUp,
  },
  decline: {
    label: '不予受理',
    from: ['submitted'],
    to: 'rejected',
    permission: 'assistance:write',
    requireComment: true,
    effect: async (env) => ({ ...env.payload, decision: refusal(env) }),
  },
  verify: {
    label: '核实',
    from: ['verifying'],
    to: 'verifying',
    permission: 'assistance:write',
    input: verifyInput,
    effect: async (env) => {
      const i = env.input as z.infer<typeof verifyInput>;
      if (i.verifierIds[0] === i.verifierIds[1]) throw badRequest('核实须由两名不同的工作人员进行，两名核实人不能是同一人', [{ path: 'verifierIds.1', message: '与第一名核实人相同' }]);
      checkDay(env, i.day, 'day', '核实日期');
      const found = await verifiersFor(env.auth.scope, env.trx, env.caseRow.org_path, i.verifierIds);
      const names = i.verifierIds.map((id, k) => {
        const u = found.find((f) => f.id === id);
        if (!u || !userHolds(u.roles, 'assistance:write')) throw badRequest('核实人须是本单位、上级单位或本单位下属的帮扶援助工作人员', [{ path: `verifierIds.${k}`, message: '不在可选范围内' }]);
        return u.display_name;
      });
      const v = { id: newId(), verifierIds: i.verifierIds, verifierNames: names, method: i.method, day: i.day, findings: i.findings, conclusion: i.conclusion, recordedBy: env.auth.displayName };
      return { ...env.payload, verifications: [...env.payload.verifications, v] };
    },
  },
  submit: {
    label: '报送审核',
    from: ['verifying'],
    to: 'review',
    permission: 'assistance:write',
    requireComment: true,
    effect: async (env) => {
      if (!latestVerification(env.payload)) throw new AppError(409, 'NOT_VERIFIED', '请先完成核实（两名工作人员），再报送审核');
      const next = env.payload.steps.length > 1 ? 1 : 0;
      const p = { ...env.payload, opinions: [...env.payload.opinions, opinionOf({ ...env, payload: { ...env.payload, stepIndex: 0 } }, true)], stepIndex: next };
      await routeTo({ ...env, payload: p }, next);
      return p;
    },
  },
  opinion: {
    label: '出具意见报上级',
    from: ['review'],
    to: 'review',
    permission: 'assistance:write',
    requireComment: true,
    mayAct: (c, auth, p) => atWaitingUnit(c, auth) && !lastStep(p),
    effect: async (env) => {
      const p = { ...env.payload, opinions: [...env.payload.opinions, opinionOf(env, true)], stepIndex: env.payload.stepIndex + 1 };
      await routeTo({ ...env, payload: p }, p.stepIndex);
      return p;
    },
  },
  returnToVerify: {
    label: '退回重新核实',
    from: ['review'],
    to: 'verifying',
    permission: 'assistance:write',
    requireComment: true,
    mayAct: atWaitingUnit,
    effect: async (env) => {
      env.route.counterpart = null;
      return { ...env.payload, opinions: [...env.payload.opinions, opinionOf(env, false)], stepIndex: 0 };
    },
  },
  approve: {
    label: '批准援助',
    from: ['review'],
    to: 'notice',
    permission: 'assistance:review',
    input: approveInput,
    mayAct: atWaitingUnit,
    effect: approve,
  },
  reject: {
    label: '不予援助',
    from: ['review'],
    to: 'rejected',
    permission: 'assistance:review',
    requireComment: true,
    mayAct: atWaitingUnit,
    effect: async (env) => ({ ...env.payload, decision: refusal(env) }),
  },
  objection: {
    label: '登记公示异议',
    from: ['notice'],
    to: 'notice',
    permission: 'assistance:write',
    actor: 'owner',
    input: objectionInput,
    effect: async (env) => ({ ...env.payload, notice: recordObjection(env.payload.notice!, env.input as ObjectionInput, env.auth.displayName, env.at) }),
  },
  resolveObjection: {
    label: '处理公示异议',
    from: ['notice'],
    to: 'notice',
    permission: 'assistance:review',
    input: objectionResolveInput,
    mayAct: atWaitingUnit,
    effect: async (env) => ({ ...env.payload, notice: resolveObjection(env.payload.notice!, env.input as ObjectionResolveInput, env.auth.displayName, env.at) }),
  },
  endNotice: {
    label: '公示期满',
    from: ['notice'],
    to: 'followUp',
    permission: 'assistance:review',
    mayAct: atWaitingUnit,
    effect: async (env) => {
      requireNoticeSettled(env.payload.notice, env.at);
      if (env.payload.notice?.objections.some((o) => o.outcome === 'upheld')) throw new AppError(409, 'OBJECTION_UPHELD', '公示期间有成立的异议，请撤销援助决定或重新核实后另行申请');
      env.route.counterpart = null;
      // what was decided is owed now: the funds side registers the payables in this transaction
      const d = env.payload.decision;
      if (d?.approved && d.form)
        await publish(env.trx, env.ctx, assistanceAidDue, {
          caseId: env.caseRow.id,
          recipientId: env.payload.recipientId,
          orgUnit: { id: env.caseRow.org_unit_id, path: env.caseRow.org_path },
          form: d.form,
          amountFen: d.amountFen,
          goods: d.goods,
          decidedOn: d.day,
          at: env.at,
        });
    },
  },
  revoke: {
    label: '撤销援助决定',
    from: ['notice'],
    to: 'rejected',
    permission: 'assistance:review',
    requireComment: true,
    mayAct: atWaitingUnit,
    effect: async (env) => ({ ...env.payload, decision: refusal(env) }),
  },
  returnVisit: {
    label: '回访',
    from: ['followUp'],
    to: 'closed',
    permission: 'assistance:write',
    input: returnVisitInput,
    effect: async (env) => {
      const i = env.input as z.infer<typeof returnVisitInput>;
      checkDay(env, i.day, 'day', '回访日期');
      return { ...env.payload, returnVisit: { ...i, by: env.auth.displayName } };
    },
  },
};

/** States a referral may be made or its outcome recorded in (not once refused). */
export const REFERRAL_STATES: readonly AssistanceStatus[] = ['verifying', 'review', 'notice', 'followUp', 'closed'];
for (const s of REFERRAL_STATES) {
  actions[`refer_${s}`] = {
    label: '转介救助',
    from: [s],
    to: s,
    permission: 'assistance:write',
    actor: 'owner',
    input: referInput,
    effect: async (env) => {
      const i = env.input as z.infer<typeof referInput>;
      checkDay(env, i.day, 'day', '转介日期');
      const unit = await unitOfRecordForWriteUnscoped(env.trx, env.ctx.dialect, 'cases', env.caseRow.id);
      await insertReferral(env.auth.scope, env.trx, unit, { id: newId(), case_id: env.caseRow.id, agency: i.agency, referred_on: i.day, note: i.note, created_by: env.auth.userId, created_at: env.at, updated_at: env.at });
    },
  };
  actions[`referralOutcome_${s}`] = {
    label: '登记转介结果',
    from: [s],
    to: s,
    permission: 'assistance:write',
    actor: 'owner',
    input: referralOutcomeInput,
    effect: async (env) => {
      const i = env.input as z.infer<typeof referralOutcomeInput>;
      const r = await referralOf(env.auth.scope, env.trx, env.caseRow.id, i.referralId);
      if (!r) throw badRequest('未找到该转介记录', [{ path: 'referralId', message: '未找到该转介记录' }]);
      if (i.day < r.referred_on) throw badRequest(`结果日期不能早于转介日期（${r.referred_on}）`, [{ path: 'day', message: '不能早于转介日期' }]);
      if (i.day > dayOf(env.at)) throw badRequest('结果日期不能晚于今天', [{ path: 'day', message: '不能晚于今天' }]);
      if (!(await setReferralOutcome(env.auth.scope, env.trx, env.caseRow.id, r.id, { outcome: i.outcome, outcome_on: i.day, updated_at: env.at })))
        throw new AppError(409, 'REFERRAL_DONE', '该转介已登记结果');
    },
  };
}

/** The form of help of a decision, for lists. */
export const formOf = (p: AssistancePayload) => (p.decision?.approved ? p.decision.form : null);
void assistanceForms;

export const assistanceCaseType = defineCaseType<AssistancePayload>({
  type: ASSISTANCE_CASE_TYPE,
  label: '帮扶援助',
  domain: 'assistance',
  payload: assistancePayload,
  states,
  actions,
  // the 公示 runs its days; the return visit is due within 30 days of the notice's end
  deadline: (status, p) => {
    if (status === 'notice' && p.notice) return { days: p.notice.days, kind: p.notice.dayKind };
    if (status === 'followUp') return { days: 30, kind: 'natural' };
    return null;
  },
  mirror: {
    table: 'assistance_applications',
    columns: ({ status, payload: p, owner, updatedAt, version }) => {
      const approved = p.decision?.approved === true && status !== 'rejected';
      return {
        org_unit_id: owner.id,
        org_path: owner.path,
        status,
        verified: p.verifications.length ? 1 : 0,
        form: approved ? p.decision!.form : null,
        amount_fen: approved ? p.decision!.amountFen : 0,
        goods_value_fen: approved ? p.decision!.goods.reduce((s, g) => s + g.valueFen, 0) : 0,
        approved: approved ? 1 : 0,
        decided_on: p.decision ? p.decision.day : null,
        notice_start: p.notice?.startDay ?? null,
        notice_end: p.notice?.endDay ?? null,
        repeat_reason: p.repeatReason,
        version,
        updated_at: updatedAt,
      };
    },
  },
  // the narrative is not in the payload (encrypted on the row since 0036): a legacy one is not shown here either
  view: ({ narrative: _n, ...p }) => ({ ...p }),
  link: (c) => `/assistance/${c.id}`,
});
