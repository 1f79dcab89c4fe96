// 办件 hooks: the list, an application, the catalog to choose from, the writes and the figures.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  ApplicationAction,
  ApplicationCreate,
  ApplicationDetail,
  ApplicationDto,
  ApplicationFigures,
  ApplicationQueryBody,
  ApplicationReceipt,
  HomeServiceCreate,
  PublicApplicationView,
  PublicApplyBody,
  PublicApplyCreated,
  PublicOwnApplication,
  RunCreate,
} from '../../shared/schemas/applications';
import { publicGet, publicPost } from './public-accounts';
import type { ServiceItemDto } from '../../shared/schemas/service-items';
import { buildQuery, get, post, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const applicationKeys = {
  all: ['applications'] as const,
  list: ['applications', 'list'] as const,
  detail: (id: string) => ['applications', 'detail', id] as const,
  figures: (unitId: string, period: string) => ['applications', 'figures', unitId, period] as const,
  ofRecipient: (id: string) => ['applications', 'recipient', id] as const,
  catalog: ['service-items', 'catalog'] as const,
};

const path = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

/** The list's URL params as the API takes them: the sort key without its direction. */
function listParams(params: QueryParams): QueryParams {
  const out: QueryParams = { ...params };
  if (typeof params.sort === 'string') out.sort = params.sort.replace(/^-/, '');
  return out;
}

export const applicationApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<ApplicationDto>>('/api/applications', listParams(params), signal),
  get: (id: string, signal?: AbortSignal) => get<ApplicationDetail>(path(id), undefined, signal),
  figures: (orgUnitId: string | undefined, period: string, signal?: AbortSignal) => get<ApplicationFigures>('/api/applications/figures', { orgUnitId, period }, signal),
  catalog: (signal?: AbortSignal) => get<Page<ServiceItemDto>>('/api/service-items', { pageSize: 200, status: 'active' }, signal),
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort']) delete rest[k];
    return `/api/ledgers/applications${buildQuery(rest)}`;
  },
};

export function useApplication(id: string | undefined) {
  return useQuery({ queryKey: applicationKeys.detail(id ?? ''), queryFn: ({ signal }) => applicationApi.get(id as string, signal), enabled: !!id });
}
export function useRecipientApplications(recipientId: string) {
  return useQuery({ queryKey: applicationKeys.ofRecipient(recipientId), queryFn: ({ signal }) => applicationApi.list({ recipientId, pageSize: 50 }, signal) });
}
export function useApplicationFigures(orgUnitId: string | undefined, period: string) {
  return useQuery({ queryKey: applicationKeys.figures(orgUnitId ?? '', period), queryFn: ({ signal }) => applicationApi.figures(orgUnitId, period, signal) });
}
export function useCatalog() {
  return useQuery({ queryKey: applicationKeys.catalog, queryFn: ({ signal }) => applicationApi.catalog(signal) });
}

function refresh(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: applicationKeys.all });
}
type Write<B> = { id: string; body: B };

export function useCreateApplication() {
  return useMutation({ mutationFn: (body: ApplicationCreate) => post<ApplicationDetail>('/api/applications', body), onSuccess: () => refresh() });
}
export function useApplicationAction() {
  return useMutation({ mutationFn: ({ id, body }: Write<ApplicationAction>) => post<ApplicationDetail>(`${path(id)}/actions`, body), onSuccess: () => refresh() });
}
export function useRecordRun() {
  return useMutation({ mutationFn: ({ id, body }: Write<RunCreate>) => post<ApplicationDetail>(`${path(id)}/runs`, body), onSuccess: () => refresh() });
}
export function useRecordHomeService() {
  return useMutation({ mutationFn: ({ id, body }: Write<HomeServiceCreate>) => post<ApplicationDetail>(`${path(id)}/home-services`, body), onSuccess: () => refresh() });
}

/** 受理回执: fetched when the receipt page opens (the server audits each fetch). */
export function useApplicationReceipt(id: string | undefined) {
  return useQuery({ queryKey: ['applications', 'receipt', id ?? ''], queryFn: ({ signal }) => get<ApplicationReceipt>(`${path(id as string)}/receipt`, undefined, signal), enabled: !!id, staleTime: Infinity, gcTime: 0 });
}

// ---- the applicant's side (public account, or the query by number and code) ----

const publicKeys = { mine: ['public-account', 'applications'] as const, overview: ['public-account', 'overview'] as const };

export function useApplyOnline() {
  return useMutation({
    mutationFn: (body: PublicApplyBody) => publicPost<PublicApplyCreated>('/api/public/applications', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: publicKeys.mine });
      void queryClient.invalidateQueries({ queryKey: publicKeys.overview });
    },
  });
}
export function useMyApplication(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...publicKeys.mine, id ?? ''],
    queryFn: ({ signal }) => publicGet<PublicOwnApplication>(`/api/public/applications/${encodeURIComponent(id as string)}`, signal),
    enabled: !!id && enabled,
    retry: false,
  });
}
export function useQueryApplication() {
  return useMutation({ mutationFn: (body: ApplicationQueryBody) => publicPost<PublicApplicationView>('/api/public/application-query', body) });
}
