// The public service portal: a unit's public part (commitments, supervisors, published replies),
// the feedback box (submit without an account or as the signed-in public account, query by code),
// and the staff's feedback list, detail, actions, and the unit's commitments and supervisors.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  AccountFeedbackCreate,
  FeedbackActionBody,
  FeedbackCreated,
  FeedbackDetail,
  FeedbackDto,
  FeedbackSettings,
  FeedbackSettingsView,
  PublicFeedbackCreate,
  PublicFeedbackView,
  PublicPortalDto,
  UnitServiceDto,
} from '../../shared/schemas/feedback';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { publicPost } from './public-accounts';
import { queryClient } from './query-client';

const enc = encodeURIComponent;

export const portalKeys = {
  publicPortal: (id: string) => ['public', 'portal', id] as const,
  feedback: ['feedback'] as const,
  list: ['feedback', 'list'] as const,
  detail: (id: string) => ['feedback', 'detail', id] as const,
  unit: (id: string) => ['feedback', 'unit', id] as const,
};

export function usePublicPortal(id: string | undefined) {
  return useQuery({
    queryKey: portalKeys.publicPortal(id ?? ''),
    queryFn: ({ signal }) => get<PublicPortalDto>(`/api/public/org-units/${enc(id as string)}/portal`, undefined, signal),
    enabled: !!id,
  });
}

export function useSubmitFeedback() {
  return useMutation({ mutationFn: (body: PublicFeedbackCreate) => publicPost<FeedbackCreated>('/api/public/feedback', body) });
}

export function useSubmitAccountFeedback() {
  return useMutation({ mutationFn: (body: AccountFeedbackCreate) => publicPost<FeedbackCreated>('/api/public/account/feedback', body) });
}

export function useQueryFeedback() {
  return useMutation({ mutationFn: (code: string) => publicPost<PublicFeedbackView>('/api/public/feedback-query', { code }) });
}

/** The list's URL params as the API takes them: `sort=-dueDay` becomes sort + order. */
function listParams(params: QueryParams): QueryParams {
  const out: QueryParams = { ...params };
  const sort = typeof params.sort === 'string' ? params.sort : '';
  if (sort) {
    out.sort = sort.replace(/^-/, '');
    out.order = sort.startsWith('-') ? 'desc' : 'asc';
  }
  return out;
}

export const feedbackApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<FeedbackDto>>('/api/feedback', listParams(params), signal),
  get: (id: string, signal?: AbortSignal) => get<FeedbackDetail>(`/api/feedback/${enc(id)}`, undefined, signal),
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
    return `/api/ledgers/feedback${buildQuery(rest)}`;
  },
};

export function useFeedback(id: string | undefined) {
  return useQuery({ queryKey: portalKeys.detail(id ?? ''), queryFn: ({ signal }) => feedbackApi.get(id as string, signal), enabled: !!id });
}

export function useFeedbackAction() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FeedbackActionBody }) => post<FeedbackDetail>(`/api/feedback/${enc(id)}/actions`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.feedback }),
  });
}

export function useRevealFeedbackPhone() {
  return useMutation({ mutationFn: (id: string) => post<{ value: string }>(`/api/feedback/${enc(id)}/reveal`) });
}

export function useUnitService(unitId: string | undefined) {
  return useQuery({ queryKey: portalKeys.unit(unitId ?? ''), queryFn: ({ signal }) => get<UnitServiceDto>(`/api/portal/units/${enc(unitId as string)}`, undefined, signal), enabled: !!unitId });
}

export function useSaveCommitments() {
  return useMutation({
    mutationFn: ({ unitId, items }: { unitId: string; items: string[] }) => put<UnitServiceDto>(`/api/portal/units/${enc(unitId)}/commitments`, { items }),
    onSuccess: (d) => queryClient.setQueryData(portalKeys.unit(d.orgUnitId), d),
  });
}

export function useSaveSupervisors() {
  return useMutation({
    mutationFn: ({ unitId, items }: { unitId: string; items: { name: string; affiliation: string; phone: string }[] }) =>
      put<UnitServiceDto>(`/api/portal/units/${enc(unitId)}/supervisors`, { items }),
    onSuccess: (d) => queryClient.setQueryData(portalKeys.unit(d.orgUnitId), d),
  });
}

/** The feedback box's reply deadline (days, natural or working), and whether the caller may change it. */
export function useFeedbackSettings() {
  return useQuery({ queryKey: [...portalKeys.feedback, 'settings'], queryFn: ({ signal }) => get<FeedbackSettingsView>('/api/feedback-settings', undefined, signal) });
}

export function useSaveFeedbackSettings() {
  return useMutation({
    mutationFn: (body: FeedbackSettings) => put<FeedbackSettingsView>('/api/feedback-settings', body),
    onSuccess: (d) => queryClient.setQueryData([...portalKeys.feedback, 'settings'], d),
  });
}
