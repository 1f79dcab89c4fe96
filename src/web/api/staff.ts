// Staff account hooks.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { StaffCreate, StaffDto, StaffUpdate } from '../../shared/schemas/staff';
import { get, patch, post, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const staffKeys = {
  all: ['staff'] as const,
  list: ['staff', 'list'] as const,
  detail: (id: string) => ['staff', 'detail', id] as const,
};

export const staffApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<StaffDto>>('/api/staff', params, signal),
  get: (id: string, signal?: AbortSignal) => get<StaffDto>(`/api/staff/${encodeURIComponent(id)}`, undefined, signal),
};

export function useStaff(id: string | undefined) {
  return useQuery({
    queryKey: staffKeys.detail(id ?? ''),
    queryFn: ({ signal }) => staffApi.get(id as string, signal),
    enabled: !!id,
  });
}

// 三员分立: the security admin looks after administrator accounts (create, roles, state, credentials)
export const adminAccountKeys = { list: ['admin-accounts'] as const };

async function refresh(): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: staffKeys.all });
  await queryClient.invalidateQueries({ queryKey: adminAccountKeys.list });
}

export function useCreateStaff() {
  return useMutation({
    mutationFn: (body: StaffCreate) => post<{ staff: StaffDto; initialPassword: string }>('/api/staff', body),
    onSuccess: () => refresh(),
  });
}

export function useUpdateStaff() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StaffUpdate }) =>
      patch<StaffDto>(`/api/staff/${encodeURIComponent(id)}`, body),
    onSuccess: () => refresh(),
  });
}

export function useResetStaffPassword() {
  return useMutation({
    mutationFn: (id: string) =>
      post<{ initialPassword: string }>(`/api/staff/${encodeURIComponent(id)}/reset-password`),
    onSuccess: () => refresh(),
  });
}

export function useSetStaffDisabled() {
  return useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      post<StaffDto>(`/api/staff/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`),
    onSuccess: () => refresh(),
  });
}

export function useAdminAccounts() {
  return useQuery({ queryKey: adminAccountKeys.list, queryFn: ({ signal }) => get<Page<StaffDto>>('/api/admin-accounts', undefined, signal) });
}

export function useResetAdminPassword() {
  return useMutation({
    mutationFn: (id: string) => post<{ initialPassword: string }>(`/api/admin-accounts/${encodeURIComponent(id)}/reset-password`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminAccountKeys.list }),
  });
}

export function useResetAdminTotp() {
  return useMutation({
    mutationFn: (id: string) => post<StaffDto>(`/api/admin-accounts/${encodeURIComponent(id)}/reset-totp`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminAccountKeys.list }),
  });
}
