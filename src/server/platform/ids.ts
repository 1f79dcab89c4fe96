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
/** the current id's characters (their codes): head, then tail */
const chars = Buffer.alloc(20);
/** the tail's digits (0–31) */
const tail = new Uint8Array(10);
const codes = Buffer.from(alphabet, 'latin1');
export function newId(now: number = Date.now()): string {
  // the head changes once a millisecond: a batch of ids (200,000 owed visits, an import's
  // 200,000 records and versions) reuses it
  if (now !== lastNow) {
    let t = now;
    for (let i = 9; i >= 0; i--) {
      chars[i] = codes[t % 32];
      t = Math.floor(t / 32);
    }
    lastNow = now;
    const bytes = random10();
    for (let i = 0; i < 10; i++) {
      tail[i] = bytes[i] % 32;
      chars[10 + i] = codes[tail[i]];
    }
  } else {
    // count up from the previous tail; 32^10 ids a millisecond before it could wrap
    let i = 9;
    while (i >= 0 && tail[i] === 31) {
      tail[i] = 0;
      chars[10 + i--] = codes[0];
    }
    if (i >= 0) chars[10 + i] = codes[++tail[i]];
  }
  // one flat string per id (built a character at a time, each id was twenty strings)
  return chars.toString('latin1');
}

/** A random token for sessions and CSRF (256 bits, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
