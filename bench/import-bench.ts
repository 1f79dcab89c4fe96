// The Excel import at scale: a generated ledger of 100,000 recipients (valid IDs, Chinese names,
// every group, spread over 安吉县's villages and grids, about 25 filled columns) imported into a
// fresh SQLite database by importWorkbook — the route's own code path — beside a bare ExcelJS
// streaming read of the same file (the issue's comparator), each in its own process (so that
// peak RSS is the scenario's own); then 200,000 rows, whose peak memory must stay within 1.2× of
// 100,000's. The import's own reader (xlsx-reader.ts) alone is measured too, so that the import's
// share is seen against both. Rates are rows over wall time; CPU time (all threads) beside it.
// The import runs the compiled server (built into bench/.data/server-build first), as production does.
//
//   npx tsx bench/import-bench.ts [--json]      (IMPORT_BENCH_ROWS=100000 to change the size,
//                                                IMPORT_BENCH_ROUNDS=3 the rounds at that size)
//   npx tsx bench/import-bench.ts --generate N  (only writes bench/.data/import-N.xlsx)
// With --json the last line is {"rows":[…]} for bench/run.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { systemDb } from '../src/server/db/system';
import { seedDemo } from '../src/server/cli/demo';
import { generateRecipients, type DemoUnit } from '../src/server/cli/demo-recipients';
import { listChildrenUnscoped } from '../src/server/modules/org-units';
import { openXlsx } from '../src/server/modules/imports';
import { createFieldCrypto, type FieldCrypto } from '../src/server/platform/crypto';
import { buildServer } from '../scripts/build-server';
import { parsePhone } from '../src/shared/rules/phone';
import { shanghaiDay } from '../src/shared/rules/dates';
import {
  branchLabels,
  careCategoryLabels,
  careListOf,
  dischargeTypeLabels,
  disabilityCauseLabels,
  educationLabels,
  employmentStatusLabels,
  politicalStatusLabels,
  recipientGroupLabels,
} from '../src/shared/schemas/recipients';
import { disabilityGradeLabels, registryLedgerColumns, type LedgerField } from '../src/shared/schemas/ledgers';
import { createTestDb } from '../test/helpers/db';
import { countyAuth } from './support';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, '.data');
const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);
/** rounds of the bare read and the import in turn at ROWS (IMPORT_BENCH_ROUNDS); the median round is reported */
const ROUNDS = Math.max(1, Number(process.env.IMPORT_BENCH_ROUNDS ?? 3));
const KEY = Buffer.alloc(32, 9);

type Measure = { seconds: number; cpuSeconds: number; rows: number; peakRssMb: number; baseRssMb: number };

function log(msg: string) {
  process.stderr.write(`[import-bench] ${msg}\n`);
}

/** The kernel's high-water mark of this process's RSS (Linux VmHWM), in bytes; null elsewhere. */
function rssHighWater(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs `fn`; returns its time and its peak RSS. The peak is the kernel's (VmHWM, reset before the
 * run through /proc/self/clear_refs): a timer on this thread sampling RSS does not run while the
 * import's writer keeps the thread busy, and missed the peak (sampled 668 / 793 MB for 100,000 /
 * 200,000 rows where the kernel saw 684 / 855 MB, 2026-12-06). Sampling is the fallback elsewhere.
 */
async function measured(fn: () => Promise<number>): Promise<Measure> {
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let kernelPeak = false;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    kernelPeak = rssHighWater() !== null;
  } catch {
    // not Linux, or not allowed: sample
  }
  let peak = baseRss;
  const timer = kernelPeak ? null : setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const rows = await fn();
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (timer) clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss, (kernelPeak && rssHighWater()) || 0);
  return { seconds, cpuSeconds, rows, peakRssMb: peak / 1024 / 1024, baseRssMb: baseRss / 1024 / 1024 };
}

// ---- the workbook ----

