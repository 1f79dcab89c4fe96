// The recipient generator (demo-recipients.ts) in a worker thread: the bench's database build
// generates, encrypts, hashes and tokenises here while the main thread inserts. One generator,
// run start to end as on the main thread, so a seed gives the same people (names, ID numbers,
// units, households) wherever it runs; only the encryption's random IVs differ, as they do
// between any two runs.
import { parentPort, workerData } from 'node:worker_threads';
import { createFieldCrypto } from '../platform/crypto';
import { generateRecipients, type GeneratedRecipient } from './demo-recipients';
import type { GeneratorWorkerInit } from './demo-recipients-threads';

const port = parentPort;
if (!port) throw new Error('demo-recipients.worker must run in a worker thread');
const init = workerData as GeneratorWorkerInit;
const crypto = createFieldCrypto(Buffer.from(init.crypto.masterKey), init.crypto.suite);

let credits = init.inFlight;
let wake: (() => void) | null = null;
port.on('message', (m: 'ack') => {
  if (m === 'ack') {
    credits += 1;
    wake?.();
    wake = null;
  }
});

async function run(): Promise<void> {
  let batch: GeneratedRecipient[] = [];
  const send = async () => {
    while (credits === 0) await new Promise<void>((r) => (wake = r));
    credits -= 1;
    port!.postMessage({ type: 'batch', rows: batch });
    batch = [];
  };
  for (const g of generateRecipients(init.count, init.units, { seed: init.seed, today: init.today, crypto, at: init.at, createdBy: init.createdBy })) {
    batch.push(g);
    if (batch.length >= init.batchSize) await send();
  }
  if (batch.length) await send();
  port!.postMessage({ type: 'end' });
}

run().catch((e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
