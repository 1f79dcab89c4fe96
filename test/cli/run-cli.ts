// Runs the admin CLI (`npm run cli -- …`) as its own process against a test database: the compiled
// CLI (node, no TypeScript loader) that test/global-setup.ts built once for this test run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The key the test app uses (TEST_KEY in test/helpers/app.ts is Buffer.alloc(32, 7)). */
export const TEST_KEY_HEX = '07'.repeat(32);

export type CliTarget = { dataDir: string; postgresUrl?: string };
export type CliResult = { code: number | null; stdout: string; stderr: string };

/**
 * `node <this run's build>/server/cli/index.js …args` (what `npm run cli -- …args` runs) with
 * DATA_DIR / DATABASE_URL / ENCRYPTION_KEY of the target.
 */
export function runCli(args: string[], target: CliTarget, env: Record<string, string> = {}): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: target.dataDir, ENCRYPTION_KEY: TEST_KEY_HEX, LOG_LEVEL: 'silent', ...env };
  delete childEnv.DATABASE_URL;
  if (target.postgresUrl) childEnv.DATABASE_URL = target.postgresUrl;
  return new Promise((resolve, reject) => {
    const cli = path.join(inject('serverBuildDir'), 'server', 'cli', 'index.js');
    const p = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
