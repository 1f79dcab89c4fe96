// Questions services ask about a user's standing, answered from permissions (never from role
// names: roles are only bundles, listed once in shared/permissions.ts).
import { hasAnyPermission, hasPermission, reviewPermissionOf, type Domain, type Permission } from '../../shared/permissions';
import type { AuthContext } from './auth';

/** A unit head 站(中心)负责人: assigns work in the unit, closes others' items, is named on escalations. */
export function isUnitHead(auth: Pick<AuthContext, 'roles'>): boolean {
  return hasPermission(auth.roles, 'unit:head');
}

/** Whether the user holds the domain's review permission (false where the domain has none). */
export function mayReview(auth: Pick<AuthContext, 'roles'>, domain: Domain): boolean {
  const p = reviewPermissionOf(domain);
  return !!p && hasPermission(auth.roles, p);
}

/** The roles stored on a users row (JSON text); unreadable text grants nothing. */
export function rolesOfRow(roles: string | readonly string[]): string[] {
  if (typeof roles !== 'string') return [...roles];
  try {
    const v: unknown = JSON.parse(roles);
    return Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether a user (a users row's `roles`) holds the permission: for picking users by what they may do. */
export function userHolds(roles: string | readonly string[], permission: Permission): boolean {
  return hasPermission(rolesOfRow(roles), permission);
}

/** Whether a user (a users row's `roles`) holds any one of the permissions. */
export function userHoldsAny(roles: string | readonly string[], wanted: readonly Permission[]): boolean {
  return hasAnyPermission(rolesOfRow(roles), wanted);
}
