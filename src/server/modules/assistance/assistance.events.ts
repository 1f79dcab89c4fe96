// The assistance module's domain events (platform/events.ts), subscribed to through ../assistance (index.ts).
import type { AuthContext } from '../../platform/auth';
import { defineEvent } from '../../platform/events';
import type { AssistanceForm, GoodsItem } from '../../../shared/schemas/assistance';

/**
 * An assistance application 帮扶援助申请 opened for a recipient. `fromFollowUpId`: the visit
 * follow-up it was opened from (反映问题转办), which visits then closes as passed on to it.
 */
export const assistanceOpened = defineEvent<{
  caseId: string;
  recipientId: string;
  orgUnit: { id: string; path: string };
  fromFollowUpId: string | null;
  auth: AuthContext;
  ip: string | null;
  at: string;
}>('assistance.opened');

/**
 * Aid approved (审批决定), published in the approving transaction: what was decided for whom, so
 * the funds side can create what is owed (a payable for money, goods to hand out).
 */
export const assistanceApproved = defineEvent<{
  caseId: string;
  recipientId: string;
  orgUnit: { id: string; path: string };
  form: AssistanceForm;
  amountFen: number;
  goods: GoodsItem[];
  approvedAt: string;
  actorUserId: string;
}>('assistance.approved');

/**
 * Aid to be given (公示期满): the notice after an approval ended with no objection upheld, so what was
 * decided is now owed — published in the endNotice action's transaction, once per application. The
 * funds module turns it into payables (money, goods); a decision revoked during the notice never
 * publishes it, so nothing revoked is ever paid.
 */
export const assistanceAidDue = defineEvent<{
  caseId: string;
  recipientId: string;
  orgUnit: { id: string; path: string };
  form: AssistanceForm;
  amountFen: number;
  goods: GoodsItem[];
  /** the day of the approval */
  decidedOn: string;
  at: string;
}>('assistance.aid-due');
