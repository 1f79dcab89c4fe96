// The petitions module's domain events (platform/events.ts), published by this module and
// subscribed to through ../petitions (index.ts).
import type { AuthContext } from '../../platform/auth';
import { defineEvent } from '../../platform/events';

/**
 * A petition registered (staff registration, or online by a public account). `fromFollowUpId`:
 * the visit follow-up it was opened from (反映问题转办), which visits then closes as passed on.
 */
export const petitionRegistered = defineEvent<{
  petitionId: string;
  registrationNo: string;
  orgUnit: { id: string; path: string };
  recipientId: string | null;
  fromFollowUpId: string | null;
  auth: AuthContext;
  ip: string | null;
  at: string;
}>('petitions.registered');
