// The dashboards of every level at scale (issue 16): a province whose counties each hold
// BENCH_DASH_PER_COUNTY recipients (default 50,000) and a year of activity in the same proportion as
// the issue's "per county of 50,000: 200,000 owed visits, 100,000 visits, 2,000 petitions, 5,000
// applications". The demo divisions hold one city (3305, its counties and districts); at 50,000 each
// the province holds counties × 50,000 — set BENCH_DASH_PER_COUNTY=200000 for 1,000,000 over them.
// Recipients (counties × BENCH_DASH_PER_COUNTY, spread over the villages) are generated through the
// registry's own bulk writer (roll-ups included); the activity
// rows are written straight in SQL. The monthly figure rows are written by the dashboards' job
// (`writeFigureMonths`, timed), then `/api/dashboards/overview` is asked through the HTTP routes
// in-process (app.inject) as a province user (the year and a month) and as a county director.
//   npx tsx bench/dashboards-bench.ts [--json]   (PostgreSQL too at BENCH_DATABASE_URL or TEST_DATABASE_URL;
//   BENCH_DASH_ONLY=sqlite|postgres) — npm run bench runs it as one of its scenarios.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openPostgres, openSqlite, type DbHandle } from '../src/server/db/client';
import { migrateToLatest } from '../src/server/db/migrate';
import { refreshStatistics, registryTables } from '../src/server/db/statistics';
import { systemDb, type SystemDb } from '../src/server/db/system';
import { createFieldCrypto } from '../src/server/platform/crypto';
import { systemClock } from '../src/server/platform/clock';
import { newId } from '../src/server/platform/ids';
import { importDivisions, readDivisions } from '../src/server/cli/divisions';
import { seedDemo, DEMO_TOP } from '../src/server/cli/demo';
import { generateRecipients, type DemoUnit, type GeneratedRecipient } from '../src/server/cli/demo-recipients';
import { insertGeneratedUnscoped } from '../src/server/modules/recipients';
import { listChildrenUnscoped } from '../src/server/modules/org-units';
import { writeFigureMonths } from '../src/server/modules/dashboards';
import { periodMonths } from '../src/shared/rules/periods';
import { BENCH_KEY, BENCH_PASSWORD } from './setup';

const here = path.dirname(new URL(import.meta.url).pathname);
const PER_COUNTY = Number(process.env.BENCH_DASH_PER_COUNTY ?? 50_000);
const YEAR = '2026';
const TARGET_MS = 100;
const asJson = process.argv.includes('--json');
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
/** the proportions per recipient: owed visits, visits, petitions, applications */
const PER = { owed: 4, visits: 2, petitions: 0.04, applications: 0.1 };

type Row = { scenario: string; rows: number; metric: string; ours: string; bare: string; ratio: string; target: string; met: string };

function log(msg: string) {
  process.stderr.write(`[dashboards-bench] ${msg}\n`);
}

async function open(dialect: 'sqlite' | 'postgres'): Promise<DbHandle> {
  const name = `dash_${PER_COUNTY}`;
  if (dialect === 'sqlite') {
    fs.mkdirSync(path.join(here, '.data'), { recursive: true });
    return openSqlite(path.join(here, '.data', `${name}.sqlite`));
  }
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  if (!(await admin.query('select 1 from pg_database where datname = $1', [`rj_${name}`])).rowCount) await admin.query(`create database rj_${name}`);
  await admin.end();
  const u = new URL(PG_URL!);
  u.pathname = `/rj_${name}`;
  return openPostgres(u.toString(), 10);
}

const day = (i: number) => new Date(Date.UTC(Number(YEAR), 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function insertChunks<T>(db: SystemDb, table: 'due_visits' | 'visits' | 'cases' | 'petitions' | 'applications', rows: T[]) {
  for (let i = 0; i < rows.length; i += 10_000) {
    await db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(rows.length, i + 10_000); j += 500) await trx.insertInto(table).values(rows.slice(j, j + 500) as never).execute();
    });
  }
}

