// Care records 关爱服务记录 routes: list (kind, unit, person, period; paging by day), create, read,
// change, the audited reveal of the details, and the .xlsx ledger (details masked).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import { careRecordCreate, careRecordDto, careRecordFigures as careRecordFiguresDto, careRecordFiguresQuery, careRecordLedgerQuery, careRecordListQuery, careRecordPage, careRecordReveal, careRecordUpdate } from '../../../shared/schemas/care-records';
import { clientIp, requireAuth } from '../../platform/auth';
import { careRecordDetail, careRecordFigures, changeCareRecord, createCareRecord, revealCareDetails, searchCareRecords } from './care-records.service';
import { exportCareRecordsLedger } from './care-records.export';

const tags = ['关爱服务记录'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const careRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/care-records',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '关爱服务记录列表（法律咨询、心理疏导、普法活动、健康体检、困难家庭保险；按类别、单位、服务对象、期间筛选，按日期排序、分页）', querystring: careRecordListQuery, response: { 200: careRecordPage } } },
    async (req) => searchCareRecords(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/care-records/figures',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '关爱服务记录统计：期间内各类别、各下级单位的记录数、人数，普法活动参加人数', querystring: careRecordFiguresQuery, response: { 200: careRecordFiguresDto } } },
    async (req) => careRecordFigures(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/care-records',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '登记关爱服务记录（含参加或涉及的服务对象；详情加密保存）', body: careRecordCreate, response: { 200: careRecordDto } } },
    async (req) => createCareRecord(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/care-records/:id',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '关爱服务记录详情（详情脱敏）', params: idParams, response: { 200: careRecordDto } } },
    async (req) => careRecordDetail(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/care-records/:id',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '修改关爱服务记录（不填详情则保留原详情）', params: idParams, body: careRecordUpdate, response: { 200: careRecordDto } } },
    async (req) => changeCareRecord(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/care-records/:id/reveal',
    { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看关爱服务记录的详情（心理疏导记录、体检结果；记入审计日志）', params: idParams, response: { 200: careRecordReveal } } },
    async (req) => {
      const details = await revealCareDetails(ctx, requireAuth(req), req.params.id, clientIp(req));
      await app.sealer.kick();
      return { details };
    },
  );
  app.get(
    '/api/ledgers/care-records',
    { config: { permission: 'legalAid:read' }, schema: { tags: [...tags, '台账'], summary: '导出关爱服务记录台账（.xlsx，按当前筛选；详情不导出明文；记入审计日志）', querystring: careRecordLedgerQuery } },
    async (req, reply) => {
      const file = await exportCareRecordsLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
};
