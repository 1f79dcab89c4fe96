// Migration 0060 on every database: every unit gets a key path of unit codes that follows its path
// (same depth, the parent's key path and its own code), the name tokens stored before it are kept
// under the key path of their unit, and a unit made afterwards takes the next code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { migrateToLatest } from '../migrate';
import { systemDb } from '../system';
import { insertUnitsUnscoped } from '../../modules/org-units';

const T0 = '2026-06-01T02:00:00.000Z';

describe.each(dbKinds)('migration 0060 (unit keys) on %s', (kind) => {
  let db: TestDb;
  // two counties, a township, three villages (one merged away: inactive, its path kept)
  const units = [
    ['c1', null, '/c1/'],
    ['c2', null, '/c2/'],
    ['t1', 'c1', '/c1/t1/'],
    ['v1', 't1', '/c1/t1/v1/'],
    ['v2', 't1', '/c1/t1/v2/'],
    ['v3', 'c2', '/c2/v3/'],
  ] as const;
  const tokens = [
    { token: '海', org_path: '/c1/t1/v1/', recipient_id: 'r1', name: '林海涛' },
    { token: '海涛', org_path: '/c1/t1/v1/', recipient_id: 'r1', name: '林海涛' },
    { token: '海', org_path: '/c1/t1/v2/', recipient_id: 'r2', name: '王海' },
    { token: '海', org_path: '/c2/v3/', recipient_id: 'r3', name: '陈海' },
  ];
  beforeAll(async () => {
    db = await createTestDb(kind, { migrate: false });
    await migrateToLatest(db.handle, { before: '0060' });
    // the tables as they were before 0060
    for (const [id, parent, path] of units) {
      await sql`insert into org_units (id, parent_id, level, code, name, path, depth, address, phone, office_hours, head_name, active, merged_into, dataset_year, created_at, updated_at)
        values (${id}, ${parent}, 'village', ${id}, ${id}, ${path}, ${path.split('/').length - 3}, '', '', '', '', ${id === 'v2' ? 0 : 1}, ${id === 'v2' ? 'v1' : null}, null, ${T0}, ${T0})`.execute(db.handle.db);
    }
    for (const r of tokens) {
      await sql`insert into recipient_name_tokens (token, org_path, recipient_id, name) values (${r.token}, ${r.org_path}, ${r.recipient_id}, ${r.name})`.execute(db.handle.db);
    }
    await migrateToLatest(db.handle);
  }, 60_000);
  afterAll(async () => db?.drop());

  const keyOf = async (id: string) => (await systemDb(db.handle.db).selectFrom('org_units').select('key_path').where('id', '=', id).executeTakeFirstOrThrow()).key_path;

  it('gives every unit, merged ones too, a key path that follows its path with codes of its own', async () => {
    const rows = await systemDb(db.handle.db).selectFrom('org_units').select(['id', 'parent_id', 'path', 'key_path']).execute();
    expect(rows).toHaveLength(units.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const codes = new Set<string>();
    for (const r of rows) {
      expect(r.key_path).toMatch(/^(\/[0-9a-z]+)+\/$/);
      expect(r.key_path.split('/').length).toBe(r.path.split('/').length);
      const code = r.key_path.split('/').at(-2)!;
      expect(codes.has(code)).toBe(false);
      codes.add(code);
      expect(r.key_path).toBe(r.parent_id ? `${byId.get(r.parent_id)!.key_path}${code}/` : `/${code}/`);
    }
    // a key path names one unit, and lies under another's exactly when the path does
    for (const a of rows)
      for (const b of rows) expect(a.key_path.startsWith(b.key_path), `${a.id} under ${b.id}`).toBe(a.path.startsWith(b.path));
  });

  it('keeps every token row under the key path of its unit, in a key that refuses a second copy', async () => {
    const sys = systemDb(db.handle.db);
    const kept = await sys.selectFrom('recipient_name_tokens').selectAll().orderBy('recipient_id').orderBy('token').execute();
    const unitAt = new Map(units.map(([id, , path]) => [path as string, id]));
    const expected = await Promise.all(tokens.map(async (t) => ({ token: t.token, unit_key: await keyOf(unitAt.get(t.org_path)!), recipient_id: t.recipient_id, name: t.name })));
    const key = (r: object) => JSON.stringify(r, Object.keys(r).sort());
    expect(kept.map(key).sort()).toEqual(expected.map(key).sort());
    await expect(sys.insertInto('recipient_name_tokens').values(expected[0]).execute()).rejects.toThrow(/unique|duplicate/i);
    const indexes =
      kind === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'recipient_name_tokens'`.execute(db.handle.db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'recipient_name_tokens'`.execute(db.handle.db)).rows.map((r) => r.name);
    expect(indexes).toContain('recipient_name_tokens_sort');
    if (kind === 'sqlite') {
      const ddl = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'recipient_name_tokens'`.execute(db.handle.db)).rows[0].sql;
      expect(ddl).toMatch(/without rowid/i);
    } else expect(indexes).toContain('recipient_name_tokens_pk');
  });

  it('gives a unit made afterwards the next code, under its parent', async () => {
    const sys = systemDb(db.handle.db);
    const before = (await sys.selectFrom('org_unit_key_counter').select('last').executeTakeFirstOrThrow()).last;
    expect(Number(before)).toBe(units.length);
    await insertUnitsUnscoped(sys, [
      { id: 'g1', parent_id: 'v1', level: 'grid', code: 'g1', name: 'g1', path: '/c1/t1/v1/g1/', depth: 3, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: T0, updated_at: T0 },
    ]);
    expect(await keyOf('g1')).toBe(`${await keyOf('v1')}${(units.length + 1).toString(36)}/`);
    await expect(sql`update org_units set key_path = ${await keyOf('v1')} where id = 'v3'`.execute(db.handle.db)).rejects.toThrow(/unique|duplicate/i);
  });
});
