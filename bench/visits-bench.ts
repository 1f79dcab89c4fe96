// The visits-owed generation at county scale: 安吉县 with 50,000 generated recipients (a database
// of its own, built once in bench/.data, about a minute), owed visits generated for the whole
// county — a first run into an empty table, then an idempotent second run that must add nothing —
// for the default 30-day horizon around Army Day and for a whole year ahead.
//   npx tsx bench/visits-bench.ts [--json]   (BENCH_VISIT_RECIPIENTS, default 50000; PostgreSQL too at
//   BENCH_DATABASE_URL or TEST_DATABASE_URL — without either its rows say "not measured")
// npm run bench runs it as one of its scenarios.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { pgServerSeconds, pgServerTicks } from './support';
import { openPostgres, openSqlite, type DbHandle } from '../src/server/db/client';
import { refreshStatistics, registryTables } from '../src/server/db/statistics';
import { migrateToLatest } from '../src/server/db/migrate';
import { systemDb, type SystemDb } from '../src/server/db/system';
import { createFieldCrypto } from '../src/server/platform/crypto';
import { importDivisions, readDivisions } from '../src/server/cli/divisions';
import { seedDemo, DEMO_COUNTY } from '../src/server/cli/demo';
import { generateRecipients, type DemoUnit, type GeneratedRecipient } from '../src/server/cli/demo-recipients';
import { insertGeneratedUnscoped } from '../src/server/modules/recipients';
import { listChildrenUnscoped } from '../src/server/modules/org-units';
import { generateForRange } from '../src/server/modules/visits';
import { countDueUnscoped } from '../src/server/modules/visits';
import { defaultVisitSettings } from '../src/shared/schemas/visits';
import { BENCH_KEY, BENCH_PASSWORD } from './setup';

const here = path.dirname(new URL(import.meta.url).pathname);
const COUNT = Number(process.env.BENCH_VISIT_RECIPIENTS ?? 50_000);
const asJson = process.argv.includes('--json');
/** PostgreSQL for the second half of the figures: BENCH_DATABASE_URL, else the tests' TEST_DATABASE_URL. */
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

type Row = { scenario: string; rows: number; metric: string; ours: string; bare: string; ratio: string; target: string; met: string };

function log(msg: string) {
  process.stderr.write(`[visits-bench] ${msg}\n`);
}

