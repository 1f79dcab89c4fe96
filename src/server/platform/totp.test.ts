// RFC 6238 TOTP (SHA-1, 30 s, 6 digits) and RFC 4648 base32.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, otpauthUrl, totpCode, totpStep, verifyTotp } from './totp';

const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('base32', () => {
  it('encodes the RFC 6238 seed as authenticator apps expect', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('matches the RFC 4648 vectors (padding dropped) and decodes back', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, enc] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(enc);
      expect(base32Decode(enc).toString()).toBe(plain);
      expect(base32Decode(enc.toLowerCase()).toString()).toBe(plain);
    }
    expect(base32Decode('MZXW6===').toString()).toBe('foo');
    expect(() => base32Decode('MZXW1')).toThrow(/base32/);
  });

  it('makes 160-bit random secrets', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(a);
  });
});

describe('TOTP', () => {
  it('gives the RFC 6238 test vector: T=59 → 287082 (94287082 to 8 digits)', () => {
    expect(totpStep(new Date(59_000))).toBe(1);
    expect(totpCode(RFC_SECRET, totpStep(new Date(59_000)))).toBe('287082');
  });

  it('gives the other RFC 6238 SHA-1 vectors, cut to 6 digits', () => {
    const vectors: [number, string][] = [
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
      [20000000000, '353130'],
    ];
    for (const [t, code] of vectors) expect(totpCode(RFC_SECRET, totpStep(new Date(t * 1000))), `T=${t}`).toBe(code);
  });

  it('accepts the code of this step and one step either side, and says which step it was', () => {
    const at = new Date(1111111111_000);
    const step = totpStep(at);
    expect(verifyTotp(RFC_SECRET, '050471', at, null)).toBe(step);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), at, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), at, null)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 2), at, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 2), at, null)).toBeNull();
  });

  it('refuses a code of a step already used, or of an earlier one (no replay)', () => {
    const at = new Date(1111111111_000);
    const step = totpStep(at);
    expect(verifyTotp(RFC_SECRET, '050471', at, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '050471', at, step + 1)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), at, step - 1)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '050471', at, step - 1)).toBe(step);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), at, step)).toBe(step + 1);
  });

  it('refuses anything but exactly six ASCII digits, without throwing', () => {
    const at = new Date(1111111111_000);
    for (const bad of ['', '05047', '0504710', '050471 ', ' 050471', '05047１', '０５０４７１', 'abcdef', '05047٩', '05047\u0000', '😀😀😀']) {
      expect(verifyTotp(RFC_SECRET, bad, at, null), JSON.stringify(bad)).toBeNull();
    }
    // a longer string that starts with the right code is not the right code
    expect(verifyTotp(RFC_SECRET, '0504719', at, null)).toBeNull();
  });

  it('differs between secrets', () => {
    const other = base32Encode(Buffer.from('12345678901234567891', 'ascii'));
    expect(totpCode(other, 1)).not.toBe(totpCode(RFC_SECRET, 1));
    expect(verifyTotp(other, '287082', new Date(59_000), null)).toBeNull();
  });

  it('builds the otpauth URL with the issuer 戎家', () => {
    const url = otpauthUrl('GEZDGNBV', 'admin');
    expect(url).toBe('otpauth://totp/%E6%88%8E%E5%AE%B6%3Aadmin?secret=GEZDGNBV&issuer=%E6%88%8E%E5%AE%B6&algorithm=SHA1&digits=6&period=30');
    const params = new URL(url).searchParams;
    expect([params.get('issuer'), params.get('secret'), params.get('digits'), params.get('period')]).toEqual(['戎家', 'GEZDGNBV', '6', '30']);
    // a user name with reserved characters stays inside the label
    expect(otpauthUrl('GEZDGNBV', 'a&b?c')).toContain('/%E6%88%8E%E5%AE%B6%3Aa%26b%3Fc?secret=');
  });
});
