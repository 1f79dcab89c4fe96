// Rights cases 权益维护 (seed Part 9): list, registration, detail, actions (核查, 督办通知, 跟进联系,
// 提请上级督办, 政策解释, 上报政策建议, 办结, and the kernel's 督办/回复督办), figures and the ledger.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import { materialFileUpload } from '../../../shared/schemas/application-materials';
import { caseFileParams } from '../../../shared/schemas/cases';
import { rightsActionBody, rightsEvidenceDto, rightsCreate, rightsDetail, rightsFigures, rightsFiguresQuery, rightsLedgerQuery, rightsListQuery, rightsPage } from '../../../shared/schemas/rights';
import { clientIp, requireAuth } from '../../platform/auth';
import './rights.cases';
import { createRightsCase, rightsDetail as detailOf, rightsFigures as figuresOf, runRightsAction, searchRightsCases } from './rights.service';
import { exportRightsLedger } from './rights.export';
import { addRightsEvidence, listRightsEvidence, readRightsEvidence } from './rights.files';

const tags = ['权益维护'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const rightsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/rights',
    { config: { permission: 'rights:read' }, schema: { tags, summary: '权益维护案件列表（按单位、服务对象、状态、类别、责任主体、超期、登记日期筛选，排序、分页）', querystring: rightsListQuery, response: { 200: rightsPage } } },
    async (req) => searchRightsCases(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/rights',
    { config: { permission: 'rights:write' }, schema: { tags, summary: '登记权益维护案件（窗口登记，或由信访事项、走访后续事项转入）', body: rightsCreate, response: { 200: rightsDetail } } },
    async (req) => createRightsCase(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/rights/figures',
    { config: { permission: 'rights:read' }, schema: { tags, summary: '权益维护统计：期间登记、办结（按期、超期）、在办及超期数，按类别', querystring: rightsFiguresQuery, response: { 200: rightsFigures } } },
    async (req) => figuresOf(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/rights/:id',
    { config: { permission: 'rights:read' }, schema: { tags, summary: '权益维护案件详情（核查、督办通知、跟进联系、上级督办、办理记录、可办理的操作）', params: idParams, response: { 200: rightsDetail } } },
    async (req) => detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/rights/:id/actions',
    { config: { permission: 'rights:read' }, schema: { tags, summary: '办理：核查、发出督办通知、跟进联系、提请上级督办、政策解释、上报政策建议、办结、督办、回复督办', params: idParams, body: rightsActionBody, response: { 200: rightsDetail } } },
    async (req) => runRightsAction(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/rights/:id/files',
    { config: { permission: 'rights:read' }, schema: { tags, summary: '权益维护案件的证据材料（文件列表）', params: idParams, response: { 200: rightsEvidenceDto } } },
    async (req) => listRightsEvidence(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/rights/:id/files',
    {
      config: { permission: 'rights:write' },
      bodyLimit: 5 * 1024 * 1024,
      schema: { tags, summary: '上传证据材料（PDF、JPG、PNG、WEBP，不超过 3 MB；办结前；加密保存，记入审计日志）', params: idParams, body: materialFileUpload, response: { 200: rightsEvidenceDto } },
    },
    async (req) => addRightsEvidence(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/rights/:id/files/:fileId',
    { config: { permission: 'rights:read' }, schema: { tags, summary: '下载证据材料文件（记入审计日志）', params: caseFileParams } },
    async (req, reply) => {
      const f = await readRightsEvidence(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.get(
    '/api/ledgers/rights',
    { config: { permission: 'rights:read' }, schema: { tags: [...tags, '台账'], summary: '导出权益维护案件台账（.xlsx，按当前筛选，身份证号脱敏；记入审计日志）', querystring: rightsLedgerQuery } },
    async (req, reply) => {
      const file = await exportRightsLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
};