/** Units with their names, for the ledger's 所属乡镇(街道) / 所属村(社区) / 网格 columns. */
type LedgerUnit = DemoUnit & { township: string; village: string; grid: string };

async function demoUnits(): Promise<LedgerUnit[]> {
  const db = await createTestDb('sqlite');
  try {
    const sys = systemDb(db.handle.db);
    await seedDemo(sys, { password: 'Bench@Pass2026', at: new Date().toISOString() });
    const county = await sys.selectFrom('org_units').select(['id', 'path']).where('code', '=', '330523').executeTakeFirstOrThrow();
    const townships = new Map((await listChildrenUnscoped(sys, county.path, 'township')).map((t) => [t.id, t.name]));
    const villages = await listChildrenUnscoped(sys, county.path, 'village');
    const vById = new Map(villages.map((v) => [v.id, v]));
    const grids = await listChildrenUnscoped(sys, county.path, 'grid');
    const short = (n: string) => n.replace(/(村民委员会|村委会)$/, '村').replace(/(居民委员会|居委会)$/, '');
    return [
      ...villages.map((v) => ({ id: v.id, path: v.path, name: v.name, villageName: short(v.name), township: townships.get(v.parent_id ?? '') ?? '', village: short(v.name), grid: '' })),
      ...grids.map((g) => {
        const v = vById.get(g.parent_id ?? '')!;
        return { id: g.id, path: g.path, name: g.name, villageName: short(v.name), township: townships.get(v.parent_id ?? '') ?? '', village: short(v.name), grid: g.name };
      }),
    ];
  } finally {
    await db.drop();
  }
}

