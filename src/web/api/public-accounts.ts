// The public side of petitions: real-name accounts (their own session cookie and CSRF cookie,
// never a staff session), the account's petitions, and the query by code + phone without
// signing in. Public writes send the public CSRF cookie as the header.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from '../../shared/zod-setup';
import {
  PUBLIC_CSRF_COOKIE,
  type PetitionQueryBody,
  type PowChallengeDto,
  type PublicMeDto,
  type PublicPetitionCreate,
  type PublicPetitionView,
  type PublicRegisterBody,
  type publicOwnPetition,
  type publicPetitionCreated,
} from '../../shared/schemas/public-accounts';
import type { PublicOverviewDto } from '../../shared/schemas/public-overview';
import { api, ApiError, isApiError, readCookie } from './client';
import { queryClient } from './query-client';

export type PublicOwnPetition = z.infer<typeof publicOwnPetition>;
export type PublicPetitionCreated = z.infer<typeof publicPetitionCreated>;
export type { PublicPetitionView };

const enc = encodeURIComponent;

export const publicUrls = {
  challenge: '/api/public/accounts/challenge',
  register: '/api/public/accounts',
  login: '/api/public/session',
  logout: '/api/public/session/logout',
  me: '/api/public/me',
  overview: '/api/public/me/overview',
  petitions: '/api/public/petitions',
  rate: (id: string) => `/api/public/petitions/${enc(id)}/rate`,
  query: '/api/public/petition-query',
  queryRate: '/api/public/petition-query/rate',
};

export const publicMeKey = ['public-account', 'me'] as const;
const ownKey = ['public-account', 'petitions'] as const;
const overviewKey = ['public-account', 'overview'] as const;

/** GET, or a POST carrying the public CSRF cookie (the staff one is not ours to send). */
export function publicGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return api<T>(path, { signal });
}

export async function publicPost<T>(path: string, body: unknown): Promise<T> {
  const csrf = readCookie(PUBLIC_CSRF_COOKIE);
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body ?? {}), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const e = (data ?? {}) as { error?: string; message?: string; details?: { path: string; message: string }[] };
    const fallback = res.status === 429 ? '操作过于频繁，请稍后再试' : res.status === 401 ? '请先登录' : `请求失败（${res.status}）`;
    throw new ApiError(res.status, e.error ?? `HTTP_${res.status}`, e.message ?? fallback, e.details ?? []);
  }
  return data as T;
}

/** The signed-in public account, or null. */
export function usePublicMe() {
  return useQuery({
    queryKey: publicMeKey,
    queryFn: async ({ signal }): Promise<PublicMeDto | null> => {
      try {
        return await publicGet<PublicMeDto>(publicUrls.me, signal);
      } catch (e) {
        if (isApiError(e) && (e.status === 401 || e.status === 403)) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    meta: { silent: true },
  });
}

export function fetchChallenge(): Promise<PowChallengeDto> {
  return publicGet<PowChallengeDto>(publicUrls.challenge);
}

function signedIn(me: PublicMeDto | null): void {
  queryClient.removeQueries({ queryKey: ownKey });
  queryClient.removeQueries({ queryKey: overviewKey });
  queryClient.setQueryData(publicMeKey, me);
}

export function usePublicRegister() {
  return useMutation({
    mutationFn: (body: PublicRegisterBody) => publicPost<PublicMeDto>(publicUrls.register, body),
    onSuccess: (me) => signedIn(me),
    meta: { silent: true },
  });
}

export function usePublicLogin() {
  return useMutation({
    mutationFn: (body: { phone: string; password: string }) => publicPost<PublicMeDto>(publicUrls.login, body),
    onSuccess: (me) => signedIn(me),
    meta: { silent: true },
  });
}

export function usePublicLogout() {
  return useMutation({
    mutationFn: () => publicPost<unknown>(publicUrls.logout, {}),
    onSettled: () => signedIn(null),
    meta: { silent: true },
  });
}

export function useOwnPetitions(enabled: boolean) {
  return useQuery({
    queryKey: ownKey,
    queryFn: ({ signal }) => publicGet<{ items: PublicOwnPetition[] }>(publicUrls.petitions, signal),
    enabled,
  });
}

/** One of the account's petitions (read from the list: the server answers them all at once). */
export function useOwnPetition(id: string | undefined, enabled: boolean) {
  const list = useOwnPetitions(enabled && !!id);
  const item = list.data?.items.find((p) => p.id === id);
  return { ...list, data: item, notFound: !!list.data && !item };
}

export function useSubmitPetition() {
  return useMutation({
    mutationFn: (body: PublicPetitionCreate) => publicPost<PublicPetitionCreated>(publicUrls.petitions, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ownKey }),
    meta: { silent: true },
  });
}

export function useRateOwn() {
  return useMutation({
    mutationFn: ({ id, satisfaction }: { id: string; satisfaction: number }) => publicPost<PublicOwnPetition>(publicUrls.rate(id), { satisfaction }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ownKey }),
  });
}

export function useQueryPetition() {
  return useMutation({
    mutationFn: (body: PetitionQueryBody) => publicPost<PublicPetitionView>(publicUrls.query, body),
    meta: { silent: true },
  });
}

export function useRateByCode() {
  return useMutation({
    mutationFn: (body: PetitionQueryBody & { satisfaction: number }) => publicPost<PublicPetitionView>(publicUrls.queryRate, body),
  });
}

/** 我的: everything the signed-in account has with us, section by section. */
export function usePublicOverview(enabled: boolean) {
  return useQuery({
    queryKey: overviewKey,
    queryFn: ({ signal }) => publicGet<PublicOverviewDto>(publicUrls.overview, signal),
    enabled,
  });
}
