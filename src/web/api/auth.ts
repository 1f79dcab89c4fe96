// Session and own-account hooks: sign-in steps, /api/me, password and TOTP.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { MeDto } from '../../shared/schemas/auth';
import { isApiError, get, post } from './client';
import { meKey, queryClient } from './query-client';
import { forgetDraftKeys } from '../components/secure-draft';

export type TotpSetup = { secret: string; otpauthUrl: string; qrDataUrl: string };

/** The signed-in user, or null when there is no session (401). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }): Promise<MeDto | null> => {
      try {
        return await get<MeDto>('/api/me', undefined, signal);
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    meta: { silent: true },
  });
}

function setMe(me: MeDto | null): void {
  queryClient.setQueryData(meKey, me);
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => post<MeDto>('/api/auth/login', body),
    onSuccess: (me) => {
      // A new identity: nothing cached for the previous one may be shown.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      setMe(me);
    },
  });
}

export function useTotpLogin() {
  return useMutation({
    mutationFn: (code: string) => post<MeDto>('/api/auth/totp', { code }),
    onSuccess: setMe,
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => post<{ ok: true }>('/api/auth/logout'),
    onSettled: () => {
      forgetDraftKeys();
      queryClient.clear();
      setMe(null);
    },
    meta: { silent: true },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      post<MeDto>('/api/me/password', body),
    onSuccess: setMe,
  });
}

export function useTotpSetup() {
  return useMutation({
    mutationFn: () => post<TotpSetup>('/api/me/totp/setup'),
  });
}

export function useTotpConfirm() {
  return useMutation({
    mutationFn: (code: string) => post<MeDto>('/api/me/totp/confirm', { code }),
    onSuccess: setMe,
  });
}

export function can(me: MeDto | null | undefined, permission: MeDto['permissions'][number]): boolean {
  return !!me && me.permissions.includes(permission);
}
