import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod-setup';
import { idParams, idSchema, pageOf, pageQuery } from '../../../shared/schemas/common';
import {
  publicServiceItemDto,
  serviceItemCreate,
  serviceItemDto,
  serviceItemListQuery,
  serviceItemPage,
  serviceItemRetire,
  serviceItemUpdate,
} from '../../../shared/schemas/service-items';
import { requireAuth } from '../../platform/auth';
import { notFound } from '../../platform/errors';
import { activeUnitPathUnscoped } from './service-items.repo';
import { createItem, editItem, itemDetail, listCatalog, publicCatalogItem, publicCatalogOf, retireItem } from './service-items.service';

const tags = ['服务事项'];
const publicTags = ['公开信息'];

export const serviceItemRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/service-items',
    { config: { permission: 'services:read' }, schema: { tags, summary: '服务事项目录（本单位及上级发布的事项）', querystring: serviceItemListQuery, response: { 200: serviceItemPage } } },
    async (req) => listCatalog(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/service-items/:id',
    { config: { permission: 'services:read' }, schema: { tags, summary: '服务事项详情（材料、环节、时限、公示）', params: idParams, response: { 200: serviceItemDto } } },
    async (req) => itemDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/service-items',
    { config: { permission: 'services:review' }, schema: { tags, summary: '发布服务事项（下级单位继承）', body: serviceItemCreate, response: { 200: serviceItemDto } } },
    async (req) => createItem(ctx, requireAuth(req), req.body, req.ip),
  );
  app.put(
    '/api/service-items/:id',
    { config: { permission: 'services:review' }, schema: { tags, summary: '修改服务事项（已受理的办件不受影响）', params: idParams, body: serviceItemUpdate, response: { 200: serviceItemDto } } },
    async (req) => editItem(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );
  app.post(
    '/api/service-items/:id/retire',
    { config: { permission: 'services:review' }, schema: { tags, summary: '停用或重新启用服务事项', params: idParams, body: serviceItemRetire, response: { 200: serviceItemDto } } },
    async (req) => retireItem(ctx, requireAuth(req), req.params.id, req.body, req.ip),
  );

  // ---- the public catalog (一次性告知) ----
  const unitParams = z.object({ id: idSchema });
  app.get(
    '/api/public/org-units/:id/service-items',
    {
      config: { public: true },
      schema: { tags: publicTags, summary: '单位可办理的服务事项（一次性告知）', params: unitParams, querystring: pageQuery.extend({ q: z.string().trim().max(30).optional() }), response: { 200: pageOf(publicServiceItemDto) } },
    },
    async (req) => {
      const path = await activeUnitPathUnscoped(ctx.db, req.params.id);
      if (!path) throw notFound('单位');
      return publicCatalogOf(ctx.db, path, req.query);
    },
  );
  app.get(
    '/api/public/org-units/:id/service-items/:itemId',
    { config: { public: true }, schema: { tags: publicTags, summary: '服务事项：所需材料清单、办理环节与时限', params: z.object({ id: idSchema, itemId: idSchema }), response: { 200: publicServiceItemDto } } },
    async (req) => {
      const path = await activeUnitPathUnscoped(ctx.db, req.params.id);
      if (!path) throw notFound('单位');
      return publicCatalogItem(ctx.db, path, req.params.itemId);
    },
  );
};