/** Writes a ledger of `rows` generated recipients, the way a station's Excel would hold it (shared strings). */
async function generateWorkbook(file: string, rows: number): Promise<void> {
  const units = await demoUnits();
  const byId = new Map(units.map((u) => [u.id, u]));
  const real = createFieldCrypto(KEY, 'aes-256-gcm');
  // the generator encrypts; here the plain values are wanted
  const plain: FieldCrypto = { ...real, encrypt: (s) => s, lookupHash: (s) => s };
  const lastYear = String(Number(shanghaiDay(new Date()).slice(0, 4)) - 1);
  const gen = generateRecipients(rows, units, { seed: 4242, today: `${lastYear}-06-30`, crypto: plain, at: new Date().toISOString(), createdBy: 'bench' });
  const tmp = `${file}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('退役军人信息台账');
  ws.addRow(['退役军人信息台账']).commit();
  ws.addRow(registryLedgerColumns.map((c) => c.header)).commit();
  const L = (m: Record<string, string>, v: string | null) => (v ? m[v] : '');
  let seq = 0;
  for (const { recipient: r } of gen) {
    const u = byId.get(r.org_unit_id)!;
    const soldier = r.deceased_soldier ? (JSON.parse(r.deceased_soldier) as { name: string; deathDate: string | null; relation: string }) : null;
    const merits = (JSON.parse(r.merits) as { name: string; year: number | null }[]).map((m) => `${m.name}${m.year ? `（${m.year}年）` : ''}`).join('、');
    const phone = r.phone_enc && parsePhone(r.phone_enc).ok ? r.phone_enc : '';
    const v: Partial<Record<LedgerField, string | number>> = {
      seq: ++seq,
      name: r.name,
      gender: r.gender === 'male' ? '男' : '女',
      ethnicity: r.ethnicity,
      birthDate: r.birth_date,
      idNumber: r.id_number_enc,
      politicalStatus: L(politicalStatusLabels, r.political_status),
      recipientGroup: L(recipientGroupLabels, r.recipient_group),
      careCategories: careListOf(r.care_mask)
        .map((c) => careCategoryLabels[c])
        .join('、'),
      enlistmentDate: r.enlistment_date ?? '',
      dischargeDate: r.discharge_date ?? '',
      dischargeType: L(dischargeTypeLabels, r.discharge_type),
      lastUnit: r.last_unit ?? '',
      rank: r.rank ?? '',
      disabilityGrade: r.disability_grade ? disabilityGradeLabels[r.disability_grade - 1] : '',
      disabilityCause: L(disabilityCauseLabels, r.disability_cause),
      merits,
      education: L(educationLabels, r.education),
      phone,
      householdAddress: r.household_address,
      currentAddress: r.current_address,
      township: u.township,
      village: u.village,
      grid: u.grid,
      employmentStatus: L(employmentStatusLabels, r.employment_status),
      branch: L(branchLabels, r.branch),
      skills: r.skills,
      deceasedName: soldier?.name ?? '',
      deceasedDate: soldier?.deathDate ?? '',
      deceasedRelation: soldier?.relation ?? '',
    };
    ws.addRow(registryLedgerColumns.map((c) => (v[c.key] === '' ? null : (v[c.key] ?? null)))).commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(tmp, file);
}

function workbookFile(rows: number): string {
  fs.mkdirSync(dataDir, { recursive: true });
  return path.join(dataDir, `import-${rows}.xlsx`);
}

// ---- the scenarios (each in a child process) ----

async function bareRead(file: string): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if ((row.values as unknown[]).length) n += 1;
    }
    break;
  }
  return n - 2; // the title and the header
}

/** The import's own reader alone (xlsx-reader.ts, on this thread): what the worker's parsing costs before any check. */
async function ownRead(file: string): Promise<number> {
  const book = await openXlsx(fs.readFileSync(file));
  let n = 0;
  await book.readRows(book.sheets[0], (rows) => {
    n += rows.length;
    return true;
  });
  return n - 2;
}

/**
 * The compiled server (scripts/build-server.ts), as production runs it: the import's worker thread
 * then loads compiled modules too, as it does in a deployment, not TypeScript through tsx (which
 * took 0.53 s of the worker's start against 0.19 s). Built once per bench run by the parent.
 */
const serverBuild = path.join(dataDir, 'server-build');

/** A fresh database with the demo county, all through the compiled server's modules; `run` imports a file as the county's reviewer. */
async function prepareImport(): Promise<{ run: (file: string) => Promise<number>; close: () => Promise<void> }> {
  const from = async <T>(module: string): Promise<T> => (await import(pathToFileURL(path.join(serverBuild, 'server', module)).href)) as T;
  const { openSqlite } = await from<typeof import('../src/server/db/client')>('db/client.js');
  const { migrateToLatest } = await from<typeof import('../src/server/db/migrate')>('db/migrate.js');
  const { systemDb: sysDb } = await from<typeof import('../src/server/db/system')>('db/system.js');
  const { seedDemo: seed } = await from<typeof import('../src/server/cli/demo')>('cli/demo.js');
  const { demoAuthOf } = await from<typeof import('../src/server/cli/demo-auth')>('cli/demo-auth.js');
  const { importWorkbook: importBook } = await from<typeof import('../src/server/modules/imports')>('modules/imports/index.js');
  const { registerAuditKey } = await from<typeof import('../src/server/platform/audit.repo')>('platform/audit.repo.js');
  const { createFieldCrypto: fieldCrypto } = await from<typeof import('../src/server/platform/crypto')>('platform/crypto.js');
  const { systemClock: clock } = await from<typeof import('../src/server/platform/clock')>('platform/clock.js');
  const { loadConfig: config } = await from<typeof import('../src/server/config')>('config.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-import-bench-'));
  // as the server opens it (main.ts): SQLite's checkpoints in a worker thread
  const handle = openSqlite(path.join(dir, 'rongjia.sqlite'), { backgroundCheckpoints: true });
  await migrateToLatest(handle);
  registerAuditKey(handle.db, fieldCrypto(Buffer.alloc(32, 7), 'aes-256-gcm').auditMac);
  const sys = sysDb(handle.db);
  await seed(sys, { password: 'Bench@Pass2026', at: new Date().toISOString() });
  // the compiled server's own account helper: its AuthContext is what the compiled import checks
  const auth = await countyAuth(sys, demoAuthOf);
  const ctx = { db: handle.db, dialect: handle.dialect, config: config({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), clock, crypto: fieldCrypto(KEY, 'aes-256-gcm') };
  return {
    run: async (file) => {
      const result = await importBook(ctx, auth, fs.createReadStream(file, { highWaterMark: 256 * 1024 }), (rows) => {
        if (rows % 20000 === 0) log(`  ${rows} rows`);
      });
      if (result.type !== 'done') throw new Error(`import failed: ${JSON.stringify(result).slice(0, 2000)}`);
      return result.imported;
    },
    close: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function child(mode: string, file: string): Promise<void> {
  // the database is made before the clock starts; the file is read from disk in both cases
  if (mode === 'bare' || mode === 'reader') {
    process.stdout.write(JSON.stringify(await measured(() => (mode === 'bare' ? bareRead(file) : ownRead(file)))) + '\n');
    return;
  }
  const setup = await prepareImport();
  const m = await measured(() => setup.run(file));
  await setup.close();
  process.stdout.write(JSON.stringify(m) + '\n');
}

function runChild(mode: 'bare' | 'reader' | 'import', file: string): Measure {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', mode, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) throw new Error(`${mode} ${file} failed (${r.status})`);
  return JSON.parse(line) as Measure;
}

type Row = { scenario: string; rows: number; metric: string; ours: string; bare: string; ratio: string; target: string; met: string };

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const c = args.indexOf('--child');
  if (c >= 0) return child(args[c + 1], args[c + 2]);
  const g = args.indexOf('--generate');
  if (g >= 0) {
    // only the workbook (for bench/import-phases.ts): bench/.data/import-N.xlsx
    const n = Number(args[g + 1]);
    const file = workbookFile(n);
    await generateWorkbook(file, n);
    log(`wrote ${path.relative(process.cwd(), file)}`);
    return;
  }

  const sizes = [ROWS, ROWS * 2];
  for (const n of sizes) {
    const file = workbookFile(n);
    if (!fs.existsSync(file)) {
      log(`generating ${n.toLocaleString('en')} rows → ${path.relative(process.cwd(), file)}`);
      await generateWorkbook(file, n);
    }
  }
  const built = await buildServer(serverBuild);
  log(`compiled server for the import: ${built.files} files in ${built.ms} ms → ${path.relative(process.cwd(), serverBuild)}`);
  const results = new Map<number, { bare: Measure; reader: Measure; ours: Measure; mb: number; ratios: number[] }>();
  for (const n of sizes) {
    const file = workbookFile(n);
    log(`${n.toLocaleString('en')} rows: the import's own reader alone`);
    const reader = runChild('reader', file);
    // the first size in ROUNDS rounds of the bare read and the import in turn, the median round
    // reported (on a noisy machine one pair's ratio moved between 36 % and 53 %); the second size,
    // for peak memory, once
    const rounds: { bare: Measure; ours: Measure; ratio: number }[] = [];
    for (let k = 0; k < (n === ROWS ? ROUNDS : 1); k++) {
      log(`${n.toLocaleString('en')} rows, round ${k + 1}: bare ExcelJS read, then the import`);
      const bare = runChild('bare', file);
      const ours = runChild('import', file);
      rounds.push({ bare, ours, ratio: bare.seconds / ours.seconds });
      log(`  bare ${bare.seconds.toFixed(1)} s, peak ${bare.peakRssMb.toFixed(0)} MB; import ${ours.seconds.toFixed(1)} s, peak ${ours.peakRssMb.toFixed(0)} MB`);
    }
    const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor((rounds.length - 1) / 2)];
    results.set(n, { bare: median.bare, reader, ours: median.ours, mb: fs.statSync(file).size / 1024 / 1024, ratios: rounds.map((r) => r.ratio) });
  }
  const one = results.get(ROWS)!;
  const two = results.get(ROWS * 2)!;
  const rate = (m: Measure) => m.rows / m.seconds;
  const share = rate(one.ours) / rate(one.bare);
  const growth = two.ours.peakRssMb / one.ours.peakRssMb;
  const fmt = (x: number) => Math.round(x).toLocaleString('en');
  const rows: Row[] = [
    {
      scenario: `Excel 导入（${fmt(ROWS)} 行，${registryLedgerColumns.length} 列，${one.mb.toFixed(1)} MB）`,
      rows: ROWS,
      metric: 'rows/s',
      ours: `${fmt(rate(one.ours))} 行/s（${one.ours.seconds.toFixed(1)} s，CPU ${one.ours.cpuSeconds.toFixed(1)} s）`,
      bare: `${fmt(rate(one.bare))} 行/s（${one.bare.seconds.toFixed(1)} s，CPU ${one.bare.cpuSeconds.toFixed(1)} s，ExcelJS 流式读取）`,
      ratio: `${(share * 100).toFixed(0)}%${one.ratios.length > 1 ? `（median of ${one.ratios.length} rounds: ${one.ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(', ')}）` : ''}`,
      target: '≥ 60% of bare',
      met: share >= 0.6 ? 'yes' : 'no',
    },
    {
      scenario: 'Excel 导入峰值内存（20 万行 / 10 万行）',
      rows: ROWS * 2,
      metric: 'peak RSS',
      ours: `${fmt(two.ours.peakRssMb)} MB / ${fmt(one.ours.peakRssMb)} MB`,
      bare: `${fmt(two.bare.peakRssMb)} MB / ${fmt(one.bare.peakRssMb)} MB`,
      ratio: `${growth.toFixed(2)}×`,
      target: '≤ 1.2×',
      met: growth <= 1.2 ? 'yes' : 'no',
    },
    {
      scenario: `Excel 读取（${fmt(ROWS)} 行）：导入自带的读取器 vs ExcelJS 流式读取`,
      rows: ROWS,
      metric: 'rows/s',
      ours: `${fmt(rate(one.reader))} 行/s（${one.reader.seconds.toFixed(1)} s，CPU ${one.reader.cpuSeconds.toFixed(1)} s，峰值 ${fmt(one.reader.peakRssMb)} MB）`,
      bare: `${fmt(rate(one.bare))} 行/s（峰值 ${fmt(one.bare.peakRssMb)} MB）`,
      ratio: `${((rate(one.reader) / rate(one.bare)) * 100).toFixed(0)}%`,
      target: '—',
      met: '—',
    },
    {
      scenario: `Excel 导入（${fmt(ROWS * 2)} 行）`,
      rows: ROWS * 2,
      metric: 'rows/s',
      ours: `${fmt(rate(two.ours))} 行/s（${two.ours.seconds.toFixed(1)} s）`,
      bare: `${fmt(rate(two.bare))} 行/s（${two.bare.seconds.toFixed(1)} s）`,
      ratio: `${((rate(two.ours) / rate(two.bare)) * 100).toFixed(0)}%`,
      target: '—',
      met: '—',
    },
  ];
  let md = `\n## Excel import (SQLite, ${os.cpus().length} cores, ${process.version})\n\n| scenario | rows | metric | ours | bare | ours/bare | target | met |\n|---|---|---|---|---|---|---|---|\n`;
  for (const x of rows) md += `| ${x.scenario} | ${x.rows.toLocaleString('en')} | ${x.metric} | ${x.ours} | ${x.bare} | ${x.ratio} | ${x.target} | ${x.met} |\n`;
  console.log(md);
  if (args.includes('--json')) console.log(JSON.stringify({ rows }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
