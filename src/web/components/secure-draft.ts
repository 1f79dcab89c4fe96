// Local drafts encrypted in the browser, and what the browser seals to the server.
//
// Drafts:  A draft on a shared village phone may hold a person's ID
// number, phone or health notes; it is kept on the device only as AES-256-GCM ciphertext under a
// key the server derives for the signed-in user (GET /api/me/draft-key). The key lives in memory
// only: after a reload or an idle logout it is fetched again once the same user signs in, and
// another user of the same phone (or anyone without a session) cannot read the draft.
// The cipher is @noble/ciphers (audited, pure JS), not Web Crypto: crypto.subtle exists only in
// secure contexts, and a township intranet served over plain HTTP must keep its drafts too.
//
// Sealed to the server ('p1.' envelopes, shared/schemas/sealed.ts): after a reload without signal
// the draft key cannot be fetched, so nothing could be written under it. What must be kept then
// — the outbox's visits always, a draft when the draft key is out of reach — is sealed to the
// server's public key (ECDH P-256 + HKDF + AES-256-GCM in Web Crypto, which every secure context
// has; the app works offline only in one). The phone can write it but not read it: a visit is
// opened by the server when it is sent, a draft is given back by the server to the same signed-in
// user (POST /api/me/sealed-drafts/open). The public key is kept in localStorage (it is public).
import { gcm } from '@noble/ciphers/aes.js';
import { get, post } from '../api/client';
import type { DraftKeyDto } from '../../shared/schemas/auth';
import { SEALED_ALGORITHM, type SealedPurpose, type SealingKeyDto } from '../../shared/schemas/sealed';
import { sealEnvelope } from '../../shared/rules/sealed-envelope';

const keys = new Map<string, Promise<Uint8Array>>();

function b64urlToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function bytesToB64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function b64ToBytes(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The signed-in user's draft key (fetched once per page load, kept in memory only). */
function draftKeyOf(userId: string): Promise<Uint8Array> {
  let k = keys.get(userId);
  if (!k) {
    k = get<DraftKeyDto>('/api/me/draft-key').then((dto) => b64urlToBytes(dto.key));
    // a failed fetch (offline) is not cached: the next save tries again
    k.catch(() => keys.delete(userId));
    keys.set(userId, k);
  }
  return k;
}

/** Fetches the user's key ahead (a form opening), so drafts can be written if the signal drops later. */
export function warmDraftKey(userId: string): void {
  draftKeyOf(userId).catch(() => undefined);
  warmSealingKey();
}

/** Forgets the keys held in memory (sign-out). */
export function forgetDraftKeys(): void {
  keys.clear();
  sealedHere.clear();
}

const TAG = 'e1:';

/**
 * Encrypts a value for the user: 'e1:' + base64(iv ‖ ciphertext+tag) under the draft key, or,
 * when the key cannot be had (offline after a reload), a 'p1.' envelope sealed to the server for
 * this user (opened through the server once online). Throws when neither can be written.
 */
export async function sealForUser(userId: string, value: unknown): Promise<string> {
  let key: Uint8Array;
  try {
    key = await draftKeyOf(userId);
  } catch (e) {
    const sealed = await sealForServer(userId, 'draft', value);
    if (sealed) {
      sealedHere.set(sealed, { userId, value });
      // a draft is sealed anew on every change: only the last few are worth keeping
      for (const old of sealedHere.keys()) if (sealedHere.size > 8) sealedHere.delete(old);
      return sealed;
    }
    throw e;
  }
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const ct = gcm(key, iv).encrypt(plain);
  const out = new Uint8Array(iv.length + ct.length);
  out.set(iv);
  out.set(ct, iv.length);
  return TAG + bytesToB64(out);
}

/** Decrypts what sealForUser wrote; null when it is not ours (another user, tampered, or unreadable). */
export async function openForUser<T>(userId: string, sealed: string): Promise<T | null> {
  if (sealed.startsWith(SEALED_TAG)) {
    // sealed in this page's life: read back from memory (the form reopened without signal)
    const mine = sealedHere.get(sealed);
    if (mine && mine.userId === userId) return mine.value as T;
    try {
      return (await post<{ value: unknown }>('/api/me/sealed-drafts/open', { envelope: sealed })).value as T;
    } catch {
      return null; // offline, or not this user's: it stays sealed
    }
  }
  if (!sealed.startsWith(TAG)) return null;
  try {
    const key = await draftKeyOf(userId);
    const bytes = b64ToBytes(sealed.slice(TAG.length));
    const plain = gcm(key, bytes.subarray(0, 12)).decrypt(bytes.subarray(12));
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    return null;
  }
}

// ---- sealed to the server ----
export const SEALED_TAG = 'p1.';
/** drafts this page sealed to the server, with their values (memory only, like the draft key) */
const sealedHere = new Map<string, { userId: string; value: unknown }>();
const SEALING_KEY_STORE = 'rj-sealing-key';
let sealingFetch: Promise<void> | null = null;

function storedSealingKey(): SealingKeyDto | null {
  try {
    const raw = localStorage.getItem(SEALING_KEY_STORE);
    const k = raw ? (JSON.parse(raw) as Partial<SealingKeyDto>) : null;
    return k && k.algorithm === SEALED_ALGORITHM && typeof k.kid === 'string' && typeof k.publicKey === 'string' ? (k as SealingKeyDto) : null;
  } catch {
    return null;
  }
}

/** Whether this browser can seal to the server (Web Crypto exists only in secure contexts). */
export function canSealForServer(): boolean {
  return typeof globalThis.crypto?.subtle?.importKey === 'function';
}

/** Fetches the server's public key once per page load (signed in, online) and keeps it for offline use. */
export function warmSealingKey(): Promise<void> {
  if (!canSealForServer()) return Promise.resolve();
  sealingFetch ??= get<SealingKeyDto>('/api/me/sealing-key')
    .then((k) => {
      try {
        localStorage.setItem(SEALING_KEY_STORE, JSON.stringify(k));
      } catch {
        // storage full or disabled: sealing waits for the next fetch
      }
    })
    .catch(() => {
      sealingFetch = null;
    });
  return sealingFetch;
}

/**
 * Seals a value to the server for the user and a purpose: `p1.<kid>.<ephemeral key>.<iv>.<ct>`
 * (the format platform/crypto.ts opens). Null when this browser cannot (no Web Crypto, or the
 * server's key was never fetched).
 */
export async function sealForServer(userId: string, purpose: SealedPurpose, value: unknown): Promise<string | null> {
  if (!canSealForServer()) return null;
  let key = storedSealingKey();
  if (!key) {
    await warmSealingKey();
    key = storedSealingKey();
    if (!key) return null;
  }
  return sealEnvelope(key, { userId, purpose, sealedAt: new Date().toISOString(), body: value });
}
