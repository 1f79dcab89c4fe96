// The petition as a case of the kernel: states, actions (each with its data, permission and who
// may act) and the statutory clocks (RULES.md "Petitions", counted by the shared calendar).
//
//   registered 待受理 ─accept→ accepted 办理中 ─extend (head, once, ≤30)→ extended 延期办理中
//        │  ├─notAccept→ notAccepted 不予受理 (closed)          │
//        │  ├─transfer→ transferred 已转送 (closed)             └─reply→ replied 已答复
//        │  └─escalate→ registered at the level above (the lower unit keeps tracking it)
//   replied ─requestReview (≤30 days of receiving the reply)→ reviewRequested 复查中 (level above)
//           ─review→ reviewed ─requestReReview (≤30 days)→ reReviewRequested 复核中 (two levels up)
//           ⇄ startHearing/endHearing (reReviewHearing: the clock stops) ─reReview→ reReviewed (final)
//   replied | reviewed ─close→ closed 已办结
import { unitForWriteUnscoped, type StoredUnit } from '../../platform/stored-unit.repo';
import { z } from '../../../shared/zod-setup';
import {
  PETITION_CASE_TYPE,
  PETITION_DAYS,
  petitionActionBody,
  petitionActionLabels,
  petitionChannels,
  petitionOutcomes,
  petitionStatusLabels,
  petitionTypes,
  reviewDecisions,
  type PetitionAction,
  type PetitionStatus,
} from '../../../shared/schemas/petitions';
import { addNaturalDays, deadlineWithPauses, type HolidayTable } from '../../../shared/rules/calendar';
import { shanghaiDay } from '../../../shared/rules/dates';
import { defineCaseType, SAME_STATE, type ActionEnv, type CaseActionDef, type CaseMirror, type CaseStateDef } from '../../cases/case-type';
import { assignmentActions, supervisionActions, type AssignmentAction } from '../../cases/supervision';
import type { CaseRow } from '../../cases/cases.repo';
import { grantCaseAccessUnscoped } from '../../cases/cases.repo';
import { holidayTable } from '../../cases/deadlines';
import type { AuthContext } from '../../platform/auth';
import { isUnitHead, userHolds, userHoldsAny } from '../../platform/roles';
import type { Permission } from '../../../shared/permissions';
import { AppError, badRequest, conflict } from '../../platform/errors';
import { pathInScope } from '../../platform/jurisdiction';
import { repeatTargetUnscoped, unitByIdUnscoped, usersAboveUnscoped, usersOfUnitUnscoped } from './petitions.repo';

const dayRecord = z.object({ action: z.string(), status: z.string(), day: z.string() });

export const petitionPayload = z.object({
  registrationNo: z.string(),
  petitionType: z.enum(petitionTypes),
  channel: z.enum(petitionChannels),
  handlerUserId: z.string().nullable(),
  leaderUserId: z.string().nullable(),
  /** users who must never be named participants (Art. 30) */
  accusedUserIds: z.array(z.string()).default([]),
  receivedOn: z.string(),
  /** the 15-day clock runs from here: the receipt, or the day a lower unit escalated it */
  acceptClockFrom: z.string(),
  acceptedOn: z.string().nullable().default(null),
  extension: z.object({ days: z.number().int(), reason: z.string(), approvedBy: z.string(), approvedByName: z.string(), approvedOn: z.string() }).nullable().default(null),
  notAcceptedReason: z.string().nullable().default(null),
  transfer: z.object({ body: z.string(), transferredOn: z.string(), record: z.string() }).nullable().default(null),
  escalations: z.array(z.object({ fromUnitId: z.string(), fromUnitName: z.string(), toUnitId: z.string(), toUnitName: z.string(), on: z.string(), reason: z.string() })).default([]),
  /** receivedOn: the day the petitioner received the reply, null until known (recorded with the reply or with the review request) */
  reply: z.object({ outcome: z.enum(petitionOutcomes), text: z.string(), repliedOn: z.string(), receivedOn: z.string().nullable() }).nullable().default(null),
  review: z
    .object({ requestedOn: z.string(), unitId: z.string(), unitName: z.string(), decision: z.enum(reviewDecisions).nullable(), opinion: z.string().nullable(), decidedOn: z.string().nullable(), receivedOn: z.string().nullable() })
    .nullable()
    .default(null),
  reReview: z
    .object({
      requestedOn: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      decision: z.enum(reviewDecisions).nullable(),
      opinion: z.string().nullable(),
      decidedOn: z.string().nullable(),
      hearings: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
    })
    .nullable()
    .default(null),
  closedOn: z.string().nullable().default(null),
  /** 一对一包联: the staff member in touch with a key petitioner (§36, Part 7 五(二)) */
  keyContact: z.object({ userId: z.string(), name: z.string() }).nullable().default(null),
  /** 一案一专班: the special team of a major case */
  team: z.object({ leader: z.object({ userId: z.string(), name: z.string() }).nullable(), members: z.array(z.object({ userId: z.string(), name: z.string() })) }).nullable().default(null),
  /** the stages with the days they happened (not the moment they were recorded) */
  stages: z.array(dayRecord).default([]),
});
export type PetitionPayload = z.infer<typeof petitionPayload>;