async function open(dialect: 'sqlite' | 'postgres'): Promise<DbHandle> {
  if (dialect === 'sqlite') {
    fs.mkdirSync(path.join(here, '.data'), { recursive: true });
    return openSqlite(path.join(here, '.data', `visits-${COUNT}.sqlite`));
  }
  const url = PG_URL!;
  const name = `rj_visits_${COUNT}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  if (!(await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount) await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = '/' + name;
  return openPostgres(u.toString(), 10);
}

async function ensureData(db: SystemDb): Promise<{ path: string; built: boolean; seconds: number }> {
  const started = Date.now();
  const have = Number((await db.selectFrom('recipients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let built = false;
  if (have !== COUNT) {
    if (have !== 0) throw new Error(`the visits bench database holds ${have} recipients, not ${COUNT}: delete bench/.data/visits-${COUNT}.sqlite`);
    const at = '2026-07-01T00:00:00.000Z';
    await importDivisions(db, await readDivisions(path.join(here, 'divisions'), '3305'), { at, datasetYear: 2023 });
    await seedDemo(db, { password: BENCH_PASSWORD, at }); // accounts and 安吉县's grids
    const county = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', DEMO_COUNTY).executeTakeFirstOrThrow();
    const villages = await listChildrenUnscoped(db, county.path, 'village');
    const grids = await listChildrenUnscoped(db, county.path, 'grid');
    const vname = new Map(villages.map((v) => [v.id, v.name]));
    const units: DemoUnit[] = [
      ...villages.map((v) => ({ id: v.id, path: v.path, name: v.name, villageName: v.name })),
      ...grids.map((g) => ({ id: g.id, path: g.path, name: g.name, villageName: vname.get(g.parent_id ?? '') ?? '' })),
    ];
    const crypto = createFieldCrypto(BENCH_KEY, 'aes-256-gcm');
    const gen = generateRecipients(COUNT, units, { seed: 11, today: '2026-07-01', crypto, at, createdBy: 'bench' });
    for (;;) {
      const batch: GeneratedRecipient[] = [];
      for (let i = 0; i < 5000; i++) {
        const n = gen.next();
        if (n.done) break;
        batch.push(n.value);
      }
      if (!batch.length) break;
      await db.transaction().execute((trx) => insertGeneratedUnscoped(trx, batch));
    }
    built = true;
    log(`built ${COUNT} recipients in 安吉县 in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const county = await db.selectFrom('org_units').select('path').where('code', '=', DEMO_COUNTY).executeTakeFirstOrThrow();
  return { path: county.path, built, seconds: (Date.now() - started) / 1000 };
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

async function runOn(dialect: 'sqlite' | 'postgres'): Promise<Row[]> {
  const handle = await open(dialect);
  await migrateToLatest(handle);
  const db = systemDb(handle.db);
  const { path: countyPath } = await ensureData(db);
  // as the import does after a bulk write (db/statistics.ts)
  await refreshStatistics(handle.db, handle.dialect, registryTables, COUNT);
  const live = Number(
    (await db.selectFrom('recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).executeTakeFirstOrThrow()).n,
  );
  const rows: Row[] = [];
  const at = '2026-07-20T02:00:00.000Z';
  for (const [label, horizonDays] of [
    ['30 天（八一前后）', 30],
    ['366 天（全年）', 366],
  ] as const) {
    // an empty table, as a first run meets it: on PostgreSQL a DELETE leaves every row dead until a
    // vacuum (the server may run without autovacuum), and the next run's unique checks on the same
    // dedupe keys would visit them all
    if (dialect === 'postgres') await sql`truncate table due_visits`.execute(db);
    else await db.deleteFrom('due_visits').execute();
    const settings = { ...defaultVisitSettings, horizonDays };
    const server = dialect === 'postgres';
    let ticks = server ? await pgServerTicks(db) : null;
    let cpu = process.cpuUsage();
    const first = await generateForRange(handle.db, countyPath, '2026-07-20', at, { settings });
    const cpu1 = cpuSeconds(process.cpuUsage(cpu));
    const srv1 = server ? pgServerSeconds(ticks, await pgServerTicks(db)) : null;
    const stored = await countDueUnscoped(db, countyPath);
    if (stored !== first.created) throw new Error(`first run reported ${first.created}, stored ${stored}`);
    ticks = server ? await pgServerTicks(db) : null;
    cpu = process.cpuUsage();
    const second = await generateForRange(handle.db, countyPath, '2026-07-20', at, { settings });
    const cpu2 = cpuSeconds(process.cpuUsage(cpu));
    const srv2 = server ? pgServerSeconds(ticks, await pgServerTicks(db)) : null;
    const srv = (x: number | null) => (x === null ? '' : ` + 服务器 ${x.toFixed(2)}`);
    const load = os.loadavg()[0].toFixed(1);
    if (second.created !== 0 || (await countDueUnscoped(db, countyPath)) !== stored) throw new Error('the second run owed something twice');
    const s1 = first.ms / 1000;
    const s2 = second.ms / 1000;
    const srvLog = (x: number | null) => (x === null ? '' : ` + server ${x.toFixed(2)} s`);
    log(`${dialect} ${label}: first ${s1.toFixed(2)} s (cpu ${cpu1.toFixed(2)} s${srvLog(srv1)}, ${stored} rows), second ${s2.toFixed(2)} s (cpu ${cpu2.toFixed(2)} s${srvLog(srv2)}), load ${load}`);
    rows.push({
      scenario: `应访名单生成（一个县 ${COUNT.toLocaleString('en')} 人，${live.toLocaleString('en')} 人在册在世，提前 ${label}）`,
      rows: stored,
      metric: server ? '首次 s（本进程 CPU s + 数据库服务器 CPU s）· 行/s｜再次（幂等）s（CPU s）' : '首次 s（本进程 CPU s）· 行/s｜再次（幂等）s（CPU s）',
      ours: `${s1.toFixed(2)} s（${cpu1.toFixed(2)}${srv(srv1)}）· ${Math.round(stored / s1).toLocaleString('en')} 行/s｜${s2.toFixed(2)} s（${cpu2.toFixed(2)}${srv(srv2)}，新增 0）；负载 ${load}`,
      bare: '—',
      ratio: '—',
      target: '数秒内（≤ 10 s）',
      met: s1 <= 10 && s2 <= 10 ? 'yes' : 'no',
    });
  }
  await handle.close();
  return rows;
}

async function main() {
  const rows: { dialect: string; rows: Row[] }[] = [];
  // BENCH_VISITS_ONLY=sqlite|postgres: one of them (bench/run.ts runs each beside its own dialect)
  const only = process.env.BENCH_VISITS_ONLY;
  if (only !== 'postgres' && process.env.BENCH_VISITS_SKIP_SQLITE !== '1') rows.push({ dialect: 'sqlite', rows: await runOn('sqlite') });
  // both dialects: the target holds on each; without a PostgreSQL URL the results say so
  if (only === 'sqlite') {
    // the caller measures PostgreSQL on its own
  } else if (PG_URL) rows.push({ dialect: 'postgres', rows: await runOn('postgres') });
  else {
    log('postgres: not measured (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    rows.push({ dialect: 'postgres', rows: [{ scenario: '应访名单生成（PostgreSQL 未测：未设 BENCH_DATABASE_URL）', rows: 0, metric: '—', ours: '—', bare: '—', ratio: '—', target: '数秒内（≤ 10 s）', met: 'not measured' }] });
  }
  if (asJson) {
    console.log(JSON.stringify({ rows: rows.flatMap((r) => r.rows.map((x) => ({ ...x, scenario: `${x.scenario}（${r.dialect}）` }))) }));
    return;
  }
  const day = new Date().toISOString().slice(0, 10);
  let md = `# visits bench — ${day}\n\n${process.version}, ${os.cpus().length} cores.\n`;
  for (const r of rows) {
    md += `\n## ${r.dialect}\n\n| scenario | owed rows | metric | result | target | met |\n|---|---|---|---|---|---|\n`;
    for (const x of r.rows) md += `| ${x.scenario} | ${x.rows.toLocaleString('en')} | ${x.metric} | ${x.ours} | ${x.target} | ${x.met} |\n`;
  }
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', `${day}-visits.md`), md);
  console.log(md);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
