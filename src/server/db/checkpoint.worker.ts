// The SQLite checkpointer's thread (db/checkpointer.ts): its own connection to the database file,
// which copies committed WAL frames into the file (a PASSIVE checkpoint: it never waits for, nor
// blocks, the server's readers and writer) every `intervalMs`. A checkpoint with nothing to copy
// costs a look at the WAL index.
//
// Built on its own (the compiled server starts it as dist/server/db/checkpoint.worker.js).
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { CheckpointerInit, FromCheckpointer } from './checkpointer';

const port = parentPort;
if (!port) throw new Error('checkpoint.worker must run in a worker thread');
const init = workerData as CheckpointerInit;
const db = new BetterSqlite3(init.file, { fileMustExist: true });
// a checkpoint's syncs as the server's connection does them (WAL before, database file after)
db.pragma('synchronous = NORMAL');
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
const post = (m: FromCheckpointer) => port.postMessage(m);

function tick(): void {
  // [busy, frames in the WAL, frames copied into the file]; -1, -1 when the file is not in WAL mode
  const r = checkpoint.raw().get() as [number, number, number];
  if (r[2] > 0 && r[1] === r[2]) post({ type: 'checkpointed', frames: r[2] });
}
const timer = setInterval(tick, init.intervalMs);

port.on('message', (m: { type: 'stop' }) => {
  if (m.type !== 'stop') return;
  clearInterval(timer);
  db.close();
  port.close();
});
post({ type: 'ready' });
