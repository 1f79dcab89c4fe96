// The bookings' figures for a dashboard (统计看板 政策服务), read from the 'appt-status' roll-up
// (bookings by month of the booked day and status): a few point reads per unit and month, never a
// scan of bookings. The caller names units it has already found in the user's range.
import { appointmentStatuses } from '../../../shared/schemas/appointments';
import type { BookingCounts } from '../../../shared/schemas/dashboards';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { defineFigure, type FigureQuery } from '../../platform/figures';
import { monthsOfDays } from '../../platform/figure-months';
import { pathUnits, rollupBucketsOf } from '../../platform/rollups.repo';
import { APPT_METRIC } from './appointments.repo';

export function bookingCounts(c: { completed: number; noShows: number; cancelled: number; open: number }): BookingCounts {
  const due = c.completed + c.noShows;
  return { ...c, bookings: c.completed + c.noShows + c.cancelled + c.open, noShowRate: due ? c.noShows / due : null };
}

/** Each unit's bookings for a day in the months, by what became of them. */
export async function bookingFiguresOf(db: Db, unitIds: string[], months: string[]): Promise<Map<string, BookingCounts>> {
  const buckets = months.flatMap((m) => appointmentStatuses.map((s) => `${m}|${s}`));
  const rows = await rollupBucketsOf(db, unitIds, [APPT_METRIC], buckets);
  const out = new Map<string, BookingCounts>();
  for (const id of unitIds) {
    const c = { completed: 0, noShows: 0, cancelled: 0, open: 0 };
    for (const r of rows.filter((x) => x.unit_id === id)) {
      const status = r.bucket.split('|')[1];
      const n = Number(r.n);
      if (status === 'completed') c.completed += n;
      else if (status === 'noShow') c.noShows += n;
      else if (status === 'cancelled') c.cancelled += n;
      else c.open += n;
    }
    out.set(id, bookingCounts(c));
  }
  return out;
}

// ---- the figure registry (issue 16; see platform/figures.ts): bookings by the month of their day ----

async function bookingsIn(db: Db | Tx, q: FigureQuery, statuses: readonly string[]): Promise<number> {
  const buckets = monthsOfDays(q.from, q.to).flatMap((m) => statuses.map((s) => `${m}|${s}`));
  const rows = await rollupBucketsOf(db, [pathUnits(q.path).at(-1)!], [APPT_METRIC], buckets);
  return rows.reduce((s, r) => s + Number(r.n), 0);
}

const flow = { module: 'appointments', unit: 'count', kind: 'flow' } as const;
defineFigure({ key: 'appointments.booked', ...flow, label: '预约办理', formula: '预约日期在期间内的预约数（含已取消）', compute: (db, q) => bookingsIn(db, q, appointmentStatuses) });
defineFigure({ key: 'appointments.completed', ...flow, label: '预约已办理', formula: '预约日期在期间内、已到场办理的预约数', compute: (db, q) => bookingsIn(db, q, ['completed']) });
defineFigure({ key: 'appointments.noShows', ...flow, label: '预约未到场', formula: '预约日期在期间内、未到场的预约数', compute: (db, q) => bookingsIn(db, q, ['noShow']) });
