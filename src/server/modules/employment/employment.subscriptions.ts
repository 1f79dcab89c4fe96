// Employment listens to visits: a visit's 就业状况 finding (Part 5 三(一)) confirms the person's
// employment profile on the visit's day and sets the status it names (已就业 → 在岗就业, 求职中 →
// 未就业 and seeking, 无业 → 未就业, 退休 → 退休), in the visit's transaction.
import type { employmentStatuses } from '../../../shared/schemas/recipients';
import { subscribe, type EventHandler, type EventPayload } from '../../platform/events';
import { setEmploymentStatusIn } from '../recipients';
import { visitRecorded } from '../visits';
import { confirmProfileRow, getProfile } from './employment.repo';

const statusOfLevel: Record<string, { status: (typeof employmentStatuses)[number]; seeking: number | null }> = {
  employed: { status: 'employed', seeking: 0 },
  seeking: { status: 'unemployed', seeking: 1 },
  none: { status: 'unemployed', seeking: null },
  retired: { status: 'retired', seeking: 0 },
};

const confirmFromVisit: EventHandler<EventPayload<typeof visitRecorded>> = async function confirmFromVisit(trx, ctx, e) {
  const found = e.situations.employment;
  if (!found || (!found.level && !found.note)) return;
  const p = await getProfile(e.auth.scope, trx, e.recipientId);
  if (!p) return; // not a registered living veteran of the range: no profile
  const mapped = found.level ? statusOfLevel[found.level] : undefined;
  await confirmProfileRow(trx, e.recipientId, e.visitedOn, e.auth.userId, e.at, mapped?.seeking ?? null);
  if (mapped) await setEmploymentStatusIn(ctx, e.auth, trx, e.recipientId, mapped.status, `${e.visitedOn}走访`, 'visit');
};

export function subscribeEmployment(): void {
  subscribe(visitRecorded, confirmFromVisit);
}
