// Sign-in: password, lockout, second factor for administrators, forced password change.
import QRCode from 'qrcode';
import { isAdminRole, permissionsOf, type Role } from '../../../shared/permissions';
import { sessionStageLabels, type MeDto, type SessionStage } from '../../../shared/schemas/auth';
import { passwordProblems, type SecurityPolicy } from '../../../shared/schemas/security-policy';
import type { OrgLevel } from '../../../shared/schemas/org-units';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { sha256Hex } from '../../platform/crypto';
import { AppError, badRequest } from '../../platform/errors';
import { newToken } from '../../platform/ids';
import { hashPassword, verifyDummy, verifyPassword } from '../../platform/passwords';
import { newTotpSecret, otpauthUrl, verifyTotp } from '../../platform/totp';
import { getSecurityPolicy } from '../security-policy';
import {
  deleteOtherSessionsUnscoped,
  deleteSessionUnscoped,
  enableOwnTotpUnscoped,
  findUserByIdUnscoped,
  findUserByUsernameUnscoped,
  insertSessionUnscoped,
  countLoginFailureUnscoped,
  countUnknownNameFailureUnscoped,
  lockUnknownNameUnscoped,
  unknownNameLockUnscoped,
  lockAccountUnscoped,
  recordLoginSuccessUnscoped,
  setOwnPasswordUnscoped,
  setOwnTotpSecretUnscoped,
  setSessionStageUnscoped,
  useOwnTotpStepUnscoped,
  type AuthUserRow,
} from './auth.repo';
import type { AuditAction } from '../../../shared/schemas/audit-logs';

type UserFacts = Pick<AuthUserRow, 'roles' | 'totp_enabled' | 'must_change_password' | 'password_changed_at'>;

export function passwordExpired(u: Pick<UserFacts, 'password_changed_at'>, policy: SecurityPolicy, now: Date): boolean {
  const age = (now.getTime() - new Date(u.password_changed_at).getTime()) / 86400_000;
  return age > policy.passwordMaxAgeDays;
}

/** The next stage once the steps before `after` are done. */
export function nextStage(u: UserFacts, policy: SecurityPolicy, now: Date, after: 'password' | 'totp'): SessionStage {
  const roles = JSON.parse(u.roles) as string[];
  if (after === 'password') {
    const needsTotp = u.totp_enabled === 1 || (policy.adminTotpRequired && roles.some(isAdminRole));
    if (needsTotp) return u.totp_enabled === 1 ? 'totp' : 'totp-enrol';
  }
  if (u.must_change_password === 1 || passwordExpired(u, policy, now)) return 'change-password';
  return 'active';
}

type Failure =
  | { locked: false; count: number; remaining: number }
  | { locked: true; seconds: number; fresh: boolean };

function lockDetail(f: Extract<Failure, { locked: true }>): string {
  return f.fresh ? `已锁定 ${f.seconds} 秒` : `账号已锁定（剩余 ${f.seconds} 秒）`;
}

function lockedError(f: Extract<Failure, { locked: true }>, reason = '密码错误'): AppError {
  return new AppError(
    423,
    'LOCKED',
    f.fresh ? `${reason}次数过多，账号已锁定 ${f.seconds} 秒` : `登录失败次数过多，账号已锁定，请 ${f.seconds} 秒后再试`,
  );
}

/**
 * Counts one failed step (a wrong password or a wrong dynamic code) against the account, and
 * locks it when the count reaches the policy's threshold. Atomic: failures sent at the same
 * time all count.
 */
async function countFailure(
  ctx: AppContext,
  user: Pick<AuthUserRow, 'id' | 'username' | 'org_unit_id'>,
  policy: SecurityPolicy,
  now: Date,
  ip: string,
  what: string,
): Promise<Failure> {
  const at = now.toISOString();
  const r = await countLoginFailureUnscoped(ctx.db, user.id, at);
  if (r.locked_until && new Date(r.locked_until) > now) {
    return { locked: true, seconds: Math.ceil((new Date(r.locked_until).getTime() - now.getTime()) / 1000), fresh: false };
  }
  if (r.failed_count < policy.lockThreshold) {
    return { locked: false, count: r.failed_count, remaining: policy.lockThreshold - r.failed_count };
  }
  const until = new Date(now.getTime() + policy.lockSeconds * 1000).toISOString();
  if (await lockAccountUnscoped(ctx.db, user.id, policy.lockThreshold, until, at)) {
    await appendAudit(ctx.db, {
      at,
      userId: user.id,
      username: user.username,
      orgUnitId: user.org_unit_id,
      action: 'auth.lock',
      targetType: 'user',
      targetId: user.id,
      result: 'failure',
      ip,
      detail: `${what}，连续失败 ${r.failed_count} 次，账号锁定 ${policy.lockSeconds} 秒`,
    });
  }
  return { locked: true, seconds: policy.lockSeconds, fresh: true };
}

