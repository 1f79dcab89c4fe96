// 资金与发放 hooks: funds and their movements, payables, payment batches, the reconciliation report.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { BatchDetail, BatchDto, DisburseBody, FundCreate, FundDetail, FundDto, MovementCreate, PayableDto, ReportDto, ResultsBody } from '../../shared/schemas/funds';
import { get, post, type Page } from './client';
import { queryClient } from './query-client';

export const fundKeys = {
  all: ['funds'] as const,
  list: ['funds', 'list'] as const,
  detail: (id: string) => ['funds', 'detail', id] as const,
  payables: (status: string) => ['funds', 'payables', status] as const,
  batches: ['funds', 'batches'] as const,
  batch: (id: string) => ['funds', 'batch', id] as const,
  report: (id: string, from: string, to: string, unitId: string) => ['funds', 'report', id, from, to, unitId] as const,
};

/** What the single-payment form sends (the schema fills the defaults on the server). */
export type DisburseInput = Partial<DisburseBody> & { fundId: string };

const invalidate = () => queryClient.invalidateQueries({ queryKey: fundKeys.all });

export function useFunds() {
  return useQuery({ queryKey: fundKeys.list, queryFn: ({ signal }) => get<{ items: FundDto[] }>('/api/funds', undefined, signal) });
}
export function useFund(id: string) {
  return useQuery({ queryKey: fundKeys.detail(id), queryFn: ({ signal }) => get<FundDetail>(`/api/funds/${encodeURIComponent(id)}`, undefined, signal) });
}
export function usePayables(status: string) {
  return useQuery({ queryKey: fundKeys.payables(status), queryFn: ({ signal }) => get<Page<PayableDto>>('/api/funds/payables', { status: status || undefined, pageSize: 200 }, signal) });
}
export function useBatches() {
  return useQuery({ queryKey: fundKeys.batches, queryFn: ({ signal }) => get<{ items: BatchDto[] }>('/api/funds/batches', undefined, signal) });
}
export function useBatch(id: string) {
  return useQuery({ queryKey: fundKeys.batch(id), queryFn: ({ signal }) => get<BatchDetail>(`/api/funds/batches/${encodeURIComponent(id)}`, undefined, signal) });
}
export function useReport(id: string, from: string, to: string, unitId: string) {
  return useQuery({
    queryKey: fundKeys.report(id, from, to, unitId),
    queryFn: ({ signal }) => get<ReportDto>(`/api/funds/${encodeURIComponent(id)}/report`, { from, to, unitId: unitId || undefined }, signal),
    enabled: !!from && !!to,
  });
}

export function useCreateFund() {
  return useMutation({ mutationFn: (b: FundCreate) => post<FundDetail>('/api/funds', b), onSuccess: invalidate });
}
export function useAddMovement(id: string) {
  return useMutation({ mutationFn: (b: MovementCreate) => post<FundDetail>(`/api/funds/${encodeURIComponent(id)}/movements`, b), onSuccess: invalidate });
}
export function useDisburse() {
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: DisburseInput }) => post<{ payable: PayableDto; warning: string | null }>(`/api/funds/payables/${encodeURIComponent(id)}/disburse`, body), onSuccess: invalidate });
}
export function useCreateBatch() {
  return useMutation({ mutationFn: (b: { orgUnitId: string; fundId: string; payableIds: string[] }) => post<BatchDetail>('/api/funds/batches', b), onSuccess: invalidate });
}
export function useBatchAction(id: string) {
  return useMutation({
    mutationFn: ({ action, body }: { action: 'confirm' | 'export' | 'close' | 'cancel' | 'results'; body: Record<string, unknown> | ResultsBody }) => post<BatchDetail>(`/api/funds/batches/${encodeURIComponent(id)}/${action}`, body),
    onSuccess: invalidate,
  });
}

/** The payee's account in clear (sensitive:reveal; audited on the server as 查看收款账号). */
export function revealPayableAccount(id: string): Promise<string | null> {
  return post<{ account: string | null }>(`/api/funds/payables/${encodeURIComponent(id)}/account`, {}).then((r) => r.account);
}
