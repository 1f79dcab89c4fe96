// Assistance and funds figures at county scale (issue 14): a county with a year of aid — 5,000
// assistance applications decided across the year (four in five approved) and 3,000 payments from
// one fund (payables paid, each with its disbursement movement) — in a database of its own in
// bench/.data, written in SQL once (the figures read those rows only: no roll-up is involved), then
// `/api/assistance/figures` (the year and one month) and `/api/funds/figures` (the year) asked
// through the HTTP routes in-process (app.inject) as the county.
//   npx tsx bench/aid-funds-bench.ts [--json]   (BENCH_AID, default 5000; BENCH_PAYMENTS, default
//   3000; PostgreSQL too at BENCH_DATABASE_URL or TEST_DATABASE_URL)
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
import { createFieldCrypto } from '../src/server/platform/crypto';
import { systemClock } from '../src/server/platform/clock';
import { newId } from '../src/server/platform/ids';
import { importDivisions, readDivisions } from '../src/server/cli/divisions';
import { seedDemo, DEMO_COUNTY } from '../src/server/cli/demo';
import { generateRecipients, type DemoUnit, type GeneratedRecipient } from '../src/server/cli/demo-recipients';
import { insertGeneratedUnscoped } from '../src/server/modules/recipients';
import { listChildrenUnscoped } from '../src/server/modules/org-units';
import { assistanceGrounds } from '../src/shared/schemas/assistance';
import { BENCH_KEY, BENCH_PASSWORD } from './setup';

const here = path.dirname(new URL(import.meta.url).pathname);
const AID = Number(process.env.BENCH_AID ?? 5_000);
/** at most three in five of the applications (approved money aid) */
const PAYMENTS = Math.min(Math.floor((AID * 3) / 5), Number(process.env.BENCH_PAYMENTS ?? 3_000));
const RECIPIENTS = 2_000;
const YEAR = '2026';
const TARGET_MS = 100;
const asJson = process.argv.includes('--json');
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;

type Row = { scenario: string; rows: number; metric: string; ours: string; bare: string; ratio: string; target: string; met: string };

function log(msg: string) {
  process.stderr.write(`[aid-funds-bench] ${msg}\n`);
}

