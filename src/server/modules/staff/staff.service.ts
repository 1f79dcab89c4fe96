import { adminRoles, hasPermission, isAdminRole, type Role } from '../../../shared/permissions';
import type { StaffCreate, StaffDto, StaffUpdate } from '../../../shared/schemas/staff';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { Actor, AuthContext } from '../../platform/auth';
import { requireTopUnitUnscoped } from '../../platform/top-unit.repo';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Scope } from '../../platform/jurisdiction';
import { generateInitialPassword, hashPassword } from '../../platform/passwords';
import { getSecurityPolicy } from '../security-policy';
import { requireUnit } from '../org-units';
import { unitForWrite } from '../../platform/stored-unit.repo';
import {
  deleteSessionsOf,
  getStaff,
  insertStaff,
  isUniqueViolation,
  listStaff,
  updateStaff,
  usernameTakenUnscoped,
  type StaffFilter,
  type StaffRow,
} from './staff.repo';

export function toStaffDto(r: StaffRow, now: Date): StaffDto {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    roles: JSON.parse(r.roles) as Role[],
    title: r.title,
    workPhone: r.work_phone,
    showInDirectory: r.show_in_directory === 1,
    disabled: r.disabled === 1,
    locked: !!r.locked_until && new Date(r.locked_until) > now,
    mustChangePassword: r.must_change_password === 1,
    totpEnabled: r.totp_enabled === 1,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
  };
}

async function requireStaff(ctx: AppContext, scope: Scope, id: string): Promise<StaffRow> {
  const s = await getStaff(scope, ctx.db, id);
  if (!s) throw notFound('工作人员');
  return s;
}

function holdsAdminRole(r: StaffRow): boolean {
  return (JSON.parse(r.roles) as string[]).some(isAdminRole);
}

/** Who acts: their roles and unit (the routes pass the request's AuthContext). */
export type Standing = Pick<AuthContext, 'roles' | 'unit'>;

const adminRule = '管理员账号和管理员角色只能由顶层单位的安全管理员办理（三员分立）';

/**
 * 三员分立: administrator accounts (system, security and audit admins) and administrator roles are
 * the security admin's alone, and only the top unit's: granting or changing an administrator role,
 * and changing an administrator account's roles, unit, password, second factor or state. The
 * system admin (`staff:write`) keeps business accounts; the security admin has no say over them.
 */
async function requireGovernor(ctx: AppContext, who: Standing, touchesAdmin: boolean): Promise<void> {
  if (!touchesAdmin) {
    if (!hasPermission(who.roles, 'staff:write')) throw forbidden('业务账号由系统管理员管理（三员分立）');
    return;
  }
  if (!hasPermission(who.roles, 'admin:credentials')) throw forbidden(adminRule);
  const top = await requireTopUnitUnscoped(ctx.db, ctx.config.topUnitCode);
  if (who.unit.id !== top.id) throw forbidden(adminRule);
}

/** A security admin sits at the top unit and nowhere else. */
async function checkSecurityAdminUnit(ctx: AppContext, roles: readonly Role[], unitId: string): Promise<void> {
  if (!roles.includes('security_admin')) return;
  const top = await requireTopUnitUnscoped(ctx.db, ctx.config.topUnitCode);
  if (unitId !== top.id) throw badRequest(`安全管理员只能设在顶层单位（${top.name}）`, [{ path: 'orgUnitId', message: '安全管理员须在顶层单位' }]);
}

/** The security admin acts on administrator accounts only, and never on their own. */
async function requireAdminAccount(ctx: AppContext, scope: Scope, actor: Actor, who: Standing, id: string): Promise<StaffRow> {
  const target = await requireStaff(ctx, scope, id); // outside the range: 404 first, as everywhere
  await requireGovernor(ctx, who, true);
  if (!holdsAdminRole(target)) throw notFound('管理员账号');
  if (id === actor.userId) throw badRequest('不能重置自己的账号，请由另一位安全管理员办理');
  return target;
}

export async function getStaffDto(ctx: AppContext, scope: Scope, id: string) {
  return toStaffDto(await requireStaff(ctx, scope, id), ctx.clock.now());
}

