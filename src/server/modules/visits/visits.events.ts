// The visits module's domain events (platform/events.ts), subscribed to through ../visits (index.ts).
import { defineEvent } from '../../platform/events';

/** What a follow-up can be passed on to: a case of another module. */
export type PassOnKind = 'petition' | 'assistance' | 'employment' | 'supportPlan' | 'application' | 'legalAid' | 'rights';

/** A visit's follow-up closed as passed on to a case of another module ("petition:<id>", "supportPlan:<id>"). */
export const visitFollowUpPassedOn = defineEvent<{
  followUpId: string;
  recipientId: string;
  passedTo: { kind: PassOnKind; id: string };
  at: string;
  actorUserId: string;
}>('visits.follow-up-passed-on');
