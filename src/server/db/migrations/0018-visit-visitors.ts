import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Who took part in a visit, as rows (issue 11): "my visits" was a LIKE on the JSON text of
 * visits.visitor_user_ids, a scan of every visit. visit_visitors holds one row per (visit,
 * visitor), indexed by the user; the JSON column stays (the visit's own record of its visitors).
 * Existing visits are copied over here.
 */
export const visitVisitors: Migration = {
  name: '0018-visit-visitors',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('visit_visitors')
      .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('visit_visitors_pk', ['visit_id', 'user_id'])
      .execute();
    await db.schema.createIndex('visit_visitors_user').on('visit_visitors').columns(['user_id', 'visit_id']).execute();
    const d = db as Kysely<{ visits: { id: string; visitor_user_ids: string }; visit_visitors: { visit_id: string; user_id: string } }>;
    let after = '';
    for (;;) {
      const rows = await d.selectFrom('visits').select(['id', 'visitor_user_ids']).where('id', '>', after).orderBy('id').limit(2000).execute();
      if (!rows.length) break;
      const pairs = rows.flatMap((r) => visitorIdsOf(r.visitor_user_ids).map((user_id) => ({ visit_id: r.id, user_id })));
      for (let i = 0; i < pairs.length; i += 1000) await d.insertInto('visit_visitors').values(pairs.slice(i, i + 1000)).execute();
      after = rows[rows.length - 1].id;
    }
  },
};

function visitorIdsOf(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : [];
  } catch {
    return [];
  }
}