/** countFailure for a name with no account: the same count, threshold and lock. */
async function countUnknownNameFailure(ctx: AppContext, nameHash: string, policy: SecurityPolicy, now: Date): Promise<Failure> {
  const at = now.toISOString();
  const idleBefore = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
  const r = await countUnknownNameFailureUnscoped(ctx.db, nameHash, at, idleBefore);
  if (r.locked_until && new Date(r.locked_until) > now) {
    return { locked: true, seconds: Math.ceil((new Date(r.locked_until).getTime() - now.getTime()) / 1000), fresh: false };
  }
  if (r.failed_count < policy.lockThreshold) return { locked: false, count: r.failed_count, remaining: policy.lockThreshold - r.failed_count };
  const until = new Date(now.getTime() + policy.lockSeconds * 1000).toISOString();
  await lockUnknownNameUnscoped(ctx.db, nameHash, policy.lockThreshold, until, at);
  return { locked: true, seconds: policy.lockSeconds, fresh: true };
}

function lockedNow(u: Pick<AuthUserRow, 'locked_until'>, now: Date): number | null {
  if (!u.locked_until || new Date(u.locked_until) <= now) return null;
  return Math.ceil((new Date(u.locked_until).getTime() - now.getTime()) / 1000);
}

/** A wrong password and an unknown name get this one answer (after an argon2 verify either way). */
const badCredentials = () => new AppError(401, 'BAD_CREDENTIALS', '用户名或密码错误');

export type LoginResult = { sessionToken: string; csrfToken: string; stage: SessionStage; userId: string };

