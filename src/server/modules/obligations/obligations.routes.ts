// Obligations 工作制度 routes: definitions (the defaults and a unit's own), what a unit owes, records
// (with files), the upper level's reporting rate, the 工作制度落实台账 ledger, and ledgers' responsible
// persons (§10). Permissions of the obligations domain; the responsible person is set by a unit head.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod-setup';
import { idParams, idSchema } from '../../../shared/schemas/common';
import { anyDomainRead } from '../../../shared/permissions';
import { ledgerResponsibleDto, ledgerResponsibleQuery } from '../../../shared/schemas/ledger-responsibles';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  obligationDefCreate,
  obligationDefDto,
  obligationDefList,
  obligationDefUpdate,
  obligationLedgerQuery,
  obligationRecordCreate,
  obligationRecordDto,
  obligationRecordListQuery,
  obligationRecordPage,
  obligationRecordUpdate,
  owedList,
  owedQuery,
  reportingDto,
  reportingQuery,
  responsibleList,
  responsibleQuery,
  responsibleSet,
} from '../../../shared/schemas/obligations';
import { clientIp, requireAuth } from '../../platform/auth';
import { registerWorkQueueProvider } from '../../cases/work-queue';
import { changeDef, changeRecord, createDef, createRecord, listDefs, owedOf, recordDetail, recordFile, reporting, searchRecords } from './obligations.service';
import { responsibleForLedger, responsibles, setResponsible } from './responsibles.service';
import { exportObligationLedger } from './obligations.export';
import { obligationsWorkQueue } from './obligations.work-queue';

const tags = ['工作制度'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const inline = (name: string) => `inline; filename*=UTF-8''${encodeURIComponent(name)}`;
const read = { permission: 'obligations:read' } as const;
const write = { permission: 'obligations:write' } as const;
const fileParams = z.object({ id: idSchema, fileId: idSchema });

export const obligationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  registerWorkQueueProvider(obligationsWorkQueue);

  app.get('/api/obligations/definitions', { config: read, schema: { tags, summary: '工作制度列表（《工作指南》规定的与本辖区、上级新增的）', response: { 200: obligationDefList } } }, async (req) => listDefs(ctx, requireAuth(req)));
  app.post('/api/obligations/definitions', { config: write, schema: { tags, summary: '新增本辖区的工作制度（县级中心或乡镇服务站）', body: obligationDefCreate, response: { 200: obligationDefDto } } }, async (req) =>
    createDef(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.put('/api/obligations/definitions/:id', { config: write, schema: { tags, summary: '修改或停用本辖区新增的工作制度', params: idParams, body: obligationDefUpdate, response: { 200: obligationDefDto } } }, async (req) =>
    changeDef(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get('/api/obligations/owed', { config: read, schema: { tags, summary: '本单位本期及上期应履行的工作制度、到期日与完成情况', querystring: owedQuery, response: { 200: owedList } } }, async (req) => {
    const auth = requireAuth(req);
    return owedOf(ctx, auth, req.query.orgUnitId ?? auth.unit.id);
  });
  app.get('/api/obligations/reporting', { config: read, schema: { tags, summary: '下级单位履行情况（按时、逾期、未报）与报送率', querystring: reportingQuery, response: { 200: reportingDto } } }, async (req) => reporting(ctx, requireAuth(req), req.query));
  app.get('/api/obligations/records', { config: read, schema: { tags, summary: '履行记录列表（本单位及下级）', querystring: obligationRecordListQuery, response: { 200: obligationRecordPage } } }, async (req) => searchRecords(ctx, requireAuth(req), req.query));
  app.post('/api/obligations/records', { config: write, schema: { tags, summary: '登记本单位的履行记录（会议、培训、专题研究、报告；附照片或文件）', body: obligationRecordCreate, response: { 200: obligationRecordDto } } }, async (req) =>
    createRecord(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get('/api/obligations/records/:id', { config: read, schema: { tags, summary: '履行记录详情', params: idParams, response: { 200: obligationRecordDto } } }, async (req) => recordDetail(ctx, requireAuth(req), req.params.id));
  app.put('/api/obligations/records/:id', { config: write, schema: { tags, summary: '修改本单位的履行记录（期间锁定前；可追加附件）', params: idParams, body: obligationRecordUpdate, response: { 200: obligationRecordDto } } }, async (req) =>
    changeRecord(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get('/api/obligations/records/:id/files/:fileId', { config: read, schema: { tags, summary: '查看履行记录的附件（记入审计日志）', params: fileParams } }, async (req, reply) => {
    const f = await recordFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
    await app.sealer.kick();
    return reply.type(f.mime).header('content-disposition', inline(f.name)).header('cache-control', 'no-store').send(f.data);
  });
  app.get('/api/ledgers/obligations', { config: read, schema: { tags: [...tags, '台账'], summary: '导出工作制度落实台账（.xlsx，含台账责任人；记入审计日志）', querystring: obligationLedgerQuery } }, async (req, reply) => {
    const file = await exportObligationLedger(ctx, requireAuth(req), req.query, clientIp(req));
    await app.sealer.kick();
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
  });
  app.get('/api/ledger-responsibles', { config: read, schema: { tags: [...tags, '台账'], summary: '各台账的责任人（本单位或下级单位）', querystring: responsibleQuery, response: { 200: responsibleList } } }, async (req) =>
    responsibles(ctx, requireAuth(req), req.query.orgUnitId),
  );
  // every ledger's list page shows its person: any domain's reader may read the line
  app.get('/api/ledger-responsibles/one', { config: { permission: anyDomainRead }, schema: { tags: [...tags, '台账'], summary: '某一台账在本单位或下级单位的责任人（台账页面显示）', querystring: ledgerResponsibleQuery, response: { 200: ledgerResponsibleDto } } }, async (req) =>
    responsibleForLedger(ctx, requireAuth(req), req.query),
  );
  app.put('/api/ledger-responsibles', { config: write, schema: { tags: [...tags, '台账'], summary: '指定台账责任人（站（中心）负责人）', body: responsibleSet, response: { 200: responsibleList } } }, async (req) =>
    setResponsible(ctx, requireAuth(req), req.body, clientIp(req)),
  );
};
