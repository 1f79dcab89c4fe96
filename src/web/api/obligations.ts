// 工作制度 hooks: definitions, what the unit owes, records, reporting rate, ledgers' responsible persons.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ObligationDefDto, ObligationRecordDto, OwedList, ReportingDto, ResponsibleList } from '../../shared/schemas/obligations';
import { get, post, put } from './client';
import { queryClient } from './query-client';

export const obligationKeys = { all: ['obligations'] as const };

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: obligationKeys.all });
}

export function useObligationDefs() {
  return useQuery({ queryKey: ['obligations', 'defs'], queryFn: ({ signal }) => get<{ items: ObligationDefDto[] }>('/api/obligations/definitions', undefined, signal) });
}
export function useOwed(orgUnitId?: string) {
  return useQuery({ queryKey: ['obligations', 'owed', orgUnitId ?? ''], queryFn: ({ signal }) => get<OwedList>('/api/obligations/owed', orgUnitId ? { orgUnitId } : undefined, signal) });
}
export function useObligationRecord(id: string | undefined) {
  return useQuery({ queryKey: ['obligations', 'record', id ?? ''], queryFn: ({ signal }) => get<ObligationRecordDto>(`/api/obligations/records/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useReporting(definitionId: string | undefined, period: string, orgUnitId?: string) {
  return useQuery({
    queryKey: ['obligations', 'reporting', definitionId ?? '', period, orgUnitId ?? ''],
    queryFn: ({ signal }) => get<ReportingDto>('/api/obligations/reporting', { definitionId: definitionId as string, period, ...(orgUnitId ? { orgUnitId } : {}) }, signal),
    enabled: !!definitionId && !!period,
  });
}
export function useResponsibles(orgUnitId?: string) {
  return useQuery({ queryKey: ['obligations', 'responsibles', orgUnitId ?? ''], queryFn: ({ signal }) => get<ResponsibleList>('/api/ledger-responsibles', orgUnitId ? { orgUnitId } : undefined, signal) });
}
export function useCreateObligationRecord() {
  return useMutation({ mutationFn: (body: unknown) => post<ObligationRecordDto>('/api/obligations/records', body), onSuccess: () => refresh() });
}
export function useUpdateObligationRecord(id: string) {
  return useMutation({ mutationFn: (body: unknown) => put<ObligationRecordDto>(`/api/obligations/records/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
export function useSetResponsible() {
  return useMutation({ mutationFn: (body: unknown) => put<ResponsibleList>('/api/ledger-responsibles', body), onSuccess: () => refresh() });
}