export async function listStaffDtos(ctx: AppContext, scope: Scope, f: Omit<StaffFilter, 'orgUnitPath'>) {
  let orgUnitPath: string | undefined;
  if (f.orgUnitId) orgUnitPath = (await requireUnit(ctx, scope, f.orgUnitId)).path;
  const r = await listStaff(scope, ctx.db, { ...f, orgUnitPath });
  const now = ctx.clock.now();
  return { ...r, items: r.items.map((x) => toStaffDto(x, now)), page: f.page, pageSize: f.pageSize };
}

function checkRoleAssignment(roles: Role[]) {
  const admin = roles.filter(isAdminRole);
  if (admin.length > 1) throw badRequest('系统管理员、安全管理员、审计管理员须由不同账号担任（三员分立）', [{ path: 'roles', message: '三员角色不能兼任' }]);
  if (admin.length === 1 && roles.length > 1) throw badRequest('管理员账号不能同时担任业务角色', [{ path: 'roles', message: '管理员不能兼任业务角色' }]);
}

export async function createStaff(ctx: AppContext, scope: Scope, actor: Actor, who: Standing, input: StaffCreate) {
  await requireGovernor(ctx, who, input.roles.some(isAdminRole));
  await requireUnit(ctx, scope, input.orgUnitId);
  checkRoleAssignment(input.roles);
  await checkSecurityAdminUnit(ctx, input.roles, input.orgUnitId);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const initialPassword = generateInitialPassword(Math.max(12, (await getSecurityPolicy(ctx)).passwordMinLength));
  const hash = await hashPassword(initialPassword);
  const id = newId(now.getTime());
  const taken = () => conflict(`用户名 ${input.username} 已被使用`);
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, scope, input.orgUnitId);
    if (await usernameTakenUnscoped(trx, input.username)) throw taken();
    await insertStaff(scope, trx, {
      id,
      username: input.username,
      display_name: input.displayName,
      org_unit_id: unit.id,
      org_path: unit.path,
      roles: JSON.stringify(input.roles),
      title: input.title,
      work_phone: input.workPhone,
      show_in_directory: input.showInDirectory ? 1 : 0,
      password_hash: hash,
      password_changed_at: at,
      must_change_password: 1,
      failed_count: 0,
      locked_until: null,
      disabled: 0,
      totp_secret_enc: null,
      totp_enabled: 0,
      totp_last_step: null,
      is_demo: 0,
      last_login_at: null,
      created_at: at,
      updated_at: at,
    });
    await appendAudit(trx, { ...actor, at, action: 'staff.create', targetType: 'user', targetId: id, result: 'success', detail: JSON.stringify({ username: input.username, unit: unit.code, roles: input.roles }) });
  }).catch((e: unknown) => {
    // two requests for one name at once: the second one's insert meets the unique index
    throw isUniqueViolation(e) ? taken() : e;
  });
  return { staff: await getStaffDto(ctx, scope, id), initialPassword };
}

export async function updateStaffAccount(ctx: AppContext, scope: Scope, actor: Actor, who: Standing, id: string, input: StaffUpdate) {
  const before = await requireStaff(ctx, scope, id);
  if (id === actor.userId && input.roles) throw badRequest('不能修改自己的角色');
  // an administrator account, or a change that gives an administrator role: the security admin's
  await requireGovernor(ctx, who, holdsAdminRole(before) || !!input.roles?.some(isAdminRole));
  if (input.roles) checkRoleAssignment(input.roles);
  await checkSecurityAdminUnit(ctx, input.roles ?? (JSON.parse(before.roles) as Role[]), input.orgUnitId ?? before.org_unit_id);
  const moving = !!input.orgUnitId && input.orgUnitId !== before.org_unit_id;
  if (moving) await requireUnit(ctx, scope, input.orgUnitId!);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const unit = moving ? await unitForWrite(trx, ctx.dialect, scope, input.orgUnitId!) : undefined;
    const n = await updateStaff(scope, trx, id, {
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.roles !== undefined && { roles: JSON.stringify(input.roles) }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.workPhone !== undefined && { work_phone: input.workPhone }),
      ...(input.showInDirectory !== undefined && { show_in_directory: input.showInDirectory ? 1 : 0 }),
      updated_at: at,
    }, unit);
    if (n !== 1) throw notFound('工作人员');
    // a session signed in without a second factor must not carry a newly given administrator role
    const heldRoles = JSON.parse(before.roles) as Role[];
    if (input.roles?.some((r) => isAdminRole(r) && !heldRoles.includes(r))) await deleteSessionsOf(scope, trx, id);
    await appendAudit(trx, { ...actor, at, action: 'staff.update', targetType: 'user', targetId: id, result: 'success', detail: JSON.stringify(input) });
  });
  return getStaffDto(ctx, scope, id);
}

