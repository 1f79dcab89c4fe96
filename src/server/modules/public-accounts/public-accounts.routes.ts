// The public side's routes. Public (no session): the bot challenge, registration, sign-in and the
// query by code and phone — each rate-limited per client address. Public-account routes
// (`publicAccount: true`) need the public session cookie and never a staff one.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, okSchema } from '../../../shared/schemas/common';
import {
  PUBLIC_CSRF_COOKIE,
  PUBLIC_SESSION_COOKIE,
  petitionQueryBody,
  petitionRateBody,
  powChallengeDto,
  publicLoginBody,
  publicMeDto,
  publicOwnPetition,
  publicOwnPetitions,
  publicOwnRateBody,
  publicPetitionCreate,
  publicPetitionCreated,
  publicPetitionView,
  publicRegisterBody,
} from '../../../shared/schemas/public-accounts';
import { clientIp } from '../../platform/auth';
import { issueChallenge } from './pow';
import { requirePublicAuth } from './public-auth';
import { publicOverviewDto } from '../../../shared/schemas/public-overview';
import { ownPetitions, publicMe, publicOverview, queryPetition, rateByQuery, rateOwn, registerAccount, signIn, signOut, submitPetition } from './public-accounts.service';

const tags = ['信访'];

export const publicAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const limited = { max: ctx.config.publicRateLimit, timeWindow: 60_000, keyGenerator: (req: Parameters<typeof clientIp>[0]) => clientIp(req) };
  const setCookies = (reply: FastifyReply, session: string, csrf: string) => {
    const base = { path: '/', sameSite: 'strict' as const, secure: ctx.config.cookieSecure };
    reply.setCookie(PUBLIC_SESSION_COOKIE, session, { ...base, httpOnly: true });
    reply.setCookie(PUBLIC_CSRF_COOKIE, csrf, { ...base, httpOnly: false });
  };

  app.get(
    '/api/public/accounts/challenge',
    { config: { public: true, rateLimit: { ...limited, max: limited.max * 3 } }, schema: { tags, summary: '公众注册的人机验证题目（工作量证明）', response: { 200: powChallengeDto } } },
    async () => issueChallenge(ctx),
  );
  app.post(
    '/api/public/accounts',
    { config: { public: true, rateLimit: limited }, schema: { tags, summary: '公众实名注册（身份证号校验、人机验证、个人信息收集告知）', body: publicRegisterBody, response: { 200: publicMeDto } } },
    async (req, reply) => {
      const r = await registerAccount(ctx, req.body, clientIp(req), req.headers['user-agent'] ?? null);
      setCookies(reply, r.sessionToken, r.csrfToken);
      return r.me;
    },
  );
  app.post(
    '/api/public/session',
    { config: { public: true, rateLimit: limited }, schema: { tags, summary: '公众账号登录（手机号码和密码）', body: publicLoginBody, response: { 200: publicMeDto } } },
    async (req, reply) => {
      const r = await signIn(ctx, req.body, clientIp(req), req.headers['user-agent'] ?? null);
      setCookies(reply, r.sessionToken, r.csrfToken);
      return r.me;
    },
  );
  app.post(
    '/api/public/session/logout',
    { config: { publicAccount: true }, schema: { tags, summary: '公众账号退出登录', response: { 200: okSchema } } },
    async (req, reply) => {
      await signOut(ctx, requirePublicAuth(req), clientIp(req));
      reply.clearCookie(PUBLIC_SESSION_COOKIE, { path: '/' });
      reply.clearCookie(PUBLIC_CSRF_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  app.get(
    '/api/public/me',
    { config: { publicAccount: true }, schema: { tags, summary: '当前公众账号', response: { 200: publicMeDto } } },
    async (req) => publicMe(ctx, requirePublicAuth(req)),
  );
  app.get(
    '/api/public/me/overview',
    { config: { publicAccount: true }, schema: { tags: ['公众服务'], summary: '我的：本人的信访、办件、预约等事项及下一步（只含本人）', response: { 200: publicOverviewDto } } },
    async (req) => publicOverview(ctx, requirePublicAuth(req)),
  );
  app.get(
    '/api/public/petitions',
    { config: { publicAccount: true }, schema: { tags, summary: '我提交的信访事项及办理进度', response: { 200: publicOwnPetitions } } },
    async (req) => ownPetitions(ctx, requirePublicAuth(req)),
  );
  app.post(
    '/api/public/petitions',
    { config: { publicAccount: true, rateLimit: limited }, schema: { tags, summary: '网上提交信访事项（返回登记编号和一次性查询码）', body: publicPetitionCreate, response: { 200: publicPetitionCreated } } },
    async (req) => submitPetition(ctx, requirePublicAuth(req), req.body, clientIp(req)),
  );
  app.post(
    '/api/public/petitions/:id/rate',
    { config: { publicAccount: true }, schema: { tags, summary: '对已答复的信访事项评价满意度（一次）', params: idParams, body: publicOwnRateBody, response: { 200: publicOwnPetition } } },
    async (req) => rateOwn(ctx, requirePublicAuth(req), req.params.id, req.body.satisfaction, clientIp(req)),
  );
  app.post(
    '/api/public/petition-query',
    { config: { public: true, rateLimit: limited }, schema: { tags, summary: '凭查询码和手机号码查询一件信访事项的办理进度', body: petitionQueryBody, response: { 200: publicPetitionView } } },
    async (req) => queryPetition(ctx, req.body, clientIp(req)),
  );
  app.post(
    '/api/public/petition-query/rate',
    { config: { public: true, rateLimit: limited }, schema: { tags, summary: '凭查询码和手机号码评价满意度（答复后一次）', body: petitionRateBody, response: { 200: publicPetitionView } } },
    async (req) => rateByQuery(ctx, req.body, clientIp(req)),
  );
};
