// 法律援助 hooks: the list, a case, the directory, the writes.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  LegalAidAck,
  LegalAidClose,
  LegalAidCreate,
  LegalAidDetail,
  LegalAidDto,
  LegalAidFigures,
  LegalAidFollowUp,
  LegalAidPartnerDto,
  LegalAidPartnerInput,
  LegalAidPartnerUpdate,
  LegalAidRefer,
  LegalAidSettingsBody,
  LegalAidSettingsView,
} from '../../shared/schemas/legal-aid';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const legalAidKeys = {
  all: ['legal-aid'] as const,
  list: ['legal-aid', 'list'] as const,
  detail: (id: string) => ['legal-aid', 'detail', id] as const,
  ofRecipient: (id: string) => ['legal-aid', 'recipient', id] as const,
  partners: (params: QueryParams) => ['legal-aid', 'partners', params] as const,
  figures: (unitId: string, from = '', to = '') => ['legal-aid', 'figures', unitId, from, to] as const,
  settings: (countyId: string) => ['legal-aid', 'settings', countyId] as const,
};

const path = (id: string) => `/api/legal-aid/${encodeURIComponent(id)}`;

/** The list's URL params as the API takes them: `sort=-appliedOn` becomes sort + order. */
function listParams(params: QueryParams): QueryParams {
  const out: QueryParams = { ...params };
  const sort = typeof params.sort === 'string' ? params.sort : '';
  if (sort) {
    out.sort = sort.replace(/^-/, '');
    out.order = sort.startsWith('-') ? 'desc' : 'asc';
  }
  return out;
}

export const legalAidApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<LegalAidDto>>('/api/legal-aid', listParams(params), signal),
  get: (id: string, signal?: AbortSignal) => get<LegalAidDetail>(path(id), undefined, signal),
  partners: (params: QueryParams, signal?: AbortSignal) => get<{ items: LegalAidPartnerDto[] }>('/api/legal-aid/partners', params, signal),
  figures: (orgUnitId: string | undefined, signal?: AbortSignal, period?: { from: string; to: string }) => get<LegalAidFigures>('/api/legal-aid/figures', { ...(orgUnitId ? { orgUnitId } : {}), ...(period ?? {}) }, signal),
  /** the 法律援助台账 of a filter (paging and sort left out) */
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
    return `/api/ledgers/legal-aid${buildQuery(rest)}`;
  },
};

export function useLegalAid(id: string | undefined) {
  return useQuery({ queryKey: legalAidKeys.detail(id ?? ''), queryFn: ({ signal }) => legalAidApi.get(id as string, signal), enabled: !!id });
}

/** A person's legal-aid cases, for the recipient page. */
export function useRecipientLegalAid(recipientId: string) {
  return useQuery({ queryKey: legalAidKeys.ofRecipient(recipientId), queryFn: ({ signal }) => legalAidApi.list({ recipientId, pageSize: 50, sort: '-appliedOn' }, signal) });
}

export function useLegalAidPartners(params: QueryParams, enabled = true) {
  return useQuery({ queryKey: legalAidKeys.partners(params), queryFn: ({ signal }) => legalAidApi.partners(params, signal), enabled });
}

/** A unit's legal-aid figures, all time or (with a period) for cases applied for in it. */
export function useLegalAidFigures(orgUnitId: string | undefined, period?: { from: string; to: string }) {
  return useQuery({ queryKey: legalAidKeys.figures(orgUnitId ?? '', period?.from, period?.to), queryFn: ({ signal }) => legalAidApi.figures(orgUnitId, signal, period) });
}

/** A county's 法律援助设置 (countyId undefined: the county of the caller's own unit; forUnitId: the county over that unit). */
export function useLegalAidSettings(countyId: string | undefined, enabled = true, forUnitId?: string) {
  return useQuery({
    queryKey: [...legalAidKeys.settings(countyId ?? ''), forUnitId ?? ''],
    queryFn: ({ signal }) => get<LegalAidSettingsView>('/api/legal-aid/settings', { countyId, forUnitId }, signal),
    enabled,
  });
}
export function useSaveLegalAidSettings() {
  return useMutation({ mutationFn: (body: LegalAidSettingsBody) => put<LegalAidSettingsView>('/api/legal-aid/settings', body), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['legal-aid', 'settings'] }) });
}

function refresh(): Promise<void> {
  // the follow-up it may have come from is visits' (closed as passed on) and the work queue moves
  void queryClient.invalidateQueries({ queryKey: ['visits'] });
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: legalAidKeys.all });
}

type Write<B> = { id: string; body: B };

export function useCreateLegalAid() {
  return useMutation({ mutationFn: (body: LegalAidCreate) => post<LegalAidDetail>('/api/legal-aid', body), onSuccess: () => refresh() });
}
export function useReferLegalAid() {
  return useMutation({ mutationFn: ({ id, body }: Write<LegalAidRefer>) => post<LegalAidDetail>(`${path(id)}/refer`, body), onSuccess: () => refresh() });
}
export function useAcknowledgeLegalAid() {
  return useMutation({ mutationFn: ({ id, body }: Write<LegalAidAck>) => post<LegalAidDetail>(`${path(id)}/acknowledge`, body), onSuccess: () => refresh() });
}
export function useFollowUpLegalAid() {
  return useMutation({ mutationFn: ({ id, body }: Write<LegalAidFollowUp>) => post<LegalAidDetail>(`${path(id)}/follow-ups`, body), onSuccess: () => refresh() });
}
export function useCloseLegalAid() {
  return useMutation({ mutationFn: ({ id, body }: Write<LegalAidClose>) => post<LegalAidDetail>(`${path(id)}/close`, body), onSuccess: () => refresh() });
}
export function useCreatePartner() {
  return useMutation({ mutationFn: (body: LegalAidPartnerInput) => post<LegalAidPartnerDto>('/api/legal-aid/partners', body), onSuccess: () => refresh() });
}
export function useUpdatePartner() {
  return useMutation({ mutationFn: ({ id, body }: Write<LegalAidPartnerUpdate>) => put<LegalAidPartnerDto>(`/api/legal-aid/partners/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
