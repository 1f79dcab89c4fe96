// A server in its own process, started the way a deployment starts it, for tests that need more
// than one instance (or a real process). `command` defaults to the TypeScript sources through tsx;
// pass ['node', 'dist/server/main.js'] to run the compiled server instead.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { repoRoot } from '../cli/run-cli';

export type SpawnedServer = {
  url: string;
  port: number;
  proc: ChildProcess;
  /** everything the process wrote so far (stdout and stderr) */
  output: () => string;
  stop: () => Promise<void>;
};

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export const sourceServer = [process.execPath, '--import', 'tsx', 'src/server/main.ts'];

/**
 * Starts a server with `env` (over this process's, without DATABASE_URL unless given) on a free
 * port and resolves once GET /api/health answers 200; rejects if the process exits first or
 * `timeoutMs` passes.
 */
export async function spawnServer(env: Record<string, string>, opts: { command?: string[]; timeoutMs?: number } = {}): Promise<SpawnedServer> {
  const port = await freePort();
  const [cmd, ...args] = opts.command ?? sourceServer;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const proc = spawn(cmd!, args, { cwd: path.resolve(repoRoot), env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (gone) return;
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (gone) throw new Error(`server exited before answering /api/health:\n${out}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer /api/health in time:\n${out}`);
    }
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, proc, output: () => out, stop };
}
