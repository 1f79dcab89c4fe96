// 党员管理 hooks: branches, members, organisation transfers, the writes.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  PartyBranchDto,
  PartyBranchInput,
  PartyMemberDto,
  PartyMembershipInput,
  PartyOfRecipient,
  PartyTransferCancel,
  PartyTransferComplete,
  PartyTransferCreate,
  PartyTransferDetail,
  PartyTransferDto,
  PartyTransferFigures,
  PartyTransferReport,
} from '../../shared/schemas/party';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const partyKeys = {
  all: ['party'] as const,
  transfers: ['party', 'transfers'] as const,
  members: ['party', 'members'] as const,
  branches: (params: QueryParams) => ['party', 'branches', params] as const,
  transfer: (id: string) => ['party', 'transfer', id] as const,
  ofRecipient: (id: string) => ['party', 'recipient', id] as const,
  figures: (period: string) => ['party', 'figures', period] as const,
};

const ledger = (path: string, params: QueryParams) => {
  const rest = { ...params };
  for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
  return `${path}${buildQuery(rest)}`;
};

export const partyApi = {
  transfers: (params: QueryParams, signal?: AbortSignal) => get<Page<PartyTransferDto>>('/api/party/transfers', params, signal),
  members: (params: QueryParams, signal?: AbortSignal) => get<Page<PartyMemberDto>>('/api/party/members', params, signal),
  transfersLedgerUrl: (params: QueryParams) => ledger('/api/ledgers/party-transfers', params),
  membersLedgerUrl: (params: QueryParams) => ledger('/api/ledgers/party-members', params),
};

export function usePartyBranches(params: QueryParams, enabled = true) {
  return useQuery({ queryKey: partyKeys.branches(params), queryFn: ({ signal }) => get<{ items: PartyBranchDto[] }>('/api/party/branches', params, signal), enabled });
}
export function usePartyTransfer(id: string | undefined) {
  return useQuery({ queryKey: partyKeys.transfer(id ?? ''), queryFn: ({ signal }) => get<PartyTransferDetail>(`/api/party/transfers/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useRecipientParty(recipientId: string) {
  return useQuery({ queryKey: partyKeys.ofRecipient(recipientId), queryFn: ({ signal }) => get<PartyOfRecipient>(`/api/party/members/${encodeURIComponent(recipientId)}`, undefined, signal) });
}
export function usePartyFigures(period: string) {
  return useQuery({ queryKey: partyKeys.figures(period), queryFn: ({ signal }) => get<PartyTransferFigures>('/api/party/transfers/figures', { period }, signal) });
}

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: partyKeys.all });
}
type Write<B> = { id: string; body: B };

export function useCreateBranch() {
  return useMutation({ mutationFn: (body: PartyBranchInput) => post<PartyBranchDto>('/api/party/branches', body), onSuccess: () => refresh() });
}
export function useSetMembership() {
  return useMutation({ mutationFn: ({ id, body }: Write<PartyMembershipInput>) => put<PartyOfRecipient>(`/api/party/members/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
export function useCreateTransfer() {
  return useMutation({ mutationFn: (body: PartyTransferCreate) => post<PartyTransferDetail>('/api/party/transfers', body), onSuccess: () => refresh() });
}
export function useReportTransfer() {
  return useMutation({ mutationFn: ({ id, body }: Write<PartyTransferReport>) => post<PartyTransferDetail>(`/api/party/transfers/${encodeURIComponent(id)}/report`, body), onSuccess: () => refresh() });
}
export function useCompleteTransfer() {
  return useMutation({ mutationFn: ({ id, body }: Write<PartyTransferComplete>) => post<PartyTransferDetail>(`/api/party/transfers/${encodeURIComponent(id)}/complete`, body), onSuccess: () => refresh() });
}
export function useCancelTransfer() {
  return useMutation({ mutationFn: ({ id, body }: Write<PartyTransferCancel>) => post<PartyTransferDetail>(`/api/party/transfers/${encodeURIComponent(id)}/cancel`, body), onSuccess: () => refresh() });
}