const natural = (start: string, days: number, table: HolidayTable, extra: { pauses?: { from: string; to: string | null }[]; extensionDays?: number } = {}) =>
  deadlineWithPauses({ start, days, kind: 'natural', ...extra }, table).day;

/** The due day of each open state, from the payload (RULES.md: natural days, start day not counted, a rest day rolls to the next working day). */
export function petitionDueDay(status: string, p: PetitionPayload, table: HolidayTable): string | null {
  switch (status as PetitionStatus) {
    case 'registered':
      return natural(p.acceptClockFrom, PETITION_DAYS.accept, table);
    case 'accepted':
    case 'extended':
      return p.acceptedOn ? natural(p.acceptedOn, PETITION_DAYS.handle, table, { extensionDays: p.extension?.days ?? 0 }) : null;
    case 'reviewRequested':
      return p.review ? natural(p.review.requestedOn, PETITION_DAYS.review, table) : null;
    case 'reReviewRequested':
    case 'reReviewHearing':
      return p.reReview ? natural(p.reReview.requestedOn, PETITION_DAYS.reReview, table, { pauses: p.reReview.hearings }) : null;
    default:
      return null;
  }
}

const states: Record<PetitionStatus, CaseStateDef> = {
  registered: { label: petitionStatusLabels.registered, open: true, waitsOn: 'owner' },
  accepted: { label: petitionStatusLabels.accepted, open: true, waitsOn: 'owner' },
  extended: { label: petitionStatusLabels.extended, open: true, waitsOn: 'owner' },
  notAccepted: { label: petitionStatusLabels.notAccepted, open: false, waitsOn: 'none' },
  transferred: { label: petitionStatusLabels.transferred, open: false, waitsOn: 'none' },
  replied: { label: petitionStatusLabels.replied, open: true, waitsOn: 'none' },
  reviewRequested: { label: petitionStatusLabels.reviewRequested, open: true, waitsOn: 'counterpart' },
  reviewed: { label: petitionStatusLabels.reviewed, open: true, waitsOn: 'none' },
  reReviewRequested: { label: petitionStatusLabels.reReviewRequested, open: true, waitsOn: 'counterpart' },
  reReviewHearing: { label: petitionStatusLabels.reReviewHearing, open: true, waitsOn: 'counterpart' },
  reReviewed: { label: petitionStatusLabels.reReviewed, open: false, waitsOn: 'none' },
  closed: { label: petitionStatusLabels.closed, open: false, waitsOn: 'none' },
};

/** A unit head 站(中心)负责人 whose range covers the petition's unit. */
export function isHeadOf(auth: AuthContext, c: Pick<CaseRow, 'org_path'>): boolean {
  return isUnitHead(auth) && pathInScope(auth.scope, c.org_path);
}

/** The first handler, or a unit head; while no handler is named (after escalation) any worker of the unit. */
function handlerOrHead(c: CaseRow, auth: AuthContext, p: PetitionPayload): boolean {
  if (p.accusedUserIds.includes(auth.userId)) return false;
  return p.handlerUserId === null || p.handlerUserId === auth.userId || isHeadOf(auth, c);
}
function notAccused(_c: CaseRow, auth: AuthContext, p: PetitionPayload): boolean {
  return !p.accusedUserIds.includes(auth.userId);
}

