// Builds the Fastify app; main.ts and the tests both call this.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  validatorCompiler,
  type FastifyPluginAsyncZod,
} from 'fastify-type-provider-zod';
import { z } from '../shared/zod-setup';
import type { Config } from './config';
import type { DbHandle } from './db/client';
import { authPlugin } from './platform/auth';
import type { Clock } from './platform/clock';
import type { AppContext } from './platform/context';
import type { FieldCrypto } from './platform/crypto';
import { AppError } from './platform/errors';
import { createSealer, ensureAnchorStart, type Sealer } from './platform/sealer';
import { registerAuditKey } from './platform/audit.repo';
import { responseSerializerCompiler } from './platform/response-serializer';
import { clientErrorHandler, frameworkErrorsFor, refuseForeignWrites, registerSecurityHeaders } from './platform/http-security';
import { caseRoutes } from './cases/cases.routes';
import { authRoutes, staffRealm } from './modules/auth';
import { orgUnitRoutes } from './modules/org-units';
import { staffRoutes } from './modules/staff';
import { securityPolicyRoutes } from './modules/security-policy';
import { auditLogRoutes } from './modules/audit-logs';
import { publicDirectoryRoutes } from './modules/public-directory';
import { pingUnscoped } from './modules/health';
import { recipientRoutes } from './modules/recipients';
import { holidayRoutes } from './modules/holidays';
import { dashboardRoutes, startFigureMonthsJob } from './modules/dashboards';
import { gloryPlaqueRoutes } from './modules/glory-plaques';
import { appointmentRoutes } from './modules/appointments';
import { serviceItemRoutes } from './modules/service-items';
import { applicationMaterialRoutes, applicationRoutes } from './modules/applications';
import { ledgerRoutes } from './modules/ledgers';
import { importRoutes } from './modules/imports';
import { startVisitJob, visitRoutes } from './modules/visits';
import { disputeRoutes } from './modules/disputes';
// support plans 一人一策 (issue 13)
import { supportPlanRoutes } from './modules/support-plans';
import { assistanceRoutes } from './modules/assistance';
// legal aid 法律援助 (issue 14)
import { careRecordRoutes, legalAidRoutes } from './modules/legal-aid';
import { rightsRoutes } from './modules/rights';
import { employmentRoutes } from './modules/employment';
import { trainingsRoutes } from './modules/trainings';
import { surveysRoutes } from './modules/surveys';
import { fundRoutes } from './modules/funds';
import { opinionReportRoutes } from './modules/opinion-reports';
import { petitionRoutes } from './modules/petitions';
import { publicAccountRealm, publicAccountRoutes } from './modules/public-accounts';
import { feedbackRoutes } from './modules/feedback';
// party members 退役军人党员 (issue 15)
import { partyRoutes } from './modules/party';
// honors, star ratings, the honor wall, merit notices 荣誉表彰 (issue 15)
import { honorsRoutes } from './modules/honors';
// evaluation 考核评估 and rectification 整改 (issue 16)
import { evaluationsRoutes } from './modules/evaluations';
// ventures and zero-employment households 创业项目、零就业家庭 (issue 15)
import { ventureRoutes } from './modules/ventures';
// education 教育管理: exemplars and activities (issue 15)
import { educationRoutes } from './modules/education';
import { hardProblemRoutes } from './modules/hard-problems';
// the semi-annual summary 半年工作总结 (issue 16)
import { summariesRoutes } from './modules/summaries';
import { notificationRoutes, startNotificationJobs } from './modules/notifications';
import { obligationsRoutes } from './modules/obligations';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation
  interface FastifyInstance {
    ctx: AppContext;
    sealer: Sealer;
  }
}

/** Every module's routes, in one list: a new module adds one line. */
export const moduleRoutes: FastifyPluginAsyncZod[] = [
  authRoutes,
  orgUnitRoutes,
  staffRoutes,
  securityPolicyRoutes,
  auditLogRoutes,
  publicDirectoryRoutes,
  caseRoutes,
  recipientRoutes,
  holidayRoutes,
  dashboardRoutes,
  gloryPlaqueRoutes,
  ledgerRoutes,
  importRoutes,
  visitRoutes,
  disputeRoutes,
  opinionReportRoutes,
  petitionRoutes,
  publicAccountRoutes,
  // the public service portal (issue 13)
  feedbackRoutes,
  supportPlanRoutes,
  assistanceRoutes,
  legalAidRoutes,
  careRecordRoutes,
  fundRoutes,
  appointmentRoutes,
  serviceItemRoutes,
  applicationRoutes,
  applicationMaterialRoutes,
  // rights cases 权益维护 (issue 14)
  rightsRoutes,
  // employment 就业创业 (issue 15)
  employmentRoutes,
  // job fairs and trainings 招聘会、培训 (issue 15)
  trainingsRoutes,
  // party members 退役军人党员 (issue 15)
  partyRoutes,
  // honors 荣誉表彰 (issue 15)
  honorsRoutes,
  // evaluation 考核评估 and rectification 整改 (issue 16)
  evaluationsRoutes,
  // ventures and zero-employment households 创业项目、零就业家庭 (issue 15)
  ventureRoutes,
  // education 教育管理 (issue 15)
  educationRoutes,
  // hard problems 疑难问题 (issue 16)
  hardProblemRoutes,
  // satisfaction surveys 满意度调查 (issue 16)
  surveysRoutes,
  // the semi-annual summary 半年工作总结 (issue 16)
  summariesRoutes,
  // notifications 消息通知 (issue 16)
  notificationRoutes,
  // obligations 工作制度 and ledgers' responsible persons (issue 16)
  obligationsRoutes,
];

