// The registration's bot check, self-hosted: proof of work. The server issues a signed random
// challenge with a difficulty and an expiry (nothing stored); the client finds a nonce such that
// SHA-256(challenge + nonce) starts with `difficulty` zero bits; the server checks the signature,
// the expiry, the difficulty against the current setting and the hash, then spends the challenge
// (a row in pow_spent) so it works once.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PowChallengeDto } from '../../../shared/schemas/public-accounts';
import type { Tx } from '../../db/transaction';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { spendChallengeUnscoped } from './public-accounts.repo';

/** How long a challenge may be solved and sent. */
export const POW_TTL_SECONDS = 600;

function mac(ctx: AppContext, body: string): string {
  return ctx.crypto.lookupHash(`pow:${body}`).slice(0, 32);
}

export function issueChallenge(ctx: AppContext): PowChallengeDto {
  const difficulty = ctx.config.publicPowDifficulty;
  const expires = ctx.clock.now().getTime() + POW_TTL_SECONDS * 1000;
  const body = `v1.${randomBytes(12).toString('hex')}.${expires}.${difficulty}`;
  return { challenge: `${body}.${mac(ctx, body)}`, difficulty, expiresAt: new Date(expires).toISOString() };
}

export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

const refused = (message: string) => new AppError(400, 'BOT_CHECK', message);

/** Checks a solution and spends it in `trx`; throws 400 with the reason when it is not good. */
export async function verifyAndSpend(ctx: AppContext, trx: Tx, sol: { challenge: string; nonce: string }): Promise<void> {
  const parts = sol.challenge.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') throw refused('人机验证无效，请刷新页面重试');
  const body = parts.slice(0, 4).join('.');
  const a = Buffer.from(parts[4]);
  const b = Buffer.from(mac(ctx, body));
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw refused('人机验证无效，请刷新页面重试');
  const expires = Number(parts[2]);
  const difficulty = Number(parts[3]);
  const now = ctx.clock.now().getTime();
  if (!Number.isFinite(expires) || expires < now) throw refused('人机验证已过期，请重新验证');
  // a challenge issued before the difficulty was raised is not enough any more
  if (!(difficulty >= ctx.config.publicPowDifficulty)) throw refused('人机验证难度不足，请重新验证');
  const digest = createHash('sha256').update(sol.challenge + sol.nonce, 'utf8').digest();
  if (leadingZeroBits(digest) < difficulty) throw refused('人机验证未通过，请重新验证');
  if (!(await spendChallengeUnscoped(trx, parts[1], new Date(expires).toISOString(), new Date(now).toISOString()))) {
    throw refused('人机验证已使用过，请重新验证');
  }
}

/** Solves a challenge (tests and tools; the browser has its own solver). */
export function solveChallenge(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(challenge + String(n), 'utf8').digest();
    if (leadingZeroBits(digest) >= difficulty) return String(n);
  }
}