/** Each action's data: the matching branch of the API body, without the common fields. */
function inputOf(action: PetitionAction): z.ZodType {
  const branch = petitionActionBody.options.find((o) => o.shape.action.value === action) as z.ZodObject | undefined;
  if (!branch) throw new Error(`petition action ${action} has no body`);
  return branch.omit({ action: true, comment: true, version: true });
}

type Env = ActionEnv<PetitionPayload>;

function today(env: Env): string {
  return shanghaiDay(new Date(env.at));
}
function notFuture(env: Env, day: string, label: string) {
  if (day > today(env)) throw badRequest(`${label}不能晚于今天`);
}
function notBefore(day: string, earliest: string, label: string, what: string) {
  if (day < earliest) throw badRequest(`${label}不能早于${what}（${earliest}）`);
}
function stage(p: PetitionPayload, action: PetitionAction, status: PetitionStatus, day: string): PetitionPayload['stages'] {
  return [...p.stages, { action, status, day }];
}

/** The parent unit of a path '/a/b/c/' → 'b', or null at the root. */
function parentIdOf(path: string): string | null {
  const ids = path.split('/').filter(Boolean);
  return ids.length >= 2 ? ids[ids.length - 2] : null;
}

/** The unit one level above a unit, for a review or an escalation; 409 at the top. Both are read as
 * they are now, under the tree lock (the case is stored under the upper one). */
async function unitAbove(env: Env, unitId: string, what: string): Promise<StoredUnit> {
  const here = await unitForWriteUnscoped(env.trx, env.ctx.dialect, unitId);
  const id = parentIdOf(here.path);
  const unit = id ? await unitForWriteUnscoped(env.trx, env.ctx.dialect, id).catch(() => undefined) : undefined;
  if (!unit) throw conflict(`没有上一级机关，不能${what}`);
  return unit;
}

/**
 * A restricted petition (检举控告) is seen only by named participants: when it moves to another
 * unit (escalation, review), that unit's heads and reviewers are named, never an accused person.
 */
async function nameParticipants(env: Env, unitId: string, holding: readonly Permission[]) {
  if (env.caseRow.restricted !== 1) return;
  for (const u of await usersOfUnitUnscoped(env.trx, unitId)) {
    if (env.payload.accusedUserIds.includes(u.id) || !userHoldsAny(u.roles, holding)) continue;
    await grantCaseAccessUnscoped(env.trx, env.caseRow.id, { userId: u.id }, env.at);
  }
}

function action<I>(def: Omit<CaseActionDef<PetitionPayload>, 'label' | 'input' | 'effect'> & { name: PetitionAction; effect: (env: Env, input: I) => Promise<PetitionPayload> }): CaseActionDef<PetitionPayload> {
  return {
    label: petitionActionLabels[def.name],
    from: def.from,
    to: def.to,
    permission: def.permission,
    actor: def.actor,
    mayAct: def.mayAct,
    input: inputOf(def.name),
    effect: (env) => def.effect(env, env.input as I),
  };
}

/** The stages where the petition is being handled: handling entries, 交办, 督办 and 包联/专班 run there. */
const HANDLING: PetitionStatus[] = ['registered', 'accepted', 'extended'];

