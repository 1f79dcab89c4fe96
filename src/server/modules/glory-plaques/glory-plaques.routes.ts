import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import {
  eligiblePage,
  eligibleQuery,
  plaqueCreate,
  plaqueDetail,
  plaqueHang,
  plaqueLedgerQuery,
  plaqueListQuery,
  plaquePage,
  plaqueReplace,
  plaqueRevoke,
} from '../../../shared/schemas/glory-plaques';
import { requireAuth } from '../../platform/auth';
import { registerWorkQueueProvider } from '../../cases/work-queue';
import {
  createPlaque,
  eligibleList,
  hangPlaque,
  plaqueDetail as detailOf,
  readPhoto,
  replacePlaque,
  revokePlaque,
  searchPlaques,
} from './glory-plaques.service';
import { exportLedger } from './glory-plaques.export';
import { plaqueWorkQueue } from './glory-plaques.work-queue';

const tags = ['光荣牌'];
const PHOTO_BODY_LIMIT = 5 * 1024 * 1024;

export const gloryPlaqueRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  registerWorkQueueProvider(plaqueWorkQueue);
  app.get(
    '/api/glory-plaques',
    { config: { permission: 'plaques:read' }, schema: { tags, summary: '光荣牌列表（按状态、单位、依据筛选）', querystring: plaqueListQuery, response: { 200: plaquePage } } },
    async (req) => searchPlaques(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/glory-plaques/eligible',
    { config: { permission: 'plaques:read' }, schema: { tags, summary: '可申请家庭：符合条件但尚无光荣牌记录的家庭户及其依据', querystring: eligibleQuery, response: { 200: eligiblePage } } },
    async (req) => eligibleList(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/glory-plaques',
    { config: { permission: 'plaques:write' }, schema: { tags, summary: '登记光荣牌（持证家庭直接登记，其他家庭按申请登记）', body: plaqueCreate, response: { 200: plaqueDetail } } },
    async (req) => createPlaque(ctx, requireAuth(req), req.body, req.ip),
  );
  app.get(
    '/api/glory-plaques/:id',
    { config: { permission: 'plaques:read' }, schema: { tags, summary: '光荣牌详情（家庭成员、办理记录）', params: idParams, response: { 200: plaqueDetail } } },
    async (req) => detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/glory-plaques/:id/hang',
    { config: { permission: 'plaques:write' }, bodyLimit: PHOTO_BODY_LIMIT, schema: { tags, summary: '登记悬挂（日期、悬挂人、照片）', params: idParams, body: plaqueHang, response: { 200: plaqueDetail } } },
    async (req) => hangPlaque(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.post(
    '/api/glory-plaques/:id/replace',
    { config: { permission: 'plaques:write' }, bodyLimit: PHOTO_BODY_LIMIT, schema: { tags, summary: '更换光荣牌（搬迁、损坏）', params: idParams, body: plaqueReplace, response: { 200: plaqueDetail } } },
    async (req) => replacePlaque(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.post(
    '/api/glory-plaques/:id/revoke',
    { config: { permission: 'plaques:review' }, schema: { tags, summary: '撤销光荣牌（县级，须写明原因）', params: idParams, body: plaqueRevoke, response: { 200: plaqueDetail } } },
    async (req) => revokePlaque(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.get(
    '/api/glory-plaques/:id/photo',
    { config: { permission: 'plaques:read' }, schema: { tags, summary: '悬挂照片', params: idParams } },
    async (req, reply) => {
      const f = await readPhoto(ctx, requireAuth(req), req.params.id);
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'private, no-store').send(f.data);
    },
  );
  app.get(
    '/api/ledgers/glory-plaques',
    { config: { permission: 'plaques:read' }, schema: { tags: [...tags, '台账'], summary: '导出光荣牌悬挂台账（.xlsx，按当前筛选；记入审计日志）', querystring: plaqueLedgerQuery } },
    async (req, reply) => {
      const file = await exportLedger(ctx, requireAuth(req), req.query, req.ip);
      await app.sealer.kick();
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  );
};
