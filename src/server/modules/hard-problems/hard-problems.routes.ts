import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { caseFileParams } from '../../../shared/schemas/cases';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  hardProblemActionBody,
  hardProblemCreate,
  hardProblemDetail as hardProblemDetailSchema,
  hardProblemLedgerQuery,
  hardProblemPage,
  hardProblemQuery,
  hardProblemReviewList as hardProblemReviewListSchema,
  hardProblemReviewQuery,
} from '../../../shared/schemas/hard-problems';
import { clientIp, requireAuth } from '../../platform/auth';
import { actOnHardProblem, hardProblemDetail, hardProblemReviewList, reportHardProblem, searchHardProblems } from './hard-problems.service';
import { readHardProblemFile } from './hard-problems.files';
import { exportHardProblemLedger } from './hard-problems.export';

const tags = ['疑难问题'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const hardProblemRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/hard-problems',
    { config: { permission: 'hardProblems:read' }, schema: { tags, summary: '疑难问题列表（按状态、所在层级、类别、上报期间、上报单位筛选；待我研究）', querystring: hardProblemQuery, response: { 200: hardProblemPage } } },
    async (req) => searchHardProblems(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/hard-problems',
    { config: { permission: 'hardProblems:write' }, bodyLimit: 15 * 1024 * 1024, schema: { tags, summary: '上报疑难问题（报上级单位研究；可附涉及人员、附件）', body: hardProblemCreate, response: { 200: hardProblemDetailSchema } } },
    async (req) => reportHardProblem(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/hard-problems/review',
    { config: { permission: 'hardProblems:read' }, schema: { tags, summary: '每月研究：本单位正在研究的疑难问题及最近一次研究日期，标出本月尚未研究的', querystring: hardProblemReviewQuery, response: { 200: hardProblemReviewListSchema } } },
    async (req) => hardProblemReviewList(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/hard-problems/:id',
    { config: { permission: 'hardProblems:read' }, schema: { tags, summary: '疑难问题详情（研究记录、月度研究、解决情况、办理记录）', params: idParams, response: { 200: hardProblemDetailSchema } } },
    async (req) => hardProblemDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/hard-problems/:id/actions',
    { config: { permission: 'hardProblems:write' }, schema: { tags, summary: '办理疑难问题：专题研究记录、月度研究、上报县级或市级、解决办结、撤回', params: idParams, body: hardProblemActionBody, response: { 200: hardProblemDetailSchema } } },
    async (req) => actOnHardProblem(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/hard-problems/:id/files/:fileId',
    { config: { permission: 'hardProblems:read' }, schema: { tags, summary: '下载疑难问题附件（记入审计日志）', params: caseFileParams } },
    async (req, reply) => {
      const f = await readHardProblemFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.get(
    '/api/ledgers/hard-problems',
    { config: { permission: 'hardProblems:read' }, schema: { tags: [...tags, '台账'], summary: '导出疑难问题台账（.xlsx，按当前筛选；身份证号码脱敏；记入审计日志）', querystring: hardProblemLedgerQuery } },
    async (req, reply) => {
      const file = await exportHardProblemLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
};
