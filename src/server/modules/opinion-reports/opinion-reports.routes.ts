import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import { opinionAcknowledge, opinionCreate, opinionDecide, opinionDto, opinionLedgerQuery, opinionListQuery, opinionPage } from '../../../shared/schemas/opinion-reports';
import { clientIp, requireAuth } from '../../platform/auth';
import './opinion-reports.cases';
import { acknowledgeReport, createReport, decideReport, reportDetail, searchReports } from './opinion-reports.service';
import { exportOpinionLedger } from './opinion-reports.export';

const tags = ['舆情信息'];

export const opinionReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/opinion-reports',
    { config: { permission: 'opinionReports:read' }, schema: { tags, summary: '舆情信息列表（本单位及下级报送的；inbox=true 为待本单位签收或处置的）', querystring: opinionListQuery, response: { 200: opinionPage } } },
    async (req) => searchReports(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/opinion-reports',
    { config: { permission: 'opinionReports:write' }, schema: { tags, summary: '报送舆情信息（上级即时可见；本级处置或逐级上报至县级，各级限时签收）', body: opinionCreate, response: { 200: opinionDto } } },
    async (req) => createReport(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/opinion-reports/:id',
    { config: { permission: 'opinionReports:read' }, schema: { tags, summary: '舆情信息详情（报送链：各级签收时间与处置）', params: idParams, response: { 200: opinionDto } } },
    async (req) => reportDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/opinion-reports/:id/acknowledge',
    { config: { permission: 'opinionReports:write' }, schema: { tags, summary: '本级签收（报送至本级时）', params: idParams, body: opinionAcknowledge, response: { 200: opinionDto } } },
    async (req) => acknowledgeReport(ctx, requireAuth(req), req.params.id, clientIp(req)),
  );
  app.post(
    '/api/opinion-reports/:id/decide',
    { config: { permission: 'opinionReports:write' }, schema: { tags, summary: '本级自行处置（写明措施）或上报上一级', params: idParams, body: opinionDecide, response: { 200: opinionDto } } },
    async (req) => decideReport(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/ledgers/opinion-reports',
    { config: { permission: 'opinionReports:read' }, schema: { tags: [...tags, '台账'], summary: '导出舆情信息报送台账（.xlsx，含各级签收时间；记入审计日志）', querystring: opinionLedgerQuery } },
    async (req, reply) => {
      const file = await exportOpinionLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  );
};
