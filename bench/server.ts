// The real server on the bench database, in its own process: bench/run.ts spawns it, and it
// prints `LISTENING <url>` once it accepts requests. Run by hand:
//   BENCH_RECIPIENTS=100000 [BENCH_DATABASE_URL=postgres://…] node --import tsx bench/server.ts
// With `node --cpu-prof --cpu-prof-dir=<dir> --import tsx bench/server.ts` the profile is written
// when the process ends (SIGTERM or SIGINT end it cleanly).
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { systemClock } from '../src/server/platform/clock';
import { benchDb } from './setup';

async function main() {
  const count = Number(process.env.BENCH_RECIPIENTS ?? 1_000_000);
  const b = await benchDb({ count, postgresUrl: process.env.BENCH_DATABASE_URL || undefined });
  const config = loadConfig({ DATA_DIR: b.dataDir, LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', LOGIN_RATE_LIMIT: '10000' });
  const app = await buildApp({ config, handle: b.handle, clock: systemClock, crypto: b.crypto, logger: false });
  const url = await app.listen({ port: Number(process.env.BENCH_PORT ?? 0), host: '127.0.0.1' });
  process.stdout.write(`LISTENING ${url}\n`);
  const stop = async () => {
    await app.close();
    await b.handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
