import { registerOverviewSection } from '../../platform/public-overview';
import { applicationsOverviewSection } from './applications.overview';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import {
  applicationAction,
  applicationCreate,
  applicationDetail,
  applicationFigures,
  applicationFiguresQuery,
  applicationLedgerQuery,
  applicationListQuery,
  applicationPage,
  homeServiceCreate,
  runCreate,
} from '../../../shared/schemas/applications';
import { requireAuth } from '../../platform/auth';
import { actOnApplication, applicationDetail as detailOf, applicationFigures as figuresOf, createApplication, recordHomeService, recordRun, searchApplications } from './applications.service';
import { exportApplicationLedger } from './applications.export';
import './applications.cases';

const tags = ['政策服务办件'];

export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  registerOverviewSection(applicationsOverviewSection, 20); // 我的
  const ctx = app.ctx;
  app.get(
    '/api/applications',
    { config: { permission: 'services:read' }, schema: { tags, summary: '办件列表（按单位、事项、状态、超期、跑动次数筛选）', querystring: applicationListQuery, response: { 200: applicationPage } } },
    async (req) => searchApplications(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/applications/figures',
    { config: { permission: 'services:read' }, schema: { tags, summary: '办件统计：按事项和状态、各环节按时率、“最多跑一次”比率（汇总表，不扫描）', querystring: applicationFiguresQuery, response: { 200: applicationFigures } } },
    async (req) => figuresOf(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/applications',
    { config: { permission: 'services:write' }, schema: { tags, summary: '受理办件（服务对象、事项、材料清单；缺材料一次性告知）', body: applicationCreate, response: { 200: applicationDetail } } },
    async (req) => createApplication(ctx, requireAuth(req), req.body, req.ip),
  );
  app.get(
    '/api/applications/:id',
    { config: { permission: 'services:read' }, schema: { tags, summary: '办件详情（环节意见、公示、到场与上门记录、可办操作）', params: idParams, response: { 200: applicationDetail } } },
    async (req) => detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/applications/:id/actions',
    { config: { permission: ['services:write', 'services:review'] }, schema: { tags, summary: '办件操作：出具意见、退回补正、补正材料、登记与处理异议、批准或不予批准', params: idParams, body: applicationAction, response: { 200: applicationDetail } } },
    async (req) => actOnApplication(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.post(
    '/api/applications/:id/runs',
    { config: { permission: 'services:write' }, schema: { tags, summary: '登记申请人到场一次（最多跑一次）', params: idParams, body: runCreate, response: { 200: applicationDetail } } },
    async (req) => recordRun(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.post(
    '/api/applications/:id/home-services',
    { config: { permission: 'services:write' }, schema: { tags, summary: '登记上门服务或全程代办（不计跑动次数）', params: idParams, body: homeServiceCreate, response: { 200: applicationDetail } } },
    async (req) => recordHomeService(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.get(
    '/api/ledgers/applications',
    { config: { permission: 'services:read' }, schema: { tags: [...tags, '台账'], summary: '导出办件台账（.xlsx，按当前筛选；记入审计日志）', querystring: applicationLedgerQuery } },
    async (req, reply) => {
      const file = await exportApplicationLedger(ctx, requireAuth(req), req.query, req.ip);
      await app.sealer.kick();
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  );
};
