// Bulk inserts (the demo, the bench's build) count their records into the roll-ups through
// ImportedCounts, summed up the tree: the stored roll-ups equal a recount from the records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../../db/system';
import { seedDemo, seedDemoRecipients } from '../../cli/demo';
import { createFieldCrypto } from '../../platform/crypto';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { directRollupsUnscoped } from './recipients.repo';

describe.each(dbKinds)('roll-ups of bulk-inserted recipients (%s)', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(kind);
    const sys = systemDb(db.handle.db);
    const at = '2026-06-01T00:00:00.000Z';
    await seedDemo(sys, { password: 'Bench@Pass2026', at });
    await seedDemoRecipients(sys, { count: 1200, crypto: createFieldCrypto(Buffer.alloc(32, 7), 'aes-256-gcm'), at });
  }, 120_000);
  afterAll(async () => db?.drop());

  it('stores per unit, metric and bucket what a recount of the records gives', async () => {
    const sys = systemDb(db.handle.db);
    const direct = await directRollupsUnscoped(sys);
    const stored = await sys.selectFrom('rollups').select(['unit_id', 'metric', 'bucket', 'n']).where('n', '<>', 0).execute();
    const storedMap = new Map(stored.map((r) => [`${r.unit_id}|${r.metric}|${r.bucket}`, Number(r.n)]));
    expect(storedMap.size).toBeGreaterThan(100);
    expect(storedMap).toEqual(direct);
  }, 60_000);
});
