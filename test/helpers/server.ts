// A real listening server for browser tests: demo data, the built web app, a random port.
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { systemDb } from '../../src/server/db/system';
import { systemClock, type Clock } from '../../src/server/platform/clock';
import { createFieldCrypto } from '../../src/server/platform/crypto';
import { demoAccounts, seedDemo } from '../../src/server/cli/demo';
import { createTestDb } from './db';
import { TEST_KEY, TEST_PASSWORD } from './app';

/** `env`: more configuration (e.g. a lower PUBLIC_POW_DIFFICULTY for a machine busy with other work). */
/** `clock`: a test-only clock (e.g. the real time shifted by days, to let a notice period pass). */
export async function startTestServer(opts: { env?: Record<string, string>; clock?: Clock } = {}) {
  // the server's SQLite as main.ts opens it: checkpoints in a worker thread
  const db = await createTestDb('sqlite', { backgroundCheckpoints: true });
  const config = loadConfig({ DATA_DIR: db.dataDir, LOG_LEVEL: 'silent', WEB_DIR: './dist/web', PORT: '0', ...opts.env });
  await seedDemo(systemDb(db.handle.db), { password: TEST_PASSWORD, at: new Date().toISOString() });
  const app = await buildApp({ config, handle: db.handle, clock: opts.clock ?? systemClock, crypto: createFieldCrypto(TEST_KEY, 'aes-256-gcm'), logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    password: TEST_PASSWORD,
    accounts: demoAccounts.map((a) => a.username),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