/** The province's counties, each with PER_COUNTY recipients and a year of activity. Built once per database. */
async function ensureData(db: SystemDb): Promise<number> {
  const have = Number((await db.selectFrom('recipients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (have > 0) return have;
  const at = `${YEAR}-01-01T00:00:00.000Z`;
  await importDivisions(db, await readDivisions(path.join(here, 'divisions'), '3305'), { at, datasetYear: 2023 });
  await seedDemo(db, { password: BENCH_PASSWORD, at });
  const counties = await db.selectFrom('org_units').select(['id', 'path', 'name']).where('level', '=', 'county').orderBy('code').execute();
  const crypto = createFieldCrypto(BENCH_KEY, 'aes-256-gcm');
  let total = 0;
  // one generator over every county's villages (ID numbers unique within a run): counties × PER_COUNTY people, spread by village
  const units: DemoUnit[] = [];
  for (const county of counties) {
    const villages = await listChildrenUnscoped(db, county.path, 'village');
    units.push(...villages.map((v) => ({ id: v.id, path: v.path, name: v.name, villageName: v.name })));
  }
  const gen = generateRecipients(PER_COUNTY * counties.length, units, { seed: 16, today: `${YEAR}-01-01`, crypto, at, createdBy: 'bench' });
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
  for (const [ci, county] of counties.entries()) {
    const people = await db.selectFrom('recipients').select(['id', 'org_unit_id', 'org_path']).where('org_path', '>=', county.path).where('org_path', '<', `${county.path}~`).orderBy('id').execute();
    const n = people.length;
    if (!n) continue;
    total += n;
    const who = (i: number) => people[i % n];
    const owed = Array.from({ length: n * PER.owed }, (_, i) => {
      const p = who(i);
      const occasion = day(i * 7);
      const done = i % 3 !== 2;
      return { id: newId(), recipient_id: p.id, org_unit_id: p.org_unit_id, org_path: p.org_path, owner_unit_id: p.org_unit_id, owner_path: p.org_path, reason: 'festival', occasion_day: occasion, window_start: plus(occasion, -7), window_end: plus(occasion, 7), dedupe_key: `bench-${county.id}-${i}`, status: done ? 'done' : 'owed', done_on: done ? plus(occasion, i % 11) : null, created_at: at, updated_at: at };
    });
    await insertChunks(db, 'due_visits', owed);
    const visits = Array.from({ length: n * PER.visits }, (_, i) => {
      const p = who(i * 13);
      return { id: newId(), recipient_id: p.id, org_unit_id: p.org_unit_id, org_path: p.org_path, visited_on: day(i * 5), visit_type: 'home', visitors: '压测', client_key: `bench-${county.id}-${i}`, created_by: 'bench', created_at: at, updated_at: at };
    });
    await insertChunks(db, 'visits', visits);
    const petitions = Array.from({ length: Math.round(n * PER.petitions) }, (_, i) => {
      const p = who(i * 31);
      const received = day(i * 3);
      return { id: newId(), p, received };
    });
    await insertChunks(db, 'cases', petitions.map(({ id, p }) => ({ id, case_type: 'petition', status: 'closed', open: 0, org_unit_id: p.org_unit_id, org_path: p.org_path, title: '压测信访', payload: '{}', waiting_since: at, opened_at: at, updated_at: at, created_by: 'bench' })));
    await insertChunks(
      db,
      'petitions',
      petitions.map(({ id, p, received }, i) => ({ id, org_unit_id: p.org_unit_id, org_path: p.org_path, registration_no: `B${ci}-${i}`, channel: 'letter', petition_type: 'claim', category: 'pension', received_on: received, petitioner_name: '压测', request: '压测', handle_due: plus(received, 60), replied_on: i % 4 ? plus(received, 30 + (i % 45)) : null, created_by: 'bench', created_at: at, updated_at: at })),
    );
    const apps = Array.from({ length: Math.round(n * PER.applications) }, (_, i) => {
      const p = who(i * 17);
      return { id: newId(), org_unit_id: p.org_unit_id, org_path: p.org_path, recipient_id: p.id, item_id: 'bench-item', item_name: '压测事项', opened_on: day(i * 2), status: 'approved', created_by: 'bench', created_at: at, updated_at: at };
    });
    await insertChunks(db, 'applications', apps);
    log(`${county.name}: ${n} recipients, ${owed.length} owed visits, ${visits.length} visits, ${petitions.length} petitions, ${apps.length} applications`);
  }
  return total;
}

type Inject = (url: string) => Promise<{ statusCode: number; body: string }>;

async function agentOf(app: Awaited<ReturnType<typeof buildApp>>, username: string): Promise<Inject> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.body}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return async (url) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    return { statusCode: res.statusCode, body: res.body };
  };
}

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function timed(ask: Inject, url: string, n: number): Promise<number[]> {
  const once = async () => {
    const r = await ask(url);
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return r.body;
  };
  for (let i = 0; i < 5; i++) await once();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await once();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

async function runOn(dialect: 'sqlite' | 'postgres'): Promise<Row[]> {
  const handle = await open(dialect);
  await migrateToLatest(handle);
  const db = systemDb(handle.db);
  const started = Date.now();
  const people = await ensureData(db);
  log(`${dialect}: ${people} recipients ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await refreshStatistics(handle.db, handle.dialect, registryTables, people);
  await sql`analyze`.execute(db);
  // the province user: the demo's city viewer placed at the top unit (上级查看人员 of the province)
  const top = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', DEMO_TOP).executeTakeFirstOrThrow();
  await db.updateTable('users').set({ org_unit_id: top.id, org_path: top.path }).where('username', '=', 'city').execute();
  await db.updateTable('users').set({ password_changed_at: new Date().toISOString() }).execute();
  const rows: Row[] = [];
  const load = () => os.loadavg()[0].toFixed(1);
  const job = await writeFigureMonths(handle.db, { now: new Date(`${YEAR}-12-15T04:00:00.000Z`), months: periodMonths(YEAR) });
  rows.push({ scenario: `月度指标汇总作业（省、市、县、乡镇 ${job.units} 个单位 × 12 个月）`, rows: job.rows, metric: 'wall', ours: `${(job.ms / 1000).toFixed(1)} s；负载 ${load()}`, bare: '—', ratio: '—', target: '后台作业', met: '—' });
  log(`${dialect} ${rows[0].scenario}: ${rows[0].ours}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-dash-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', LOGIN_RATE_LIMIT: '10000' });
  const app = await buildApp({ config, handle, clock: systemClock, crypto: createFieldCrypto(BENCH_KEY, 'aes-256-gcm'), logger: false });
  const province = await agentOf(app, 'city');
  const county = await agentOf(app, 'countyhead');
  for (const [what, ask, url] of [
    ['省级总览看板（全年，各市一行）', province, `/api/dashboards/overview?period=${YEAR}`],
    ['省级总览看板（一个月）', province, `/api/dashboards/overview?period=${YEAR}-06`],
    ['县级总览看板（全年，各乡镇一行）', county, `/api/dashboards/overview?period=${YEAR}`],
  ] as const) {
    const cpu0 = process.cpuUsage();
    const t = await timed(ask, url, 60);
    // CPU of this process per request (SQLite: all the work; PostgreSQL: without the server's side)
    const cpu = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000 / 65;
    const p95 = pct(t, 95);
    rows.push({ scenario: `${what}（${people.toLocaleString('en')} 名服务对象）`, rows: people, metric: 'p50 / p95 (CPU)', ours: `${pct(t, 50).toFixed(2)} / ${p95.toFixed(2)} ms（CPU ${cpu.toFixed(1)} ms）；负载 ${load()}`, bare: '—', ratio: '—', target: `p95 ≤ ${TARGET_MS} ms`, met: p95 <= TARGET_MS ? 'yes' : 'no' });
    log(`${dialect} ${rows[rows.length - 1].scenario}: ${rows[rows.length - 1].ours}`);
  }
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return rows;
}

async function main() {
  const rows: { dialect: string; rows: Row[] }[] = [];
  const only = process.env.BENCH_DASH_ONLY;
  if (only !== 'postgres') rows.push({ dialect: 'sqlite', rows: await runOn('sqlite') });
  if (only === 'sqlite') {
    // the caller measures PostgreSQL on its own
  } else if (PG_URL) rows.push({ dialect: 'postgres', rows: await runOn('postgres') });
  else rows.push({ dialect: 'postgres', rows: [{ scenario: '总览看板（PostgreSQL 未测：未设 BENCH_DATABASE_URL）', rows: 0, metric: '—', ours: '—', bare: '—', ratio: '—', target: `p95 ≤ ${TARGET_MS} ms`, met: 'not measured' }] });
  if (asJson) {
    console.log(JSON.stringify({ rows: rows.flatMap((r) => r.rows.map((x) => ({ ...x, scenario: `${x.scenario}（${r.dialect}）` }))) }));
    return;
  }
  const today = new Date().toISOString().slice(0, 10);
  let md = `# dashboards bench — ${today}\n\n${process.version}, ${os.cpus().length} cores, ${PER_COUNTY.toLocaleString('en')} recipients per county.\n`;
  for (const r of rows) {
    md += `\n## ${r.dialect}\n\n| scenario | metric | result | target | met |\n|---|---|---|---|---|\n`;
    for (const x of r.rows) md += `| ${x.scenario} | ${x.metric} | ${x.ours} | ${x.target} | ${x.met} |\n`;
  }
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', `${today}-dashboards.md`), md);
  console.log(md);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
