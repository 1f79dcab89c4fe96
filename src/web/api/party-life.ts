// 三会一课 and 志愿服务队 hooks: branch meetings (list, figures, one, writes) and volunteer teams.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  PartyMeetingDetail,
  PartyMeetingDto,
  PartyMeetingFigures,
  PartyMeetingInput,
  PartyMeetingUpdate,
  PartyMemberMeetings,
  VolunteerActivityInput,
  VolunteerTeamDetail,
  VolunteerTeamDto,
  VolunteerTeamInput,
  VolunteerTeamUpdate,
} from '../../shared/schemas/party-life';
import type { PartyMemberDto } from '../../shared/schemas/party';
import type { RecipientListItem } from '../../shared/schemas/recipients';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const partyLifeKeys = {
  all: ['party'] as const,
  meetings: ['party', 'meetings'] as const,
  meeting: (id: string) => ['party', 'meeting', id] as const,
  meetingFigures: (period: string) => ['party', 'meeting-figures', period] as const,
  branchMembers: (branchId: string) => ['party', 'branch-members', branchId] as const,
  memberMeetings: (id: string) => ['party', 'member-meetings', id] as const,
  teams: ['party', 'teams'] as const,
  team: (id: string) => ['party', 'team', id] as const,
};

const ledger = (path: string, params: QueryParams) => {
  const rest = { ...params };
  for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
  return `${path}${buildQuery(rest)}`;
};

export const partyLifeApi = {
  meetings: (params: QueryParams, signal?: AbortSignal) => get<Page<PartyMeetingDto>>('/api/party/meetings', params, signal),
  teams: (params: QueryParams, signal?: AbortSignal) => get<Page<VolunteerTeamDto>>('/api/party/volunteer-teams', params, signal),
  meetingsLedgerUrl: (params: QueryParams) => ledger('/api/ledgers/party-meetings', params),
  teamsLedgerUrl: (params: QueryParams) => ledger('/api/ledgers/volunteer-teams', params),
  searchPeople: (q: string, signal?: AbortSignal) => get<Page<RecipientListItem>>('/api/recipients', { q, status: 'registered', pageSize: 20 }, signal),
};

export function useMeeting(id: string | undefined) {
  return useQuery({ queryKey: partyLifeKeys.meeting(id ?? ''), queryFn: ({ signal }) => get<PartyMeetingDetail>(`/api/party/meetings/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useMeetingFigures(period: string) {
  return useQuery({ queryKey: partyLifeKeys.meetingFigures(period), queryFn: ({ signal }) => get<PartyMeetingFigures>('/api/party/meetings/figures', { period }, signal) });
}
/** The current members of a branch, for the attendance list. */
export function useBranchMembers(branchId: string | undefined) {
  return useQuery({
    queryKey: partyLifeKeys.branchMembers(branchId ?? ''),
    queryFn: ({ signal }) => get<Page<PartyMemberDto>>('/api/party/members', { branchId: branchId as string, pageSize: 200 }, signal),
    enabled: !!branchId,
  });
}
export function useMemberMeetings(recipientId: string) {
  return useQuery({ queryKey: partyLifeKeys.memberMeetings(recipientId), queryFn: ({ signal }) => get<PartyMemberMeetings>(`/api/party/members/${encodeURIComponent(recipientId)}/meetings`, undefined, signal) });
}
export function useTeam(id: string | undefined) {
  return useQuery({ queryKey: partyLifeKeys.team(id ?? ''), queryFn: ({ signal }) => get<VolunteerTeamDetail>(`/api/party/volunteer-teams/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}

const refresh = () => queryClient.invalidateQueries({ queryKey: partyLifeKeys.all });

export function useCreateMeeting() {
  return useMutation({ mutationFn: (body: PartyMeetingInput) => post<PartyMeetingDetail>('/api/party/meetings', body), onSuccess: () => refresh() });
}
export function useCreateTeam() {
  return useMutation({ mutationFn: (body: VolunteerTeamInput) => post<VolunteerTeamDetail>('/api/party/volunteer-teams', body), onSuccess: () => refresh() });
}
export function useUpdateMeeting(id: string) {
  return useMutation({ mutationFn: (body: PartyMeetingUpdate) => put<PartyMeetingDetail>(`/api/party/meetings/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
export function useUpdateTeam(id: string) {
  return useMutation({ mutationFn: (body: VolunteerTeamUpdate) => put<VolunteerTeamDetail>(`/api/party/volunteer-teams/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
export function useAddActivity() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: VolunteerActivityInput }) => post<VolunteerTeamDetail>(`/api/party/volunteer-teams/${encodeURIComponent(id)}/activities`, body), onSuccess: () => refresh() });
}
