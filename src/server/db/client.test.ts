// SQLite transactions begin IMMEDIATE (db/client.ts): a read-then-write transaction holds the
// write lock from BEGIN, so another process writing in between waits (or gives up) instead of
// making the transaction fail half-way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openSqlite, type DbHandle } from './client';

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
