import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

// Random bytes are drawn from the system 4 KiB at a time: one call per id cost more than the rest of
// the id (a county's owed-visit generation makes 200,000 of them).
const POOL = 4096;
let pool = Buffer.alloc(0);
let used = POOL;
function random10(): Buffer {
  if (used + 10 > pool.length) {
    pool = randomBytes(POOL);
    used = 0;
  }
  used += 10;
  return pool.subarray(used - 10, used);
}

/** Time-ordered id: 10 chars of milliseconds + 10 random chars. */
let lastNow = -1;
let lastHead = '';
export function newId(now: number = Date.now()): string {
  // the head changes once a millisecond: a batch of ids (200,000 owed visits) reuses it
  if (now !== lastNow) {
    let t = now;
    let head = '';
    for (let i = 0; i < 10; i++) {
      head = alphabet[t % 32] + head;
      t = Math.floor(t / 32);
    }
    lastNow = now;
    lastHead = head;
  }
  const head = lastHead;
  const bytes = random10();
  let tail = '';
  for (let i = 0; i < 10; i++) tail += alphabet[bytes[i] % 32];
  return head + tail;
}

/** A random token for sessions and CSRF (256 bits, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
