// The applications module's domain events (platform/events.ts), subscribed to through ../applications.
import type { AuthContext } from '../../platform/auth';
import { defineEvent } from '../../platform/events';

/**
 * An application received. `fromFollowUpId`: the visit follow-up it was opened from (反映问题转办),
 * which visits then closes as passed on.
 */
export const applicationOpened = defineEvent<{
  applicationId: string;
  recipientId: string;
  fromFollowUpId: string | null;
  auth: AuthContext;
  ip: string | null;
}>('applications.opened');
