// 帮扶援助 hooks: the list, an application, the verifiers, the actions, settings, figures, the public list.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { AssistanceAction, AssistanceCreate, AssistanceDetail, AssistanceDto, AssistanceFigures, AssistanceSettings, AssistanceSettingsView, PublicAidApply, PublicAidList, PublicOwnAid, PublicOwnAidList } from '../../shared/schemas/assistance';
import type { MaterialFileUpload } from '../../shared/schemas/application-materials';
import { publicGet, publicPost } from './public-accounts';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const assistanceKeys = {
  all: ['assistance'] as const,
  list: ['assistance', 'list'] as const,
  detail: (id: string) => ['assistance', 'detail', id] as const,
  ofRecipient: (id: string) => ['assistance', 'recipient', id] as const,
  verifiers: (unitId: string) => ['assistance', 'verifiers', unitId] as const,
  settings: ['assistance', 'settings'] as const,
  figures: (period: string, unitId: string) => ['assistance', 'figures', period, unitId] as const,
};

const path = (id: string) => `/api/assistance/${encodeURIComponent(id)}`;

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

export const assistanceApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<AssistanceDto>>('/api/assistance', listParams(params), signal),
  get: (id: string, signal?: AbortSignal) => get<AssistanceDetail>(path(id), undefined, signal),
  verifiers: (orgUnitId: string, signal?: AbortSignal) => get<{ items: { id: string; name: string; unitName: string }[] }>('/api/assistance/verifiers', { orgUnitId }, signal),
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
    return `/api/ledgers/assistance${buildQuery(rest)}`;
  },
};

export function useAid(id: string | undefined) {
  return useQuery({ queryKey: assistanceKeys.detail(id ?? ''), queryFn: ({ signal }) => assistanceApi.get(id as string, signal), enabled: !!id });
}
export function useRecipientAid(recipientId: string) {
  return useQuery({ queryKey: assistanceKeys.ofRecipient(recipientId), queryFn: ({ signal }) => assistanceApi.list({ recipientId, pageSize: 50, sort: '-openedOn' }, signal) });
}
export function useVerifiers(orgUnitId: string | undefined) {
  return useQuery({ queryKey: assistanceKeys.verifiers(orgUnitId ?? ''), queryFn: ({ signal }) => assistanceApi.verifiers(orgUnitId as string, signal), enabled: !!orgUnitId });
}
export function useAssistanceSettings() {
  return useQuery({ queryKey: assistanceKeys.settings, queryFn: ({ signal }) => get<AssistanceSettingsView>('/api/assistance-settings', undefined, signal) });
}
export function useAssistanceFigures(period: string, orgUnitId: string | undefined) {
  return useQuery({
    queryKey: assistanceKeys.figures(period, orgUnitId ?? ''),
    queryFn: ({ signal }) => get<AssistanceFigures>('/api/assistance/figures', orgUnitId ? { period, orgUnitId } : { period }, signal),
  });
}
export function usePublicAid(unitId: string | undefined, period: string) {
  return useQuery({
    queryKey: ['public', 'assistance', unitId ?? '', period],
    queryFn: ({ signal }) => get<PublicAidList>(`/api/public/org-units/${encodeURIComponent(unitId as string)}/assistance`, { period }, signal),
    enabled: !!unitId,
  });
}

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['visits'] });
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
}

export function useCreateAid() {
  return useMutation({ mutationFn: (body: AssistanceCreate) => post<AssistanceDetail>('/api/assistance', body), onSuccess: () => refresh() });
}
export function useAidAction() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: AssistanceAction }) => post<AssistanceDetail>(`${path(id)}/actions`, body), onSuccess: () => refresh() });
}
export function useSaveAssistanceSettings() {
  return useMutation({ mutationFn: (body: AssistanceSettings) => put<AssistanceSettingsView>('/api/assistance-settings', body), onSuccess: () => refresh() });
}

// ---- the veteran's side (public account) ----
const publicAidKeys = { mine: ['public-account', 'assistance'] as const };
const publicAidPath = (id: string) => `/api/public/assistance/${encodeURIComponent(id)}`;

export function useMyAids(enabled: boolean) {
  return useQuery({ queryKey: publicAidKeys.mine, queryFn: ({ signal }) => publicGet<PublicOwnAidList>('/api/public/assistance', signal), enabled, retry: false });
}
export function useMyAid(id: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: [...publicAidKeys.mine, id ?? ''], queryFn: ({ signal }) => publicGet<PublicOwnAid>(publicAidPath(id as string), signal), enabled: !!id && enabled, retry: false });
}
const refreshMine = () => {
  void queryClient.invalidateQueries({ queryKey: publicAidKeys.mine });
  void queryClient.invalidateQueries({ queryKey: ['public-account', 'overview'] });
};
export function useApplyAidOnline() {
  return useMutation({ mutationFn: (body: PublicAidApply) => publicPost<PublicOwnAid>('/api/public/assistance', body), onSuccess: refreshMine });
}
export const uploadMyEvidence = (id: string, body: MaterialFileUpload) => publicPost<PublicOwnAid>(`${publicAidPath(id)}/files`, body);
export function useAddMyEvidence(id: string) {
  return useMutation({ mutationFn: (body: MaterialFileUpload) => uploadMyEvidence(id, body), onSuccess: refreshMine });
}
