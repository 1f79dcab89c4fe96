// Migration 0021 on every database: owed visits written before it are kept (SQLite rebuilds the
// table), the table has no foreign keys left, the assigned index covers assigned rows only, and
// the dedupe key is still unique.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { migrateToLatest } from '../migrate';
import { systemDb } from '../system';
import type { OrgUnitTable } from '../types';
import { createFieldCrypto } from '../../platform/crypto';
import { generateRecipients } from '../../cli/demo-recipients';

const T0 = '2026-05-01T02:00:00.000Z';

describe.each(dbKinds)('migration 0021 (lean owed visits) on %s', (kind) => {
  let db: TestDb;
  let recipientId = '';
  beforeAll(async () => {
    db = await createTestDb(kind, { migrate: false });
    await migrateToLatest(db.handle, { before: '0021' });
    const sys = systemDb(db.handle.db);
    const unit = { id: 'v1', parent_id: null, level: 'village', code: 'v1', name: '横溪坞村', path: '/v1/', depth: 0, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: T0, updated_at: T0 };
    await sys.insertInto('org_units').values(unit as OrgUnitTable).execute();
    const [g] = [...generateRecipients(1, [{ id: 'v1', path: '/v1/', name: unit.name, villageName: unit.name }], { seed: 1, today: '2026-06-15', crypto: createFieldCrypto(Buffer.alloc(32, 7), 'aes-256-gcm'), at: T0, createdBy: 'test' })];
    if (g.household) await sys.insertInto('households').values(g.household).execute();
    await sys.insertInto('recipients').values({ ...g.recipient, key_groups: 0 }).execute();
    recipientId = g.recipient.id;
    await sys
      .insertInto('due_visits')
      .values({ id: 'd1', recipient_id: recipientId, org_unit_id: 'v1', org_path: '/v1/', owner_unit_id: 'v1', owner_path: '/v1/', reason: 'armyDay', trigger_id: null, trigger_kind: null, occasion_day: '2026-08-01', window_start: '2026-07-17', window_end: '2026-08-08', dedupe_key: `ad:2026:${recipientId}`, assigned_user_id: null, status: 'owed', visit_id: null, done_on: null, created_at: T0, updated_at: T0 })
      .execute();
    await migrateToLatest(db.handle);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('keeps the owed visits written before it', async () => {
    const rows = await systemDb(db.handle.db).selectFrom('due_visits').select(['id', 'recipient_id', 'dedupe_key', 'status', 'window_end']).execute();
    expect(rows).toEqual([{ id: 'd1', recipient_id: recipientId, dedupe_key: `ad:2026:${recipientId}`, status: 'owed', window_end: '2026-08-08' }]);
  });

  it('has no foreign keys, a partial assigned index and a unique dedupe key', async () => {
    if (kind === 'postgres') {
      const fks = await sql<{ n: number }>`select count(*)::int as n from pg_constraint where conrelid = 'due_visits'::regclass and contype = 'f'`.execute(db.handle.db);
      expect(fks.rows[0].n).toBe(0);
      const idx = await sql<{ def: string }>`select indexdef as def from pg_indexes where indexname = 'due_visits_assigned'`.execute(db.handle.db);
      expect(idx.rows[0].def).toMatch(/WHERE \(assigned_user_id IS NOT NULL\)/);
    } else {
      const fks = await sql<{ id: number }>`select * from pragma_foreign_key_list('due_visits')`.execute(db.handle.db);
      expect(fks.rows).toHaveLength(0);
      const idx = await sql<{ sql: string }>`select sql from sqlite_master where name = 'due_visits_assigned'`.execute(db.handle.db);
      expect(idx.rows[0].sql).toMatch(/where assigned_user_id is not null/);
    }
    const dup = sql`insert into due_visits (id, recipient_id, org_unit_id, org_path, owner_unit_id, owner_path, reason, occasion_day, window_start, window_end, dedupe_key, status, created_at, updated_at)
      values ('d2', ${recipientId}, 'v1', '/v1/', 'v1', '/v1/', 'armyDay', '2026-08-01', '2026-07-17', '2026-08-08', ${`ad:2026:${recipientId}`}, 'owed', ${T0}, ${T0})`;
    await expect(dup.execute(db.handle.db)).rejects.toThrow();
  });
});
