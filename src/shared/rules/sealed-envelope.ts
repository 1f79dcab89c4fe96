// Sealing to the server's public key with Web Crypto (browser, and Node's globalThis.crypto in
// tests): `p1.<kid>.<ephemeral public key>.<iv>.<ciphertext‖tag>`, base64url parts. An ephemeral
// P-256 key pair, ECDH with the server's key, HKDF-SHA256 (salt = the ephemeral public key, info
// 'rongjia:sealed:v1') gives the AES-256-GCM key; the additional data is `p1.<kid>`.
// platform/crypto.ts openSealedEnvelope is the other half.
import type { SealedPayload, SealingKeyDto } from '../schemas/sealed';

function toB64url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function sealEnvelope(key: Pick<SealingKeyDto, 'kid' | 'publicKey'>, payload: SealedPayload): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const enc = new TextEncoder();
  const serverKey = await subtle.importKey('raw', fromB64url(key.publicKey), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const eph = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const epk = new Uint8Array(await subtle.exportKey('raw', eph.publicKey));
  const secret = await subtle.deriveBits({ name: 'ECDH', public: serverKey }, eph.privateKey, 256);
  const hkdf = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const aes = await subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: epk, info: enc.encode('rongjia:sealed:v1') }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(`p1.${key.kid}`) }, aes, enc.encode(JSON.stringify(payload))));
  return `p1.${key.kid}.${toB64url(epk)}.${toB64url(iv)}.${toB64url(ct)}`;
}
