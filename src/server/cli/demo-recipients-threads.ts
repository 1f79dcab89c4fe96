// generateRecipients in a worker thread (demo-recipients.worker.ts), yielded in batches: the
// same recipients for the same seed as on this thread, while this thread is free to insert
// them. The worker runs at most `inFlight` batches ahead of the caller.
import type { FieldCrypto, FieldCryptoSeed } from '../platform/crypto';
import { fieldCryptoSeed } from '../platform/crypto';
import { startWorker, workerUrl } from '../platform/workers';
import type { DemoUnit, GeneratedRecipient, GeneratorOptions } from './demo-recipients';

const WORKER = workerUrl(import.meta.url, './demo-recipients.worker');

export type GeneratorWorkerInit = {
  count: number;
  units: DemoUnit[];
  seed: number;
  today: string;
  at: string;
  createdBy: string;
  crypto: FieldCryptoSeed;
  batchSize: number;
  inFlight: number;
};

type FromWorker = { type: 'batch'; rows: GeneratedRecipient[] } | { type: 'end' } | { type: 'error'; message: string };

/** generateRecipients(count, units, opts) made in a worker thread, in batches of `batchSize`. */
export async function* generateRecipientsInWorker(
  count: number,
  units: DemoUnit[],
  opts: GeneratorOptions & { crypto: FieldCrypto },
  batchSize = 5000,
  inFlight = 4,
): AsyncGenerator<GeneratedRecipient[]> {
  const seed = fieldCryptoSeed(opts.crypto);
  if (!seed) throw new Error('generateRecipientsInWorker needs a FieldCrypto from createFieldCrypto');
  const init: GeneratorWorkerInit = { count, units, seed: opts.seed, today: opts.today, at: opts.at, createdBy: opts.createdBy, crypto: seed, batchSize, inFlight };
  const worker = startWorker(WORKER, { workerData: init });
  const queue: GeneratedRecipient[][] = [];
  let ended = false;
  let failure: Error | null = null;
  let notify: (() => void) | null = null;
  const wakeUp = () => {
    notify?.();
    notify = null;
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'batch') queue.push(m.rows);
    else if (m.type === 'end') ended = true;
    else failure ??= new Error(`recipient generator: ${m.message}`);
    wakeUp();
  });
  worker.on('error', (e) => {
    failure ??= e;
    wakeUp();
  });
  worker.on('exit', (code) => {
    if (!ended) failure ??= new Error(`recipient generator exited (${code})`);
    wakeUp();
  });
  try {
    for (;;) {
      if (failure) throw failure;
      const rows = queue.shift();
      if (rows) {
        worker.postMessage('ack');
        yield rows;
        continue;
      }
      if (ended) return;
      await new Promise<void>((r) => (notify = r));
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}
