import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Bookings counted in the roll-ups (统计看板 政策服务): metric 'appt-status', bucket 'YYYY-MM|status'
 * (month of the booked day), on the booking's unit and every unit above it, as appointments.repo
 * keeps it from now on. Counts the bookings already made, grouped by path, month and status.
 */
export const appointmentRollups: Migration = {
  name: '0029-appointment-rollups',
  async up(db: Kysely<unknown>) {
    const rows = await sql<{ org_path: string; month: string; status: string; n: number | string }>`
      select org_path, substr(day, 1, 7) as month, status, count(*) as n
      from appointments group by org_path, substr(day, 1, 7), status`.execute(db);
    const counts = new Map<string, number>();
    for (const r of rows.rows) {
      for (const unit of r.org_path.split('/').filter(Boolean)) {
        const key = `${unit}\u0000${r.month}|${r.status}`;
        counts.set(key, (counts.get(key) ?? 0) + Number(r.n));
      }
    }
    const values = [...counts].map(([key, n]) => {
      const [unit_id, bucket] = key.split('\u0000');
      return { unit_id, metric: 'appt-status', bucket, n };
    });
    for (let i = 0; i < values.length; i += 300) {
      await db
        .insertInto('rollups' as never)
        .values(values.slice(i, i + 300) as never)
        .onConflict((oc) => oc.columns(['unit_id', 'metric', 'bucket'] as never).doUpdateSet({ n: sql`rollups.n + excluded.n` } as never))
        .execute();
    }
  },
};
