// Where an import's time goes: imports a ledger (bench/.data/import-N.xlsx, made by
// import-bench.ts) into a fresh SQLite (or PostgreSQL: PHASES_PG=url) database as the demo
// county's reviewer and prints the statements' time by kind (Kysely's log), the main thread's
// CPU time and the wall time. With PHASES_VISITS=1 the visits module is subscribed, as in the
// server (the import's recipientsRegistered event then owes visits). SQLite's checkpoints run in a
// worker thread as in the server (db/checkpointer.ts); PHASES_CHECKPOINTS=commit takes them on commit.
//
//   npx tsx bench/import-phases.ts [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql, type LogEvent } from 'kysely';
import { loadConfig } from '../src/server/config';
import { openPostgres, openSqlite, type DbHandle } from '../src/server/db/client';
import { migrateToLatest } from '../src/server/db/migrate';
import { systemDb } from '../src/server/db/system';
import { seedDemo } from '../src/server/cli/demo';
import { importWorkbook } from '../src/server/modules/imports';
import { registerAuditKey } from '../src/server/platform/audit.repo';
import { createFieldCrypto } from '../src/server/platform/crypto';
import { systemClock } from '../src/server/platform/clock';
import { countyAuth } from './support';

const here = path.dirname(fileURLToPath(import.meta.url));
const rows = Number(process.argv[2] ?? 100_000);
const file = path.join(here, '.data', `import-${rows}.xlsx`);
const KEY = Buffer.alloc(32, 9);

