// Developer probe: where a signed-in request's time goes, in-process (app.inject, no HTTP), on the
// bench database. Prints the wall and CPU time per request for a few routes and, under each, the
// statements it ran with their time per request.
//   BENCH_RECIPIENTS=200000 [BENCH_DATABASE_URL=postgres://…] [PROBE_ROUTES=/api/…,/api/…] [PROBE_FULL=1] npx tsx bench/inject-probe.ts
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { systemClock } from '../src/server/platform/clock';
import { benchDb, BENCH_PASSWORD } from './setup';

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
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county', password: BENCH_PASSWORD } });
const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const routes = (process.env.PROBE_ROUTES ?? '/api/recipients?page=1&pageSize=20,/api/recipients?q=海涛,/api/recipients?q=张,/api/me,/api/health').split(',');
for (const url of routes) {
  for (let i = 0; i < 50; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
  statementTimes.clear();
  const n = 300;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let status = 0;
  for (let i = 0; i < n; i++) status = (await app.inject({ method: 'GET', url, headers: { cookie } })).statusCode;
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  const cpu = process.cpuUsage(c0);
  const top = [...statementTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6);
  statementTimes.clear();
  console.log(`${url.padEnd(45)} ${status}  wall ${wall.toFixed(3)} ms  cpu ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms`);
  for (const [q, e] of top) console.log(`    ${(e.ms / n).toFixed(3)} ms/req  ×${(e.n / n).toFixed(1)}  ${process.env.PROBE_FULL ? q : q.slice(0, 160)}`);
}
await app.close();
await b.handle.close();
