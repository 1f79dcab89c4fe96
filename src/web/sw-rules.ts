// What the service worker (sw.ts) keeps for offline use and what it tells the page (pwa.ts).
// No DOM and no worker globals here: the unit test runs it in Node.

/** What the page is told about each kept GET it made: fresh from the network, or the kept copy. */
export type SwDataMessage = { type: 'rj-data'; source: 'network' } | { type: 'rj-data'; source: 'cache'; cachedAt: string; path: string };

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
