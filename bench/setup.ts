// The benchmark database: 湖州市 (5 counties, 72 townships, 1,301 villages from the official list,
// 3 grids per village) with N generated recipients. Built once per size and reused.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { LogConfig } from 'kysely';
import { openPostgres, openSqlite, type DbHandle, type DialectName } from '../src/server/db/client';
import { withWriteCache } from '../src/server/db/write-cache';
import { migrateToLatest } from '../src/server/db/migrate';
import { refreshStatistics, registryTables } from '../src/server/db/statistics';
import { systemDb, type SystemDb } from '../src/server/db/system';
import { createFieldCrypto, type FieldCrypto } from '../src/server/platform/crypto';
import { importDivisions, readDivisions } from '../src/server/cli/divisions';
import { seedDemo } from '../src/server/cli/demo';
import type { DemoUnit } from '../src/server/cli/demo-recipients';
import { generateRecipientsInWorker } from '../src/server/cli/demo-recipients-threads';
import { insertGeneratedUnscoped } from '../src/server/modules/recipients';
import { insertUnitsUnscoped, listChildrenUnscoped } from '../src/server/modules/org-units';
import { insertUserUnscoped, countUsersUnscoped } from '../src/server/modules/staff';
import { hashPassword } from '../src/server/platform/passwords';
import { newId } from '../src/server/platform/ids';

export const BENCH_KEY = Buffer.alloc(32, 9);
export const BENCH_PASSWORD = 'Bench@Pass2026';
const here = path.dirname(new URL(import.meta.url).pathname);

export type BenchDb = { handle: DbHandle; crypto: FieldCrypto; count: number; dataDir: string; built: boolean; buildSeconds: number };

function log(msg: string) {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function recipientCount(db: SystemDb): Promise<number> {
  const r = await db.selectFrom('recipients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

async function build(db: SystemDb, dialect: DialectName, crypto: FieldCrypto, count: number) {
  const at = new Date('2026-11-01T00:00:00Z').toISOString();
  await importDivisions(db, await readDivisions(path.join(here, 'divisions'), '3305'), { at, datasetYear: 2023 });
  await seedDemo(db, { password: BENCH_PASSWORD, at }); // accounts and 安吉县's grids
  const city = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', '3305').executeTakeFirstOrThrow();
  const province = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', '33').executeTakeFirstOrThrow();
  const villages = await listChildrenUnscoped(db, city.path, 'village');
  const existingGrids = new Set((await listChildrenUnscoped(db, city.path, 'grid')).map((g) => g.parent_id));
  const grids = villages
    .filter((v) => !existingGrids.has(v.id))
    .flatMap((v) =>
      [1, 2, 3].map((i) => {
        const id = newId();
        return { id, parent_id: v.id, level: 'grid', code: `${v.code}00${i}`, name: `第${'一二三'[i - 1]}网格`, path: `${v.path}${id}/`, depth: v.depth + 1, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: at, updated_at: at };
      }),
    );
  await insertUnitsUnscoped(db, grids);
  await insertUserUnscoped(db, {
    id: newId(), username: 'bench-province', display_name: '省厅测试', org_unit_id: province.id, org_path: province.path, roles: JSON.stringify(['worker']),
    title: '', work_phone: '', show_in_directory: 0, password_hash: await hashPassword(BENCH_PASSWORD), password_changed_at: at, must_change_password: 0,
    failed_count: 0, locked_until: null, disabled: 0, totp_secret_enc: null, totp_enabled: 0, totp_last_step: null, is_demo: 1, last_login_at: null, created_at: at, updated_at: at,
  });
  const allGrids = await listChildrenUnscoped(db, city.path, 'grid');
  const vname = new Map(villages.map((v) => [v.id, v.name.replace(/(村民委员会|村委会)$/, '村').replace(/(居民委员会|居委会)$/, '')]));
  const units: DemoUnit[] = [
    ...villages.map((v) => ({ id: v.id, path: v.path, name: v.name, villageName: vname.get(v.id)! })),
    ...allGrids.map((g) => ({ id: g.id, path: g.path, name: g.name, villageName: vname.get(g.parent_id ?? '') ?? '' })),
  ];
  log(`units: ${villages.length} villages, ${allGrids.length} grids; generating ${count} recipients`);
  const started = Date.now();
  const cpu = process.cpuUsage();
  // generated, encrypted and tokenised in a worker thread (the same people for the same seed as
  // generateRecipients here), inserted here in transactions of TX_ROWS through the bulk statements,
  // with SQLite's page cache large enough for the indexes' hot pages (db/write-cache.ts)
  const batches = generateRecipientsInWorker(count, units, { seed: 7, today: '2026-11-29', crypto, at, createdBy: 'bench' }, BATCH);
  let done = 0;
  await withWriteCache(db, dialect, BUILD_CACHE_MB, async () => {
    let next = await batches.next();
    while (!next.done) {
      await db.transaction().execute(async (trx) => {
        for (let rows = 0; !next.done && rows < TX_ROWS; rows += BATCH) {
          await insertGeneratedUnscoped(trx, next.value);
          done += next.value.length;
          next = await batches.next();
        }
      });
      const used = process.cpuUsage(cpu);
      log(`${done}/${count} (${Math.round(done / ((Date.now() - started) / 1000))} rows/s, CPU of this thread ${((used.user + used.system) / 1e6).toFixed(1)} s)`);
    }
  });
}

/** Rows per insert batch, and per transaction. */
const BATCH = 5000;
const TX_ROWS = 50_000;
/** SQLite page cache of the build (MiB): the bench machine's memory, for a database of 1,000,000 records. */
const BUILD_CACHE_MB = 2048;

export async function benchDb(opts: { count: number; postgresUrl?: string; log?: LogConfig }): Promise<BenchDb> {
  const crypto = createFieldCrypto(BENCH_KEY, 'aes-256-gcm');
  const dataDir = path.join(here, '.data');
  fs.mkdirSync(dataDir, { recursive: true });
  let handle: DbHandle;
  if (opts.postgresUrl) {
    const name = `rj_bench_${opts.count}`;
    const admin = new pg.Client({ connectionString: opts.postgresUrl });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (!exists) await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(opts.postgresUrl);
    u.pathname = '/' + name;
    handle = openPostgres(u.toString(), 20, { log: opts.log });
  } else {
    handle = openSqlite(path.join(dataDir, `bench-${opts.count}.sqlite`), { log: opts.log });
  }
  await migrateToLatest(handle);
  const db = systemDb(handle.db);
  const have = await recipientCount(db);
  const started = Date.now();
  let built = false;
  if (have !== opts.count || (await countUsersUnscoped(db)).all === 0) {
    if (have !== 0) throw new Error(`the bench database holds ${have} recipients, not ${opts.count}: delete bench/.data or drop rj_bench_${opts.count}`);
    await build(db, handle.dialect, crypto, opts.count);
    built = true;
  }
  // as the import does after a bulk write: the planner's statistics before the first measurement
  await refreshStatistics(handle.db, handle.dialect, registryTables, opts.count);
  return { handle, crypto, count: opts.count, dataDir, built, buildSeconds: (Date.now() - started) / 1000 };
}
