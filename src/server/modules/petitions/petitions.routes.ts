// Petitions 信访: staff routes. The actions run through the case kernel (permission, range, who may
// act, version), the rest through the petitions service; reads go through the case guard.
import { registerOverviewSection } from '../../platform/public-overview';
import { petitionsOverviewSection } from './petitions.overview';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { caseFileParams } from '../../../shared/schemas/cases';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  HANDLING_FILES_MAX,
  linkRepeatBody,
  petitionActionBody,
  petitionAssigneeQuery,
  petitionAssignees,
  petitionCreate,
  petitionCreated,
  petitionDashboard,
  petitionDashboardQuery,
  petitionDetail,
  petitionLedgerQuery,
  petitionLetterDto,
  petitionLetterParams,
  petitionListQuery,
  petitionPage,
  petitionRevealBody,
  petitionRevealDto,
  repeatSuggestQuery,
  repeatSuggestions,
  satisfactionBody,
} from '../../../shared/schemas/petitions';
import { clientIp, requireAuth } from '../../platform/auth';
import { registerWorkQueueProvider } from '../../cases/work-queue';
import './petitions.cases';
import { exportPetitionLedger, petitionDashboard as dashboardOf, petitionLetter } from './petitions.reports';
import { assignees, createPetition, linkRepeat, listPetitions, petitionDetail as detailOf, recordSatisfaction, readHandlingFile, revealField, runAction, suggestRepeats } from './petitions.service';
import { petitionLeaderWorkQueue } from './petitions.work-queue';

const tags = ['信访'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const petitionRoutes: FastifyPluginAsyncZod = async (app) => {
  registerOverviewSection(petitionsOverviewSection, 10); // 我的
  const ctx = app.ctx;
  registerWorkQueueProvider(petitionLeaderWorkQueue);

  app.get(
    '/api/petitions',
    { config: { permission: 'petitions:read' }, schema: { tags, summary: '信访事项列表（含黄色、红色预警筛选）', querystring: petitionListQuery, response: { 200: petitionPage } } },
    async (req) => listPetitions(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/petitions',
    { config: { permission: 'petitions:write' }, schema: { tags, summary: '登记信访事项（来信、来访、来电、网上、传真）；返回登记编号和一次性查询码', body: petitionCreate, response: { 200: petitionCreated } } },
    async (req) => createPetition(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/petitions/assignees',
    { config: { permission: 'petitions:write' }, schema: { tags, summary: '可作为首办责任人、包案领导的工作人员', querystring: petitionAssigneeQuery, response: { 200: petitionAssignees } } },
    async (req) => assignees(ctx, requireAuth(req), req.query.orgUnitId),
  );
  app.get(
    '/api/petitions/repeat-suggestions',
    { config: { permission: 'petitions:write' }, schema: { tags, summary: '登记时提示同一信访人的相似事项（重复信访）', querystring: repeatSuggestQuery, response: { 200: repeatSuggestions } } },
    async (req) => suggestRepeats(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/petitions/dashboard',
    { config: { permission: 'petitions:read' }, schema: { tags, summary: '信访工作统计：各阶段数量、预警、按期办结率（分单位、类别、形式；重复信访不重复计数）', querystring: petitionDashboardQuery, response: { 200: petitionDashboard } } },
    async (req) => dashboardOf(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/petitions/:id',
    { config: { permission: 'petitions:read' }, schema: { tags, summary: '信访事项详情、各阶段与可办理的操作', params: idParams, response: { 200: petitionDetail } } },
    async (req) => detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/petitions/:id/actions',
    {
      config: { permission: 'petitions:read' },
      // a handling entry may carry attachments (each up to 3 MB, as base64)
      bodyLimit: HANDLING_FILES_MAX * 4_300_000 + 100_000,
      schema: { tags, summary: '办理：受理、不予受理、转送、交上级、延期、答复、复查、复核、听证、办结、办理记录（可带附件）、交办、督办', params: idParams, body: petitionActionBody, response: { 200: petitionDetail } },
    },
    async (req) => runAction(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/petitions/:id/files/:fileId',
    { config: { permission: 'petitions:read' }, schema: { tags, summary: '下载办理记录的附件（检举控告类仅限指定人员；记入审计日志）', params: caseFileParams } },
    async (req, reply) => {
      const f = await readHandlingFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.post(
    '/api/petitions/:id/reveal',
    { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看信访人的身份证号或电话（记入审计日志）', params: idParams, body: petitionRevealBody, response: { 200: petitionRevealDto } } },
    async (req) => ({ value: await revealField(ctx, requireAuth(req), req.params.id, req.body.field, clientIp(req)) }),
  );
  app.put(
    '/api/petitions/:id/repeat-of',
    { config: { permission: 'petitions:write' }, schema: { tags, summary: '关联为重复信访（或取消关联）', params: idParams, body: linkRepeatBody, response: { 200: petitionDetail } } },
    async (req) => linkRepeat(ctx, requireAuth(req), req.params.id, req.body.repeatOf, req.body.version, clientIp(req)),
  );
  app.put(
    '/api/petitions/:id/satisfaction',
    { config: { permission: 'petitions:write' }, schema: { tags, summary: '登记信访人对办理的满意度（答复后一次）', params: idParams, body: satisfactionBody, response: { 200: petitionDetail } } },
    async (req) => recordSatisfaction(ctx, requireAuth(req), req.params.id, req.body.satisfaction, clientIp(req)),
  );
  app.get(
    '/api/petitions/:id/letters/:kind',
    { config: { permission: 'petitions:read' }, schema: { tags, summary: '告知书、处理意见书的内容（网页按 A4 打印）', params: petitionLetterParams, response: { 200: petitionLetterDto } } },
    async (req) => petitionLetter(ctx, requireAuth(req), req.params.id, req.params.kind, clientIp(req)),
  );
  app.get(
    '/api/ledgers/petitions',
    {
      config: { permission: 'petitions:read' },
      schema: { tags: [...tags, '台账'], summary: '导出信访事项登记台账（.xlsx；电话默认脱敏，明文导出须 unmasked=1 并填写用途 purpose，需“导出敏感信息明文”权限，文件带导出人与时间水印；记入审计日志）', querystring: petitionLedgerQuery },
    },
    async (req, reply) => {
      const file = await exportPetitionLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
};
