// SQLite's checkpoints off the server's thread (db/checkpointer.ts): with `backgroundCheckpoints`
// the server's connection never copies the WAL into the file inside a commit, the worker does it
// soon after; without it (the CLI, tests) the committing connection does, as SQLite does by
// default; a worker that stops on its own hands the checkpoints back to the connection; closing
// stops the worker first, so the WAL is copied and removed; a WAL that was copied is cut back to
// the size limit when the writer starts it over. SQLite only: PostgreSQL has none of this.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, WAL_SIZE_LIMIT_BYTES, type DbHandle } from './client';

const dirs: string[] = [];
const newFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-ckpt-'));
  dirs.push(dir);
  return path.join(dir, 'rongjia.sqlite');
};
const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** ~8 MB in one transaction: ~2,000 pages, twice SQLite's own checkpoint threshold. */
const BLOB_ROWS = 250;
const blob = () => Buffer.alloc(32 * 1024, 7);
async function writeMuch(handle: DbHandle): Promise<void> {
  await sql`create table if not exists filler (id integer primary key, b blob not null)`.execute(handle.db);
  await handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < BLOB_ROWS; i++) await sql`insert into filler (b) values (${blob()})`.execute(trx);
  });
}
const autocheckpoint = async (handle: DbHandle) => Number((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db)).rows[0].wal_autocheckpoint);

describe('SQLite checkpoints in a worker thread', () => {
  it('the server’s connection leaves checkpoints to the worker, which copies a large commit into the file', async () => {
    const file = newFile();
    const handle = openSqlite(file, { backgroundCheckpoints: true });
    try {
      expect(handle.checkpointer).toBeDefined();
      await handle.checkpointer!.ready;
      expect(await autocheckpoint(handle)).toBe(0);
      const copied = new Promise<number>((resolve) => handle.checkpointer!.onCheckpointed(resolve));
      await writeMuch(handle);
      expect(await copied).toBeGreaterThanOrEqual(2000);
      expect(size(file)).toBeGreaterThan(BLOB_ROWS * 32 * 1024);
    } finally {
      await handle.close();
    }
    // the worker's connection closed first: the server's, the last, removed the WAL; the data stays
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const again = new BetterSqlite3(file, { readonly: true });
    expect((again.prepare('select count(*) as n from filler').get() as { n: number }).n).toBe(BLOB_ROWS);
    again.close();
  });

  it('without it (the CLI, tests) the committing connection copies a large commit into the file itself', async () => {
    const file = newFile();
    const handle = openSqlite(file);
    try {
      expect(handle.checkpointer).toBeUndefined();
      expect(await autocheckpoint(handle)).toBe(1000);
      await writeMuch(handle);
      expect(size(file)).toBeGreaterThan(BLOB_ROWS * 32 * 1024);
    } finally {
      await handle.close();
    }
  });

  it('once copied, the WAL file is cut back to the limit when the writer starts it over; without a limit it stays as large', async () => {
    const walAfterBigWrite = async (walSizeLimitBytes: number) => {
      const file = newFile();
      const handle = openSqlite(file, { backgroundCheckpoints: true, walSizeLimitBytes });
      try {
        await handle.checkpointer!.ready;
        const copied = new Promise<number>((resolve) => handle.checkpointer!.onCheckpointed(resolve));
        await writeMuch(handle);
        await copied;
        expect(size(`${file}-wal`)).toBeGreaterThan(BLOB_ROWS * 32 * 1024);
        // the next write starts the WAL over (all of it was copied, no reader holds it)
        await sql`insert into filler (b) values (${Buffer.alloc(16)})`.execute(handle.db);
        return size(`${file}-wal`);
      } finally {
        await handle.close();
      }
    };
    expect(await walAfterBigWrite(1024 * 1024)).toBeLessThanOrEqual(1024 * 1024);
    expect(await walAfterBigWrite(-1)).toBeGreaterThan(BLOB_ROWS * 32 * 1024);
  });

  it('the server’s limit is set on every connection', async () => {
    const handle = openSqlite(newFile());
    try {
      const r = await sql<{ journal_size_limit: number }>`pragma journal_size_limit`.execute(handle.db);
      expect(Number(r.rows[0].journal_size_limit)).toBe(WAL_SIZE_LIMIT_BYTES);
    } finally {
      await handle.close();
    }
  });

  it('in a process with nothing else to do, closing finishes (also before the worker is ready), and without close() the worker does not keep it alive', () => {
    const client = fileURLToPath(new URL('./client.ts', import.meta.url));
    /** A process whose only work is to open, write, perhaps close (`early`: at once, before the worker is ready), and then print. */
    const run = (file: string, close: 'after-write' | 'early' | 'never') => {
      const script = `const { openSqlite } = await import(${JSON.stringify(client)});
        const h = openSqlite(${JSON.stringify(file)}, { backgroundCheckpoints: true });
        ${close === 'early' ? 'await h.close();' : ''}
        ${close !== 'early' ? `await h.checkpointer.ready;
        await h.db.schema.createTable('t').addColumn('x', 'integer').execute();` : ''}
        ${close === 'after-write' ? 'await h.close();' : ''}
        process.stdout.write('done');`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
      return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
    };
    const closed = newFile();
    // the print after close() happens (a worker held by nothing let the process end inside it)
    expect(run(closed, 'after-write')).toEqual({ status: 0, signal: null, stdout: 'done', stderr: '' });
    expect(fs.existsSync(`${closed}-wal`)).toBe(false);
    // closed before the worker said it was ready: its 'ready' must not let go of it while it stops
    // (the process ended inside close(), status 13: a server closed right after it started)
    expect(run(newFile(), 'early')).toEqual({ status: 0, signal: null, stdout: 'done', stderr: '' });
    // not closed: the process still ends by itself (a timeout would kill it: signal SIGTERM)
    expect(run(newFile(), 'never')).toEqual({ status: 0, signal: null, stdout: 'done', stderr: '' });
  });

  it('a worker that stops on its own hands the checkpoints back to the connection', async () => {
    const file = newFile();
    const handle = openSqlite(file, { backgroundCheckpoints: true });
    try {
      await handle.checkpointer!.ready;
      expect(await autocheckpoint(handle)).toBe(0);
      await handle.checkpointer!.worker.terminate();
      await expect.poll(() => autocheckpoint(handle)).toBe(1000);
      await writeMuch(handle);
      expect(size(file)).toBeGreaterThan(BLOB_ROWS * 32 * 1024);
    } finally {
      await handle.close();
    }
  });
});
