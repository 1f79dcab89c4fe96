// cappedCount counts in SQL over a limited subquery (issue 11): one row comes back, never the
// 10,001 rows it used to pull into Node for every filtered list page. Observed on real databases
// through a Kysely plugin that records the size of each result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin } from 'kysely';
import { createTestDb, dbKinds, type TestDb } from '../../../test/helpers/db';
import { systemDb } from './system';
import { cappedCount } from './paging';
import { TOTAL_CAP } from '../../shared/schemas/common';

describe.each(dbKinds)('cappedCount on %s', (kind) => {
  let db: TestDb;
  const rowsSeen: number[] = [];
  const watch: KyselyPlugin = {
    transformQuery: (a) => a.node,
    transformResult: async (a) => {
      rowsSeen.push(a.result.rows.length);
      return a.result;
    },
  };
  beforeAll(async () => {
    db = await createTestDb(kind);
    const n = TOTAL_CAP + 50;
    await sql`insert into recipient_name_tokens (token, unit_key, recipient_id, name)
      with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ${sql.lit(n)})
      select 'x', '/u/', 'r' || cast(i as text), 'n' from seq`.execute(db.handle.db);
    await sql`insert into recipient_name_tokens (token, unit_key, recipient_id, name) values ('y', '/u/', 'a', 'n'), ('y', '/u/', 'b', 'n')`.execute(db.handle.db);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('caps the total without pulling the rows into Node', async () => {
    const sys = systemDb(db.handle.db).withPlugin(watch);
    rowsSeen.length = 0;
    const over = await cappedCount(sys, sys.selectFrom('recipient_name_tokens').selectAll().where('token', '=', 'x').orderBy('recipient_id').limit(20));
    expect(over).toEqual({ total: TOTAL_CAP, totalCapped: true });
    expect(Math.max(...rowsSeen)).toBe(1);
    const under = await cappedCount(sys, sys.selectFrom('recipient_name_tokens').select('recipient_id').where('token', '=', 'y'));
    expect(under).toEqual({ total: 2, totalCapped: false });
    expect(await cappedCount(sys, sys.selectFrom('recipient_name_tokens').select('recipient_id').where('token', '=', 'x'), 100)).toEqual({ total: 100, totalCapped: true });
    expect(await cappedCount(sys, sys.selectFrom('recipient_name_tokens').select('recipient_id').where('token', '=', 'none'))).toEqual({ total: 0, totalCapped: false });
  });
});
