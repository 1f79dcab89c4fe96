// Real databases for tests: a fresh SQLite file per call, and, when TEST_DATABASE_URL is set,
// a fresh PostgreSQL database per call (created and dropped here). No mocks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite, type DbHandle } from '../../src/server/db/client';
import { migrateToLatest } from '../../src/server/db/migrate';
import { registerAuditKey } from '../../src/server/platform/audit.repo';
import { createFieldCrypto } from '../../src/server/platform/crypto';

export type DbKind = 'sqlite' | 'postgres';

/** The databases every suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const dbKinds: DbKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

if (process.env.CI === 'true' && !process.env.TEST_DATABASE_URL) {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the suite must run on PostgreSQL too');
}

export type TestDb = { handle: DbHandle; dataDir: string; drop: () => Promise<void> };

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL!;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

/**
 * A prepared database to start from instead of an empty one (test/global-setup.ts makes them once
 * per run): for SQLite a file that is copied, for PostgreSQL a database named as the template of
 * `create database`. Already migrated.
 */
export type DbTemplate = { sqliteFile?: string; postgresDb?: string };

/** `backgroundCheckpoints`: SQLite's checkpoints in a worker thread, as the server takes them (db/checkpointer.ts). */
export async function createTestDb(kind: DbKind, opts: { migrate?: boolean; template?: DbTemplate; backgroundCheckpoints?: boolean } = {}): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-test-'));
  let handle: DbHandle;
  let dropDb: () => Promise<void> = async () => {};
  const template = kind === 'sqlite' ? opts.template?.sqliteFile : opts.template?.postgresDb;
  if (kind === 'sqlite') {
    if (template) fs.copyFileSync(template, path.join(dataDir, 'rongjia.sqlite'));
    handle = openSqlite(path.join(dataDir, 'rongjia.sqlite'), { backgroundCheckpoints: opts.backgroundCheckpoints });
  } else {
    const name = `rj_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
    await admin.end();
    handle = openPostgres(withDatabase(adminUrl(), name), 5);
    dropDb = async () => {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  if (opts.migrate !== false && !template) await migrateToLatest(handle);
  // audit entries are MACed with the key of the test app (TEST_KEY, Buffer.alloc(32, 7)); an app
  // built on this database registers its own suite's key over it
  registerAuditKey(handle.db, createFieldCrypto(Buffer.alloc(32, 7), 'aes-256-gcm').auditMac);
  let dropped = false;
  return {
    handle,
    dataDir,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await handle.close().catch(() => {});
      await dropDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A migrated SQLite database seeded by `seed`, closed (its WAL checkpointed into the file) and copied
 * to a file of its own: a template that createTestDb copies (`{ sqliteFile }`). `remove` deletes it.
 */
export async function sqliteTemplateFile(seed: (db: TestDb) => Promise<void>): Promise<{ file: string; remove: () => void }> {
  const db = await createTestDb('sqlite');
  await seed(db);
  await db.handle.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-template-'));
  const file = path.join(dir, 'demo.sqlite');
  fs.copyFileSync(path.join(db.dataDir, 'rongjia.sqlite'), file);
  await db.drop();
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
