// Applications 办件 at county scale (issue 13): 100,000 applications in 安吉县 (a database of its
// own in bench/.data, built once: 2,000 through the real write path — createApplication, runs, the
// kernel's actions — so the roll-ups are the ones production keeps, then copied in SQL with their
// roll-ups scaled), then the applications list
// and the figures (最多跑一次, by item and status, on-time rate per step) asked through the HTTP
// routes in-process (app.inject) as a province user and as the county.
//   npx tsx bench/applications-bench.ts [--json]   (BENCH_APPLICATIONS, default 100000; PostgreSQL
//   too at BENCH_DATABASE_URL or TEST_DATABASE_URL — without either its rows say "not measured")
// npm run bench runs it as one of its scenarios.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openPostgres, openSqlite, type DbHandle } from '../src/server/db/client';
import { migrateToLatest } from '../src/server/db/migrate';
import { systemDb, type SystemDb } from '../src/server/db/system';
import { refreshStatistics, registryTables } from '../src/server/db/statistics';
import { createFieldCrypto } from '../src/server/platform/crypto';
import { systemClock } from '../src/server/platform/clock';
import { newId } from '../src/server/platform/ids';
import { hashPassword } from '../src/server/platform/passwords';
import { importDivisions, readDivisions } from '../src/server/cli/divisions';
import { seedDemo, DEMO_COUNTY } from '../src/server/cli/demo';
import { generateRecipients, type DemoUnit, type GeneratedRecipient } from '../src/server/cli/demo-recipients';
import { insertGeneratedUnscoped } from '../src/server/modules/recipients';
import { listChildrenUnscoped } from '../src/server/modules/org-units';
import { insertUserUnscoped } from '../src/server/modules/staff';
import { APP_METRICS } from '../src/server/modules/applications';
import { BENCH_KEY, BENCH_PASSWORD } from './setup';

const here = path.dirname(new URL(import.meta.url).pathname);
const COUNT = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
/** how many of them are written through the API (the rest are copies of these: see ensureApplications) */
const BUILT = Math.min(COUNT, Number(process.env.BENCH_APPLICATIONS_BUILT ?? 2_000));
const RECIPIENTS = Math.max(2_000, Math.round(COUNT / 4));
const asJson = process.argv.includes('--json');
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
/** the month the bench's applications are closed in (the figures' period) */
const PERIOD = new Date().toISOString().slice(0, 7);

type Row = { scenario: string; rows: number; metric: string; ours: string; bare: string; ratio: string; target: string; met: string };

function log(msg: string) {
  process.stderr.write(`[applications-bench] ${msg}\n`);
}

async function open(dialect: 'sqlite' | 'postgres'): Promise<DbHandle> {
  if (dialect === 'sqlite') {
    fs.mkdirSync(path.join(here, '.data'), { recursive: true });
    return openSqlite(path.join(here, '.data', `applications-${COUNT}.sqlite`));
  }
  const name = `rj_applications_${COUNT}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  if (!(await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount) await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_URL!);
  u.pathname = '/' + name;
  return openPostgres(u.toString(), 10);
}

/** The county's recipients and a province user, written straight (the registry is not what is measured). */
async function ensureRegistry(db: SystemDb): Promise<void> {
  const have = Number((await db.selectFrom('recipients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (have) return;
  const at = '2026-07-01T00:00:00.000Z';
  await importDivisions(db, await readDivisions(path.join(here, 'divisions'), '3305'), { at, datasetYear: 2023 });
  await seedDemo(db, { password: BENCH_PASSWORD, at });
  const county = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', DEMO_COUNTY).executeTakeFirstOrThrow();
  const villages = await listChildrenUnscoped(db, county.path, 'village');
  const units: DemoUnit[] = villages.map((v) => ({ id: v.id, path: v.path, name: v.name, villageName: v.name }));
  const crypto = createFieldCrypto(BENCH_KEY, 'aes-256-gcm');
  const gen = generateRecipients(RECIPIENTS, units, { seed: 13, today: '2026-07-01', crypto, at, createdBy: 'bench' });
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
  const province = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', '33').executeTakeFirstOrThrow();
  await insertUserUnscoped(db, {
    id: newId(), username: 'bench-province', display_name: '省厅测试', org_unit_id: province.id, org_path: province.path, roles: JSON.stringify(['worker']),
    title: '', work_phone: '', show_in_directory: 0, password_hash: await hashPassword(BENCH_PASSWORD), password_changed_at: at, must_change_password: 0,
    failed_count: 0, locked_until: null, disabled: 0, totp_secret_enc: null, totp_enabled: 0, totp_last_step: null, is_demo: 1, last_login_at: null, created_at: at, updated_at: at,
  });
}

type Inject = (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<{ statusCode: number; json: () => unknown; body: string }>;

async function agentOf(app: Awaited<ReturnType<typeof buildApp>>, username: string): Promise<Inject> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.body}`);
  const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
  const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  return async (method, url, body) => {
    const res = await app.inject({ method, url, payload: body as never, headers: { cookie, ...(method !== 'GET' && { 'x-csrf-token': cookies.rj_csrf }) } });
    return { statusCode: res.statusCode, json: () => res.json() as unknown, body: res.body };
  };
}

