// SQLite's page cache for one large write. A transaction that adds tens of thousands of rows to
// a table with several indexes (the registry: 8 B-trees for a record, 4 for each of its ~10 name
// tokens) dirties pages all over each index; once they no longer fit in the connection's cache
// (2 MB by default) SQLite spills them to the WAL and reads them back, again and again: measured
// on a 100,000-row Excel import, the same inserts took 75 s with the default cache and 39 s when
// every dirty page fit (128 MB was still too small for that one). The cache is raised for the
// write and given back after it (its memory is freed then). PostgreSQL: nothing to do here.
import { sql, type QueryExecutorProvider } from 'kysely';
import type { DialectName } from './client';

/**
 * Runs `fn` with these SQLite pragmas set (numeric ones, named by this module), and each set back to
 * its value before it afterwards, also when `fn` throws.
 */
async function withPragmas<T>(db: QueryExecutorProvider, pragmas: Partial<Record<'cache_size' | 'threads', number>>, fn: () => Promise<T>): Promise<T> {
  const names = Object.keys(pragmas) as Array<keyof typeof pragmas>;
  const before = new Map<string, number>();
  for (const name of names) before.set(name, Number((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(db)).rows[0]?.[name]));
  for (const name of names) await sql.raw(`pragma ${name} = ${Math.trunc(Number(pragmas[name]))}`).execute(db);
  try {
    return await fn();
  } finally {
    for (const name of [...names].reverse()) await sql.raw(`pragma ${name} = ${before.get(name)}`).execute(db);
  }
}

/** Runs `write` with the connection's page cache raised to `mb` MiB (SQLite), and lowered again after it. */
export async function withWriteCache<T>(db: QueryExecutorProvider, dialect: DialectName, mb: number, write: () => Promise<T>): Promise<T> {
  if (dialect !== 'sqlite') return write();
  return withPragmas(db, { cache_size: -Math.round(mb * 1024) }, write);
}

/**
 * Runs `write`, one statement that sorts many rows and writes them in key order (an import's name
 * tokens at its end), with SQLite's sorter in runs of `runMb` MiB sorted by up to `threads` helper
 * threads, and the page cache and thread count given back after it. SQLite keeps a sort in memory
 * up to the page cache's size (`cache_size`): under withWriteCache that is one run of 128 MiB,
 * sorted on the connection's own thread. In runs of a few MiB each run fits the CPU's caches, and
 * helper threads sort them beside the statement while it merges; the page cache is that small for
 * the statement too, so the pages it fills are written out to the WAL as it goes, once each (rows in
 * key order fill each page once). Measured on the 639,175 name tokens of an import of 100,000
 * (bench/results/2026-12-06-import-memory.md): 1.88–2.03 s in one 128 MiB run, 1.61–1.63 s in runs
 * of 8 MiB, 1.41–1.46 s with two helper threads.
 */
export async function withSortRuns<T>(db: QueryExecutorProvider, dialect: DialectName, opts: { runMb: number; threads: number }, write: () => Promise<T>): Promise<T> {
  if (dialect !== 'sqlite') return write();
  return withPragmas(db, { cache_size: -Math.round(opts.runMb * 1024), threads: Math.max(0, opts.threads) }, write);
}
