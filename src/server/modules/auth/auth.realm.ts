// The staff realm (platform/auth.ts AuthRealm): staff sessions, cookie rj_session, table
// `sessions`. It claims every non-public route that is not a public account's; the platform then
// checks CSRF, the session stage and the route's permission against the AuthContext it returns.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { permissionsOf, type Permission, type Role } from '../../../shared/permissions';
import { IDLE_REMAINING_HEADER, type SessionStage } from '../../../shared/schemas/auth';
import type { OrgLevel } from '../../../shared/schemas/org-units';
import { BACKGROUND_HEADER, CSRF_COOKIE, SESSION_COOKIE, type AuthContext, type AuthRealm } from '../../platform/auth';
import { sha256Hex } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { getSecurityPolicy } from '../security-policy';
import { deleteSessionUnscoped, findSessionUnscoped, touchSessionUnscoped, type SessionRow } from './auth.repo';

/**
 * The last-seen time is written at most once a minute, and more often under a short idle timeout:
 * within a quarter of it, so a session in use never ends (60 s timeout: touched every 15 s).
 */
const TOUCH_EVERY_SECONDS = 60;
export function touchEverySeconds(idleTimeoutSeconds: number): number {
  return Math.min(TOUCH_EVERY_SECONDS, idleTimeoutSeconds / 4);
}

function clearCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

async function authenticate(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<AuthContext> {
  const ctx = app.ctx;
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  const row = await findSessionUnscoped(ctx.db, sha256Hex(token));
  if (!row) {
    clearCookies(reply);
    throw new AppError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
  }
  const now = ctx.clock.now();
  const policy = await getSecurityPolicy(ctx);
  const idle = (now.getTime() - new Date(row.last_seen_at).getTime()) / 1000;
  if (idle > policy.idleTimeoutSeconds) {
    await deleteSessionUnscoped(ctx.db, row.session_id);
    clearCookies(reply);
    throw new AppError(401, 'SESSION_EXPIRED', '长时间未操作，已自动退出，请重新登录');
  }
  if (row.disabled) {
    await deleteSessionUnscoped(ctx.db, row.session_id);
    clearCookies(reply);
    throw new AppError(401, 'ACCOUNT_DISABLED', '账号已停用');
  }
  const background = req.headers[BACKGROUND_HEADER] === '1';
  const touch = idle >= touchEverySeconds(policy.idleTimeoutSeconds) && !background;
  if (touch) await touchSessionUnscoped(ctx.db, row.session_id, now.toISOString());
  // what the page's idle warning counts down from (web/components/idle-warning.tsx)
  reply.header(IDLE_REMAINING_HEADER, String(Math.floor(policy.idleTimeoutSeconds - (touch ? 0 : idle))));
  return authContextFromRow(row);
}

/**
 * A user's roles (their JSON as stored) → the parsed list and its permissions, made once per distinct
 * value (a deployment has a handful) instead of on every request; frozen, as they are shared.
 */
const rolesMemo = new Map<string, { roles: Role[]; permissions: Permission[] }>();
const ROLES_MEMO_MAX = 1000;
function rolesOf(json: string): { roles: Role[]; permissions: Permission[] } {
  let r = rolesMemo.get(json);
  if (!r) {
    const roles = Object.freeze(JSON.parse(json) as Role[]) as Role[];
    r = { roles, permissions: Object.freeze(permissionsOf(roles)) as Permission[] };
    if (rolesMemo.size < ROLES_MEMO_MAX) rolesMemo.set(json, r);
  }
  return r;
}

export function authContextFromRow(row: SessionRow): AuthContext {
  const { roles, permissions } = rolesOf(row.roles);
  return {
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    stage: row.stage as SessionStage,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles,
    permissions,
    unit: {
      id: row.org_unit_id,
      name: row.unit_name,
      level: row.unit_level as OrgLevel,
      code: row.unit_code,
      path: row.unit_path,
    },
    scope: { userId: row.user_id, orgUnitId: row.org_unit_id, path: row.unit_path, keyPath: row.unit_key_path },
    passwordChangedAt: row.password_changed_at,
    totpEnabled: row.totp_enabled === 1,
  };
}

/** Re-reads a session after a sign-in step changed it. */
export async function reloadAuth(app: FastifyInstance, sessionId: string): Promise<AuthContext> {
  const row = await findSessionUnscoped(app.ctx.db, sessionId);
  if (!row) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return authContextFromRow(row);
}

export const staffRealm: AuthRealm = {
  name: 'staff',
  claims: (config) => !config.publicAccount,
  authenticate,
};
