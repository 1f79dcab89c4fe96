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
import type { AuthContext } from '../../platform/auth';
import type { PassOnKind } from './visits.events';

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
/** What a case opened from a follow-up carries: the person, the follow-up, who opened it. */
type OpenedFromFollowUp = { recipientId: string; fromFollowUpId: string | null; auth: AuthContext; ip: string | null };

/**
 * A case of another module opened from a follow-up of the same person (一人一策, 帮扶援助, 法律援助,
 * 权益维护): the follow-up closes as passed on, naming the case; a follow-up of another person is
 * refused (the whole opening rolls back).
 */
function passedOnTo<E extends OpenedFromFollowUp>(kind: PassOnKind, caseName: string, idOf: (e: E) => string): EventHandler<E> {
  return async (trx, ctx, e) => {
    if (!e.fromFollowUpId) return;
    const f = await followUpForPassOn(ctx, e.auth, trx, e.fromFollowUpId);
    if (f.recipientId !== e.recipientId) throw badRequest(`该后续事项不是此服务对象的，不能转为其${caseName}`, [{ path: 'fromFollowUpId', message: '不是此服务对象的后续事项' }]);
    await passOnFollowUpIn(ctx, e.auth, trx, e.fromFollowUpId, { kind, id: idOf(e) }, e.ip);
  };
}

/** An application opened from a follow-up (办件): the follow-up closes as passed on, naming it. */
const passedOnToApplication: EventHandler<PayloadOf<typeof applicationOpened>> = async (trx, ctx, e) => {
  if (e.fromFollowUpId) await passOnFollowUpIn(ctx, e.auth, trx, e.fromFollowUpId, { kind: 'application', id: e.applicationId }, e.ip);
};

export function subscribeVisits(): void {
  subscribe(supportPlanOpened, passedOnTo('supportPlan', '帮扶计划', (e) => e.planId));
  subscribe(assistanceOpened, passedOnTo('assistance', '帮扶援助申请', (e) => e.caseId));
  subscribe(legalAidOpened, passedOnTo('legalAid', '法律援助申请', (e) => e.caseId));
  subscribe(rightsCaseOpened, passedOnTo('rights', '权益维护案件', (e) => e.caseId));
  subscribe(recipientsRegistered, owedOnRegistration);
  subscribe(recipientMovedIn, reownedOnMoveIn);
  subscribe(recipientDied, cancelledOnDeath);
  subscribe(recipientsMerged, followedOnMerge);
  subscribe(petitionRegistered, passedOnToPetition);
  subscribe(applicationOpened, passedOnToApplication);
}