/** CPU seconds of this process's main thread (Linux: its task's utime + stime), beside the whole process's: the import's writer is this thread. */
function mainThreadCpu(): number {
  try {
    const f = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const v = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(v[11]) + Number(v[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds of every thread of this process (Linux /proc/self/task), sampled every 50 ms so
 * that threads that end (the import's worker) are counted too: tid → [name, seconds].
 */
function threadCpu(): Map<string, [string, number]> {
  const out = new Map<string, [string, number]>();
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      try {
        const f = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const v = f.slice(f.lastIndexOf(')') + 2).split(' ');
        out.set(tid, [f.slice(f.indexOf('(') + 1, f.lastIndexOf(')')), (Number(v[11]) + Number(v[12])) / 100]);
      } catch {
        // ended meanwhile
      }
    }
  } catch {
    // not Linux
  }
  return out;
}

const byKind = new Map<string, { n: number; ms: number }>();
let logging = false;
/** When (s from the import's start) each of the import's last steps began and ended: the batches end where the token flush begins. */
const timeline: { k: string; from: number; to: number }[] = [];
let started = 0n;
function log(e: LogEvent) {
  if (!logging) return;
  if (/^(insert into recipient_name_tokens|commit)/.test(e.query.sql) || (process.env.PHASES_ALL && timeline.length)) {
    const to = Number(process.hrtime.bigint() - started) / 1e9;
    timeline.push({ k: e.query.sql.slice(0, 30), from: to - e.queryDurationMillis / 1000, to });
  }
  const s = e.query.sql.replace(/\s+/g, ' ');
  const m = /^(insert into|select .*? from|update|delete from|with|analyze|pragma|begin|commit|savepoint|release)\s*"?([a-z_]*)"?/i.exec(s);
  const k = m ? `${m[1].startsWith('select') ? 'select' : m[1].toLowerCase()} ${m[2]}` : s.slice(0, 40);
  const x = byKind.get(k) ?? { n: 0, ms: 0 };
  x.n += 1;
  x.ms += e.queryDurationMillis;
  byKind.set(k, x);
}

async function main() {
  if (process.env.PHASES_VISITS === '1') await import('../src/server/modules/visits');
  let handle: DbHandle;
  let drop = async () => {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-phases-'));
  if (process.env.PHASES_PG) {
    const name = `rj_import_phases_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.PHASES_PG });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(process.env.PHASES_PG);
    u.pathname = '/' + name;
    handle = openPostgres(u.toString(), 5, { log });
    drop = async () => {
      const c = new pg.Client({ connectionString: process.env.PHASES_PG });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else handle = openSqlite(path.join(dataDir, 'rongjia.sqlite'), { log, backgroundCheckpoints: process.env.PHASES_CHECKPOINTS !== 'commit' });
  await migrateToLatest(handle);
  if (process.env.PHASES_CACHE_MB && handle.dialect === 'sqlite') await sql.raw(`pragma cache_size = -${Number(process.env.PHASES_CACHE_MB) * 1024}`).execute(handle.db);
  registerAuditKey(handle.db, createFieldCrypto(Buffer.alloc(32, 7), 'aes-256-gcm').auditMac);
  const sys = systemDb(handle.db);
  await seedDemo(sys, { password: 'Bench@Pass2026', at: new Date().toISOString() });
  const auth = await countyAuth(sys);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const ctx = { db: handle.db, dialect: handle.dialect, config, clock: systemClock, crypto: createFieldCrypto(KEY, 'aes-256-gcm') };
  logging = true;
  const t = process.hrtime.bigint();
  started = t;
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpu();
  const threadsBefore = threadCpu();
  const threadsSeen = new Map(threadsBefore);
  const sampler = setInterval(() => {
    for (const [tid, x] of threadCpu()) threadsSeen.set(tid, x);
  }, 50);
  const result = await importWorkbook(ctx, auth, fs.createReadStream(file, { highWaterMark: 256 * 1024 }), () => {});
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  const used = process.cpuUsage(cpu);
  const mainUsed = mainThreadCpu() - mainCpu;
  clearInterval(sampler);
  for (const [tid, x] of threadCpu()) threadsSeen.set(tid, x);
  logging = false;
  if (result.type !== 'done') throw new Error(JSON.stringify(result).slice(0, 1000));
  // CPU by thread: the main thread, the threads started during the import (the worker, tsx's
  // loader beside it when run from source), and the rest (V8's and libuv's helpers)
  const byThread = new Map<string, number>();
  for (const [tid, [name, s]] of threadsSeen) {
    const before = threadsBefore.get(tid)?.[1] ?? 0;
    const k = tid === String(process.pid) ? "main" : `${threadsBefore.has(tid) ? "other" : "new"} ${name}${process.env.PHASES_TIDS ? ` ${tid}` : ""}`;
    byThread.set(k, (byThread.get(k) ?? 0) + s - before);
  }
  let sqlMs = 0;
  for (const x of byKind.values()) sqlMs += x.ms;
  console.log(`${rows} rows (${handle.dialect}${process.env.PHASES_VISITS === '1' ? ', visits subscribed' : ''}): wall ${wall.toFixed(1)} s = ${Math.round(rows / wall)} rows/s; process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s (main thread ${mainUsed.toFixed(1)} s); statements ${(sqlMs / 1000).toFixed(1)} s; load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`  CPU by thread: ${[...byThread].filter(([, s]) => s >= 0.05).sort((a, b) => b[1] - a[1]).map(([k, s]) => `${k} ${s.toFixed(2)} s`).join(', ')}`);
  console.log(`  timeline: ${timeline.map((x) => `${x.k.split(' (')[0].trim()} ${x.from.toFixed(1)}–${x.to.toFixed(1)} s`).join(', ')}`);
  for (const [k, x] of [...byKind].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(`  ${(x.ms / 1000).toFixed(2).padStart(7)} s ${String(x.n).padStart(6)}×  ${k}`);
  if (handle.dialect === 'sqlite') {
    // the B-trees the import wrote, by size (dbstat): what the page cache has to hold
    const trees = await sql<{ name: string; mb: number; rows: number }>`select name, sum(pgsize) / 1048576.0 as mb, sum(ncell) as rows from dbstat where name like 'recipient%' or name like 'sqlite_autoindex_recipient%' group by name order by 2 desc`.execute(handle.db);
    for (const t of trees.rows) console.log(`  ${t.mb.toFixed(1).padStart(7)} MB  ${t.name}`);
  }
  await handle.close();
  await drop();
  console.log("KEPT", dataDir);
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
