// What visits does when other modules' facts happen (platform/events.ts): every handler runs in
// the publisher's transaction, so a failure here rolls the registration, move, death, merge or
// petition back with it. Subscribed by ./index.ts (subscribing twice keeps one).
import { unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { subscribe, type EventHandler, type EventPayload as PayloadOf } from '../../platform/events';
import { petitionRegistered } from '../petitions';
import { applicationOpened } from '../applications';
import { supportPlanOpened } from '../support-plans';
import { assistanceOpened } from '../assistance';
import { legalAidOpened } from '../legal-aid';
import { rightsCaseOpened } from '../rights';
import { recipientDied, recipientMovedIn, recipientsMerged, recipientsRegistered } from '../recipients';
import { onRecipientDiedIn, onRecipientMergedIn, onRecipientMovedIn, onRecipientsRegisteredIn } from './visits.generate';
import { followUpForPassOn, passOnFollowUpIn } from './visits.service';
import { badRequest } from '../../platform/errors';

/** 退役返乡 for a newly discharged veteran and the coming calendar visits: a review approval and an Excel import alike. */
const owedOnRegistration: EventHandler<PayloadOf<typeof recipientsRegistered>> = (trx, _ctx, e) => onRecipientsRegisteredIn(trx, e.recipients, e.at, e.actorUserId);
/** Visit records follow the person; open owed visits pass to the receiving side's owners. */
const reownedOnMoveIn: EventHandler<PayloadOf<typeof recipientMovedIn>> = async (trx, ctx, e) =>
  onRecipientMovedIn(trx, e.recipientId, await unitForWriteUnscoped(trx, ctx.dialect, e.unit.id), e.at);
/** Open owed visits cancelled; a veteran's death owes a visit to the family. */
const cancelledOnDeath: EventHandler<PayloadOf<typeof recipientDied>> = (trx, _ctx, e) => onRecipientDiedIn(trx, e.recipient, e.deathDate, e.at, e.actorUserId);
/** The merged-away record's open owed visits cancelled, its visit history passed to the remaining record. */
const followedOnMerge: EventHandler<PayloadOf<typeof recipientsMerged>> = (trx, _ctx, e) => onRecipientMergedIn(trx, e.fromId, e.into, e.at);
/** A petition opened from a follow-up: the follow-up closes as passed on, naming it. */
const passedOnToPetition: EventHandler<PayloadOf<typeof petitionRegistered>> = async (trx, ctx, e) => {
  if (e.fromFollowUpId) await passOnFollowUpIn(ctx, e.auth, trx, e.fromFollowUpId, { kind: 'petition', id: e.petitionId }, e.ip);
};
/** A support plan 一人一策 opened from a follow-up: the follow-up (of the same person) closes as passed on, naming it. */
const passedOnToSupportPlan: EventHandler<PayloadOf<typeof supportPlanOpened>> = async (trx, ctx, e) => {
  if (!e.fromFollowUpId) return;
  const f = await followUpForPassOn(ctx, e.auth, trx, e.fromFollowUpId);
  if (f.recipientId !== e.recipientId) throw badRequest('该后续事项不是此服务对象的，不能转为其帮扶计划', [{ path: 'fromFollowUpId', message: '不是此服务对象的后续事项' }]);
  await passOnFollowUpIn(ctx, e.auth, trx, e.fromFollowUpId, { kind: 'supportPlan', id: e.planId }, e.ip);
};
/** A legal-aid case 法律援助 opened from a follow-up: the follow-up (of the same person) closes as passed on, naming it. */
const passedOnToLegalAid: EventHandler<PayloadOf<typeof legalAidOpened>> = async (trx, ctx, e) => {
  if (!e.fromFollowUpId) return;
  const f = await followUpForPassOn(ctx, e.auth, trx, e.fromFollowUpId);
  if (f.recipientId !== e.recipientId) throw badRequest('该后续事项不是此服务对象的，不能转为其法律援助申请', [{ path: 'fromFollowUpId', message: '不是此服务对象的后续事项' }]);
  await passOnFollowUpIn(ctx, e.auth, trx, e.fromFollowUpId, { kind: 'legalAid', id: e.caseId }, e.ip);
};

/** A rights case 权益维护 opened from a follow-up: the follow-up (of the same person) closes as passed on, naming it. */
const passedOnToRights: EventHandler<PayloadOf<typeof rightsCaseOpened>> = async (trx, ctx, e) => {
  if (!e.fromFollowUpId) return;
  const f = await followUpForPassOn(ctx, e.auth, trx, e.fromFollowUpId);
  if (f.recipientId !== e.recipientId) throw badRequest('该后续事项不是此服务对象的，不能转为其权益维护案件', [{ path: 'fromFollowUpId', message: '不是此服务对象的后续事项' }]);
  await passOnFollowUpIn(ctx, e.auth, trx, e.fromFollowUpId, { kind: 'rights', id: e.caseId }, e.ip);
};

/** An application opened from a follow-up (办件): the follow-up closes as passed on, naming it. */
const passedOnToApplication: EventHandler<PayloadOf<typeof applicationOpened>> = async (trx, ctx, e) => {
  if (e.fromFollowUpId) await passOnFollowUpIn(ctx, e.auth, trx, e.fromFollowUpId, { kind: 'application', id: e.applicationId }, e.ip);
};

/** An assistance application 帮扶援助 opened from a follow-up: the follow-up (of the same person) closes as passed on, naming it. */
const passedOnToAssistance: EventHandler<PayloadOf<typeof assistanceOpened>> = async (trx, ctx, e) => {
  if (!e.fromFollowUpId) return;
  const f = await followUpForPassOn(ctx, e.auth, trx, e.fromFollowUpId);
  if (f.recipientId !== e.recipientId) throw badRequest('该后续事项不是此服务对象的，不能转为其帮扶援助申请', [{ path: 'fromFollowUpId', message: '不是此服务对象的后续事项' }]);
  await passOnFollowUpIn(ctx, e.auth, trx, e.fromFollowUpId, { kind: 'assistance', id: e.caseId }, e.ip);
};

export function subscribeVisits(): void {
  subscribe(assistanceOpened, passedOnToAssistance);
  subscribe(supportPlanOpened, passedOnToSupportPlan);
  subscribe(legalAidOpened, passedOnToLegalAid);
  subscribe(recipientsRegistered, owedOnRegistration);
  subscribe(recipientMovedIn, reownedOnMoveIn);
  subscribe(recipientDied, cancelledOnDeath);
  subscribe(recipientsMerged, followedOnMerge);
  subscribe(petitionRegistered, passedOnToPetition);
  subscribe(applicationOpened, passedOnToApplication);
  subscribe(rightsCaseOpened, passedOnToRights);
}
