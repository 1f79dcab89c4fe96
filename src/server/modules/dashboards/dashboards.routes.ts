import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  registryDashboard as registryDashboardSchema,
  registryDashboardQuery,
  servicesDashboard as servicesDashboardSchema,
  servicesDashboardQuery,
  figureCatalogue,
  overviewDashboard as overviewDashboardSchema,
  overviewQuery,
} from '../../../shared/schemas/dashboards';
import { anyDomainRead } from '../../../shared/permissions';
import { requireAuth } from '../../platform/auth';
import { registryDashboard } from './dashboards.service';
import { servicesDashboard } from './services-dashboard.service';
import { figureInfo, overviewDashboard, visibleFigures } from './overview.service';

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
  app.get(
    '/api/figures',
    {
      config: { permission: anyDomainRead },
      schema: { tags: ['统计看板'], summary: '指标目录：各模块登记的指标（名称、计算口径、单位、类型），仅含本人有权查看的模块', response: { 200: figureCatalogue } },
    },
    async (req) => ({ items: visibleFigures(requireAuth(req)).map(figureInfo) }),
  );
  app.get(
    '/api/dashboards/overview',
    {
      config: { permission: anyDomainRead },
      schema: {
        tags: ['统计看板'],
        summary: '各级总览看板：本级范围在期间内的全部指标，及各下级单位的主要指标（月度汇总表与有界查询）',
        querystring: overviewQuery,
        response: { 200: overviewDashboardSchema },
      },
    },
    async (req) => overviewDashboard(app.ctx, requireAuth(req), req.query),
  );
};
