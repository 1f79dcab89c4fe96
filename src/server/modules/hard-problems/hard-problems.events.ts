// The hard-problem module's domain events (platform/events.ts), subscribed to through ../hard-problems (index.ts).
import { defineEvent } from '../../platform/events';

/**
 * A hard problem 疑难问题 arrived at a unit to study: reported by a station to its parent, or passed
 * up by the level that had it (for notifications 新的疑难问题). Published in the writing transaction.
 */
export const hardProblemArrived = defineEvent<{
  caseId: string;
  title: string;
  /** the unit that studies it now and its level */
  atUnit: { id: string; path: string };
  level: 'township' | 'county' | 'city';
  /** the raising unit */
  raisingUnitId: string;
  /** 'report' (first arrival) or 'escalate' */
  how: 'report' | 'escalate';
  at: string;
}>('hardProblems.arrived');

/**
 * The county's monthly review 月度研究 (§8) of one problem was recorded: the day, the decision, its
 * owner and due day (the obligations module counts the month's review as held). Published in the
 * review action's transaction.
 */
export const hardProblemReviewed = defineEvent<{
  caseId: string;
  title: string;
  /** the reviewing unit (the county handling the problem) */
  unit: { id: string; path: string };
  reviewedOn: string;
  decision: string;
  ownerName: string;
  dueOn: string;
  at: string;
  actor: { userId: string; name: string };
}>('hardProblems.reviewed');
