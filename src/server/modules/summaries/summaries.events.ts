// The summaries module's domain events (platform/events.ts), subscribed to through ../summaries (index.ts):
// one event for every step of a summary's review, published in the action's transaction (the
// notifications of issue 16 tell the owner a summary came back and the parent one is waiting).
import { defineEvent } from '../../platform/events';

export type SummaryStep = 'submitted' | 'returned' | 'accepted' | 'reopened';

export const summaryReviewed = defineEvent<{
  summaryId: string;
  step: SummaryStep;
  halfYear: string;
  /** the unit whose summary it is */
  orgUnit: { id: string; path: string };
  /** the parent unit that reviews it */
  reviewer: { id: string; path: string } | null;
  comment: string;
  at: string;
  actorUserId: string;
  actorName: string;
}>('summaries.reviewed');
