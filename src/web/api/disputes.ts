// 矛盾纠纷 hooks: the list, a dispute, the people who can be responsible, the writes, the monthly
// summary and the submissions up.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  AssigneeDto,
  DisputeClose,
  DisputeCreate,
  DisputeDetail,
  DisputeDto,
  DisputeProgressCreate,
  DisputeSummary,
  DisputeUpdate,
  SubmissionDto,
  SubmissionStatus,
} from '../../shared/schemas/disputes';
import { buildQuery, get, post, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const disputeKeys = {
  all: ['disputes'] as const,
  list: ['disputes', 'list'] as const,
  detail: (id: string) => ['disputes', 'detail', id] as const,
  assignees: (unitId: string) => ['disputes', 'assignees', unitId] as const,
  summary: (unitId: string, month: string) => ['disputes', 'summary', unitId, month] as const,
  submissions: (unitId: string, month: string) => ['disputes', 'submissions', unitId, month] as const,
};

const path = (id: string) => `/api/disputes/${encodeURIComponent(id)}`;

/** The list's URL params as the API takes them: `sort=-deadline` becomes sort + order. */
function listParams(params: QueryParams): QueryParams {
  const out: QueryParams = { ...params };
  const sort = typeof params.sort === 'string' ? params.sort : '';
  if (sort) {
    out.sort = sort.replace(/^-/, '');
    out.order = sort.startsWith('-') ? 'desc' : 'asc';
  }
  return out;
}

export const disputeApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<DisputeDto>>('/api/disputes', listParams(params), signal),
  get: (id: string, signal?: AbortSignal) => get<DisputeDetail>(path(id), undefined, signal),
  assignees: (orgUnitId: string, signal?: AbortSignal) => get<{ items: AssigneeDto[] }>('/api/disputes/assignees', { orgUnitId }, signal),
  summary: (orgUnitId: string, month: string, signal?: AbortSignal) => get<DisputeSummary>('/api/disputes/summary', { orgUnitId, month }, signal),
  submissions: (orgUnitId: string, month: string, signal?: AbortSignal) => get<SubmissionStatus>('/api/disputes/submissions', { orgUnitId, month }, signal),
  summaryExportUrl: (orgUnitId: string, month: string) => `/api/disputes/summary/export${buildQuery({ orgUnitId, month })}`,
  /** the 矛盾纠纷排查化解台账 of a filter (paging and sort left out) */
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
    return `/api/ledgers/disputes${buildQuery(rest)}`;
  },
};

export function useDispute(id: string | undefined) {
  return useQuery({ queryKey: disputeKeys.detail(id ?? ''), queryFn: ({ signal }) => disputeApi.get(id as string, signal), enabled: !!id });
}

export function useAssignees(orgUnitId: string | undefined) {
  return useQuery({ queryKey: disputeKeys.assignees(orgUnitId ?? ''), queryFn: ({ signal }) => disputeApi.assignees(orgUnitId as string, signal), enabled: !!orgUnitId });
}

export function useDisputeSummary(orgUnitId: string | undefined, month: string) {
  return useQuery({ queryKey: disputeKeys.summary(orgUnitId ?? '', month), queryFn: ({ signal }) => disputeApi.summary(orgUnitId as string, month, signal), enabled: !!orgUnitId });
}

export function useSubmissions(orgUnitId: string | undefined, month: string) {
  return useQuery({ queryKey: disputeKeys.submissions(orgUnitId ?? '', month), queryFn: ({ signal }) => disputeApi.submissions(orgUnitId as string, month, signal), enabled: !!orgUnitId });
}

function refresh(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: disputeKeys.all });
}

type Write<B> = { id: string; body: B };

export function useCreateDispute() {
  return useMutation({ mutationFn: (body: DisputeCreate) => post<DisputeDetail>('/api/disputes', body), onSuccess: () => refresh() });
}
export function useUpdateDisputePlan() {
  return useMutation({ mutationFn: ({ id, body }: Write<DisputeUpdate>) => post<DisputeDetail>(`${path(id)}/plan`, body), onSuccess: () => refresh() });
}
export function useAddProgress() {
  return useMutation({ mutationFn: ({ id, body }: Write<DisputeProgressCreate>) => post<DisputeDetail>(`${path(id)}/progress`, body), onSuccess: () => refresh() });
}
export function useCloseDispute() {
  return useMutation({ mutationFn: ({ id, body }: Write<DisputeClose>) => post<DisputeDetail>(`${path(id)}/close`, body), onSuccess: () => refresh() });
}
export function useSubmitSummary() {
  return useMutation({ mutationFn: (month: string) => post<SubmissionDto>('/api/disputes/summary/submit', { month }), onSuccess: () => refresh() });
}