export async function login(
  ctx: AppContext,
  input: { username: string; password: string; ip: string; userAgent: string | null },
): Promise<LoginResult> {
  // control characters are in no user name; PostgreSQL cannot even compare text holding NUL
  if (/[\u0000-\u001f\u007f]/.test(input.username)) {
    throw badRequest('输入有误：用户名含有不允许的字符', [{ path: 'username', message: '用户名含有不允许的字符' }]);
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  const policy = await getSecurityPolicy(ctx);
  const user = await findUserByUsernameUnscoped(ctx.db, input.username);
  const audit = (result: 'success' | 'failure', action: AuditAction, detail?: string) =>
    appendAudit(ctx.db, {
      at,
      userId: user?.id ?? null,
      username: user?.username ?? input.username.slice(0, 64),
      orgUnitId: user?.org_unit_id ?? null,
      action,
      targetType: 'user',
      targetId: user?.id ?? null,
      result,
      ip: input.ip,
      detail: detail ?? null,
    });
  if (!user) {
    // counted and locked like an account, so that the answers (401, then 423) do not tell
    // whether the name exists
    const nameHash = ctx.crypto.lookupHash(`sign-in-name:${input.username}`);
    const lockedUntil = await unknownNameLockUnscoped(ctx.db, nameHash);
    const left = lockedNow({ locked_until: lockedUntil }, now);
    await verifyDummy(input.password);
    if (left !== null) {
      await audit('failure', 'auth.login', '用户不存在（已锁定）');
      throw lockedError({ locked: true, seconds: left, fresh: false });
    }
    const f = await countUnknownNameFailure(ctx, nameHash, policy, now);
    await audit('failure', 'auth.login', f.locked ? `用户不存在，${lockDetail(f)}` : '用户不存在');
    if (f.locked) throw lockedError(f);
    throw badCredentials();
  }
  const left = lockedNow(user, now);
  if (left !== null) {
    await verifyDummy(input.password); // as long as any other answer
    await audit('failure', 'auth.login', '账号已锁定');
    throw lockedError({ locked: true, seconds: left, fresh: false });
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) {
    const f = await countFailure(ctx, user, policy, now, input.ip, '密码错误');
    await audit('failure', 'auth.login', f.locked ? `密码错误，${lockDetail(f)}` : `密码错误（第 ${f.count} 次）`);
    if (f.locked) throw lockedError(f);
    // the same answer as for an unknown name: the count left would tell that the name exists
    throw badCredentials();
  }
  if (user.disabled) {
    await audit('failure', 'auth.login', '账号已停用');
    throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系系统管理员');
  }
  const stage = nextStage(user, policy, now, 'password');
  const sessionToken = newToken();
  const csrfToken = newToken();
  await transaction(ctx.db, async (trx) => {
    // with a dynamic code still to come, the failure count stays until the code is right:
    // otherwise signing in again would reset the count and allow endless code guesses
    if (stage !== 'totp') await recordLoginSuccessUnscoped(trx, user.id, at);
    await insertSessionUnscoped(trx, {
      id: sha256Hex(sessionToken),
      user_id: user.id,
      csrf_token: csrfToken,
      stage,
      created_at: at,
      last_seen_at: at,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(trx, {
      at,
      userId: user.id,
      username: user.username,
      orgUnitId: user.org_unit_id,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      result: 'success',
      ip: input.ip,
      detail: stage === 'active' ? null : `待完成：${sessionStageLabels[stage]}`,
    });
  });
  return { sessionToken, csrfToken, stage, userId: user.id };
}

export async function logout(ctx: AppContext, auth: AuthContext, ip: string) {
  await transaction(ctx.db, async (trx) => {
    await deleteSessionUnscoped(trx, auth.sessionId);
    await appendAudit(trx, {
      at: ctx.clock.now().toISOString(),
      userId: auth.userId,
      username: auth.username,
      orgUnitId: auth.unit.id,
      action: 'auth.logout',
      targetType: 'user',
      targetId: auth.userId,
      result: 'success',
      ip,
    });
  });
}

async function loadSelf(ctx: AppContext, auth: AuthContext): Promise<AuthUserRow> {
  const u = await findUserByIdUnscoped(ctx.db, auth.userId);
  if (!u) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return u;
}

export async function submitTotp(ctx: AppContext, auth: AuthContext, code: string, ip: string): Promise<SessionStage> {
  const now = ctx.clock.now();
  const u = await loadSelf(ctx, auth);
  if (!u.totp_secret_enc || u.totp_enabled !== 1) throw badRequest('尚未绑定动态验证码');
  const base = { at: now.toISOString(), userId: u.id, username: u.username, orgUnitId: u.org_unit_id, targetType: 'user', targetId: u.id, ip };
  const policy = await getSecurityPolicy(ctx);
  const endSession = async (detail: string, f: Extract<Failure, { locked: true }>) => {
    await deleteSessionUnscoped(ctx.db, auth.sessionId);
    await appendAudit(ctx.db, { ...base, action: 'auth.totp', result: 'failure', detail });
    return lockedError(f, '动态验证码错误');
  };
  const left = lockedNow(u, now);
  if (left !== null) throw await endSession('账号已锁定', { locked: true, seconds: left, fresh: false });
  const step = verifyTotp(ctx.crypto.decrypt(u.totp_secret_enc), code, now, u.totp_last_step);
  // the step is used up in one statement, so the same code sent twice at once passes only once
  const fresh = step !== null && (await useOwnTotpStepUnscoped(ctx.db, u.id, step));
  if (!fresh) {
    const f = await countFailure(ctx, u, policy, now, ip, '动态验证码错误');
    if (f.locked) throw await endSession(`动态验证码错误，${lockDetail(f)}`, f);
    await appendAudit(ctx.db, { ...base, action: 'auth.totp', result: 'failure', detail: `动态验证码错误（第 ${f.count} 次）` });
    throw new AppError(401, 'BAD_TOTP', `动态验证码错误或已使用，请重新输入（还可尝试 ${f.remaining} 次）`);
  }
  const stage = nextStage(u, policy, now, 'totp');
  await transaction(ctx.db, async (trx) => {
    await recordLoginSuccessUnscoped(trx, u.id, now.toISOString());
    await setSessionStageUnscoped(trx, auth.sessionId, stage);
    await appendAudit(trx, { ...base, action: 'auth.totp', result: 'success' });
  });
  return stage;
}

export async function setupTotp(ctx: AppContext, auth: AuthContext) {
  const u = await loadSelf(ctx, auth);
  // a new secret would switch the bound one off until confirmed: a taken-over session must not
  // be able to drop the second factor that way (re-binding goes through the system admin)
  if (u.totp_enabled === 1) throw badRequest('已绑定动态验证码，如需更换手机请联系系统管理员');
  const secret = newTotpSecret();
  const at = ctx.clock.now().toISOString();
  await setOwnTotpSecretUnscoped(ctx.db, u.id, ctx.crypto.encrypt(secret), at);
  const url = otpauthUrl(secret, u.username);
  const qrDataUrl = await QRCode.toDataURL(url, { margin: 1, width: 220 });
  return { secret, otpauthUrl: url, qrDataUrl };
}

export async function confirmTotp(ctx: AppContext, auth: AuthContext, code: string, ip: string): Promise<SessionStage> {
  const now = ctx.clock.now();
  const u = await loadSelf(ctx, auth);
  if (u.totp_enabled === 1) throw badRequest('已绑定动态验证码，如需更换手机请联系系统管理员');
  if (!u.totp_secret_enc) throw badRequest('请先获取二维码');
  const step = verifyTotp(ctx.crypto.decrypt(u.totp_secret_enc), code, now, null);
  if (step === null) {
    await appendAudit(ctx.db, {
      at: now.toISOString(),
      userId: u.id,
      username: u.username,
      orgUnitId: u.org_unit_id,
      action: 'auth.totp-enrol',
      targetType: 'user',
      targetId: u.id,
      result: 'failure',
      ip,
      detail: '绑定时动态验证码不正确',
    });
    throw new AppError(400, 'BAD_TOTP', '动态验证码不正确，请核对手机上的时间后重试');
  }
  const policy = await getSecurityPolicy(ctx);
  const stage = auth.stage === 'active' ? 'active' : nextStage(u, policy, now, 'totp');
  await transaction(ctx.db, async (trx) => {
    await enableOwnTotpUnscoped(trx, u.id, step, now.toISOString());
    await setSessionStageUnscoped(trx, auth.sessionId, stage);
    await appendAudit(trx, {
      at: now.toISOString(),
      userId: u.id,
      username: u.username,
      orgUnitId: u.org_unit_id,
      action: 'auth.totp-enrol',
      targetType: 'user',
      targetId: u.id,
      result: 'success',
      ip,
    });
  });
  return stage;
}

export async function changeOwnPassword(
  ctx: AppContext,
  auth: AuthContext,
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<SessionStage> {
  const now = ctx.clock.now();
  const u = await loadSelf(ctx, auth);
  const policy = await getSecurityPolicy(ctx);
  if (!(await verifyPassword(u.password_hash, input.currentPassword))) {
    // a wrong current password counts like a failed sign-in: a session is no way to guess it
    const f = await countFailure(ctx, u, policy, now, ip, '修改密码时当前密码错误');
    await appendAudit(ctx.db, {
      at: now.toISOString(),
      userId: u.id,
      username: u.username,
      orgUnitId: u.org_unit_id,
      action: 'auth.password-change',
      targetType: 'user',
      targetId: u.id,
      result: 'failure',
      ip,
      detail: f.locked ? `当前密码错误，${lockDetail(f)}` : `当前密码错误（第 ${f.count} 次）`,
    });
    if (f.locked) {
      await deleteSessionUnscoped(ctx.db, auth.sessionId);
      throw lockedError(f, '当前密码错误');
    }
    throw new AppError(400, 'BAD_CREDENTIALS', `当前密码不正确（还可尝试 ${f.remaining} 次）`, [
      { path: 'currentPassword', message: '当前密码不正确' },
    ]);
  }
  const problems = passwordProblems(input.newPassword, policy, u.username);
  if (input.newPassword === input.currentPassword) problems.push('新密码不能与当前密码相同');
  if (problems.length) {
    throw badRequest(problems.join('；'), problems.map((m) => ({ path: 'newPassword', message: m })));
  }
  const hash = await hashPassword(input.newPassword);
  await transaction(ctx.db, async (trx) => {
    await setOwnPasswordUnscoped(trx, u.id, hash, now.toISOString());
    await deleteOtherSessionsUnscoped(trx, u.id, auth.sessionId);
    if (auth.stage === 'change-password') await setSessionStageUnscoped(trx, auth.sessionId, 'active');
    await appendAudit(trx, {
      at: now.toISOString(),
      userId: u.id,
      username: u.username,
      orgUnitId: u.org_unit_id,
      action: 'auth.password-change',
      targetType: 'user',
      targetId: u.id,
      result: 'success',
      ip,
    });
  });
  return auth.stage === 'change-password' ? 'active' : auth.stage;
}

export async function meOf(ctx: AppContext, auth: AuthContext, stageOverride?: SessionStage): Promise<MeDto> {
  const policy = await getSecurityPolicy(ctx);
  return {
    id: auth.userId,
    username: auth.username,
    displayName: auth.displayName,
    roles: auth.roles,
    permissions: permissionsOf(auth.roles),
    orgUnit: { id: auth.unit.id, name: auth.unit.name, level: auth.unit.level as OrgLevel, code: auth.unit.code },
    stage: stageOverride ?? auth.stage,
    passwordExpired: passwordExpired({ password_changed_at: auth.passwordChangedAt }, policy, ctx.clock.now()),
    totpEnabled: auth.totpEnabled,
    idleTimeoutSeconds: policy.idleTimeoutSeconds,
  };
}

export type { Role };
