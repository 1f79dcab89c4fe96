// The visits module's domain events (platform/events.ts), subscribed to through ../visits (index.ts).
import { defineEvent } from '../../platform/events';

/** A visit's follow-up closed as passed on to a case of another module ("petition:<id>"). */
export const visitFollowUpPassedOn = defineEvent<{
  followUpId: string;
  recipientId: string;
  passedTo: { kind: 'petition' | 'assistance' | 'employment'; id: string };
  at: string;
  actorUserId: string;
}>('visits.follow-up-passed-on');
