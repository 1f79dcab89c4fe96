// Due-soon and overdue marks: the one rule for the server (work queue, lists, reports) and the web.
// A day deadline is due at the end of its day in Asia/Shanghai: overdue from the next day, due soon
// while at most DUE_SOON_DAYS days are left (today included). An hour deadline (`dueAt`, an
// instant) is overdue once the clock passes it and due soon within its last DUE_SOON_HOURS.
import { shiftDay } from './calendar';
import { shanghaiDay } from './dates';

/** A day deadline is "due soon" when this many days or fewer are left. */
export const DUE_SOON_DAYS = 3;
/** An hour deadline is "due soon" in its last hour. */
export const DUE_SOON_HOURS = 1;

export type DueMarks = { overdue: boolean; dueSoon: boolean };
export type Due = { dueDay: string | null; dueAt?: string | null };
/** The traffic light of a deadline: red = overdue, yellow = due soon. */
export type DueWarning = 'none' | 'yellow' | 'red';

const NONE: DueMarks = { overdue: false, dueSoon: false };

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86_400_000);
}

/** Marks of a day deadline relative to `today` (YYYY-MM-DD, Asia/Shanghai). */
export function dayDueMarks(dueDay: string | null, today: string): DueMarks {
  if (!dueDay) return NONE;
  const left = dayDiff(today, dueDay);
  return { overdue: left < 0, dueSoon: left >= 0 && left <= DUE_SOON_DAYS };
}

/**
 * Marks of a deadline at the instant `now` (a Date or an ISO string): by the clock when it has a
 * `dueAt`, else by the Shanghai day of `now` against `dueDay`.
 */
export function dueMarks(due: Due, now: Date | string): DueMarks {
  const at = typeof now === 'string' ? new Date(now) : now;
  if (due.dueAt) {
    const left = Date.parse(due.dueAt) - at.getTime();
    return { overdue: left < 0, dueSoon: left >= 0 && left <= DUE_SOON_HOURS * 3_600_000 };
  }
  return dayDueMarks(due.dueDay, shanghaiDay(at));
}

export function dueWarning(m: DueMarks): DueWarning {
  return m.overdue ? 'red' : m.dueSoon ? 'yellow' : 'none';
}

/** The last due day still marked "due soon" today: for SQL filters (`due_day between today and this`). */
export function dueSoonLastDay(today: string): string {
  return shiftDay(today, DUE_SOON_DAYS);
}
