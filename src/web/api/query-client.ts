// The TanStack Query client with the app-wide error policy:
// - every failed query or mutation shows the server's Chinese message (unless meta.silent),
// - 401 sends the user to /login (sessionEnded), and back to the same page after signing in,
// - 403 STAGE_REQUIRED re-reads /api/me and routes by its stage.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { MeDto } from '../../shared/schemas/auth';
import { ApiError, get, isApiError } from './client';
import { clearIdleDeadline } from './idle-clock';
import { forgetDraftKeys } from '../components/secure-draft';

declare module '@tanstack/react-query' {
  // declaration merging needs an interface here
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Register {
    defaultError: Error;
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

export const meKey = ['me'] as const;

type Sink = {
  notify: (text: string) => void;
  navigate: (path: string) => void;
  /** the page's path and query */
  currentPath: () => string;
};

let sink: Sink = {
  notify: (text) => console.error(text),
  navigate: (path) => window.location.assign(path),
  currentPath: () => window.location.pathname + window.location.search,
};

/** Called once by the app shell when antd's message API and the router exist. */
export function setErrorSink(next: Sink): void {
  sink = next;
}

export function stagePath(stage: MeDto['stage']): string {
  switch (stage) {
    case 'totp':
      return '/login/totp';
    case 'totp-enrol':
      return '/login/totp-enrol';
    case 'change-password':
      return '/login/change-password';
    default:
      return '/';
  }
}

function isPublicPath(path: string): boolean {
  return path === '/login' || path.startsWith('/login/') || path === '/public' || path.startsWith('/public/');
}

let stageRefetch: Promise<void> | null = null;

/** The reason the sign-in page gives when the session ended for idleness (login-page.tsx). */
export const IDLE_REASON = 'idle';

/** Set when the session ended for idleness, until the next active sign-in (sessionResumed). */
let endedForIdle = false;

/**
 * The sign-in page that brings the user back to `here` (path and query: the same form, whose local
 * draft then comes back), saying why when the session ended for idleness. The one place that
 * builds it, so the session guard and the error policy send the user to the same address.
 */
export function loginPathFor(here: string): string {
  const next = here === '/' ? '' : `next=${encodeURIComponent(here)}`;
  const query = [endedForIdle ? `reason=${IDLE_REASON}` : '', next].filter(Boolean).join('&');
  return query ? `/login?${query}` : '/login';
}

/** Signed in and active again. */
export function sessionResumed(): void {
  endedForIdle = false;
}

/**
 * The staff session is over (a 401): forget the user and go to the sign-in page (loginPathFor).
 * An idle timeout (SESSION_EXPIRED) is said on the sign-in page itself; anything else as a message.
 * Returns false on the public pages, which have no staff session to lose.
 */
export function sessionEnded(err: ApiError): boolean {
  const here = sink.currentPath();
  if (isPublicPath(here.split('?')[0])) return false;
  if (err.code === 'SESSION_EXPIRED') endedForIdle = true;
  clearIdleDeadline();
  forgetDraftKeys();
  queryClient.setQueryData(meKey, null);
  if (!endedForIdle) sink.notify(err.message || '登录已失效，请重新登录');
  sink.navigate(loginPathFor(here));
  return true;
}

function handleError(err: unknown, silent: boolean | undefined): void {
  if (isApiError(err) && err.status === 401 && sessionEnded(err)) return;
  if (isApiError(err) && err.status === 403 && err.code === 'STAGE_REQUIRED') {
    if (!stageRefetch) {
      stageRefetch = get<MeDto>('/api/me')
        .then((me) => {
          queryClient.setQueryData(meKey, me);
          sink.navigate(stagePath(me.stage));
        })
        .catch(() => {
          queryClient.setQueryData(meKey, null);
          sink.navigate('/login');
        })
        .finally(() => {
          stageRefetch = null;
        });
    }
    return;
  }
  if (silent) return;
  if (err instanceof DOMException && err.name === 'AbortError') return;
  sink.notify(err instanceof Error && err.message ? err.message : '操作失败，请稍后再试');
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => handleError(err, query.meta?.silent),
  }),
  mutationCache: new MutationCache({
    onError: (err, _vars, _ctx, mutation) => handleError(err, mutation.meta?.silent),
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // without signal a query still asks once: the service worker may answer from its kept copy (pwa.ts)
      networkMode: 'offlineFirst',
      retry: (count, err) => {
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
        return count < 2;
      },
    },
    mutations: { retry: false },
  },
});
