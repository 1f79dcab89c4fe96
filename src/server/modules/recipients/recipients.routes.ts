import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod-setup';
import { idParams, idSchema } from '../../../shared/schemas/common';
import {
  deathBody,
  documentDto,
  documentUpload,
  duplicateList,
  idCheckBody,
  idCheckResult,
  mergeBody,
  recipientCreate,
  recipientDetail,
  recipientHistory,
  recipientListQuery,
  recipientPage,
  recipientUpdate,
  revealBody,
  revealResult,
  submitBody,
  transferCreate,
} from '../../../shared/schemas/recipients';
import { requireAuth } from '../../platform/auth';
import {
  addDocument,
  checkIdNumber,
  createRecipient,
  listDuplicates,
  mergeDuplicate,
  readDocument,
  recipientDetail as detailOf,
  recipientHistory as historyOf,
  recordDeath,
  revealField,
  searchRecipients,
  startTransfer,
  submitRecipient,
  updateRecipientRecord,
} from './recipients.service';

const tags = ['服务对象'];

export const recipientRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/recipients',
    { config: { permission: 'registry:read' }, schema: { tags, summary: '检索服务对象（姓名一两个字、拼音首字母、身份证号、电话；多条件筛选）', querystring: recipientListQuery, response: { 200: recipientPage } } },
    async (req) => searchRecipients(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/recipients',
    { config: { permission: 'registry:write' }, schema: { tags, summary: '信息采集：新建服务对象（草稿）', body: recipientCreate, response: { 200: recipientDetail } } },
    async (req) => createRecipient(ctx, requireAuth(req), req.body, req.ip),
  );
  app.post(
    '/api/recipients/check-id',
    { config: { permission: 'registry:read' }, schema: { tags, summary: '查询身份证号是否已登记（不显示其他单位的记录）', body: idCheckBody, response: { 200: idCheckResult } } },
    async (req) => checkIdNumber(ctx, requireAuth(req), req.body.idNumber),
  );
  app.get(
    '/api/recipients/duplicates',
    { config: { permission: 'registry:review' }, schema: { tags, summary: '疑似重复记录（姓名与出生日期相同）', response: { 200: duplicateList } } },
    async (req) => listDuplicates(ctx, requireAuth(req)),
  );
  app.get(
    '/api/recipients/:id',
    { config: { permission: 'registry:read' }, schema: { tags, summary: '服务对象详情（敏感信息脱敏）', params: idParams, response: { 200: recipientDetail } } },
    async (req) => detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/recipients/:id',
    {
      config: { permission: 'registry:write' },
      schema: {
        tags,
        summary: '修改服务对象（身份、类别、伤残变更须县级审核）',
        params: idParams,
        body: recipientUpdate,
        response: { 200: z.object({ detail: recipientDetail, reviewCaseId: z.string().nullable() }) },
      },
    },
    async (req) => updateRecipientRecord(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.post(
    '/api/recipients/:id/submit',
    { config: { permission: 'registry:write' }, schema: { tags, summary: '提交县级审核', params: idParams, body: submitBody, response: { 200: recipientDetail } } },
    async (req) => submitRecipient(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.post(
    '/api/recipients/:id/reveal',
    { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看敏感信息原文（记入审计日志）', params: idParams, body: revealBody, response: { 200: revealResult } } },
    async (req) => revealField(ctx, requireAuth(req), req.params.id, req.body.field, req.ip),
  );
  app.post(
    '/api/recipients/:id/death',
    { config: { permission: 'registry:write' }, schema: { tags, summary: '登记去世', params: idParams, body: deathBody, response: { 200: recipientDetail } } },
    async (req) => recordDeath(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.get(
    '/api/recipients/:id/history',
    { config: { permission: 'registry:read' }, schema: { tags, summary: '变更历史', params: idParams, response: { 200: recipientHistory } } },
    async (req) => historyOf(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/recipients/:id/documents',
    { config: { permission: 'registry:write' }, bodyLimit: 5 * 1024 * 1024, schema: { tags, summary: '上传证件扫描件或照片', params: idParams, body: documentUpload, response: { 200: documentDto } } },
    async (req) => addDocument(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.get(
    '/api/recipients/:id/documents/:fileId',
    // a scan of an ID card or certificate shows what a reveal would: the same permission
    { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看证件扫描件（记入审计日志）', params: z.object({ id: idSchema, fileId: idSchema }) } },
    async (req, reply) => {
      const f = await readDocument(ctx, requireAuth(req), req.params.id, req.params.fileId, req.ip);
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.post(
    '/api/recipients/:id/merge',
    { config: { permission: 'registry:review' }, schema: { tags, summary: '合并重复记录（本记录并入目标记录）', params: idParams, body: mergeBody, response: { 200: recipientDetail } } },
    async (req) => mergeDuplicate(ctx, requireAuth(req), req.params.id, req.body.intoId, req.ip),
  );
  app.post(
    '/api/transfers',
    { config: { permission: 'registry:write' }, schema: { tags: ['迁入迁出'], summary: '发起迁出，或按身份证号申请迁入', body: transferCreate, response: { 200: z.object({ caseId: z.string() }) } } },
    async (req) => ({ caseId: await startTransfer(ctx, requireAuth(req), req.body, req.ip) }),
  );
};
