// 就业创业 hooks: profiles, employers, openings, matches both ways, recommendations and their outcomes.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  EmployerDto,
  EmploymentFigures,
  EmploymentProfileDto,
  EmploymentProfileSave,
  InterestDto,
  OpeningDto,
  PublicOpeningDto,
  PublicOpeningList,
  RecommendationActionBody,
  RecommendationDto,
} from '../../shared/schemas/employment';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { publicGet, publicPost } from './public-accounts';
import { queryClient } from './query-client';

export type SeekerMatch = { recipientId: string; recipientName: string; orgUnitName: string; status: EmploymentProfileDto['status']; score: number; reasons: string[]; recommendationId: string | null };
export type OpeningMatch = { opening: OpeningDto; score: number; reasons: string[]; recommendationId: string | null };

export const employmentKeys = {
  all: ['employment'] as const,
  profiles: ['employment', 'profiles'] as const,
  profile: (id: string) => ['employment', 'profile', id] as const,
  employers: ['employment', 'employers'] as const,
  openings: ['employment', 'openings'] as const,
  opening: (id: string) => ['employment', 'opening', id] as const,
  seekerMatches: (id: string) => ['employment', 'seeker-matches', id] as const,
  openingMatches: (id: string) => ['employment', 'opening-matches', id] as const,
  recommendations: (q: QueryParams) => ['employment', 'recommendations', q] as const,
  interests: (openingId: string) => ['employment', 'interests', openingId] as const,
  figures: (from: string, to: string, unitId: string) => ['employment', 'figures', from, to, unitId] as const,
};

function listParams(params: QueryParams): QueryParams {
  const out: QueryParams = { ...params };
  const sort = typeof params.sort === 'string' ? params.sort : '';
  if (sort) {
    out.sort = sort.replace(/^-/, '');
    out.order = sort.startsWith('-') ? 'desc' : 'asc';
  }
  return out;
}

export const employmentApi = {
  profiles: (params: QueryParams, signal?: AbortSignal) => get<Page<EmploymentProfileDto>>('/api/employment/profiles', listParams(params), signal),
  employers: (params: QueryParams, signal?: AbortSignal) => get<Page<EmployerDto>>('/api/employment/employers', params, signal),
  openings: (params: QueryParams, signal?: AbortSignal) => get<Page<OpeningDto>>('/api/employment/openings', params, signal),
  /** the 就业创业台账 of a filter (paging and sort left out; ID numbers masked) */
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order', 'q']) delete rest[k];
    return `/api/ledgers/employment${buildQuery(rest)}`;
  },
};

/** `enabled` false: not asked at all (a recipient page of someone who has no profile: only registered, living veterans do). */
export function useProfile(id: string | undefined, enabled = true) {
  return useQuery({ queryKey: employmentKeys.profile(id ?? ''), queryFn: ({ signal }) => get<EmploymentProfileDto>(`/api/employment/profiles/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id && enabled });
}
export function useOpening(id: string | undefined) {
  return useQuery({ queryKey: employmentKeys.opening(id ?? ''), queryFn: ({ signal }) => get<OpeningDto>(`/api/employment/openings/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useSeekerMatches(id: string) {
  return useQuery({ queryKey: employmentKeys.seekerMatches(id), queryFn: ({ signal }) => get<Page<OpeningMatch>>(`/api/employment/profiles/${encodeURIComponent(id)}/matches`, { pageSize: 10 }, signal) });
}
export function useOpeningMatches(id: string, page: number) {
  return useQuery({ queryKey: [...employmentKeys.openingMatches(id), page], queryFn: ({ signal }) => get<Page<SeekerMatch>>(`/api/employment/openings/${encodeURIComponent(id)}/matches`, { page, pageSize: 10 }, signal) });
}
export function useRecommendations(q: QueryParams) {
  return useQuery({ queryKey: employmentKeys.recommendations(q), queryFn: ({ signal }) => get<Page<RecommendationDto>>('/api/employment/recommendations', { pageSize: 50, ...q }, signal) });
}
export function useAllEmployers() {
  return useQuery({ queryKey: [...employmentKeys.employers, 'all'], queryFn: ({ signal }) => get<Page<EmployerDto>>('/api/employment/employers', { pageSize: 200 }, signal) });
}

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  void queryClient.invalidateQueries({ queryKey: ['recipients'] });
  return queryClient.invalidateQueries({ queryKey: employmentKeys.all });
}

export function useSaveProfile(id: string) {
  return useMutation({ mutationFn: (body: EmploymentProfileSave) => put<EmploymentProfileDto>(`/api/employment/profiles/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
export function useCreateEmployer() {
  return useMutation({ mutationFn: (body: unknown) => post<EmployerDto>('/api/employment/employers', body), onSuccess: () => refresh() });
}
export function useCreateOpening() {
  return useMutation({ mutationFn: (body: unknown) => post<OpeningDto>('/api/employment/openings', body), onSuccess: () => refresh() });
}
export function useRecommend() {
  return useMutation({ mutationFn: (body: { openingId: string; recipientId: string; note?: string }) => post<RecommendationDto>('/api/employment/recommendations', body), onSuccess: () => refresh() });
}
export function useRecommendationAction() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: RecommendationActionBody }) => post<RecommendationDto>(`/api/employment/recommendations/${encodeURIComponent(id)}/actions`, body), onSuccess: () => refresh() });
}
export function useUpdateEmployer(id: string) {
  return useMutation({ mutationFn: (body: unknown) => put<EmployerDto>(`/api/employment/employers/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
export function useUpdateOpening(id: string) {
  return useMutation({ mutationFn: (body: unknown) => put<OpeningDto>(`/api/employment/openings/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
/** The interests 我有意向 veterans said for an opening (the people of the caller's range). */
export function useOpeningInterests(openingId: string) {
  return useQuery({ queryKey: employmentKeys.interests(openingId), queryFn: ({ signal }) => get<Page<InterestDto>>('/api/employment/interests', { openingId, pageSize: 100 }, signal) });
}
export function useEmploymentFigures(from: string, to: string, orgUnitId: string | undefined) {
  return useQuery({
    queryKey: employmentKeys.figures(from, to, orgUnitId ?? ''),
    queryFn: ({ signal }) => get<EmploymentFigures>('/api/employment/figures', orgUnitId ? { from, to, orgUnitId } : { from, to }, signal),
  });
}

// ---- the veteran's side (public account) ----
const publicJobKeys = { mine: ['public-account', 'jobs'] as const };
const publicJobPath = (id: string) => `/api/public/employment/openings/${encodeURIComponent(id)}`;
export function useMyJobs(enabled: boolean) {
  return useQuery({ queryKey: publicJobKeys.mine, queryFn: ({ signal }) => publicGet<PublicOpeningList>('/api/public/employment/openings', signal), enabled, retry: false });
}
export function useMyJob(id: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: [...publicJobKeys.mine, id ?? ''], queryFn: ({ signal }) => publicGet<PublicOpeningDto>(publicJobPath(id as string), signal), enabled: !!id && enabled, retry: false });
}
export function useJobInterest(id: string) {
  return useMutation({
    mutationFn: (interested: boolean) => publicPost<PublicOpeningDto>(`${publicJobPath(id)}/interest${interested ? '' : '/withdraw'}`, {}),
    onSuccess: (o) => {
      queryClient.setQueryData([...publicJobKeys.mine, id], o);
      void queryClient.invalidateQueries({ queryKey: publicJobKeys.mine });
      void queryClient.invalidateQueries({ queryKey: ['public-account', 'overview'] });
    },
  });
}
