// The visits module's domain events (platform/events.ts), subscribed to through ../visits (index.ts).
import type { AuthContext } from '../../platform/auth';
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

/**
 * A visit recorded (staff form, field app or its offline outbox), with the situations found: the
 * employment module confirms the person's employment profile from the 就业状况 finding.
 */
export const visitRecorded = defineEvent<{
  visitId: string;
  recipientId: string;
  visitedOn: string;
  situations: Partial<Record<string, { level: string | null; note: string } | undefined>>;
  auth: AuthContext;
  at: string;
}>('visits.recorded');