const actions: Record<PetitionAction, CaseActionDef<PetitionPayload>> = {
  accept: action<{ acceptedOn: string }>({
    name: 'accept',
    from: ['registered'],
    to: 'accepted',
    permission: 'petitions:write',
    mayAct: handlerOrHead,
    async effect(env, i) {
      notFuture(env, i.acceptedOn, '受理日期');
      notBefore(i.acceptedOn, env.payload.receivedOn, '受理日期', '收到日期');
      const firstOf = await repeatFinal(env);
      if (firstOf) throw new AppError(409, 'FINAL', `该事项与${firstOf}为同一事项，已经复核终结，依照信访工作条例第三十六条不再受理；请作出不予受理并告知理由`);
      const p = { ...env.payload, acceptedOn: i.acceptedOn, handlerUserId: env.payload.handlerUserId ?? env.auth.userId, stages: stage(env.payload, 'accept', 'accepted', i.acceptedOn) };
      return p;
    },
  }),
  notAccept: action<{ reason: string }>({
    name: 'notAccept',
    from: ['registered'],
    to: 'notAccepted',
    permission: 'petitions:write',
    mayAct: handlerOrHead,
    async effect(env, i) {
      const day = today(env);
      return { ...env.payload, notAcceptedReason: i.reason, closedOn: day, stages: stage(env.payload, 'notAccept', 'notAccepted', day) };
    },
  }),
  transfer: action<{ body: string; transferredOn: string; record: string }>({
    name: 'transfer',
    from: ['registered'],
    to: 'transferred',
    permission: 'petitions:write',
    mayAct: handlerOrHead,
    async effect(env, i) {
      notFuture(env, i.transferredOn, '转送日期');
      notBefore(i.transferredOn, env.payload.receivedOn, '转送日期', '收到日期');
      return { ...env.payload, transfer: { ...i }, closedOn: i.transferredOn, stages: stage(env.payload, 'transfer', 'transferred', i.transferredOn) };
    },
  }),
  escalate: action<{ reason: string }>({
    name: 'escalate',
    from: ['registered', 'accepted'],
    to: 'registered',
    permission: 'petitions:write',
    mayAct: handlerOrHead,
    async effect(env, i) {
      const c = env.caseRow;
      const upper = await unitAbove(env, c.org_unit_id, '交上级办理');
      const day = today(env);
      env.route.owner = upper;
      // the lower unit keeps tracking it until it is closed (Part 7 四(四))
      if (c.restricted !== 1) await grantCaseAccessUnscoped(env.trx, c.id, { unit: await unitForWriteUnscoped(env.trx, env.ctx.dialect, c.org_unit_id) }, env.at);
      await nameParticipants(env, upper.id, ['unit:head']);
      const p: PetitionPayload = {
        ...env.payload,
        handlerUserId: null,
        acceptClockFrom: day,
        acceptedOn: null,
        escalations: [...env.payload.escalations, { fromUnitId: c.org_unit_id, fromUnitName: c.org_unit_name, toUnitId: upper.id, toUnitName: upper.name, on: day, reason: i.reason }],
        stages: stage(env.payload, 'escalate', 'registered', day),
      };
      return p;
    },
  }),
  extend: action<{ days: number; reason: string }>({
    name: 'extend',
    from: ['accepted'],
    to: 'extended',
    permission: 'petitions:write',
    // approved by the unit head (Art. 34)
    mayAct: (c, auth, p) => isHeadOf(auth, c) && notAccused(c, auth, p),
    async effect(env, i) {
      const day = today(env);
      const p = {
        ...env.payload,
        extension: { days: i.days, reason: i.reason, approvedBy: env.auth.userId, approvedByName: env.auth.displayName, approvedOn: day },
        stages: stage(env.payload, 'extend', 'extended', day),
      };
      return p;
    },
  }),
  reply: action<{ outcome: PetitionPayload['reply'] extends infer R ? (R extends { outcome: infer O } ? O : never) : never; replyText: string; repliedOn: string; replyReceivedOn: string | null }>({
    name: 'reply',
    from: ['accepted', 'extended'],
    to: 'replied',
    permission: 'petitions:write',
    mayAct: handlerOrHead,
    async effect(env, i) {
      notFuture(env, i.repliedOn, '答复日期');
      notBefore(i.repliedOn, env.payload.acceptedOn ?? env.payload.receivedOn, '答复日期', '受理日期');
      if (i.replyReceivedOn !== null) {
        notFuture(env, i.replyReceivedOn, '信访人收到答复的日期');
        notBefore(i.replyReceivedOn, i.repliedOn, '信访人收到答复的日期', '答复日期');
      }
      return {
        ...env.payload,
        reply: { outcome: i.outcome, text: i.replyText, repliedOn: i.repliedOn, receivedOn: i.replyReceivedOn },
        stages: stage(env.payload, 'reply', 'replied', i.repliedOn),
      };
    },
  }),
  requestReview: action<{ requestedOn: string; replyReceivedOn: string | null }>({
    name: 'requestReview',
    from: ['replied'],
    to: 'reviewRequested',
    permission: 'petitions:write',
    actor: 'owner',
    mayAct: notAccused,
    async effect(env, i) {
      let p = env.payload;
      // the window runs from the receipt of the reply: recorded now when it was not with the reply
      if (p.reply!.receivedOn === null) {
        if (i.replyReceivedOn === null) throw badRequest('请填写信访人收到答复的日期（复查期限自收到书面答复之日起计算）', [{ path: 'replyReceivedOn', message: '请填写信访人收到答复的日期' }]);
        notFuture(env, i.replyReceivedOn, '信访人收到答复的日期');
        notBefore(i.replyReceivedOn, p.reply!.repliedOn, '信访人收到答复的日期', '答复日期');
        p = { ...p, reply: { ...p.reply!, receivedOn: i.replyReceivedOn } };
      }
      const received = p.reply!.receivedOn!;
      notFuture(env, i.requestedOn, '复查申请日期');
      notBefore(i.requestedOn, received, '复查申请日期', '收到答复意见之日');
      const table = await holidayTable(env.ctx, env.trx);
      const last = addNaturalDays(received, PETITION_DAYS.reviewWindow, table).day;
      if (i.requestedOn > last) {
        throw new AppError(409, 'REVIEW_WINDOW', `复查申请已超过期限：应在收到书面答复之日（${received}）起 30 日内（至 ${last}）提出，依照信访工作条例第三十五条不予受理`);
      }
      const upper = await unitAbove(env, env.caseRow.org_unit_id, '申请复查');
      env.route.counterpart = upper;
      await nameParticipants(env, upper.id, ['petitions:review', 'unit:head']);
      return {
        ...p,
        review: { requestedOn: i.requestedOn, unitId: upper.id, unitName: upper.name, decision: null, opinion: null, decidedOn: null, receivedOn: null },
        stages: stage(p, 'requestReview', 'reviewRequested', i.requestedOn),
      };
    },
  }),
  review: action<{ decision: PetitionPayload['review'] extends infer R ? (R extends { decision: infer D } ? NonNullable<D> : never) : never; opinion: string; decidedOn: string; receivedOn: string }>({
    name: 'review',
    from: ['reviewRequested'],
    to: 'reviewed',
    permission: 'petitions:review',
    mayAct: notAccused,
    async effect(env, i) {
      const p = env.payload;
      notFuture(env, i.decidedOn, '复查意见日期');
      notFuture(env, i.receivedOn, '信访人收到复查意见的日期');
      notBefore(i.decidedOn, p.review!.requestedOn, '复查意见日期', '复查申请日期');
      notBefore(i.receivedOn, i.decidedOn, '信访人收到复查意见的日期', '复查意见日期');
      return { ...p, review: { ...p.review!, decision: i.decision, opinion: i.opinion, decidedOn: i.decidedOn, receivedOn: i.receivedOn }, stages: stage(p, 'review', 'reviewed', i.decidedOn) };
    },
  }),
  requestReReview: action<{ requestedOn: string }>({
    name: 'requestReReview',
    from: ['reviewed'],
    to: 'reReviewRequested',
    permission: 'petitions:write',
    actor: 'owner',
    mayAct: notAccused,
    async effect(env, i) {
      const p = env.payload;
      const received = p.review!.receivedOn!;
      notFuture(env, i.requestedOn, '复核申请日期');
      notBefore(i.requestedOn, received, '复核申请日期', '收到复查意见之日');
      const table = await holidayTable(env.ctx, env.trx);
      const last = addNaturalDays(received, PETITION_DAYS.reReviewWindow, table).day;
      if (i.requestedOn > last) {
        throw new AppError(409, 'REVIEW_WINDOW', `复核申请已超过期限：应在收到复查意见之日（${received}）起 30 日内（至 ${last}）提出，依照信访工作条例第三十六条不予受理`);
      }
      const reviewer = await unitByIdUnscoped(env.trx, p.review!.unitId);
      const upper = await unitAbove(env, reviewer?.id ?? env.caseRow.org_unit_id, '申请复核');
      env.route.counterpart = upper;
      await nameParticipants(env, upper.id, ['petitions:review', 'unit:head']);
      return {
        ...p,
        reReview: { requestedOn: i.requestedOn, unitId: upper.id, unitName: upper.name, decision: null, opinion: null, decidedOn: null, hearings: [] },
        stages: stage(p, 'requestReReview', 'reReviewRequested', i.requestedOn),
      };
    },
  }),
  startHearing: action<{ startedOn: string }>({
    name: 'startHearing',
    from: ['reReviewRequested'],
    to: 'reReviewHearing',
    permission: 'petitions:review',
    mayAct: notAccused,
    async effect(env, i) {
      const p = env.payload;
      notFuture(env, i.startedOn, '听证开始日期');
      const last = p.reReview!.hearings.at(-1)?.to ?? p.reReview!.requestedOn;
      if (i.startedOn <= last) throw badRequest(`听证开始日期应晚于 ${last}`);
      return { ...p, reReview: { ...p.reReview!, hearings: [...p.reReview!.hearings, { from: i.startedOn, to: null }] }, stages: stage(p, 'startHearing', 'reReviewHearing', i.startedOn) };
    },
  }),
  endHearing: action<{ endedOn: string }>({
    name: 'endHearing',
    from: ['reReviewHearing'],
    to: 'reReviewRequested',
    permission: 'petitions:review',
    mayAct: notAccused,
    async effect(env, i) {
      const p = env.payload;
      const hearings = [...p.reReview!.hearings];
      const open = hearings.at(-1)!;
      notFuture(env, i.endedOn, '听证结束日期');
      notBefore(i.endedOn, open.from, '听证结束日期', '听证开始日期');
      hearings[hearings.length - 1] = { from: open.from, to: i.endedOn };
      return { ...p, reReview: { ...p.reReview!, hearings }, stages: stage(p, 'endHearing', 'reReviewRequested', i.endedOn) };
    },
  }),
  reReview: action<{ decision: 'uphold' | 'change' | 'revoke'; opinion: string; decidedOn: string }>({
    name: 'reReview',
    from: ['reReviewRequested'],
    to: 'reReviewed',
    permission: 'petitions:review',
    mayAct: notAccused,
    async effect(env, i) {
      const p = env.payload;
      notFuture(env, i.decidedOn, '复核意见日期');
      notBefore(i.decidedOn, p.reReview!.requestedOn, '复核意见日期', '复核申请日期');
      return { ...p, reReview: { ...p.reReview!, decision: i.decision, opinion: i.opinion, decidedOn: i.decidedOn }, closedOn: i.decidedOn, stages: stage(p, 'reReview', 'reReviewed', i.decidedOn) };
    },
  }),
  close: action<{ closedOn: string }>({
    name: 'close',
    from: ['replied', 'reviewed'],
    to: 'closed',
    permission: 'petitions:write',
    actor: 'owner',
    mayAct: handlerOrHead,
    async effect(env, i) {
      const p = env.payload;
      notFuture(env, i.closedOn, '办结日期');
      notBefore(i.closedOn, p.review?.decidedOn ?? p.reply!.repliedOn, '办结日期', '答复日期');
      return { ...p, closedOn: i.closedOn, stages: stage(p, 'close', 'closed', i.closedOn) };
    },
  }),
  ...workActions(),
};

