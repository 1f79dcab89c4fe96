// The support-plans module's domain events (platform/events.ts), subscribed to through ../support-plans (index.ts).
import type { AuthContext } from '../../platform/auth';
import { defineEvent } from '../../platform/events';

/**
 * A support plan 一人一策 opened for a recipient. `fromFollowUpId`: the visit follow-up it was
 * opened from (反映问题转办), which visits then closes as passed on to the plan.
 */
export const supportPlanOpened = defineEvent<{
  planId: string;
  recipientId: string;
  orgUnit: { id: string; path: string };
  fromFollowUpId: string | null;
  auth: AuthContext;
  ip: string | null;
  at: string;
}>('support-plans.opened');
