// Opens the database and the key, and migrates: shared by main.ts and the CLI.
import type { Config } from './config';
import { openDatabase, type DbHandle } from './db/client';
import { migrateToLatest } from './db/migrate';
import { createFieldCrypto, loadMasterKey, type FieldCrypto } from './platform/crypto';
import { macEntriesBefore0015Unscoped, registerAuditKey } from './platform/audit.repo';
import { sealAidNarratives } from './modules/assistance';

export type Booted = { handle: DbHandle; crypto: FieldCrypto; newlyCreated: boolean };

/** `server`: the long-running server (SQLite's checkpoints in a worker thread, db/checkpointer.ts); the CLI's runs are short. */
export async function boot(config: Config, opts: { server?: boolean } = {}): Promise<Booted> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, backgroundCheckpoints: opts.server });
  const crypto = createFieldCrypto(loadMasterKey({ keyHex: config.encryptionKeyHex, dataDir: config.dataDir }), config.cipher);
  const applied = await migrateToLatest(handle);
  registerAuditKey(handle.db, crypto.auditMac);
  // entries written before 0015 and not sealed yet get the MAC they were written without
  if (applied.includes('0015-audit-entry-mac')) await macEntriesBefore0015Unscoped(handle.db, crypto.auditMac);
  // assistance narratives written in clear before 0036 are encrypted (a no-op once none is left)
  await sealAidNarratives(handle.db, crypto);
  return { handle, crypto, newlyCreated: applied.includes('0001-foundation') };
}
