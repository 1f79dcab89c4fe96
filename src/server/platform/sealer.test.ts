// The in-process sealer on every database: whoever calls sealNow() after committing an entry gets a
// promise that settles only once that entry is sealed, also when the call arrives in the very tick
// in which a run is ending.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, dbKinds, type TestDb } from '../../../test/helpers/db';
import { TEST_KEY } from '../../../test/helpers/app';
import { systemDb } from '../db/system';
import { appendAudit, sealPendingUnscoped, verifyChainUnscoped } from './audit.repo';
import type { AppContext } from './context';
import { createFieldCrypto } from './crypto';
import { createSealer } from './sealer';
import { systemClock } from './clock';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** the sealer anchors the chain's head in a file outside the database: a fresh one per test */
const anchorConfig = () => ({ auditAnchorFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rj-anchor-')), 'audit-anchor.json') });

/** the sealer's sealing step, wrapped so that a test can hold or count its runs (createSealer's third argument) */
const seal = vi.fn(sealPendingUnscoped);

const crypto = createFieldCrypto(TEST_KEY, 'aes-256-gcm');

describe.each(dbKinds)('sealer on %s', (kind) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    seal.mockReset();
    await db?.drop();
  });

  it('seals an entry whose writer asks just as the running seal ends', async () => {
    db = await createTestDb(kind);
    const handle = db.handle;
    const ctx = { db: handle.db, dialect: handle.dialect, crypto, config: anchorConfig(), clock: systemClock } as unknown as AppContext;
    const errors: unknown[] = [];
    const sealer = createSealer(ctx, (e) => errors.push(e), seal);
    const entry = (name: string) => appendAudit(handle.db, { at: new Date().toISOString(), userId: null, username: 't', orgUnitId: null, action: `case.t.${name}`, result: 'success' });
    const real = sealPendingUnscoped;

    // the first run seals, then its answer is held until we let it go
    let release!: () => void;
    let sealedFirst!: () => void;
    const firstDone = new Promise<void>((r) => (sealedFirst = r));
    seal.mockImplementationOnce((...args) => {
      // the run awaits this very promise, so settling it resumes the run in the next microtask
      let settle!: (n: number) => void;
      const answer = new Promise<number>((r) => (settle = r));
      void real(...args).then((n) => {
        release = () => settle(n);
        sealedFirst();
      });
      return answer;
    });
    seal.mockImplementation(real);

    await entry('first');
    const first = sealer.sealNow();
    await firstDone;
    // a writer commits after the run's last batch, and asks for sealing in the tick the run ends
    await entry('late');
    let second: Promise<number> | undefined;
    release();
    void Promise.resolve().then(() => {
      second = sealer.sealNow();
    });
    expect(await first).toBe(1);
    await Promise.resolve();
    expect(second).toBeDefined();
    await second;
    const late = await systemDb(handle.db).selectFrom('audit_logs').select(['hash', 'chain_index']).where('action', '=', 'case.t.late').executeTakeFirstOrThrow();
    expect(late.hash, 'the late entry is still unsealed after its sealNow() settled').not.toBeNull();
    expect(late.chain_index).toBe(2);
    expect(errors).toEqual([]);
    expect((await verifyChainUnscoped(systemDb(handle.db), crypto.auditMac)).ok).toBe(true);
  });

  it('runs one seal at a time and folds calls made meanwhile into one more run', async () => {
    db = await createTestDb(kind);
    const handle = db.handle;
    const sealer = createSealer({ db: handle.db, dialect: handle.dialect, crypto, config: anchorConfig(), clock: systemClock } as unknown as AppContext, () => undefined, seal);
    const real = sealPendingUnscoped;
    let active = 0;
    let most = 0;
    seal.mockImplementation(async (...args) => {
      active++;
      most = Math.max(most, active);
      try {
        return await real(...args);
      } finally {
        active--;
      }
    });
    const writes = Array.from({ length: 30 }, async (_, i) => {
      await appendAudit(handle.db, { at: new Date().toISOString(), userId: null, username: 't', orgUnitId: null, action: `case.w.${i}`, result: 'success' });
      await sealer.sealNow();
    });
    await Promise.all(writes);
    expect(most).toBe(1);
    expect(seal.mock.calls.length).toBeLessThan(30);
    const unsealed = await systemDb(handle.db).selectFrom('audit_logs').select('seq').where('hash', 'is', null).execute();
    expect(unsealed).toEqual([]);
    expect((await verifyChainUnscoped(systemDb(handle.db), crypto.auditMac)).checked).toBe(30);
  });
});