export type BuildOptions = {
  config: Config;
  handle: DbHandle;
  clock: Clock;
  crypto: FieldCrypto;
  logger?: boolean | object;
  /** background jobs (the daily generation of visits owed): main.ts turns them on, tests do not */
  jobs?: boolean;
};

const statusMessages: Record<number, string> = {
  400: '请求格式不正确',
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '未找到',
  405: '不支持的请求方法',
  406: '不支持的请求格式',
  413: '请求内容过大',
  415: '不支持的内容类型，请以 JSON 提交',
  429: '请求过于频繁，请稍后再试',
};

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (req.ip then agrees with clientIp())
  const tp = opts.config.trustProxy;
  const app = Fastify({
    logger: opts.logger ?? { level: opts.config.logLevel },
    trustProxy: Array.isArray(tp) ? tp.join(',') : tp === false ? false : (_addr: string, hop: number) => hop < tp,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorsFor(opts.config),
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  const ctx: AppContext = {
    db: opts.handle.db,
    dialect: opts.handle.dialect,
    config: opts.config,
    clock: opts.clock,
    crypto: opts.crypto,
  };
  app.decorate('ctx', ctx);
  registerAuditKey(ctx.db, ctx.crypto.auditMac);
  app.decorate('sealer', createSealer(ctx, (e) => app.log.error(e, 'audit sealing failed')));
  const anchorProblem = await ensureAnchorStart(ctx);
  if (anchorProblem) app.log.error(anchorProblem);

  registerSecurityHeaders(app, opts.config);
  refuseForeignWrites(app, opts.config);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: '戎家 Rongjia API', version: '0.1.0', description: '基层退役军人服务中心（站）工作平台' },
    },
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: [v.instancePath.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean).join('') || String(v.params?.issue ? '' : ''),
        message: v.message ?? '格式不正确',
      }));
      const first = details[0];
      return reply.status(400).send({
        error: 'VALIDATION',
        message: `输入有误：${first ? (first.path ? `${first.path}：` : '') + first.message : '请检查输入'}`,
        details,
      });
    }
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ error: err.code, message: err.message, details: err.details });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return reply.status(500).send({ error: 'INTERNAL', message: '服务器内部错误' });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ error: (err as { code?: string }).code ?? 'BAD_REQUEST', message: statusMessages[status] ?? '请求有误' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: 'INTERNAL', message: '服务器内部错误' });
  });

  // the realms modules register: public accounts claim `publicAccount` routes, staff sessions the rest
  await app.register(authPlugin, { realms: [publicAccountRealm, staffRealm] });

  app.addHook('onResponse', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') await app.sealer.kick();
  });

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['系统'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      await pingUnscoped(ctx.db);
      return { status: 'ok' as const, database: ctx.dialect };
    },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  for (const routes of moduleRoutes) await app.register(routes);
  if (opts.jobs) {
    startVisitJob(app);
    startNotificationJobs(app);
    startFigureMonthsJob(app);
  }

  const webDir = opts.config.webDir;
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      // the build writes .br and .gz beside each text file (vite.config.ts precompress): sent to a
      // browser that accepts them, with Vary: Accept-Encoding
      preCompressed: true,
      // the cache-control of each file is set below (the plugin's own would overwrite it)
      cacheControl: false,
      setHeaders: (res, file) => {
        // (`file` is the .br or .gz copy when that is sent)
        if (path.basename(file).replace(/\.(br|gz)$/, '') === 'manifest.webmanifest') res.setHeader('content-type', 'application/manifest+json; charset=utf-8');
        // a cache between the server and the browser keeps each encoding apart
        res.setHeader('vary', 'accept-encoding');
        // the build names every file under assets/ by its content hash: a phone keeps it for a year
        // without asking again (a new build brings new names through index.html, which is revalidated)
        const hashed = path.relative(webDir, file).split(path.sep)[0] === 'assets';
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=0');
      },
    });
  // the service worker, the app manifest and the page are checked on every visit, so a new build reaches the phones
  const revalidated = new Set(['/sw.js', '/manifest.webmanifest']);
  app.addHook('onSend', async (req, reply, payload) => {
    if (!hasWeb || (req.method !== 'GET' && req.method !== 'HEAD') || req.url.startsWith('/api/')) return payload;
    const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    if (html || revalidated.has(req.url.split('?')[0])) void reply.header('cache-control', 'no-cache');
    return payload;
  });
  app.setNotFoundHandler((req, reply) => {
    // a build's file that is not there (a page of an older build asking for its chunk) is a 404, not the page
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || !hasWeb || req.method !== 'GET') {
      return reply.status(404).send({ error: 'NOT_FOUND', message: '未找到' });
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
