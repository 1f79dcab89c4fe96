// Employment 就业创业 routes: profiles (list, detail, save, ledger), the review-period setting,
// employers (with the audited reveal of the contact phone), openings (create, change, share),
// matching both ways, recommendations and their outcomes, and the figures.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  employerCreate,
  employerDto,
  employerListQuery,
  employerPage,
  employerPhone,
  employerUpdate,
  employmentFigures,
  employmentFiguresQuery,
  employmentLedgerQuery,
  employmentProfileDto,
  employmentProfileListQuery,
  employmentProfilePage,
  employmentProfileSave,
  employmentSettings,
  employmentSettingsView,
  interestListQuery,
  interestPage,
  matchQuery,
  openingCreate,
  openingDto,
  openingListQuery,
  openingMatchPage,
  openingPage,
  openingShare,
  openingUpdate,
  publicOpeningDto,
  publicOpeningList,
  recommendationActionBody,
  recommendationCreate,
  recommendationDto,
  recommendationListQuery,
  recommendationPage,
  seekerMatchPage,
} from '../../../shared/schemas/employment';
import { clientIp, requireAuth } from '../../platform/auth';
import { registerWorkQueueProvider } from '../../cases/work-queue';
import { registerOverviewSection } from '../../platform/public-overview';
import { requirePublicAuth } from '../public-accounts';
import { employmentOverviewSection, publicOpening, publicOpenings, sayInterested, withdrawInterest } from './employment.public';
import {
  changeEmployer,
  changeOpening,
  createEmployer,
  createOpening,
  employerDetail,
  employmentFigures as figures,
  matchesForOpening,
  matchesForSeeker,
  openingDetail,
  profileDetail,
  readEmploymentSettings,
  recommend,
  recommendationDetail,
  revealEmployerPhone,
  runRecommendationAction,
  saveEmploymentSettings,
  saveProfile,
  searchEmployers,
  searchInterests,
  searchOpenings,
  searchProfiles,
  searchRecommendations,
  shareOpening,
} from './employment.service';
import { exportEmploymentLedger } from './employment.export';
import { employmentWorkQueue } from './employment.work-queue';

