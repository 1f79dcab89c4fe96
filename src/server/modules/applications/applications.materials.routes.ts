// Routes of the files of an application's materials checklist: list (services:read), upload and
// remove (services:write, before the decision), download (sensitive:reveal, as a recipient's
// documents: a scan of an ID card shows what a reveal would; audited).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { materialFileDto, materialFileParams, materialFilesDto, materialFileUpload, materialParams } from '../../../shared/schemas/application-materials';
import { clientIp, requireAuth } from '../../platform/auth';
import { addMaterialFile, listMaterialFiles, readMaterialFile, removeMaterialFile } from './applications.materials';

const tags = ['政策服务办件'];

export const applicationMaterialRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/applications/:id/files',
    { config: { permission: 'services:read' }, schema: { tags, summary: '办件材料的上传文件（按材料清单）', params: idParams, response: { 200: materialFilesDto } } },
    async (req) => listMaterialFiles(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/applications/:id/materials/:index/files',
    {
      config: { permission: 'services:write' },
      bodyLimit: 5 * 1024 * 1024,
      schema: { tags, summary: '为材料清单中的一项上传扫描件或照片（PDF、JPG、PNG、WEBP，不超过 3 MB；加密保存，记入审计日志）', params: materialParams, body: materialFileUpload, response: { 200: materialFileDto } },
    },
    async (req) => addMaterialFile(ctx, requireAuth(req), req.params.id, req.params.index, req.body, clientIp(req)),
  );
  app.get(
    '/api/applications/:id/files/:fileId',
    { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看办件材料文件（记入审计日志）', params: materialFileParams } },
    async (req, reply) => {
      const f = await readMaterialFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.delete(
    '/api/applications/:id/files/:fileId',
    { config: { permission: 'services:write' }, schema: { tags, summary: '删除办件材料文件（作出决定前；记入审计日志）', params: materialFileParams, response: { 200: materialFilesDto } } },
    async (req) => removeMaterialFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req)),
  );
};
