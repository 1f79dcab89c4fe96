// Local drafts encrypted in the browser. A draft on a shared village phone may hold a person's ID
// number, phone or health notes; it is kept on the device only as AES-256-GCM ciphertext under a
// key the server derives for the signed-in user (GET /api/me/draft-key). The key lives in memory
// only: after a reload or an idle logout it is fetched again once the same user signs in, and
// another user of the same phone (or anyone without a session) cannot read the draft.
// The cipher is @noble/ciphers (audited, pure JS), not Web Crypto: crypto.subtle exists only in
// secure contexts, and a township intranet served over plain HTTP must keep its drafts too.
import { gcm } from '@noble/ciphers/aes.js';
import { get } from '../api/client';
import type { DraftKeyDto } from '../../shared/schemas/auth';

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
}

/** Forgets the keys held in memory (sign-out). */
export function forgetDraftKeys(): void {
  keys.clear();
}

const TAG = 'e1:';

/** Encrypts a value for the user: 'e1:' + base64(iv ‖ ciphertext+tag). */
export async function sealForUser(userId: string, value: unknown): Promise<string> {
  const key = await draftKeyOf(userId);
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
