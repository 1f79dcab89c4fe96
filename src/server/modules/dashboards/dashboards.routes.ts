import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  registryDashboard as registryDashboardSchema,
  registryDashboardQuery,
  servicesDashboard as servicesDashboardSchema,
  servicesDashboardQuery,
} from '../../../shared/schemas/dashboards';
import { requireAuth } from '../../platform/auth';
import { registryDashboard } from './dashboards.service';
import { servicesDashboard } from './services-dashboard.service';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboards/registry',
    {
      config: { permission: 'registry:read' },
      schema: { tags: ['统计看板'], summary: '服务对象统计（本级及下级，按下级单位逐行，可下钻）', querystring: registryDashboardQuery, response: { 200: registryDashboardSchema } },
    },
    async (req) => registryDashboard(app.ctx, requireAuth(req), req.query.unitId),
  );
  app.get(
    '/api/dashboards/services',
    {
      config: { permission: 'services:read' },
      schema: {
        tags: ['统计看板'],
        summary: '政策服务统计：办件按事项和状态、各环节按时率、“最多跑一次”比率（按下级单位）、预约与未到场（按月、季、年；汇总表，不扫描）',
        querystring: servicesDashboardQuery,
        response: { 200: servicesDashboardSchema },
      },
    },
    async (req) => servicesDashboard(app.ctx, requireAuth(req), req.query),
  );
};
