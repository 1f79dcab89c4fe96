// SQLite checkpoints off the server's thread. A WAL database copies committed pages from the WAL
// into the database file in checkpoints; by default the connection that commits runs one whenever
// the WAL passes 1,000 pages, inside that commit, on the one thread that serves every request: a
// commit after a large write (an import of 100,000 records writes ~230 MB) stalled the server
// ~0.5 s more for the copy. The server's connection instead never checkpoints by itself
// (`wal_autocheckpoint = 0`) and a worker thread with its own connection (checkpoint.worker.ts)
// runs a PASSIVE checkpoint every CHECKPOINT_INTERVAL_MS. Should the worker stop on its own (a
// failure), the connection checkpoints by itself again, as before, and the failure is logged.
// Short-lived processes (the CLI, tests) keep SQLite's own checkpoints.
import type BetterSqlite3 from 'better-sqlite3';
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { startWorker, workerUrl } from '../platform/workers';

export const CHECKPOINT_INTERVAL_MS = 500;
/** SQLite's default for a connection's own checkpoints, restored when the worker is gone. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export type CheckpointerInit = { file: string; intervalMs: number };
export type FromCheckpointer = { type: 'ready' } | { type: 'checkpointed'; frames: number };

export type Checkpointer = {
  /** the worker thread (a test ends it to see the connection take its checkpoints back) */
  worker: Worker;
  /** resolves once the worker's connection is open */
  ready: Promise<void>;
  /** called after each checkpoint that left the WAL wholly copied (tests wait on it) */
  onCheckpointed: (listener: (frames: number) => void) => () => void;
  /** ends the worker and closes its connection (before the server's connection closes) */
  stop: () => Promise<void>;
};

const WORKER = workerUrl(import.meta.url, './checkpoint.worker');

/** Starts checkpointing `file` in a worker thread, with `sqlite` (the server's connection to it) no longer checkpointing by itself. */
export function startCheckpointer(sqlite: BetterSqlite3.Database, file: string, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const worker = startWorker(WORKER, { workerData: { file, intervalMs } satisfies CheckpointerInit });
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  let gone = false;
  const listeners = new Set<(frames: number) => void>();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  worker.on('message', (m: FromCheckpointer) => {
    if (m.type === 'ready') {
      // from now on it does not keep a process alive by itself (a process that ends without
      // close() still ends; SQLite recovers an interrupted checkpoint from the WAL). Until now it
      // did: a process awaiting `ready` with nothing else to do would otherwise end there. Not once
      // stop() has begun: it holds the worker until its exit (a server closed before its
      // checkpointer was ready ended its process inside close(), seen in the browser tests' servers)
      if (!stopping) worker.unref();
      markReady();
    }
    else for (const l of listeners) l(m.frames);
  });
  worker.on('error', (e) => process.stderr.write(`sqlite checkpointer: ${e.message}\n`));
  worker.on('exit', () => {
    gone = true;
    markReady();
    if (stopping || !sqlite.open) return;
    // the worker is gone: the connection checkpoints by itself again
    sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    process.stderr.write('sqlite checkpointer: the worker stopped; checkpoints are taken on commit again\n');
  });
  return {
    worker,
    ready,
    onCheckpointed: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: async () => {
      if (stopping || gone) return;
      stopping = true;
      // held again while it stops: a process with nothing else to do would otherwise end inside
      // close(), before the worker's exit and everything after it (seen in the import bench's child)
      worker.ref();
      const exited = once(worker, 'exit');
      worker.postMessage({ type: 'stop' });
      await exited;
    },
  };
}
