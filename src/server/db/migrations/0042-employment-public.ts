import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Employment's public side and decline reasons (issue 15):
 * - `job_interests`: a veteran's "我有意向" for an opening, said from their public account (one per
 *   person and opening; withdrawing deletes it, the audit log keeps both). Not a scoped table: like
 *   `employment_profiles` it follows its person, every staff read joins `recipients` and filters on
 *   the person's path. Whether it became a recommendation is read from `job_recommendations`.
 * - `job_recommendations.decline_reason`: the mirror of the case payload's reason when a
 *   recommendation ends declined (薪资不符 / 专业不符 / 地点不符 / 本人放弃 / 单位未录用 / 其他), so the
 *   figures count by reason; filled for the declined ones written before.
 */
export const employmentPublic: Migration = {
  name: '0042-employment-public',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('job_interests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('opening_id', 'text', (c) => c.notNull().references('job_openings.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('public_account_id', 'text', (c) => c.notNull())
      .addColumn('interested_on', k.day, (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('job_interests_pair').on('job_interests').columns(['opening_id', 'recipient_id']).unique().execute();
    await db.schema.createIndex('job_interests_recipient').on('job_interests').columns(['recipient_id']).execute();

    await db.schema.alterTable('job_recommendations').addColumn('decline_reason', 'text').execute();
    const declined = await sql<{ id: string; payload: string | Record<string, unknown> }>`select id, payload from cases where case_type = 'jobRecommendation' and status = 'declined'`.execute(db);
    for (const r of declined.rows) {
      const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { declineReason?: string | null };
      if (p.declineReason) await sql`update job_recommendations set decline_reason = ${p.declineReason} where id = ${r.id}`.execute(db);
    }
  },
};
