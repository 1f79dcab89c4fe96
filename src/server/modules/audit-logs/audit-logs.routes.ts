import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditLogPage, auditLogQuery, type AuditLogDto } from '../../../shared/schemas/audit-logs';
import { auditActionLabel } from './audit-logs.labels';
import { scopeOf } from '../../platform/auth';
import { searchAuditLogs } from '../../platform/audit.repo';

export const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit-logs',
    {
      config: { permission: 'audit:read' },
      schema: { tags: ['审计日志'], summary: '检索审计日志', querystring: auditLogQuery, response: { 200: auditLogPage } },
    },
    async (req) => {
      const r = await searchAuditLogs(scopeOf(req), app.ctx.db, req.query, app.ctx.config.topUnitCode);
      const items: AuditLogDto[] = r.items.map((x) => ({
        seq: Number(x.seq),
        at: x.at,
        userId: x.user_id,
        username: x.username,
        orgUnitId: x.org_unit_id,
        action: x.action,
        actionLabel: auditActionLabel(x.action),
        targetType: x.target_type,
        targetId: x.target_id,
        result: x.result as 'success' | 'failure',
        ip: x.ip,
        detail: x.detail,
        sealed: x.hash !== null,
      }));
      return { items, total: r.total, totalCapped: r.totalCapped, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
};
