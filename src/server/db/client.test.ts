// SQLite transactions begin IMMEDIATE (db/client.ts): a read-then-write transaction holds the
// write lock from BEGIN, so another process writing in between waits (or gives up) instead of
// making the transaction fail half-way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite, rowByRowSql, type DbHandle } from './client';

const handles: DbHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
});

function twoConnections() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-sqlite-'));
  const file = path.join(dir, 'db.sqlite');
  const a = openSqlite(file, { busyTimeoutMs: 50 });
  const b = openSqlite(file, { busyTimeoutMs: 50 });
  handles.push(a, b);
  return { a, b };
}

describe('SQLite transactions', () => {
  it('take the write lock at BEGIN: a concurrent writer is refused, the read-then-write transaction commits', async () => {
    const { a, b } = twoConnections();
    await sql`create table counter (n integer not null)`.execute(a.db);
    await sql`insert into counter (n) values (1)`.execute(a.db);

    let otherWriter: 'wrote' | 'busy' = 'wrote';
    await a.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ n: number }>`select n from counter`.execute(trx);
      // another process writes between our read and our write
      try {
        await sql`update counter set n = 100`.execute(b.db);
      } catch (e) {
        expect(String((e as Error).message)).toMatch(/locked|busy/i);
        otherWriter = 'busy';
      }
      await sql`update counter set n = ${rows[0]!.n + 1}`.execute(trx);
    });

    expect(otherWriter).toBe('busy');
    const { rows } = await sql<{ n: number }>`select n from counter`.execute(b.db);
    expect(rows[0]!.n).toBe(2);
  });

  it('a writer waits for the lock within busy_timeout and then proceeds', async () => {
    const { a, b } = twoConnections();
    await sql`create table t (n integer not null)`.execute(a.db);
    await a.db.transaction().execute(async (trx) => {
      await sql`insert into t (n) values (1)`.execute(trx);
    });
    await sql`insert into t (n) values (2)`.execute(b.db);
    const { rows } = await sql<{ c: number }>`select count(*) as c from t`.execute(a.db);
    expect(rows[0]!.c).toBe(2);
  });
});

// Reading statements return SQLite's rows as arrays and are made into objects by a function
// compiled per statement (db/client.ts rowsAsObjects): the rows must be the driver's own.
describe('SQLite rows', () => {
  function withRawConnection() {
    const { a } = twoConnections();
    const file = a.sqliteFile!;
    const raw = new BetterSqlite3(file);
    return { db: a.db, raw, close: () => raw.close() };
  }

  it('are the objects better-sqlite3 gives: same keys in the same order, a later column of the same name wins', async () => {
    const { db, raw, close } = withRawConnection();
    try {
      await sql`create table p (id integer primary key, name text, n real)`.execute(db);
      await sql`create table c (id integer primary key, p_id integer, name text)`.execute(db);
      await sql`insert into p values (1, '张三', 1.5), (2, null, 0)`.execute(db);
      await sql`insert into c values (10, 1, '子'), (11, 2, 'x')`.execute(db);
      const text = 'select p.*, c.name, c.id as "c id" from p join c on c.p_id = p.id order by c.id';
      const ours = (await sql.raw(text).execute(db)).rows as Record<string, unknown>[];
      const theirs = raw.prepare(text).all() as Record<string, unknown>[];
      expect(ours.map((r) => Object.entries(r))).toEqual(theirs.map((r) => Object.entries(r)));
      expect(ours[0].name).toBe('子');
      // an alias __proto__ is a value, never the row's prototype
      const [odd] = (await sql.raw('select 7 as "__proto__", 1 as n').execute(db)).rows as Record<string, unknown>[];
      expect(Object.getPrototypeOf(odd)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(odd, '__proto__')?.value).toBe(7);
      expect(odd.n).toBe(1);
      // and a plain statement compiles its own maker
      const plain = (await sql.raw('select id, name from p order by id').execute(db)).rows;
      expect(plain).toEqual([{ id: 1, name: '张三' }, { id: 2, name: null }]);
    } finally {
      close();
    }
  });

  it('follow the schema: a select * run again after a column is added or renamed has the new columns', async () => {
    const { db, close } = withRawConnection();
    try {
      await sql`create table t (a integer, b text)`.execute(db);
      await sql`insert into t values (1, 'x')`.execute(db);
      const read = async () => (await sql.raw('select * from t').execute(db)).rows;
      expect(await read()).toEqual([{ a: 1, b: 'x' }]);
      await sql`alter table t add column c integer default 5`.execute(db);
      expect(await read()).toEqual([{ a: 1, b: 'x', c: 5 }]);
      // the same number of columns under another name
      await sql`alter table t rename column b to d`.execute(db);
      expect(await read()).toEqual([{ a: 1, d: 'x', c: 5 }]);
    } finally {
      close();
    }
  });

  it('stream as objects, and RETURNING rows are objects', async () => {
    const { db, close } = withRawConnection();
    try {
      await sql`create table t (id integer primary key, name text)`.execute(db);
      const back = (await sql.raw("insert into t (name) values ('甲'), ('乙') returning id, name").execute(db)).rows;
      expect(back).toEqual([{ id: 1, name: '甲' }, { id: 2, name: '乙' }]);
      const streamed: unknown[] = [];
      const kdb = db as unknown as import('kysely').Kysely<{ t: { id: number; name: string } }>;
      for await (const row of kdb.selectFrom('t').select(['name', 'id']).orderBy('id').stream()) streamed.push(row);
      expect(streamed).toEqual([{ name: '甲', id: 1 }, { name: '乙', id: 2 }]);
    } finally {
      close();
    }
  });

  it('a row-by-row statement inserts each row of its parameters, and refuses values that are not rows of its width', async () => {
    const { db, raw, close } = withRawConnection();
    try {
      await sql`create table t (id integer primary key, name text, n integer)`.execute(db);
      const text = rowByRowSql('insert into t (id, name, n) values (?, ?, ?)', 3);
      const r = await db.executeQuery(CompiledQuery.raw(text, [[1, '甲', 10], [2, '乙', 20], [3, null, 30]]));
      expect(r.numAffectedRows).toBe(3n);
      expect(raw.prepare('select id, name, n from t order by id').all()).toEqual([
        { id: 1, name: '甲', n: 10 },
        { id: 2, name: '乙', n: 20 },
        { id: 3, name: null, n: 30 },
      ]);
      // one flat list of values (the old contract), or a row of another width: refused, nothing written
      await expect(db.executeQuery(CompiledQuery.raw(text, [4, '丙', 40]))).rejects.toThrow(/each row must be an array of 3 values/);
      await expect(db.executeQuery(CompiledQuery.raw(text, [[5, '丁']]))).rejects.toThrow(/each row must be an array of 3 values/);
      expect(raw.prepare('select count(*) as c from t').get()).toEqual({ c: 3 });
    } finally {
      close();
    }
  });
});
