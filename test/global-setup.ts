// Once per `vitest run`, before any test file:
// - compiles the server (scripts/build-server.ts) into a folder of its own under dist/, so that
//   tests which run the admin CLI as a process (test/cli/run-cli.ts) start `node …/server/cli/index.js`
//   — the compiled CLI that production runs — instead of paying a TypeScript compile per command,
//   and worker threads start from its compiled files (RJ_COMPILED_SERVER_DIR, platform/workers.ts);
// - prepares the demo database templates: a migrated SQLite file and PostgreSQL database holding the
//   demo county (test/helpers/app.ts seedTestDemo), which every createTestApp copies (a file copy;
//   `create database … template …`) instead of migrating and seeding again. TEST_DB_TEMPLATES=0
//   turns that off.
// Everything is removed again after the run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildServer } from '../scripts/build-server';
import { createTestDb, sqliteTemplateFile, type DbTemplate } from './helpers/db';
import { seedTestDemo } from './helpers/app';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- extended by declaration merging, which needs an interface
  export interface ProvidedContext {
    /** the folder holding server/ and shared/ of this run's compiled server */
    serverBuildDir: string;
    /** the demo county's prepared databases (test/helpers/app.ts) */
    demoDbTemplate: DbTemplate;
  }
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The demo county in a SQLite file and (with TEST_DATABASE_URL) a PostgreSQL database; returns its cleanup. */
async function prepareDemoTemplates(): Promise<{ template: DbTemplate; drop: () => Promise<void> }> {
  const sqlite = await sqliteTemplateFile(seedTestDemo);
  const template: DbTemplate = { sqliteFile: sqlite.file };
  let dropPostgres = async () => {};
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const db = await createTestDb('postgres');
    await seedTestDemo(db);
    await db.handle.close(); // a template database takes no connections while it is copied
    template.postgresDb = new URL(db.handle.postgresUrl!).pathname.slice(1);
    dropPostgres = db.drop;
  }
  return {
    template,
    drop: async () => {
      sqlite.remove();
      await dropPostgres();
    },
  };
}

export default async function setup(project: TestProject) {
  fs.mkdirSync(path.join(repoRoot, 'dist'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(repoRoot, 'dist', '.test-build-'));
  const [, templates] = await Promise.all([buildServer(dir), process.env.TEST_DB_TEMPLATES === '0' ? null : prepareDemoTemplates()]);
  project.provide('serverBuildDir', dir);
  // the test processes (forked after this) start worker threads from the compiled build, as
  // production does (src/server/platform/workers.ts)
  process.env.RJ_COMPILED_SERVER_DIR = dir;
  project.provide('demoDbTemplate', templates?.template ?? {});
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await templates?.drop();
  };
}
