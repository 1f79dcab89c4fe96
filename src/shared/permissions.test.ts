// The permission model: every role keeps what it could do before permissions were split by domain
// (case:read/write/review became each domain's read/write/review; the station head's role-name
// tests became unit:head), the mediator holds exactly disputes and registry reading, and anything
// unknown is denied.
import { describe, expect, it } from 'vitest';
import {
  adminRoles,
  domains,
  hasPermission,
  permissionLabels,
  permissions,
  permissionsOf,
  readPermissionOf,
  reviewPermissionOf,
  roleLabels,
  rolePermissions,
  roles,
  type Permission,
  type Role,
} from './permissions';

/** What each role held before the split, copied from the old permissions.ts. */
const before: Record<Exclude<Role, 'mediator'>, string[]> = {
  worker: ['org:read', 'case:read', 'case:write', 'sensitive:reveal'],
  station_head: ['org:read', 'staff:read', 'case:read', 'case:write', 'sensitive:reveal', 'sensitive:export'],
  county_reviewer: ['org:read', 'case:read', 'case:write', 'case:review', 'sensitive:reveal', 'sensitive:export'],
  upper_viewer: ['org:read', 'case:read'],
  sys_admin: ['org:read', 'org:write', 'staff:read', 'staff:write', 'calendar:write'],
  security_admin: ['org:read', 'policy:read', 'policy:write', 'admin:credentials'],
  audit_admin: ['audit:read'],
};

/** The old shared permissions, spelled in the new ones; the station head's role name became unit:head. */
function translate(role: Role, old: string[]): string[] {
  const out = old.flatMap((p) => {
    if (p === 'case:read') return domains.map((d) => `${d}:read`);
    if (p === 'case:write') return domains.map((d) => `${d}:write`);
    // services:review came with the services domain (issue 13): the county reviewer keeps the catalog and decides applications
    // assistance:review came with the assistance domain (issue 14): approval within the level's limit
    // rights:review came with the rights domain (issue 14): reporting a request outside policy up
    if (p === 'case:review') return ['registry:review', 'visits:review', 'petitions:review', 'plaques:review', 'services:review', 'assistance:review', 'rights:review', 'funds:review', 'summaries:review', 'evaluation:review'];
    // funds:review came with funds (issue 14): the county reviewer confirms payment batches
    // summaries:review came with the semi-annual summary (issue 16): the parent unit returns or accepts its children's
    // evaluation:review came with evaluation (issue 16): the upper level keeps indicator sets, scores and publishes
    return [p];
  });
  if (role === 'station_head') out.push('unit:head');
  // a station head decides assistance within the level's limit (issue 14: default none for money at a township)
  // and reports rights requests outside policy up
  if (role === 'station_head') out.push('assistance:review', 'rights:review');
  // and reviews the summaries of the units below (issue 16: a township head accepts its villages')
  if (role === 'station_head') out.push('summaries:review');
  return out.sort();
}

describe('permissions per domain', () => {
  it.each(Object.entries(before))('%s keeps exactly what it could do', (role, old) => {
    expect(permissionsOf([role]).sort()).toEqual(translate(role as Role, old));
  });

  it('the case-wide permissions are gone and denied', () => {
    for (const p of ['case:read', 'case:write', 'case:review']) {
      expect(permissions as readonly string[]).not.toContain(p);
      for (const r of roles) expect(hasPermission([r], p), `${r} ${p}`).toBe(false);
    }
  });

  it('an unknown permission or role is denied', () => {
    expect(hasPermission(['worker', 'station_head', 'county_reviewer'], 'petitions:delete')).toBe(false);
    expect(hasPermission(['worker'], '')).toBe(false);
    expect(hasPermission(['root'], 'disputes:read')).toBe(false);
    expect(permissionsOf(['root', 'admin'])).toEqual([]);
  });

  it('hasPermission answers as the union of the roles (permissionsOf) does, for every role and permission', () => {
    const sets = [...roles.map((r) => [r]), [...roles], ['worker', 'root'], ['constructor'], ['__proto__', 'toString'], []];
    for (const rs of sets) for (const p of [...permissions, 'constructor', 'length']) {
      expect(hasPermission(rs, p), `${rs.join(',')} ${p}`).toBe((permissionsOf(rs) as string[]).includes(p));
    }
  });

  it('a mediator works disputes and reads the registry, nothing else of the business', () => {
    expect(permissionsOf(['mediator']).sort()).toEqual(['disputes:read', 'disputes:write', 'org:read', 'registry:read']);
    for (const p of ['petitions:read', 'petitions:write', 'visits:read', 'registry:write', 'sensitive:reveal', 'unit:head']) {
      expect(hasPermission(['mediator'], p), p).toBe(false);
    }
  });

  it('no administrator holds a domain permission, a sensitive one or unit:head', () => {
    for (const r of adminRoles) {
      const business = permissionsOf([r]).filter((p) => domains.some((d) => p.startsWith(`${d}:`)) || p.startsWith('sensitive:') || p === 'unit:head');
      expect(business, r).toEqual([]);
    }
  });

  it('every role and permission has a Chinese label, and roles grant only listed permissions', () => {
    for (const r of roles) expect(roleLabels[r]).toMatch(/[\u4e00-\u9fa5]/);
    for (const p of permissions) expect(permissionLabels[p], p).toMatch(/[\u4e00-\u9fa5]/);
    expect(new Set(Object.values(permissionLabels)).size).toBe(permissions.length);
    for (const r of roles) for (const p of rolePermissions[r]) expect(permissions as readonly string[]).toContain(p);
  });

  it('every domain has read and write; review where it exists is a listed permission', () => {
    for (const d of domains) {
      expect(permissions).toContain(readPermissionOf(d));
      expect(permissions).toContain(`${d}:write` as Permission);
    }
    expect(reviewPermissionOf('petitions')).toBe('petitions:review');
    expect(reviewPermissionOf('disputes')).toBeNull();
  });
});
