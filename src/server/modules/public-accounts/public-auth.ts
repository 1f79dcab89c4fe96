// Sessions of public accounts: their own cookie (rj_pub) and table (public_sessions). The auth hook
// of platform/auth.ts sends routes marked `publicAccount` here and nowhere else, so a public
// session never reaches a staff route (those read only the staff cookie and `sessions`) and a
// staff session never reaches a public-account route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { PUBLIC_CSRF_COOKIE, PUBLIC_SESSION_COOKIE } from '../../../shared/schemas/public-accounts';
import { sha256Hex } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { CSRF_HEADER, type AuthRealm } from '../../platform/auth';
import { getSecurityPolicy } from '../security-policy';
import { deleteSessionUnscoped, findSessionUnscoped, touchSessionUnscoped } from './public-accounts.repo';

export type PublicAuthContext = { sessionId: string; accountId: string; csrfToken: string; name: string };

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation
  interface FastifyRequest {
    publicAuth?: PublicAuthContext;
  }
}

export function requirePublicAuth(req: FastifyRequest): PublicAuthContext {
  if (!req.publicAuth) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return req.publicAuth;
}

function clear(reply: FastifyReply) {
  reply.clearCookie(PUBLIC_SESSION_COOKIE, { path: '/' });
  reply.clearCookie(PUBLIC_CSRF_COOKIE, { path: '/' });
}

export async function authenticatePublicAccount(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, csrfHeader: string): Promise<void> {
  const ctx = app.ctx;
  const token = req.cookies[PUBLIC_SESSION_COOKIE];
  if (!token) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  const row = await findSessionUnscoped(ctx.db, sha256Hex(token));
  if (!row) {
    clear(reply);
    throw new AppError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
  }
  const now = ctx.clock.now();
  const policy = await getSecurityPolicy(ctx);
  const idle = (now.getTime() - new Date(row.last_seen_at).getTime()) / 1000;
  if (idle > policy.idleTimeoutSeconds || row.disabled) {
    await deleteSessionUnscoped(ctx.db, row.session_id);
    clear(reply);
    throw new AppError(401, 'SESSION_EXPIRED', row.disabled ? '账号已停用' : '长时间未操作，已自动退出，请重新登录');
  }
  if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
    const header = req.headers[csrfHeader];
    const a = Buffer.from(typeof header === 'string' ? header : '');
    const b = Buffer.from(row.csrf_token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError(403, 'CSRF', '请求来源校验失败，请刷新页面后重试');
  }
  if (idle > 60) await touchSessionUnscoped(ctx.db, row.session_id, now.toISOString());
  req.publicAuth = { sessionId: row.session_id, accountId: row.account_id, csrfToken: row.csrf_token, name: row.name };
}

/** The public-account realm, registered with platform/auth.ts by app.ts: it claims `publicAccount` routes and does its own checks. */
export const publicAccountRealm: AuthRealm = {
  name: 'public-account',
  claims: (config) => !!config.publicAccount,
  authenticate: async (app, req, reply) => {
    await authenticatePublicAccount(app, req, reply, CSRF_HEADER);
    return null;
  },
};
