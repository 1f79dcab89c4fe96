// Every route of the API is either here with a fixture, or on the short unscoped list with its
// reason. A module that adds routes adds their fixtures here; the suite fails on any route
// that has neither.
import type { World, RoleSet } from './world';

export type Attempt = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: Record<string, unknown> };

export type Fixture =
  | {
      /** a single record: outsiders get 404 */
      kind: 'record';
      roles: RoleSet;
      build: (w: World) => Promise<Attempt>;
    }
  | {
      /** a collection: outsiders get 2xx without the owner's records, or 404 for a parent they can't see */
      kind: 'list';
      roles: RoleSet;
      build: (w: World) => Promise<Attempt>;
      contains: (body: unknown, w: World) => boolean;
    };

/** Routes that are not scoped to an org unit, each with why. */
export const unscopedRoutes: Record<string, string> = {
  'GET /api/health': 'health check, public',
  'POST /api/auth/login': 'sign-in, before any scope exists',
  'POST /api/auth/logout': "ends the caller's own session",
  'POST /api/auth/totp': "the caller's own second factor",
  'GET /api/me': "the caller's own profile",
  'POST /api/me/password': "the caller's own password",
  'POST /api/me/totp/setup': "the caller's own second factor",
  'POST /api/me/totp/confirm': "the caller's own second factor",
  'GET /api/public/directory': 'public directory (seed Part 1 三(一)), published facts only',
  'GET /api/public/org-units/{id}': 'public directory (seed Part 1 三(一)), published facts only',
  'GET /api/security-policy': 'deployment-wide security setting, not an org-unit record',
  'PUT /api/security-policy': 'deployment-wide security setting, not an org-unit record',
};

const items = (body: unknown) => ((body as { items?: { id?: string; targetId?: string | null }[] }).items ?? []);

export const fixtures: Record<string, Fixture> = {
  // ---- org units ----
  'GET /api/org-units': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/org-units?parentId=${w.units.recordVillage}` }),
    contains: (b) => items(b).length > 0,
  },
  'GET /api/org-units/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/org-units/${w.units.recordVillage}` }),
  },
  'POST /api/org-units': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => ({ method: 'POST', url: '/api/org-units', body: { parentId: w.units.recordVillage, name: '越权网格' } }),
  },
  'PATCH /api/org-units/{id}': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => ({ method: 'PATCH', url: `/api/org-units/${w.units.recordVillage}`, body: { phone: '0572-0000000' } }),
  },
  'POST /api/org-units/{id}/move': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => ({ method: 'POST', url: `/api/org-units/${await w.newGrid()}/move`, body: { newParentId: w.units.otherVillage } }),
  },
  'POST /api/org-units/{id}/merge': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => {
      const from = await w.newGrid();
      const into = await w.newGrid();
      return { method: 'POST', url: `/api/org-units/${from}/merge`, body: { targetId: into } };
    },
  },
  // ---- staff ----
  'GET /api/staff': {
    kind: 'list',
    roles: 'sysAdmin',
    build: async (w) => {
      await w.newStaff();
      return { method: 'GET', url: `/api/staff?orgUnitId=${w.units.recordVillage}` };
    },
    contains: (b) => items(b).length > 0,
  },
  'GET /api/staff/{id}': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => ({ method: 'GET', url: `/api/staff/${await w.newStaff()}` }),
  },
  'POST /api/staff': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => ({
      method: 'POST',
      url: '/api/staff',
      body: { username: `xj-new-${Date.now() % 1e8}`, displayName: '越权', orgUnitId: w.units.recordVillage, roles: ['worker'] },
    }),
  },
  'PATCH /api/staff/{id}': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => ({ method: 'PATCH', url: `/api/staff/${await w.newStaff()}`, body: { title: '改过' } }),
  },
  'POST /api/staff/{id}/reset-password': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => ({ method: 'POST', url: `/api/staff/${await w.newStaff()}/reset-password`, body: {} }),
  },
  'POST /api/staff/{id}/disable': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => ({ method: 'POST', url: `/api/staff/${await w.newStaff()}/disable`, body: {} }),
  },
  'POST /api/staff/{id}/enable': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => {
      const id = await w.newStaff();
      await w.trios.sysAdmin.owner.post(`/api/staff/${id}/disable`, {});
      return { method: 'POST', url: `/api/staff/${id}/enable`, body: {} };
    },
  },
  // ---- audit log: entries of actors in the owner's record village ----
  'GET /api/audit-logs': {
    kind: 'list',
    roles: 'auditor',
    build: async (w) => {
      const id = await w.newStaff();
      // the new account acts once, so there is an entry whose actor is in the record village
      const username = (await w.trios.sysAdmin.owner.get(`/api/staff/${id}`)).json().username as string;
      const reset = (await w.trios.sysAdmin.owner.post(`/api/staff/${id}/reset-password`, {})).json().initialPassword as string;
      await w.t.agent().post('/api/auth/login', { username, password: reset });
      await w.t.app.sealer.sealNow();
      return { method: 'GET', url: `/api/audit-logs?username=${username}&action=auth.login` };
    },
    contains: (b) => items(b).length > 0,
  },
};
