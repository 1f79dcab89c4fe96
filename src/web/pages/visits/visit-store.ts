// The device's store of the visit form: drafts (a half-filled form, kept on every change) and the
// outbox (a submitted form that could not reach the server yet). IndexedDB, because a visit
// carries photos (a few hundred kB each) that would overflow localStorage's 5 MB; a browser
// without IndexedDB (rare, private mode of old WebViews) keeps them in memory for the session.
//
// A visit form holds no ID number, phone or bank account, but its situation notes may tell of a
// person's health or income: the form's values and the outbox's bodies are kept encrypted with
// the user's draft key (components/secure-draft), readable only once that user is signed in.
// Entries belong to a user and expire.
//
// An outbox body is sealed to the server ('p1.' envelope, components/secure-draft sealForServer)
// whenever the browser can: it is then writable without a signal even after a reload (the draft
// key is fetched from the server and lives in memory only), and no one on the phone can read it
// back; it is sent as it is to POST /api/visits/sealed. Only the ids that name the visit
// (recipient, owed visit) stay readable, as `body`, for the list and the form link. Where the
// browser cannot seal to the server (plain HTTP: no Web Crypto), it is kept under the draft key
// and sent to POST /api/visits as before.
import { openForUser, SEALED_TAG, sealForServer, sealForUser, warmDraftKey } from '../../components/secure-draft';

export type StoredDraft<V> = {
  /** `${userId}:${target}` */
  key: string;
  userId: string;
  savedAt: string;
  values: V;
  /** set on the first submit and kept: the server dedupes a resent visit by it */
  clientKey: string | null;
};

export type OutboxEntry<B> = {
  clientKey: string;
  userId: string;
  /** the draft it came from (re-opening the form shows it) */
  draftKey: string;
  /** what the list shows: the person and the reason */
  label: string;
  /**
   * The request body; null while it cannot be decrypted (the user's key is fetched after signing
   * in). For an entry sealed to the server, only its clientKey, recipientId and dueVisitId.
   */
  body: B | null;
  /** set when the body is sealed to the server: sent as it is to the sealed-visit route */
  envelope?: string;
  queuedAt: string;
  attempts: number;
  /** the server refused it (4xx other than 401): the user must open and correct it */
  failed: string | null;
};

/** drafts and unsent visits older than this are dropped: data should not linger on a phone */
export const VISIT_STORE_MAX_AGE_DAYS = 30;

const DB_NAME = 'rj-visits';
/** 2: values and bodies sealed (version 1 kept them in clear and is cleared on upgrade) */
const DB_VERSION = 2;
type StoreName = 'drafts' | 'outbox';

const memory: Record<StoreName, Map<string, unknown>> = { drafts: new Map(), outbox: new Map() };
let dbPromise: Promise<IDBDatabase | null> | null = null;

