// Petition 信访 hooks for staff: the ledger list, registration (with repeat suggestions and the
// assignable staff), one petition with its actions and letters, the dashboard and the ledger export.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from '../../shared/zod-setup';
import type {
  PetitionActionBody,
  PetitionCreate,
  PetitionCreated,
  PetitionDashboard,
  PetitionDetail,
  PetitionLetterDto,
  PetitionLetterKind,
  PetitionListItem,
  petitionAssignees,
  petitionRevealDto,
  repeatSuggestions,
} from '../../shared/schemas/petitions';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { ledgerParams } from './ledgers';
import { queryClient } from './query-client';
import { workQueueKey } from './cases';

export type RepeatSuggestions = z.infer<typeof repeatSuggestions>;
export type PetitionAssignees = z.infer<typeof petitionAssignees>;
export type PetitionReveal = z.infer<typeof petitionRevealDto>;

const enc = encodeURIComponent;

/** Every petition URL in one place. */
export const petitionUrls = {
  list: '/api/petitions',
  one: (id: string) => `/api/petitions/${enc(id)}`,
  actions: (id: string) => `/api/petitions/${enc(id)}/actions`,
  repeat: (id: string) => `/api/petitions/${enc(id)}/repeat-of`,
  satisfaction: (id: string) => `/api/petitions/${enc(id)}/satisfaction`,
  reveal: (id: string) => `/api/petitions/${enc(id)}/reveal`,
  letter: (id: string, kind: PetitionLetterKind) => `/api/petitions/${enc(id)}/letters/${enc(kind)}`,
  suggestions: '/api/petitions/repeat-suggestions',
  assignees: '/api/petitions/assignees',
  dashboard: '/api/petitions/dashboard',
  ledger: '/api/ledgers/petitions',
};

export const petitionKeys = {
  all: ['petitions'] as const,
  list: ['petitions', 'list'] as const,
  detail: (id: string) => ['petitions', 'detail', id] as const,
  letter: (id: string, kind: string) => ['petitions', 'letter', id, kind] as const,
};

export const petitionApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<PetitionListItem>>(petitionUrls.list, params, signal),
  get: (id: string, signal?: AbortSignal) => get<PetitionDetail>(petitionUrls.one(id), undefined, signal),
  /** the 信访事项登记台账 (.xlsx) of a list filter */
  ledgerUrl: (params: QueryParams) => `${petitionUrls.ledger}${buildQuery(ledgerParams(params))}`,
};

export function usePetition(id: string | undefined) {
  return useQuery({
    queryKey: petitionKeys.detail(id ?? ''),
    queryFn: ({ signal }) => petitionApi.get(id as string, signal),
    enabled: !!id,
  });
}

/** The petitions linked to one recipient (the recipient page's panel), newest first. */
export function useRecipientPetitions(recipientId: string) {
  return useQuery({
    queryKey: [...petitionKeys.list, 'recipient', recipientId],
    queryFn: ({ signal }) => petitionApi.list({ recipientId, pageSize: 50, sort: '-receivedOn' }, signal),
  });
}

export function usePetitionLetter(id: string | undefined, kind: PetitionLetterKind | null) {
  return useQuery({
    queryKey: petitionKeys.letter(id ?? '', kind ?? ''),
    queryFn: ({ signal }) => get<PetitionLetterDto>(petitionUrls.letter(id as string, kind as PetitionLetterKind), undefined, signal),
    enabled: !!id && !!kind,
    staleTime: 0,
  });
}

export function useRepeatSuggestions(params: QueryParams | null) {
  return useQuery({
    queryKey: ['petitions', 'suggestions', params],
    queryFn: ({ signal }) => get<RepeatSuggestions>(petitionUrls.suggestions, params ?? undefined, signal),
    enabled: !!params,
    placeholderData: (prev) => prev,
    meta: { silent: true },
  });
}

export function usePetitionAssignees(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: ['petitions', 'assignees', orgUnitId ?? ''],
    queryFn: ({ signal }) => get<PetitionAssignees>(petitionUrls.assignees, { orgUnitId }, signal),
    enabled: !!orgUnitId,
  });
}

export function usePetitionDashboard(params: QueryParams) {
  return useQuery({
    queryKey: ['petitions', 'dashboard', params],
    queryFn: ({ signal }) => get<PetitionDashboard>(petitionUrls.dashboard, params, signal),
    placeholderData: (prev) => prev,
  });
}

function refresh(): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: petitionKeys.all }),
    queryClient.invalidateQueries({ queryKey: workQueueKey }),
  ]);
}

export function useCreatePetition() {
  return useMutation({
    mutationFn: (body: PetitionCreate) => post<PetitionCreated>(petitionUrls.list, body),
    onSuccess: () => void refresh(),
  });
}

export function usePetitionAction() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PetitionActionBody }) => post<PetitionDetail>(petitionUrls.actions(id), body),
    onSuccess: (p) => {
      queryClient.setQueryData(petitionKeys.detail(p.id), p);
      void refresh();
    },
  });
}

export function useLinkRepeat() {
  return useMutation({
    mutationFn: ({ id, repeatOf, version }: { id: string; repeatOf: string | null; version: number }) =>
      put<PetitionDetail>(petitionUrls.repeat(id), { repeatOf, version }),
    onSuccess: (p) => {
      queryClient.setQueryData(petitionKeys.detail(p.id), p);
      void refresh();
    },
  });
}

/** Staff record the petitioner's rating (given by phone or on paper), once after the reply. */
export function useRecordSatisfaction() {
  return useMutation({
    mutationFn: ({ id, satisfaction, version }: { id: string; satisfaction: number; version: number }) =>
      put<PetitionDetail>(petitionUrls.satisfaction(id), { satisfaction, version }),
    onSuccess: (p) => {
      queryClient.setQueryData(petitionKeys.detail(p.id), p);
      void refresh();
    },
  });
}

export function revealPetitionField(id: string, field: 'idNumber' | 'phone'): Promise<PetitionReveal> {
  return post<PetitionReveal>(petitionUrls.reveal(id), { field });
}
