// Field encryption: AES-256-GCM (default) and 商用密码 SM4 (SM4-CBC + HMAC-SM3) suites.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFieldCrypto, loadMasterKey, sha256Hex, type CipherSuite } from './crypto';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const suites: CipherSuite[] = ['aes-256-gcm', 'sm4'];
const prefix: Record<CipherSuite, string> = { 'aes-256-gcm': 'a1:', sm4: 's1:' };
const texts = ['张三', '浙江省湖州市安吉县孝丰镇横溪坞村 3 组 18 号', '11010519491231002X', '', 'a'.repeat(1000), '退役军人😀𠀀'];

/** flips one bit of the decoded body at `index` (negative: from the end) */
function tamper(stored: string, index: number): string {
  const body = Buffer.from(stored.slice(3), 'base64');
  const i = index < 0 ? body.length + index : index;
  body[i] ^= 1;
  return stored.slice(0, 3) + body.toString('base64');
}

describe.each(suites)('field crypto, %s suite', (suite) => {
  const c = createFieldCrypto(KEY, suite);

  it('round-trips Chinese text (and the empty string, long text, astral characters)', () => {
    for (const t of texts) {
      const enc = c.encrypt(t);
      expect(enc.startsWith(prefix[suite])).toBe(true);
      expect(c.decrypt(enc)).toBe(t);
    }
  });

  it('never stores the plain text, and encrypts the same text differently each time', () => {
    const t = '11010519491231002X';
    const a = c.encrypt(t);
    const b = c.encrypt(t);
    expect(a).not.toBe(b);
    expect(a).not.toContain(t);
    expect(Buffer.from(a.slice(3), 'base64').toString('latin1')).not.toContain(t);
    expect(new Set(Array.from({ length: 20 }, () => c.encrypt(t))).size).toBe(20);
  });

  it('detects tampering anywhere: IV, tag or MAC, ciphertext, and truncation', () => {
    const enc = c.encrypt('王二小 13800138000');
    const len = Buffer.from(enc.slice(3), 'base64').length;
    for (const i of [0, 5, 13, 20, 30, len - 1]) {
      expect(() => c.decrypt(tamper(enc, i)), `byte ${i}`).toThrow();
    }
    const body = Buffer.from(enc.slice(3), 'base64');
    for (const cut of [1, 4, 12, 16, len - 28, len - 1]) {
      expect(() => c.decrypt(enc.slice(0, 3) + body.subarray(0, len - cut).toString('base64')), `cut ${cut}`).toThrow();
    }
    expect(() => c.decrypt(enc.slice(0, 3))).toThrow();
    expect(() => c.decrypt('x1:' + enc.slice(3))).toThrow(/unknown ciphertext format/);
    expect(() => c.decrypt('')).toThrow();
  });

  it('a value encrypted under another key is refused', () => {
    const other = createFieldCrypto(OTHER_KEY, suite);
    expect(() => c.decrypt(other.encrypt('张三'))).toThrow();
  });

  it('lookupHash is deterministic, keyed and distinguishes values', () => {
    expect(c.lookupHash('11010519491231002X')).toBe(c.lookupHash('11010519491231002X'));
    expect(c.lookupHash('11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
    expect(c.lookupHash('11010519491231002X')).not.toBe(c.lookupHash('110105194912310028'));
    expect(c.lookupHash('张三')).not.toBe(c.lookupHash('张 三'));
    // keyed: not a plain hash, and another key gives another value
    expect(c.lookupHash('张三')).not.toBe(sha256Hex('张三'));
    expect(createFieldCrypto(OTHER_KEY, suite).lookupHash('张三')).not.toBe(c.lookupHash('张三'));
    // a new instance with the same key finds the same value (it is stable across restarts)
    expect(createFieldCrypto(KEY, suite).lookupHash('张三')).toBe(c.lookupHash('张三'));
  });

  it('auditMac is deterministic and keyed', () => {
    expect(c.auditMac('entry')).toBe(createFieldCrypto(KEY, suite).auditMac('entry'));
    expect(c.auditMac('entry')).not.toBe(c.auditMac('entry '));
    expect(createFieldCrypto(OTHER_KEY, suite).auditMac('entry')).not.toBe(c.auditMac('entry'));
  });
});

describe('the two suites', () => {
  const aes = createFieldCrypto(KEY, 'aes-256-gcm');
  const sm4 = createFieldCrypto(KEY, 'sm4');

  it('do not read each other’s values, with a message that says why', () => {
    expect(() => sm4.decrypt(aes.encrypt('张三'))).toThrow(/AES-256-GCM/);
    expect(() => aes.decrypt(sm4.encrypt('张三'))).toThrow(/SM4/);
  });

  it('AES-256-GCM refuses a value whose authentication tag was cut short', () => {
    // GCM checks a shortened tag as a prefix of the real one unless its length is fixed:
    // a forger would need to guess 4 bytes instead of 16
    const body = Buffer.from(aes.encrypt('').slice(3), 'base64');
    expect(body.length).toBe(28);
    for (const tagBytes of [4, 8, 12, 15]) {
      const cut = 'a1:' + body.subarray(0, 12 + tagBytes).toString('base64');
      expect(() => aes.decrypt(cut), `${tagBytes}-byte tag`).toThrow();
    }
  });

  it('have different lookup hashes and audit MACs for the same key', () => {
    expect(aes.lookupHash('11010519491231002X')).not.toBe(sm4.lookupHash('11010519491231002X'));
    expect(aes.auditMac('x')).not.toBe(sm4.auditMac('x'));
    expect(sm4.lookupHash('x')).toMatch(/^[0-9a-f]{64}$/); // SM3 is 256 bits too
  });

  it('SM4 really is SM4 with an SM3 MAC: the layout is IV 16 + MAC 32 + whole blocks', () => {
    const body = Buffer.from(sm4.encrypt('一二三四五六').slice(3), 'base64'); // 18 bytes of UTF-8 → 2 blocks
    expect(body.length).toBe(16 + 32 + 32);
    const gcm = Buffer.from(aes.encrypt('一二三四五六').slice(3), 'base64');
    expect(gcm.length).toBe(12 + 16 + 18);
  });

  it('needs a 32-byte key', () => {
    expect(() => createFieldCrypto(Buffer.alloc(16), 'aes-256-gcm')).toThrow(/32 bytes/);
    expect(() => createFieldCrypto(Buffer.alloc(31), 'sm4')).toThrow(/32 bytes/);
  });
});

describe('master key', () => {
  it('comes from ENCRYPTION_KEY when given', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-key-'));
    try {
      expect(loadMasterKey({ keyHex: 'ab'.repeat(32), dataDir: dir })).toEqual(Buffer.alloc(32, 0xab));
      expect(fs.existsSync(path.join(dir, 'rongjia.key'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('otherwise is created once in the data directory, readable by the owner only, and reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-key-'));
    try {
      const first = loadMasterKey({ dataDir: path.join(dir, 'data') });
      expect(first).toHaveLength(32);
      const file = path.join(dir, 'data', 'rongjia.key');
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      expect(loadMasterKey({ dataDir: path.join(dir, 'data') })).toEqual(first);
      fs.writeFileSync(file, 'not a key\n');
      expect(() => loadMasterKey({ dataDir: path.join(dir, 'data') })).toThrow(/密钥文件格式不正确/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
