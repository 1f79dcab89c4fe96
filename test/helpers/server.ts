// A real listening server for browser tests: demo data, the built web app, a random port.
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { systemDb } from '../../src/server/db/system';
import { systemClock, type Clock } from '../../src/server/platform/clock';
import { createFieldCrypto } from '../../src/server/platform/crypto';
import { demoAccounts, seedDemo } from '../../src/server/cli/demo';
import { createTestDb, sqliteTemplateFile } from './db';
import { TEST_KEY, TEST_PASSWORD } from './app';

/**
 * The demo county migrated and seeded once per test process, as a SQLite file that each server's
 * database starts as a copy of: the browser tests run their files in one process per worker
 * (--no-isolate), and each file's server had migrated and seeded its own (~0.9 s of CPU a file).
 * Nothing of it is sealed into the audit chain yet, so each server writes its own anchor as a first
 * start does. Removed when the process ends.
 */
let demoFile: Promise<string> | undefined;
function seededDemoFile(): Promise<string> {
  demoFile ??= sqliteTemplateFile(async (db) => {
    await seedDemo(systemDb(db.handle.db), { password: TEST_PASSWORD, at: new Date().toISOString() });
  }).then(({ file, remove }) => {
    process.once('exit', remove);
    return file;
  });
  return demoFile;
}

/** `env`: more configuration (e.g. a lower PUBLIC_POW_DIFFICULTY for a machine busy with other work). */
/** `clock`: a test-only clock (e.g. the real time shifted by days, to let a notice period pass). */
export async function startTestServer(opts: { env?: Record<string, string>; clock?: Clock } = {}) {
  // the server's SQLite as main.ts opens it: checkpoints in a worker thread
  const db = await createTestDb('sqlite', { backgroundCheckpoints: true, template: { sqliteFile: await seededDemoFile() } });
  const config = loadConfig({ DATA_DIR: db.dataDir, LOG_LEVEL: 'silent', WEB_DIR: './dist/web', PORT: '0', ...opts.env });
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
