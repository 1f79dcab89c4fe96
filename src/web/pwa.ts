// The installable app: registers the service worker (sw.ts; from this module, no inline script,
// so the CSP `script-src 'self'` holds), follows what it says about the data shown (fresh, or the
// copy kept for offline use and how old it is), and refreshes the lists when the signal returns
// (the outbox sends on its own: pages/visits/visit-outbox), and again while kept copies are still
// shown though the browser says it is online (a radio that is back before its connection works):
// after 3, 6, 15 and 30 seconds, then every minute, until a fresh answer comes. Over plain HTTP (not localhost) no
// service worker can run: the app works as before and says that offline opening needs HTTPS.
import { useSyncExternalStore } from 'react';
import { queryClient } from './api/query-client';
import { afterDataMessage, FRESH, offlineSupport, staleRefresher, type DataFreshness, type OfflineSupport, type SwDataMessage } from './sw-rules';

export type NetworkState = {
  support: OfflineSupport;
  online: boolean;
  /** the oldest kept copy shown since the last fresh answer; null while data is fresh */
  cachedAt: string | null;
};

let state: NetworkState = { support: 'unsupported', online: true, cachedAt: null };
let freshness: DataFreshness = FRESH;
const listeners = new Set<() => void>();
const refresher = staleRefresher(() => void queryClient.invalidateQueries());

function set(next: Partial<NetworkState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
  refresher.update(state.cachedAt !== null, state.online);
}

function onMessage(e: MessageEvent): void {
  const m = e.data as SwDataMessage | undefined;
  if (!m || m.type !== 'rj-data') return;
  freshness = afterDataMessage(freshness, m);
  if (freshness.cachedAt !== state.cachedAt) set({ cachedAt: freshness.cachedAt });
}

let started = false;

export function startPwa(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  const hasServiceWorker = 'serviceWorker' in navigator;
  set({ support: offlineSupport({ isSecureContext: window.isSecureContext, hasServiceWorker }), online: navigator.onLine });
  window.addEventListener('offline', () => set({ online: false }));
  window.addEventListener('online', () => {
    set({ online: true });
    // the lists shown from the kept copy are fetched again (the outbox sends by itself)
    void queryClient.invalidateQueries();
  });
  // (the dev server has no sw.js: its registration fails quietly there)
  if (state.support !== 'ready') return;
  navigator.serviceWorker.addEventListener('message', onMessage);
  const register = () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useNetworkState(): NetworkState {
  return useSyncExternalStore(subscribe, () => state);
}
