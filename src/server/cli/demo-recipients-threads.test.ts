// The bench's build generates in a worker thread: the same people for the same seed as the
// generator on the main thread (the bench's search samples and results stay comparable).
import { describe, expect, it } from 'vitest';
import { createFieldCrypto } from '../platform/crypto';
import { generateRecipients, type GeneratedRecipient } from './demo-recipients';
import { generateRecipientsInWorker } from './demo-recipients-threads';

const crypto = createFieldCrypto(Buffer.alloc(32, 9), 'aes-256-gcm');
const units = Array.from({ length: 40 }, (_, i) => ({ id: `u${i}`, path: `/p/c/u${i}/`, name: `第${i}村村民委员会`, villageName: `第${i}村` }));
const opts = { seed: 7, today: '2026-11-29', crypto, at: '2026-11-01T00:00:00.000Z', createdBy: 'bench' };

/** A record as compared: the encrypted fields decrypted (their IVs are random in any run). */
function plain(g: GeneratedRecipient) {
  const r = g.recipient;
  const open = (v: string | null) => (v === null ? null : crypto.decrypt(v));
  return { ...r, id_number_enc: open(r.id_number_enc), phone_enc: open(r.phone_enc), bank_account_enc: open(r.bank_account_enc), disability_cert_enc: open(r.disability_cert_enc), household: g.household, tokens: g.tokens };
}

describe('generateRecipientsInWorker', () => {
  it('yields the same recipients, households and tokens as generateRecipients for the same seed, in batches', async () => {
    const expected = [...generateRecipients(2500, units, opts)].map(plain);
    const sizes: number[] = [];
    const got: ReturnType<typeof plain>[] = [];
    for await (const batch of generateRecipientsInWorker(2500, units, opts, 1000, 2)) {
      sizes.push(batch.length);
      got.push(...batch.map(plain));
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(got).toEqual(expected);
  }, 60_000);

  it('ends the worker when the caller stops early', async () => {
    let n = 0;
    for await (const batch of generateRecipientsInWorker(100_000, units, opts, 500, 2)) {
      n += batch.length;
      if (n >= 1000) break;
    }
    expect(n).toBe(1000);
  }, 60_000);
});
