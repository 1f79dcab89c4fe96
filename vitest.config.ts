import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // per-file hooks of the browser tests (run again for every file, also under --no-isolate)
    setupFiles: ['test/browser-hooks.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // expect.poll waits for a condition; its own default (1 s) is less than a page reload takes on a
    // busy machine (the notifications browser test once read the bell before its count came)
    expect: { poll: { timeout: 15_000 } },
  },
});
