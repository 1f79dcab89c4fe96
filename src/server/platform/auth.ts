// Deny by default: every /api route needs a session unless its config says `public: true`.
// Then the session's stage gates what it may call, CSRF is checked on writes, and the route's
// declared permission is checked; a route that declares none is denied (fail closed).
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import net from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { TrustProxy } from '../config';
import { hasAnyPermission, hasPermission, type Permission, type Role } from '../../shared/permissions';
import type { SessionStage } from '../../shared/schemas/auth';
import type { OrgLevel } from '../../shared/schemas/org-units';
import { AppError } from './errors';
import type { Scope } from './jurisdiction';

export const SESSION_COOKIE = 'rj_session';
export const CSRF_COOKIE = 'rj_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * Sent (value "1") by requests the page makes on its own, such as re-reading the work queue
 * every minute: they are answered but are not the user's activity, so an unattended open page
 * still reaches the idle timeout.
 */
export const BACKGROUND_HEADER = 'x-background';

export type AuthContext = {
  sessionId: string;
  csrfToken: string;
  stage: SessionStage;
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  unit: { id: string; name: string; level: OrgLevel; code: string; path: string };
  scope: Scope;
  passwordChangedAt: string;
  totpEnabled: boolean;
};

export type Actor = { userId: string | null; username: string | null; orgUnitId: string | null; ip: string | null };

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation
  interface FastifyContextConfig {
    /** no session needed (public pages, sign-in, health, OpenAPI) */
    public?: boolean;
    /** a public account's session (cookie rj_pub, table public_sessions) and only that: staff sessions are not read */
    publicAccount?: boolean;
    /** what the route requires (a list: any one of them); 'authenticated' for the caller's own profile */
    permission?: Permission | readonly Permission[] | 'authenticated';
    /** non-active session stages that may call this route */
    stages?: SessionStage[];
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation
  interface FastifyRequest {
    auth?: AuthContext;
  }
}

export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return req.auth;
}

export function scopeOf(req: FastifyRequest): Scope {
  return requireAuth(req).scope;
}

export function actorOf(req: FastifyRequest): Actor {
  const a = req.auth;
  return { userId: a?.userId ?? null, username: a?.username ?? null, orgUnitId: a?.unit.id ?? null, ip: clientIp(req) };
}

const trustLists = new WeakMap<string[], net.BlockList>();
function blockListOf(entries: string[]): net.BlockList {
  let list = trustLists.get(entries);
  if (!list) {
    list = new net.BlockList();
    for (const e of entries) {
      const [addr, bits] = e.split('/');
      const type = net.isIP(addr) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(addr, type);
      else list.addSubnet(addr, Number(bits), type);
    }
    trustLists.set(entries, list);
  }
  return list;
}

