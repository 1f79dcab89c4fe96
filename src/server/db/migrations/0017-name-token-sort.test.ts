// Migration 0017 on every database: name tokens written before it get their record's name (the
// sort key of name search), and the name-order index exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { migrateToLatest } from '../migrate';
import { systemDb } from '../system';
import type { OrgUnitTable } from '../types';
import { createFieldCrypto } from '../../platform/crypto';
import { generateRecipients } from '../../cli/demo-recipients';


const T0 = '2026-05-01T02:00:00.000Z';

describe.each(dbKinds)('migration 0017 (name tokens carry the name) on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(kind, { migrate: false });
    await migrateToLatest(db.handle, { before: '0017' });
    const sys = systemDb(db.handle.db);
    const unit = { id: 'v1', parent_id: null, level: 'village', code: 'v1', name: '横溪坞村', path: '/v1/', depth: 0, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: T0, updated_at: T0 };
    await sys.insertInto('org_units').values(unit as OrgUnitTable).execute();
    const gen = [...generateRecipients(3, [{ id: 'v1', path: '/v1/', name: unit.name, villageName: unit.name }], { seed: 1, today: '2026-06-15', crypto: createFieldCrypto(Buffer.alloc(32, 7), 'aes-256-gcm'), at: T0, createdBy: 'test' })];
    for (const g of gen) {
      if (g.household) await sys.insertInto('households').values(g.household).execute();
      await sys.insertInto('recipients').values({ ...g.recipient, key_groups: 0 }).execute();
      for (const token of g.tokens) await sql`insert into recipient_name_tokens (token, org_path, recipient_id) values (${token}, ${'/v1/'}, ${g.recipient.id})`.execute(db.handle.db);
    }
    await migrateToLatest(db.handle);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('fills every token row with its record name', async () => {
    const sys = systemDb(db.handle.db);
    const rows = await sys.selectFrom('recipient_name_tokens as t').innerJoin('recipients as r', 'r.id', 't.recipient_id').select(['t.name as token_name', 'r.name']).execute();
    expect(rows.length).toBeGreaterThan(6);
    for (const r of rows) expect(r.token_name).toBe(r.name);
  });
});
