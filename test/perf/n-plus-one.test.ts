// Set-based reads and writes where a loop issued one query per row: the duplicates list (two
// queries per pair, up to 400) and the key-group sync (one UPDATE per row). Counted with a hook on
// the query executor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemDb } from '../../src/server/db/system';
import { seedDemoRecipients } from '../../src/server/cli/demo';
import { syncKeyGroupsUnscoped } from '../../src/server/modules/recipients';
import { keyGroupMaskOfStored } from '../../src/shared/rules/visit-rules';
import { createTestApp, json, type Agent, type TestApp } from '../helpers/app';
import { dbKinds } from '../helpers/db';
import { countQueries } from '../helpers/query-count';

describe.each(dbKinds)('set-based recipient queries on %s', (kind) => {
  let t: TestApp;
  let county: Agent;
  const sys = () => systemDb(t.db.handle.db);

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoRecipients(sys(), { count: 300, crypto: t.app.ctx.crypto, at: t.clock.now().toISOString() });
    county = await t.login('county');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists 40 duplicate pairs in a few queries', async () => {
    const live = await sys().selectFrom('recipients').select(['id', 'name', 'birth_date']).where('merged_into', 'is', null).orderBy('id').limit(80).execute();
    // each odd record becomes a duplicate of the record before it (same name and birth date)
    for (let i = 0; i + 1 < live.length; i += 2) {
      await sys().updateTable('recipients').set({ name: live[i].name, birth_date: live[i].birth_date }).where('id', '=', live[i + 1].id).execute();
    }
    const { result: res, queries } = await countQueries(t.db.handle.db, () => county.get('/api/recipients/duplicates'));
    expect(res.statusCode, res.body).toBe(200);
    const items = json<{ items: { a: { id: string; name: string }; b: { id: string; name: string } }[] }>(res).items;
    expect(items.length).toBeGreaterThanOrEqual(40);
    for (const p of items) expect(p.a.name).toBe(p.b.name);
    // the session and its checks, the pairs, their records: not two per pair (80+ before)
    expect(queries.length).toBeLessThanOrEqual(12);
  });

  it('syncs the key groups of 300 records with one statement per mask value', async () => {
    const ids = (await sys().selectFrom('recipients').select('id').execute()).map((r) => r.id);
    await sys().updateTable('recipients').set({ key_groups: sql<number>`key_groups + 1024` }).execute();
    const { queries } = await countQueries(t.db.handle.db, () => t.db.handle.db.transaction().execute((trx) => syncKeyGroupsUnscoped(trx, ids)));
    const rows = await sys().selectFrom('recipients').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(300);
    for (const r of rows) expect(r.key_groups).toBe(keyGroupMaskOfStored(r));
    const masks = new Set(rows.map((r) => r.key_groups)).size;
    // one read, one UPDATE per mask value (300 UPDATEs before)
    expect(queries.length).toBeLessThanOrEqual(1 + masks);
    expect(masks).toBeLessThan(40);
  });
});
