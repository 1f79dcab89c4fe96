import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { openedDraftDto, SEALED_ALGORITHM, SEALED_BODY_LIMIT, sealedEnvelopeBody, sealingKeyDto } from '../../../shared/schemas/sealed';
import { openSealedFor } from '../../platform/sealed';
import { changePasswordBody, draftKeyDto, loginBody, meDto, totpCodeBody, totpSetupDto } from '../../../shared/schemas/auth';
import { okSchema } from '../../../shared/schemas/common';
import { CSRF_COOKIE, SESSION_COOKIE, clientIp, requireAuth } from '../../platform/auth';
import { reloadAuth } from './auth.realm';
import { sha256Hex } from '../../platform/crypto';
import { changeOwnPassword, confirmTotp, login, logout, meOf, setupTotp, submitTotp } from './auth.service';

const signInStages = ['totp', 'totp-enrol', 'change-password'] as const;

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const setCookies = (reply: FastifyReply, session: string, csrf: string) => {
    const base = { path: '/', sameSite: 'strict' as const, secure: app.ctx.config.cookieSecure };
    reply.setCookie(SESSION_COOKIE, session, { ...base, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
  };

  app.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        // per client address as TRUST_PROXY allows: a forged X-Forwarded-For buys no new attempts
        rateLimit: { max: app.ctx.config.loginRateLimit, timeWindow: 60_000, keyGenerator: (req) => clientIp(req) },
      },
      schema: { tags: ['登录'], summary: '用户名密码登录', body: loginBody, response: { 200: meDto } },
    },
    async (req, reply) => {
      const r = await login(app.ctx, {
        username: req.body.username,
        password: req.body.password,
        ip: clientIp(req),
        userAgent: req.headers['user-agent'] ?? null,
      });
      setCookies(reply, r.sessionToken, r.csrfToken);
      const auth = await reloadAuth(app, sha256Hex(r.sessionToken));
      return meOf(app.ctx, auth);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'authenticated', stages: [...signInStages] },
      schema: { tags: ['登录'], summary: '退出登录', response: { 200: okSchema } },
    },
    async (req, reply) => {
      await logout(app.ctx, requireAuth(req), clientIp(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/totp',
    {
      config: { permission: 'authenticated', stages: ['totp'] },
      schema: { tags: ['登录'], summary: '输入动态验证码', body: totpCodeBody, response: { 200: meDto } },
    },
    async (req) => {
      const auth = requireAuth(req);
      await submitTotp(app.ctx, auth, req.body.code, clientIp(req));
      return meOf(app.ctx, await reloadAuth(app, auth.sessionId));
    },
  );

  app.get(
    '/api/me',
    {
      config: { permission: 'authenticated', stages: [...signInStages] },
      schema: { tags: ['个人中心'], summary: '当前用户', response: { 200: meDto } },
    },
    async (req) => meOf(app.ctx, requireAuth(req)),
  );

  app.get(
    '/api/me/draft-key',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['个人中心'], summary: '本机草稿加密密钥（仅本人；草稿在浏览器中加密保存）', response: { 200: draftKeyDto } },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      void reply.header('cache-control', 'no-store');
      return { algorithm: 'AES-GCM' as const, key: app.ctx.crypto.userDraftKey(auth.userId) };
    },
  );

  app.get(
    '/api/me/sealing-key',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['个人中心'], summary: '离线记录加密公钥（本机离线保存的走访只有服务器能解开）', response: { 200: sealingKeyDto } },
    },
    async (req, reply) => {
      requireAuth(req);
      void reply.header('cache-control', 'no-cache');
      return { algorithm: SEALED_ALGORITHM, ...app.ctx.crypto.sealingKey };
    },
  );

  app.post(
    '/api/me/sealed-drafts/open',
    {
      config: { permission: 'authenticated' },
      bodyLimit: SEALED_BODY_LIMIT,
      schema: { tags: ['个人中心'], summary: '读取离线时加密保存的本人草稿（仅本人）', body: sealedEnvelopeBody, response: { 200: openedDraftDto } },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      void reply.header('cache-control', 'no-store');
      return { value: openSealedFor(app.ctx.crypto, auth, req.body.envelope, 'draft') };
    },
  );

  app.post(
    '/api/me/password',
    {
      config: { permission: 'authenticated', stages: ['change-password'] },
      schema: { tags: ['个人中心'], summary: '修改密码', body: changePasswordBody, response: { 200: meDto } },
    },
    async (req) => {
      const auth = requireAuth(req);
      await changeOwnPassword(app.ctx, auth, req.body, clientIp(req));
      return meOf(app.ctx, await reloadAuth(app, auth.sessionId));
    },
  );

  app.post(
    '/api/me/totp/setup',
    {
      config: { permission: 'authenticated', stages: ['totp-enrol'] },
      schema: { tags: ['个人中心'], summary: '获取动态验证码绑定二维码', response: { 200: totpSetupDto } },
    },
    async (req) => setupTotp(app.ctx, requireAuth(req)),
  );

  app.post(
    '/api/me/totp/confirm',
    {
      config: { permission: 'authenticated', stages: ['totp-enrol'] },
      schema: { tags: ['个人中心'], summary: '确认绑定动态验证码', body: totpCodeBody, response: { 200: meDto } },
    },
    async (req) => {
      const auth = requireAuth(req);
      await confirmTotp(app.ctx, auth, req.body.code, clientIp(req));
      return meOf(app.ctx, await reloadAuth(app, auth.sessionId));
    },
  );
};
