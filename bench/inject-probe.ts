// Developer probe: where a signed-in request's time goes, in-process (app.inject, no HTTP), on the
// bench database. Prints the wall and CPU time per request for a few routes (on PostgreSQL also
// the server backends' CPU, from /proc) and, under each, the statements it ran with their time
// per request.
//   BENCH_RECIPIENTS=200000 [BENCH_DATABASE_URL=postgres://…] [PROBE_ROUTES=/api/…,/api/…] [PROBE_USER=bench-province] [PROBE_N=300] [PROBE_FULL=1] npx tsx bench/inject-probe.ts
// A route may be several URLs joined by '|' (asked in turn, reported together); `{id}` in a URL
// stands for the ID numbers of records in the user's range, one after another.
import fs from 'node:fs';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { systemClock } from '../src/server/platform/clock';
import { systemDb } from '../src/server/db/system';
import { benchDb, BENCH_PASSWORD } from './setup';
import { pgServerTicks } from './support';

const count = Number(process.env.BENCH_RECIPIENTS ?? 1_000_000);
/** each statement's time, summed by its SQL (Kysely's query log) */
const statementTimes = new Map<string, { n: number; ms: number }>();
const b = await benchDb({
  count,
  postgresUrl: process.env.BENCH_DATABASE_URL || undefined,
  log: (e) => {
    const t = statementTimes.get(e.query.sql) ?? { n: 0, ms: 0 };
    t.n += 1;
    t.ms += e.queryDurationMillis;
    statementTimes.set(e.query.sql, t);
  },
});
const config = loadConfig({ DATA_DIR: b.dataDir, LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', LOGIN_RATE_LIMIT: '10000' });
const app = await buildApp({ config, handle: b.handle, clock: systemClock, crypto: b.crypto, logger: false });
const username = process.env.PROBE_USER ?? 'county';
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const db = systemDb(b.handle.db);
const user = await db.selectFrom('users').select('org_path').where('username', '=', username).executeTakeFirstOrThrow();
const idNumbers = (
  await db.selectFrom('recipients').select('id_number_enc').where('org_path', '>=', user.org_path).where('org_path', '<', user.org_path + '~').orderBy('id', 'desc').limit(100).execute()
).map((r) => b.crypto.decrypt(r.id_number_enc!));
let nextId = 0;

/** PostgreSQL's CPU ticks for this database's backends (null on SQLite or a remote server) */
const serverTicks = async () => (b.handle.dialect === 'postgres' ? pgServerTicks(db) : null);

const routes = (process.env.PROBE_ROUTES ?? '/api/recipients?page=1&pageSize=20,/api/recipients?q=海涛,/api/recipients?q=张,/api/me,/api/health').split(',');
const n = Number(process.env.PROBE_N ?? 300);
const ask = (urls: string[], i: number) => app.inject({ method: 'GET', url: urls[i % urls.length].replace('{id}', () => idNumbers[nextId++ % idNumbers.length]), headers: { cookie } });
console.log(`${b.handle.dialect} ${count} as ${username} (${user.org_path}); load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
for (const route of routes) {
  const urls = route.split('|').map((u) => u.replace(/q=([^&]+)/, (_, q: string) => `q=${encodeURIComponent(decodeURIComponent(q))}`));
  for (let i = 0; i < 50; i++) await ask(urls, i);
  statementTimes.clear();
  const s0 = await serverTicks();
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let status = 0;
  const walls: number[] = [];
  for (let i = 0; i < n; i++) {
    const w0 = process.hrtime.bigint();
    status = (await ask(urls, i)).statusCode;
    walls.push(Number(process.hrtime.bigint() - w0) / 1e6);
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  const cpu = process.cpuUsage(c0);
  const s1 = await serverTicks();
  let ticks = 0;
  if (s0 && s1) for (const [pid, t] of s1) ticks += t - (s0.get(pid) ?? 0);
  walls.sort((a, c) => a - c);
  const top = [...statementTimes].sort((a, c) => c[1].ms - a[1].ms).slice(0, 6);
  const statements = [...statementTimes.values()].reduce((s, e) => s + e.n, 0) / n;
  statementTimes.clear();
  console.log(
    `${route.slice(0, 60).padEnd(60)} ${status}  wall ${wall.toFixed(3)} ms (p50 ${walls[Math.floor(n / 2)].toFixed(2)}, p95 ${walls[Math.floor(n * 0.95)].toFixed(2)})  cpu ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms` +
      (s0 ? `  server cpu ${((ticks * 10) / n).toFixed(3)} ms` : '') +
      `  statements ${statements.toFixed(1)}`,
  );
  for (const [q, e] of top) console.log(`    ${(e.ms / n).toFixed(3)} ms/req  ×${(e.n / n).toFixed(1)}  ${process.env.PROBE_FULL ? q : q.slice(0, 160)}`);
}
await app.close();
await b.handle.close();
