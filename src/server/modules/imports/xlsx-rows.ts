// The main thread's side of the import's worker: feeds it the upload as it asks for bytes and
// yields what it posts (batches of checked rows, or a problem of the sheet as a whole),
// acknowledging each batch when the caller asks for the next, so the worker runs at most
// ROW_BATCHES_IN_FLIGHT batches ahead. Memory stays flat whatever the size of the file.
import { AppError } from '../../platform/errors';
import { startWorker, workerUrl } from '../../platform/workers';
import type { CheckedRow, FromWorker, ToWorker, WorkerInit } from './xlsx-rows.protocol';

const WORKER = workerUrl(import.meta.url, './xlsx-rows.worker');
/**
 * A workbook that unpacks into more than this (ExcelJS keeps the shared-string table; a zip
 * bomb would grow it without end) stops the worker, not the server.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1024 };

export type SheetEvent = { type: 'rows'; rows: CheckedRow[] } | { type: 'problem'; row: number; message: string };
export type SheetSummary = { rows: number; sheet: string | null };

/**
 * Reads `input` (the .xlsx bytes) in a worker; yields batches of checked data rows in sheet
 * order (or a problem of the whole sheet), then returns the summary. Stopping early (break,
 * throw) ends the worker; the rest of the upload is read and dropped.
 */
export async function* checkedRows(
  input: AsyncIterable<Uint8Array>,
  opts: { today: string; maxBytes: number; signal?: AbortSignal },
): AsyncGenerator<SheetEvent, SheetSummary> {
  const worker = startWorker(WORKER, { workerData: { today: opts.today } satisfies WorkerInit, resourceLimits: WORKER_LIMITS });
  const source = input[Symbol.asyncIterator]();
  const queue: SheetEvent[] = [];
  let finished: SheetSummary | null = null;
  let failure: Error | null = null;
  let notify: (() => void) | null = null;
  const wakeUp = () => {
    notify?.();
    notify = null;
  };
  const fail = (e: Error) => {
    failure ??= e;
    wakeUp();
  };
  const send = (m: ToWorker) => worker.postMessage(m);
  let bytes = 0;
  let reading: Promise<void> | null = null;

  async function pull(): Promise<void> {
    try {
      const next = await source.next();
      if (next.done) {
        send({ type: 'end' });
        return;
      }
      bytes += next.value.byteLength;
      if (bytes > opts.maxBytes) throw new AppError(413, 'FILE_TOO_LARGE', `文件不能超过 ${Math.round(opts.maxBytes / 1024 / 1024)} MB`);
      send({ type: 'chunk', data: next.value });
    } catch (e) {
      fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  worker.on('message', (m: FromWorker) => {
    switch (m.type) {
      case 'pull':
        reading = pull();
        break;
      case 'rows':
        queue.push({ type: 'rows', rows: m.rows });
        wakeUp();
        break;
      case 'problem':
        queue.push({ type: 'problem', row: m.row, message: m.message });
        wakeUp();
        break;
      case 'end':
        finished = { rows: m.rows, sheet: m.sheet };
        wakeUp();
        break;
      case 'error':
        fail(new AppError(400, 'BAD_WORKBOOK', `文件无法读取，请确认是 Excel 工作簿（.xlsx）：${m.message}`));
        break;
    }
  });
  worker.on('error', (e) => {
    if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') fail(new AppError(413, 'WORKBOOK_TOO_LARGE', '文件内容过多，无法一次读取，请分成几个文件导入'));
    else fail(e);
  });
  worker.on('exit', (code) => {
    if (!finished) fail(new Error(`import worker exited (${code})`));
  });
  const onAbort = () => fail(new AppError(499, 'ABORTED', '导入已取消'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    for (;;) {
      if (failure) throw failure;
      const event = queue.shift();
      if (event) {
        yield event;
        if (event.type === 'rows') send({ type: 'ack' });
        continue;
      }
      if (finished) return finished;
      await new Promise<void>((r) => (notify = r));
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    worker.removeAllListeners('exit');
    await worker.terminate();
    await reading;
    await drain(source, Math.max(0, opts.maxBytes - bytes));
  }
}

/**
 * Reads the rest of an upload the worker stopped reading (a problem of the whole sheet), so
 * that the answer reaches the client; an upload longer than the limit is cut off instead.
 */
async function drain(source: AsyncIterator<Uint8Array>, budget: number): Promise<void> {
  try {
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      budget -= next.value.byteLength;
      if (budget < 0) {
        await source.return?.();
        return;
      }
    }
  } catch {
    // the client went away: nothing left to read
  }
}
