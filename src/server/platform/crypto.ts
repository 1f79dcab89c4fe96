// Encryption of sensitive columns and keyed hashes for exact lookup.
// Suites: AES-256-GCM + HMAC-SHA256 (default), or 商用密码 SM4-CBC + HMAC-SM3 (encrypt-then-MAC).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type CipherSuite = 'aes-256-gcm' | 'sm4';

export type FieldCrypto = {
  suite: CipherSuite;
  encrypt: (plain: string) => string;
  decrypt: (stored: string) => string;
  /** deterministic keyed hash, for "find by ID number" without decrypting */
  lookupHash: (value: string) => string;
  /** keyed MAC used to seal the audit chain */
  auditMac: (data: string) => string;
  /**
   * The key a user's browser encrypts its local drafts with (AES-256-GCM in Web Crypto, whatever
   * the server's suite: browsers have no SM4). Derived, not stored: the same user gets the same key
   * in every session, another user or another deployment a different one.
   */
  userDraftKey: (userId: string) => string;
  /**
   * The public half of the deployment's sealing key pair (ECDH P-256, derived from the master key):
   * a browser seals what it keeps for the server (the offline outbox) to it, so that what is on
   * the phone is writable there and readable only here. `kid` names the key (a changed master key
   * makes envelopes sealed to the old one unreadable, and says so).
   */
  sealingKey: { kid: string; publicKey: string };
  /** Opens an envelope sealed to `sealingKey` (format in `openSealedEnvelope`); throws on anything else. */
  openSealed: (envelope: string) => Buffer;
};

/** Random bytes drawn at once for IVs (see freshIv). */
const IV_POOL = 4096;

function subkey(master: Buffer, label: string, length = 32): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `rongjia:${label}`, length));
}

export function createFieldCrypto(masterKey: Buffer, suite: CipherSuite): FieldCrypto {
  if (masterKey.length !== 32) throw new Error('encryption key must be 32 bytes');
  const macAlg = suite === 'sm4' ? 'sm3' : 'sha256';
  const encKey = subkey(masterKey, `enc:${suite}`, suite === 'sm4' ? 16 : 32);
  const macKey = subkey(masterKey, `mac:${suite}`);
  const hashKey = subkey(masterKey, `lookup:${suite}`);
  const auditKey = subkey(masterKey, 'audit');
  const draftKey = subkey(masterKey, 'draft');
  const sealing = sealingKeyPair(masterKey);

  // IVs are cut from a pool of random bytes drawn IV_POOL bytes at a time: one call into the
  // CSPRNG per few hundred values instead of one per value (an import encrypts two per row)
  let ivPool = Buffer.alloc(0);
  let ivAt = 0;
  const freshIv = (n: number): Buffer => {
    if (ivAt + n > ivPool.length) {
      ivPool = crypto.randomBytes(IV_POOL);
      ivAt = 0;
    }
    const iv = ivPool.subarray(ivAt, ivAt + n);
    ivAt += n;
    return iv;
  };

  const encrypt = (plain: string): string => {
    if (suite === 'aes-256-gcm') {
      const iv = freshIv(12);
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = c.update(plain, 'utf8');
      c.final(); // GCM: nothing more
      return 'a1:' + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    }
    const iv = freshIv(16);
    const c = crypto.createCipheriv('sm4-cbc', encKey, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    const mac = crypto.createHmac('sm3', macKey).update(Buffer.concat([iv, ct])).digest();
    return 's1:' + Buffer.concat([iv, mac, ct]).toString('base64');
  };

  const decrypt = (stored: string): string => {
    const [tag, body] = [stored.slice(0, 3), Buffer.from(stored.slice(3), 'base64')];
    if (tag === 'a1:') {
      if (suite !== 'aes-256-gcm') throw new Error('value was encrypted with AES-256-GCM; cipher suite is SM4');
      // a cut-short value must not pass with a shortened authentication tag
      if (body.length < 28) throw new Error('AES-256-GCM value is truncated');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, body.subarray(0, 12), { authTagLength: 16 });
      d.setAuthTag(body.subarray(12, 28));
      return Buffer.concat([d.update(body.subarray(28)), d.final()]).toString('utf8');
    }
    if (tag === 's1:') {
      if (suite !== 'sm4') throw new Error('value was encrypted with SM4; cipher suite is AES-256-GCM');
      if (body.length < 64 || (body.length - 48) % 16 !== 0) throw new Error('SM4 value is truncated');
      const iv = body.subarray(0, 16);
      const mac = body.subarray(16, 48);
      const ct = body.subarray(48);
      const expected = crypto.createHmac('sm3', macKey).update(Buffer.concat([iv, ct])).digest();
      if (!crypto.timingSafeEqual(mac, expected)) throw new Error('SM4 value failed its integrity check');
      const d = crypto.createDecipheriv('sm4-cbc', encKey, iv);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    }
    throw new Error('unknown ciphertext format');
  };

  const fieldCrypto: FieldCrypto = {
    suite,
    encrypt,
    decrypt,
    lookupHash: (value) => crypto.createHmac(macAlg, hashKey).update(value, 'utf8').digest('hex'),
    auditMac: (data) => crypto.createHmac(macAlg, auditKey).update(data, 'utf8').digest('hex'),
    userDraftKey: (userId) => crypto.createHmac('sha256', draftKey).update(`user:${userId}`, 'utf8').digest('base64url'),
    sealingKey: { kid: sealing.kid, publicKey: sealing.publicKey.toString('base64url') },
    openSealed: (envelope) => openSealedEnvelope(sealing, envelope),
  };
  seeds.set(fieldCrypto, { masterKey: Buffer.from(masterKey), suite });
  return fieldCrypto;
}

