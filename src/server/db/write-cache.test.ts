// The write cache changes SQLite's page cache for the write only, and gives it back even when the
// write fails; PostgreSQL runs the write as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dbKinds, type TestDb } from '../../../test/helpers/db';
import { withWriteCache } from './write-cache';

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
});
