// 消息通知 hooks: the bell's unread count (polled in the background), the list, mark read / all
// read, preferences, and a unit's 企业微信 webhook.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { NotificationDto, PreferenceDto, PreferencesUpdate, WebhookDto } from '../../shared/schemas/notifications';
import { api, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  list: ['notifications', 'list'] as const,
  preferences: ['notifications', 'preferences'] as const,
  webhook: (unitId: string) => ['notifications', 'webhook', unitId] as const,
};

export const notificationApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<NotificationDto>>('/api/notifications', params, signal),
  // polled: must not keep an idle session alive
  count: (signal?: AbortSignal) => api<{ unread: number }>('/api/notifications/unread-count', { signal, background: true }),
};

/** The bell's number: one count query, re-read every 30 seconds. */
export function useUnreadCount() {
  return useQuery({ queryKey: notificationKeys.count, queryFn: ({ signal }) => notificationApi.count(signal), refetchInterval: 30_000, staleTime: 5_000, meta: { silent: true } });
}

const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });

export function useMarkRead() {
  return useMutation({ mutationFn: (id: string) => post<{ unread: number }>(`/api/notifications/${encodeURIComponent(id)}/read`), onSuccess: refresh });
}
export function useMarkAllRead() {
  return useMutation({ mutationFn: () => post<{ updated: number }>('/api/notifications/read-all'), onSuccess: refresh });
}

export function usePreferences() {
  return useQuery({ queryKey: notificationKeys.preferences, queryFn: ({ signal }) => get<{ items: PreferenceDto[] }>('/api/notifications/preferences', undefined, signal) });
}
export function useSavePreferences() {
  return useMutation({
    mutationFn: (body: PreferencesUpdate) => put<{ items: PreferenceDto[] }>('/api/notifications/preferences', body),
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.preferences, data),
  });
}

export function useWebhook(unitId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.webhook(unitId ?? ''),
    queryFn: ({ signal }) => get<WebhookDto>(`/api/org-units/${encodeURIComponent(unitId as string)}/notification-webhook`, undefined, signal),
    enabled: !!unitId && enabled,
  });
}
export function useSaveWebhook(unitId: string) {
  return useMutation({
    mutationFn: (url: string) => put<WebhookDto>(`/api/org-units/${encodeURIComponent(unitId)}/notification-webhook`, { url }),
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.webhook(unitId), data),
  });
}