// ---- sealed envelopes (the browser's offline outbox) ----
/** the order of P-256: a private scalar must be in [1, n - 1] */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
export const SEALED_TAG = 'p1';
const SEALED_INFO = 'rongjia:sealed:v1';

type SealingKeyPair = { kid: string; ecdh: crypto.ECDH; publicKey: Buffer };

function sealingKeyPair(master: Buffer): SealingKeyPair {
  for (let i = 0; ; i++) {
    const d = subkey(master, `sealing:p256:${i}`);
    const n = BigInt('0x' + d.toString('hex'));
    if (n === 0n || n >= P256_ORDER) continue; // probability ~2^-32 per try
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.setPrivateKey(d);
    const publicKey = ecdh.getPublicKey();
    const kid = crypto.createHash('sha256').update(publicKey).digest('base64url').slice(0, 11);
    return { kid, ecdh, publicKey };
  }
}

function b64url(part: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error('envelope part is not base64url');
  return Buffer.from(part, 'base64url');
}

/**
 * `p1.<kid>.<ephemeral public key>.<iv>.<ciphertext‖tag>` (base64url parts): the browser makes an
 * ephemeral P-256 key pair, ECDH with the server's public key gives the shared secret, HKDF-SHA256
 * (salt = the ephemeral public key, info = 'rongjia:sealed:v1') the AES-256-GCM key; the
 * additional data is `p1.<kid>`. Throws when the envelope is malformed, sealed to another key, or
 * altered.
 */
function openSealedEnvelope(pair: SealingKeyPair, envelope: string): Buffer {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== SEALED_TAG) throw new Error('not a sealed envelope');
  if (parts[1] !== pair.kid) throw new Error('sealed to another key');
  const epk = b64url(parts[2]);
  const iv = b64url(parts[3]);
  const ct = b64url(parts[4]);
  if (epk.length !== 65 || epk[0] !== 4 || iv.length !== 12 || ct.length < 16) throw new Error('sealed envelope is malformed');
  const secret = pair.ecdh.computeSecret(epk);
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, epk, SEALED_INFO, 32));
  const d = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  d.setAAD(Buffer.from(`${SEALED_TAG}.${pair.kid}`, 'utf8'));
  d.setAuthTag(ct.subarray(ct.length - 16));
  return Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
}

export type FieldCryptoSeed = { masterKey: Uint8Array; suite: CipherSuite };
const seeds = new WeakMap<FieldCrypto, FieldCryptoSeed>();
/**
 * What a worker thread of this process needs to make the same FieldCrypto (the Excel import's
 * worker encrypts and hashes rows): null for an object createFieldCrypto did not make.
 */
export function fieldCryptoSeed(c: FieldCrypto): FieldCryptoSeed | null {
  return seeds.get(c) ?? null;
}

/** The key comes from ENCRYPTION_KEY, or from a key file created in the data directory on first start. */
export function loadMasterKey(opts: { keyHex?: string; dataDir: string }): Buffer {
  if (opts.keyHex) return Buffer.from(opts.keyHex, 'hex');
  const file = path.join(opts.dataDir, 'rongjia.key');
  if (fs.existsSync(file)) {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`密钥文件格式不正确: ${file}`);
    return Buffer.from(hex, 'hex');
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value, 'utf8').digest('hex');
}
