// Once per `vitest run`, before any test file: compiles the server (scripts/build-server.ts) into a
// folder of its own under dist/, so that tests which run the admin CLI as a process
// (test/cli/run-cli.ts) start `node …/server/cli/index.js` — the compiled CLI that production runs —
// instead of paying a TypeScript compile per command. Removed again after the run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildServer } from '../scripts/build-server';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- extended by declaration merging, which needs an interface
  export interface ProvidedContext {
    /** the folder holding server/ and shared/ of this run's compiled server */
    serverBuildDir: string;
  }
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(project: TestProject) {
  fs.mkdirSync(path.join(repoRoot, 'dist'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(repoRoot, 'dist', '.test-build-'));
  await buildServer(dir);
  project.provide('serverBuildDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