async function open(dialect: 'sqlite' | 'postgres'): Promise<DbHandle> {
  const name = `aid_funds_${AID}_${PAYMENTS}`;
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

const day = (i: number) => {
  const d = new Date(Date.UTC(Number(YEAR), 0, 1) + (i % 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

/** The county, its users and recipients, a year of decided aid and of payments from one fund: written straight in SQL. */
async function ensureData(db: SystemDb): Promise<void> {
  if (Number((await db.selectFrom('assistance_applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) >= AID) return;
  const at = `${YEAR}-01-01T00:00:00.000Z`;
  await importDivisions(db, await readDivisions(path.join(here, 'divisions'), '3305'), { at, datasetYear: 2023 });
  await seedDemo(db, { password: BENCH_PASSWORD, at });
  const county = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', DEMO_COUNTY).executeTakeFirstOrThrow();
  const villages = await listChildrenUnscoped(db, county.path, 'village');
  const units: DemoUnit[] = villages.map((v) => ({ id: v.id, path: v.path, name: v.name, villageName: v.name }));
  const gen = generateRecipients(RECIPIENTS, units, { seed: 14, today: `${YEAR}-01-01`, crypto: createFieldCrypto(BENCH_KEY, 'aes-256-gcm'), at, createdBy: 'bench' });
  const people: GeneratedRecipient[] = [];
  for (let n = gen.next(); !n.done; n = gen.next()) people.push(n.value);
  for (let i = 0; i < people.length; i += 1000) await db.transaction().execute((trx) => insertGeneratedUnscoped(trx, people.slice(i, i + 1000)));
  const persons = await db.selectFrom('recipients').select(['id', 'org_unit_id', 'org_path']).where('org_path', '>=', county.path).where('org_path', '<', county.path + '~').orderBy('id').execute();
  const grounds = assistanceGrounds;
  const forms = ['money', 'money', 'goods', 'money'];
  const apps = Array.from({ length: AID }, (_, i) => {
    const p = persons[i % persons.length];
    const approved = i % 5 !== 4;
    return {
      id: newId(), org_unit_id: p.org_unit_id, org_path: p.org_path, recipient_id: p.id, household_key: p.id, ground: grounds[i % 4], place: '', monthly_income_fen: 80_000, members: 3,
      opened_on: day(i), status: approved ? 'closed' : 'declined', verified: 1, form: forms[i % 4], amount_fen: forms[i % 4] === 'money' ? 200_000 : 0, goods_value_fen: forms[i % 4] === 'goods' ? 50_000 : 0,
      approved: approved ? 1 : 0, decided_on: day(i + 10), notice_start: null, notice_end: null, repeat_reason: null, version: 1, created_by: 'bench', created_at: at, updated_at: at, source: 'staff', public_account_id: null, repeat_flagged: 0, narrative_enc: null,
    };
  });
  const fund = { id: newId(), org_unit_id: county.id, org_path: county.path, kind: 'careFund', name: '县关爱基金（压测）', donor: '', purpose: '', earmark_kind: 'none', earmark_recipient_id: null, earmark_note: '', created_by: 'bench', created_at: at };
  const paid = apps.filter((a) => a.approved && a.amount_fen > 0).slice(0, PAYMENTS);
  const payables = paid.map((a, i) => ({ id: newId(), org_unit_id: a.org_unit_id, org_path: a.org_path, source_kind: 'assistance', source_id: a.id, recipient_id: a.recipient_id, amount_fen: a.amount_fen, form: 'money', goods: '[]', account_enc: null, account_masked: null, approved_on: a.decided_on, batch_id: null, paid_movement_id: newId(), paid_on: day(i + 25), last_failure: '', created_at: at }));
  const movements = payables.map((p) => ({ id: p.paid_movement_id, fund_id: fund.id, org_unit_id: county.id, org_path: county.path, from_unit_id: null, kind: 'disbursement', amount_fen: p.amount_fen, on_day: p.paid_on, method: 'bank', payable_id: p.id, batch_id: null, note: '', details: null, created_by: 'bench', created_at: at }));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < apps.length; i += 500) await trx.insertInto('assistance_applications').values(apps.slice(i, i + 500)).execute();
    await trx.insertInto('funds').values(fund).execute();
    for (let i = 0; i < movements.length; i += 500) await trx.insertInto('fund_movements').values(movements.slice(i, i + 500)).execute();
    for (let i = 0; i < payables.length; i += 500) await trx.insertInto('payables').values(payables.slice(i, i + 500)).execute();
  });
  log(`wrote ${AID} applications and ${payables.length} payments`);
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
  };
  for (let i = 0; i < 10; i++) await once();
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
  await ensureData(db);
  await db.updateTable('users').set({ password_changed_at: new Date().toISOString() }).execute();
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  else await sql`analyze`.execute(db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-aid-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', LOGIN_RATE_LIMIT: '10000' });
  const app = await buildApp({ config, handle, clock: systemClock, crypto: createFieldCrypto(BENCH_KEY, 'aes-256-gcm'), logger: false });
  const county = await agentOf(app, 'county');
  const rows: Row[] = [];
  const load = () => os.loadavg()[0].toFixed(1);
  for (const [what, url] of [
    ['帮扶援助统计（全年，按单位、困难类型、帮扶方式）', `/api/assistance/figures?period=${YEAR}`],
    ['帮扶援助统计（一个月）', `/api/assistance/figures?period=${YEAR}-06`],
    ['资金发放统计（全年，按资金、核定到发放天数）', `/api/funds/figures?from=${YEAR}-01-01&to=${YEAR}-12-31`],
  ] as const) {
    const t = await timed(county, url, 100);
    const p95 = pct(t, 95);
    rows.push({ scenario: `${what}，县级（${AID.toLocaleString('en')} 件援助，${PAYMENTS.toLocaleString('en')} 笔发放）`, rows: AID, metric: 'p50 / p95', ours: `${pct(t, 50).toFixed(2)} / ${p95.toFixed(2)} ms；负载 ${load()}`, bare: '—', ratio: '—', target: `p95 ≤ ${TARGET_MS} ms`, met: p95 <= TARGET_MS ? 'yes' : 'no' });
    log(`${dialect} ${rows[rows.length - 1].scenario}: ${rows[rows.length - 1].ours}`);
  }
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return rows;
}

async function main() {
  const rows: { dialect: string; rows: Row[] }[] = [];
  const only = process.env.BENCH_AID_ONLY;
  if (only !== 'postgres') rows.push({ dialect: 'sqlite', rows: await runOn('sqlite') });
  if (only === 'sqlite') {
    // the caller measures PostgreSQL on its own
  } else if (PG_URL) rows.push({ dialect: 'postgres', rows: await runOn('postgres') });
  else rows.push({ dialect: 'postgres', rows: [{ scenario: '帮扶与资金统计（PostgreSQL 未测：未设 BENCH_DATABASE_URL）', rows: 0, metric: '—', ours: '—', bare: '—', ratio: '—', target: `p95 ≤ ${TARGET_MS} ms`, met: 'not measured' }] });
  if (asJson) {
    console.log(JSON.stringify({ rows: rows.flatMap((r) => r.rows.map((x) => ({ ...x, scenario: `${x.scenario}（${r.dialect}）` }))) }));
    return;
  }
  const today = new Date().toISOString().slice(0, 10);
  let md = `# assistance and funds figures bench — ${today}\n\n${process.version}, ${os.cpus().length} cores.\n`;
  for (const r of rows) {
    md += `\n## ${r.dialect}\n\n| scenario | metric | result | target | met |\n|---|---|---|---|---|\n`;
    for (const x of r.rows) md += `| ${x.scenario} | ${x.metric} | ${x.ours} | ${x.target} | ${x.met} |\n`;
  }
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', `${today}-aid-funds.md`), md);
  console.log(md);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
