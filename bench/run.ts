// npm run bench — the performance figures of the registry at scale, each beside its bare
// baseline measured in the same run. Results: bench/results/<date>-<dialect>.{md,json}.
//   BENCH_RECIPIENTS (default 1000000), BENCH_DATABASE_URL (postgres://… to run on PostgreSQL too),
//   BENCH_SECONDS (autocannon duration, default 10), BENCH_SKIP_IMPORT=1, BENCH_SKIP_VISITS=1, BENCH_BUILD_ONLY=1 (prepare the database only)
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import Fastify from 'fastify';
import autocannon from 'autocannon';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { systemClock } from '../src/server/platform/clock';
import { queryTokens } from '../src/shared/rules/name-search';
import { benchDb, BENCH_PASSWORD, type BenchDb } from './setup';

const here = path.dirname(new URL(import.meta.url).pathname);
const COUNT = Number(process.env.BENCH_RECIPIENTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

type Row = { scenario: string; rows: number; metric: string; ours: string; bare: string; ratio: string; target: string; met: string };

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => `${x.toFixed(2)} ms`;
async function time<T>(fn: () => Promise<T> | T): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

type Bare = { all: (sql: string, params: unknown[]) => Promise<unknown[]>; close: () => Promise<void> };
function bareSqlite(file: string): Bare {
  const db = new BetterSqlite3(file, { readonly: true });
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    all: async (sql, params) => {
      let st = cache.get(sql);
      if (!st) cache.set(sql, (st = db.prepare(sql)));
      return st.all(...(params as never[]));
    },
    close: async () => {
      db.close();
    },
  };
}
function barePostgres(url: string): Bare {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  let n = 0;
  return {
    all: async (sql, params) => {
      let i = 0;
      const text = sql.replace(/\?/g, () => `$${++i}`);
      return (await pool.query({ name: `q${text.length}_${(n = (n + 1) % 1)}`, text, values: params })).rows;
    },
    close: async () => pool.end(),
  };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function runOn(b: BenchDb, dialect: 'sqlite' | 'postgres'): Promise<Row[]> {
  const rows: Row[] = [];
  const config = loadConfig({ DATA_DIR: b.dataDir, LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', LOGIN_RATE_LIMIT: '10000' });
  const app = await buildApp({ config, handle: b.handle, clock: systemClock, crypto: b.crypto, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = dialect === 'sqlite' ? bareSqlite(b.handle.sqliteFile!) : barePostgres(b.handle.postgresUrl!);
  const unit = async (code: string) => (await bare.all('select id, path from org_units where code = ? and active = 1', [code]))[0] as { id: string; path: string };
  const county = await unit('330523');
  const province = await unit('33');
  const countyCookie = await login(base, 'county');
  const provinceCookie = await login(base, 'bench-province');
  const api = (cookie: string) => async (url: string) => {
    const res = await fetch(base + url, { headers: { cookie } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ items?: unknown[]; total?: number }>;
  };
  const asCounty = api(countyCookie);
  const asProvince = api(provinceCookie);
  const total = Number(((await bare.all('select count(*) as n from recipients', [])) as { n: number }[])[0].n);

  // ---- 1. name search by two characters ----
  const sample = (await bare.all(`select name from recipients where org_path >= ? and org_path < ? order by id limit 400`, [county.path, county.path + '~'])) as { name: string }[];
  const queries = [...new Set(sample.map((s) => s.name.slice(0, 2)))].slice(0, 150);
  const searchSql = `select r.* from recipients r where r.merged_into is null and r.org_path >= ? and r.org_path < ?
    and r.id in (select t.recipient_id from recipient_name_tokens t where t.token = ? and t.org_path >= ? and t.org_path < ?)
    order by r.org_path, r.name, r.id limit 20`;
  const searchCount = `select count(*) as n from (select 1 from recipients r where r.merged_into is null and r.org_path >= ? and r.org_path < ?
    and r.id in (select t.recipient_id from recipient_name_tokens t where t.token = ? and t.org_path >= ? and t.org_path < ?) limit 10001) c`;
  for (const [label, scope, call] of [
    ['county', county, asCounty],
    ['province', province, asProvince],
  ] as const) {
    const oursT: number[] = [];
    const bareT: number[] = [];
    let hits = 0;
    for (const q of [...queries, ...queries]) {
      const token = queryTokens(q)[0];
      const p = [scope.path, scope.path + '~', token, scope.path, scope.path + '~'];
      bareT.push(await time(async () => { await bare.all(searchSql, p); await bare.all(searchCount, p); }));
      oursT.push(await time(async () => { hits += (await call(`/api/recipients?q=${encodeURIComponent(q)}`)).items!.length; }));
    }
    rows.push({ scenario: `姓名两字检索（${label === 'county' ? '县级范围' : '全省范围'}）`, rows: total, metric: 'p50 / p95', ours: `${ms(pct(oursT, 50))} / ${ms(pct(oursT, 95))}`, bare: `${ms(pct(bareT, 50))} / ${ms(pct(bareT, 95))}`, ratio: (pct(oursT, 95) / pct(bareT, 95)).toFixed(1) + '×', target: 'p95 ≤ 10 ms', met: pct(oursT, 95) <= 10 ? 'yes' : 'no' });
    if (!hits) throw new Error('name search found nothing');
  }

  // ---- 2. exact ID lookup ----
  const ids = (await bare.all(`select id_number_enc from recipients where org_path >= ? and org_path < ? order by id desc limit 150`, [county.path, county.path + '~'])) as { id_number_enc: string }[];
  const clear = ids.map((r) => b.crypto.decrypt(r.id_number_enc));
  {
    const oursT: number[] = [];
    const bareT: number[] = [];
    for (const id of clear) {
      const hash = b.crypto.lookupHash(id);
      bareT.push(await time(() => bare.all('select r.* from recipients r where r.merged_into is null and r.org_path >= ? and r.org_path < ? and r.id_number_hash = ? limit 20', [county.path, county.path + '~', hash])));
      oursT.push(await time(async () => { if ((await asCounty(`/api/recipients?idNumber=${id}`)).items!.length !== 1) throw new Error('ID lookup missed'); }));
    }
    rows.push({ scenario: '身份证号精确查找', rows: total, metric: 'p50 / p95', ours: `${ms(pct(oursT, 50))} / ${ms(pct(oursT, 95))}`, bare: `${ms(pct(bareT, 50))} / ${ms(pct(bareT, 95))}`, ratio: (pct(oursT, 95) / pct(bareT, 95)).toFixed(1) + '×', target: 'p95 ≤ 5 ms', met: pct(oursT, 95) <= 5 ? 'yes' : 'no' });
  }

  // ---- 3. the scoped list under 50 connections, vs bare Fastify + the same page query ----
  const listSql = `select r.*, u.name as org_unit_name from recipients r join org_units u on u.id = r.org_unit_id
    where r.merged_into is null and r.org_path >= ? and r.org_path < ? order by r.org_path, r.name, r.id limit 20`;
  const listCount = `select count(*) as n from (select 1 from recipients r where r.merged_into is null and r.org_path >= ? and r.org_path < ? limit 10001) c`;
  const plain = Fastify();
  plain.get('/list', async () => {
    const p = [county.path, county.path + '~'];
    return { items: await bare.all(listSql, p), total: (await bare.all(listCount, p))[0] };
  });
  const plainBase = await plain.listen({ port: 0, host: '127.0.0.1' });
  const cannon = (url: string, headers: Record<string, string>) =>
    new Promise<autocannon.Result>((resolve, reject) => autocannon({ url, connections: 50, duration: SECONDS, headers }, (err: unknown, res: autocannon.Result) => (err ? reject(err) : resolve(res))));
  const bareRes = await cannon(`${plainBase}/list`, {});
  const oursRes = await cannon(`${base}/api/recipients?page=1&pageSize=20`, { cookie: countyCookie });
  await plain.close();
  if (oursRes.non2xx > 0) throw new Error(`list endpoint answered ${oursRes.non2xx} non-2xx`);
  rows.push({ scenario: '列表接口（登录、辖区过滤，50 并发）', rows: total, metric: 'req/s · p99', ours: `${Math.round(oursRes.requests.average)} · ${oursRes.latency.p99} ms`, bare: `${Math.round(bareRes.requests.average)} · ${bareRes.latency.p99} ms`, ratio: `${Math.round((oursRes.requests.average / bareRes.requests.average) * 100)}%`, target: '≥ 50% of bare, p99 ≤ 30 ms', met: oursRes.requests.average >= bareRes.requests.average / 2 && oursRes.latency.p99 <= 30 ? 'yes' : 'no' });

  // ---- 4. the province dashboard ----
  {
    const oursT: number[] = [];
    const bareT: number[] = [];
    for (let i = 0; i < 60; i++) {
      bareT.push(await time(() => bare.all('select unit_id, metric, bucket, n from rollups where unit_id = ?', [province.id])));
      oursT.push(await time(() => asProvince('/api/dashboards/registry')));
    }
    const scan = await time(() => bare.all('select recipient_group, count(*) from recipients where merged_into is null and org_path >= ? and org_path < ? group by recipient_group', [province.path, province.path + '~']));
    rows.push({ scenario: '全省统计看板', rows: total, metric: 'p50 / p95', ours: `${ms(pct(oursT, 50))} / ${ms(pct(oursT, 95))}`, bare: `${ms(pct(bareT, 50))} / ${ms(pct(bareT, 95))}（对照：全表扫描一个维度 ${ms(scan)}）`, ratio: (pct(oursT, 95) / pct(bareT, 95)).toFixed(1) + '×', target: '≤ 50 ms', met: pct(oursT, 95) <= 50 ? 'yes' : 'no' });
  }
  await app.close();
  await bare.close();
  return rows;
}

function importScenario(): Row[] {
  const script = path.join(here, 'import-bench.ts');
  if (process.env.BENCH_SKIP_IMPORT === '1' || !fs.existsSync(script)) return [];
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) throw new Error(`import bench failed (${r.status})`);
  return (JSON.parse(line) as { rows: Row[] }).rows;
}

/** The visits-owed generation for a county of 50,000 (bench/visits-bench.ts, its own database). */
function visitsScenario(dialect: 'sqlite' | 'postgres', url?: string): Row[] {
  const script = path.join(here, 'visits-bench.ts');
  if (process.env.BENCH_SKIP_VISITS === '1' || !fs.existsSync(script)) return [];
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24, env: { ...process.env, BENCH_VISITS_ONLY: dialect, BENCH_DATABASE_URL: url ?? '' } });
  const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) throw new Error(`visits bench failed (${r.status})`);
  return (JSON.parse(line) as { rows: Row[] }).rows;
}

async function main() {
  const started = Date.now();
  const results: { dialect: string; built: boolean; buildSeconds: number; rows: Row[] }[] = [];
  const targets: { dialect: 'sqlite' | 'postgres'; url?: string }[] = [{ dialect: 'sqlite' }];
  if (process.env.BENCH_DATABASE_URL) targets.push({ dialect: 'postgres', url: process.env.BENCH_DATABASE_URL });
  for (const t of targets) {
    process.stderr.write(`[bench] ${t.dialect}: preparing ${COUNT} recipients\n`);
    const b = await benchDb({ count: COUNT, postgresUrl: t.url });
    if (process.env.BENCH_BUILD_ONLY === '1') {
      await b.handle.close();
      continue;
    }
    const rows = await runOn(b, t.dialect);
    if (t.dialect === 'sqlite') rows.push(...importScenario(), ...visitsScenario('sqlite'));
    else rows.push(...visitsScenario('postgres', t.url));
    await b.handle.close();
    results.push({ dialect: t.dialect, built: b.built, buildSeconds: b.buildSeconds, rows });
  }
  if (process.env.BENCH_BUILD_ONLY === '1') return;
  const day = new Date().toISOString().slice(0, 10);
  const machine = `${process.version}, ${(await import('node:os')).cpus().length} cores`;
  let md = `# npm run bench — ${day}\n\n${COUNT.toLocaleString('en')} recipients in 湖州市 (5 counties, 1,301 villages, 3 grids each); ${machine}.\n`;
  for (const r of results) {
    md += `\n## ${r.dialect}${r.built ? ` (database built in ${Math.round(r.buildSeconds)} s)` : ''}\n\n| scenario | rows | metric | ours | bare | ours/bare | target | met |\n|---|---|---|---|---|---|---|---|\n`;
    for (const x of r.rows) md += `| ${x.scenario} | ${x.rows.toLocaleString('en')} | ${x.metric} | ${x.ours} | ${x.bare} | ${x.ratio} | ${x.target} | ${x.met} |\n`;
  }
  fs.writeFileSync(path.join(here, 'results', `${day}.md`), md);
  fs.writeFileSync(path.join(here, 'results', `${day}.json`), JSON.stringify({ day, count: COUNT, machine, results, seconds: (Date.now() - started) / 1000 }, null, 2));
  console.log(md);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
