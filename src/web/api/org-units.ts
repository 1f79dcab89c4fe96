// Org unit hooks: the tree of the caller's scope, detail and the write operations.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { OrgLevel, OrgUnitCreate, OrgUnitDto, OrgUnitUpdate } from '../../shared/schemas/org-units';
import { get, patch, post, type Page } from './client';
import { queryClient } from './query-client';

export type OrgUnitListParams = {
  parentId?: string;
  level?: OrgLevel;
  q?: string;
  page?: number;
  pageSize?: number;
};

export const orgUnitKeys = {
  all: ['org-units'] as const,
  list: (p: OrgUnitListParams) => ['org-units', 'list', p] as const,
  detail: (id: string) => ['org-units', 'detail', id] as const,
};

export const orgUnitApi = {
  list: (p: OrgUnitListParams, signal?: AbortSignal) => get<Page<OrgUnitDto>>('/api/org-units', p, signal),
  /** The caller's own root unit(s) of their scope. */
  roots: (signal?: AbortSignal) => get<Page<OrgUnitDto>>('/api/org-units', { pageSize: 200 }, signal),
  children: (parentId: string, signal?: AbortSignal) =>
    get<Page<OrgUnitDto>>('/api/org-units', { parentId, pageSize: 200 }, signal),
  search: (q: string, level?: OrgLevel, signal?: AbortSignal) =>
    get<Page<OrgUnitDto>>('/api/org-units', { q, level, pageSize: 50 }, signal),
  get: (id: string, signal?: AbortSignal) => get<OrgUnitDto>(`/api/org-units/${encodeURIComponent(id)}`, undefined, signal),
};

export function useOrgUnitList(p: OrgUnitListParams, enabled = true) {
  return useQuery({
    queryKey: orgUnitKeys.list(p),
    queryFn: ({ signal }) => orgUnitApi.list(p, signal),
    enabled,
  });
}

export function useOrgUnit(id: string | undefined) {
  return useQuery({
    queryKey: orgUnitKeys.detail(id ?? ''),
    queryFn: ({ signal }) => orgUnitApi.get(id as string, signal),
    enabled: !!id,
  });
}

function invalidateOrgUnits(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: orgUnitKeys.all });
}

function remember(unit: OrgUnitDto): void {
  queryClient.setQueryData(orgUnitKeys.detail(unit.id), unit);
}

export function useCreateOrgUnit() {
  return useMutation({
    mutationFn: (body: OrgUnitCreate) => post<OrgUnitDto>('/api/org-units', body),
    onSuccess: (u) => {
      remember(u);
      return invalidateOrgUnits();
    },
  });
}

export function useUpdateOrgUnit() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: OrgUnitUpdate }) =>
      patch<OrgUnitDto>(`/api/org-units/${encodeURIComponent(id)}`, body),
    onSuccess: (u) => {
      remember(u);
      return invalidateOrgUnits();
    },
  });
}

export function useMoveOrgUnit() {
  return useMutation({
    mutationFn: ({ id, newParentId }: { id: string; newParentId: string }) =>
      post<OrgUnitDto>(`/api/org-units/${encodeURIComponent(id)}/move`, { newParentId }),
    onSuccess: (u) => {
      remember(u);
      return invalidateOrgUnits();
    },
  });
}

export function useMergeOrgUnit() {
  return useMutation({
    mutationFn: ({ id, targetId }: { id: string; targetId: string }) =>
      post<OrgUnitDto>(`/api/org-units/${encodeURIComponent(id)}/merge`, { targetId }),
    onSuccess: (target) => {
      remember(target);
      return invalidateOrgUnits();
    },
  });
}
