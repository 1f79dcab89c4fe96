import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { summaryAcceptInput, summaryCreateInput, summaryDetail as summaryDetailSchema, summaryEditInput, summaryOverview as summaryOverviewSchema, summaryOverviewQuery, summaryReturnInput, summarySubmitInput } from '../../../shared/schemas/summaries';
import { clientIp, requireAuth } from '../../platform/auth';
import { acceptSummary, createSummary, editSummary, reopenSummary, returnSummary, submitSummary, summaryDetail, summaryOverview } from './summaries.service';
import { summaryDocx } from './summaries.docx';

const tags = ['工作总结'];
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const summariesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/summaries',
    { config: { permission: 'summaries:read' }, schema: { tags, summary: '单位半年工作总结概况（本单位总结或起草时的数据，下级单位总结及状态）', querystring: summaryOverviewQuery, response: { 200: summaryOverviewSchema } } },
    async (req) => summaryOverview(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/summaries',
    { config: { permission: 'summaries:write' }, schema: { tags, summary: '起草本单位半年工作总结（每个单位每半年一份）', body: summaryCreateInput, response: { 200: summaryDetailSchema } } },
    async (req) => createSummary(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/summaries/:id',
    { config: { permission: 'summaries:read' }, schema: { tags, summary: '半年工作总结详情（数据、文字、下级单位状态、办理记录）', params: idParams, response: { 200: summaryDetailSchema } } },
    async (req) => summaryDetail(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/summaries/:id',
    { config: { permission: 'summaries:write' }, schema: { tags, summary: '修改本单位工作总结的文字（起草中或被退回时）', params: idParams, body: summaryEditInput, response: { 200: summaryDetailSchema } } },
    async (req) => editSummary(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/summaries/:id/submit',
    { config: { permission: 'summaries:write' }, schema: { tags, summary: '提交上级单位审核（数据按提交时固定）', params: idParams, body: summarySubmitInput, response: { 200: summaryDetailSchema } } },
    async (req) => submitSummary(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/summaries/:id/return',
    { config: { permission: 'summaries:review' }, schema: { tags, summary: '退回下级单位修改（须填写意见）', params: idParams, body: summaryReturnInput, response: { 200: summaryDetailSchema } } },
    async (req) => returnSummary(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/summaries/:id/accept',
    { config: { permission: 'summaries:review' }, schema: { tags, summary: '审核通过下级单位总结（其下级单位须已全部通过；通过后锁定）', params: idParams, body: summaryAcceptInput, response: { 200: summaryDetailSchema } } },
    async (req) => acceptSummary(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/summaries/:id/reopen',
    { config: { permission: 'summaries:review' }, schema: { tags, summary: '重新打开已通过的下级单位总结（本单位总结未通过时；须填写意见）', params: idParams, body: summaryReturnInput, response: { 200: summaryDetailSchema } } },
    async (req) => reopenSummary(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/summaries/:id/docx',
    { config: { permission: 'summaries:read' }, schema: { tags, summary: '导出工作总结（.docx，含数据表格；记入审计日志）', params: idParams } },
    async (req, reply) => {
      const file = await summaryDocx(ctx, requireAuth(req), req.params.id, clientIp(req));
      await app.sealer.kick();
      return reply.type(DOCX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.data);
    },
  );
};
