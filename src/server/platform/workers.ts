// Worker threads from source and from the compiled server alike. The compiled server (dist/, see
// scripts/build-server.ts) has `x.worker.js` next to the module that starts it; from source (tsx,
// vitest) it is `x.worker.ts`, which a worker cannot load by itself on Node 20, so a one-line
// bootstrap loads tsx's ESM API in the worker and imports the file with it (tsx is a dev
// dependency: production never takes that path). Name worker files `*.worker.ts`: the build
// compiles every file, and the name says what the file is.
//
// From source with RJ_COMPILED_SERVER_DIR naming a compiled build of the same sources (the test runs
// set it: test/global-setup.ts builds one for the CLI tests), a worker starts from that build's file,
// as production starts it: no TypeScript loader, and its modules bundled (an import's worker started
// with ~0.45 s less CPU, measured; the API tests start one for every upload).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker file `name` (e.g. './xlsx-rows.worker') beside the module whose import.meta.url is `base`, as .ts or .js like that module. */
export function workerUrl(base: string, name: string): URL {
  return new URL(`${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

let live = 0;
/** Workers started by startWorker that have not exited (tests: a worker is ended on every path). */
export const liveWorkers = (): number => live;

/** src/server, where the source of every worker file is (this file is src/server/platform/workers.ts). */
const serverSource = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The file a worker at `url` starts from: the compiled build's (RJ_COMPILED_SERVER_DIR) for a source
 * file that the build holds, else `url` itself.
 */
export function workerFile(url: URL): URL {
  const build = process.env.RJ_COMPILED_SERVER_DIR;
  if (!build || !url.pathname.endsWith('.ts') || url.protocol !== 'file:') return url;
  const rel = path.relative(serverSource, fileURLToPath(url));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return url;
  const compiled = path.join(build, 'server', rel.replace(/\.ts$/, '.js'));
  return fs.existsSync(compiled) ? pathToFileURL(compiled) : url;
}

/** Starts the worker at `url` (from workerUrl). */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  let worker: Worker;
  url = workerFile(url);
  // (a worker inherits the process's flags: --input-type, of a process run from `node -e`, is refused for a file)
  if (!url.pathname.endsWith('.ts')) worker = new Worker(url, { execArgv: process.execArgv.filter((a) => !a.startsWith('--input-type')), ...options });
  else {
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
    worker = new Worker(code, { ...options, eval: true });
  }
  live += 1;
  worker.once('exit', () => (live -= 1));
  return worker;
}
