// An approved application's summary by id, within the caller's scope, for other modules (the funds
// side checks a payable against it): who, where, what form, how much. Undefined outside the
// scope, when not found, or when not (or no longer) approved.
import type { AssistanceForm, GoodsItem } from '../../../shared/schemas/assistance';
import type { Tx } from '../../db/transaction';
import type { Scope } from '../../platform/jurisdiction';
import type { AssistancePayload } from './assistance.cases';
import { getAid } from './assistance.repo';

export type ApprovedAidSummary = {
  caseId: string;
  recipientId: string;
  recipientName: string;
  orgUnit: { id: string; path: string; name: string };
  form: AssistanceForm;
  amountFen: number;
  goods: GoodsItem[];
  decidedOn: string;
  status: string;
};

export async function approvedAidSummary(scope: Scope, db: Tx, caseId: string): Promise<ApprovedAidSummary | undefined> {
  const r = await getAid(scope, db, caseId);
  if (!r || Number(r.approved) !== 1 || !r.form || !r.decided_on) return undefined;
  const p = JSON.parse(r.payload) as AssistancePayload;
  return {
    caseId: r.id,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    orgUnit: { id: r.org_unit_id, path: r.org_path, name: r.org_unit_name },
    form: r.form as AssistanceForm,
    amountFen: Number(r.amount_fen),
    goods: p.decision?.goods ?? [],
    decidedOn: r.decided_on,
    status: r.status,
  };
}