/** A staff member of the petition's unit or above who may handle petitions and is not accused in it (Art. 30). */
async function staffFor(env: Env, userId: string, field: string, label: string): Promise<{ userId: string; name: string }> {
  const [u] = await usersAboveUnscoped(env.trx, env.caseRow.org_path, userId);
  if (!u || !pathInScope(env.auth.scope, u.org_path) || !userHolds(u.roles, 'petitions:write') || env.payload.accusedUserIds.includes(u.id)) {
    throw badRequest(`${label}须是本单位或上级单位（您的管辖范围内）办理信访的工作人员`, [{ path: field, message: `${label}不在可选范围内` }]);
  }
  return { userId: u.id, name: u.display_name };
}

/**
 * Issue 14: handling entries 办理记录 (what was done, with whom) on the petition's timeline; 交办 and
 * 督办 from the kernel (cases/supervision.ts); 一对一包联 and 一案一专班. None moves the stage.
 */
function workActions(): Pick<Record<PetitionAction | 'assignmentUnitReply', CaseActionDef<PetitionPayload>>, 'handle' | AssignmentAction | 'supervise' | 'supervisionReply' | 'setContacts'> {
  return {
    handle: {
      ...action<{ handledOn: string; what: string; withWhom: string }>({
        name: 'handle',
        from: HANDLING,
        to: 'registered',
        permission: 'petitions:write',
        mayAct: handlerOrHead,
        async effect(env, i) {
          notFuture(env, i.handledOn, '办理日期');
          notBefore(i.handledOn, env.payload.receivedOn, '办理日期', '收到日期');
          return env.payload;
        },
      }),
      to: SAME_STATE,
    },
    ...assignmentActions<PetitionPayload>('petitions', HANDLING, { mayAct: handlerOrHead }),
    ...supervisionActions<PetitionPayload>('petitions', HANDLING, { mayReply: handlerOrHead }),
    setContacts: {
      ...action<{ contactUserId: string | null; teamLeaderUserId: string | null; teamUserIds: string[] }>({
        name: 'setContacts',
        from: HANDLING,
        to: 'registered',
        permission: 'petitions:write',
        mayAct: handlerOrHead,
        async effect(env, i) {
          const keyContact = i.contactUserId ? await staffFor(env, i.contactUserId, 'contactUserId', '包联人员') : null;
          if (new Set(i.teamUserIds).size !== i.teamUserIds.length) throw badRequest('专班成员有重复', [{ path: 'teamUserIds', message: '有重复' }]);
          if (i.teamUserIds.length && !i.teamLeaderUserId) throw badRequest('请指定专班负责人', [{ path: 'teamLeaderUserId', message: '请指定专班负责人' }]);
          const leader = i.teamLeaderUserId ? await staffFor(env, i.teamLeaderUserId, 'teamLeaderUserId', '专班负责人') : null;
          const members: { userId: string; name: string }[] = [];
          for (const [n, id] of i.teamUserIds.entries()) members.push(await staffFor(env, id, `teamUserIds.${n}`, '专班成员'));
          return { ...env.payload, keyContact, team: leader || members.length ? { leader, members } : null };
        },
      }),
      to: SAME_STATE,
    },
  };
}

