// 关爱服务记录 hooks: the list (per kind), a person's records, the writes and the audited reveal.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { CareRecordCreate, CareRecordDto, CareRecordKind, CareRecordUpdate } from '../../shared/schemas/care-records';
import { buildQuery, get, post, put, type Page, type QueryParams } from './client';
import { queryClient } from './query-client';

export const careRecordKeys = {
  all: ['care-records'] as const,
  list: (kind: CareRecordKind) => ['care-records', 'list', kind] as const,
  ofRecipient: (id: string) => ['care-records', 'recipient', id] as const,
};

const path = (id: string) => `/api/care-records/${encodeURIComponent(id)}`;

/** The list's URL params as the API takes them: `sort=-day` becomes order=desc (the list sorts by day only). */
function listParams(params: QueryParams): QueryParams {
  const out: QueryParams = { ...params };
  const sort = typeof params.sort === 'string' ? params.sort : '';
  delete out.sort;
  if (sort) out.order = sort.startsWith('-') ? 'desc' : 'asc';
  return out;
}

export const careRecordsApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<CareRecordDto>>('/api/care-records', listParams(params), signal),
  /** the 关爱服务记录台账 of a filter (paging and sort left out; details never in clear) */
  ledgerUrl: (params: QueryParams) => {
    const rest = { ...params };
    for (const k of ['page', 'pageSize', 'sort', 'order']) delete rest[k];
    return `/api/ledgers/care-records${buildQuery(rest)}`;
  },
  reveal: (id: string) => post<{ details: string }>(`${path(id)}/reveal`, {}),
};

/** A person's care records, for the recipient page. */
export function useRecipientCareRecords(recipientId: string) {
  return useQuery({ queryKey: careRecordKeys.ofRecipient(recipientId), queryFn: ({ signal }) => careRecordsApi.list({ recipientId, pageSize: 50 }, signal) });
}

const refresh = () => queryClient.invalidateQueries({ queryKey: careRecordKeys.all });

export function useCreateCareRecord() {
  return useMutation({ mutationFn: (body: CareRecordCreate) => post<CareRecordDto>('/api/care-records', body), onSuccess: () => refresh() });
}
export function useUpdateCareRecord() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: CareRecordUpdate }) => put<CareRecordDto>(path(id), body), onSuccess: () => refresh() });
}
