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
