// 服务对象 hooks: search, detail, history, collection (create/update/submit), reveal, death,
// documents, duplicates and merge, transfers.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from '../../shared/zod-setup';
import type {
  documentDto,
  documentUpload,
  duplicateList,
  idCheckResult,
  RecipientCreate,
  RecipientDetail,
  RecipientListItem,
  recipientHistory,
  RecipientUpdate,
  SensitiveField,
  transferCreate,
} from '../../shared/schemas/recipients';
import { get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';
import { workQueueKey } from './cases';

export type RecipientHistory = z.infer<typeof recipientHistory>;
export type IdCheckResult = z.infer<typeof idCheckResult>;
export type DocumentDto = z.infer<typeof documentDto>;
export type DocumentUpload = z.infer<typeof documentUpload>;
export type DuplicateList = z.infer<typeof duplicateList>;
export type TransferCreate = z.input<typeof transferCreate>;

export const recipientKeys = {
  all: ['recipients'] as const,
  list: ['recipients', 'list'] as const,
  detail: (id: string) => ['recipients', 'detail', id] as const,
  history: (id: string) => ['recipients', 'history', id] as const,
  duplicates: ['recipients', 'duplicates'] as const,
};

const path = (id: string) => `/api/recipients/${encodeURIComponent(id)}`;

export const recipientApi = {
  list: (params: QueryParams, signal?: AbortSignal) =>
    get<Page<RecipientListItem>>('/api/recipients', params, signal),
  get: (id: string, signal?: AbortSignal) => get<RecipientDetail>(path(id), undefined, signal),
  history: (id: string, signal?: AbortSignal) => get<RecipientHistory>(`${path(id)}/history`, undefined, signal),
  checkId: (idNumber: string) => post<IdCheckResult>('/api/recipients/check-id', { idNumber }),
  reveal: (id: string, field: SensitiveField) =>
    post<{ field: SensitiveField; value: string }>(`${path(id)}/reveal`, { field }),
  documentUrl: (id: string, fileId: string) => `${path(id)}/documents/${encodeURIComponent(fileId)}`,
};

export function useRecipient(id: string | undefined) {
  return useQuery({
    queryKey: recipientKeys.detail(id ?? ''),
    queryFn: ({ signal }) => recipientApi.get(id as string, signal),
    enabled: !!id,
  });
}

export function useRecipientHistory(id: string | undefined) {
  return useQuery({
    queryKey: recipientKeys.history(id ?? ''),
    queryFn: ({ signal }) => recipientApi.history(id as string, signal),
    enabled: !!id,
  });
}

export function useDuplicates() {
  return useQuery({
    queryKey: recipientKeys.duplicates,
    queryFn: ({ signal }) => get<DuplicateList>('/api/recipients/duplicates', undefined, signal),
  });
}

/**
 * After a write: the record itself is set from the answer, lists and the work queue re-read in
 * the background (not awaited, so the caller's own onSuccess runs at once).
 */
function afterWrite(detail?: RecipientDetail): void {
  if (detail) queryClient.setQueryData(recipientKeys.detail(detail.id), detail);
  void Promise.all([
    queryClient.invalidateQueries({ queryKey: recipientKeys.list }),
    queryClient.invalidateQueries({ queryKey: recipientKeys.duplicates }),
    detail && queryClient.invalidateQueries({ queryKey: recipientKeys.history(detail.id) }),
    queryClient.invalidateQueries({ queryKey: workQueueKey }),
  ]);
}

export function useCreateRecipient() {
  return useMutation({
    mutationFn: (body: RecipientCreate) => post<RecipientDetail>('/api/recipients', body),
    onSuccess: (d) => afterWrite(d),
    // the form shows the message next to the fields (409 keeps the input)
    meta: { silent: true },
  });
}

export function useUpdateRecipient() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RecipientUpdate }) =>
      put<{ detail: RecipientDetail; reviewCaseId: string | null }>(path(id), body),
    onSuccess: (r) => afterWrite(r.detail),
    meta: { silent: true },
  });
}

export function useSubmitRecipient() {
  return useMutation({
    mutationFn: ({ id, version, comment }: { id: string; version: number; comment: string }) =>
      post<RecipientDetail>(`${path(id)}/submit`, { version, comment }),
    onSuccess: (d) => afterWrite(d),
  });
}

export function useRecordDeath() {
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; deathDate: string; version: number; note: string }) =>
      post<RecipientDetail>(`${path(id)}/death`, body),
    onSuccess: (d) => afterWrite(d),
  });
}

export function useUploadDocument() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DocumentUpload }) => post<DocumentDto>(`${path(id)}/documents`, body),
    onSuccess: (_d, v) => queryClient.invalidateQueries({ queryKey: recipientKeys.detail(v.id) }),
  });
}

export function useMergeRecipients() {
  return useMutation({
    mutationFn: ({ fromId, intoId }: { fromId: string; intoId: string }) =>
      post<RecipientDetail>(`${path(fromId)}/merge`, { intoId }),
    onSuccess: (d, v) => {
      queryClient.removeQueries({ queryKey: recipientKeys.detail(v.fromId) });
      afterWrite(d);
    },
  });
}

export function useStartTransfer() {
  return useMutation({
    mutationFn: (body: TransferCreate) => post<{ caseId: string }>('/api/transfers', body),
    onSuccess: (_r, v) => {
      void queryClient.invalidateQueries({ queryKey: workQueueKey });
      if (v.direction === 'out') void queryClient.invalidateQueries({ queryKey: recipientKeys.detail(v.recipientId) });
    },
  });
}
