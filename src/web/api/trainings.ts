// 招聘会与培训 hooks: fairs, trainings, enrolment, attendance, completion, coverage and figures.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { CoverageItem, EnrolmentUpdate, JobFairAttendance, JobFairDetail, JobFairResults, JobFairDto, TrainingDetail, TrainingDto, TrainingFigures } from '../../shared/schemas/trainings';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const trainingKeys = {
  all: ['trainings'] as const,
  trainings: ['trainings', 'list'] as const,
  training: (id: string) => ['trainings', 'training', id] as const,
  fairs: ['trainings', 'fairs'] as const,
  fair: (id: string) => ['trainings', 'fair', id] as const,
  coverage: ['trainings', 'coverage'] as const,
  figures: (from: string, to: string) => ['trainings', 'figures', from, to] as const,
};

const ledger = (path: string, params: QueryParams) => {
  const rest = { ...params };
  for (const k of ['page', 'pageSize', 'sort', 'order', 'phase', 'name']) delete rest[k];
  return `${path}${buildQuery(rest)}`;
};

export const trainingApi = {
  trainings: (params: QueryParams, signal?: AbortSignal) => get<Page<TrainingDto>>('/api/trainings', params, signal),
  fairs: (params: QueryParams, signal?: AbortSignal) => get<Page<JobFairDto>>('/api/job-fairs', params, signal),
  coverage: (params: QueryParams, signal?: AbortSignal) => get<Page<CoverageItem> & { year: number }>('/api/trainings/coverage', params, signal),
  trainingsLedgerUrl: (params: QueryParams) => ledger('/api/ledgers/trainings', params),
  fairsLedgerUrl: (params: QueryParams) => ledger('/api/ledgers/job-fairs', params),
};

export function useTraining(id: string | undefined) {
  return useQuery({ queryKey: trainingKeys.training(id ?? ''), queryFn: ({ signal }) => get<TrainingDetail>(`/api/trainings/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useFair(id: string | undefined) {
  return useQuery({ queryKey: trainingKeys.fair(id ?? ''), queryFn: ({ signal }) => get<JobFairDetail>(`/api/job-fairs/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useTrainingFigures(from: string, to: string) {
  return useQuery({ queryKey: trainingKeys.figures(from, to), queryFn: ({ signal }) => get<TrainingFigures>('/api/trainings/figures', { from, to }, signal) });
}

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: trainingKeys.all });
}

export function useCreateTraining() {
  return useMutation({ mutationFn: (body: unknown) => post<TrainingDetail>('/api/trainings', body), onSuccess: () => refresh() });
}
export function useEnrol(id: string) {
  return useMutation({ mutationFn: (recipientIds: string[]) => post<TrainingDetail>(`/api/trainings/${encodeURIComponent(id)}/enrolments`, { recipientIds }), onSuccess: () => refresh() });
}
export function useUpdateEnrolment(id: string) {
  return useMutation({
    mutationFn: ({ recipientId, body }: { recipientId: string; body: EnrolmentUpdate }) => put<TrainingDetail>(`/api/trainings/${encodeURIComponent(id)}/enrolments/${encodeURIComponent(recipientId)}`, body),
    onSuccess: () => refresh(),
  });
}
export function useCreateFair() {
  return useMutation({ mutationFn: (body: unknown) => post<JobFairDetail>('/api/job-fairs', body), onSuccess: () => refresh() });
}
export function useUpdateFair(id: string) {
  return useMutation({ mutationFn: (body: unknown) => put<JobFairDetail>(`/api/job-fairs/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
export function useRegisterForFair(id: string) {
  return useMutation({ mutationFn: (recipientIds: string[]) => post<JobFairDetail>(`/api/job-fairs/${encodeURIComponent(id)}/registrations`, { recipientIds }), onSuccess: () => refresh() });
}
export function useFairResults(id: string) {
  return useMutation({ mutationFn: (body: JobFairResults) => put<JobFairDetail>(`/api/job-fairs/${encodeURIComponent(id)}/results`, body), onSuccess: () => refresh() });
}
export function useFairAttendance(id: string) {
  return useMutation({ mutationFn: (body: JobFairAttendance) => put<JobFairDetail>(`/api/job-fairs/${encodeURIComponent(id)}/attendance`, body), onSuccess: () => refresh() });
}
