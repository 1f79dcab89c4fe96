// Appointments 预约办理: the staff side (schedule, closures, day list, actions, ledger) and the
// public side (a unit's bookable items and open slots, booking, my bookings, cancel).
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  AppointmentDto,
  AppointmentListQuery,
  AppointmentSettings,
  AppointmentStatsDto,
  BookableItemDto,
  ClosureBody,
  ClosureDto,
  PublicAppointmentDto,
  PublicBookBody,
  ScheduleBody,
  ScheduleDto,
  SlotsDto,
} from '../../shared/schemas/appointments';
import { api, get, post, put, type Page } from './client';
import { publicGet, publicPost } from './public-accounts';
import { queryClient } from './query-client';

const enc = encodeURIComponent;
const key = ['appointments'] as const;
const pubKey = ['public-appointments'] as const;

// ---- staff ----

export function useSchedule(orgUnitId: string | undefined) {
  return useQuery({ queryKey: [...key, 'schedule', orgUnitId ?? ''], queryFn: ({ signal }) => get<ScheduleDto>('/api/appointments/schedule', { orgUnitId }, signal) });
}

export function useSaveSchedule() {
  return useMutation({
    mutationFn: ({ orgUnitId, body }: { orgUnitId: string; body: ScheduleBody }) => put<ScheduleDto>(`/api/appointments/schedule/${enc(orgUnitId)}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useClosures(orgUnitId: string | undefined) {
  return useQuery({ queryKey: [...key, 'closures', orgUnitId ?? ''], queryFn: ({ signal }) => get<{ items: ClosureDto[] }>('/api/appointments/closures', { orgUnitId }, signal) });
}

export function useAddClosure() {
  return useMutation({
    mutationFn: ({ orgUnitId, body }: { orgUnitId: string; body: ClosureBody }) => post<ClosureDto>(`/api/appointments/closures/${enc(orgUnitId)}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRemoveClosure() {
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/api/appointments/closures/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useDayList(day: string, orgUnitId?: string) {
  return useQuery({ queryKey: [...key, 'day', day, orgUnitId ?? ''], queryFn: ({ signal }) => get<{ day: string; items: AppointmentDto[] }>('/api/appointments/day', { day, orgUnitId }, signal) });
}

export function useAppointments(q: Partial<AppointmentListQuery>) {
  return useQuery({ queryKey: [...key, 'list', q], queryFn: ({ signal }) => get<Page<AppointmentDto>>('/api/appointments', q, signal), placeholderData: keepPreviousData });
}

export type StaffAction = 'confirm' | 'complete' | 'no-show' | 'cancel';
export function useAppointmentAction() {
  return useMutation({
    mutationFn: ({ id, action, version, comment, applicationId }: { id: string; action: StaffAction; version: number; comment?: string; applicationId?: string | null }) =>
      post<AppointmentDto>(`/api/appointments/${enc(id)}/${action}`, { version, comment: comment ?? '', ...(action === 'complete' && { applicationId: applicationId ?? null }) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useAppointmentSettings() {
  return useQuery({ queryKey: [...key, 'settings'], queryFn: ({ signal }) => get<AppointmentSettings>('/api/appointment-settings', undefined, signal) });
}

export function useAppointmentStats(q: { orgUnitId?: string; from: string; to: string }) {
  return useQuery({ queryKey: [...key, 'stats', q], queryFn: ({ signal }) => get<AppointmentStatsDto>('/api/appointments/stats', q, signal) });
}

// ---- public ----

export function useBookableItems(unitId: string | undefined) {
  return useQuery({ queryKey: [...pubKey, 'items', unitId], queryFn: ({ signal }) => publicGet<{ items: BookableItemDto[] }>(`/api/public/org-units/${enc(unitId!)}/bookable-items`, signal), enabled: !!unitId });
}

export function usePublicSlots(unitId: string | undefined) {
  return useQuery({ queryKey: [...pubKey, 'slots', unitId], queryFn: ({ signal }) => publicGet<SlotsDto>(`/api/public/org-units/${enc(unitId!)}/slots`, signal), enabled: !!unitId });
}

export function useMyAppointments(enabled: boolean) {
  return useQuery({ queryKey: [...pubKey, 'mine'], queryFn: ({ signal }) => publicGet<{ items: PublicAppointmentDto[] }>('/api/public/appointments', signal), enabled });
}

export function useBook() {
  return useMutation({
    mutationFn: (body: PublicBookBody) => publicPost<PublicAppointmentDto>('/api/public/appointments', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: pubKey }),
    meta: { silent: true },
  });
}

export function useCancelOwn() {
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => publicPost<PublicAppointmentDto>(`/api/public/appointments/${enc(id)}/cancel`, { version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: pubKey }),
  });
}
