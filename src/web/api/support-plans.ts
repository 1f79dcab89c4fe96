// 一人一策 hooks: the list, a plan, the people who can be responsible, the writes.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { MeasureAdd, MeasureMark, PlanAssigneeDto, SupportPlanClose, SupportPlanCreate, SupportPlanDetail, SupportPlanDto, SupportPlanReview, SupportPlanUpdate } from '../../shared/schemas/support-plans';
import { buildQuery, get, post, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const supportPlanKeys = {
  all: ['support-plans'] as const,
  list: ['support-plans', 'list'] as const,
  detail: (id: string) => ['support-plans', 'detail', id] as const,
  ofRecipient: (id: string) => ['support-plans', 'recipient', id] as const,
  assignees: (unitId: string) => ['support-plans', 'assignees', unitId] as const,
};

const path = (id: string) => `/api/support-plans/${encodeURIComponent(id)}`;

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

export const supportPlanApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<SupportPlanDto>>('/api/support-plans', listParams(params), signal),
  get: (id: string, signal?: AbortSignal) => get<SupportPlanDetail>(path(id), undefined, signal),
  assignees: (orgUnitId: string, signal?: AbortSignal) => get<{ items: PlanAssigneeDto[] }>('/api/support-plans/assignees', { orgUnitId }, signal),
  /** the 一人一策帮扶台账 of a filter (paging and sort left out) */
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
    return `/api/ledgers/support-plans${buildQuery(rest)}`;
  },
};

export function useSupportPlan(id: string | undefined) {
  return useQuery({ queryKey: supportPlanKeys.detail(id ?? ''), queryFn: ({ signal }) => supportPlanApi.get(id as string, signal), enabled: !!id });
}

/** A person's plans, for the recipient page. */
export function useRecipientSupportPlans(recipientId: string) {
  return useQuery({ queryKey: supportPlanKeys.ofRecipient(recipientId), queryFn: ({ signal }) => supportPlanApi.list({ recipientId, pageSize: 50, sort: '-openedOn' }, signal) });
}

export function usePlanAssignees(orgUnitId: string | undefined) {
  return useQuery({ queryKey: supportPlanKeys.assignees(orgUnitId ?? ''), queryFn: ({ signal }) => supportPlanApi.assignees(orgUnitId as string, signal), enabled: !!orgUnitId });
}

function refresh(): Promise<void> {
  // the follow-up it may have come from is visits' (closed as passed on) and the work queue moves
  void queryClient.invalidateQueries({ queryKey: ['visits'] });
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: supportPlanKeys.all });
}

type Write<B> = { id: string; body: B };

export function useCreateSupportPlan() {
  return useMutation({ mutationFn: (body: SupportPlanCreate) => post<SupportPlanDetail>('/api/support-plans', body), onSuccess: () => refresh() });
}
export function useUpdateSupportPlan() {
  return useMutation({ mutationFn: ({ id, body }: Write<SupportPlanUpdate>) => post<SupportPlanDetail>(`${path(id)}/update`, body), onSuccess: () => refresh() });
}
export function useAddMeasure() {
  return useMutation({ mutationFn: ({ id, body }: Write<MeasureAdd>) => post<SupportPlanDetail>(`${path(id)}/measures`, body), onSuccess: () => refresh() });
}
export function useMarkMeasure() {
  return useMutation({ mutationFn: ({ id, body }: Write<MeasureMark>) => post<SupportPlanDetail>(`${path(id)}/measures/mark`, body), onSuccess: () => refresh() });
}
export function useReviewSupportPlan() {
  return useMutation({ mutationFn: ({ id, body }: Write<SupportPlanReview>) => post<SupportPlanDetail>(`${path(id)}/review`, body), onSuccess: () => refresh() });
}
export function useCloseSupportPlan() {
  return useMutation({ mutationFn: ({ id, body }: Write<SupportPlanClose>) => post<SupportPlanDetail>(`${path(id)}/close`, body), onSuccess: () => refresh() });
}
