// 工作总结 hooks: a unit's page for a half-year (its summary and its children's), a summary's detail,
// its writes (draft, text, submit, return, accept, reopen) and the .docx download.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { SummaryAcceptInput, SummaryDetail, SummaryEditInput, SummaryOverview, SummaryReturnInput } from '../../shared/schemas/summaries';
import { get, post, put } from './client';
import { downloadLedger } from './ledgers';
import { queryClient } from './query-client';

export const summariesKeys = {
  all: ['summaries'] as const,
  overview: (halfYear: string, orgUnitId: string) => ['summaries', 'overview', halfYear, orgUnitId] as const,
  detail: (id: string) => ['summaries', 'detail', id] as const,
};

const enc = encodeURIComponent;

export function useSummaryOverview(halfYear: string, orgUnitId?: string) {
  return useQuery({
    queryKey: summariesKeys.overview(halfYear, orgUnitId ?? ''),
    queryFn: ({ signal }) => get<SummaryOverview>('/api/summaries', { halfYear, orgUnitId }, signal),
  });
}
export function useSummary(id: string | undefined) {
  return useQuery({ queryKey: summariesKeys.detail(id ?? ''), queryFn: ({ signal }) => get<SummaryDetail>(`/api/summaries/${enc(id as string)}`, undefined, signal), enabled: !!id });
}

function refresh(d: SummaryDetail): Promise<void> {
  queryClient.setQueryData(summariesKeys.detail(d.id), d);
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: ['summaries', 'overview'] });
}

export function useCreateSummary() {
  return useMutation({ mutationFn: (body: { orgUnitId: string; halfYear: string }) => post<SummaryDetail>('/api/summaries', body), onSuccess: refresh });
}
export function useEditSummary() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: SummaryEditInput }) => put<SummaryDetail>(`/api/summaries/${enc(id)}`, body), onSuccess: refresh });
}
export type SummaryAction = 'submit' | 'return' | 'accept' | 'reopen';
export function useSummaryAction() {
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: SummaryAction; body: { version: number } | SummaryAcceptInput | SummaryReturnInput }) => post<SummaryDetail>(`/api/summaries/${enc(id)}/${action}`, body),
    onSuccess: refresh,
  });
}

/** Downloads the summary's .docx (audited on the server); returns the file name. */
export function downloadSummaryDocx(id: string, fallbackName: string): Promise<string> {
  return downloadLedger(`/api/summaries/${enc(id)}/docx`, fallbackName);
}
