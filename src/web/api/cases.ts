// Cases 办件 and the work queue 我的待办.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from '../../shared/zod-setup';
import type { caseDetailDto, WorkItemDto, workQueueCountDto, workQueueDto } from '../../shared/schemas/cases';
import { api, get, post } from './client';
import { queryClient } from './query-client';

export type CaseDetail = z.infer<typeof caseDetailDto>;
export type WorkQueue = z.infer<typeof workQueueDto>;
export type WorkQueueCount = z.infer<typeof workQueueCountDto>;
export type { WorkItemDto };

export const workQueueKey = ['work-queue'] as const;
export const caseKeys = {
  all: ['cases'] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
};

export const workQueueApi = {
  // refreshed every minute in the background: must not keep an idle session alive
  get: (signal?: AbortSignal) => api<WorkQueue>('/api/work-queue', { signal, background: true }),
  count: (signal?: AbortSignal) => api<WorkQueueCount>('/api/work-queue/count', { signal, background: true }),
};

/** The user's work queue; re-read every minute (and after every action that changes it). */
export function useWorkQueue(enabled = true) {
  return useQuery({
    queryKey: [...workQueueKey, 'all'],
    queryFn: ({ signal }) => workQueueApi.get(signal),
    enabled,
    refetchInterval: 60_000,
    staleTime: 10_000,
    meta: { silent: true },
  });
}

/** The badge's numbers: counted on the server, no items; re-read every minute (and after every action that changes them). */
export function useWorkQueueCount(enabled = true) {
  return useQuery({
    queryKey: [...workQueueKey, 'count'],
    queryFn: ({ signal }) => workQueueApi.count(signal),
    enabled,
    refetchInterval: 60_000,
    staleTime: 10_000,
    meta: { silent: true },
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ''),
    queryFn: ({ signal }) => get<CaseDetail>(`/api/cases/${encodeURIComponent(id as string)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCaseAction() {
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; action: string; comment: string; version: number }) =>
      post<CaseDetail>(`/api/cases/${encodeURIComponent(id)}/actions`, body),
    onSuccess: (c) => {
      queryClient.setQueryData(caseKeys.detail(c.id), c);
      // re-read in the background: the caller's onSuccess runs at once
      void Promise.all([
        queryClient.invalidateQueries({ queryKey: workQueueKey }),
        // the case's subject (a recipient's status, history) may have changed
        queryClient.invalidateQueries({ queryKey: ['recipients'] }),
      ]);
    },
  });
}
