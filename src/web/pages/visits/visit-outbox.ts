// 待发送: visits recorded on a phone that could not reach the server (no signal, or the session
// ran out while the worker was in a house). Each keeps the clientKey it was first submitted with,
// so a resend never records the visit twice (the server dedupes by it). The outbox is sent on its
// own: when the browser comes back online, when the user signs in again, every minute while
// something waits, and when the user taps 立即发送. Sending runs outside TanStack Query's error
// policy on purpose: a 401 during a background send must not throw the user out of the page.
import { useSyncExternalStore } from 'react';
import type { MeDto } from '../../../shared/schemas/auth';
import { api, isApiError } from '../../api/client';
import { meKey, queryClient } from '../../api/query-client';
import { deleteVisitDraft, listOutbox, putOutbox, removeFromOutbox, type OutboxEntry } from './visit-store';

export const VISITS_POST_PATH = '/api/visits';
/** an entry sealed to the server (visit-store) is sent here as it is */
export const SEALED_VISITS_POST_PATH = '/api/visits/sealed';
const RETRY_MS = 60_000;

export type OutboxBody = { clientKey: string } & Record<string, unknown>;
export type VisitOutboxEntry = OutboxEntry<OutboxBody>;

export type OutboxState = {
  userId: string | null;
  entries: VisitOutboxEntry[];
  sending: boolean;
  /** why the last attempt stopped (offline, signed out), shown next to the count */
  blocked: string | null;
};

type SentListener = (entry: VisitOutboxEntry) => void;

/** draft keys of the visits sent from the outbox in this page's life, with what was sent */
const sent = new Map<string, string>();

/** The label of this form's visit when the outbox has sent it (the form must not open afresh). */
export function sentFromOutbox(draftKey: string): string | undefined {
  return sent.get(draftKey);
}

let state: OutboxState = { userId: null, entries: [], sending: false, blocked: null };
const listeners = new Set<() => void>();
const sentListeners = new Set<SentListener>();
let timer: ReturnType<typeof setInterval> | null = null;
let started = false;
/** a send met a 401: the next sign-in (even as the same user) sends the outbox */
let awaitingSignIn = false;

/** Called when the server said the session is gone (401). */
export function markSignedOut(): void {
  awaitingSignIn = true;
}

function set(next: Partial<OutboxState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

function currentUserId(): string | null {
  const me = queryClient.getQueryData<MeDto | null>(meKey);
  return me && me.stage === 'active' ? me.id : null;
}

async function reload(userId: string | null): Promise<void> {
  const entries = userId ? await listOutbox<OutboxBody>(userId) : [];
  set({ userId, entries });
  if (entries.some((e) => !e.failed)) {
    if (!timer) timer = setInterval(() => void flushOutbox(), RETRY_MS);
  } else if (timer) {
    clearInterval(timer);
    timer = null;
  }
}

/** Why an answer means "keep it and try later" (no signal, signed out, server down). */
function transient(e: unknown): string | null {
  if (!isApiError(e)) return '发送失败，稍后自动重试';
  if (e.code === 'NETWORK' || e.status === 0) return '网络未连接，恢复后自动发送';
  if (e.status === 401) return '登录已失效，重新登录后自动发送';
  if (e.status === 403 && e.code === 'STAGE_REQUIRED') return '请完成登录验证后自动发送';
  if (e.status === 408 || e.status === 429 || e.status >= 500) return '服务器暂时不可用，稍后自动重试';
  return null;
}

let flushing: Promise<void> | null = null;

/** Sends every waiting visit of the signed-in user, oldest first; stops at the first transient failure. */
export function flushOutbox(): Promise<void> {
  if (flushing) return flushing;
  flushing = (async () => {
    const userId = currentUserId();
    await reload(userId);
    if (!userId) return;
    // a body that cannot be opened yet (the key comes with a live session) waits for the next round
    const waiting = state.entries.filter((e) => !e.failed && (e.envelope || e.body));
    if (waiting.length === 0) return set({ blocked: state.entries.some((e) => !e.failed) ? '重新登录后自动发送' : null });
    set({ sending: true });
    let blocked: string | null = null;
    for (const entry of waiting) {
      try {
        if (entry.envelope) await api(SEALED_VISITS_POST_PATH, { method: 'POST', body: { envelope: entry.envelope } });
        else await api(VISITS_POST_PATH, { method: 'POST', body: entry.body });
        await removeFromOutbox(entry.clientKey);
        await deleteVisitDraft(entry.draftKey);
        sent.set(entry.draftKey, entry.label);
        for (const l of sentListeners) l(entry);
      } catch (e) {
        blocked = transient(e);
        if (isApiError(e) && e.status === 401) awaitingSignIn = true;
        if (blocked) {
          await putOutbox({ ...entry, attempts: entry.attempts + 1 });
          break;
        }
        // refused for good (bad input, the owed visit gone): the user opens and corrects it
        await putOutbox({ ...entry, attempts: entry.attempts + 1, failed: isApiError(e) ? e.message : '服务器拒绝了该记录' });
      }
    }
    set({ sending: false, blocked });
    await reload(userId);
    if (waiting.length !== state.entries.length) void queryClient.invalidateQueries({ queryKey: ['visits'] });
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Puts a submitted visit in the outbox (it is sent from there, now or later). */
export async function queueVisit(entry: Omit<VisitOutboxEntry, 'queuedAt' | 'attempts' | 'failed'>): Promise<void> {
  await putOutbox<OutboxBody>({ ...entry, queuedAt: new Date().toISOString(), attempts: 0, failed: null });
  await reload(entry.userId);
}

/** Drops an unsent visit (the user decided it should not be sent). Its draft stays. */
export async function discardOutboxEntry(clientKey: string): Promise<void> {
  await removeFromOutbox(clientKey);
  await reload(currentUserId());
}

/** Takes a refused visit back out of the outbox so that its form can be corrected and resubmitted. */
export async function reopenOutboxEntry(clientKey: string): Promise<void> {
  await removeFromOutbox(clientKey);
  await reload(currentUserId());
}

export function onVisitSent(l: SentListener): () => void {
  sentListeners.add(l);
  return () => sentListeners.delete(l);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useOutbox(): OutboxState {
  return useSyncExternalStore(subscribe, () => state);
}

/**
 * Starts the background sending once per page load: on `online`, on every sign-in (the cached
 * /api/me changes), and now.
 */
export function startVisitOutbox(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void flushOutbox());
  let lastUser: string | null = null;
  queryClient.getQueryCache().subscribe((event) => {
    if (event.query.queryKey[0] !== meKey[0]) return;
    const userId = currentUserId();
    if (userId === lastUser && !(userId && awaitingSignIn)) return;
    lastUser = userId;
    if (userId) awaitingSignIn = false;
    void (userId ? flushOutbox() : reload(null));
  });
  void flushOutbox();
}
