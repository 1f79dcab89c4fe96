// Worker threads from source and from the compiled server alike. The compiled server (dist/, see
// scripts/build-server.ts) has `x.worker.js` next to the module that starts it; from source (tsx,
// vitest) it is `x.worker.ts`, which a worker cannot load by itself on Node 20, so a one-line
// bootstrap loads tsx's ESM API in the worker and imports the file with it (tsx is a dev
// dependency: production never takes that path). Name worker files `*.worker.ts`: the build
// compiles every file, and the name says what the file is.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker file `name` (e.g. './xlsx-rows.worker') beside the module whose import.meta.url is `base`, as .ts or .js like that module. */
export function workerUrl(base: string, name: string): URL {
  return new URL(`${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

let live = 0;
/** Workers started by startWorker that have not exited (tests: a worker is ended on every path). */
export const liveWorkers = (): number => live;

/** Starts the worker at `url` (from workerUrl). */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  let worker: Worker;
  if (!url.pathname.endsWith('.ts')) worker = new Worker(url, options);
  else {
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
    worker = new Worker(code, { ...options, eval: true });
  }
  live += 1;
  worker.once('exit', () => (live -= 1));
  return worker;
}
