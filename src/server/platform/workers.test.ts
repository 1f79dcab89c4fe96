// Worker threads from source: from the compiled build that RJ_COMPILED_SERVER_DIR names (the test
// runs' own, test/global-setup.ts) when it holds the file, else from the TypeScript source.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { workerFile, workerUrl } from './workers';

const checkpointWorker = workerUrl(new URL('../db/checkpointer.ts', import.meta.url).href, './checkpoint.worker');
const saved = process.env.RJ_COMPILED_SERVER_DIR;

describe('worker files', () => {
  afterEach(() => {
    if (saved === undefined) delete process.env.RJ_COMPILED_SERVER_DIR;
    else process.env.RJ_COMPILED_SERVER_DIR = saved;
  });

  it('start from the run’s compiled build when it is named, from the source otherwise', () => {
    expect(checkpointWorker.pathname).toMatch(/\/src\/server\/db\/checkpoint\.worker\.ts$/);
    // the test run names its build (global setup)
    expect(saved).toBeTruthy();
    const compiled = fileURLToPath(workerFile(checkpointWorker));
    expect(compiled).toBe(`${saved}/server/db/checkpoint.worker.js`);
    // a build without the file, or none: the source
    process.env.RJ_COMPILED_SERVER_DIR = '/nonexistent-build';
    expect(workerFile(checkpointWorker)).toBe(checkpointWorker);
    delete process.env.RJ_COMPILED_SERVER_DIR;
    expect(workerFile(checkpointWorker)).toBe(checkpointWorker);
    // a compiled url is left as it is
    const js = new URL('file:///srv/app/dist/server/db/checkpoint.worker.js');
    expect(workerFile(js)).toBe(js);
  });
});
