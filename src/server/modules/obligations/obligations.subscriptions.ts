// Obligations fulfilled in other modules (issue 16), recorded from their domain events in the
// publisher's transaction — the obligation's record is written once, the same row the work queue, the
// reporting rate, the figures and the ledger read:
// - the county's monthly review of hard problems (§8, definition `county-review`): each review
//   recorded in the hard-problems module (a decision with its owner and due day) counts for the month
//   of its day; the first opens the month's record (judged on time or late by the day it was
//   recorded against the month's due day), later ones add their problem and decision to it. A month
//   without open problems is still recorded by hand on the obligations page. Once the month has
//   locked (`isLocked`, the service's rule: due day + EDIT_DAYS_AFTER_DUE), a review dated in it
//   neither opens nor joins its record — the review itself stands in hard problems.
// - the semi-annual summary (§45, record kind `summary`, migration 0057): the first submission of a
//   unit's summary of a half-year to its upper level records that half-year; a return and a
//   resubmission do not move it (DHIS2's reporting rate counts the first complete submission).
import { periodLabel } from '../../../shared/rules/periods';
import { periodEnd } from '../../../shared/rules/obligation-periods';
import { shanghaiDay } from '../../../shared/rules/dates';
import type { Tx } from '../../db/transaction';
import type { AppContext } from '../../platform/context';
import { subscribe, type EventHandler, type EventPayload } from '../../platform/events';
import { newId } from '../../platform/ids';
import { dialectOf, placedAt, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { holidayTable } from '../../cases/deadlines';
import { hardProblemReviewed } from '../hard-problems';
import { summaryReviewed } from '../summaries';
import { appendToRecordUnscoped, defsOwedBy, insertRecordUnscoped, recordOfUnitUnscoped } from './obligations.repo';
import { dueDayOf, isLocked } from './obligations.service';

/** The definition a hard-problem review fulfils (the default of §8). */
export const HARD_PROBLEM_REVIEW_CODE = 'county-review';

const blank = { attendees: '', topics: '', minutes: '', course: '', trainer: '', hours: null, decisions: '', body: '' };

async function recordFor(trx: Tx, ctx: AppContext, unitId: string, pick: (d: { code: string; record_kind: string; period_kind: string }) => boolean, period: string, at: string, actor: { userId: string; name: string }, fields: Partial<typeof blank>, heldOn: string) {
  const unit = await unitForWriteUnscoped(trx, dialectOf(trx), unitId);
  const table = await holidayTable(ctx, trx);
  const recordedOn = shanghaiDay(new Date(at));
  for (const d of (await defsOwedBy(trx, unit.level, unit.path)).filter(pick)) {
    const existing = await recordOfUnitUnscoped(trx, d.id, unit.id, period);
    const dueDay = existing ? existing.due_day : dueDayOf(d, period, table);
    // a locked period is left alone, as by hand: neither appended to nor created (the event itself stands)
    if (isLocked(dueDay, recordedOn)) continue;
    if (existing) {
      if (fields.topics === undefined) continue;
      // a further review of the month: its problem and decision join the month's record
      await appendToRecordUnscoped(trx, existing.id, Number(existing.version), {
        topics: [existing.topics, fields.topics].filter(Boolean).join('\n'),
        decisions: [existing.decisions, fields.decisions ?? ''].filter(Boolean).join('\n'),
        updated_at: at,
      });
      continue;
    }
    await insertRecordUnscoped(trx, {
      id: newId(),
      def_id: d.id,
      ...placedAt(unit),
      period,
      period_end: periodEnd(period),
      held_on: heldOn,
      due_day: dueDay,
      recorded_on: recordedOn,
      on_time: recordedOn <= dueDay ? 1 : 0,
      ...blank,
      ...fields,
      version: 1,
      recorded_by: actor.userId,
      recorded_by_name: actor.name,
      created_at: at,
      updated_at: at,
    });
  }
}

const onHardProblemReviewed: EventHandler<EventPayload<typeof hardProblemReviewed>> = (trx, ctx, e) =>
  recordFor(
    trx,
    ctx,
    e.unit.id,
    (d) => d.code === HARD_PROBLEM_REVIEW_CODE,
    e.reviewedOn.slice(0, 7),
    e.at,
    e.actor,
    { topics: `${e.title}（${e.reviewedOn}）`, decisions: `${e.title}：${e.decision}（责任人：${e.ownerName}，办理时限：${e.dueOn}）` },
    e.reviewedOn,
  );

const onSummaryReviewed: EventHandler<EventPayload<typeof summaryReviewed>> = async (trx, ctx, e) => {
  if (e.step !== 'submitted') return;
  const day = shanghaiDay(new Date(e.at));
  await recordFor(trx, ctx, e.orgUnit.id, (d) => d.record_kind === 'summary' && d.period_kind === 'half', e.halfYear, e.at, { userId: e.actorUserId, name: e.actorName }, { body: `${periodLabel(e.halfYear)}工作总结于 ${day} 提交上级审核` }, day);
};

export function subscribeObligations(): void {
  subscribe(hardProblemReviewed, onHardProblemReviewed);
  subscribe(summaryReviewed, onSummaryReviewed);
}
