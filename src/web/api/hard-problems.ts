// 疑难问题 hooks: the list, a problem, the monthly review list, the writes (one body per action).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { HardProblemActionBody, HardProblemCreate, HardProblemDetail, HardProblemDto, HardProblemReviewList } from '../../shared/schemas/hard-problems';
import { buildQuery, get, post, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const hardProblemKeys = {
  all: ['hard-problems'] as const,
  list: ['hard-problems', 'list'] as const,
  detail: (id: string) => ['hard-problems', 'detail', id] as const,
  review: (month: string) => ['hard-problems', 'review', month] as const,
};

const path = (id: string) => `/api/hard-problems/${encodeURIComponent(id)}`;

/** The list's URL params as the API takes them: `sort=-reportedOn` becomes sort + order. */
function listParams(params: QueryParams): QueryParams {
  const out: QueryParams = { ...params };
  const sort = typeof params.sort === 'string' ? params.sort : '';
  if (sort) {
    out.sort = sort.replace(/^-/, '');
    out.order = sort.startsWith('-') ? 'desc' : 'asc';
  }
  return out;
}

export const hardProblemApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<HardProblemDto>>('/api/hard-problems', listParams(params), signal),
  /** the 疑难问题台账 of a filter (paging and sort left out; ID numbers always masked) */
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order', 'q']) delete rest[k];
    return `/api/ledgers/hard-problems${buildQuery(rest)}`;
  },
  fileBase: (id: string) => `${path(id)}/files`,
};

export function useHardProblem(id: string | undefined) {
  return useQuery({ queryKey: hardProblemKeys.detail(id ?? ''), queryFn: ({ signal }) => get<HardProblemDetail>(path(id as string), undefined, signal), enabled: !!id });
}
export function useHardProblemReview(month: string) {
  return useQuery({ queryKey: hardProblemKeys.review(month), queryFn: ({ signal }) => get<HardProblemReviewList>('/api/hard-problems/review', { month }, signal) });
}

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: hardProblemKeys.all });
}

export function useReportHardProblem() {
  return useMutation({ mutationFn: (body: HardProblemCreate) => post<HardProblemDetail>('/api/hard-problems', body), onSuccess: () => refresh() });
}
export function useHardProblemAction() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: HardProblemActionBody }) => post<HardProblemDetail>(`${path(id)}/actions`, body), onSuccess: () => refresh() });
}
