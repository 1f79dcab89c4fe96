// Audit log reading (audit admin only).
import type { AuditLogDto } from '../../shared/schemas/audit-logs';
import { get, type Page, type QueryParams } from './client';

export const auditLogKeys = { list: ['audit-logs', 'list'] as const };

export const auditLogApi = {
  list: (params: QueryParams, signal?: AbortSignal) => get<Page<AuditLogDto>>('/api/audit-logs', params, signal),
};
