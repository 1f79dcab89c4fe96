// 舆情信息 hooks: the list (and the inbox of the caller's level), a report with its chain, the writes.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { OpinionCreate, OpinionDecide, OpinionDto } from '../../shared/schemas/opinion-reports';
import { buildQuery, get, post, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const opinionKeys = {
  all: ['opinion-reports'] as const,
  list: (tab: string) => ['opinion-reports', 'list', tab] as const,
  detail: (id: string) => ['opinion-reports', 'detail', id] as const,
};

const path = (id: string) => `/api/opinion-reports/${encodeURIComponent(id)}`;

export const opinionApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<OpinionDto>>('/api/opinion-reports', params, signal),
  get: (id: string, signal?: AbortSignal) => get<OpinionDto>(path(id), undefined, signal),
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort']) delete rest[k];
    return `/api/ledgers/opinion-reports${buildQuery(rest)}`;
  },
};

export function useOpinionReport(id: string | undefined) {
  return useQuery({ queryKey: opinionKeys.detail(id ?? ''), queryFn: ({ signal }) => opinionApi.get(id as string, signal), enabled: !!id });
}

function refresh(): Promise<void> {
  return Promise.all([queryClient.invalidateQueries({ queryKey: opinionKeys.all }), queryClient.invalidateQueries({ queryKey: ['work-queue'] })]).then(() => undefined);
}

export function useCreateOpinionReport() {
  return useMutation({ mutationFn: (body: OpinionCreate) => post<OpinionDto>('/api/opinion-reports', body), onSuccess: () => refresh() });
}
export function useAcknowledgeOpinion() {
  return useMutation({ mutationFn: (id: string) => post<OpinionDto>(`${path(id)}/acknowledge`, {}), onSuccess: () => refresh() });
}
export function useDecideOpinion() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: OpinionDecide }) => post<OpinionDto>(`${path(id)}/decide`, body), onSuccess: () => refresh() });
}
