// The write cache changes SQLite's page cache for the write only, and gives it back even when the
// write fails; PostgreSQL runs the write as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dbKinds, type TestDb } from '../../../test/helpers/db';
import { withSortRuns, withWriteCache } from './write-cache';

describe.each(dbKinds)('write cache on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });
  const cacheSize = async () => Number((await sql<{ cache_size: number }>`pragma cache_size`.execute(t.handle.db)).rows[0].cache_size);

  it('raises the page cache for the write and restores it after, also when the write throws', async () => {
    if (kind === 'postgres') {
      expect(await withWriteCache(t.handle.db, 'postgres', 256, async () => 'done')).toBe('done');
      return;
    }
    const before = await cacheSize();
    const during = await withWriteCache(t.handle.db, 'sqlite', 64, () => cacheSize());
    expect(during).toBe(-64 * 1024);
    expect(await cacheSize()).toBe(before);
    await expect(
      withWriteCache(t.handle.db, 'sqlite', 32, async () => {
        expect(await cacheSize()).toBe(-32 * 1024);
        throw new Error('write failed');
      }),
    ).rejects.toThrow('write failed');
    expect(await cacheSize()).toBe(before);
  });

  it('sorts in small runs with helper threads for one statement, inside a raised cache, and gives both back, also when it throws', async () => {
    if (kind === 'postgres') {
      expect(await withSortRuns(t.handle.db, 'postgres', { runMb: 8, threads: 2 }, async () => 'done')).toBe('done');
      return;
    }
    const threads = async () => Number((await sql<{ threads: number }>`pragma threads`.execute(t.handle.db)).rows[0].threads);
    const before = { cache: await cacheSize(), threads: await threads() };
    await withWriteCache(t.handle.db, 'sqlite', 128, async () => {
      const during = await withSortRuns(t.handle.db, 'sqlite', { runMb: 8, threads: 2 }, async () => ({ cache: await cacheSize(), threads: await threads() }));
      expect(during).toEqual({ cache: -8 * 1024, threads: 2 });
      // the import's cache again for what follows the sort
      expect(await cacheSize()).toBe(-128 * 1024);
      expect(await threads()).toBe(before.threads);
      await expect(
        withSortRuns(t.handle.db, 'sqlite', { runMb: 4, threads: 1 }, async () => {
          expect(await threads()).toBe(1);
          throw new Error('sort failed');
        }),
      ).rejects.toThrow('sort failed');
      expect(await cacheSize()).toBe(-128 * 1024);
      expect(await threads()).toBe(before.threads);
    });
    expect(await cacheSize()).toBe(before.cache);
  });

  it('a sort in small runs with threads gives the same rows in the same order as one in memory', async () => {
    if (kind === 'postgres') return;
    const db = t.handle.db;
    await sql`create temp table sort_src (k text not null, v integer not null)`.execute(db);
    // 200,000 rows of ~40 bytes: more than one 1 MiB run
    await sql`insert into sort_src (k, v) with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000) select printf('%08d-%s', abs(random()) % 100000000, hex(randomblob(8))), i from n`.execute(db);
    const read = () => sql<{ k: string; v: number }>`select k, v from sort_src order by k, v`.execute(db).then((r) => r.rows);
    const inMemory = await read();
    const inRuns = await withSortRuns(db, 'sqlite', { runMb: 1, threads: 2 }, read);
    expect(inRuns.length).toBe(200000);
    expect(inRuns).toEqual(inMemory);
    await sql`drop table temp.sort_src`.execute(db);
  });
});
