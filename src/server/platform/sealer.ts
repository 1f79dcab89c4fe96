// Runs the audit sealer after requests that wrote, one run at a time in this process.
import { systemDb } from '../db/system';
import { chainHeadUnscoped, sealPendingUnscoped } from './audit.repo';
import { recordAnchor } from './audit-anchor';
import type { AppContext } from './context';

export type Sealer = { kick: () => Promise<void>; sealNow: () => Promise<number> };

/** Writes the chain's head to the anchor file outside the database. */
export async function anchorHead(ctx: Pick<AppContext, 'db' | 'config' | 'crypto' | 'clock'>, opts: { rewind?: boolean } = {}): Promise<void> {
  const head = await chainHeadUnscoped(systemDb(ctx.db));
  if (head) recordAnchor(ctx.config.auditAnchorFile, head, ctx.clock.now().toISOString(), ctx.crypto.auditMac, opts);
}

export function createSealer(ctx: AppContext, onError: (e: unknown) => void): Sealer {
  let running: Promise<number> | null = null;
  let again = false;
  const run = async (): Promise<number> => {
    let total = 0;
    try {
      for (;;) {
        again = false;
        total += await sealPendingUnscoped(systemDb(ctx.db), ctx.dialect, ctx.crypto.auditMac);
        // decide and let go in one step: a sealNow() from here on starts a new run instead of
        // being handed this one, which would settle without its entry
        if (!again) {
          running = null;
          break;
        }
      }
    } catch (e) {
      running = null;
      throw e;
    }
    // the new head goes to the anchor outside the database (a later run may anchor further)
    if (total > 0) await anchorHead(ctx);
    return total;
  };
  const sealNow = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = run();
    return running;
  };
  return {
    sealNow,
    kick: async () => {
      try {
        await sealNow();
      } catch (e) {
        onError(e);
      }
    },
  };
}
