// 创业项目与零就业家庭 hooks: ventures, mentors, zero-employment candidates, cases and figures.
import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  VentureCreate,
  VentureDetail,
  VentureDto,
  VentureMentorCreate,
  VentureMentorDto,
  VentureMentorshipCreate,
  VentureSupportCreate,
  VentureUpdate,
  ZeroEmploymentCandidate,
  ZeroEmploymentConfirm,
  ZeroEmploymentDetail,
  ZeroEmploymentDto,
  ZeroEmploymentFigures,
  ZeroEmploymentMeasure,
  ZeroEmploymentReemploy,
  ZeroEmploymentRevoke,
} from '../../shared/schemas/ventures';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const ventureKeys = {
  all: ['ventures'] as const,
  list: ['ventures', 'list'] as const,
  venture: (id: string) => ['ventures', 'venture', id] as const,
  mentors: ['ventures', 'mentors'] as const,
  zeroList: ['ventures', 'zero', 'list'] as const,
  candidates: (params: QueryParams) => ['ventures', 'zero', 'candidates', params] as const,
  zero: (id: string) => ['ventures', 'zero', id] as const,
  figures: (months: number) => ['ventures', 'zero', 'figures', months] as const,
  assignees: (unitId: string) => ['ventures', 'zero', 'assignees', unitId] as const,
};

const ledger = (path: string, params: QueryParams) => {
  const rest = { ...params };
  for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
  return `${path}${buildQuery(rest)}`;
};
const enc = encodeURIComponent;

export const ventureApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<VentureDto>>('/api/ventures', params, signal),
  zeroList: (params: QueryParams, signal?: AbortSignal) => get<Page<ZeroEmploymentDto>>('/api/zero-employment/households', params, signal),
  ledgerUrl: (params: QueryParams) => ledger('/api/ledgers/ventures', params),
  zeroLedgerUrl: (params: QueryParams) => ledger('/api/ledgers/zero-employment-households', params),
};

export function useVenture(id: string | undefined) {
  return useQuery({ queryKey: ventureKeys.venture(id ?? ''), queryFn: ({ signal }) => get<VentureDetail>(`/api/ventures/${enc(id as string)}`, undefined, signal), enabled: !!id });
}
export function useMentors() {
  return useQuery({ queryKey: ventureKeys.mentors, queryFn: ({ signal }) => get<{ items: VentureMentorDto[] }>('/api/ventures/mentors', undefined, signal) });
}
export function useZeroCandidates(params: QueryParams) {
  return useQuery({ queryKey: ventureKeys.candidates(params), queryFn: ({ signal }) => get<{ items: ZeroEmploymentCandidate[]; total: number; page: number; pageSize: number }>('/api/zero-employment/candidates', params, signal) });
}
export function useZero(id: string | undefined) {
  return useQuery({ queryKey: ventureKeys.zero(id ?? ''), queryFn: ({ signal }) => get<ZeroEmploymentDetail>(`/api/zero-employment/households/${enc(id as string)}`, undefined, signal), enabled: !!id });
}
export function useZeroFigures(months: number) {
  return useQuery({ queryKey: ventureKeys.figures(months), queryFn: ({ signal }) => get<ZeroEmploymentFigures>('/api/zero-employment/figures', { months }, signal) });
}
export function useZeroAssignees(unitId: string | undefined) {
  return useQuery({
    queryKey: ventureKeys.assignees(unitId ?? ''),
    queryFn: ({ signal }) => get<{ items: { id: string; name: string; unitName: string }[] }>('/api/zero-employment/assignees', { orgUnitId: unitId }, signal),
    enabled: !!unitId,
  });
}

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: ventureKeys.all });
}
type Write<B> = { id: string; body: B };

export function useCreateVenture() {
  return useMutation({ mutationFn: (body: VentureCreate) => post<VentureDetail>('/api/ventures', body), onSuccess: () => refresh() });
}
export function useUpdateVenture() {
  return useMutation({ mutationFn: ({ id, body }: Write<VentureUpdate>) => put<VentureDetail>(`/api/ventures/${enc(id)}`, body), onSuccess: () => refresh() });
}
export function useAddSupport() {
  return useMutation({ mutationFn: ({ id, body }: Write<VentureSupportCreate>) => post<VentureDetail>(`/api/ventures/${enc(id)}/supports`, body), onSuccess: () => refresh() });
}
export function useAddMentorship() {
  return useMutation({ mutationFn: ({ id, body }: Write<VentureMentorshipCreate>) => post<VentureDetail>(`/api/ventures/${enc(id)}/mentorships`, body), onSuccess: () => refresh() });
}
export function useCreateMentor() {
  return useMutation({ mutationFn: (body: VentureMentorCreate) => post<VentureMentorDto>('/api/ventures/mentors', body), onSuccess: () => refresh() });
}
export function useConfirmZero() {
  return useMutation({ mutationFn: (body: ZeroEmploymentConfirm) => post<ZeroEmploymentDetail>('/api/zero-employment/households', body), onSuccess: () => refresh() });
}
export function useZeroMeasure() {
  return useMutation({ mutationFn: ({ id, body }: Write<ZeroEmploymentMeasure>) => post<ZeroEmploymentDetail>(`/api/zero-employment/households/${enc(id)}/measures`, body), onSuccess: () => refresh() });
}
export function useZeroReemploy() {
  return useMutation({ mutationFn: ({ id, body }: Write<ZeroEmploymentReemploy>) => post<ZeroEmploymentDetail>(`/api/zero-employment/households/${enc(id)}/reemploy`, body), onSuccess: () => refresh() });
}
export function useZeroRevoke() {
  return useMutation({ mutationFn: ({ id, body }: Write<ZeroEmploymentRevoke>) => post<ZeroEmploymentDetail>(`/api/zero-employment/households/${enc(id)}/revoke`, body), onSuccess: () => refresh() });
}
