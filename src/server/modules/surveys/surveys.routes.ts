// Satisfaction survey 满意度调查 routes: questionnaires (list, create, detail, change a draft,
// publish), runs (list, create with the sample, detail with results, close, invitations, letters to
// print with QR codes), an invitation's detail and the answer recorded after a call (电话回访), and the
// public answering page by token (rate-limited per address, small bodies).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import {
  answersBody,
  invitationDetail as invitationDetailSchema,
  invitationListQuery,
  invitationPage,
  lettersDto,
  publicSurveyView,
  questionnaireCreate,
  questionnaireDto,
  questionnaireListQuery,
  questionnairePage,
  questionnaireUpdate,
  surveyRunCreate,
  surveyRunDetail,
  surveyRunListQuery,
  surveyRunPage,
  tokenParams,
  versionBody,
} from '../../../shared/schemas/surveys';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import { clientIp, requireAuth } from '../../platform/auth';
import { exportSurveyResults } from './surveys.export';
import { registerOverviewSection } from '../../platform/public-overview';
import { answerByToken, publicSurvey, surveysOverviewSection } from './surveys.public';
import {
  answerByPhone,
  changeQuestionnaire,
  closeRun,
  createQuestionnaire,
  createRun,
  invitationDetail,
  letters,
  publishQuestionnaire,
  questionnaireDetail,
  runDetail,
  searchInvitations,
  searchQuestionnaires,
  searchRuns,
} from './surveys.service';

const tags = ['满意度调查'];
const read = { permission: 'surveys:read' } as const;
const write = { permission: 'surveys:write' } as const;
/** an answer sheet is small: 30 answers of at most 500 characters */
const ANSWER_BODY_LIMIT = 64 * 1024;

export const surveysRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  registerOverviewSection(surveysOverviewSection, 50); // 我的
  const limited = { max: ctx.config.publicRateLimit, timeWindow: 60_000, keyGenerator: (req: Parameters<typeof clientIp>[0]) => clientIp(req) };

  // ---- questionnaires 问卷 ----
  app.get('/api/surveys/questionnaires', { config: read, schema: { tags, summary: '问卷列表（本级及下级编制、上级编制的问卷）', querystring: questionnaireListQuery, response: { 200: questionnairePage } } }, async (req) => searchQuestionnaires(ctx, requireAuth(req), req.query));
  app.post('/api/surveys/questionnaires', { config: write, schema: { tags, summary: '新建问卷（草稿；单选、多选、满意度评分、文字题）', body: questionnaireCreate, response: { 200: questionnaireDto } } }, async (req) => createQuestionnaire(ctx, requireAuth(req), req.body, clientIp(req)));
  app.get('/api/surveys/questionnaires/:id', { config: read, schema: { tags, summary: '问卷详情', params: idParams, response: { 200: questionnaireDto } } }, async (req) => questionnaireDetail(ctx, requireAuth(req), req.params.id));
  app.put('/api/surveys/questionnaires/:id', { config: write, schema: { tags, summary: '修改问卷草稿（发布后不能修改）', params: idParams, body: questionnaireUpdate, response: { 200: questionnaireDto } } }, async (req) =>
    changeQuestionnaire(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post('/api/surveys/questionnaires/:id/publish', { config: write, schema: { tags, summary: '发布问卷（发布后内容固定）', params: idParams, body: versionBody, response: { 200: questionnaireDto } } }, async (req) =>
    publishQuestionnaire(ctx, requireAuth(req), req.params.id, req.body.version, clientIp(req)),
  );

  // ---- runs 调查 ----
  app.get('/api/surveys/runs', { config: read, schema: { tags, summary: '满意度调查列表（答复率、满意度按本人管辖范围计算）', querystring: surveyRunListQuery, response: { 200: surveyRunPage } } }, async (req) => searchRuns(ctx, requireAuth(req), req.query));
  app.post('/api/surveys/runs', { config: write, schema: { tags, summary: '发起满意度调查：从期间内走访、办件、信访的服务对象中抽样（或全部）发放邀请', body: surveyRunCreate, response: { 200: surveyRunDetail } } }, async (req) => createRun(ctx, requireAuth(req), req.body, clientIp(req)));
  app.get('/api/surveys/runs/:id', { config: read, schema: { tags, summary: '调查详情与结果（按下级单位、按服务、按题目）', params: idParams, response: { 200: surveyRunDetail } } }, async (req) => runDetail(ctx, requireAuth(req), req.params.id));
  app.post('/api/surveys/runs/:id/close', { config: write, schema: { tags, summary: '结束调查（不再接收答卷）', params: idParams, body: versionBody, response: { 200: surveyRunDetail } } }, async (req) => closeRun(ctx, requireAuth(req), req.params.id, req.body.version, clientIp(req)));
  app.get('/api/surveys/runs/:id/export', { config: read, schema: { tags, summary: '导出调查结果（.xlsx：按单位、按服务、按题目；不含人员与文字答复；记入审计日志）', params: idParams } }, async (req, reply) => {
    const file = await exportSurveyResults(ctx, requireAuth(req), req.params.id, clientIp(req));
    await app.sealer.kick();
    return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).header('cache-control', 'no-store').send(file.stream);
  });
  app.get('/api/surveys/runs/:id/invitations', { config: read, schema: { tags, summary: '调查邀请名单（本人管辖范围内）', params: idParams, querystring: invitationListQuery, response: { 200: invitationPage } } }, async (req) =>
    searchInvitations(ctx, requireAuth(req), req.params.id, req.query),
  );
  app.get('/api/surveys/runs/:id/letters', { config: write, schema: { tags, summary: '打印邀请函（未答复的邀请及作答二维码；记入审计日志）', params: idParams, response: { 200: lettersDto } } }, async (req) => {
    const r = await letters(ctx, requireAuth(req), req.params.id, clientIp(req));
    await app.sealer.kick();
    return r;
  });
  app.get('/api/surveys/invitations/:id', { config: read, schema: { tags, summary: '一份调查邀请（问卷与答卷）', params: idParams, response: { 200: invitationDetailSchema } } }, async (req) => invitationDetail(ctx, requireAuth(req), req.params.id));
  app.post('/api/surveys/invitations/:id/answers', { config: write, bodyLimit: ANSWER_BODY_LIMIT, schema: { tags, summary: '电话回访：代服务对象录入答卷（每份邀请只答复一次）', params: idParams, body: answersBody, response: { 200: invitationDetailSchema } } }, async (req) =>
    answerByPhone(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );

  // ---- the public answering page (the token is the credential) ----
  app.get('/api/public/surveys/:token', { config: { public: true, rateLimit: limited }, schema: { tags: ['公众服务'], summary: '凭邀请码打开满意度调查问卷', params: tokenParams, response: { 200: publicSurveyView } } }, async (req) => publicSurvey(ctx, req.params.token));
  app.post('/api/public/surveys/:token/answers', { config: { public: true, rateLimit: limited }, bodyLimit: ANSWER_BODY_LIMIT, schema: { tags: ['公众服务'], summary: '凭邀请码提交满意度调查答卷（每份邀请一次，提交后不能修改）', params: tokenParams, body: answersBody, response: { 200: publicSurveyView } } }, async (req) =>
    answerByToken(ctx, req.params.token, req.body, clientIp(req)),
  );
};