const tags = ['就业创业'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const read = { permission: 'employment:read' } as const;
const write = { permission: 'employment:write' } as const;

export const employmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  registerWorkQueueProvider(employmentWorkQueue);
  registerOverviewSection(employmentOverviewSection, 40); // 我的
  const limited = { max: ctx.config.publicRateLimit, timeWindow: 60_000, keyGenerator: (req: Parameters<typeof clientIp>[0]) => clientIp(req) };

  // ---- profiles ----
  app.get('/api/employment/profiles', { config: read, schema: { tags, summary: '退役军人就业信息列表（按单位、就业状况、求职意向、待核实、技能、姓名筛选，排序、分页）', querystring: employmentProfileListQuery, response: { 200: employmentProfilePage } } }, async (req) =>
    searchProfiles(ctx, requireAuth(req), req.query),
  );
  app.get('/api/employment/profiles/:id', { config: read, schema: { tags, summary: '一名退役军人的就业信息（编号为服务对象编号）', params: idParams, response: { 200: employmentProfileDto } } }, async (req) =>
    profileDetail(ctx, requireAuth(req), req.params.id),
  );
  app.put('/api/employment/profiles/:id', { config: write, schema: { tags, summary: '核实并保存就业信息（就业状况写入服务对象信息）', params: idParams, body: employmentProfileSave, response: { 200: employmentProfileDto } } }, async (req) =>
    saveProfile(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get('/api/employment/profiles/:id/matches', { config: read, schema: { tags, summary: '为该人员匹配的岗位（其可见的有效岗位，按匹配度排序，含理由）', params: idParams, querystring: matchQuery, response: { 200: openingMatchPage } } }, async (req) =>
    matchesForSeeker(ctx, requireAuth(req), req.params.id, req.query),
  );
  app.get('/api/ledgers/employment', { config: read, schema: { tags: [...tags, '台账'], summary: '导出就业创业台账（.xlsx，按当前筛选；记入审计日志）', querystring: employmentLedgerQuery } }, async (req, reply) => {
    const file = await exportEmploymentLedger(ctx, requireAuth(req), req.query, clientIp(req));
    await app.sealer.kick();
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
  });
  app.get('/api/employment/settings', { config: read, schema: { tags, summary: '就业信息复核周期（月）', response: { 200: employmentSettingsView } } }, async (req) => readEmploymentSettings(ctx, requireAuth(req)));
  app.put('/api/employment/settings', { config: write, schema: { tags, summary: '修改就业信息复核周期（县级及以上负责人）', body: employmentSettings, response: { 200: employmentSettingsView } } }, async (req) =>
    saveEmploymentSettings(ctx, requireAuth(req), req.body, clientIp(req)),
  );

  // ---- employers ----
  app.get('/api/employment/employers', { config: read, schema: { tags, summary: '用人单位列表', querystring: employerListQuery, response: { 200: employerPage } } }, async (req) => searchEmployers(ctx, requireAuth(req), req.query));
  app.post('/api/employment/employers', { config: write, schema: { tags, summary: '登记用人单位（联系电话加密保存）', body: employerCreate, response: { 200: employerDto } } }, async (req) => createEmployer(ctx, requireAuth(req), req.body, clientIp(req)));
  app.get('/api/employment/employers/:id', { config: read, schema: { tags, summary: '用人单位详情（联系电话脱敏）', params: idParams, response: { 200: employerDto } } }, async (req) => employerDetail(ctx, requireAuth(req), req.params.id));
  app.put('/api/employment/employers/:id', { config: write, schema: { tags, summary: '修改用人单位（不填联系电话则保留原号码）', params: idParams, body: employerUpdate, response: { 200: employerDto } } }, async (req) =>
    changeEmployer(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post('/api/employment/employers/:id/reveal', { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看用人单位联系电话（记入审计日志）', params: idParams, response: { 200: employerPhone } } }, async (req) => {
    const contactPhone = await revealEmployerPhone(ctx, requireAuth(req), req.params.id, clientIp(req));
    await app.sealer.kick();
    return { contactPhone };
  });

  // ---- openings ----
  app.get('/api/employment/openings', { config: read, schema: { tags, summary: '岗位列表（本级及上级发布、下级发布、共享给本单位的岗位）', querystring: openingListQuery, response: { 200: openingPage } } }, async (req) => searchOpenings(ctx, requireAuth(req), req.query));
  app.post('/api/employment/openings', { config: write, schema: { tags, summary: '发布岗位', body: openingCreate, response: { 200: openingDto } } }, async (req) => createOpening(ctx, requireAuth(req), req.body, clientIp(req)));
  app.get('/api/employment/openings/:id', { config: read, schema: { tags, summary: '岗位详情', params: idParams, response: { 200: openingDto } } }, async (req) => openingDetail(ctx, requireAuth(req), req.params.id));
  app.put('/api/employment/openings/:id', { config: write, schema: { tags, summary: '修改岗位（发布单位及其上级）', params: idParams, body: openingUpdate, response: { 200: openingDto } } }, async (req) =>
    changeOpening(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post('/api/employment/openings/:id/shares', { config: write, schema: { tags, summary: '把岗位共享给其他县（市、区）或市', params: idParams, body: openingShare, response: { 200: openingDto } } }, async (req) =>
    shareOpening(ctx, requireAuth(req), req.params.id, req.body.orgUnitId, clientIp(req)),
  );
  app.get('/api/employment/openings/:id/matches', { config: read, schema: { tags, summary: '为岗位匹配的求职人员（管辖范围内，按匹配度排序，含理由，分页）', params: idParams, querystring: matchQuery, response: { 200: seekerMatchPage } } }, async (req) =>
    matchesForOpening(ctx, requireAuth(req), req.params.id, req.query),
  );

  // ---- recommendations ----
  app.get('/api/employment/recommendations', { config: read, schema: { tags, summary: '推荐记录列表', querystring: recommendationListQuery, response: { 200: recommendationPage } } }, async (req) => searchRecommendations(ctx, requireAuth(req), req.query));
  app.post('/api/employment/recommendations', { config: write, schema: { tags, summary: '推荐人员到岗位（记录匹配度与理由）', body: recommendationCreate, response: { 200: recommendationDto } } }, async (req) => recommend(ctx, requireAuth(req), req.body, clientIp(req)));
  app.get('/api/employment/recommendations/:id', { config: read, schema: { tags, summary: '推荐记录详情', params: idParams, response: { 200: recommendationDto } } }, async (req) => recommendationDetail(ctx, requireAuth(req), req.params.id));
  app.post('/api/employment/recommendations/:id/actions', { config: write, schema: { tags, summary: '登记推荐结果（面试、录用、未成功）；录用后就业状况改为在岗就业', params: idParams, body: recommendationActionBody, response: { 200: recommendationDto } } }, async (req) =>
    runRecommendationAction(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );

  // ---- interests 我有意向 (said by veterans on the public side) ----
  app.get('/api/employment/interests', { config: read, schema: { tags, summary: '退役军人网上表示的岗位意向（管辖范围内的人员；按岗位或仅未推荐的）', querystring: interestListQuery, response: { 200: interestPage } } }, async (req) =>
    searchInterests(ctx, requireAuth(req), req.query),
  );

  // ---- the veteran's side (public account) ----
  const pub = ['就业创业', '公众服务'];
  app.get('/api/public/employment/openings', { config: { publicAccount: true }, schema: { tags: pub, summary: '为我匹配的岗位（本人公众账号须已关联退役军人档案；本人所在地区的有效岗位，按匹配度排序，含理由；不含用人单位联系方式）', response: { 200: publicOpeningList } } }, async (req) =>
    publicOpenings(ctx, requirePublicAuth(req)),
  );
  app.get('/api/public/employment/openings/:id', { config: { publicAccount: true }, schema: { tags: pub, summary: '一个面向本人的有效岗位（其他岗位答复未找到）', params: idParams, response: { 200: publicOpeningDto } } }, async (req) =>
    publicOpening(ctx, requirePublicAuth(req), req.params.id),
  );
  app.post('/api/public/employment/openings/:id/interest', { config: { publicAccount: true, rateLimit: limited }, schema: { tags: pub, summary: '我有意向：对该岗位表示意向（每个岗位一次；由所在服务站跟进）', params: idParams, response: { 200: publicOpeningDto } } }, async (req) =>
    sayInterested(ctx, requirePublicAuth(req), req.params.id, clientIp(req)),
  );
  app.post('/api/public/employment/openings/:id/interest/withdraw', { config: { publicAccount: true, rateLimit: limited }, schema: { tags: pub, summary: '撤回岗位意向（服务站推荐前）', params: idParams, response: { 200: publicOpeningDto } } }, async (req) =>
    withdrawInterest(ctx, requirePublicAuth(req), req.params.id, clientIp(req)),
  );

  // ---- figures ----
  app.get('/api/employment/figures', { config: read, schema: { tags, summary: '就业统计：下级单位和退役年度的就业率，期间推荐、录用、未成功（按原因）与网上意向人数', querystring: employmentFiguresQuery, response: { 200: employmentFigures } } }, async (req) => figures(ctx, requireAuth(req), req.query));
};

