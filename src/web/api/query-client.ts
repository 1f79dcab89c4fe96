// The TanStack Query client with the app-wide error policy:
// - every failed query or mutation shows the server's Chinese message (unless meta.silent),
// - 401 sends the user to /login,
// - 403 STAGE_REQUIRED re-reads /api/me and routes by its stage.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { MeDto } from '../../shared/schemas/auth';
import { ApiError, get, isApiError } from './client';

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
  currentPath: () => string;
};

let sink: Sink = {
  notify: (text) => console.error(text),
  navigate: (path) => window.location.assign(path),
  currentPath: () => window.location.pathname,
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

function handleError(err: unknown, silent: boolean | undefined): void {
  if (isApiError(err) && err.status === 401) {
    const here = sink.currentPath();
    if (!isPublicPath(here)) {
      queryClient.setQueryData(meKey, null);
      sink.notify(err.message || '登录已失效，请重新登录');
      sink.navigate(`/login?next=${encodeURIComponent(here)}`);
      return;
    }
  }
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
