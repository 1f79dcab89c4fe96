// The service catalog 服务事项: the staff catalog (list as seen from a unit, detail, publish, edit,
// retire) and the public catalog of a unit (一次性告知, no sign-in).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { PublicServiceItemDto, ServiceItemCreate, ServiceItemDto, ServiceItemUpdate } from '../../shared/schemas/service-items';
import { get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

const enc = encodeURIComponent;

export const serviceItemUrls = {
  list: '/api/service-items',
  one: (id: string) => `/api/service-items/${enc(id)}`,
  retire: (id: string) => `/api/service-items/${enc(id)}/retire`,
  publicList: (unitId: string) => `/api/public/org-units/${enc(unitId)}/service-items`,
  publicOne: (unitId: string, itemId: string) => `/api/public/org-units/${enc(unitId)}/service-items/${enc(itemId)}`,
};

export const serviceItemKeys = {
  all: ['service-items'] as const,
  list: ['service-items', 'list'] as const,
  detail: (id: string) => ['service-items', 'detail', id] as const,
};

export const serviceItemApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<ServiceItemDto>>(serviceItemUrls.list, params, signal),
};

export function useServiceItem(id: string | undefined) {
  return useQuery({
    queryKey: serviceItemKeys.detail(id ?? ''),
    queryFn: ({ signal }) => get<ServiceItemDto>(serviceItemUrls.one(id as string), undefined, signal),
    enabled: !!id,
  });
}

function saved(item: ServiceItemDto) {
  queryClient.setQueryData(serviceItemKeys.detail(item.id), item);
  void queryClient.invalidateQueries({ queryKey: serviceItemKeys.list });
}

export function useCreateServiceItem() {
  return useMutation({ mutationFn: (body: ServiceItemCreate) => post<ServiceItemDto>(serviceItemUrls.list, body), onSuccess: saved });
}

export function useUpdateServiceItem() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: ServiceItemUpdate }) => put<ServiceItemDto>(serviceItemUrls.one(id), body), onSuccess: saved });
}

export function useRetireServiceItem() {
  return useMutation({
    mutationFn: ({ id, version, retired }: { id: string; version: number; retired: boolean }) => post<ServiceItemDto>(serviceItemUrls.retire(id), { version, retired }),
    onSuccess: saved,
  });
}

// ---- public (一次性告知) ----

export function usePublicCatalog(unitId: string | undefined, q = '') {
  return useQuery({
    queryKey: ['public', 'service-items', unitId ?? '', q],
    queryFn: ({ signal }) => get<Page<PublicServiceItemDto>>(serviceItemUrls.publicList(unitId as string), { q: q || undefined, pageSize: 100 }, signal),
    enabled: !!unitId,
    placeholderData: (prev) => prev,
  });
}

export function usePublicServiceItem(unitId: string | undefined, itemId: string | undefined) {
  return useQuery({
    queryKey: ['public', 'service-item', unitId ?? '', itemId ?? ''],
    queryFn: ({ signal }) => get<PublicServiceItemDto>(serviceItemUrls.publicOne(unitId as string, itemId as string), undefined, signal),
    enabled: !!unitId && !!itemId,
  });
}
