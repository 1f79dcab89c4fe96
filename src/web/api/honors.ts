// 荣誉表彰 hooks: honors, star-rating campaigns, the honor wall's consents, merit notices, the public wall.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  HonorDto,
  HonorInput,
  HonorWallConsentDto,
  HonorWallConsentInput,
  HonorWallWithdraw,
  MeritNoticeDeliver,
  MeritNoticeDetail,
  MeritNoticeDto,
  MeritNoticeInput,
  PublicHonorWall,
  StarCampaignDetail,
  StarCampaignDto,
  StarCampaignInput,
  StarCampaignPublish,
  StarNominationInput,
  StarNominationReview,
} from '../../shared/schemas/honors';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const honorsKeys = {
  all: ['honors'] as const,
  honors: ['honors', 'list'] as const,
  campaigns: ['honors', 'campaigns'] as const,
  merits: ['honors', 'merits'] as const,
  campaign: (id: string) => ['honors', 'campaign', id] as const,
  merit: (id: string) => ['honors', 'merit', id] as const,
  consent: (id: string) => ['honors', 'consent', id] as const,
};

export const honorsApi = {
  honors: (params: QueryParams, signal?: AbortSignal) => get<Page<HonorDto>>('/api/honors', params, signal),
  campaigns: (params: QueryParams, signal?: AbortSignal) => get<Page<StarCampaignDto>>('/api/honors/campaigns', params, signal),
  merits: (params: QueryParams, signal?: AbortSignal) => get<Page<MeritNoticeDto>>('/api/honors/merit-notices', params, signal),
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
    return `/api/ledgers/honors${buildQuery(rest)}`;
  },
};

export function useCampaign(id: string | undefined) {
  return useQuery({ queryKey: honorsKeys.campaign(id ?? ''), queryFn: ({ signal }) => get<StarCampaignDetail>(`/api/honors/campaigns/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useMerit(id: string | undefined) {
  return useQuery({ queryKey: honorsKeys.merit(id ?? ''), queryFn: ({ signal }) => get<MeritNoticeDetail>(`/api/honors/merit-notices/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useConsent(id: string | undefined) {
  return useQuery({ queryKey: honorsKeys.consent(id ?? ''), queryFn: ({ signal }) => get<HonorWallConsentDto>(`/api/honors/consents/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function usePublicHonorWall(unitId: string | undefined) {
  return useQuery({ queryKey: ['public', 'honor-wall', unitId ?? ''], queryFn: ({ signal }) => get<PublicHonorWall>(`/api/public/org-units/${encodeURIComponent(unitId as string)}/honor-wall`, undefined, signal), enabled: !!unitId });
}

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: honorsKeys.all });
}
type Write<B> = { id: string; body: B };
const enc = encodeURIComponent;

export function useCreateHonor() {
  return useMutation({ mutationFn: (body: HonorInput) => post<HonorDto>('/api/honors', body), onSuccess: () => refresh() });
}
export function useCreateCampaign() {
  return useMutation({ mutationFn: (body: StarCampaignInput) => post<StarCampaignDetail>('/api/honors/campaigns', body), onSuccess: () => refresh() });
}
export function useNominate() {
  return useMutation({ mutationFn: ({ id, body }: Write<StarNominationInput>) => post<StarCampaignDetail>(`/api/honors/campaigns/${enc(id)}/nominations`, body), onSuccess: () => refresh() });
}
export function useReviewNomination() {
  return useMutation({
    mutationFn: ({ id, nominationId, body }: Write<StarNominationReview> & { nominationId: string }) => post<StarCampaignDetail>(`/api/honors/campaigns/${enc(id)}/nominations/${enc(nominationId)}/review`, body),
    onSuccess: () => refresh(),
  });
}
export function usePublishCampaign() {
  return useMutation({ mutationFn: ({ id, body }: Write<StarCampaignPublish>) => post<StarCampaignDetail>(`/api/honors/campaigns/${enc(id)}/publish`, body), onSuccess: () => refresh() });
}
export function useRecordConsent() {
  return useMutation({ mutationFn: ({ id, body }: Write<HonorWallConsentInput>) => put<HonorWallConsentDto>(`/api/honors/consents/${enc(id)}`, body), onSuccess: () => refresh() });
}
export function useWithdrawConsent() {
  return useMutation({ mutationFn: ({ id, body }: Write<HonorWallWithdraw>) => post<HonorWallConsentDto>(`/api/honors/consents/${enc(id)}/withdraw`, body), onSuccess: () => refresh() });
}
export function useCreateMerit() {
  return useMutation({ mutationFn: (body: MeritNoticeInput) => post<MeritNoticeDetail>('/api/honors/merit-notices', body), onSuccess: () => refresh() });
}
export function useDeliverMerit() {
  return useMutation({ mutationFn: ({ id, body }: Write<MeritNoticeDeliver>) => post<MeritNoticeDetail>(`/api/honors/merit-notices/${enc(id)}/deliver`, body), onSuccess: () => refresh() });
}
