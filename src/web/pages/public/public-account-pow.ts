// The registration's bot check, solved in the browser: find a nonce whose SHA-256 (of the
// challenge's prefix followed by the nonce) starts with `difficulty` zero bits. Web Crypto does
// the hashing in batches (one await per batch, not per hash); on a page served over plain HTTP
// (no Web Crypto outside a secure context) a small SHA-256 of our own takes over.

export type PowProgress = { tried: number; expected: number };

/** true when the first `bits` bits of the digest are zero */
export function hasLeadingZeroBits(digest: Uint8Array, bits: number): boolean {
  let i = 0;
  let left = bits;
  while (left >= 8) {
    if (digest[i] !== 0) return false;
    i++;
    left -= 8;
  }
  if (left === 0) return true;
  return (digest[i] >> (8 - left)) === 0;
}

// ---- SHA-256 (FIPS 180-4) for pages without Web Crypto ----
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export function sha256(data: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const len = data.length;
  const blocks = Math.ceil((len + 9) / 64);
  const buf = new Uint8Array(blocks * 64);
  buf.set(data);
  buf[len] = 0x80;
  const view = new DataView(buf.buffer);
  view.setUint32(buf.length - 8, Math.floor(len / 0x20000000));
  view.setUint32(buf.length - 4, (len << 3) >>> 0);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(b * 64 + t * 4);
    for (let t = 16; t < 64; t++) {
      const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
      const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
    }
    let [a, bb, c, d, e, f, g, hh] = h;
    for (let t = 0; t < 64; t++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[t] + w[t]) >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0] + a) >>> 0;
    h[1] = (h[1] + bb) >>> 0;
    h[2] = (h[2] + c) >>> 0;
    h[3] = (h[3] + d) >>> 0;
    h[4] = (h[4] + e) >>> 0;
    h[5] = (h[5] + f) >>> 0;
    h[6] = (h[6] + g) >>> 0;
    h[7] = (h[7] + hh) >>> 0;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, h[i]);
  return out;
}

const BATCH = 256;

/**
 * Finds the first nonce (counting 0, 1, 2, … in decimal) such that SHA-256(`prefix` + nonce),
 * both as UTF-8, starts with `difficulty` zero bits. Reports progress after every batch and
 * stops with an AbortError when the signal fires.
 */
export async function solvePow(
  prefix: string,
  difficulty: number,
  opts: { onProgress?: (p: PowProgress) => void; signal?: AbortSignal } = {},
): Promise<string> {
  const enc = new TextEncoder();
  const subtle = typeof crypto !== 'undefined' && crypto.subtle ? crypto.subtle : null;
  const expected = 2 ** difficulty;
  for (let start = 0; ; start += BATCH) {
    if (opts.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const inputs = Array.from({ length: BATCH }, (_v, i) => enc.encode(prefix + String(start + i)));
    const digests = subtle
      ? (await Promise.all(inputs.map((d) => subtle.digest('SHA-256', d)))).map((b) => new Uint8Array(b))
      : inputs.map((d) => sha256(d));
    const hit = digests.findIndex((d) => hasLeadingZeroBits(d, difficulty));
    if (hit >= 0) {
      opts.onProgress?.({ tried: start + hit + 1, expected });
      return String(start + hit);
    }
    opts.onProgress?.({ tried: start + BATCH, expected });
    // let the page paint the progress between batches
    if (!subtle) await new Promise((r) => setTimeout(r, 0));
  }
}
