// Glory plaque hooks: lists for the tabs, the eligible households, detail, and the writes.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  EligibleHousehold,
  PlaqueCreate,
  PlaqueDetail,
  PlaqueDto,
  PlaqueHang,
  PlaqueReplace,
  PlaqueRevoke,
} from '../../shared/schemas/glory-plaques';
import { buildQuery, get, post, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const plaqueKeys = {
  all: ['glory-plaques'] as const,
  list: (status: string) => ['glory-plaques', 'list', status] as const,
  eligible: ['glory-plaques', 'eligible'] as const,
  detail: (id: string) => ['glory-plaques', 'detail', id] as const,
};

export const plaqueApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<PlaqueDto>>('/api/glory-plaques', params, signal),
  eligible: (params: QueryParams, signal?: AbortSignal) => get<Page<EligibleHousehold>>('/api/glory-plaques/eligible', params, signal),
  get: (id: string, signal?: AbortSignal) => get<PlaqueDetail>(`/api/glory-plaques/${encodeURIComponent(id)}`, undefined, signal),
  photoUrl: (id: string, version: number) => `/api/glory-plaques/${encodeURIComponent(id)}/photo?v=${version}`,
  /** the 光荣牌悬挂台账 of a filter (paging left out) */
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    delete rest.page;
    delete rest.pageSize;
    delete rest.tab;
    delete rest.plaque;
    return `/api/ledgers/glory-plaques${buildQuery(rest)}`;
  },
};

export function usePlaque(id: string | undefined) {
  return useQuery({
    queryKey: plaqueKeys.detail(id ?? ''),
    queryFn: ({ signal }) => plaqueApi.get(id as string, signal),
    enabled: !!id,
  });
}

/** The plaque record of one household (the recipient page's panel): at most one. */
export function useHouseholdPlaque(householdId: string | null) {
  return useQuery({
    queryKey: [...plaqueKeys.all, 'household', householdId ?? ''],
    queryFn: async ({ signal }) => (await plaqueApi.list({ householdId: householdId as string, pageSize: 5 }, signal)).items[0] ?? null,
    enabled: !!householdId,
  });
}

function refresh(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: plaqueKeys.all });
}

export function useCreatePlaque() {
  return useMutation({
    mutationFn: (body: PlaqueCreate) => post<PlaqueDetail>('/api/glory-plaques', body),
    onSuccess: () => refresh(),
  });
}

type Write<B> = { id: string; body: B };

export function useHangPlaque() {
  return useMutation({
    mutationFn: ({ id, body }: Write<PlaqueHang>) => post<PlaqueDetail>(`/api/glory-plaques/${encodeURIComponent(id)}/hang`, body),
    onSuccess: () => refresh(),
  });
}

export function useReplacePlaque() {
  return useMutation({
    mutationFn: ({ id, body }: Write<PlaqueReplace>) => post<PlaqueDetail>(`/api/glory-plaques/${encodeURIComponent(id)}/replace`, body),
    onSuccess: () => refresh(),
  });
}

export function useRevokePlaque() {
  return useMutation({
    mutationFn: ({ id, body }: Write<PlaqueRevoke>) => post<PlaqueDetail>(`/api/glory-plaques/${encodeURIComponent(id)}/revoke`, body),
    onSuccess: () => refresh(),
  });
}
