import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registryDashboard as registryDashboardSchema, registryDashboardQuery } from '../../../shared/schemas/dashboards';
import { requireAuth } from '../../platform/auth';
import { registryDashboard } from './dashboards.service';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboards/registry',
    {
      config: { permission: 'registry:read' },
      schema: { tags: ['统计看板'], summary: '服务对象统计（本级及下级，按下级单位逐行，可下钻）', querystring: registryDashboardQuery, response: { 200: registryDashboardSchema } },
    },
    async (req) => registryDashboard(app.ctx, requireAuth(req), req.query.unitId),
  );
};
