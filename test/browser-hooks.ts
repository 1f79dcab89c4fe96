// A setup file (vitest.config.ts): run again before every test file, also under --no-isolate, where
// hooks at the top level of a shared module (e2e/browser.ts) would be registered for the first file
// of each worker only. For browser test files: a failed test leaves screenshots of its open pages and
// their API answers ≥ 400; a CSP violation fails the test that caused it. Other files skip both.
import { afterEach, beforeEach } from 'vitest';

const isBrowserFile = (filepath: string) => /[\\/]e2e[\\/]/.test(filepath);

beforeEach(async ({ task, onTestFailed }) => {
  if (!isBrowserFile(task.file.filepath)) return;
  const { reportFailedTest } = await import('../e2e/browser');
  onTestFailed(() => reportFailedTest(task));
});

afterEach(async ({ task }) => {
  if (!isBrowserFile(task.file.filepath)) return;
  const { failOnCspViolations } = await import('../e2e/browser');
  failOnCspViolations();
});
