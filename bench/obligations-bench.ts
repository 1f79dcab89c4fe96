// The reporting-rate page's query for a city of 1,300 villages (10 counties × 13 townships × 10
// villages, a database of its own in memory): the village petition report of a month, 80% recorded
// (half of them late), grouped per county for the city and per township for a county. p95 ≤ 100 ms.
//   npx tsx bench/obligations-bench.ts [--json]   (SQLite; PostgreSQL too at BENCH_DATABASE_URL)
// npm run bench runs it as one of its scenarios.
import { openPostgres, openSqlite, type DbHandle } from '../src/server/db/client';
import { migrateToLatest } from '../src/server/db/migrate';
import { systemDb } from '../src/server/db/system';
import { reportingGroups } from '../src/server/modules/obligations';
import { insertUnitsUnscoped, type NewOrgUnit } from '../src/server/modules/org-units';
import pg from 'pg';
import { sql } from 'kysely';

type Row = { scenario: string; rows: number; metric: string; ours: string; bare: string; ratio: string; target: string; met: string };
const asJson = process.argv.includes('--json');
const RUNS = 200;
const PG_URL = process.env.BENCH_DATABASE_URL;

function log(msg: string) {
  process.stderr.write(`[obligations-bench] ${msg}\n`);
}

async function build(handle: DbHandle): Promise<{ city: string; county: string }> {
  await migrateToLatest(handle);
  const db = systemDb(handle.db);
  const at = new Date().toISOString();
  const units: NewOrgUnit[] = [];
  const records: Record<string, unknown>[] = [];
  const unit = (id: string, parent: string | null, level: string, path: string, depth: number) =>
    units.push({ id, parent_id: parent, level, code: id, name: id, path, depth, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: at, updated_at: at });
  unit('C', null, 'city', '/C/', 1);
  let n = 0;
  for (let c = 0; c < 10; c++) {
    const cid = `C${c}`;
    unit(cid, 'C', 'county', `/C/${cid}/`, 2);
    for (let t = 0; t < 13; t++) {
      const tid = `${cid}T${t}`;
      unit(tid, cid, 'township', `/C/${cid}/${tid}/`, 3);
      for (let v = 0; v < 10; v++) {
        const vid = `${tid}V${v}`;
        const vpath = `/C/${cid}/${tid}/${vid}/`;
        unit(vid, tid, 'village', vpath, 4);
        n++;
        if (n % 5 === 0) continue;
        const onTime = n % 2;
        records.push({ id: `R${n}`, def_id: 'obl-village-petition-report', org_unit_id: vid, org_path: vpath, period: '2026-05', period_end: '2026-05-31', held_on: '2026-06-03', due_day: '2026-06-05', recorded_on: onTime ? '2026-06-03' : '2026-06-09', on_time: onTime, attendees: '', topics: '', minutes: '', course: '', trainer: '', hours: null, decisions: '', body: '本月情况', version: 1, recorded_by: 'bench', recorded_by_name: 'bench', created_at: at, updated_at: at });
      }
    }
  }
  await insertUnitsUnscoped(db, units);
  for (let i = 0; i < records.length; i += 500) await db.insertInto('obligation_records').values(records.slice(i, i + 500) as never).execute();
  // statistics, as a bulk write does (db/statistics.ts): the planner is blind without them
  if (handle.dialect === 'postgres') await sql`analyze org_units; analyze obligation_records`.execute(handle.db);
  log(`${units.length} units, ${records.length} records`);
  return { city: 'C', county: 'C0' };
}

async function measure(handle: DbHandle, dialect: string): Promise<Row[]> {
  const { city, county } = await build(handle);
  const def = { id: 'obl-village-petition-report', level: 'village', org_path: null };
  const rows: Row[] = [];
  for (const [label, parentId] of [
    ['city: 10 counties, 1,300 villages', city],
    ['county: 13 townships, 130 villages', county],
  ] as const) {
    const times: number[] = [];
    let check = 0;
    for (let i = 0; i < RUNS; i++) {
      const s = process.hrtime.bigint();
      const g = await reportingGroups(handle.db, { parentId }, def, '2026-05');
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
      check = g.reduce((a, x) => a + x.expected, 0);
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(RUNS * 0.95)];
    rows.push({ scenario: `reporting rate, ${label}（${dialect}）`, rows: check, metric: 'p95 ms', ours: p95.toFixed(1), bare: '', ratio: '', target: '≤ 100', met: p95 <= 100 ? 'yes' : 'NO' });
  }
  return rows;
}

async function main() {
  const rows: Row[] = [];
  const lite = openSqlite(':memory:');
  rows.push(...(await measure(lite, 'sqlite')));
  await lite.close();
  if (PG_URL) {
    const name = `rj_obligations_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(PG_URL);
    u.pathname = '/' + name;
    const h = openPostgres(u.toString(), 4);
    try {
      rows.push(...(await measure(h, 'postgres')));
    } finally {
      await h.close();
      await admin.query(`drop database ${name}`);
      await admin.end();
    }
  }
  if (asJson) console.log(JSON.stringify({ rows }));
  else for (const r of rows) console.log(`${r.scenario}: ${r.metric} ${r.ours} (target ${r.target}) ${r.met}`);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
