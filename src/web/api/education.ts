// 教育管理 hooks: exemplars 优秀退役军人典型 and their recommendation, activities 学习教育活动 with
// invitations and attendance, a recipient's panel, the writes.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { MaterialFileUpload } from '../../shared/schemas/application-materials';
import type {
  ActivityAttendance,
  ActivityCreate,
  ActivityUpdate,
  ActivityDetail,
  ActivityDto,
  ActivityInvite,
  EducationOfRecipient,
  ExemplarActionBody,
  ExemplarCreate,
  ExemplarReviseBody,
  ExemplarDetail,
  ExemplarDto,
  GazetteerPersonDto,
} from '../../shared/schemas/education';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const educationKeys = {
  all: ['education'] as const,
  exemplars: ['education', 'exemplars'] as const,
  activities: ['education', 'activities'] as const,
  exemplar: (id: string) => ['education', 'exemplar', id] as const,
  activity: (id: string) => ['education', 'activity', id] as const,
  ofRecipient: (id: string) => ['education', 'recipient', id] as const,
};

const ledger = (path: string, params: QueryParams) => {
  const rest = { ...params };
  for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
  return `${path}${buildQuery(rest)}`;
};

export const educationApi = {
  exemplars: (params: QueryParams, signal?: AbortSignal) => get<Page<ExemplarDto>>('/api/education/exemplars', params, signal),
  gazetteer: (params: QueryParams, signal?: AbortSignal) => get<Page<GazetteerPersonDto>>('/api/education/gazetteer', params, signal),
  activities: (params: QueryParams, signal?: AbortSignal) => get<Page<ActivityDto>>('/api/education/activities', params, signal),
  exemplarsLedgerUrl: (params: QueryParams) => ledger('/api/ledgers/exemplars', params),
  activitiesLedgerUrl: (params: QueryParams) => ledger('/api/ledgers/education-activities', params),
  fileBase: (id: string) => `/api/education/exemplars/${encodeURIComponent(id)}/files`,
};

export function useExemplar(id: string | undefined) {
  return useQuery({ queryKey: educationKeys.exemplar(id ?? ''), queryFn: ({ signal }) => get<ExemplarDetail>(`/api/education/exemplars/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useActivity(id: string | undefined) {
  return useQuery({ queryKey: educationKeys.activity(id ?? ''), queryFn: ({ signal }) => get<ActivityDetail>(`/api/education/activities/${encodeURIComponent(id as string)}`, undefined, signal), enabled: !!id });
}
export function useRecipientEducation(recipientId: string) {
  return useQuery({ queryKey: educationKeys.ofRecipient(recipientId), queryFn: ({ signal }) => get<EducationOfRecipient>(`/api/education/recipients/${encodeURIComponent(recipientId)}`, undefined, signal) });
}

function refresh(): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: ['work-queue'] });
  return queryClient.invalidateQueries({ queryKey: educationKeys.all });
}
type Write<B> = { id: string; body: B };

export function useCreateExemplar() {
  return useMutation({ mutationFn: (body: ExemplarCreate) => post<ExemplarDetail>('/api/education/exemplars', body), onSuccess: () => refresh() });
}
export function useExemplarAction() {
  return useMutation({ mutationFn: ({ id, body }: Write<ExemplarActionBody>) => post<ExemplarDetail>(`/api/education/exemplars/${encodeURIComponent(id)}/actions`, body), onSuccess: () => refresh() });
}
export function useReviseExemplar() {
  return useMutation({ mutationFn: ({ id, body }: Write<ExemplarReviseBody>) => put<ExemplarDetail>(`/api/education/exemplars/${encodeURIComponent(id)}/text`, body), onSuccess: () => refresh() });
}
export function useAddExemplarFile() {
  return useMutation({ mutationFn: ({ id, body }: Write<MaterialFileUpload>) => post<ExemplarDetail>(`/api/education/exemplars/${encodeURIComponent(id)}/files`, body), onSuccess: () => refresh() });
}
export function useCreateActivity() {
  return useMutation({ mutationFn: (body: ActivityCreate) => post<ActivityDetail>('/api/education/activities', body), onSuccess: () => refresh() });
}
export function useUpdateActivity() {
  return useMutation({ mutationFn: ({ id, body }: Write<ActivityUpdate>) => put<ActivityDetail>(`/api/education/activities/${encodeURIComponent(id)}`, body), onSuccess: () => refresh() });
}
export function useInvite() {
  return useMutation({ mutationFn: ({ id, body }: Write<ActivityInvite>) => post<ActivityDetail>(`/api/education/activities/${encodeURIComponent(id)}/invitations`, body), onSuccess: () => refresh() });
}
export function useMarkAttendance() {
  return useMutation({ mutationFn: ({ id, body }: Write<ActivityAttendance>) => post<ActivityDetail>(`/api/education/activities/${encodeURIComponent(id)}/attendance`, body), onSuccess: () => refresh() });
}
