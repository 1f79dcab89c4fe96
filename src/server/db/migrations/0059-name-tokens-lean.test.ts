// Migration 0059 on every database: the name tokens stored before it are all still there and the
// name search's two indexes serve as before; the index on recipient_id is gone (tokens are deleted
// by their key), and on SQLite the table keeps its rows in the primary key (WITHOUT ROWID).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { migrateToLatest } from '../migrate';

describe.each(dbKinds)('migration 0059 (lean name tokens) on %s', (kind) => {
  let db: TestDb;
  const rows = [
    { token: '海', org_path: '/c1/v1/', recipient_id: 'r1', name: '林海涛' },
    { token: '海涛', org_path: '/c1/v1/', recipient_id: 'r1', name: '林海涛' },
    { token: '海', org_path: '/c1/v2/', recipient_id: 'r2', name: '王海' },
    { token: 'py:wh', org_path: '/c1/v2/', recipient_id: 'r2', name: '王海' },
  ];
  // the table as it was before 0060 (keyed by org_path)
  const insertOld = (r: (typeof rows)[number]) =>
    sql`insert into recipient_name_tokens (token, org_path, recipient_id, name) values (${r.token}, ${r.org_path}, ${r.recipient_id}, ${r.name})`.execute(db.handle.db);
  beforeAll(async () => {
    db = await createTestDb(kind, { migrate: false });
    await migrateToLatest(db.handle, { before: '0059' });
    for (const r of rows) await insertOld(r);
    await migrateToLatest(db.handle, { before: '0060' });
  }, 60_000);
  afterAll(async () => db?.drop());

  it('keeps every token row, and the key still refuses a second copy of one', async () => {
    const kept = (await sql<(typeof rows)[number]>`select token, org_path, recipient_id, name from recipient_name_tokens`.execute(db.handle.db)).rows;
    const key = (r: object) => JSON.stringify(r);
    expect(kept.map(key).sort()).toEqual(rows.map(key).sort());
    await expect(insertOld(rows[0])).rejects.toThrow(/unique|duplicate/i);
  });

  it('drops the index on recipient_id; the name-order index stays; SQLite keeps the rows in the key', async () => {
    const indexes =
      kind === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'recipient_name_tokens'`.execute(db.handle.db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'recipient_name_tokens'`.execute(db.handle.db)).rows.map((r) => r.name);
    expect(indexes).toContain('recipient_name_tokens_sort');
    expect(indexes).not.toContain('recipient_name_tokens_recipient');
    if (kind === 'sqlite') {
      const ddl = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'recipient_name_tokens'`.execute(db.handle.db)).rows[0].sql;
      expect(ddl).toMatch(/without rowid/i);
    }
  });
});
