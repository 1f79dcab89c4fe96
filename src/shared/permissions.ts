// Roles and permissions. Permissions fail closed: anything not listed here is denied.

export const roles = [
  'worker',
  'station_head',
  'county_reviewer',
  'upper_viewer',
  'sys_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  worker: '站工作人员',
  station_head: '站(中心)负责人',
  county_reviewer: '县级审核人员',
  upper_viewer: '上级查看人员',
  sys_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/** The three separated administrators of 等保 2.0: none of them reads case data. */
export const adminRoles: readonly Role[] = ['sys_admin', 'security_admin', 'audit_admin'];

export const permissions = [
  'org:read',
  'org:write',
  'staff:read',
  'staff:write',
  'policy:read',
  'policy:write',
  'audit:read',
  'case:read',
  'case:write',
  'case:review',
  /** see a sensitive field (ID number, phone, bank account, disability certificate, medical details) in clear; each reveal is audited */
  'sensitive:reveal',
  /** export ID numbers and phones in clear in a ledger (otherwise masked); each export is audited */
  'sensitive:export',
  /** load a new year's holiday schedule */
  'calendar:write',
  /** reset an administrator's password or second factor (三员分立: the security admin, not the system admin) */
  'admin:credentials',
] as const;
export type Permission = (typeof permissions)[number];

const rolePermissions: Record<Role, readonly Permission[]> = {
  worker: ['org:read', 'case:read', 'case:write', 'sensitive:reveal'],
  station_head: ['org:read', 'staff:read', 'case:read', 'case:write', 'sensitive:reveal', 'sensitive:export'],
  county_reviewer: ['org:read', 'case:read', 'case:write', 'case:review', 'sensitive:reveal', 'sensitive:export'],
  upper_viewer: ['org:read', 'case:read'],
  sys_admin: ['org:read', 'org:write', 'staff:read', 'staff:write', 'calendar:write'],
  security_admin: ['policy:read', 'policy:write', 'admin:credentials'],
  audit_admin: ['audit:read'],
};

export function permissionsOf(userRoles: readonly string[]): Permission[] {
  const out = new Set<Permission>();
  for (const r of userRoles) {
    const list = (rolePermissions as Record<string, readonly Permission[] | undefined>)[r];
    if (!list) continue; // unknown role grants nothing
    for (const p of list) out.add(p);
  }
  return [...out];
}

export function hasPermission(userRoles: readonly string[], permission: string): boolean {
  try {
    return (permissionsOf(userRoles) as string[]).includes(permission);
  } catch {
    return false; // fail closed
  }
}

export function isAdminRole(role: string): boolean {
  return (adminRoles as readonly string[]).includes(role);
}
