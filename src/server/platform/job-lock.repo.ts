// Background work that must run once at a time across server instances (visit generation, audit
// sealing). PostgreSQL: a session advisory lock on one pooled connection, held while the work
// runs (also across its commits). SQLite serves one server process: the work runs directly (the
// audit sealer still takes SQLite's write lock for its own transaction).
import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Db, DialectName } from '../db/client';
import { newId } from './ids';

/** Advisory locks of this product use the first key 727 and a second key derived from the name. */
const LOCK_CLASS = 727;

export function jobLockKey(name: string): number {
  return crypto.createHash('sha256').update(name, 'utf8').digest().readInt32BE(0);
}

/** Which server process ran a job: host and process id. */
export const instanceName = `${os.hostname()}:${process.pid}`;

export type JobLockOptions = {
  /** wait for the lock (sealing) instead of skipping when another instance holds it (scheduled jobs) */
  wait?: boolean;
  /** record the run in job_runs (name, instance, start and end) */
  record?: boolean;
  now?: () => string;
};

/**
 * Runs `fn` holding the job's lock. `fn` gets the connection the lock is held on (PostgreSQL) or
 * the database. Returns `{ ran: false }` when another instance holds the lock and `wait` is off.
 */
export async function withJobLock<T>(
  handle: { db: Db; dialect: DialectName },
  name: string,
  fn: (db: Db) => Promise<T>,
  opts: JobLockOptions = {},
): Promise<{ ran: true; value: T } | { ran: false }> {
  const now = opts.now ?? (() => new Date().toISOString());
  const run = async (db: Db): Promise<T> => {
    if (!opts.record) return fn(db);
    const id = newId();
    await db.insertInto('job_runs').values({ id, name, instance: instanceName, started_at: now(), finished_at: null }).execute();
    try {
      return await fn(db);
    } finally {
      await db.updateTable('job_runs').set({ finished_at: now() }).where('id', '=', id).execute();
    }
  };
  if (handle.dialect !== 'postgres') return { ran: true, value: await run(handle.db) };
  const key = jobLockKey(name);
  return handle.db.connection().execute(async (conn) => {
    if (opts.wait) await sql`select pg_advisory_lock(${LOCK_CLASS}, ${key})`.execute(conn);
    else {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${LOCK_CLASS}, ${key}) as ok`.execute(conn);
      if (!got.rows[0]?.ok) return { ran: false as const };
    }
    try {
      return { ran: true as const, value: await run(conn) };
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_CLASS}, ${key})`.execute(conn);
    }
  });
}
