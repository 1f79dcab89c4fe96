import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { anyDomainRead } from '../../shared/permissions';
import { caseActionBody, caseDetailDto, caseListQuery, casePage, workQueueCountDto, workQueueDto } from '../../shared/schemas/cases';
import { idParams } from '../../shared/schemas/common';
import { getCase } from './cases.repo';
import { caseDetail, listReadableCases, performAction, toCaseDto } from './cases.service';
import { workQueue, workQueueCount } from './work-queue';
import { assignmentDetail, readAssignmentFile, replyToAssignment } from './assignments';
import { ASSIGNMENT_REPLY_FILES_MAX, assignmentDto, assignmentFileParams, assignmentReplyBody } from '../../shared/schemas/supervision';
import { clientIp, requireAuth } from '../platform/auth';

const tags = ['办件与待办'];

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/cases',
    // reading some domain; then each case type needs its own domain's read (a petition needs petitions:read)
    { config: { permission: anyDomainRead }, schema: { tags, summary: '办件列表（仅本人有查看权限的业务）', querystring: caseListQuery, response: { 200: casePage } } },
    async (req) => listReadableCases(app.ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/cases/:id',
    { config: { permission: anyDomainRead }, schema: { tags, summary: '办件详情与流转记录（须有该业务的查看权限）', params: idParams, response: { 200: caseDetailDto } } },
    async (req) => caseDetail(app.ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/cases/:id/actions',
    { config: { permission: anyDomainRead }, schema: { tags, summary: '办理（审核通过、退回、接收、拒绝……；须有该业务的查看权限和该操作的权限）', params: idParams, body: caseActionBody, response: { 200: caseDetailDto } } },
    async (req) => {
      const auth = requireAuth(req);
      const stored = await performAction(app.ctx, auth, req.params.id, req.body, req.ip);
      // an action may move the case out of the actor's sight (route.owner): then only its new state
      if (!(await getCase(auth.scope, app.ctx.db, stored.id))) return { ...toCaseDto(stored), log: [], actions: [] };
      return caseDetail(app.ctx, auth, req.params.id);
    },
  );
  app.get(
    '/api/assignments/:id',
    { config: { permission: anyDomainRead }, schema: { tags, summary: '交办事项（接收单位查看：事项、要求、期限、本单位的回复与交办单位的审核；不含办件其他内容）', params: idParams, response: { 200: assignmentDto } } },
    async (req) => assignmentDetail(app.ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/assignments/:id/reply',
    {
      config: { permission: anyDomainRead },
      bodyLimit: ASSIGNMENT_REPLY_FILES_MAX * 4_300_000 + 100_000,
      schema: { tags, summary: '接收单位回复交办事项（办理情况、结果、附件；退回后可再次回复）', params: idParams, body: assignmentReplyBody, response: { 200: assignmentDto } },
    },
    async (req) => replyToAssignment(app.ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/assignments/:id/files/:fileId',
    { config: { permission: anyDomainRead }, schema: { tags, summary: '下载交办回复的附件（接收单位与交办单位；记入审计日志）', params: assignmentFileParams } },
    async (req, reply) => {
      const f = await readAssignmentFile(app.ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.get(
    '/api/work-queue',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我的待办', response: { 200: workQueueDto } } },
    async (req) => workQueue(app.ctx, requireAuth(req)),
  );
  app.get(
    '/api/work-queue/count',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我的待办数量（含逾期数）', response: { 200: workQueueCountDto } } },
    async (req) => workQueueCount(app.ctx, requireAuth(req)),
  );
};
