import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  legalAidAck,
  legalAidClose,
  legalAidCreate,
  legalAidDetail,
  legalAidFigures,
  legalAidFiguresQuery,
  legalAidFileDto,
  legalAidFileParams,
  legalAidFiles,
  legalAidFollowUp,
  legalAidLedgerQuery,
  legalAidListQuery,
  legalAidPage,
  legalAidPartnerDto,
  legalAidPartnerInput,
  legalAidPartnerList,
  legalAidPartnerQuery,
  legalAidPartnerUpdate,
  legalAidRefer,
  legalAidSettingsBody,
  legalAidSettingsQuery,
  legalAidSettingsView,
} from '../../../shared/schemas/legal-aid';
import { clientIp, requireAuth } from '../../platform/auth';
import {
  acknowledgeLegalAid,
  changePartner,
  closeLegalAid,
  createLegalAid,
  createPartner,
  followUpLegalAid,
  legalAidDetail as detailOf,
  legalAidFigures as figuresOf,
  partnerDetail,
  referLegalAid,
  searchLegalAid,
  searchPartners,
} from './legal-aid.service';
import { exportLegalAidLedger } from './legal-aid.export';
import { readLegalAidSettings, saveLegalAidSettings } from './legal-aid.settings';
import { addCaseFile, deleteCaseMaterial, listCaseFiles, readCaseFile } from './legal-aid.files';
import { materialFileUpload } from '../../../shared/schemas/application-materials';

const tags = ['法律援助'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const legalAidRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/legal-aid',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '法律援助案件列表（按单位、服务对象、状态、途径、事项类别、转介机构、回执超期筛选，排序、分页）', querystring: legalAidListQuery, response: { 200: legalAidPage } } },
    async (req) => searchLegalAid(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/legal-aid',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '登记法律援助申请（申请人、事项、对方当事人、请求事项、建议途径；可由走访后续事项转办）', body: legalAidCreate, response: { 200: legalAidDetail } } },
    async (req) => createLegalAid(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/legal-aid/figures',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '法律援助统计（可按期间 from、to）：申请、在办、办结，按状态、途径、下级单位，回执按时与超期', querystring: legalAidFiguresQuery, response: { 200: legalAidFigures } } },
    async (req) => figuresOf(ctx, requireAuth(req), req.query),
  );
  // ---- settings 法律援助设置 (per county) ----
  app.get(
    '/api/legal-aid/settings',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '法律援助设置（按县设置：转介后接收机构回执的工作日时限；新的转介按此计算回执期限）', querystring: legalAidSettingsQuery, response: { 200: legalAidSettingsView } } },
    async (req) => readLegalAidSettings(ctx, requireAuth(req), req.query.countyId, req.query.forUnitId),
  );
  app.put(
    '/api/legal-aid/settings',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '修改本县法律援助设置（县级及以上服务中心负责人；记入审计日志）', body: legalAidSettingsBody, response: { 200: legalAidSettingsView } } },
    async (req) => saveLegalAidSettings(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/legal-aid/partners',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '法律援助机构名录（本级及上级单位的法律援助中心、合作律师事务所、司法部门）', querystring: legalAidPartnerQuery, response: { 200: legalAidPartnerList } } },
    async (req) => searchPartners(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/legal-aid/partners',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '新增名录机构（名称、类别、地址、联系电话、律师、擅长领域）', body: legalAidPartnerInput, response: { 200: legalAidPartnerDto } } },
    async (req) => createPartner(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/legal-aid/partners/:id',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '名录机构详情', params: idParams, response: { 200: legalAidPartnerDto } } },
    async (req) => partnerDetail(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/legal-aid/partners/:id',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '修改名录机构（含停用、启用）', params: idParams, body: legalAidPartnerUpdate, response: { 200: legalAidPartnerDto } } },
    async (req) => changePartner(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/legal-aid/:id',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '法律援助案件详情（转介、回执、跟踪记录、办理记录）', params: idParams, response: { 200: legalAidDetail } } },
    async (req) => detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/legal-aid/:id/refer',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '转介至名录中的机构（转介日期、说明）；回执期限按工作日计算', params: idParams, body: legalAidRefer, response: { 200: legalAidDetail } } },
    async (req) => referLegalAid(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/legal-aid/:id/acknowledge',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '登记转介回执（回执日期、接收人）', params: idParams, body: legalAidAck, response: { 200: legalAidDetail } } },
    async (req) => acknowledgeLegalAid(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/legal-aid/:id/follow-ups',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '登记跟踪记录（日期、进展情况）', params: idParams, body: legalAidFollowUp, response: { 200: legalAidDetail } } },
    async (req) => followUpLegalAid(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/legal-aid/:id/close',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '案结事了（结案日期、结案情况、办理结果）', params: idParams, body: legalAidClose, response: { 200: legalAidDetail } } },
    async (req) => closeLegalAid(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/legal-aid/:id/files',
    { config: { permission: 'legalAid:read' }, schema: { tags, summary: '案件材料（上传的扫描件、照片）', params: idParams, response: { 200: legalAidFiles } } },
    async (req) => listCaseFiles(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/legal-aid/:id/files',
    {
      config: { permission: 'legalAid:write' },
      bodyLimit: 5 * 1024 * 1024,
      schema: { tags, summary: '上传案件材料（PDF、JPG、PNG、WEBP，不超过 3 MB；加密保存，记入审计日志）', params: idParams, body: materialFileUpload, response: { 200: legalAidFileDto } },
    },
    async (req) => addCaseFile(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/legal-aid/:id/files/:fileId',
    { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看案件材料（记入审计日志）', params: legalAidFileParams } },
    async (req, reply) => {
      const f = await readCaseFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.delete(
    '/api/legal-aid/:id/files/:fileId',
    { config: { permission: 'legalAid:write' }, schema: { tags, summary: '删除误传的案件材料（登记单位，转介前；记入审计日志）', params: legalAidFileParams, response: { 200: legalAidFiles } } },
    async (req) => deleteCaseMaterial(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req)),
  );
  app.get(
    '/api/ledgers/legal-aid',
    { config: { permission: 'legalAid:read' }, schema: { tags: [...tags, '台账'], summary: '导出法律援助台账（.xlsx，按当前筛选；身份证号码脱敏；记入审计日志）', querystring: legalAidLedgerQuery } },
    async (req, reply) => {
      const file = await exportLegalAidLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
};
