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

/**
 * Time-ordered id: 10 chars of milliseconds + 10 chars that are random for the first id of a
 * millisecond and then count up (ULID's monotonic mode), so ids made in one process sort in the
 * order they were made: rows written in one transaction (a handling entry's files) list in that
 * order when sorted by (created_at, id).
 */
let lastNow = -1;
let lastHead = '';
const tail = new Uint8Array(10);
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
    const bytes = random10();
    for (let i = 0; i < 10; i++) tail[i] = bytes[i] % 32;
  } else {
    // count up from the previous tail; 32^10 ids a millisecond before it could wrap
    let i = 9;
    while (i >= 0 && tail[i] === 31) tail[i--] = 0;
    if (i >= 0) tail[i]++;
  }
  let out = lastHead;
  for (let i = 0; i < 10; i++) out += alphabet[tail[i]];
  return out;
}

/** A random token for sessions and CSRF (256 bits, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
