import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod-setup';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  assistanceAction,
  assistanceCreate,
  assistanceDetail,
  assistanceFigures,
  assistanceFiguresQuery,
  assistanceLedgerQuery,
  assistanceListQuery,
  assistancePage,
  assistanceSettings,
  assistanceSettingsView,
  publicAidList,
  publicAidQuery,
  verifierList,
  evidenceFilesDto,
  publicAidApply,
  publicOwnAid,
  publicOwnAidList,
} from '../../../shared/schemas/assistance';
import { registerOverviewSection } from '../../platform/public-overview';
import { requirePublicAuth } from '../public-accounts';
import { addOwnEvidence, applyAidOnline, assistanceOverviewSection, ownAid, ownAids } from './assistance.public';
import { clientIp, requireAuth } from '../../platform/auth';
import { actOnAid, aidDetail, createAid, figuresOf, publicAidList as readPublicAidList, searchAid, verifierCandidates } from './assistance.service';
import { exportAidLedger } from './assistance.export';
import { readAssistanceSettings, saveAssistanceSettings } from './assistance.settings';
import { addEvidence, deleteEvidence, listEvidence, readEvidence } from './assistance.files';
import { materialFileParams, materialFileUpload } from '../../../shared/schemas/application-materials';

const tags = ['帮扶援助'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const assistanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  registerOverviewSection(assistanceOverviewSection, 25); // 我的
  const limited = { max: ctx.config.publicRateLimit, timeWindow: 60_000, keyGenerator: (req: Parameters<typeof clientIp>[0]) => clientIp(req) };
  app.get(
    '/api/assistance',
    { config: { permission: 'assistance:read' }, schema: { tags, summary: '帮扶援助申请列表（按单位、服务对象、状态、困难类型、帮扶方式筛选，排序、分页）', querystring: assistanceListQuery, response: { 200: assistancePage } } },
    async (req) => searchAid(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/assistance',
    { config: { permission: 'assistance:write' }, schema: { tags, summary: '受理帮扶援助申请（服务对象、申请理由、家庭情况；期限内重复申请须说明理由；可由走访后续事项转办）', body: assistanceCreate, response: { 200: assistanceDetail } } },
    async (req) => createAid(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/assistance/verifiers',
    { config: { permission: 'assistance:write' }, schema: { tags, summary: '可选的核实人（该单位及其上级、下属的帮扶援助工作人员）', querystring: z.object({ orgUnitId: idParams.shape.id }), response: { 200: verifierList } } },
    async (req) => verifierCandidates(ctx, requireAuth(req), req.query.orgUnitId),
  );
  app.get(
    '/api/assistance/figures',
    { config: { permission: 'assistance:read' }, schema: { tags, summary: '帮扶援助统计：期间内批准的援助按单位、困难类型、帮扶方式的件数和金额', querystring: assistanceFiguresQuery, response: { 200: assistanceFigures } } },
    async (req) => figuresOf(ctx, requireAuth(req), req.query.period, req.query.orgUnitId),
  );
  app.get(
    '/api/assistance-settings',
    { config: { permission: 'assistance:read' }, schema: { tags, summary: '帮扶援助设置（各级审批限额、重复申请提醒期限、公示天数）', response: { 200: assistanceSettingsView } } },
    async (req) => readAssistanceSettings(ctx, requireAuth(req)),
  );
  app.put(
    '/api/assistance-settings',
    { config: { permission: 'assistance:review' }, schema: { tags, summary: '修改帮扶援助设置（县级及以上负责人或审批人员；记入审计日志）', body: assistanceSettings, response: { 200: assistanceSettingsView } } },
    async (req) => saveAssistanceSettings(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/assistance/:id',
    { config: { permission: 'assistance:read' }, schema: { tags, summary: '帮扶援助申请详情（核实、意见、决定、公示、转介、回访、办理记录）', params: idParams, response: { 200: assistanceDetail } } },
    async (req) => aidDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/assistance/:id/actions',
    {
      config: { permission: ['assistance:write', 'assistance:review'] },
      schema: { tags, summary: '帮扶援助操作：核实、报送、出具意见、退回核实、批准或不予援助、公示异议、公示期满、撤销、转介及结果、回访', params: idParams, body: assistanceAction, response: { 200: assistanceDetail } },
    },
    async (req) => actOnAid(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/assistance/:id/files',
    { config: { permission: 'assistance:read' }, schema: { tags, summary: '帮扶援助申请的证明材料（文件列表）', params: idParams, response: { 200: evidenceFilesDto } } },
    async (req) => listEvidence(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/assistance/:id/files',
    {
      config: { permission: 'assistance:write' },
      bodyLimit: 5 * 1024 * 1024,
      schema: { tags, summary: '上传证明材料（PDF、JPG、PNG、WEBP，不超过 3 MB；作出决定前；加密保存，记入审计日志）', params: idParams, body: materialFileUpload, response: { 200: evidenceFilesDto } },
    },
    async (req) => addEvidence(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/assistance/:id/files/:fileId',
    { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看证明材料文件（记入审计日志）', params: materialFileParams } },
    async (req, reply) => {
      const f = await readEvidence(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.delete(
    '/api/assistance/:id/files/:fileId',
    { config: { permission: 'assistance:write' }, schema: { tags, summary: '删除误传的证明材料（受理单位，作出决定前；记入审计日志）', params: materialFileParams, response: { 200: evidenceFilesDto } } },
    async (req) => deleteEvidence(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req)),
  );
  app.get(
    '/api/ledgers/assistance',
    { config: { permission: 'assistance:read' }, schema: { tags: [...tags, '台账'], summary: '导出帮扶援助台账（.xlsx，按当前筛选，身份号码脱敏；记入审计日志）', querystring: assistanceLedgerQuery } },
    async (req, reply) => {
      const file = await exportAidLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
  // ---- the veteran's side (public account) ----
  app.post(
    '/api/public/assistance',
    { config: { publicAccount: true, rateLimit: limited }, schema: { tags: [...tags, '公众服务'], summary: '在线申请帮扶援助（本人公众账号，须已关联服务对象档案；由所在服务站受理）', body: publicAidApply, response: { 200: publicOwnAid } } },
    async (req) => applyAidOnline(ctx, requirePublicAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/public/assistance',
    { config: { publicAccount: true }, schema: { tags: [...tags, '公众服务'], summary: '我的帮扶援助申请及办理阶段（本人网上申请的和本人档案的，不含工作人员信息）', response: { 200: publicOwnAidList } } },
    async (req) => ownAids(ctx, requirePublicAuth(req)),
  );
  app.get(
    '/api/public/assistance/:id',
    { config: { publicAccount: true }, schema: { tags: [...tags, '公众服务'], summary: '我的一件帮扶援助申请（他人的申请答复未找到）', params: idParams, response: { 200: publicOwnAid } } },
    async (req) => ownAid(ctx, requirePublicAuth(req), req.params.id),
  );
  app.post(
    '/api/public/assistance/:id/files',
    {
      config: { publicAccount: true, rateLimit: limited },
      bodyLimit: 5 * 1024 * 1024,
      schema: { tags: [...tags, '公众服务'], summary: '为本人的帮扶援助申请上传证明材料（PDF、JPG、PNG、WEBP，不超过 3 MB；作出决定前）', params: idParams, body: materialFileUpload, response: { 200: publicOwnAid } },
    },
    async (req) => addOwnEvidence(ctx, requirePublicAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/public/org-units/:id/assistance',
    { config: { public: true }, schema: { tags: [...tags, '公开'], summary: '帮扶援助公示：单位及期间内给予的援助（姓名脱敏、村、困难类型、方式、金额，无身份号码、电话、住址、健康信息）', params: idParams, querystring: publicAidQuery, response: { 200: publicAidList } } },
    async (req) => readPublicAidList(ctx, req.params.id, req.query.period),
  );
};