function isTrusted(addr: string, list: net.BlockList): boolean {
  const v4 = addr.startsWith('::ffff:') && net.isIPv4(addr.slice(7)) ? addr.slice(7) : addr;
  const family = net.isIP(v4);
  if (!family) return false;
  return list.check(v4, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the connection's own, unless it comes from a proxy that TRUST_PROXY
 * names; then X-Forwarded-For is read back through the trusted proxies only. A client cannot
 * pick its address (and escape the sign-in rate limit) by sending the header itself.
 */
export function clientIp(req: FastifyRequest, trust: TrustProxy = req.server.ctx.config.trustProxy): string {
  const own = req.socket?.remoteAddress ?? req.ip;
  if (trust === false) return own;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .reverse();
  const chain = [own, ...forwarded];
  if (typeof trust === 'number') return chain[Math.min(trust, chain.length - 1)];
  const list = blockListOf(trust);
  let i = 0;
  while (i < chain.length - 1 && isTrusted(chain[i], list)) i++;
  return chain[i];
}

/**
 * An authentication realm a module registers with the platform (app.ts passes them to
 * authPlugin): the staff sessions (modules/auth) and the public accounts (modules/public-accounts).
 * The platform keeps the hook, asks the first realm that claims a route (by its config) to
 * authenticate the request, and then, for a realm that yields a staff AuthContext, checks CSRF,
 * the session stage and the route's permission. A realm that returns null has done its own checks
 * (the public realm: its own cookie, table and CSRF token). No realm claiming a route: 401.
 */
export type AuthRealm = {
  name: string;
  claims: (config: FastifyContextConfig) => boolean;
  authenticate: (app: FastifyInstance, req: FastifyRequest, reply: FastifyReply) => Promise<AuthContext | null>;
};

export type AuthPluginOptions = { realms: readonly AuthRealm[] };

/**
 * Whether the request is for the API. A matched route is judged by its declared path, not by
 * the raw URL: the router decodes "/%61pi/staff" to the route "/api/staff", so a check of the
 * raw URL would let it through without a session. An unmatched URL is judged decoded.
 */
function isApiRequest(req: FastifyRequest): boolean {
  const route = req.routeOptions.url;
  if (route !== undefined) return route === '/api' || route.startsWith('/api/');
  const rawPath = req.url.split('?')[0];
  let decoded = rawPath;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    // malformed escapes: judge the raw path
  }
  return /^\/+api(\/|$)/i.test(decoded);
}

export const authPlugin = fp(async (app: FastifyInstance, opts: AuthPluginOptions) => {
  const realms = [...opts.realms];
  // onRequest, before the body is parsed and validated: a caller without a session or without
  // the permission learns nothing about a route's schema (401/403, never a 400 first)
  app.addHook('onRequest', async (req, reply) => {
    if (!isApiRequest(req)) return;
    const cfg = req.routeOptions.config ?? {};
    if (cfg.public && !cfg.publicAccount) return;
    const realm = realms.find((r) => r.claims(cfg));
    if (!realm) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
    // e.g. the public realm: its own cookie, table and CSRF check; a staff session means nothing there
    const auth = await realm.authenticate(app, req, reply);
    if (!auth) return;
    req.auth = auth;
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (unsafe && !sameToken(req.headers[CSRF_HEADER], auth.csrfToken)) {
      throw new AppError(403, 'CSRF', '请求来源校验失败，请刷新页面后重试');
    }
    if (auth.stage !== 'active' && !(cfg.stages ?? []).includes(auth.stage)) {
      throw new AppError(403, 'STAGE_REQUIRED', stageMessage(auth.stage));
    }
    if (req.routeOptions.url === undefined) return; // unknown route: the 404 handler answers
    const perm = cfg.permission;
    if (!perm) {
      req.log.error({ url: req.routeOptions.url }, 'route declares no permission: denied');
      throw new AppError(403, 'FORBIDDEN', '没有权限执行此操作');
    }
    if (perm !== 'authenticated' && !(typeof perm === 'string' ? hasPermission(auth.roles, perm) : hasAnyPermission(auth.roles, perm))) {
      throw new AppError(403, 'FORBIDDEN', '没有权限执行此操作');
    }
  });

  // No text anywhere may hold NUL: PostgreSQL cannot store or even compare it (the query fails
  // and the caller would get a 500), and no real input contains it. Checked once for every API
  // route, after the session check and before the route's own validation.
  app.addHook('preValidation', async (req) => {
    if (!isApiRequest(req)) return;
    if (holdsNul(req.query) || holdsNul(req.params) || holdsNul(req.body)) {
      throw new AppError(400, 'VALIDATION', '输入有误：含有不允许的空字符');
    }
  });
});

/** Constant-time comparison of the CSRF header with the session's token. */
function sameToken(header: string | string[] | undefined, token: string): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(header);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether any string in a parsed body, query or params holds a NUL character. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => holdsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || holdsNul(v, depth + 1));
}

function stageMessage(stage: SessionStage): string {
  switch (stage) {
    case 'totp':
      return '请先输入动态验证码';
    case 'totp-enrol':
      return '管理员账号须先绑定动态验证码';
    case 'change-password':
      return '请先修改密码';
    default:
      return '请先完成登录';
  }
}
