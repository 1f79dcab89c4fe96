// The local draft of the collection form: kept in localStorage under the user and the record
// ('new' for a new one), written on every change, so that a reload, a lost signal or an idle
// logout loses nothing. The values (ID number, phone…) are encrypted with the user's draft key
// (components/secure-draft); only the time it was saved is in clear, for expiry. Cleared after a
// successful save; stale drafts expire.
import { openForUser, sealForUser, warmDraftKey } from '../../components/secure-draft';

export type RecipientDraft<V> = {
  savedAt: string;
  /** the record version the edits started from (edit form); null for a new record */
  baseVersion: number | null;
  /** the record's values at baseVersion (edit form): lets a stale draft merge with the record */
  baseValues?: V;
  values: V;
};

type Stored = { savedAt: string; sealed: string };

const PREFIX = 'rj:draft:recipient:';
/** drafts older than this are dropped: the data on the device should not linger */
export const DRAFT_MAX_AGE_DAYS = 14;

export function draftKey(userId: string, recordId: string | undefined): string {
  return `${PREFIX}${userId}:${recordId ?? 'new'}`;
}

function userOfKey(key: string): string {
  return key.slice(PREFIX.length).split(':')[0] ?? '';
}

/** The stored entry if it is a live encrypted draft; removes expired and old clear-text ones. */
function readStored(key: string): Stored | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Stored>;
    const valid = !!d && typeof d === 'object' && typeof d.savedAt === 'string' && typeof d.sealed === 'string';
    if (!valid || Date.now() - Date.parse(d.savedAt!) > DRAFT_MAX_AGE_DAYS * 86_400_000) {
      window.localStorage.removeItem(key);
      return null;
    }
    return d as Stored;
  } catch {
    return null;
  }
}

export async function loadDraft<V>(key: string): Promise<RecipientDraft<V> | null> {
  warmDraftKey(userOfKey(key));
  const stored = readStored(key);
  if (!stored) return null;
  const d = await openForUser<Partial<RecipientDraft<V>>>(userOfKey(key), stored.sealed);
  if (!d || !d.values) return null;
  return {
    savedAt: stored.savedAt,
    baseVersion: typeof d.baseVersion === 'number' ? d.baseVersion : null,
    baseValues: d.baseValues,
    values: d.values,
  };
}

// writes of one key in order: an earlier, slower encryption must not overwrite a later draft
const writing = new Map<string, Promise<boolean>>();
const cleared = new Set<string>();

export function saveDraft<V>(key: string, draft: RecipientDraft<V>): Promise<boolean> {
  cleared.delete(key);
  const prev = writing.get(key) ?? Promise.resolve(true);
  const next = prev.then(async () => {
    try {
      const sealed = await sealForUser(userOfKey(key), draft);
      if (cleared.has(key)) return false; // saved meanwhile: the draft is done with
      window.localStorage.setItem(key, JSON.stringify({ savedAt: draft.savedAt, sealed } satisfies Stored));
      return true;
    } catch {
      // offline before the key was fetched, storage full or disabled: the form still works
      return false;
    }
  });
  writing.set(key, next);
  return next;
}

export function clearDraft(key: string): void {
  cleared.add(key);
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
}

/** Removes the expired (and any unencrypted) drafts of every user on this device. */
export function purgeExpiredDrafts(): void {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const k = window.localStorage.key(i);
      if (k?.startsWith(PREFIX)) readStored(k);
    }
  } catch {
    // no storage
  }
}