async function must<T>(p: Promise<{ statusCode: number; json: () => unknown; body: string }>, what: string): Promise<T> {
  const r = await p;
  if (r.statusCode !== 200) throw new Error(`${what}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r.json() as T;
}

/**
 * Writes BUILT applications through the API as the county: nine in ten on the starter items, waiting
 * at the village's step; one in ten on a county item of one step, decided at once, with 0, 1 or 2
 * runs recorded first (so 最多跑一次 has something to count). Then copies them in SQL up to COUNT
 * (new ids, same units, people and states) and multiplies their roll-ups by the same factor: the
 * API writes about 20 applications a second on a busy 2-core machine, so 100,000 through it would
 * take over an hour, and what is measured (the list and the figures) reads rows and roll-ups only.
 */
async function ensureApplications(db: SystemDb, county: Inject): Promise<{ built: boolean; seconds: number; throughApi: number }> {
  const have = Number((await db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (have >= COUNT) return { built: false, seconds: 0, throughApi: 0 };
  if (have) throw new Error(`the applications bench database holds ${have} applications, not ${COUNT}: delete it and run again`);
  const started = Date.now();
  const countyUnit = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', DEMO_COUNTY).executeTakeFirstOrThrow();
  type Item = { id: string; materials: unknown[]; handoff: string | null };
  const starters = (await must<{ items: Item[] }>(county('GET', '/api/service-items?pageSize=50&kind=national'), 'catalog')).items.filter((i) => !i.handoff);
  const direct = await must<Item>(
    county('POST', '/api/service-items', {
      orgUnitId: countyUnit.id,
      name: '县级直办事项（压测）',
      kind: 'local',
      steps: [{ level: 'county', label: '县级服务中心审核', days: 5, dayKind: 'working' }],
      materials: [{ name: '本人身份证件', form: 'originalAndCopy', count: 1 }],
    }),
    'county item',
  );
  const people = (
    await db.selectFrom('recipients').select('id').where('org_path', '>=', countyUnit.path).where('org_path', '<', countyUnit.path + '~').where('status', '=', 'registered').where('deceased', '=', 0).orderBy('id').execute()
  ).map((r) => r.id);
  for (let i = 0; i < BUILT; i++) {
    const decided = i % 10 === 0;
    const item = decided ? direct : starters[i % starters.length];
    const d = await must<{ id: string; version: number }>(
      county('POST', '/api/applications', { recipientId: people[i % people.length], itemId: item.id, received: item.materials.map(() => true), channel: 'inPerson' }),
      'create',
    );
    if (decided) {
      let v = d.version;
      for (let r = 0; r < (i / 10) % 3; r++) v = (await must<{ version: number }>(county('POST', `/api/applications/${d.id}/runs`, { reason: r ? 'collectResult' : 'first', day: new Date().toISOString().slice(0, 10) }), 'run')).version;
      v = (await must<{ version: number }>(county('POST', `/api/applications/${d.id}/actions`, { action: 'opinionToDecision', comment: '审核通过', version: v, data: { agree: true } }), 'opinion')).version;
      await must(county('POST', `/api/applications/${d.id}/actions`, { action: 'approve', comment: '同意', version: v }), 'approve');
    }
    if ((i + 1) % 500 === 0) log(`${i + 1} applications through the API, ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const throughApi = (Date.now() - started) / 1000;
  await replicate(db, COUNT / BUILT);
  return { built: true, seconds: (Date.now() - started) / 1000, throughApi };
}

/** The columns of migration 0023's applications table (later columns keep their defaults in copies). */
const COPIED = ['org_unit_id', 'org_path', 'recipient_id', 'item_id', 'item_name', 'status', 'step_label', 'due_day', 'runs', 'home_services', 'opened_on', 'closed_on', 'version', 'created_by', 'created_at', 'updated_at'];

/** Copies the applications written through the API (factor − 1) times, and scales their roll-ups. */
async function replicate(db: SystemDb, factor: number): Promise<void> {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`BENCH_APPLICATIONS (${COUNT}) must be a multiple of BENCH_APPLICATIONS_BUILT (${BUILT})`);
  const cols = sql.raw(COPIED.join(', '));
  for (let k = 1; k < factor; k++) {
    await sql`insert into applications (id, ${cols}) select id || ${`-r${k}`}, ${cols} from applications where id not like ${'%-r%'}`.execute(db);
  }
  await db
    .updateTable('rollups')
    .set({ n: sql`n * ${factor}` })
    .where('metric', 'in', Object.values(APP_METRICS))
    .execute();
  log(`copied to ${COUNT} applications (×${factor}), roll-ups scaled`);
}

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function timed(ask: Inject, url: string, n: number): Promise<number[]> {
  for (let i = 0; i < 20; i++) await must(ask('GET', url), url);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await must(ask('GET', url), url);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

async function runOn(dialect: 'sqlite' | 'postgres'): Promise<Row[]> {
  const handle = await open(dialect);
  await migrateToLatest(handle);
  const db = systemDb(handle.db);
  await ensureRegistry(db);
  await refreshStatistics(handle.db, handle.dialect, registryTables, RECIPIENTS);
  // the bench signs in whenever it runs: passwords as changed today, so the policy's maximum age never asks for a change
  await db.updateTable('users').set({ password_changed_at: new Date().toISOString() }).execute();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-apps-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', LOGIN_RATE_LIMIT: '10000' });
  const app = await buildApp({ config, handle, clock: systemClock, crypto: createFieldCrypto(BENCH_KEY, 'aes-256-gcm'), logger: false });
  const county = await agentOf(app, 'county');
  const build = await ensureApplications(db, county);
  if (build.built) log(`${dialect}: built ${COUNT} applications in ${build.seconds.toFixed(0)} s (${BUILT} through the API in ${build.throughApi.toFixed(0)} s, ${Math.round(BUILT / build.throughApi)} /s)`);
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  const province = await agentOf(app, 'bench-province');
  const closed = Number((await db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('closed_on', 'is not', null).executeTakeFirstOrThrow()).n);
  const rows: Row[] = [];
  const load = () => os.loadavg()[0].toFixed(1);
  for (const [who, ask] of [
    ['省级', province],
    ['县级', county],
  ] as const) {
    for (const [what, url] of [
      ['办件列表（第 1 页，20 条）', '/api/applications?page=1&pageSize=20'],
      ['办件列表（第 50 页）', '/api/applications?page=50&pageSize=20'],
      ['“最多跑一次”与办件统计', `/api/applications/figures?period=${PERIOD}`],
      ['统计看板·政策服务（全年，按下级单位）', `/api/dashboards/services?period=${PERIOD.slice(0, 4)}`],
    ] as const) {
      const t = await timed(ask, url, 200);
      const p95 = pct(t, 95);
      rows.push({ scenario: `${what}，${who}（${COUNT.toLocaleString('en')} 件，已办结 ${closed.toLocaleString('en')}）`, rows: COUNT, metric: 'p50 / p95', ours: `${pct(t, 50).toFixed(2)} / ${p95.toFixed(2)} ms；负载 ${load()}`, bare: '—', ratio: '—', target: 'p95 ≤ 50 ms', met: p95 <= 50 ? 'yes' : 'no' });
      log(`${dialect} ${rows[rows.length - 1].scenario}: ${rows[rows.length - 1].ours}`);
    }
  }
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return rows;
}

async function main() {
  const rows: { dialect: string; rows: Row[] }[] = [];
  const only = process.env.BENCH_APPLICATIONS_ONLY;
  if (only !== 'postgres') rows.push({ dialect: 'sqlite', rows: await runOn('sqlite') });
  if (only === 'sqlite') {
    // the caller measures PostgreSQL on its own
  } else if (PG_URL) rows.push({ dialect: 'postgres', rows: await runOn('postgres') });
  else rows.push({ dialect: 'postgres', rows: [{ scenario: '办件（PostgreSQL 未测：未设 BENCH_DATABASE_URL）', rows: 0, metric: '—', ours: '—', bare: '—', ratio: '—', target: 'p95 ≤ 50 ms', met: 'not measured' }] });
  if (asJson) {
    console.log(JSON.stringify({ rows: rows.flatMap((r) => r.rows.map((x) => ({ ...x, scenario: `${x.scenario}（${r.dialect}）` }))) }));
    return;
  }
  const day = new Date().toISOString().slice(0, 10);
  let md = `# applications bench — ${day}\n\n${process.version}, ${os.cpus().length} cores.\n`;
  for (const r of rows) {
    md += `\n## ${r.dialect}\n\n| scenario | metric | result | target | met |\n|---|---|---|---|---|\n`;
    for (const x of r.rows) md += `| ${x.scenario} | ${x.metric} | ${x.ours} | ${x.target} | ${x.met} |\n`;
  }
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', `${day}-applications.md`), md);
  console.log(md);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
