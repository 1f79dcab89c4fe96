// SQLite's page cache for one large write. A transaction that adds tens of thousands of rows to
// a table with several indexes (the registry: 8 B-trees for a record, 4 for each of its ~10 name
// tokens) dirties pages all over each index; once they no longer fit in the connection's cache
// (2 MB by default) SQLite spills them to the WAL and reads them back, again and again: measured
// on a 100,000-row Excel import, the same inserts took 75 s with the default cache and 39 s when
// every dirty page fit (128 MB was still too small for that one). The cache is raised for the
// write and given back after it (its memory is freed then). PostgreSQL: nothing to do here.
import { sql, type QueryExecutorProvider } from 'kysely';
import type { DialectName } from './client';

/** Runs `write` with the connection's page cache raised to `mb` MiB (SQLite), and lowered again after it. */
export async function withWriteCache<T>(db: QueryExecutorProvider, dialect: DialectName, mb: number, write: () => Promise<T>): Promise<T> {
  if (dialect !== 'sqlite') return write();
  const before = (await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0]?.cache_size ?? -2000;
  await sql.raw(`pragma cache_size = ${-Math.round(mb * 1024)}`).execute(db);
  try {
    return await write();
  } finally {
    await sql.raw(`pragma cache_size = ${Number(before)}`).execute(db);
  }
}
