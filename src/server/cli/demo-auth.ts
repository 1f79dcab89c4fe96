// The signed-in context of a demo account, for demo seeders that move records through the real
// services (so cases, clocks and grants are what the app would make).
import type { Role } from '../../shared/permissions';
import { permissionsOf } from '../../shared/permissions';
import type { OrgLevel } from '../../shared/schemas/org-units';
import type { AuthContext } from '../platform/auth';

export type DemoUserRow = { id: string; username: string; display_name: string; roles: string; unit_id: string; unit_name: string; level: string; code: string; path: string };

export function demoAuthOf(u: DemoUserRow, at: string): AuthContext {
  const roles = JSON.parse(u.roles) as Role[];
  return {
    sessionId: '',
    csrfToken: '',
    stage: 'active',
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    roles,
    permissions: permissionsOf(roles),
    unit: { id: u.unit_id, name: u.unit_name, level: u.level as OrgLevel, code: u.code, path: u.path },
    scope: { userId: u.id, orgUnitId: u.unit_id, path: u.path },
    passwordChangedAt: at,
    totpEnabled: false,
  };
}
