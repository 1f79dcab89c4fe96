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
  applicationQueryBody,
  applicationReceipt,
  homeServiceCreate,
  publicApplicationView,
  publicApplyBody,
  publicApplyCreated,
  publicOwnApplication,
  publicOwnApplications,
  runCreate,
} from '../../../shared/schemas/applications';
import { clientIp, requireAuth } from '../../platform/auth';
import { requirePublicAuth } from '../public-accounts';
import { applyOnline, ownApplication, ownApplications, queryApplication } from './applications.public';
import { actOnApplication, applicationDetail as detailOf, applicationReceipt as receiptOf, applicationFigures as figuresOf, createApplication, recordHomeService, recordRun, searchApplications } from './applications.service';
import { exportApplicationLedger } from './applications.export';
import './applications.cases';

const tags = ['政策服务办件'];

export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  registerOverviewSection(applicationsOverviewSection, 20); // 我的
  const ctx = app.ctx;
  const limited = { max: ctx.config.publicRateLimit, timeWindow: 60_000, keyGenerator: (req: Parameters<typeof clientIp>[0]) => clientIp(req) };
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
  app.get(
    '/api/applications/:id/receipt',
    { config: { permission: 'services:read' }, schema: { tags, summary: '受理回执（办件编号和查询码，供打印交申请人；记入审计日志）', params: idParams, response: { 200: applicationReceipt } } },
    async (req) => receiptOf(ctx, requireAuth(req), req.params.id, clientIp(req)),
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

  // ---- the applicant's side ----
  app.post(
    '/api/public/application-query',
    { config: { public: true, rateLimit: limited }, schema: { tags, summary: '凭办件编号和查询码查询办件进度（无需登录；只显示遮挡后的姓名）', body: applicationQueryBody, response: { 200: publicApplicationView } } },
    async (req) => queryApplication(ctx, req.body, clientIp(req)),
  );
  app.post(
    '/api/public/applications',
    { config: { publicAccount: true, rateLimit: limited }, schema: { tags, summary: '在线申请办件（本人公众账号；未入库的人员同时建立信息采集记录；返回办件编号和一次性查询码）', body: publicApplyBody, response: { 200: publicApplyCreated } } },
    async (req) => applyOnline(ctx, requirePublicAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/public/applications',
    { config: { publicAccount: true }, schema: { tags, summary: '我的办件及办理进度（本人网上申请的和与本人档案关联的）', response: { 200: publicOwnApplications } } },
    async (req) => ownApplications(ctx, requirePublicAuth(req)),
  );
  app.get(
    '/api/public/applications/:id',
    { config: { publicAccount: true }, schema: { tags, summary: '我的一件办件的进度（他人的办件答复未找到）', params: idParams, response: { 200: publicOwnApplication } } },
    async (req) => ownApplication(ctx, requirePublicAuth(req), req.params.id),
  );
};
