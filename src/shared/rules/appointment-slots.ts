// The slots of a unit's day (§44 预约办理): the weekly schedule's ranges of the day's weekday, cut
// into slots of `slotMinutes` (a tail shorter than a slot is not offered). A day has slots only
// when the legal calendar makes it a working day (shared/rules/calendar): a public holiday is
// closed, an ordinary weekend is closed, and a 调休 working Saturday or Sunday is open — it keeps
// the hours of Monday (the schedule names Monday–Friday only). A closure of the unit closes it too.
import { dayStatus, shiftDay, type HolidayTable } from './calendar';

export type Range = { weekday: number; start: string; end: string };
export type Schedule = { slotMinutes: number; capacity: number; ranges: readonly Range[] };
export type Closure = { from: string; to: string; reason: string };
export type Slot = { start: string; end: string };

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The weekday of a day, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Why a day has no slots (Chinese, for the booking page), or null when it is open. */
export function closedReason(day: string, table: HolidayTable, closures: readonly Closure[]): string | null {
  const c = closures.find((x) => x.from <= day && day <= x.to);
  if (c) return `暂停预约：${c.reason}`;
  const s = dayStatus(day, table);
  if (s.reason === 'holiday') return '法定节假日';
  if (!s.working) return '休息日';
  return null;
}

/** The slots of a day by the schedule alone (no calendar): the ranges of the weekday (a 调休 weekend day: Monday's). */
export function slotsOfWeekday(schedule: Schedule, weekdayNo: number): Slot[] {
  const wd = weekdayNo >= 6 ? 1 : weekdayNo;
  const out: Slot[] = [];
  const ranges = schedule.ranges.filter((r) => r.weekday === wd).sort((a, b) => (a.start < b.start ? -1 : 1));
  for (const r of ranges) {
    for (let m = minutes(r.start); m + schedule.slotMinutes <= minutes(r.end); m += schedule.slotMinutes) out.push({ start: clock(m), end: clock(m + schedule.slotMinutes) });
  }
  return out;
}

/** The slots of a day: none when closed by the calendar or a closure. */
export function slotsOfDay(day: string, schedule: Schedule, table: HolidayTable, closures: readonly Closure[]): Slot[] {
  if (closedReason(day, table, closures) !== null) return [];
  return slotsOfWeekday(schedule, isoWeekday(day));
}

/** The days from `from` on, `n` of them. */
export function daysFrom(from: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => shiftDay(from, i));
}
