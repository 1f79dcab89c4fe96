import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** Time-ordered id: 10 chars of milliseconds + 10 random chars. */
export function newId(now: number = Date.now()): string {
  let t = now;
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = alphabet[t % 32] + head;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let tail = '';
  for (let i = 0; i < 10; i++) tail += alphabet[bytes[i] % 32];
  return head + tail;
}

/** A random token for sessions and CSRF (256 bits, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
