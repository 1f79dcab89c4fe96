// argon2id password hashes.
import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

const options = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A hash of a random password, verified against when the user does not exist (same timing).
let dummy: Promise<string> | null = null;
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword('dummy-' + randomInt(1e9));
  await verifyPassword(await dummy, password);
}

/**
 * A one-time password with lower and upper case, digits and a symbol: it meets every class rule.
 * 12 characters unless the policy's minimum length asks for more (pass it as `length`).
 */
export function generateInitialPassword(length = 12): string {
  const sets = ['abcdefghjkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '@#%+=!'];
  const chars: string[] = [];
  for (const s of sets) chars.push(s[randomInt(s.length)]);
  const all = sets.join('');
  while (chars.length < Math.max(12, length)) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
