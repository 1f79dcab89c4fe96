// The import's registry-wide ID check (registeredHashesUnscoped) finds every live record among the
// hashes asked, and on PostgreSQL it reads one index entry per hash even when the planner's
// statistics are from before the import's own inserts (a county's first import): the IN list was
// planned as a scan of every live record through another partial index, filtered by the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { systemDb } from '../../db/system';
import { insertUnitsUnscoped } from '../org-units';
import { refreshStatistics } from '../../db/statistics';
import { generateRecipients, type DemoUnit } from '../../cli/demo-recipients';
import { createFieldCrypto } from '../../platform/crypto';
import { insertGeneratedUnscoped } from '../recipients';
import { registeredHashesUnscoped } from './imports.repo';

const T0 = '2026-05-01T02:00:00.000Z';

describe.each(dbKinds)('the import ID check on %s', (kind) => {
  let db: TestDb;
  const units: DemoUnit[] = [{ id: 'v1', path: '/c1/v1/', name: '一村村委会', villageName: '一村' }];
  const crypto = createFieldCrypto(Buffer.alloc(32, 9), 'aes-256-gcm');
  const people = [...generateRecipients(3_300, units, { seed: 7, today: '2026-06-30', crypto, at: T0, createdBy: 'test' })];
  beforeAll(async () => {
    db = await createTestDb(kind);
    const sys = systemDb(db.handle.db);
    const unit = (id: string, path: string, level: string, parent: string | null) => ({ id, parent_id: parent, level, code: id, name: id, path, depth: path.split('/').length - 3, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: T0, updated_at: T0 });
    await insertUnitsUnscoped(sys, [unit('c1', '/c1/', 'county', null), unit('v1', '/c1/v1/', 'village', 'c1')]);
    // a registry of 300, its statistics taken (as after the demo or an earlier import)
    await insertGeneratedUnscoped(sys, people.slice(0, 300));
    await refreshStatistics(sys, kind, ['recipients'], 1_000);
  }, 120_000);
  afterAll(async () => db?.drop());

  it('finds the live records among the hashes, one index entry read per hash asked', async () => {
    await systemDb(db.handle.db)
      .transaction()
      .execute(async (trx) => {
        // the import's own inserts, in its transaction: ten times the registry the statistics saw
        await insertGeneratedUnscoped(trx, people.slice(300));
        const asked = [...people.slice(2_800).map((p) => p.recipient.id_number_hash), ...Array.from({ length: 100 }, (_, i) => `unknown-${i}`)];
        const reads = async () =>
          kind === 'postgres'
            ? Number((await sql<{ n: string }>`select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) as n from pg_stat_xact_user_tables where relname = 'recipients'`.execute(trx)).rows[0]?.n ?? 0)
            : 0;
        const before = await reads();
        const found = await registeredHashesUnscoped(trx, asked);
        const read = (await reads()) - before;
        expect(found.map((r) => r.id_number_hash).sort()).toEqual(people.slice(2_800).map((p) => p.recipient.id_number_hash).sort());
        expect(new Set(found.map((r) => r.org_path))).toEqual(new Set(['/c1/v1/']));
        if (kind === 'postgres') expect(read).toBeLessThanOrEqual(asked.length);
        throw new Error('roll back');
      })
      .catch((e: Error) => {
        if (e.message !== 'roll back') throw e;
      });
  });
});