/** When this petition repeats one that was finally decided by 复核: that one's registration number (Art. 36 ¶3). */
async function repeatFinal(env: Env): Promise<string | null> {
  const first = await repeatTargetUnscoped(env.trx, env.caseRow.id);
  return first && first.status === 'reReviewed' ? first.registration_no : null;
}

const DECIDES_ACCEPTANCE = new Set(['accept', 'notAccept', 'transfer']);

/**
 * The petition's status-like columns in `petitions`, written by the kernel from the case (the one
 * source of a petition's state): its unit (escalation moves it), handler, stage days and the due
 * days of the two statutory stages. A stage's due day is written while the petition is in that
 * stage (a holiday reload included) and then kept, so on-time figures compare with the deadline
 * that was in force; an escalation starts acceptance afresh.
 */
const petitionMirror: CaseMirror<PetitionPayload> = {
  table: 'petitions',
  columns: ({ status, payload: p, dueDay, owner, updatedAt }) => ({
    org_unit_id: owner.id,
    org_path: owner.path,
    handler_user_id: p.handlerUserId,
    accepted_on: p.acceptedOn,
    accept_decided_on: p.stages.findLast((s) => DECIDES_ACCEPTANCE.has(s.action))?.day ?? null,
    replied_on: p.reply?.repliedOn ?? null,
    reply_received_on: p.reply?.receivedOn ?? null,
    outcome: p.reply?.outcome ?? null,
    reply_text: p.reply?.text ?? null,
    closed_on: p.closedOn,
    updated_at: updatedAt,
    ...(status === 'registered' && { accept_due: dueDay, handle_due: null }),
    ...((status === 'accepted' || status === 'extended') && { handle_due: dueDay }),
  }),
};

export const petitionCaseType = defineCaseType<PetitionPayload>({
  type: PETITION_CASE_TYPE,
  label: '信访事项',
  domain: 'petitions',
  payload: petitionPayload,
  states,
  actions,
  dueDay: ({ status, payload, table }) => petitionDueDay(status, payload, table),
  mirror: petitionMirror,
  view: (p) => ({ registrationNo: p.registrationNo, petitionType: p.petitionType, channel: p.channel, receivedOn: p.receivedOn }),
  link: (c) => `/petitions/${c.id}`,
});