function openDb(): Promise<IDBDatabase | null> {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve(null);
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = (ev) => {
        const db = req.result;
        if (ev.oldVersion < 2) for (const name of ['drafts', 'outbox']) if (db.objectStoreNames.contains(name)) db.deleteObjectStore(name);
        if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts', { keyPath: 'key' });
        if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'clientKey' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return dbPromise;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function withStore<T>(name: StoreName, mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>, fallback: (m: Map<string, unknown>) => T): Promise<T> {
  const db = await openDb();
  if (!db) return fallback(memory[name]);
  try {
    return await done(run(db.transaction(name, mode).objectStore(name)));
  } catch {
    return fallback(memory[name]);
  }
}

/** As kept on the device: the values / the body sealed. */
type SealedDraft = Omit<StoredDraft<unknown>, 'values'> & { sealed: string };
type SealedOutbox = Omit<OutboxEntry<unknown>, 'body' | 'envelope'> & { sealed: string; ref?: Record<string, string> };

/** the ids of a body that name its visit, kept readable beside an envelope */
function refOf(body: unknown): Record<string, string> {
  const ref: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const k of ['clientKey', 'recipientId', 'dueVisitId']) {
      const v = (body as Record<string, unknown>)[k];
      if (typeof v === 'string') ref[k] = v;
    }
  return ref;
}

const expired = (iso: string): boolean => Date.now() - Date.parse(iso) > VISIT_STORE_MAX_AGE_DAYS * 86_400_000;

export function draftKeyOf(userId: string, target: string): string {
  return `${userId}:${target}`;
}

export async function loadVisitDraft<V>(key: string): Promise<StoredDraft<V> | null> {
  const d = await withStore<SealedDraft | undefined>('drafts', 'readonly', (s) => s.get(key) as IDBRequest<SealedDraft | undefined>, (m) => m.get(key) as SealedDraft | undefined);
  if (!d || typeof d.savedAt !== 'string' || typeof d.sealed !== 'string') return null;
  if (expired(d.savedAt)) {
    await deleteVisitDraft(key);
    return null;
  }
  const values = await openForUser<V>(d.userId, d.sealed);
  if (values === null) return null;
  const { sealed: _sealed, ...rest } = d;
  return { ...rest, values };
}

export async function saveVisitDraft<V>(draft: StoredDraft<V>): Promise<boolean> {
  try {
    const { values, ...rest } = draft;
    const stored: SealedDraft = { ...rest, sealed: await sealForUser(draft.userId, values) };
    await withStore<IDBValidKey>('drafts', 'readwrite', (s) => s.put(stored), (m) => {
      m.set(stored.key, stored);
      return stored.key;
    });
    return true;
  } catch {
    return false;
  }
}

export async function deleteVisitDraft(key: string): Promise<void> {
  await withStore('drafts', 'readwrite', (s) => s.delete(key), (m) => void m.delete(key));
}

export async function listOutbox<B>(userId: string): Promise<OutboxEntry<B>[]> {
  warmDraftKey(userId);
  const all = await withStore<SealedOutbox[]>('outbox', 'readonly', (s) => s.getAll() as IDBRequest<SealedOutbox[]>, (m) => [...m.values()] as SealedOutbox[]);
  const mine: OutboxEntry<B>[] = [];
  for (const e of all) {
    if (typeof e.sealed !== 'string' || expired(e.queuedAt)) await removeFromOutbox(e.clientKey);
    else if (e.userId === userId) {
      const { sealed, ref, ...rest } = e;
      if (sealed.startsWith(SEALED_TAG)) mine.push({ ...rest, body: (ref ?? { clientKey: e.clientKey }) as B, envelope: sealed });
      else mine.push({ ...rest, body: await openForUser<B>(userId, sealed) });
    }
  }
  return mine.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : 1));
}

/**
 * Keeps a visit to send later, its body sealed to the server (else under the user's draft key);
 * an entry whose body is not readable here (null, or already an envelope) keeps what it has.
 */
export async function putOutbox<B>(entry: OutboxEntry<B>): Promise<void> {
  const { body, envelope, ...rest } = entry;
  let sealed: string;
  let ref: Record<string, string> | undefined;
  if (body === null || envelope) {
    const old = await withStore<SealedOutbox | undefined>('outbox', 'readonly', (s) => s.get(entry.clientKey) as IDBRequest<SealedOutbox | undefined>, (m) => m.get(entry.clientKey) as SealedOutbox | undefined);
    if (!old) return;
    sealed = old.sealed;
    ref = old.ref;
  } else {
    const toServer = await sealForServer(entry.userId, 'visit', body).catch(() => null);
    sealed = toServer ?? (await sealForUser(entry.userId, body));
    if (toServer) ref = refOf(body);
  }
  const stored: SealedOutbox = { ...rest, sealed, ...(ref ? { ref } : {}) };
  await withStore<IDBValidKey>('outbox', 'readwrite', (s) => s.put(stored), (m) => {
    m.set(stored.clientKey, stored);
    return stored.clientKey;
  });
}

export async function removeFromOutbox(clientKey: string): Promise<void> {
  await withStore('outbox', 'readwrite', (s) => s.delete(clientKey), (m) => void m.delete(clientKey));
}

/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts (HTTPS, localhost) and from
 * Chrome 92; a township intranet over plain HTTP or an old WebView gets one from getRandomValues.
 */
export function newClientKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // insecure context: fall through
    }
  }
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
