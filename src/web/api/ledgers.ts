// 台账: the import template, the Excel import (its NDJSON answer read as it arrives) and the
// registry ledger export of a list filter, downloaded as a file.
import { NDJSON_MIME, XLSX_MIME, type ImportEvent, type ImportResult } from '../../shared/schemas/ledgers';
import { useQuery } from '@tanstack/react-query';
import type { LedgerName, LedgerResponsibleDto } from '../../shared/schemas/ledger-responsibles';
import { ApiError, buildQuery, get, readCookie, type QueryParams } from './client';

export const REGISTRY_TEMPLATE_URL = '/api/ledgers/recipients/template';

/** The file name a download's content-disposition gives, or the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (!m) return fallback;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return fallback;
  }
}

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function failure(res: Response): Promise<ApiError> {
  let body: { error?: string; message?: string } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON
  }
  const fallback = res.status === 413 ? '文件太大' : res.status === 403 ? '没有权限执行此操作' : res.status === 401 ? '登录已失效，请重新登录' : `请求失败（${res.status}）`;
  return new ApiError(res.status, body.error ?? `HTTP_${res.status}`, body.message ?? fallback);
}

/** The list filter without paging and sort: what the ledger export takes. */
export function ledgerParams(params: QueryParams): QueryParams {
  const rest = { ...params };
  delete rest.page;
  delete rest.pageSize;
  delete rest.sort;
  return rest;
}

/** Downloads a ledger (.xlsx) from an export URL, refusals as ApiErrors in Chinese; returns the file name. */
export async function downloadLedger(url: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', headers: { accept: XLSX_MIME } });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw await failure(res);
  const name = fileNameOf(res, fallbackName);
  saveBlob(await res.blob(), name);
  return name;
}

/** Downloads the registry ledger (.xlsx) of a list filter; returns the file name. */
export function downloadRecipientLedger(params: QueryParams): Promise<string> {
  return downloadLedger(`/api/ledgers/recipients${buildQuery(ledgerParams(params))}`, '退役军人信息台账.xlsx');
}

/**
 * Uploads a workbook to the import and reads its answer line by line: every event goes to
 * `onEvent` as it arrives; resolves with the last one (done or failed).
 */
export async function importRecipients(file: Blob, onEvent: (e: ImportEvent) => void, signal?: AbortSignal): Promise<ImportResult> {
  const headers: Record<string, string> = { 'content-type': XLSX_MIME, accept: NDJSON_MIME };
  const csrf = readCookie('rj_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch('/api/imports/recipients', { method: 'POST', headers, body: file, credentials: 'same-origin', signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok || !res.body) throw await failure(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let result: ImportResult | null = null;
  const take = (line: string) => {
    if (!line.trim()) return;
    const e = JSON.parse(line) as ImportEvent;
    onEvent(e);
    if (e.type !== 'progress') result = e;
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      take(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  }
  take(buffered + decoder.decode());
  if (!result) throw new ApiError(0, 'INCOMPLETE', '导入结果没有传回（连接中断），请刷新服务对象列表核对后重试');
  return result;
}

/** One ledger's responsible person at a unit (the caller's by default), for the line on its list page. */
export function useLedgerResponsible(ledger: LedgerName, orgUnitId?: string) {
  return useQuery({
    queryKey: ['ledger-responsible', ledger, orgUnitId ?? ''],
    queryFn: ({ signal }) => get<LedgerResponsibleDto>('/api/ledger-responsibles/one', { ledger, ...(orgUnitId && { orgUnitId }) }, signal),
  });
}
