// The public service portal's routes. Staff (feedback:read|write): the feedback list, detail,
// reply/publish through the kernel, the audited phone reveal, the ledger, and a unit's service
// commitments and supervisors. Public: a unit's portal part, submitting an entry (anonymous,
// signed, or as a signed-in public account) and the query by code — rate-limited per address
// like the petition side.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  accountFeedbackCreate,
  commitmentsBody,
  feedbackActionBody,
  feedbackCreated,
  feedbackDetail,
  feedbackLedgerQuery,
  feedbackListQuery,
  feedbackPage,
  feedbackQueryBody,
  feedbackSettingsBody,
  feedbackSettingsView,
  feedbackRevealDto,
  publicFeedbackCreate,
  publicFeedbackView,
  publicPortalDto,
  supervisorsBody,
  unitServiceDto,
} from '../../../shared/schemas/feedback';
import { clientIp, requireAuth } from '../../platform/auth';
import { requirePublicAuth } from '../public-accounts';
import './feedback.cases';
import { readFeedbackSettings, saveFeedbackSettings } from './feedback.settings';
import { exportFeedbackLedger } from './feedback.export';
import {
  feedbackDetail as detailOf,
  publicPortal,
  queryFeedback,
  revealPhone,
  runFeedbackAction,
  saveCommitments,
  saveSupervisors,
  searchFeedback,
  submitAccountFeedback,
  submitPublicFeedback,
  unitService,
} from './feedback.service';

const tags = ['意见簿与服务监督'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const limited = { max: ctx.config.publicRateLimit, timeWindow: 60_000, keyGenerator: (req: Parameters<typeof clientIp>[0]) => clientIp(req) };

  // ---- public ----
  app.get(
    '/api/public/org-units/:id/portal',
    { config: { public: true }, schema: { tags, summary: '单位公开页：服务承诺、服务监督员、已公开的意见答复', params: idParams, response: { 200: publicPortalDto } } },
    async (req) => publicPortal(ctx, req.params.id),
  );
  app.post(
    '/api/public/feedback',
    { config: { public: true, rateLimit: limited }, schema: { tags, summary: '意见簿：匿名或署名（姓名、电话）提交意见、建议、投诉或表扬（返回一次性查询码）', body: publicFeedbackCreate, response: { 200: feedbackCreated } } },
    async (req) => submitPublicFeedback(ctx, req.body, clientIp(req)),
  );
  app.post(
    '/api/public/account/feedback',
    { config: { publicAccount: true, rateLimit: limited }, schema: { tags, summary: '意见簿：以公众账号署名提交（返回一次性查询码）', body: accountFeedbackCreate, response: { 200: feedbackCreated } } },
    async (req) => {
      const pub = requirePublicAuth(req);
      return submitAccountFeedback(ctx, { accountId: pub.accountId, name: pub.name }, req.body, clientIp(req));
    },
  );
  app.post(
    '/api/public/feedback-query',
    { config: { public: true, rateLimit: limited }, schema: { tags, summary: '凭查询码查看自己提交的意见及答复', body: feedbackQueryBody, response: { 200: publicFeedbackView } } },
    async (req) => queryFeedback(ctx, req.body.code, clientIp(req)),
  );

  // ---- staff: entries ----
  app.get(
    '/api/feedback',
    { config: { permission: 'feedback:read' }, schema: { tags, summary: '意见簿列表（按单位、状态、类别、是否公开、超期筛选，排序、分页）', querystring: feedbackListQuery, response: { 200: feedbackPage } } },
    async (req) => searchFeedback(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/feedback/:id',
    { config: { permission: 'feedback:read' }, schema: { tags, summary: '意见详情与办理记录', params: idParams, response: { 200: feedbackDetail } } },
    async (req) => detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/feedback/:id/actions',
    { config: { permission: 'feedback:write' }, schema: { tags, summary: '答复（可同时公开）、公开答复、撤回公开', params: idParams, body: feedbackActionBody, response: { 200: feedbackDetail } } },
    async (req) => runFeedbackAction(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/feedback/:id/reveal',
    { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看署名人的联系电话（记入审计日志）', params: idParams, response: { 200: feedbackRevealDto } } },
    async (req) => {
      const value = await revealPhone(ctx, requireAuth(req), req.params.id, clientIp(req));
      await app.sealer.kick();
      return { value };
    },
  );
  app.get(
    '/api/ledgers/feedback',
    { config: { permission: 'feedback:read' }, schema: { tags: [...tags, '台账'], summary: '导出意见簿（监督卡）登记台账（.xlsx，按当前筛选，电话脱敏；记入审计日志）', querystring: feedbackLedgerQuery } },
    async (req, reply) => {
      const file = await exportFeedbackLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );

  // ---- staff: the reply deadline setting ----
  app.get(
    '/api/feedback-settings',
    { config: { permission: 'feedback:read' }, schema: { tags, summary: '意见簿答复期限（天数、自然日或工作日；新收到的意见按此计算答复期限）', response: { 200: feedbackSettingsView } } },
    async (req) => readFeedbackSettings(ctx, requireAuth(req)),
  );
  app.put(
    '/api/feedback-settings',
    { config: { permission: 'feedback:write' }, schema: { tags, summary: '修改意见簿答复期限（县级及以上服务中心负责人或审核人员；记入审计日志）', body: feedbackSettingsBody, response: { 200: feedbackSettingsView } } },
    async (req) => saveFeedbackSettings(ctx, requireAuth(req), req.body, clientIp(req)),
  );

  // ---- staff: commitments and supervisors ----
  app.get(
    '/api/portal/units/:id',
    { config: { permission: 'feedback:read' }, schema: { tags, summary: '本单位的服务承诺与服务监督员', params: idParams, response: { 200: unitServiceDto } } },
    async (req) => unitService(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/portal/units/:id/commitments',
    { config: { permission: 'feedback:write' }, schema: { tags, summary: '保存服务承诺（按顺序，整体替换）', params: idParams, body: commitmentsBody, response: { 200: unitServiceDto } } },
    async (req) => saveCommitments(ctx, requireAuth(req), req.params.id, req.body.items, clientIp(req)),
  );
  app.put(
    '/api/portal/units/:id/supervisors',
    { config: { permission: 'feedback:write' }, schema: { tags, summary: '保存服务监督员（姓名、身份或单位、公开联系电话；整体替换）', params: idParams, body: supervisorsBody, response: { 200: unitServiceDto } } },
    async (req) => saveSupervisors(ctx, requireAuth(req), req.params.id, req.body.items, clientIp(req)),
  );
};