export async function resetStaffPassword(ctx: AppContext, scope: Scope, actor: Actor, who: Standing, id: string) {
  const target = await requireStaff(ctx, scope, id);
  if (holdsAdminRole(target)) throw forbidden('管理员账号的密码、动态验证码和启停由顶层单位的安全管理员办理（三员分立）');
  await requireGovernor(ctx, who, false);
  return resetPassword(ctx, scope, actor, id);
}

/** The security admin resets an administrator's password. */
export async function resetAdminPassword(ctx: AppContext, scope: Scope, actor: Actor, who: Standing, id: string) {
  await requireAdminAccount(ctx, scope, actor, who, id);
  return resetPassword(ctx, scope, actor, id);
}

/** The security admin clears an administrator's second factor (a lost phone): they enrol again at the next sign-in. */
export async function resetAdminTotp(ctx: AppContext, scope: Scope, actor: Actor, who: Standing, id: string) {
  await requireAdminAccount(ctx, scope, actor, who, id);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const n = await updateStaff(scope, trx, id, { totp_secret_enc: null, totp_enabled: 0, totp_last_step: null, updated_at: at });
    if (n !== 1) throw notFound('管理员账号');
    await deleteSessionsOf(scope, trx, id);
    await appendAudit(trx, { ...actor, at, action: 'staff.reset-totp', targetType: 'user', targetId: id, result: 'success' });
  });
  return getStaffDto(ctx, scope, id);
}

/** The administrator accounts in range (the security admin's list). */
export async function listAdminAccounts(ctx: AppContext, scope: Scope) {
  return listStaffDtos(ctx, scope, { includeDescendants: true, role: adminRoles, page: 1, pageSize: 200 });
}

async function resetPassword(ctx: AppContext, scope: Scope, actor: Actor, id: string) {
  const initialPassword = generateInitialPassword(Math.max(12, (await getSecurityPolicy(ctx)).passwordMinLength));
  const hash = await hashPassword(initialPassword);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const n = await updateStaff(scope, trx, id, {
      password_hash: hash,
      password_changed_at: at,
      must_change_password: 1,
      failed_count: 0,
      locked_until: null,
      updated_at: at,
    });
    if (n !== 1) throw notFound('工作人员');
    await deleteSessionsOf(scope, trx, id);
    await appendAudit(trx, { ...actor, at, action: 'staff.reset-password', targetType: 'user', targetId: id, result: 'success' });
  });
  return { initialPassword };
}

export async function setStaffDisabled(ctx: AppContext, scope: Scope, actor: Actor, who: Standing, id: string, disabled: boolean) {
  const target = await requireStaff(ctx, scope, id);
  if (id === actor.userId) throw badRequest('不能停用自己的账号');
  await requireGovernor(ctx, who, holdsAdminRole(target));
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const n = await updateStaff(scope, trx, id, { disabled: disabled ? 1 : 0, updated_at: at });
    if (n !== 1) throw notFound('工作人员');
    if (disabled) await deleteSessionsOf(scope, trx, id);
    await appendAudit(trx, { ...actor, at, action: disabled ? 'staff.disable' : 'staff.enable', targetType: 'user', targetId: id, result: 'success' });
  });
  return getStaffDto(ctx, scope, id);
}
