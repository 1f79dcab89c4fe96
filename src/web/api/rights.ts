// 权益维护 hooks: the list, a case, the figures, the writes (one body per action).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { RightsActionBody, RightsCreate, RightsDetail, RightsFigures, RightsListItem } from '../../shared/schemas/rights';
import { buildQuery, get, post, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const rightsKeys = {
  all: ['rights'] as const,
  list: ['rights', 'list'] as const,
  detail: (id: string) => ['rights', 'detail', id] as const,
  ofRecipient: (id: string) => ['rights', 'recipient', id] as const,
  figures: (from: string, to: string) => ['rights', 'figures', from, to] as const,
};

const path = (id: string) => `/api/rights/${encodeURIComponent(id)}`;

/** The list's URL params as the API takes them: `sort=-openedOn` becomes sort + order. */
function listParams(params: QueryParams): QueryParams {
  const out: QueryParams = { ...params };
  const sort = typeof params.sort === 'string' ? params.sort : '';
  if (sort) {
    out.sort = sort.replace(/^-/, '');
    out.order = sort.startsWith('-') ? 'desc' : 'asc';
  }
  return out;
}

export const rightsApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<RightsListItem>>('/api/rights', listParams(params), signal),
  get: (id: string, signal?: AbortSignal) => get<RightsDetail>(path(id), undefined, signal),
  figures: (from: string, to: string, signal?: AbortSignal) => get<RightsFigures>('/api/rights/figures', { from, to }, signal),
  /** the 权益维护案件台账 of a filter (paging and sort left out; ID numbers always masked) */
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order', 'q']) delete rest[k];
    return `/api/ledgers/rights${buildQuery(rest)}`;
  },
};

export function useRightsCase(id: string | undefined) {
  return useQuery({ queryKey: rightsKeys.detail(id ?? ''), queryFn: ({ signal }) => rightsApi.get(id as string, signal), enabled: !!id });
}

/** A person's rights cases, for the recipient page. */
export function useRecipientRights(recipientId: string) {
  return useQuery({ queryKey: rightsKeys.ofRecipient(recipientId), queryFn: ({ signal }) => rightsApi.list({ recipientId, pageSize: 50, sort: '-openedOn' }, signal) });
}

export function useRightsFigures(from: string, to: string) {
  return useQuery({ queryKey: rightsKeys.figures(from, to), queryFn: ({ signal }) => rightsApi.figures(from, to, signal) });
}

function refresh(): Promise<void> {
  // the follow-up or petition it may have come from, and the work queue (督办 notices), move too
  void queryClient.invalidateQueries({ queryKey: ['visits'] });
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: rightsKeys.all });
}

export function useCreateRightsCase() {
  return useMutation({ mutationFn: (body: RightsCreate) => post<RightsDetail>('/api/rights', body), onSuccess: () => refresh() });
}
export function useRightsAction() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: RightsActionBody }) => post<RightsDetail>(`${path(id)}/actions`, body), onSuccess: () => refresh() });
}
