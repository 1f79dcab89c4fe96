// The rights module's domain events (platform/events.ts), subscribed to through ../rights (index.ts).
import type { AuthContext } from '../../platform/auth';
import { defineEvent } from '../../platform/events';

/**
 * A rights case 权益维护 opened for a recipient. `fromFollowUpId`: the visit follow-up it was
 * opened from (反映问题转办), which visits then closes as passed on to the case.
 */
export const rightsCaseOpened = defineEvent<{
  caseId: string;
  recipientId: string;
  orgUnit: { id: string; path: string };
  fromFollowUpId: string | null;
  auth: AuthContext;
  ip: string | null;
  at: string;
}>('rights.opened');
