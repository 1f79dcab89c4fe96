import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseActionBody, caseDetailDto, caseListQuery, casePage, workQueueDto } from '../../shared/schemas/cases';
import { idParams } from '../../shared/schemas/common';
import { requireAuth } from '../platform/auth';
import { listCases } from './cases.repo';import { caseDetail, performAction, toCaseDto } from './cases.service';
import { getCase } from './cases.repo';
import { workQueue } from './work-queue';

const tags = ['办件与待办'];

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/cases',
    { config: { permission: 'case:read' }, schema: { tags, summary: '办件列表', querystring: caseListQuery, response: { 200: casePage } } },
    async (req) => {
      const q = req.query;
      const r = await listCases(requireAuth(req).scope, app.ctx.db, { ...q, open: q.open === undefined ? undefined : q.open === 'true' });
      return { ...r, items: r.items.map(toCaseDto), page: q.page, pageSize: q.pageSize };
    },
  );
  app.get(
    '/api/cases/:id',
    { config: { permission: 'case:read' }, schema: { tags, summary: '办件详情与流转记录', params: idParams, response: { 200: caseDetailDto } } },
    async (req) => caseDetail(app.ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/cases/:id/actions',
    { config: { permission: 'case:read' }, schema: { tags, summary: '办理（审核通过、退回、接收、拒绝……）', params: idParams, body: caseActionBody, response: { 200: caseDetailDto } } },
    async (req) => {
      const auth = requireAuth(req);
      const stored = await performAction(app.ctx, auth, req.params.id, req.body, req.ip);
      // an action may move the case out of the actor's sight (route.owner): then only its new state
      if (!(await getCase(auth.scope, app.ctx.db, stored.id))) return { ...toCaseDto(stored), log: [], actions: [] };
      return caseDetail(app.ctx, auth, req.params.id);
    },
  );
  app.get(
    '/api/work-queue',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '我的待办', response: { 200: workQueueDto } } },
    async (req) => workQueue(app.ctx, requireAuth(req)),
  );
};
