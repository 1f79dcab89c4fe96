// The service worker: the app opens without signal. Built by vite-plugin-pwa (injectManifest) to
// dist/web/sw.js, registered by pwa.ts. Its rules, all of them here:
// - App shell: every built asset (the list vite-plugin-pwa injects as self.__WB_MANIFEST) is cached
//   on install and served from the cache; a navigation outside /api/ goes to the network and, when
//   that fails, gets the cached index.html (the router then opens the route).
// - Data: only the GETs of FIELD_DATA (the user's own profile, work queue, owed visits, and the
//   persons' lists and pages, which carry masked values only) are kept, with the time they were
//   fetched; network first, the kept copy only when the network fails, and not older than
//   MAX_AGE_DAYS. The page is told (postMessage) whether data came from the network or from the
//   copy, and of when ("离线数据，更新于 …"). Anything else — reveals, exports, files, keys, every
//   write — goes to the network untouched and is never stored.
// - Identity: a sign-in or sign-out (or a 401 on /api/me) empties the data cache, so another user
//   of the same phone never sees the previous one's lists.
// The types are declared here (the project's tsconfig has the DOM lib, not WebWorker); the data
// rules are in sw-rules.ts (the page and the unit tests read them too).
import { DATA_CACHE, isFieldData, MAX_AGE_DAYS, type SwDataMessage } from './sw-rules';

type PrecacheEntry = { url: string; revision: string | null } | string;
type ExtendableEvt = Event & { waitUntil(p: Promise<unknown>): void };
type FetchEvt = ExtendableEvt & { request: Request; clientId: string; respondWith(r: Response | Promise<Response>): void };
type SwClient = { postMessage(msg: unknown): void };
type SwScope = {
  location: Location;
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; get(id: string): Promise<SwClient | undefined> };
  addEventListener(type: 'install' | 'activate', l: (e: ExtendableEvt) => void): void;
  addEventListener(type: 'fetch', l: (e: FetchEvt) => void): void;
};

const sw = self as unknown as SwScope;
// written as `self.__WB_MANIFEST` for the build to find and fill in
const manifest = (self as unknown as { __WB_MANIFEST: PrecacheEntry[] }).__WB_MANIFEST;

const SHELL_PREFIX = 'rj-shell-';
const CACHED_AT = 'x-rj-cached-at';

function urlOf(e: PrecacheEntry): string {
  return new URL(typeof e === 'string' ? e : e.url, sw.registration.scope).href;
}

/** One shell cache per build: its name is a hash of the precache list. */
function shellCacheName(): string {
  let h = 0x811c9dc5;
  for (const e of manifest) {
    const s = typeof e === 'string' ? e : `${e.url}#${e.revision ?? ''}`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  }
  return SHELL_PREFIX + h.toString(16);
}
const SHELL = shellCacheName();
const INDEX = new URL('index.html', sw.registration.scope).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const urls = [...new Set(manifest.map(urlOf))]; // addAll refuses a list with a URL twice
      await cache.addAll(urls.map((u) => new Request(u, { cache: 'reload', credentials: 'same-origin' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

async function tell(clientId: string, msg: SwDataMessage): Promise<void> {
  const client = clientId ? await sw.clients.get(clientId) : undefined;
  client?.postMessage(msg);
}

async function fieldData(event: FetchEvt, url: URL): Promise<Response> {
  const requestedAt = Date.now();
  const cache = await caches.open(DATA_CACHE);
  try {
    const res = await fetch(event.request);
    if (res.status === 200 && (res.headers.get('content-type') ?? '').includes('application/json')) {
      const headers = new Headers(res.headers);
      headers.set(CACHED_AT, new Date().toISOString());
      await cache.put(event.request, new Response(await res.clone().blob(), { status: 200, headers }));
      void tell(event.clientId, { type: 'rj-data', source: 'network', requestedAt });
    } else if (res.status === 401 && url.pathname === '/api/me') {
      await caches.delete(DATA_CACHE); // signed out on the server: nothing of that user is kept
    }
    return res;
  } catch {
    const kept = await cache.match(event.request);
    const cachedAt = kept?.headers.get(CACHED_AT);
    if (!kept || !cachedAt || Date.now() - Date.parse(cachedAt) > MAX_AGE_DAYS * 86_400_000) return Response.error();
    void tell(event.clientId, { type: 'rj-data', source: 'cache', requestedAt, cachedAt, path: url.pathname });
    return kept;
  }
}

async function navigation(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    const shell = await caches.match(INDEX, { cacheName: SHELL });
    return shell ?? Response.error();
  }
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (request.method !== 'GET') {
    // a new identity (or none): the previous user's kept lists go
    if (url.pathname === '/api/auth/login' || url.pathname === '/api/auth/logout') event.waitUntil(caches.delete(DATA_CACHE));
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    if (isFieldData(url.pathname)) event.respondWith(fieldData(event, url));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  event.respondWith(
    (async () => {
      const hit = await caches.match(request, { cacheName: SHELL });
      return hit ?? fetch(request);
    })(),
  );
});
