// What the service worker (sw.ts) keeps for offline use and what it tells the page (pwa.ts).
// No DOM and no worker globals here: the unit test runs it in Node.

/**
 * What the page is told about each kept GET it made: fresh from the network, or the kept copy.
 * `requestedAt` is when the worker began the request (its clock): answers can arrive out of order.
 */
export type SwDataMessage =
  | { type: 'rj-data'; source: 'network'; requestedAt: number }
  | { type: 'rj-data'; source: 'cache'; requestedAt: number; cachedAt: string; path: string };

/** What the page knows of its data: the oldest kept copy shown since the newest fresh answer. */
export type DataFreshness = {
  /** null while data is fresh */
  cachedAt: string | null;
  /** when the newest request answered from the network began */
  freshRequestedAt: number;
  /** when the newest request answered from the kept copy began */
  staleRequestedAt: number;
};

export const FRESH: DataFreshness = { cachedAt: null, freshRequestedAt: 0, staleRequestedAt: 0 };

/**
 * The page's state after one message. Ordered by when each request began, not by arrival: a kept
 * copy answering a request older than a fresh answer (still in flight when the signal came back)
 * does not bring the banner back, and a fresh answer to a request older than a failed one does not
 * clear it.
 */
export function afterDataMessage(s: DataFreshness, m: SwDataMessage): DataFreshness {
  if (m.source === 'network') {
    const freshRequestedAt = Math.max(s.freshRequestedAt, m.requestedAt);
    return m.requestedAt >= s.staleRequestedAt ? { ...s, cachedAt: null, freshRequestedAt } : { ...s, freshRequestedAt };
  }
  if (m.requestedAt < s.freshRequestedAt) return s;
  const cachedAt = s.cachedAt && s.cachedAt < m.cachedAt ? s.cachedAt : m.cachedAt;
  return { ...s, cachedAt, staleRequestedAt: Math.max(s.staleRequestedAt, m.requestedAt) };
}

/**
 * While kept copies are shown and the browser says it is online (a phone whose radio is back before
 * its connection works), the lists are fetched again after these waits, then every minute.
 */
export const REFRESH_WAITS_MS = [3_000, 6_000, 15_000, 30_000, 60_000];

/**
 * Calls `refresh` after each wait of REFRESH_WAITS_MS while `update` was last told that kept copies
 * are shown and the browser is online; told otherwise, it stops and starts over from the first wait.
 */
export function staleRefresher(refresh: () => void): { update(showsKeptCopy: boolean, online: boolean): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let waiting = false;
  const arm = () => {
    timer = setTimeout(() => {
      attempt++;
      refresh();
      if (waiting) arm();
    }, REFRESH_WAITS_MS[Math.min(attempt, REFRESH_WAITS_MS.length - 1)]);
  };
  return {
    update(showsKeptCopy, online) {
      const wait = showsKeptCopy && online;
      if (wait === waiting) return;
      waiting = wait;
      if (wait) arm();
      else {
        clearTimeout(timer);
        attempt = 0;
      }
    },
  };
}

export const DATA_CACHE = 'rj-data-v1';
/** a kept copy older than this is not served: stale lists should not guide a visit */
export const MAX_AGE_DAYS = 7;

/**
 * The GET paths whose answers are kept: the user's own profile and work queue, the owed visits,
 * and the persons' lists and pages (their sensitive fields come masked: the reveal is its own
 * route, never kept).
 */
const FIELD_DATA: RegExp[] = [
  /^\/api\/me$/,
  /^\/api\/work-queue(\/count)?$/,
  /^\/api\/due-visits$/,
  /^\/api\/due-visits\/[^/]+$/,
  /^\/api\/recipients$/,
  /^\/api\/recipients\/[^/]+$/,
  /^\/api\/recipients\/[^/]+\/visits$/,
  /^\/api\/visits\/staff$/,
];
/** Never kept, even if a rule above came to match them. */
const NEVER = /reveal|export|draft-key|sealing-key|sealed|documents|photos|ledgers|history|check-id|duplicates/;

export function isFieldData(pathname: string): boolean {
  return !NEVER.test(pathname) && FIELD_DATA.some((r) => r.test(pathname));
}

export type OfflineSupport = 'ready' | 'needs-https' | 'unsupported';

/**
 * Whether this page can open without signal: a service worker needs a secure context (HTTPS, or
 * localhost / 127.0.0.1). Over plain HTTP elsewhere the app works as before and says that offline
 * opening needs HTTPS.
 */
export function offlineSupport(env: { isSecureContext: boolean; hasServiceWorker: boolean }): OfflineSupport {
  if (!env.isSecureContext) return 'needs-https';
  return env.hasServiceWorker ? 'ready' : 'unsupported';
}
