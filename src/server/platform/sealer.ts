// Runs the audit sealer after requests that wrote, one run at a time in this process (and, through
// the sealing lock, one at a time across processes); each sealing is anchored outside the database.
import { systemDb } from '../db/system';
import { chainHeadUnscoped, sealPendingUnscoped } from './audit.repo';
import { readAnchorHistory, writeAnchorStart } from './audit-anchor';
import type { AppContext } from './context';

export type Sealer = { kick: () => Promise<void>; sealNow: () => Promise<number> };

/**
 * A deployment's first start (no sealed entry yet, no anchor file) writes the anchor's start line.
 * A missing file under a chain that has entries is not recreated: that is what `audit:verify`
 * reports (restore rebuilds it). Returns a problem to log, if any.
 */
export async function ensureAnchorStart(ctx: Pick<AppContext, 'db' | 'config' | 'crypto' | 'clock'>): Promise<string | null> {
  const file = ctx.config.auditAnchorFile;
  if (readAnchorHistory(file, ctx.crypto.auditMac)) return null;
  if (await chainHeadUnscoped(systemDb(ctx.db))) return `审计锚点文件缺失：${file}（审计日志已有封存条目，不重建；请运行 audit:verify 并调查）`;
  writeAnchorStart(file, ctx.clock.now().toISOString(), ctx.crypto.auditMac);
  return null;
}

/** `seal` is the sealing step (a test wraps it to hold or count runs). */
export function createSealer(ctx: AppContext, onError: (e: unknown) => void, seal: typeof sealPendingUnscoped = sealPendingUnscoped): Sealer {
  let running: Promise<number> | null = null;
  let again = false;
  const reported = new Set<number>();
  const onRejected = (seqs: number[]) => {
    const fresh = seqs.filter((s) => !reported.has(s));
    for (const s of fresh) reported.add(s);
    if (fresh.length) onError(new Error(`审计日志中有 ${fresh.length} 条没有有效写入校验码的条目（被直接写入数据库），拒绝封存：seq ${fresh.slice(0, 20).join(', ')}`));
  };
  const run = async (): Promise<number> => {
    let total = 0;
    try {
      for (;;) {
        again = false;
        total += await seal(systemDb(ctx.db), ctx.dialect, ctx.crypto.auditMac, {
          anchorFile: ctx.config.auditAnchorFile,
          onRejected,
          now: () => ctx.clock.now().toISOString(),
        });
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
