// Ledgers 台账 of the registry: the import template and the export of any filter of the list.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { REGISTRY_LEDGER_TITLE, XLSX_MIME, ledgerQuery } from '../../../shared/schemas/ledgers';
import { clientIp, requireAuth } from '../../platform/auth';
import { exportRecipientLedger } from './ledgers.service';
import { registryTemplate } from './template';

const tags = ['台账'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/ledgers/recipients/template',
    { config: { permission: 'registry:write' }, schema: { tags, summary: '下载退役军人信息台账导入模板（.xlsx，含下拉选项与填写说明）' } },
    async (_req, reply) =>
      reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment(`${REGISTRY_LEDGER_TITLE}导入模板.xlsx`))
        .header('cache-control', 'private, max-age=3600')
        .send(await registryTemplate()),
  );
  app.get(
    '/api/ledgers/recipients',
    {
      config: { permission: 'registry:read' },
      schema: { tags, summary: '导出退役军人信息台账（.xlsx，按服务对象列表的筛选条件；身份证号、电话默认脱敏，明文导出须 unmasked=1 并填写用途 purpose，需“导出敏感信息明文”权限，文件带导出人与时间水印；记入审计日志）', querystring: ledgerQuery },
    },
    async (req, reply) => {
      const file = await exportRecipientLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').header('x-ledger-rows', String(file.rows)).send(file.stream);
    },
  );
};
