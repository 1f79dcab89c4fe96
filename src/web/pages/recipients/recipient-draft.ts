// The local draft of the collection form: kept in localStorage under the user and the record
// ('new' for a new one), written on every change, so that a reload, a lost signal or an idle
// logout loses nothing. Cleared after a successful save; stale drafts expire.
export type RecipientDraft<V> = {
  savedAt: string;
  /** the record version the edits started from (edit form); null for a new record */
  baseVersion: number | null;
  /** the record's values at baseVersion (edit form): lets a stale draft merge with the record */
  baseValues?: V;
  values: V;
};

const PREFIX = 'rj:draft:recipient:';
/** drafts older than this are dropped: the data on the device should not linger */
export const DRAFT_MAX_AGE_DAYS = 14;

export function draftKey(userId: string, recordId: string | undefined): string {
  return `${PREFIX}${userId}:${recordId ?? 'new'}`;
}

export function loadDraft<V>(key: string): RecipientDraft<V> | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<RecipientDraft<V>>;
    if (!d || typeof d !== 'object' || typeof d.savedAt !== 'string' || !d.values) return null;
    if (Date.now() - Date.parse(d.savedAt) > DRAFT_MAX_AGE_DAYS * 86_400_000) {
      window.localStorage.removeItem(key);
      return null;
    }
    return {
      savedAt: d.savedAt,
      baseVersion: typeof d.baseVersion === 'number' ? d.baseVersion : null,
      baseValues: d.baseValues,
      values: d.values,
    };
  } catch {
    return null;
  }
}

export function saveDraft<V>(key: string, draft: RecipientDraft<V>): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    // storage full or disabled (private mode): the form still works, without a draft
    return false;
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
}

/** Removes the expired drafts of every user on this device. */
export function purgeExpiredDrafts(): void {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const k = window.localStorage.key(i);
      if (k?.startsWith(PREFIX)) loadDraft(k);
    }
  } catch {
    // no storage
  }
}
