// The main thread's side of the import's worker: starts it (before the upload has arrived), hands
// it the workbook's bytes and yields what it posts (batches of checked rows, or a problem of the
// sheet as a whole), acknowledging each batch when the caller asks for the next, so the worker
// runs at most ROW_BATCHES_IN_FLIGHT batches ahead.
import { AppError } from '../../platform/errors';
import type { FieldCryptoSeed } from '../../platform/crypto';
import { startWorker, workerUrl } from '../../platform/workers';
import type { CheckedRow, FromWorker, ToWorker, WorkerInit } from './xlsx-rows.protocol';

const WORKER = workerUrl(import.meta.url, './xlsx-rows.worker');
/**
 * A workbook that unpacks into more than this (the shared-string table is kept; a zip bomb
 * would grow it without end) stops the worker, not the server.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1024 };

/**
 * Receives a whole upload (a zip's directory is at its end) into one buffer of its own, up to
 * `maxBytes` (413 beyond).
 */
export async function receiveUpload(input: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of input) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw new AppError(413, 'FILE_TOO_LARGE', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
    chunks.push(chunk);
  }
  const file = new Uint8Array(new ArrayBuffer(bytes));
  let at = 0;
  for (const c of chunks) {
    file.set(c, at);
    at += c.byteLength;
  }
  return file;
}

export type SheetEvent = { type: 'rows'; rows: CheckedRow[] } | { type: 'problem'; row: number; message: string };
export type SheetSummary = { rows: number; sheet: string | null };

/** A sheet worker started ahead of its file (startSheetWorker). */
export type SheetWorker = {
  /**
   * Hands the worker `file` (the .xlsx bytes, from receiveUpload: transferred, unusable here
   * afterwards) and yields batches of checked data rows in sheet order (or a problem of the whole
   * sheet), then returns the summary. Stopping early (break, throw) ends the worker.
   */
  rows(file: Uint8Array): AsyncGenerator<SheetEvent, SheetSummary>;
  /** Ends the worker without a file (the upload failed). */
  stop(): Promise<void>;
};

/**
 * Starts the worker that reads and checks a workbook before the workbook is there: it loads its
 * modules (the row checks, pinyin, the phone metadata: 0.3–0.4 s) while the upload arrives.
 */
export function startSheetWorker(opts: { today: string; crypto: FieldCryptoSeed; signal?: AbortSignal }): SheetWorker {
  const init: WorkerInit = { today: opts.today, crypto: opts.crypto };
  const worker = startWorker(WORKER, { workerData: init, resourceLimits: WORKER_LIMITS });
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
  const send = (m: ToWorker, transfer?: ArrayBuffer[]) => worker.postMessage(m, transfer);

  worker.on('message', (m: FromWorker) => {
    switch (m.type) {
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
  const exited = (code: number) => {
    if (!finished) fail(new Error(`import worker exited (${code})`));
  };
  worker.on('exit', exited);
  const stop = async () => {
    worker.off('exit', exited);
    await worker.terminate();
  };

  async function* rows(file: Uint8Array): AsyncGenerator<SheetEvent, SheetSummary> {
    const onAbort = () => fail(new AppError(499, 'ABORTED', '导入已取消'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      send({ type: 'file', file }, [file.buffer as ArrayBuffer]);
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
      await stop();
    }
  }
  return { rows, stop };
}
