// Every route of the API is either here with a fixture, or on the short unscoped list with its
// reason. A module that adds routes adds their fixtures here; the suite fails on any route
// that has neither.
import type { World, RoleSet } from './world';
import type { Agent as XjAgent } from '../helpers/app';
import type { SealingKeyDto } from '../../src/shared/schemas/sealed';
import { sealEnvelope } from '../../src/shared/rules/sealed-envelope';
import { addPayable } from '../../src/server/modules/funds/funds-test-support';
import { addNotification } from '../../src/server/modules/notifications/notifications-test-support';

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
  'GET /api/me/draft-key': "the caller's own draft key",
  'GET /api/me/sealing-key': "the deployment's public key for the offline outbox, the same for every user",
  'POST /api/me/sealed-drafts/open': "gives the caller's own draft back (an envelope sealed by another user is 404); reads no record",
  'POST /api/me/totp/setup': "the caller's own second factor",
  'POST /api/me/totp/confirm': "the caller's own second factor",
  'GET /api/public/directory': 'public directory (seed Part 1 三(一)), published facts only',
  'GET /api/public/org-units/{id}': 'public directory (seed Part 1 三(一)), published facts only',
  'GET /api/security-policy': 'deployment-wide security setting, not an org-unit record',
  'PUT /api/security-policy': 'deployment-wide security setting, not an org-unit record',
  'GET /api/work-queue': "the caller's own work queue, built only from guarded queries of their unit",
  'GET /api/work-queue/count': "the caller's own work-queue numbers, one guarded count query per provider (the same predicates as the queue)",
  'GET /api/holiday-years': 'the deployment-wide holiday calendar',
  'PUT /api/holiday-years/{year}': 'the deployment-wide holiday calendar (system admin)',
  'GET /api/visit-settings': 'deployment-wide visit settings (windows, owners, horizon), not an org-unit record',
  'PUT /api/visit-settings': 'deployment-wide visit settings, changed by county-level reviewers; not an org-unit record',
  'GET /api/party/settings': "a county's transfer time limit: 404 unless the caller's range holds the county (the suite's owner is a township, so party.test.ts shows the guard)",
  'PUT /api/party/settings': "a county's transfer time limit: 404 unless the caller's range holds the county, 403 below county level (party.test.ts)",
  'GET /api/legal-aid/settings': "a county's legal-aid receipt time limit: 404 unless the county is in the caller's range or on the caller's own path (legal-aid-settings.test.ts shows another county's head refused)",
  'POST /api/notifications/read-all': "marks the caller's own notifications read (`user_id = scope.userId`; notifications.test.ts shows another user's stay unread)",
  'GET /api/notifications/preferences': "the caller's own notification preferences",
  'PUT /api/notifications/preferences': "the caller's own notification preferences",
  'PUT /api/legal-aid/settings': "a county's legal-aid receipt time limit: 403 below county level or not a unit head, 404 unless the caller's range holds the county (legal-aid-settings.test.ts)",
};

/** A 1×1 PNG, for document uploads. */
export const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A glory plaque registered (on application) for a new household of the record village; hung with a photo when asked. */
async function newPlaque(w: World, hung = false): Promise<{ id: string; version: number }> {
  const { householdId } = await w.newHousehold();
  const res = await w.trios.worker.owner.post('/api/glory-plaques', { householdId, basis: 'application', appliedOn: '2026-06-01' });
  if (res.statusCode !== 200) throw new Error(`newPlaque: ${res.body}`);
  let p = res.json() as { id: string; version: number };
  if (hung) {
    const h = await w.trios.worker.owner.post(`/api/glory-plaques/${p.id}/hang`, {
      version: p.version,
      hungOn: '2026-06-10',
      hungBy: '县人武部',
      photo: { name: '悬挂照片.png', mime: 'image/png', dataBase64: TINY_PNG },
    });
    if (h.statusCode !== 200) throw new Error(`hang: ${h.body}`);
    p = h.json() as { id: string; version: number };
  }
  return p;
}

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
  'GET /api/admin-accounts': {
    kind: 'list',
    roles: 'security',
    build: async (w) => {
      await w.newAdminAccount();
      return { method: 'GET', url: '/api/admin-accounts' };
    },
    contains: (b) => items(b).some((i) => (i as { username?: string }).username?.startsWith('xj-adm-') ?? false),
  },
  'POST /api/admin-accounts/{id}/reset-password': {
    kind: 'record',
    roles: 'security',
    build: async (w) => ({ method: 'POST', url: `/api/admin-accounts/${await w.newAdminAccount()}/reset-password`, body: {} }),
  },
  'POST /api/admin-accounts/{id}/reset-totp': {
    kind: 'record',
    roles: 'security',
    build: async (w) => ({ method: 'POST', url: `/api/admin-accounts/${await w.newAdminAccount()}/reset-totp`, body: {} }),
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
  // ---- cases (the kernel) ----
  'GET /api/cases': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      const r = await w.newRecipient();
      await w.trios.worker.owner.post(`/api/recipients/${r.id}/submit`, { version: r.version });
      return { method: 'GET', url: `/api/cases?subjectId=${r.id}` };
    },
    contains: (b) => items(b).length > 0,
  },
  'GET /api/cases/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await w.newRecipient();
      await w.trios.worker.owner.post(`/api/recipients/${r.id}/submit`, { version: r.version });
      const c = (await w.trios.worker.owner.get(`/api/cases?subjectId=${r.id}`)).json().items[0];
      return { method: 'GET', url: `/api/cases/${c.id}` };
    },
  },
  'POST /api/cases/{id}/actions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      // returned by the county, so it waits on the owner's village: the owner may resubmit it
      const r = await w.newRecipient();
      await w.trios.worker.owner.post(`/api/recipients/${r.id}/submit`, { version: r.version });
      const c = (await w.county.get(`/api/cases?subjectId=${r.id}`)).json().items[0];
      const ret = await w.county.post(`/api/cases/${c.id}/actions`, { action: 'return', comment: '请补充服役信息', version: c.version });
      return { method: 'POST', url: `/api/cases/${c.id}/actions`, body: { action: 'resubmit', version: ret.json().version } };
    },
  },
  // ---- registry ----
  'GET /api/recipients': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await w.newRecipient({ name: '越界测试' });
      return { method: 'GET', url: `/api/recipients?q=${encodeURIComponent('越界')}` };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/recipients': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({
      method: 'POST',
      url: '/api/recipients',
      body: { kind: 'veteran', orgUnitId: w.units.recordVillage, name: '越权登记', idNumber: '11010519491231002X', recipientGroup: 'dischargedSoldier' },
    }),
  },
  'POST /api/recipients/check-id': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      const r = await w.newRecipient();
      const idNumber = (await w.trios.worker.owner.post(`/api/recipients/${r.id}/reveal`, { field: 'idNumber' })).json().value;
      return { method: 'POST', url: '/api/recipients/check-id', body: { idNumber } };
    },
    // outsiders learn only that it is registered elsewhere, never which record
    contains: (b) => (b as { status: string }).status === 'inScope',
  },
  'GET /api/recipients/duplicates': {
    kind: 'list',
    roles: 'reviewer',
    build: async (w) => {
      await w.newRecipient({ name: '重复甲', birth: '1970-03-03' });
      await w.newRecipient({ name: '重复甲', birth: '1970-03-03' });
      return { method: 'GET', url: '/api/recipients/duplicates' };
    },
    contains: (b) => items(b).length > 0,
  },
  'GET /api/recipients/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/recipients/${(await w.newRecipient()).id}` }),
  },
  'PUT /api/recipients/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await w.newRecipient();
      const d = (await w.trios.worker.owner.get(`/api/recipients/${r.id}`)).json();
      const idNumber = (await w.trios.worker.owner.post(`/api/recipients/${r.id}/reveal`, { field: 'idNumber' })).json().value;
      return { method: 'PUT', url: `/api/recipients/${r.id}`, body: { kind: 'veteran', name: d.name, idNumber, recipientGroup: 'dischargedSoldier', skills: '电工', version: d.version } };
    },
  },
  'POST /api/recipients/{id}/submit': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await w.newRecipient();
      return { method: 'POST', url: `/api/recipients/${r.id}/submit`, body: { version: r.version } };
    },
  },
  'POST /api/recipients/{id}/reveal': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/recipients/${(await w.newRecipient()).id}/reveal`, body: { field: 'phone' } }),
  },
  'POST /api/recipients/{id}/death': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await w.newRecipient();
      return { method: 'POST', url: `/api/recipients/${r.id}/death`, body: { deathDate: '2026-06-01', version: r.version } };
    },
  },
  'GET /api/recipients/{id}/history': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/recipients/${(await w.newRecipient()).id}/history` }),
  },
  'POST /api/recipients/{id}/documents': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({
      method: 'POST',
      url: `/api/recipients/${(await w.newRecipient()).id}/documents`,
      body: { kind: 'photo', name: '照片.png', mime: 'image/png', dataBase64: TINY_PNG },
    }),
  },
  'GET /api/recipients/{id}/documents/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await w.newRecipient();
      const doc = (await w.trios.worker.owner.post(`/api/recipients/${r.id}/documents`, { kind: 'photo', name: '照片.png', mime: 'image/png', dataBase64: TINY_PNG })).json();
      return { method: 'GET', url: `/api/recipients/${r.id}/documents/${doc.id}` };
    },
  },
  'POST /api/recipients/{id}/merge': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const a = await w.newRecipient({ name: '合并乙', birth: '1971-04-04' });
      const b = await w.newRecipient({ name: '合并乙', birth: '1971-04-04' });
      return { method: 'POST', url: `/api/recipients/${a.id}/merge`, body: { intoId: b.id } };
    },
  },
  'POST /api/transfers': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await w.newRecipient({ registered: true });
      return { method: 'POST', url: '/api/transfers', body: { direction: 'out', recipientId: r.id, toUnitId: w.units.sibling, reason: '随子女迁居' } };
    },
  },
  // ---- dashboards ----
  'GET /api/dashboards/registry': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await w.newRecipient();
      return { method: 'GET', url: `/api/dashboards/registry?unitId=${w.units.recordVillage}` };
    },
  },
  // ---- glory plaques: households of the owner's record village ----
  'GET /api/glory-plaques': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newPlaque(w);
      return { method: 'GET', url: '/api/glory-plaques?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'GET /api/glory-plaques/eligible': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await w.newHousehold();
      return { method: 'GET', url: '/api/glory-plaques/eligible?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/glory-plaques': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/glory-plaques', body: { householdId: (await w.newHousehold()).householdId, basis: 'application', appliedOn: '2026-06-01' } }),
  },
  'GET /api/glory-plaques/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/glory-plaques/${(await newPlaque(w)).id}` }),
  },
  'POST /api/glory-plaques/{id}/hang': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newPlaque(w);
      return { method: 'POST', url: `/api/glory-plaques/${p.id}/hang`, body: { version: p.version, hungOn: '2026-06-10', hungBy: '县人武部' } };
    },
  },
  'POST /api/glory-plaques/{id}/replace': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newPlaque(w, true);
      return { method: 'POST', url: `/api/glory-plaques/${p.id}/replace`, body: { version: p.version, replacedOn: '2026-06-12', reason: 'damage' } };
    },
  },
  'POST /api/glory-plaques/{id}/revoke': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const p = await newPlaque(w, true);
      return { method: 'POST', url: `/api/glory-plaques/${p.id}/revoke`, body: { version: p.version, revokedOn: '2026-06-12', reason: 'criminal' } };
    },
  },
  'GET /api/glory-plaques/{id}/photo': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/glory-plaques/${(await newPlaque(w, true)).id}/photo` }),
  },
  'GET /api/ledgers/glory-plaques': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newPlaque(w);
      return { method: 'GET', url: `/api/ledgers/glory-plaques?orgUnitId=${w.units.recordVillage}` };
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

// ---- ledgers and the Excel import (imports kept with their block) ----
import { systemDb as ledgerSystemDb } from '../../src/server/db/system';
import { idCheckCharacter as ledgerCheck } from '../../src/shared/rules/id-number';
import { ledgerWorkbook, veteranRow } from '../../src/server/modules/imports/imports-test-support';

unscopedRoutes['GET /api/ledgers/recipients/template'] =
  'the blank import template: column names, notes and drop-down lists, the same for everyone; no record';

let ledgerSeq = 0;
/** A one-row ledger placing a new veteran in the owner's record village, by the village's code. */
async function oneRowLedger(w: World): Promise<Buffer> {
  ledgerSeq += 1;
  const code = (await ledgerSystemDb(w.t.db.handle.db).selectFrom('org_units').select('code').where('id', '=', w.units.recordVillage).executeTakeFirstOrThrow()).code;
  const first17 = `330522195504${String(10 + (ledgerSeq % 18)).padStart(2, '0')}${String(100 + ledgerSeq * 2 + 1).slice(-3)}`;
  return ledgerWorkbook([veteranRow(`导入越界${ledgerSeq}`, first17 + ledgerCheck(first17), { 单位代码: code })]);
}

fixtures['GET /api/ledgers/recipients'] = {
  kind: 'record',
  roles: 'worker',
  build: async (w) => {
    await w.newRecipient();
    return { method: 'GET', url: `/api/ledgers/recipients?orgUnitId=${w.units.recordVillage}` };
  },
};
// The import answers 200 with NDJSON; a one-row file answers one line. Outsiders' rows name a
// unit outside their range: {"type":"failed"} with nothing written; the owner's import is done.
fixtures['POST /api/imports/recipients'] = {
  kind: 'list',
  roles: 'worker',
  build: async (w) => ({ method: 'POST', url: '/api/imports/recipients', body: (await oneRowLedger(w)) as unknown as Record<string, unknown> }),
  contains: (b) => (b as { type?: string; imported?: number }).type === 'done' && (b as { imported?: number }).imported === 1,
};

// ---- visits: recipients of the owner's record village ----

let visitSeq = 0;
/** A registered veteran of the record village with a 立功受奖 trigger, and the owed visit it created. */
async function newDueVisit(w: World): Promise<{ recipientId: string; dueVisitId: string }> {
  const r = await w.newRecipient({ registered: true });
  const res = await w.trios.worker.owner.post('/api/visit-triggers', { recipientId: r.id, kind: 'meritAward', eventDay: '2026-06-10' });
  if (res.statusCode !== 200) throw new Error(`newDueVisit: ${res.body}`);
  return { recipientId: r.id, dueVisitId: (res.json() as { dueVisitId: string }).dueVisitId };
}
function visitBody(recipientId: string, over: Record<string, unknown> = {}) {
  visitSeq += 1;
  return { clientKey: `xj-visit-${visitSeq}-${Date.now()}`, recipientId, visitedOn: '2026-06-14', visitType: 'home', visitors: '越界测试', ...over };
}
/** A visit recorded in the record village (with a photo, a follow-up, and a family found in major difficulty: a key person). */
async function newVisit(w: World): Promise<{ id: string; recipientId: string; photoId: string; followUpId: string }> {
  const r = await w.newRecipient({ registered: true });
  const res = await w.trios.worker.owner.post(
    '/api/visits',
    visitBody(r.id, {
      situations: { family: { level: 'major', note: '家人重病' } },
      followUps: [{ need: '申请临时救助' }],
      photos: [{ name: '走访.png', mime: 'image/png', dataBase64: TINY_PNG }],
    }),
  );
  if (res.statusCode !== 201) throw new Error(`newVisit: ${res.body}`);
  const v = res.json() as { id: string; photos: { id: string }[]; followUps: { id: string }[] };
  return { id: v.id, recipientId: r.id, photoId: v.photos[0].id, followUpId: v.followUps[0].id };
}

Object.assign(fixtures, {
  'GET /api/due-visits': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newDueVisit(w);
      return { method: 'GET', url: '/api/due-visits?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'GET /api/due-visits/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/due-visits/${(await newDueVisit(w)).dueVisitId}` }),
  },
  'POST /api/due-visits/assign': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const d = await newDueVisit(w);
      return { method: 'POST', url: '/api/due-visits/assign', body: { ids: [d.dueVisitId], userId: w.trios.reviewer.owner.me!.id } };
    },
  },
  'POST /api/due-visits/cancel': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => ({ method: 'POST', url: '/api/due-visits/cancel', body: { ids: [(await newDueVisit(w)).dueVisitId], reason: '已迁出' } }),
  },
  'POST /api/visits/generate': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => ({ method: 'POST', url: '/api/visits/generate', body: { orgUnitId: w.units.recordVillage } }),
  },
  'GET /api/visits': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newVisit(w);
      return { method: 'GET', url: '/api/visits?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/visits': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/visits', body: visitBody((await w.newRecipient({ registered: true })).id) }),
  },
  'POST /api/visits/sealed': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      // the owner's offline outbox entry, replayed by the sibling and the child
      const owner = w.trios.worker.owner;
      const key = (await owner.get('/api/me/sealing-key')).json() as SealingKeyDto;
      const body = visitBody((await w.newRecipient({ registered: true })).id);
      const envelope = await sealEnvelope(key, { userId: owner.me!.id, purpose: 'visit', sealedAt: new Date().toISOString(), body });
      return { method: 'POST', url: '/api/visits/sealed', body: { envelope } };
    },
  },
  'GET /api/visits/coverage': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newDueVisit(w);
      return { method: 'GET', url: `/api/visits/coverage?from=2026-01-01&to=2026-12-31&orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/visits/calendar': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/visits/calendar?from=2026-06-01&to=2026-12-31&orgUnitId=${w.units.recordVillage}` }),
  },
  'GET /api/visits/staff': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/visits/staff?orgUnitId=${w.units.recordVillage}` }),
  },
  'GET /api/visits/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/visits/${(await newVisit(w)).id}` }),
  },
  'GET /api/visits/{id}/photos/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const v = await newVisit(w);
      return { method: 'GET', url: `/api/visits/${v.id}/photos/${v.photoId}` };
    },
  },
  'POST /api/visit-triggers': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/visit-triggers', body: { recipientId: (await w.newRecipient({ registered: true })).id, kind: 'heroModel', eventDay: '2026-06-12' } }),
  },
  'GET /api/recipients/{id}/visits': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/recipients/${(await newVisit(w)).recipientId}/visits` }),
  },
  'GET /api/ledgers/visits': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newVisit(w);
      return { method: 'GET', url: `/api/ledgers/visits?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/key-persons': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newVisit(w);
      return { method: 'GET', url: '/api/key-persons?pageSize=200' };
    },
    contains: (b) => ((b as { items: unknown[] }).items ?? []).length > 0,
  },
  'POST /api/key-persons/contacts': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => ({ method: 'POST', url: '/api/key-persons/contacts', body: { recipientIds: [(await newVisit(w)).recipientId], contactUserId: w.trios.reviewer.owner.me!.id } }),
  },
  'GET /api/visit-follow-ups': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newVisit(w);
      return { method: 'GET', url: '/api/visit-follow-ups?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/visit-follow-ups/{id}/close': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/visit-follow-ups/${(await newVisit(w)).followUpId}/close`, body: { note: '已办结' } }),
  },
} satisfies Record<string, Fixture>);

// ---- disputes and opinion reports (issue 6; kept in their own block) ----

unscopedRoutes['POST /api/disputes/summary/submit'] =
  "submits the caller's own unit's monthly summary up; it names no unit or record, so an outsider only submits their own";
unscopedRoutes['POST /api/opinion-reports'] =
  "files a report from the caller's own unit (its chain goes up from there); it names no unit or record of anyone else";

/** A dispute of the owner's record village, the owner's worker responsible. */
async function newDispute(w: World): Promise<{ id: string; version: number }> {
  const owner = w.trios.worker.owner;
  const res = await owner.post('/api/disputes', disputeBody(w));
  if (res.statusCode !== 200) throw new Error(`newDispute: ${res.body}`);
  return res.json() as { id: string; version: number };
}
function disputeBody(w: World): Record<string, unknown> {
  return {
    orgUnitId: w.units.recordVillage,
    foundOn: '2026-06-10',
    method: 'fieldVisit',
    parties: [{ name: '越界甲' }],
    summary: '越界测试纠纷',
    riskLevel: 'low',
    responsibleUserId: w.trios.worker.owner.me!.id,
    deadline: '2026-06-30',
  };
}
const opinionBody = { foundAt: '2026-06-15T01:00:00.000Z', source: '微博', summary: '越界测试舆情', level: 'general' };
const recordVillageWorkers = new WeakMap<World, XjAgent>();
/** A worker of the owner's record village (made once per world). */
async function recordVillageWorker(w: World): Promise<XjAgent> {
  let a = recordVillageWorkers.get(w);
  if (!a) {
    await w.t.createUser({ username: 'xj-op-village', roles: ['worker'], orgUnitId: w.units.recordVillage });
    a = await w.t.login('xj-op-village');
    recordVillageWorkers.set(w, a);
  }
  return a;
}
/** An opinion report from the record village (chain: village, owner township, county), or from the owner itself. */
async function newOpinion(w: World, from: 'village' | 'owner'): Promise<{ id: string; version: number }> {
  const a = from === 'owner' ? w.trios.worker.owner : await recordVillageWorker(w);
  const res = await a.post('/api/opinion-reports', opinionBody);
  if (res.statusCode !== 200) throw new Error(`newOpinion: ${res.body}`);
  return res.json() as { id: string; version: number };
}

Object.assign(fixtures, {
  'GET /api/disputes': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newDispute(w);
      return { method: 'GET', url: '/api/disputes?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/disputes': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/disputes', body: disputeBody(w) }),
  },
  'GET /api/disputes/assignees': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/disputes/assignees?orgUnitId=${w.units.recordVillage}` }),
  },
  'GET /api/disputes/summary': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newDispute(w);
      return { method: 'GET', url: `/api/disputes/summary?orgUnitId=${w.units.recordVillage}&month=2026-06` };
    },
  },
  'GET /api/disputes/summary/export': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/disputes/summary/export?orgUnitId=${w.units.recordVillage}&month=2026-06` }),
  },
  'GET /api/disputes/submissions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/disputes/submissions?orgUnitId=${w.units.recordVillage}&month=2026-06` }),
  },
  'GET /api/disputes/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/disputes/${(await newDispute(w)).id}` }),
  },
  'POST /api/disputes/{id}/plan': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const d = await newDispute(w);
      return { method: 'POST', url: `/api/disputes/${d.id}/plan`, body: { version: d.version, riskLevel: 'high', responsibleUserId: w.trios.worker.owner.me!.id, deadline: '2026-06-25' } };
    },
  },
  'POST /api/disputes/{id}/progress': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const d = await newDispute(w);
      return { method: 'POST', url: `/api/disputes/${d.id}/progress`, body: { version: d.version, day: '2026-06-12', measure: '走访' } };
    },
  },
  'POST /api/disputes/{id}/close': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const d = await newDispute(w);
      return { method: 'POST', url: `/api/disputes/${d.id}/close`, body: { version: d.version, closedOn: '2026-06-15', result: '已化解' } };
    },
  },
  'GET /api/ledgers/disputes': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newDispute(w);
      return { method: 'GET', url: `/api/ledgers/disputes?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/opinion-reports': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newOpinion(w, 'owner');
      return { method: 'GET', url: '/api/opinion-reports?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'GET /api/opinion-reports/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/opinion-reports/${(await newOpinion(w, 'owner')).id}` }),
  },
  'POST /api/opinion-reports/{id}/acknowledge': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      // the owner township signs once the village has passed it up
      const r = await newOpinion(w, 'village');
      const up = await (await recordVillageWorker(w)).post(`/api/opinion-reports/${r.id}/decide`, { version: r.version, decision: 'passUp' });
      if (up.statusCode !== 200) throw new Error(`passUp: ${up.body}`);
      return { method: 'POST', url: `/api/opinion-reports/${r.id}/acknowledge`, body: {} };
    },
  },
  'POST /api/opinion-reports/{id}/decide': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await newOpinion(w, 'village');
      const up = await (await recordVillageWorker(w)).post(`/api/opinion-reports/${r.id}/decide`, { version: r.version, decision: 'passUp' });
      if (up.statusCode !== 200) throw new Error(`passUp: ${up.body}`);
      const version = (up.json() as { version: number }).version;
      return { method: 'POST', url: `/api/opinion-reports/${r.id}/decide`, body: { version, decision: 'handle', measures: '约谈' } };
    },
  },
  'GET /api/ledgers/opinion-reports': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newOpinion(w, 'village');
      return { method: 'GET', url: `/api/ledgers/opinion-reports?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- petitions 信访 (issue 6) ----
/** A letter petition registered by the owner's worker in the owner's record village, the worker its handler. */
/**
 * A petition of the owner's unit assigned 交办 down to the record village; or (toOwner: the owner
 * must be able to reply) a petition of the county assigned down to the owner's unit: the assignment's id.
 */
async function newAssignment(w: World, toOwner = false): Promise<string> {
  const a = toOwner ? await w.t.login('county') : w.trios.worker.owner;
  const res = await a.post('/api/petitions', {
    orgUnitId: toOwner ? a.me!.orgUnit.id : w.units.owner,
    channel: 'letter',
    receivedOn: '2026-06-10',
    petitionerName: '越界测试人',
    phone: '13905720078',
    address: '越界测试村 2 号',
    headcount: 1,
    type: 'claim',
    category: 'pension',
    request: '请求落实待遇',
    facts: '事实',
    handlerUserId: a.me!.id,
  });
  if (res.statusCode !== 200) throw new Error(`newAssignment: ${res.body}`);
  const id = (res.json() as { id: string }).id;
  const version = ((await a.get(`/api/petitions/${id}`)).json() as { version: number }).version;
  const r = await a.post(`/api/petitions/${id}/actions`, { action: 'assign', version, target: 'unit', orgUnitId: toOwner ? w.units.owner : w.units.recordVillage, content: '越界交办', replyDays: 5 });
  if (r.statusCode !== 200) throw new Error(`assign: ${r.body}`);
  return (r.json() as { supervisions: { id: string }[] }).supervisions[0].id;
}
async function newPetition(w: World, stage: 'registered' | 'accepted' | 'replied' = 'registered'): Promise<{ id: string; version: number }> {
  const a = w.trios.worker.owner;
  const res = await a.post('/api/petitions', {
    orgUnitId: w.units.recordVillage,
    channel: 'letter',
    receivedOn: '2026-06-10',
    petitionerName: '越界测试人',
    phone: '13905720077',
    address: '越界测试村 1 号',
    headcount: 1,
    type: 'claim',
    category: 'pension',
    request: '请求落实待遇',
    facts: '事实',
    handlerUserId: a.me!.id,
  });
  if (res.statusCode !== 200) throw new Error(`newPetition: ${res.body}`);
  const id = (res.json() as { id: string }).id;
  const step = async (action: string, data: Record<string, unknown>) => {
    const version = ((await a.get(`/api/petitions/${id}`)).json() as { version: number }).version;
    const r = await a.post(`/api/petitions/${id}/actions`, { action, version, ...data });
    if (r.statusCode !== 200) throw new Error(`${action}: ${r.body}`);
  };
  if (stage !== 'registered') await step('accept', { acceptedOn: '2026-06-12' });
  if (stage === 'replied') await step('reply', { outcome: 'support', replyText: '予以支持', repliedOn: '2026-06-15', replyReceivedOn: '2026-06-15' });
  const version = ((await a.get(`/api/petitions/${id}`)).json() as { version: number }).version;
  return { id, version };
}

Object.assign(unscopedRoutes, {
  'GET /api/public/accounts/challenge': 'the public registration bot check: a signed random challenge, no record',
  'POST /api/public/accounts': 'public real-name registration (seed Part 7 二(四)); creates a person-owned account, no org-unit record',
  'POST /api/public/session': 'public sign-in, before any session exists',
  'POST /api/public/session/logout': "ends the public account's own session",
  'GET /api/public/me': "the public account's own profile",
  'GET /api/public/petitions': "the public account's own petitions, selected by its account id",
  'POST /api/public/petitions': 'a public account submits a petition to a unit of the public directory; it cannot read it back beyond its own list',
  'POST /api/public/petitions/{id}/rate': "rates one of the public account's own petitions; others' answer 404",
  'POST /api/public/petition-query': 'one petition by its query code and phone (DESIGN.md: public petition queries); a wrong code or phone is the same 404',
  'POST /api/public/petition-query/rate': 'rates the one petition of a query code and phone, once, after the reply',
});

Object.assign(fixtures, {
  'GET /api/petitions': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newPetition(w);
      return { method: 'GET', url: '/api/petitions?pageSize=200' };
    },
    contains: (b) => items(b).some((i) => (i as { orgUnitId?: string }).orgUnitId !== undefined && (i as { petitionerName?: string }).petitionerName === '越界测试人'),
  },
  'POST /api/petitions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({
      method: 'POST',
      url: '/api/petitions',
      body: {
        orgUnitId: w.units.recordVillage,
        channel: 'phone',
        receivedOn: '2026-06-14',
        petitionerName: '越界来电人',
        address: '越界测试村 2 号',
        headcount: 1,
        type: 'suggestion',
        category: 'other',
        request: '建议',
        facts: '事实',
        handlerUserId: w.trios.worker.owner.me!.id,
      },
    }),
  },
  'GET /api/petitions/assignees': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/petitions/assignees?orgUnitId=${w.units.recordVillage}` }),
  },
  'GET /api/petitions/repeat-suggestions': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newPetition(w);
      return { method: 'GET', url: `/api/petitions/repeat-suggestions?orgUnitId=${w.units.recordVillage}&phone=13905720077&request=${encodeURIComponent('请求落实待遇')}` };
    },
    contains: (b) => items(b).length > 0,
  },
  'GET /api/petitions/dashboard': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newPetition(w);
      return { method: 'GET', url: `/api/petitions/dashboard?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/petitions/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/petitions/${(await newPetition(w)).id}` }),
  },
  'POST /api/petitions/{id}/actions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newPetition(w);
      return { method: 'POST', url: `/api/petitions/${p.id}/actions`, body: { action: 'accept', version: p.version, acceptedOn: '2026-06-12' } };
    },
  },
  'GET /api/petitions/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newPetition(w);
      const version = ((await w.trios.worker.owner.get(`/api/petitions/${p.id}`)).json() as { version: number }).version;
      const res = await w.trios.worker.owner.post(`/api/petitions/${p.id}/actions`, { action: 'handle', version, handledOn: '2026-06-12', what: '越界测试办理', files: [{ name: '越界附件.png', mime: 'image/png', dataBase64: TINY_PNG }] });
      if (res.statusCode !== 200) throw new Error(`handling file: ${res.body}`);
      const f = (res.json() as { handlings: { files: { id: string }[] }[] }).handlings[0].files[0];
      return { method: 'GET', url: `/api/petitions/${p.id}/files/${f.id}` };
    },
  },
  'GET /api/assignments/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/assignments/${await newAssignment(w)}` }),
  },
  'POST /api/assignments/{id}/reply': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/assignments/${await newAssignment(w, true)}/reply`, body: { reply: '越界回复', result: '越界结果', repliedOn: '2026-06-15' } }),
  },
  'GET /api/assignments/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const id = await newAssignment(w, true);
      const res = await w.trios.worker.owner.post(`/api/assignments/${id}/reply`, { reply: '越界回复', result: '越界结果', repliedOn: '2026-06-15', files: [{ name: '越界附件.png', mime: 'image/png', dataBase64: TINY_PNG }] });
      if (res.statusCode !== 200) throw new Error(`assignment reply: ${res.body}`);
      const f = (res.json() as { files: { id: string }[] }).files[0];
      return { method: 'GET', url: `/api/assignments/${id}/files/${f.id}` };
    },
  },
  'POST /api/petitions/{id}/reveal': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/petitions/${(await newPetition(w)).id}/reveal`, body: { field: 'phone' } }),
  },
  'PUT /api/petitions/{id}/repeat-of': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const first = await newPetition(w);
      const p = await newPetition(w);
      return { method: 'PUT', url: `/api/petitions/${p.id}/repeat-of`, body: { repeatOf: first.id, version: p.version } };
    },
  },
  'PUT /api/petitions/{id}/satisfaction': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newPetition(w, 'replied');
      return { method: 'PUT', url: `/api/petitions/${p.id}/satisfaction`, body: { satisfaction: 4, version: p.version } };
    },
  },
  'GET /api/petitions/{id}/letters/{kind}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/petitions/${(await newPetition(w, 'accepted')).id}/letters/acknowledgement` }),
  },
  'GET /api/ledgers/petitions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newPetition(w);
      return { method: 'GET', url: `/api/ledgers/petitions?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- appointments (issue 13): bookings at the owner's record village, made online by one public account ----
import { systemDb as apptSystemDb } from '../../src/server/db/system';
import { itemsOf as apptItemsOf, pubPost as apptPubPost, registerPublic as apptRegisterPublic } from '../../src/server/modules/appointments/appointments-test-support';

const apptWorlds = new WeakMap<World, { booker: XjAgent; itemId: string; seq: number; shared?: { id: string; version: number } }>();

/** The record village's schedule (set once by the owner township's reviewer), limits raised for the suite, and a public account. */
async function apptWorld(w: World) {
  let s = apptWorlds.get(w);
  if (!s) {
    const rev = w.trios.reviewer.owner;
    const cur = (await rev.get(`/api/appointments/schedule?orgUnitId=${w.units.recordVillage}`)).json() as { version: number };
    const put = await rev.put(`/api/appointments/schedule/${w.units.recordVillage}`, {
      slotMinutes: 30,
      capacity: 50,
      ranges: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '11:00' })),
      version: cur.version,
    });
    if (put.statusCode !== 200) throw new Error(`appointment schedule: ${put.body}`);
    const lim = await w.county.put('/api/appointment-settings', { maxOpenPerAccount: 20, maxPerItemPerDay: 5, bookAheadDays: 14 });
    if (lim.statusCode !== 200) throw new Error(`appointment settings: ${lim.body}`);
    const booker = w.t.agent();
    await apptRegisterPublic(booker, '郑卫国');
    s = { booker, itemId: (await apptItemsOf(w.t, w.units.recordVillage))[0].id, seq: 0 };
    apptWorlds.set(w, s);
  }
  return s;
}

/** A fresh booking at the record village (tomorrow); `today` rewrites its day to today (for no-show). */
async function newAppointment(w: World, today = false): Promise<{ id: string; version: number }> {
  const s = await apptWorld(w);
  s.seq += 1;
  const res = await apptPubPost(s.booker, '/api/public/appointments', { orgUnitId: w.units.recordVillage, itemId: s.itemId, day: '2026-06-16', start: ['09:00', '09:30', '10:00', '10:30'][s.seq % 4] });
  if (res.statusCode !== 200) throw new Error(`newAppointment: ${res.body}`);
  const a = res.json() as { id: string; version: number };
  if (today) {
    const sys = apptSystemDb(w.t.db.handle.db);
    const c = await sys.selectFrom('cases').select('payload').where('id', '=', a.id).executeTakeFirstOrThrow();
    await sys.updateTable('cases').set({ payload: JSON.stringify({ ...(JSON.parse(c.payload) as object), day: '2026-06-15' }) }).where('id', '=', a.id).execute();
    await sys.updateTable('appointments').set({ day: '2026-06-15' }).where('id', '=', a.id).execute();
  }
  return a;
}

async function sharedAppointment(w: World) {
  const s = await apptWorld(w);
  s.shared ??= await newAppointment(w);
  return s.shared;
}

async function newClosure(w: World): Promise<string> {
  const res = await w.trios.reviewer.owner.post(`/api/appointments/closures/${w.units.recordVillage}`, { from: '2026-06-29', to: '2026-06-29', reason: '越界测试停办' });
  if (res.statusCode !== 200) throw new Error(`newClosure: ${res.body}`);
  return (res.json() as { id: string }).id;
}

Object.assign(unscopedRoutes, {
  'GET /api/appointment-settings': 'deployment-wide booking limits, not an org-unit record',
  'PUT /api/appointment-settings': 'deployment-wide booking limits, changed by county-level reviewers; not an org-unit record',
  'GET /api/public/org-units/{id}/bookable-items': "a unit's published catalog for booking (names and materials only)",
  'GET /api/public/org-units/{id}/slots': "a unit's published free slots (counts only, no person)",
  'GET /api/public/appointments': "the public account's own bookings, selected by its account id",
  'POST /api/public/appointments': 'a public account books a slot at a unit of the public directory; it reads back only its own list',
  'POST /api/public/appointments/{id}/cancel': "cancels one of the public account's own bookings; others' answer 404",
});

Object.assign(fixtures, {
  'GET /api/appointments/schedule': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/appointments/schedule?orgUnitId=${w.units.recordVillage}` }),
  },
  'PUT /api/appointments/schedule/{id}': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      await apptWorld(w);
      const cur = (await w.trios.reviewer.owner.get(`/api/appointments/schedule?orgUnitId=${w.units.recordVillage}`)).json() as { version: number };
      return { method: 'PUT', url: `/api/appointments/schedule/${w.units.recordVillage}`, body: { slotMinutes: 30, capacity: 50, ranges: [{ weekday: 1, start: '09:00', end: '11:00' }, ...[2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '11:00' }))], version: cur.version } };
    },
  },
  'GET /api/appointments/closures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/appointments/closures?orgUnitId=${w.units.recordVillage}` }),
  },
  'POST /api/appointments/closures/{id}': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => ({ method: 'POST', url: `/api/appointments/closures/${w.units.recordVillage}`, body: { from: '2026-06-30', to: '2026-07-01', reason: '设备检修' } }),
  },
  'DELETE /api/appointments/closures/{id}': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => ({ method: 'DELETE', url: `/api/appointments/closures/${await newClosure(w)}` }),
  },
  'GET /api/appointments/slots': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await apptWorld(w);
      return { method: 'GET', url: `/api/appointments/slots?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/appointments/day': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await sharedAppointment(w);
      return { method: 'GET', url: '/api/appointments/day?day=2026-06-16' };
    },
    contains: (body, w) => items(body).some((i) => i.id === apptWorlds.get(w)?.shared?.id),
  },
  'GET /api/appointments': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await sharedAppointment(w);
      return { method: 'GET', url: '/api/appointments?pageSize=200' };
    },
    contains: (body, w) => items(body).some((i) => i.id === apptWorlds.get(w)?.shared?.id),
  },
  'GET /api/appointments/stats': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await sharedAppointment(w);
      return { method: 'GET', url: `/api/appointments/stats?orgUnitId=${w.units.recordVillage}&from=2026-06-01&to=2026-06-30` };
    },
  },
  'GET /api/ledgers/appointments': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await sharedAppointment(w);
      return { method: 'GET', url: `/api/ledgers/appointments?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/appointments/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/appointments/${(await sharedAppointment(w)).id}` }),
  },
  'POST /api/appointments/{id}/confirm': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newAppointment(w);
      return { method: 'POST', url: `/api/appointments/${a.id}/confirm`, body: { version: a.version } };
    },
  },
  'POST /api/appointments/{id}/complete': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newAppointment(w);
      return { method: 'POST', url: `/api/appointments/${a.id}/complete`, body: { version: a.version, applicationId: null } };
    },
  },
  'POST /api/appointments/{id}/no-show': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newAppointment(w, true);
      return { method: 'POST', url: `/api/appointments/${a.id}/no-show`, body: { version: a.version } };
    },
  },
  'POST /api/appointments/{id}/cancel': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newAppointment(w);
      return { method: 'POST', url: `/api/appointments/${a.id}/cancel`, body: { version: a.version, comment: '本人来电改期' } };
    },
  },
} satisfies Record<string, Fixture>);

// ---- the service catalog (issue 13) ----
unscopedRoutes['GET /api/public/org-units/{id}/service-items'] = 'the public catalog of a unit (一次性告知, Part 2 四(四)): published items and their materials only';
unscopedRoutes['GET /api/public/org-units/{id}/service-items/{itemId}'] = 'one item of the public catalog of a unit: published facts only';

/** A local service item published by the owner's reviewer for the record village. */
async function newServiceItem(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.reviewer.owner.post('/api/service-items', serviceItemBody(w.units.recordVillage));
  if (res.statusCode !== 200) throw new Error(`newServiceItem: ${res.body}`);
  return res.json() as { id: string; version: number };
}
function serviceItemBody(orgUnitId: string): Record<string, unknown> {
  return {
    orgUnitId,
    name: '越界测试本地事项',
    kind: 'local',
    steps: [{ level: 'village', label: '村(居)委会意见', days: 3, dayKind: 'working' }],
    materials: [{ name: '本人身份证件', form: 'originalAndCopy', count: 1 }],
  };
}
Object.assign(fixtures, {
  'GET /api/service-items': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newServiceItem(w);
      return { method: 'GET', url: `/api/service-items?orgUnitId=${w.units.recordVillage}&kind=local` };
    },
    contains: (body) => items(body).length > 0,
  },
  'GET /api/service-items/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/service-items/${(await newServiceItem(w)).id}` }),
  },
  'POST /api/service-items': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => ({ method: 'POST', url: '/api/service-items', body: serviceItemBody(w.units.recordVillage) }),
  },
  'PUT /api/service-items/{id}': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const it = await newServiceItem(w);
      return { method: 'PUT', url: `/api/service-items/${it.id}`, body: { ...serviceItemBody(w.units.recordVillage), name: '越界测试改名', version: it.version } };
    },
  },
  'POST /api/service-items/{id}/retire': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const it = await newServiceItem(w);
      return { method: 'POST', url: `/api/service-items/${it.id}/retire`, body: { version: it.version, retired: true } };
    },
  },
} satisfies Record<string, Fixture>);

// ---- applications 办件 (issue 13) ----
/** An item published by the owner's reviewer at the owner (a township): its one step is the township's opinion. */
async function newApplicationItem(w: World): Promise<string> {
  const res = await w.trios.reviewer.owner.post('/api/service-items', {
    ...serviceItemBody(w.units.owner),
    name: '越界测试办件事项',
    steps: [{ level: 'township', label: '乡镇(街道)服务站意见', days: 3, dayKind: 'working' }],
  });
  if (res.statusCode !== 200) throw new Error(`newApplicationItem: ${res.body}`);
  return (res.json() as { id: string }).id;
}
async function applicationBody(w: World): Promise<Record<string, unknown>> {
  const r = await w.newRecipient({ registered: true });
  return { recipientId: r.id, itemId: await newApplicationItem(w), received: [true], channel: 'inPerson' };
}
/** An application of a registered veteran of the owner's record village, waiting on the owner township's opinion. */
async function newApplication(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/applications', await applicationBody(w));
  if (res.statusCode !== 200) throw new Error(`newApplication: ${res.body}`);
  return res.json() as { id: string; version: number };
}
Object.assign(fixtures, {
  'GET /api/applications': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newApplication(w);
      return { method: 'GET', url: `/api/applications?orgUnitId=${w.units.recordVillage}` };
    },
    contains: (body) => items(body).length > 0,
  },
  'GET /api/applications/figures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newApplication(w);
      return { method: 'GET', url: `/api/applications/figures?orgUnitId=${w.units.recordVillage}&period=2026-06` };
    },
  },
  'GET /api/dashboards/services': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newApplication(w);
      return { method: 'GET', url: `/api/dashboards/services?unitId=${w.units.recordVillage}&period=2026-Q2` };
    },
  },
  'POST /api/applications': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/applications', body: await applicationBody(w) }),
  },
  'GET /api/applications/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/applications/${(await newApplication(w)).id}` }),
  },
  'POST /api/applications/{id}/actions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newApplication(w);
      return { method: 'POST', url: `/api/applications/${a.id}/actions`, body: { action: 'opinionToDecision', comment: '同意', version: a.version, data: { agree: true } } };
    },
  },
  'POST /api/applications/{id}/runs': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/applications/${(await newApplication(w)).id}/runs`, body: { reason: 'signature', day: '2026-06-15' } }),
  },
  'GET /api/ledgers/applications': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newApplication(w);
      return { method: 'GET', url: `/api/ledgers/applications?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/applications/{id}/receipt': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/applications/${(await newApplication(w)).id}/receipt` }),
  },
  'POST /api/applications/{id}/home-services': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({
      method: 'POST',
      url: `/api/applications/${(await newApplication(w)).id}/home-services`,
      body: { kind: 'homeService', day: '2026-06-15', handledBy: '越界测试人员', note: '上门收取材料' },
    }),
  },
} satisfies Record<string, Fixture>);

// ---- support plans 一人一策 (issue 13; kept in their own block) ----

/** A support plan of a registered recipient of the owner's record village, the owner's worker responsible, with one measure. */
async function newSupportPlan(w: World): Promise<{ id: string; version: number; measures: { id: string }[] }> {
  const res = await w.trios.worker.owner.post('/api/support-plans', await supportPlanBody(w));
  if (res.statusCode !== 200) throw new Error(`newSupportPlan: ${res.body}`);
  return res.json() as { id: string; version: number; measures: { id: string }[] };
}
async function supportPlanBody(w: World): Promise<Record<string, unknown>> {
  const r = await w.newRecipient({ registered: true });
  const me = w.trios.worker.owner.me!.id;
  return {
    recipientId: r.id,
    orgUnitId: w.units.recordVillage,
    difficulty: 'illness',
    situation: '越界测试困难情况',
    goals: '越界测试帮扶目标',
    responsibleUserId: me,
    openedOn: '2026-06-10',
    nextReviewOn: '2026-07-10',
    measures: [{ content: '越界测试措施', ownerUserId: me, dueOn: '2026-06-30' }],
  };
}

Object.assign(fixtures, {
  'GET /api/support-plans': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newSupportPlan(w);
      return { method: 'GET', url: '/api/support-plans?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/support-plans': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/support-plans', body: await supportPlanBody(w) }),
  },
  'GET /api/support-plans/assignees': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/support-plans/assignees?orgUnitId=${w.units.recordVillage}` }),
  },
  'GET /api/support-plans/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/support-plans/${(await newSupportPlan(w)).id}` }),
  },
  'POST /api/support-plans/{id}/update': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newSupportPlan(w);
      return { method: 'POST', url: `/api/support-plans/${p.id}/update`, body: { version: p.version, difficulty: 'housing', situation: '改', goals: '改', responsibleUserId: w.trios.worker.owner.me!.id } };
    },
  },
  'POST /api/support-plans/{id}/measures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newSupportPlan(w);
      return { method: 'POST', url: `/api/support-plans/${p.id}/measures`, body: { version: p.version, content: '再加一项', ownerUserId: w.trios.worker.owner.me!.id, dueOn: '2026-07-01' } };
    },
  },
  'POST /api/support-plans/{id}/measures/mark': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newSupportPlan(w);
      return { method: 'POST', url: `/api/support-plans/${p.id}/measures/mark`, body: { version: p.version, measureId: p.measures[0].id, done: true, doneOn: '2026-06-12' } };
    },
  },
  'POST /api/support-plans/{id}/review': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newSupportPlan(w);
      return { method: 'POST', url: `/api/support-plans/${p.id}/review`, body: { version: p.version, reviewedOn: '2026-06-12', findings: '越界评估', nextReviewOn: '2026-08-12' } };
    },
  },
  'POST /api/support-plans/{id}/close': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newSupportPlan(w);
      return { method: 'POST', url: `/api/support-plans/${p.id}/close`, body: { version: p.version, closedOn: '2026-06-12', outcome: '越界结案' } };
    },
  },
  'GET /api/ledgers/support-plans': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newSupportPlan(w);
      return { method: 'GET', url: `/api/ledgers/support-plans?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- the public service portal (issue 13): feedback box, commitments, supervisors ----

let feedbackSeq = 0;
/** A feedback entry written (signed) to the record village on its public page; replied when asked. */
async function newFeedback(w: World, replied = false): Promise<{ id: string; version: number }> {
  // a unique text finds this entry again (the test clock stands still, so the received time does not)
  const text = `越界测试意见${++feedbackSeq}-${Math.floor(Math.random() * 1e8)}`;
  const res = await w.t.agent().post('/api/public/feedback', { orgUnitId: w.units.recordVillage, kind: 'opinion', text, signature: 'named', name: '越界人', phone: '13905720088' });
  if (res.statusCode !== 200) throw new Error(`newFeedback: ${res.body}`);
  const a = w.trios.worker.owner;
  const list = (await a.get(`/api/feedback?orgUnitId=${w.units.recordVillage}&q=${encodeURIComponent(text)}`)).json() as { items: { id: string; version: number }[] };
  if (list.items.length !== 1) throw new Error(`newFeedback: found ${list.items.length}`);
  let f = list.items[0];
  if (replied) {
    const r = await a.post(`/api/feedback/${f.id}/actions`, { action: 'reply', version: f.version, reply: '已答复' });
    if (r.statusCode !== 200) throw new Error(`reply: ${r.body}`);
    f = r.json() as { id: string; version: number };
  }
  return f;
}

Object.assign(unscopedRoutes, {
  'GET /api/public/org-units/{id}/portal': "a unit's public page (seed Part 1 三–四): its published commitments, supervisors and published replies, no personal data",
  'POST /api/public/feedback': 'the public feedback box (seed Part 1 三(七)): anyone writes to a unit of the public directory; it cannot read back beyond its own query code',
  'POST /api/public/account/feedback': "a public account writes to a unit's feedback box, signed with the account; nothing is read back",
  'POST /api/public/feedback-query': 'one entry by its query code (the writer\'s own); a wrong code is 404',
});

Object.assign(fixtures, {
  'GET /api/feedback': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newFeedback(w);
      return { method: 'GET', url: '/api/feedback?pageSize=200' };
    },
    contains: (b) => items(b).some((i) => (i as { writerName?: string }).writerName === '越界人'),
  },
  'GET /api/feedback/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/feedback/${(await newFeedback(w)).id}` }),
  },
  'POST /api/feedback/{id}/actions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const f = await newFeedback(w);
      return { method: 'POST', url: `/api/feedback/${f.id}/actions`, body: { action: 'reply', version: f.version, reply: '越权答复' } };
    },
  },
  'POST /api/feedback/{id}/reveal': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/feedback/${(await newFeedback(w)).id}/reveal` }),
  },
  'GET /api/ledgers/feedback': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newFeedback(w, true);
      return { method: 'GET', url: `/api/ledgers/feedback?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/portal/units/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/portal/units/${w.units.recordVillage}` }),
  },
  'PUT /api/portal/units/{id}/commitments': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'PUT', url: `/api/portal/units/${w.units.recordVillage}/commitments`, body: { items: ['越权承诺'] } }),
  },
  'PUT /api/portal/units/{id}/supervisors': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'PUT', url: `/api/portal/units/${w.units.recordVillage}/supervisors`, body: { items: [{ name: '越权', affiliation: '越权', phone: '13905720099' }] } }),
  },
} satisfies Record<string, Fixture>);

// 我的 (the public account's own page): public realm, the account's own records only
unscopedRoutes['GET /api/public/me/overview'] =
  "the public account's own page (我的): its own petitions (by account id) and whether its own ID hash is in the registry; two accounts never see each other's (public-overview.test.ts)";

// ---- files of an application's materials checklist (issue 13; kept in their own block) ----
/** An application of the owner's record village with one file uploaded against its first material. */
async function newApplicationFile(w: World): Promise<{ appId: string; fileId: string }> {
  const a = await newApplication(w);
  const res = await w.trios.worker.owner.post(`/api/applications/${a.id}/materials/0/files`, { name: '材料.png', mime: 'image/png', dataBase64: TINY_PNG });
  if (res.statusCode !== 200) throw new Error(`newApplicationFile: ${res.body}`);
  return { appId: a.id, fileId: (res.json() as { id: string }).id };
}
Object.assign(fixtures, {
  'GET /api/applications/{id}/files': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/applications/${(await newApplicationFile(w)).appId}/files` }),
  },
  'POST /api/applications/{id}/materials/{index}/files': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({
      method: 'POST',
      url: `/api/applications/${(await newApplication(w)).id}/materials/0/files`,
      body: { name: '材料.png', mime: 'image/png', dataBase64: TINY_PNG },
    }),
  },
  'GET /api/applications/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const f = await newApplicationFile(w);
      return { method: 'GET', url: `/api/applications/${f.appId}/files/${f.fileId}` };
    },
  },
  'DELETE /api/applications/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const f = await newApplicationFile(w);
      return { method: 'DELETE', url: `/api/applications/${f.appId}/files/${f.fileId}` };
    },
  },
} satisfies Record<string, Fixture>);

// the feedback box's reply deadline (issue 13)
Object.assign(unscopedRoutes, {
  'GET /api/feedback-settings': 'deployment-wide reply deadline of the feedback box, not an org-unit record',
  'PUT /api/feedback-settings': 'deployment-wide reply deadline of the feedback box, changed by county-level heads or reviewers; not an org-unit record',
});

// the applicant's side of applications (issue 13): public realm, or no account at all
Object.assign(unscopedRoutes, {
  'POST /api/public/application-query':
    "one application by its 办件编号 and query code (as petition-query): a wrong code or an unknown number is the same 404, masked name only (applications-online.test.ts)",
  'POST /api/public/applications':
    "a public account applies online for an item: its linked registry person's application, or a collection record started in a village of the public directory; it reads back only its own",
  'GET /api/public/applications': "the public account's own applications (its online ones and its linked registry person's), selected by its account",
  'GET /api/public/applications/{id}': "one of the public account's own applications; another's answers 404 (applications-online.test.ts)",
});

// ---- assistance 帮扶援助 (issue 14; kept in its own block) ----

/** An assistance application for a registered recipient of the owner's record village, opened by the owner's worker. */
async function newAid(w: World): Promise<{ id: string; version: number; openedOn: string }> {
  const res = await w.trios.worker.owner.post('/api/assistance', await aidBody(w));
  if (res.statusCode !== 200) throw new Error(`newAid: ${res.body}`);
  return res.json() as { id: string; version: number; openedOn: string };
}
async function aidBody(w: World): Promise<Record<string, unknown>> {
  const r = await w.newRecipient({ registered: true });
  return { recipientId: r.id, orgUnitId: w.units.recordVillage, ground: 'uncovered', monthlyIncomeFen: 120000, members: 2, policies: [], narrative: '越界测试困难情况' };
}

Object.assign(unscopedRoutes, {
  'GET /api/assistance-settings': 'deployment-wide assistance settings (approval limits, repeat period, notice days), not an org-unit record',
  'PUT /api/assistance-settings': 'deployment-wide assistance settings, changed by county-level heads or reviewers; not an org-unit record',
  'GET /api/public/org-units/{id}/assistance': "a unit's public 公示 of aid given (§28): masked name, village, ground, form and amount only, no personal data",
  // the veteran's side (public realm, no staff scope): each reads and writes only the account's own (assistance-online.test.ts)
  'POST /api/public/assistance':
    "a public account linked to a registered recipient applies for assistance: the case is that person's, under their own unit; an unlinked account is 409; it reads back only its own",
  'GET /api/public/assistance': "the public account's own assistance applications (its online ones and its linked registry person's), selected by its account",
  'GET /api/public/assistance/{id}': "one of the public account's own assistance applications; another's answers 404 (assistance-online.test.ts)",
  'POST /api/public/assistance/{id}/files': "evidence for one of the public account's own assistance applications; another's answers 404 (assistance-online.test.ts)",
});

Object.assign(fixtures, {
  'GET /api/assistance': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newAid(w);
      return { method: 'GET', url: '/api/assistance?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/assistance': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/assistance', body: await aidBody(w) }),
  },
  'GET /api/assistance/verifiers': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/assistance/verifiers?orgUnitId=${w.units.recordVillage}` }),
  },
  'GET /api/assistance/figures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newAid(w);
      return { method: 'GET', url: `/api/assistance/figures?orgUnitId=${w.units.recordVillage}&period=2026-06` };
    },
  },
  'GET /api/assistance/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/assistance/${(await newAid(w)).id}` }),
  },
  'POST /api/assistance/{id}/actions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newAid(w);
      return { method: 'POST', url: `/api/assistance/${a.id}/actions`, body: { action: 'refer', version: a.version, data: { agency: 'dibao', day: a.openedOn, note: '越界转介' } } };
    },
  },
  'GET /api/assistance/{id}/files': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/assistance/${(await newAid(w)).id}/files` }),
  },
  'POST /api/assistance/{id}/files': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/assistance/${(await newAid(w)).id}/files`, body: { name: '越界证明.png', mime: 'image/png', dataBase64: TINY_PNG } }),
  },
  'GET /api/assistance/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newAid(w);
      const res = await w.trios.worker.owner.post(`/api/assistance/${a.id}/files`, { name: '越界证明.png', mime: 'image/png', dataBase64: TINY_PNG });
      if (res.statusCode !== 200) throw new Error(`evidence: ${res.body}`);
      const f = (res.json() as { items: { id: string }[] }).items[0];
      return { method: 'GET', url: `/api/assistance/${a.id}/files/${f.id}` };
    },
  },
  'DELETE /api/assistance/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newAid(w);
      const res = await w.trios.worker.owner.post(`/api/assistance/${a.id}/files`, { name: '误传.png', mime: 'image/png', dataBase64: TINY_PNG });
      if (res.statusCode !== 200) throw new Error(`evidence: ${res.body}`);
      const f = (res.json() as { items: { id: string }[] }).items[0];
      return { method: 'DELETE', url: `/api/assistance/${a.id}/files/${f.id}` };
    },
  },
  'GET /api/ledgers/assistance': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newAid(w);
      return { method: 'GET', url: `/api/ledgers/assistance?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- legal aid 法律援助 (issue 14; kept in their own block) ----

let legalAidSeq = 0;
/** A directory entry kept by the owner's record village (so the child village neither sees nor changes it). */
async function newLegalAidPartner(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/legal-aid/partners', legalAidPartnerBody(w));
  if (res.statusCode !== 200) throw new Error(`newLegalAidPartner: ${res.body}`);
  return res.json() as { id: string; version: number };
}
function legalAidPartnerBody(w: World): Record<string, unknown> {
  return { orgUnitId: w.units.recordVillage, name: `越界测试律师事务所${++legalAidSeq}`, kind: 'lawFirm', address: '越界路 1 号', phone: '0572-5000000', lawyers: '越界律师', areas: '劳动争议' };
}
async function legalAidBody(w: World): Promise<Record<string, unknown>> {
  const r = await w.newRecipient({ registered: true });
  return { recipientId: r.id, orgUnitId: w.units.recordVillage, appliedOn: '2026-06-05', matterKind: 'labor', matter: '越界测试事项', opposingParty: '越界公司', claims: '越界测试请求', priorSteps: false, route: 'arbitration' };
}
/** A legal-aid case of a registered recipient of the record village: registered, referred to a firm of the record village, or acknowledged. */
async function newLegalAid(w: World, stage: 'registered' | 'referred' | 'following' = 'registered'): Promise<{ id: string; version: number }> {
  const a = w.trios.worker.owner;
  const res = await a.post('/api/legal-aid', await legalAidBody(w));
  if (res.statusCode !== 200) throw new Error(`newLegalAid: ${res.body}`);
  let c = res.json() as { id: string; version: number };
  if (stage !== 'registered') {
    const p = await newLegalAidPartner(w);
    const r = await a.post(`/api/legal-aid/${c.id}/refer`, { version: c.version, partnerId: p.id, referredOn: '2026-06-08' });
    if (r.statusCode !== 200) throw new Error(`refer: ${r.body}`);
    c = r.json() as { id: string; version: number };
  }
  if (stage === 'following') {
    const r = await a.post(`/api/legal-aid/${c.id}/acknowledge`, { version: c.version, acknowledgedOn: '2026-06-09', receiver: '越界接收人' });
    if (r.statusCode !== 200) throw new Error(`acknowledge: ${r.body}`);
    c = r.json() as { id: string; version: number };
  }
  return c;
}

Object.assign(fixtures, {
  'GET /api/legal-aid': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newLegalAid(w);
      return { method: 'GET', url: '/api/legal-aid?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/legal-aid': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/legal-aid', body: await legalAidBody(w) }),
  },
  'GET /api/legal-aid/figures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newLegalAid(w);
      return { method: 'GET', url: `/api/legal-aid/figures?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/legal-aid/partners': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newLegalAidPartner(w);
      return { method: 'GET', url: '/api/legal-aid/partners' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/legal-aid/partners': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/legal-aid/partners', body: legalAidPartnerBody(w) }),
  },
  'GET /api/legal-aid/partners/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/legal-aid/partners/${(await newLegalAidPartner(w)).id}` }),
  },
  'PUT /api/legal-aid/partners/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newLegalAidPartner(w);
      const { orgUnitId: _unit, ...rest } = legalAidPartnerBody(w);
      return { method: 'PUT', url: `/api/legal-aid/partners/${p.id}`, body: { ...rest, version: p.version, active: false } };
    },
  },
  'GET /api/legal-aid/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/legal-aid/${(await newLegalAid(w)).id}` }),
  },
  'POST /api/legal-aid/{id}/refer': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newLegalAid(w);
      const p = await newLegalAidPartner(w);
      return { method: 'POST', url: `/api/legal-aid/${c.id}/refer`, body: { version: c.version, partnerId: p.id, referredOn: '2026-06-08' } };
    },
  },
  'POST /api/legal-aid/{id}/acknowledge': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newLegalAid(w, 'referred');
      return { method: 'POST', url: `/api/legal-aid/${c.id}/acknowledge`, body: { version: c.version, acknowledgedOn: '2026-06-09', receiver: '越界接收人' } };
    },
  },
  'POST /api/legal-aid/{id}/follow-ups': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newLegalAid(w, 'following');
      return { method: 'POST', url: `/api/legal-aid/${c.id}/follow-ups`, body: { version: c.version, on: '2026-06-10', progress: '越界跟踪' } };
    },
  },
  'POST /api/legal-aid/{id}/close': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newLegalAid(w, 'following');
      return { method: 'POST', url: `/api/legal-aid/${c.id}/close`, body: { version: c.version, closedOn: '2026-06-12', outcomeKind: 'resolved', outcome: '越界结案' } };
    },
  },
  'GET /api/legal-aid/{id}/files': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/legal-aid/${(await newLegalAid(w)).id}/files` }),
  },
  'POST /api/legal-aid/{id}/files': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/legal-aid/${(await newLegalAid(w)).id}/files`, body: { name: '材料.png', mime: 'image/png', dataBase64: TINY_PNG } }),
  },
  'GET /api/legal-aid/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newLegalAid(w);
      const res = await w.trios.worker.owner.post(`/api/legal-aid/${c.id}/files`, { name: '材料.png', mime: 'image/png', dataBase64: TINY_PNG });
      if (res.statusCode !== 200) throw new Error(`legal-aid file: ${res.body}`);
      return { method: 'GET', url: `/api/legal-aid/${c.id}/files/${(res.json() as { id: string }).id}` };
    },
  },
  'DELETE /api/legal-aid/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newLegalAid(w);
      const res = await w.trios.worker.owner.post(`/api/legal-aid/${c.id}/files`, { name: '误传.png', mime: 'image/png', dataBase64: TINY_PNG });
      if (res.statusCode !== 200) throw new Error(`legal-aid file: ${res.body}`);
      return { method: 'DELETE', url: `/api/legal-aid/${c.id}/files/${(res.json() as { id: string }).id}` };
    },
  },
  'GET /api/ledgers/legal-aid': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newLegalAid(w);
      return { method: 'GET', url: `/api/ledgers/legal-aid?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- rights cases 权益维护 and the kernel's 督办 (issue 14; kept in their own block) ----

/**
 * A rights case of a registered recipient of the owner's record village, opened there; when asked,
 * opened under the owner's own unit (the case's unit handles it: a unit above only supervises) and
 * verified as founded.
 */
async function newRightsCase(w: World, verified = false): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/rights', { ...(await rightsBody(w)), ...(verified && { orgUnitId: w.units.owner }) });
  if (res.statusCode !== 200) throw new Error(`newRightsCase: ${res.body}`);
  let c = res.json() as { id: string; version: number };
  if (verified) {
    const v = await w.trios.worker.owner.post(`/api/rights/${c.id}/actions`, { action: 'verify', version: c.version, verifiedOn: '2026-06-12', method: 'phone', verifiers: '越界测试', findings: '属实', conclusion: 'founded' });
    if (v.statusCode !== 200) throw new Error(`newRightsCase verify: ${v.body}`);
    c = v.json() as { id: string; version: number };
  }
  return c;
}
async function rightsBody(w: World): Promise<Record<string, unknown>> {
  const r = await w.newRecipient({ registered: true });
  return {
    recipientId: r.id,
    orgUnitId: w.units.recordVillage,
    kind: 'placement',
    policy: '越界测试政策',
    partyKind: 'employer',
    partyName: '越界测试公司',
    facts: '越界测试事实',
    request: '越界测试诉求',
    openedOn: '2026-06-10',
  };
}

Object.assign(fixtures, {
  'GET /api/rights': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newRightsCase(w);
      return { method: 'GET', url: '/api/rights?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/rights': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/rights', body: await rightsBody(w) }),
  },
  'GET /api/rights/figures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newRightsCase(w);
      return { method: 'GET', url: `/api/rights/figures?orgUnitId=${w.units.recordVillage}&from=2026-06-01&to=2026-06-30` };
    },
  },
  'GET /api/rights/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/rights/${(await newRightsCase(w)).id}` }),
  },
  'POST /api/rights/{id}/actions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newRightsCase(w, true);
      return { method: 'POST', url: `/api/rights/${c.id}/actions`, body: { action: 'notify', version: c.version, sentOn: '2026-06-12', content: '越界督办通知', replyDays: 5 } };
    },
  },
  'GET /api/rights/{id}/files': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/rights/${(await newRightsCase(w)).id}/files` }),
  },
  'POST /api/rights/{id}/files': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/rights/${(await newRightsCase(w)).id}/files`, body: { name: '越界证据.png', mime: 'image/png', dataBase64: TINY_PNG } }),
  },
  'GET /api/rights/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newRightsCase(w);
      const res = await w.trios.worker.owner.post(`/api/rights/${c.id}/files`, { name: '越界证据.png', mime: 'image/png', dataBase64: TINY_PNG });
      if (res.statusCode !== 200) throw new Error(`rights evidence: ${res.body}`);
      const f = (res.json() as { items: { id: string }[] }).items[0];
      return { method: 'GET', url: `/api/rights/${c.id}/files/${f.id}` };
    },
  },
  'GET /api/ledgers/rights': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newRightsCase(w);
      return { method: 'GET', url: `/api/ledgers/rights?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- funds and disbursement 资金与发放 (issue 14) ----
// A fund of the owner's unit with income, payables of the record village's veterans (registered
// through funds' test support, as assistance's event will), batches of the owner's unit.

async function newFund(w: World, who: RoleSet = 'worker'): Promise<string> {
  const a = w.trios[who].owner;
  const res = await a.post('/api/funds', { orgUnitId: w.units.owner, kind: 'careFund', name: '越界测试基金' });
  if (res.statusCode !== 200) throw new Error(`newFund: ${res.body}`);
  const id = (res.json() as { id: string }).id;
  const inc = await a.post(`/api/funds/${id}/movements`, { kind: 'income', amountFen: 1_000_000 });
  if (inc.statusCode !== 200) throw new Error(`income: ${inc.body}`);
  return id;
}
async function newPayable(w: World): Promise<string> {
  const r = await w.newRecipient({ registered: true });
  return addPayable(w.t.app, { recipientId: r.id, orgUnit: w.units.recordVillage, amountFen: 100_00, form: 'money' });
}
type BatchStage = 'draft' | 'confirmed' | 'exported' | 'recorded';
async function newBatch(w: World, stage: BatchStage): Promise<{ id: string; version: number; payableId: string }> {
  const a = w.trios.reviewer.owner;
  const fundId = await newFund(w, 'reviewer');
  const payableId = await newPayable(w);
  const step = async (url: string, body: Record<string, unknown>) => {
    const res = await a.post(url, body);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
    return res.json() as { id: string; version: number };
  };
  let b = await step('/api/funds/batches', { orgUnitId: w.units.owner, fundId, payableIds: [payableId] });
  if (stage !== 'draft') b = await step(`/api/funds/batches/${b.id}/confirm`, { version: b.version });
  if (stage === 'exported' || stage === 'recorded') b = await step(`/api/funds/batches/${b.id}/export`, { version: b.version });
  if (stage === 'recorded') b = await step(`/api/funds/batches/${b.id}/results`, { version: b.version, results: [{ payableId, outcome: 'paid' }] });
  return { id: b.id, version: b.version, payableId };
}
const fundIds = new Set<string>();
const payableIds = new Set<string>();
const batchIds = new Set<string>();

Object.assign(fixtures, {
  'GET /api/funds': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      fundIds.add(await newFund(w));
      return { method: 'GET', url: '/api/funds' };
    },
    contains: (b) => items(b).some((i) => fundIds.has(i.id ?? '')),
  },
  'POST /api/funds': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/funds', body: { orgUnitId: w.units.owner, kind: 'donation', name: '越界捐赠', donor: '某公司', purpose: '救助' } }),
  },
  'GET /api/funds/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/funds/${await newFund(w)}` }),
  },
  'POST /api/funds/{id}/movements': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/funds/${await newFund(w)}/movements`, body: { kind: 'income', amountFen: 100 } }),
  },
  'GET /api/funds/{id}/report': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/funds/${await newFund(w)}/report?from=2026-01-01&to=2026-12-31` }),
  },
  'GET /api/ledgers/funds/{id}/report': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/ledgers/funds/${await newFund(w)}/report?from=2026-01-01&to=2026-12-31` }),
  },
  'GET /api/funds/figures': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      const fundId = await newFund(w);
      fundIds.add(fundId);
      const res = await w.trios.worker.owner.post(`/api/funds/payables/${await newPayable(w)}/disburse`, { fundId });
      if (res.statusCode !== 200) throw new Error(`disburse: ${res.body}`);
      return { method: 'GET', url: '/api/funds/figures?from=2026-01-01&to=2026-12-31' };
    },
    contains: (b) => ((b as { byFund: { fundId: string }[] }).byFund ?? []).some((f) => fundIds.has(f.fundId)),
  },
  'GET /api/funds/payables': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      payableIds.add(await newPayable(w));
      return { method: 'GET', url: '/api/funds/payables?pageSize=200' };
    },
    contains: (b) => items(b).some((i) => payableIds.has(i.id ?? '')),
  },
  'GET /api/funds/payables/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/funds/payables/${await newPayable(w)}` }),
  },
  'POST /api/funds/payables/{id}/account': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/funds/payables/${await newPayable(w)}/account`, body: {} }),
  },
  'POST /api/funds/payables/{id}/disburse': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/funds/payables/${await newPayable(w)}/disburse`, body: { fundId: await newFund(w) } }),
  },
  'GET /api/funds/payables/{id}/receipt': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const id = await newPayable(w);
      const res = await w.trios.worker.owner.post(`/api/funds/payables/${id}/disburse`, { fundId: await newFund(w), method: 'cash', cashReason: '本人无银行卡', receipt: { name: '签收单.png', mime: 'image/png', dataBase64: TINY_PNG } });
      if (res.statusCode !== 200) throw new Error(`cash: ${res.body}`);
      return { method: 'GET', url: `/api/funds/payables/${id}/receipt` };
    },
  },
  'GET /api/funds/batches': {
    kind: 'list',
    roles: 'reviewer',
    build: async (w) => {
      batchIds.add((await newBatch(w, 'draft')).id);
      return { method: 'GET', url: '/api/funds/batches' };
    },
    contains: (b) => items(b).some((i) => batchIds.has(i.id ?? '')),
  },
  'POST /api/funds/batches': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/funds/batches', body: { orgUnitId: w.units.owner, fundId: await newFund(w), payableIds: [await newPayable(w)] } }),
  },
  'GET /api/funds/batches/{id}': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => ({ method: 'GET', url: `/api/funds/batches/${(await newBatch(w, 'draft')).id}` }),
  },
  'POST /api/funds/batches/{id}/confirm': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const b = await newBatch(w, 'draft');
      return { method: 'POST', url: `/api/funds/batches/${b.id}/confirm`, body: { version: b.version } };
    },
  },
  'POST /api/funds/batches/{id}/export': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const b = await newBatch(w, 'confirmed');
      return { method: 'POST', url: `/api/funds/batches/${b.id}/export`, body: { version: b.version } };
    },
  },
  'GET /api/funds/batches/{id}/transfer-file': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => ({ method: 'GET', url: `/api/funds/batches/${(await newBatch(w, 'exported')).id}/transfer-file` }),
  },
  'POST /api/funds/batches/{id}/results': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const b = await newBatch(w, 'exported');
      return { method: 'POST', url: `/api/funds/batches/${b.id}/results`, body: { version: b.version, results: [{ payableId: b.payableId, outcome: 'failed', bankReply: '账户已销户' }] } };
    },
  },
  'POST /api/funds/batches/{id}/close': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const b = await newBatch(w, 'recorded');
      return { method: 'POST', url: `/api/funds/batches/${b.id}/close`, body: { version: b.version } };
    },
  },
  'POST /api/funds/batches/{id}/cancel': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const b = await newBatch(w, 'draft');
      return { method: 'POST', url: `/api/funds/batches/${b.id}/cancel`, body: { version: b.version, comment: '越界作废' } };
    },
  },
} satisfies Record<string, Fixture>);

// ---- care records 关爱服务记录 (issue 14, legal-aid module; kept in their own block) ----

/** A counselling record of the owner's record village with a registered recipient there and encrypted details. */
async function careRecordBody(w: World): Promise<Record<string, unknown>> {
  const r = await w.newRecipient({ registered: true });
  return { orgUnitId: w.units.recordVillage, kind: 'counselling', day: '2026-06-10', title: '越界测试疏导', details: '越界测试详情', headcount: 1, people: [{ recipientId: r.id, note: '' }] };
}
async function newCareRecord(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/care-records', await careRecordBody(w));
  if (res.statusCode !== 200) throw new Error(`newCareRecord: ${res.body}`);
  return res.json() as { id: string; version: number };
}

Object.assign(fixtures, {
  'GET /api/care-records/figures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newCareRecord(w);
      return { method: 'GET', url: `/api/care-records/figures?orgUnitId=${w.units.recordVillage}&from=2026-01-01&to=2026-12-31` };
    },
  },
  'GET /api/care-records': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newCareRecord(w);
      return { method: 'GET', url: '/api/care-records?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/care-records': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/care-records', body: await careRecordBody(w) }),
  },
  'GET /api/care-records/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/care-records/${(await newCareRecord(w)).id}` }),
  },
  'PUT /api/care-records/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newCareRecord(w);
      const { orgUnitId: _unit, kind: _kind, ...rest } = await careRecordBody(w);
      return { method: 'PUT', url: `/api/care-records/${c.id}`, body: { ...rest, people: [], version: c.version } };
    },
  },
  'POST /api/care-records/{id}/reveal': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/care-records/${(await newCareRecord(w)).id}/reveal`, body: {} }),
  },
  'GET /api/ledgers/care-records': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newCareRecord(w);
      return { method: 'GET', url: `/api/ledgers/care-records?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- party members 退役军人党员 (issue 15; kept in their own block) ----

let partySeq = 0;
/** A branch kept by the owner's record village (the child village neither sees nor changes it). */
async function newPartyBranch(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/party/branches', partyBranchBody(w));
  if (res.statusCode !== 200) throw new Error(`newPartyBranch: ${res.body}`);
  return res.json() as { id: string; version: number };
}
function partyBranchBody(w: World): Record<string, unknown> {
  return { orgUnitId: w.units.recordVillage, name: `越界测试党支部${++partySeq}`, kind: 'village', secretary: '越界书记', contact: '0572-5000001' };
}
const partyMember = (w: World) => w.newRecipient({ registered: true, politicalStatus: 'cpcMember' });
async function partyTransferBody(w: World): Promise<Record<string, unknown>> {
  const m = await partyMember(w);
  return { recipientId: m.id, orgUnitId: w.units.recordVillage, fromName: '越界部队党委', toBranchId: null, toName: '越界外部党组织', letterNo: `越界${++partySeq}`, letterIssuedOn: '2026-06-01' };
}
/** A transfer of a party member of the record village: issued, or reported. */
async function newPartyTransfer(w: World, stage: 'issued' | 'reported' = 'issued'): Promise<{ id: string; version: number }> {
  const a = w.trios.worker.owner;
  const res = await a.post('/api/party/transfers', await partyTransferBody(w));
  if (res.statusCode !== 200) throw new Error(`newPartyTransfer: ${res.body}`);
  let c = res.json() as { id: string; version: number };
  if (stage === 'reported') {
    const r = await a.post(`/api/party/transfers/${c.id}/report`, { version: c.version, reportedOn: '2026-06-05' });
    if (r.statusCode !== 200) throw new Error(`report: ${r.body}`);
    c = r.json() as { id: string; version: number };
  }
  return c;
}
const memberItems = (body: unknown) => ((body as { items?: { recipientId?: string }[] }).items ?? []);

Object.assign(fixtures, {
  'GET /api/party/branches': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newPartyBranch(w);
      return { method: 'GET', url: '/api/party/branches' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/party/branches': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/party/branches', body: partyBranchBody(w) }),
  },
  'GET /api/party/branches/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/party/branches/${(await newPartyBranch(w)).id}` }),
  },
  'PUT /api/party/branches/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const b = await newPartyBranch(w);
      const { orgUnitId: _unit, ...rest } = partyBranchBody(w);
      return { method: 'PUT', url: `/api/party/branches/${b.id}`, body: { ...rest, version: b.version, active: false } };
    },
  },
  'GET /api/party/members': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await partyMember(w);
      return { method: 'GET', url: '/api/party/members?pageSize=200&withoutBranch=true' };
    },
    contains: (b) => memberItems(b).length > 0,
  },
  'GET /api/party/members/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/party/members/${(await partyMember(w)).id}` }),
  },
  'PUT /api/party/members/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const m = await partyMember(w);
      const b = await newPartyBranch(w);
      return { method: 'PUT', url: `/api/party/members/${m.id}`, body: { version: 0, joinedOn: '2000-07-01', branchId: b.id } };
    },
  },
  'GET /api/ledgers/party-members': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await partyMember(w);
      return { method: 'GET', url: `/api/ledgers/party-members?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/party/transfers': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newPartyTransfer(w);
      return { method: 'GET', url: '/api/party/transfers?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/party/transfers': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/party/transfers', body: await partyTransferBody(w) }),
  },
  'GET /api/party/transfers/figures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newPartyTransfer(w);
      return { method: 'GET', url: `/api/party/transfers/figures?orgUnitId=${w.units.recordVillage}&period=2026` };
    },
  },
  'GET /api/party/transfers/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/party/transfers/${(await newPartyTransfer(w)).id}` }),
  },
  'POST /api/party/transfers/{id}/report': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newPartyTransfer(w);
      return { method: 'POST', url: `/api/party/transfers/${c.id}/report`, body: { version: c.version, reportedOn: '2026-06-05' } };
    },
  },
  'POST /api/party/transfers/{id}/complete': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newPartyTransfer(w, 'reported');
      return { method: 'POST', url: `/api/party/transfers/${c.id}/complete`, body: { version: c.version, doneOn: '2026-06-10' } };
    },
  },
  'POST /api/party/transfers/{id}/cancel': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newPartyTransfer(w);
      return { method: 'POST', url: `/api/party/transfers/${c.id}/cancel`, body: { version: c.version, reason: '越界撤销' } };
    },
  },
  'GET /api/ledgers/party-transfers': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newPartyTransfer(w);
      return { method: 'GET', url: `/api/ledgers/party-transfers?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- branch meetings 三会一课/主题党日 and volunteer teams 志愿服务队/示范岗 (issue 15; kept in their own block) ----

/** A branch of the record village with one member, and the body of a meeting of it. */
async function partyMeetingBody(w: World): Promise<Record<string, unknown>> {
  const b = await newPartyBranch(w);
  const m = await partyMember(w);
  const res = await w.trios.worker.owner.put(`/api/party/members/${m.id}`, { version: 0, joinedOn: null, branchId: b.id });
  if (res.statusCode !== 200) throw new Error(`partyMeetingBody: ${res.body}`);
  return { branchId: b.id, kind: 'themeDay', heldOn: '2026-06-01', topic: '越界测试主题党日', place: '', host: '', content: '', attendance: [{ recipientId: m.id, attendance: 'present', reason: '' }] };
}
async function newPartyMeeting(w: World): Promise<{ id: string; version: number; body: Record<string, unknown>; memberId: string }> {
  const body = await partyMeetingBody(w);
  const res = await w.trios.worker.owner.post('/api/party/meetings', body);
  if (res.statusCode !== 200) throw new Error(`newPartyMeeting: ${res.body}`);
  const c = res.json() as { id: string; version: number };
  return { ...c, body, memberId: (body.attendance as { recipientId: string }[])[0].recipientId };
}
async function volunteerTeamBody(w: World): Promise<Record<string, unknown>> {
  const r = await w.newRecipient({ registered: true });
  return { orgUnitId: w.units.recordVillage, kind: 'team', name: `越界测试志愿服务队${++partySeq}`, field: 'governance', leaderId: r.id, foundedOn: '2026-01-01', description: '', memberIds: [r.id] };
}
async function newVolunteerTeam(w: World): Promise<{ id: string; version: number; body: Record<string, unknown> }> {
  const body = await volunteerTeamBody(w);
  const res = await w.trios.worker.owner.post('/api/party/volunteer-teams', body);
  if (res.statusCode !== 200) throw new Error(`newVolunteerTeam: ${res.body}`);
  return { ...(res.json() as { id: string; version: number }), body };
}

Object.assign(fixtures, {
  'GET /api/party/meetings': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newPartyMeeting(w);
      return { method: 'GET', url: '/api/party/meetings?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/party/meetings': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/party/meetings', body: await partyMeetingBody(w) }),
  },
  'GET /api/party/meetings/figures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newPartyMeeting(w);
      return { method: 'GET', url: `/api/party/meetings/figures?orgUnitId=${w.units.recordVillage}&period=2026` };
    },
  },
  'GET /api/party/meetings/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/party/meetings/${(await newPartyMeeting(w)).id}` }),
  },
  'PUT /api/party/meetings/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const m = await newPartyMeeting(w);
      const { branchId: _branch, ...rest } = m.body;
      return { method: 'PUT', url: `/api/party/meetings/${m.id}`, body: { ...rest, topic: '越界修改', version: m.version } };
    },
  },
  'GET /api/party/members/{id}/meetings': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/party/members/${(await newPartyMeeting(w)).memberId}/meetings` }),
  },
  'GET /api/ledgers/party-meetings': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newPartyMeeting(w);
      return { method: 'GET', url: `/api/ledgers/party-meetings?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/party/volunteer-teams': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newVolunteerTeam(w);
      return { method: 'GET', url: '/api/party/volunteer-teams?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/party/volunteer-teams': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/party/volunteer-teams', body: await volunteerTeamBody(w) }),
  },
  'GET /api/party/volunteer-teams/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/party/volunteer-teams/${(await newVolunteerTeam(w)).id}` }),
  },
  'PUT /api/party/volunteer-teams/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const t = await newVolunteerTeam(w);
      const { orgUnitId: _unit, ...rest } = t.body;
      return { method: 'PUT', url: `/api/party/volunteer-teams/${t.id}`, body: { ...rest, active: false, version: t.version } };
    },
  },
  'POST /api/party/volunteer-teams/{id}/activities': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const t = await newVolunteerTeam(w);
      return { method: 'POST', url: `/api/party/volunteer-teams/${t.id}/activities`, body: { heldOn: '2026-06-01', content: '越界测试活动', place: '', hours: 2, participantIds: t.body.memberIds as string[] } };
    },
  },
  'GET /api/ledgers/volunteer-teams': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newVolunteerTeam(w);
      return { method: 'GET', url: `/api/ledgers/volunteer-teams?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- employment 就业创业 (issue 15; kept in their own block) ----
// Employers, openings and recommendations are made in the owner's record village: an opening is
// seen at and below its owning unit, so a village-owned one is hidden from the child village.
import { systemDb as empSystemDb } from '../../src/server/db/system';
import { insertUnitsUnscoped as empInsertUnits } from '../../src/server/modules/org-units';

Object.assign(unscopedRoutes, {
  'GET /api/employment/settings': 'deployment-wide review period of employment profiles, not an org-unit record',
  'PUT /api/employment/settings': 'deployment-wide review period of employment profiles, changed by county-level unit heads; not an org-unit record',
});

async function empPerson(w: World): Promise<string> {
  const r = await w.newRecipient({ registered: true });
  const res = await w.trios.worker.owner.put(`/api/employment/profiles/${r.id}`, { version: 0, status: 'unemployed', seeking: true, skills: ['forklift'], industries: ['transport'] });
  if (res.statusCode !== 200) throw new Error(`empPerson: ${res.body}`);
  return r.id;
}
async function newEmployer(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/employment/employers', { orgUnitId: w.units.recordVillage, name: '越界测试物流', kind: 'enterprise', contactPhone: '13905720001' });
  if (res.statusCode !== 200) throw new Error(`newEmployer: ${res.body}`);
  return res.json() as { id: string; version: number };
}
async function openingBody(w: World): Promise<Record<string, unknown>> {
  const e = await newEmployer(w);
  return { orgUnitId: w.units.recordVillage, employerId: e.id, position: '越界测试叉车司机', skills: ['forklift'], industry: 'transport', placeUnitId: w.units.recordVillage, workTime: 'full', payMin: 4000, payMax: 6000, headcount: 1, validFrom: '2026-06-01', validTo: '2026-12-31' };
}
async function newOpening(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/employment/openings', await openingBody(w));
  if (res.statusCode !== 200) throw new Error(`newOpening: ${res.body}`);
  return res.json() as { id: string; version: number };
}
async function newRecommendation(w: World): Promise<{ id: string; version: number }> {
  const [o, p] = [await newOpening(w), await empPerson(w)];
  const res = await w.trios.worker.owner.post('/api/employment/recommendations', { openingId: o.id, recipientId: p });
  if (res.statusCode !== 200) throw new Error(`newRecommendation: ${res.body}`);
  return res.json() as { id: string; version: number };
}
const empShareCounty = new WeakMap<World, string>();
/** A county outside the owner's line (another county of the city), made once per world. */
async function shareCounty(w: World): Promise<string> {
  const made = empShareCounty.get(w);
  if (made) return made;
  const sys = empSystemDb(w.t.db.handle.db);
  const city = await sys.selectFrom('org_units').select(['id', 'path', 'depth']).where('code', '=', '3305').executeTakeFirstOrThrow();
  const at = '2026-01-01T00:00:00.000Z';
  const id = `xjemp${Date.now().toString(36)}`;
  await empInsertUnits(sys, [{ id, parent_id: city.id, level: 'county', code: '330521', name: '德清县', path: `${city.path}${id}/`, depth: Number(city.depth) + 1, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: 2023, created_at: at, updated_at: at }]);
  empShareCounty.set(w, id);
  return id;
}
const hasRecipient = (b: unknown) => ((b as { items?: { recipientId?: string }[] }).items ?? []).length > 0;

Object.assign(fixtures, {
  'GET /api/employment/profiles': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await empPerson(w);
      return { method: 'GET', url: '/api/employment/profiles?pageSize=200&seeking=1' };
    },
    contains: hasRecipient,
  },
  'GET /api/employment/profiles/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/employment/profiles/${await empPerson(w)}` }) },
  'PUT /api/employment/profiles/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'PUT', url: `/api/employment/profiles/${await empPerson(w)}`, body: { version: 1, status: 'employed', employerName: '越界测试单位' } }),
  },
  'GET /api/employment/profiles/{id}/matches': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/employment/profiles/${await empPerson(w)}/matches` }) },
  'GET /api/ledgers/employment': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await empPerson(w);
      return { method: 'GET', url: `/api/ledgers/employment?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/employment/employers': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newEmployer(w);
      return { method: 'GET', url: '/api/employment/employers?pageSize=200&name=越界测试' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/employment/employers': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/employment/employers', body: { orgUnitId: w.units.recordVillage, name: '越界测试新单位', kind: 'social' } }) },
  'GET /api/employment/employers/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/employment/employers/${(await newEmployer(w)).id}` }) },
  'PUT /api/employment/employers/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const e = await newEmployer(w);
      return { method: 'PUT', url: `/api/employment/employers/${e.id}`, body: { version: e.version, name: '越界测试改名', kind: 'enterprise' } };
    },
  },
  'POST /api/employment/employers/{id}/reveal': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: `/api/employment/employers/${(await newEmployer(w)).id}/reveal`, body: {} }) },
  'GET /api/employment/openings': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newOpening(w);
      return { method: 'GET', url: '/api/employment/openings?pageSize=200&position=越界测试' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/employment/openings': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/employment/openings', body: await openingBody(w) }) },
  'GET /api/employment/openings/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/employment/openings/${(await newOpening(w)).id}` }) },
  'PUT /api/employment/openings/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const o = await newOpening(w);
      const { orgUnitId: _u, ...rest } = await openingBody(w);
      return { method: 'PUT', url: `/api/employment/openings/${o.id}`, body: { ...rest, version: o.version, position: '越界测试改岗' } };
    },
  },
  'POST /api/employment/openings/{id}/shares': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/employment/openings/${(await newOpening(w)).id}/shares`, body: { orgUnitId: await shareCounty(w) } }),
  },
  'GET /api/employment/openings/{id}/matches': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/employment/openings/${(await newOpening(w)).id}/matches` }) },
  'GET /api/employment/recommendations': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newRecommendation(w);
      return { method: 'GET', url: '/api/employment/recommendations?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/employment/recommendations': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const [o, p] = [await newOpening(w), await empPerson(w)];
      return { method: 'POST', url: '/api/employment/recommendations', body: { openingId: o.id, recipientId: p } };
    },
  },
  'GET /api/employment/recommendations/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/employment/recommendations/${(await newRecommendation(w)).id}` }) },
  'POST /api/employment/recommendations/{id}/actions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await newRecommendation(w);
      return { method: 'POST', url: `/api/employment/recommendations/${r.id}/actions`, body: { action: 'interview', version: r.version, on: '2026-06-15' } };
    },
  },
  'GET /api/employment/figures': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/employment/figures?orgUnitId=${w.units.recordVillage}&from=2026-06-01&to=2026-06-30` }) },
} satisfies Record<string, Fixture>);

// ---- education 教育管理: exemplars and activities (issue 15; kept in their own block) ----
// An exemplar is recommended by the owner (a township) for a person of its record village, under the
// record village: it waits on the owner township, whose own staff act on it. Activities are organised
// by the record village (the child village neither sees nor changes them).
let eduSeq = 0;
const eduPng = { name: '事迹材料.png', mime: 'image/png', dataBase64: TINY_PNG };
async function exemplarBody(w: World, honorLevel = 'none'): Promise<Record<string, unknown>> {
  const r = await w.newRecipient({ registered: true });
  return { recipientId: r.id, orgUnitId: w.units.recordVillage, kind: 'pool', category: 'volunteer', honorLevel, title: `越界典型${++eduSeq}`, reason: '越界测试事迹' };
}
async function newExemplar(w: World, honorLevel = 'none'): Promise<{ id: string; version: number; files: { id: string }[] }> {
  const res = await w.trios.worker.owner.post('/api/education/exemplars', await exemplarBody(w, honorLevel));
  if (res.statusCode !== 200) throw new Error(`newExemplar: ${res.body}`);
  return res.json() as { id: string; version: number; files: { id: string }[] };
}
function activityBody(w: World): Record<string, unknown> {
  return { orgUnitId: w.units.recordVillage, topic: `越界学习活动${++eduSeq}`, kind: 'theme', placeKind: 'memorial', place: '越界纪念馆', heldOn: '2026-01-10' };
}
async function newActivity(w: World, invite = false): Promise<{ id: string; version: number; recipientId: string | null }> {
  const a = w.trios.worker.owner;
  const res = await a.post('/api/education/activities', activityBody(w));
  if (res.statusCode !== 200) throw new Error(`newActivity: ${res.body}`);
  let act = res.json() as { id: string; version: number };
  let recipientId: string | null = null;
  if (invite) {
    recipientId = (await w.newRecipient({ registered: true })).id;
    const i = await a.post(`/api/education/activities/${act.id}/invitations`, { version: act.version, recipientIds: [recipientId] });
    if (i.statusCode !== 200) throw new Error(`invite: ${i.body}`);
    act = i.json() as { id: string; version: number };
  }
  return { ...act, recipientId };
}

Object.assign(fixtures, {
  'GET /api/education/exemplars': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newExemplar(w);
      return { method: 'GET', url: '/api/education/exemplars?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/education/exemplars': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/education/exemplars', body: await exemplarBody(w) }) },
  'GET /api/education/exemplars/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/education/exemplars/${(await newExemplar(w)).id}` }) },
  'POST /api/education/exemplars/{id}/actions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const e = await newExemplar(w);
      return { method: 'POST', url: `/api/education/exemplars/${e.id}/actions`, body: { action: 'forward', comment: '越界上报', version: e.version } };
    },
  },
  'POST /api/education/exemplars/{id}/files': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: `/api/education/exemplars/${(await newExemplar(w)).id}/files`, body: eduPng }) },
  'GET /api/education/exemplars/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const e = await newExemplar(w);
      const res = await w.trios.worker.owner.post(`/api/education/exemplars/${e.id}/files`, eduPng);
      if (res.statusCode !== 200) throw new Error(`exemplar file: ${res.body}`);
      const f = (res.json() as { files: { id: string }[] }).files[0];
      return { method: 'GET', url: `/api/education/exemplars/${e.id}/files/${f.id}` };
    },
  },
  'GET /api/ledgers/exemplars': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newExemplar(w);
      return { method: 'GET', url: `/api/ledgers/exemplars?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/education/gazetteer': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newExemplar(w, 'provincial');
      return { method: 'GET', url: '/api/education/gazetteer?pageSize=200' };
    },
    contains: (b) => ((b as { items?: unknown[] }).items ?? []).length > 0,
  },
  'GET /api/education/activities': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newActivity(w);
      return { method: 'GET', url: '/api/education/activities?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/education/activities': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/education/activities', body: activityBody(w) }) },
  'GET /api/education/activities/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/education/activities/${(await newActivity(w)).id}` }) },
  'POST /api/education/activities/{id}/invitations': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newActivity(w);
      const r = await w.newRecipient({ registered: true });
      return { method: 'POST', url: `/api/education/activities/${a.id}/invitations`, body: { version: a.version, recipientIds: [r.id] } };
    },
  },
  'POST /api/education/activities/{id}/attendance': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newActivity(w, true);
      return { method: 'POST', url: `/api/education/activities/${a.id}/attendance`, body: { version: a.version, entries: [{ recipientId: a.recipientId, attended: true }] } };
    },
  },
  'GET /api/ledgers/education-activities': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newActivity(w);
      return { method: 'GET', url: `/api/ledgers/education-activities?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/education/recipients/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newActivity(w, true);
      return { method: 'GET', url: `/api/education/recipients/${a.recipientId}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- job fairs and trainings 招聘会、培训 (issue 15; kept in their own block) ----
// Fairs and trainings are held by the owner's record village: seen at and below it, so the child
// village (a sibling of the record village) and the sibling township see neither.
import { systemDb as trnSystemDb } from '../../src/server/db/system';

let trnSeq = 0;
const trnCoveragePerson = new WeakMap<World, string>();
/** A veteran of the record village discharged this year (the adaptive training's people). */
async function trnPerson(w: World): Promise<string> {
  const r = await w.newRecipient({ registered: true });
  await trnSystemDb(w.t.db.handle.db).updateTable('recipients').set({ discharge_date: '2026-03-01' }).where('id', '=', r.id).execute();
  return r.id;
}
async function trnEmployer(w: World): Promise<string> {
  const res = await w.trios.worker.owner.post('/api/employment/employers', { orgUnitId: w.units.recordVillage, name: `越界招聘单位${++trnSeq}`, kind: 'enterprise' });
  if (res.statusCode !== 200) throw new Error(`trnEmployer: ${res.body}`);
  return (res.json() as { id: string }).id;
}
async function fairBody(w: World): Promise<Record<string, unknown>> {
  return { orgUnitId: w.units.recordVillage, name: `越界测试招聘会${++trnSeq}`, heldOn: '2026-06-15', place: '越界村文化礼堂', kind: 'general', employers: [{ employerId: await trnEmployer(w), openings: 3 }] };
}
/** A fair of the record village held today, with one registered person. */
async function newFair(w: World): Promise<{ id: string; version: number; person: string }> {
  const a = w.trios.worker.owner;
  const res = await a.post('/api/job-fairs', await fairBody(w));
  if (res.statusCode !== 200) throw new Error(`newFair: ${res.body}`);
  const f = res.json() as { id: string; version: number };
  const person = await trnPerson(w);
  const reg = await a.post(`/api/job-fairs/${f.id}/registrations`, { recipientIds: [person] });
  if (reg.statusCode !== 200) throw new Error(`register: ${reg.body}`);
  return { ...(reg.json() as { id: string; version: number }), person };
}
function trainingBodyOf(w: World): Record<string, unknown> {
  return { orgUnitId: w.units.recordVillage, kind: 'adaptive', name: `越界测试培训${++trnSeq}`, provider: '越界培训学校', course: '', startOn: '2026-06-10', endOn: '2026-06-30', places: 5, sessions: 4 };
}
/** An adaptive training of the record village under way, with one enrolled person. */
async function newTraining(w: World): Promise<{ id: string; version: number; person: string }> {
  const a = w.trios.worker.owner;
  const res = await a.post('/api/trainings', trainingBodyOf(w));
  if (res.statusCode !== 200) throw new Error(`newTraining: ${res.body}`);
  const t = res.json() as { id: string; version: number };
  const person = await trnPerson(w);
  const en = await a.post(`/api/trainings/${t.id}/enrolments`, { recipientIds: [person] });
  if (en.statusCode !== 200) throw new Error(`enrol: ${en.body}`);
  return { ...(en.json() as { id: string; version: number }), person };
}

Object.assign(fixtures, {
  'GET /api/job-fairs': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newFair(w);
      return { method: 'GET', url: '/api/job-fairs?pageSize=200&name=越界测试' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/job-fairs': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/job-fairs', body: await fairBody(w) }) },
  'GET /api/job-fairs/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/job-fairs/${(await newFair(w)).id}` }) },
  'PUT /api/job-fairs/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const f = await newFair(w);
      const { orgUnitId: _u, ...rest } = await fairBody(w);
      return { method: 'PUT', url: `/api/job-fairs/${f.id}`, body: { ...rest, version: f.version, intentCount: 1, hiredCount: 1 } };
    },
  },
  'POST /api/job-fairs/{id}/registrations': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/job-fairs/${(await newFair(w)).id}/registrations`, body: { recipientIds: [await trnPerson(w)] } }),
  },
  'PUT /api/job-fairs/{id}/attendance': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const f = await newFair(w);
      return { method: 'PUT', url: `/api/job-fairs/${f.id}/attendance`, body: { attended: [f.person] } };
    },
  },
  'GET /api/ledgers/job-fairs': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newFair(w);
      return { method: 'GET', url: `/api/ledgers/job-fairs?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/trainings': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newTraining(w);
      return { method: 'GET', url: '/api/trainings?pageSize=200&name=越界测试' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/trainings': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/trainings', body: trainingBodyOf(w) }) },
  'GET /api/trainings/coverage': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      trnCoveragePerson.set(w, await trnPerson(w));
      return { method: 'GET', url: '/api/trainings/coverage?state=all&pageSize=200' };
    },
    contains: (b, w) => ((b as { items?: { recipientId?: string }[] }).items ?? []).some((i) => i.recipientId === trnCoveragePerson.get(w)),
  },
  'GET /api/trainings/figures': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/trainings/figures?orgUnitId=${w.units.recordVillage}&from=2026-06-01&to=2026-06-30` }) },
  'GET /api/trainings/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/trainings/${(await newTraining(w)).id}` }) },
  'PUT /api/trainings/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const t = await newTraining(w);
      const { orgUnitId: _u, ...rest } = trainingBodyOf(w);
      return { method: 'PUT', url: `/api/trainings/${t.id}`, body: { ...rest, version: t.version, places: 6 } };
    },
  },
  'POST /api/trainings/{id}/enrolments': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/trainings/${(await newTraining(w)).id}/enrolments`, body: { recipientIds: [await trnPerson(w)] } }),
  },
  'PUT /api/trainings/{id}/enrolments/{recipientId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const t = await newTraining(w);
      return { method: 'PUT', url: `/api/trainings/${t.id}/enrolments/${t.person}`, body: { version: 1, attendedSessions: 4, completedOn: '2026-06-15', certificateName: '结业证书', certificateNo: '越界001' } };
    },
  },
  'GET /api/ledgers/trainings': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newTraining(w);
      return { method: 'GET', url: `/api/ledgers/trainings?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- employment's public side (issue 15: interests 我有意向, the veteran's matched openings) ----
// An interest follows its person (the owner's record village): written directly, as a linked public
// account would say it (the public routes answer only the account's own: employment-public.test.ts).
Object.assign(unscopedRoutes, {
  'GET /api/public/employment/openings': "the public account's own matched openings: those of its linked veteran's line, selected by its account",
  'GET /api/public/employment/openings/{id}': "one opening of the public account's linked veteran's line; any other answers 404 (employment-public.test.ts)",
  'POST /api/public/employment/openings/{id}/interest': "the public account's own interest in an opening of its linked veteran's line (employment-public.test.ts)",
  'POST /api/public/employment/openings/{id}/interest/withdraw': "withdraws the public account's own interest (employment-public.test.ts)",
});
Object.assign(fixtures, {
  'GET /api/employment/interests': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      const [o, p] = [await newOpening(w), await empPerson(w)];
      await empSystemDb(w.t.db.handle.db)
        .insertInto('job_interests')
        .values({ id: `xjint${o.id}`, opening_id: o.id, recipient_id: p, public_account_id: 'xj-account', interested_on: '2026-06-15', created_at: '2026-06-15T02:00:00.000Z' })
        .execute();
      return { method: 'GET', url: '/api/employment/interests?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
} satisfies Record<string, Fixture>);

// ---- ventures and zero-employment households 创业项目、零就业家庭 (issue 15; kept in their own block) ----
// Ventures, mentors and confirmed households are made in the owner's record village: the child
// village and the sibling township see none of them.
Object.assign(unscopedRoutes, {
  'GET /api/zero-employment/settings': 'deployment-wide working age of the zero-employment rule, not an org-unit record',
  'PUT /api/zero-employment/settings': 'deployment-wide working age of the zero-employment rule, changed by county-level unit heads; not an org-unit record',
});

let ventureSeq = 0;
async function ventureBodyOf(w: World): Promise<Record<string, unknown>> {
  const founder = await w.newRecipient({ registered: true });
  return { orgUnitId: w.units.recordVillage, name: `越界测试项目${++ventureSeq}`, sector: 'agriculture', place: '越界村', stage: 'startup', startedOn: '2025-01-01', founderIds: [founder.id], jobsCreated: 3, veteransEmployed: 1 };
}
async function newVenture(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/ventures', await ventureBodyOf(w));
  if (res.statusCode !== 200) throw new Error(`newVenture: ${res.body}`);
  return res.json() as { id: string; version: number };
}
async function newMentor(w: World): Promise<{ id: string }> {
  const r = await w.newRecipient({ registered: true });
  const res = await w.trios.worker.owner.post('/api/ventures/mentors', { orgUnitId: w.units.recordVillage, recipientId: r.id, sectors: ['agriculture'], enterprise: '越界农业' });
  if (res.statusCode !== 200) throw new Error(`newMentor: ${res.body}`);
  return res.json() as { id: string };
}
/** A registered veteran of working age out of work (a zero-employment household of one). */
// the household's member who takes up work when a case is closed as 上岗再就业
const ZERO_MEMBER = '零就业本人';
async function zeroPerson(w: World): Promise<string> {
  const r = await w.newRecipient({ registered: true, birth: '19800505', name: ZERO_MEMBER });
  const res = await w.trios.worker.owner.put(`/api/employment/profiles/${r.id}`, { version: 0, status: 'unemployed' });
  if (res.statusCode !== 200) throw new Error(`zeroPerson: ${res.body}`);
  return r.id;
}
async function newZero(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/zero-employment/households', { recipientId: await zeroPerson(w) });
  if (res.statusCode !== 200) throw new Error(`newZero: ${res.body}`);
  return res.json() as { id: string; version: number };
}
const candidateItems = (body: unknown) => ((body as { items?: { recipientId?: string }[] }).items ?? []);

Object.assign(fixtures, {
  'GET /api/ventures': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newVenture(w);
      return { method: 'GET', url: '/api/ventures?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/ventures': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/ventures', body: await ventureBodyOf(w) }) },
  'GET /api/ventures/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/ventures/${(await newVenture(w)).id}` }) },
  'PUT /api/ventures/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const v = await newVenture(w);
      const { orgUnitId: _u, ...rest } = await ventureBodyOf(w);
      return { method: 'PUT', url: `/api/ventures/${v.id}`, body: { ...rest, version: v.version, stage: 'growth' } };
    },
  },
  'POST /api/ventures/{id}/supports': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/ventures/${(await newVenture(w)).id}/supports`, body: { kind: 'loan', amount: 5000, givenOn: '2026-06-01', giver: '越界银行' } }),
  },
  'POST /api/ventures/{id}/mentorships': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const m = await newMentor(w);
      return { method: 'POST', url: `/api/ventures/${(await newVenture(w)).id}/mentorships`, body: { mentorId: m.id, fromOn: '2026-06-01' } };
    },
  },
  'GET /api/ventures/mentors': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newMentor(w);
      return { method: 'GET', url: '/api/ventures/mentors' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/ventures/mentors': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await w.newRecipient({ registered: true });
      return { method: 'POST', url: '/api/ventures/mentors', body: { orgUnitId: w.units.recordVillage, recipientId: r.id } };
    },
  },
  'GET /api/ledgers/ventures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newVenture(w);
      return { method: 'GET', url: `/api/ledgers/ventures?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/zero-employment/candidates': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await zeroPerson(w);
      return { method: 'GET', url: '/api/zero-employment/candidates?pageSize=200' };
    },
    contains: (b) => candidateItems(b).length > 0,
  },
  'GET /api/zero-employment/assignees': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/zero-employment/assignees?orgUnitId=${w.units.recordVillage}` }) },
  'GET /api/zero-employment/figures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newZero(w);
      return { method: 'GET', url: `/api/zero-employment/figures?orgUnitId=${w.units.recordVillage}&months=3` };
    },
  },
  'GET /api/zero-employment/households': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newZero(w);
      return { method: 'GET', url: '/api/zero-employment/households?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/zero-employment/households': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/zero-employment/households', body: { recipientId: await zeroPerson(w) } }) },
  'GET /api/zero-employment/households/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/zero-employment/households/${(await newZero(w)).id}` }) },
  'POST /api/zero-employment/households/{id}/measures': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const z = await newZero(w);
      return { method: 'POST', url: `/api/zero-employment/households/${z.id}/measures`, body: { version: z.version, kind: 'policy', takenOn: '2026-06-15', note: '越界政策咨询' } };
    },
  },
  'POST /api/zero-employment/households/{id}/reassign': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const z = await newZero(w);
      const staff = await w.newStaff();
      return { method: 'POST', url: `/api/zero-employment/households/${z.id}/reassign`, body: { version: z.version, workerUserId: staff } };
    },
  },
  'POST /api/zero-employment/households/{id}/reemploy': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const z = await newZero(w);
      return { method: 'POST', url: `/api/zero-employment/households/${z.id}/reemploy`, body: { version: z.version, reemployedOn: '2026-06-15', memberName: ZERO_MEMBER, employerName: '越界单位' } };
    },
  },
  'POST /api/zero-employment/households/{id}/revoke': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const z = await newZero(w);
      return { method: 'POST', url: `/api/zero-employment/households/${z.id}/revoke`, body: { version: z.version, reason: '越界撤销' } };
    },
  },
  'GET /api/ledgers/zero-employment-households': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newZero(w);
      return { method: 'GET', url: `/api/ledgers/zero-employment-households?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- honors 荣誉表彰 (issue 15; kept in their own block) ----
// Honors, campaigns, nominations, consents and merit notices are made in the owner's record village
// (a campaign is seen at and below the unit that runs it, so a village-run one is hidden from the
// child village and the sibling township).
import { idCheckCharacter as honorsIdCheck } from '../../src/shared/rules/id-number';

Object.assign(unscopedRoutes, {
  'GET /api/public/org-units/{id}/honor-wall': 'the public honor wall 光荣墙 (seed §18): only people with a recorded, unwithdrawn consent; honors.test.ts shows nothing without consent and nothing after withdrawal',
  'GET /api/public/honor-wall/photos/{id}': 'a photo on the public honor wall, served only while its consent is active (honors.test.ts)',
});

let honorSeq = 0;
async function honorOf(w: World, withDoc = false): Promise<{ id: string; documents: { id: string }[] }> {
  const r = await w.newRecipient({ registered: true });
  const res = await w.trios.worker.owner.post('/api/honors', { recipientId: r.id, title: '越界测试荣誉', level: 'county', giver: '越界测试县', awardedOn: '2026-05-01', documents: withDoc ? [{ name: '证书.png', mime: 'image/png', dataBase64: TINY_PNG }] : [] });
  if (res.statusCode !== 200) throw new Error(`honorOf: ${res.body}`);
  return res.json() as { id: string; documents: { id: string }[] };
}
const campaignBody = (w: World) => ({ orgUnitId: w.units.recordVillage, title: `越界测试评星${++honorSeq}`, criteria: '越界测试标准', levels: [3, 4, 5], periodFrom: '2026-06-01', periodTo: '2026-06-30' });
async function newCampaign(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/honors/campaigns', campaignBody(w));
  if (res.statusCode !== 200) throw new Error(`newCampaign: ${res.body}`);
  return res.json() as { id: string; version: number };
}
async function nominationBody(w: World): Promise<Record<string, unknown>> {
  const r = await w.newRecipient({ registered: true });
  return { recipientId: r.id, orgUnitId: w.units.recordVillage, level: 5, reason: '越界测试理由' };
}
async function newNomination(w: World): Promise<{ campaignId: string; id: string; version: number }> {
  const c = await newCampaign(w);
  const res = await w.trios.worker.owner.post(`/api/honors/campaigns/${c.id}/nominations`, await nominationBody(w));
  if (res.statusCode !== 200) throw new Error(`newNomination: ${res.body}`);
  const n = (res.json() as { nominations: { id: string; version: number }[] }).nominations[0];
  return { campaignId: c.id, id: n.id, version: n.version };
}
async function consented(w: World): Promise<{ id: string; version: number }> {
  const r = await w.newRecipient({ registered: true });
  const res = await w.trios.worker.owner.put(`/api/honors/consents/${r.id}`, { version: 0, method: 'written', consentedOn: '2026-06-10', citation: '越界测试事迹' });
  if (res.statusCode !== 200) throw new Error(`consented: ${res.body}`);
  return { id: r.id, version: (res.json() as { version: number }).version };
}
/** A serving member's family member 现役军人家属 in the record village. */
async function militaryFamily(w: World): Promise<string> {
  honorSeq += 1;
  const first17 = `33052319880215${String(500 + honorSeq).slice(-3)}`;
  const res = await w.trios.worker.owner.post('/api/recipients', { kind: 'militaryFamily', orgUnitId: w.units.recordVillage, name: `越界军属${honorSeq}`, idNumber: first17 + honorsIdCheck(first17), recipientGroup: 'militaryFamily' });
  if (res.statusCode !== 200) throw new Error(`militaryFamily: ${res.body}`);
  return (res.json() as { id: string }).id;
}
const meritBody = async (w: World) => ({ recipientId: await militaryFamily(w), orgUnitId: w.units.recordVillage, servingName: '越界现役', merit: '荣立三等功', servingUnit: '某部', awardedOn: '2026-06-01' });
async function newMerit(w: World, delivered = false): Promise<{ id: string; version: number; files: { id: string }[] }> {
  const a = w.trios.worker.owner;
  const res = await a.post('/api/honors/merit-notices', await meritBody(w));
  if (res.statusCode !== 200) throw new Error(`newMerit: ${res.body}`);
  let m = res.json() as { id: string; version: number; files: { id: string }[] };
  if (delivered) {
    const d = await a.post(`/api/honors/merit-notices/${m.id}/deliver`, { version: m.version, deliveredOn: '2026-06-15', deliveredBy: '越界送达人', photo: { name: '送达.png', mime: 'image/png', dataBase64: TINY_PNG } });
    if (d.statusCode !== 200) throw new Error(`deliver: ${d.body}`);
    m = d.json() as typeof m;
  }
  return m;
}

Object.assign(fixtures, {
  'GET /api/honors': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await honorOf(w);
      return { method: 'GET', url: '/api/honors?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/honors': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: '/api/honors', body: { recipientId: (await w.newRecipient({ registered: true })).id, title: '越界测试荣誉', level: 'other', giver: '越界测试', awardedOn: '2026-05-01' } }),
  },
  'GET /api/honors/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/honors/${(await honorOf(w)).id}` }) },
  'GET /api/honors/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const h = await honorOf(w, true);
      return { method: 'GET', url: `/api/honors/${h.id}/files/${h.documents[0].id}` };
    },
  },
  'GET /api/ledgers/honors': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await honorOf(w);
      return { method: 'GET', url: `/api/ledgers/honors?orgUnitId=${w.units.recordVillage}` };
    },
  },
  'GET /api/honors/campaigns': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newCampaign(w);
      return { method: 'GET', url: '/api/honors/campaigns?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/honors/campaigns': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/honors/campaigns', body: campaignBody(w) }) },
  'GET /api/honors/campaigns/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/honors/campaigns/${(await newCampaign(w)).id}` }) },
  'POST /api/honors/campaigns/{id}/nominations': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/honors/campaigns/${(await newCampaign(w)).id}/nominations`, body: await nominationBody(w) }),
  },
  'POST /api/honors/campaigns/{id}/nominations/{nominationId}/review': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const n = await newNomination(w);
      return { method: 'POST', url: `/api/honors/campaigns/${n.campaignId}/nominations/${n.id}/review`, body: { version: n.version, decision: 'approve', comment: '' } };
    },
  },
  'POST /api/honors/campaigns/{id}/publish': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newCampaign(w);
      return { method: 'POST', url: `/api/honors/campaigns/${c.id}/publish`, body: { version: c.version, publishedOn: '2026-06-15' } };
    },
  },
  'POST /api/honors/campaigns/{id}/cancel': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await newCampaign(w);
      return { method: 'POST', url: `/api/honors/campaigns/${c.id}/cancel`, body: { version: c.version, reason: '越界撤销' } };
    },
  },
  'GET /api/honors/consents/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/honors/consents/${(await consented(w)).id}` }) },
  'PUT /api/honors/consents/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'PUT', url: `/api/honors/consents/${(await w.newRecipient({ registered: true })).id}`, body: { version: 0, method: 'oral', consentedOn: '2026-06-10', citation: '越界测试事迹' } }),
  },
  'POST /api/honors/consents/{id}/withdraw': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const c = await consented(w);
      return { method: 'POST', url: `/api/honors/consents/${c.id}/withdraw`, body: { version: c.version, reason: '越界撤回' } };
    },
  },
  'GET /api/honors/merit-notices': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newMerit(w);
      return { method: 'GET', url: '/api/honors/merit-notices?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/honors/merit-notices': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/honors/merit-notices', body: await meritBody(w) }) },
  'GET /api/honors/merit-notices/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/honors/merit-notices/${(await newMerit(w)).id}` }) },
  'POST /api/honors/merit-notices/{id}/deliver': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const m = await newMerit(w);
      return { method: 'POST', url: `/api/honors/merit-notices/${m.id}/deliver`, body: { version: m.version, deliveredOn: '2026-06-15', deliveredBy: '越界送达人' } };
    },
  },
  'POST /api/honors/merit-notices/{id}/cancel': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const m = await newMerit(w);
      return { method: 'POST', url: `/api/honors/merit-notices/${m.id}/cancel`, body: { version: m.version, reason: '越界撤销' } };
    },
  },
  'GET /api/honors/merit-notices/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const m = await newMerit(w, true);
      return { method: 'GET', url: `/api/honors/merit-notices/${m.id}/files/${m.files[0].id}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- obligations 工作制度 and ledgers' responsible persons (issue 16) ----
// The owner (孝丰镇) declares obligations of its own (township level: its child village neither owes
// nor sees them) and records them; each build takes a fresh definition, since a unit records a period once.
let oblSeq = 0;
async function ownDefinition(w: World): Promise<{ id: string; version: number }> {
  oblSeq += 1;
  const res = await w.trios.worker.owner.post('/api/obligations/definitions', { orgUnitId: w.units.owner, name: `越界测试制度${oblSeq}`, level: 'township', periodKind: 'month', dueDays: 5, recordKind: 'report' });
  if (res.statusCode !== 200) throw new Error(`ownDefinition: ${res.body}`);
  return res.json() as { id: string; version: number };
}
async function ownRecord(w: World): Promise<{ id: string; version: number; files: { id: string }[] }> {
  const d = await ownDefinition(w);
  const res = await w.trios.worker.owner.post('/api/obligations/records', { definitionId: d.id, orgUnitId: w.units.owner, period: '2026-06', heldOn: '2026-06-10', body: '越界测试报告', files: [{ name: '报告.png', mime: 'image/png', dataBase64: TINY_PNG }] });
  if (res.statusCode !== 200) throw new Error(`ownRecord: ${res.body}`);
  return res.json() as { id: string; version: number; files: { id: string }[] };
}
const oblDefBody = (w: World) => ({ orgUnitId: w.units.owner, name: '越界新增制度', level: 'township', periodKind: 'quarter', dueDays: 10, recordKind: 'meeting' });
let responsibleSeq = 0;

Object.assign(fixtures, {
  'GET /api/obligations/definitions': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await ownDefinition(w);
      return { method: 'GET', url: '/api/obligations/definitions' };
    },
    contains: (b) => (b as { items: { name: string }[] }).items.some((d) => d.name.startsWith('越界测试制度')),
  },
  'POST /api/obligations/definitions': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/obligations/definitions', body: oblDefBody(w) }) },
  'PUT /api/obligations/definitions/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const d = await ownDefinition(w);
      return { method: 'PUT', url: `/api/obligations/definitions/${d.id}`, body: { ...oblDefBody(w), version: d.version, active: true, name: `越界修改制度${d.id.slice(-4)}` } };
    },
  },
  'GET /api/obligations/owed': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/obligations/owed?orgUnitId=${w.units.owner}` }),
    contains: (b) => (b as { items: unknown[] }).items.length > 0,
  },
  'GET /api/obligations/reporting': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/obligations/reporting?orgUnitId=${w.units.owner}&definitionId=obl-township-meeting&period=2026-06` }),
    contains: (b) => (b as { children: unknown[] }).children.length > 0,
  },
  'GET /api/obligations/records': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await ownRecord(w);
      return { method: 'GET', url: '/api/obligations/records?pageSize=200' };
    },
    contains: (b) => (b as { items: { body: string }[] }).items.some((r) => r.body === '越界测试报告'),
  },
  'POST /api/obligations/records': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const d = await ownDefinition(w);
      return { method: 'POST', url: '/api/obligations/records', body: { definitionId: d.id, orgUnitId: w.units.owner, period: '2026-06', heldOn: '2026-06-10', body: '越界登记' } };
    },
  },
  'GET /api/obligations/records/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/obligations/records/${(await ownRecord(w)).id}` }) },
  'PUT /api/obligations/records/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await ownRecord(w);
      return { method: 'PUT', url: `/api/obligations/records/${r.id}`, body: { version: r.version, heldOn: '2026-06-11', body: '越界修改' } };
    },
  },
  'GET /api/obligations/records/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await ownRecord(w);
      return { method: 'GET', url: `/api/obligations/records/${r.id}/files/${r.files[0].id}` };
    },
  },
  'GET /api/ledgers/obligations': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await ownRecord(w);
      return { method: 'GET', url: `/api/ledgers/obligations?orgUnitId=${w.units.owner}` };
    },
  },
  'GET /api/ledger-responsibles': {
    kind: 'list',
    roles: 'head',
    build: async (w) => ({ method: 'GET', url: `/api/ledger-responsibles?orgUnitId=${w.units.owner}` }),
    contains: (b) => (b as { items: unknown[] }).items.length > 0,
  },
  'PUT /api/ledger-responsibles': {
    kind: 'record',
    roles: 'head',
    build: async (w) => {
      const ledgers = ['走访慰问台账', '信访事项登记台账', '帮扶援助台账', '工作制度落实台账', '就业创业台账', '光荣牌悬挂台账'];
      responsibleSeq += 1;
      return { method: 'PUT', url: '/api/ledger-responsibles', body: { orgUnitId: w.units.owner, ledger: ledgers[responsibleSeq % ledgers.length], personName: '越界责任人', version: 0 } };
    },
  },
} satisfies Record<string, Fixture>);

// ---- dashboards: the overview of every level (issue 16) ----
Object.assign(unscopedRoutes, {
  'GET /api/figures': "the figure catalogue (names and formulas of the modules' figures, filtered by the caller's read permissions): no record, no number",
});
Object.assign(fixtures, {
  'GET /api/dashboards/overview': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await w.newRecipient({ registered: true });
      return { method: 'GET', url: `/api/dashboards/overview?unitId=${w.units.recordVillage}&period=2026-06` };
    },
  },
} satisfies Record<string, Fixture>);

// notifications 消息通知 (issue 16): a user's own notifications (the owner's worker; the sibling's and
// the child's see none of them and cannot mark one), and a unit's group-robot webhook (the owner
// township, set by its system admin; the sibling's and the child's are out of range)
const ownerWorkerId = (w: World) => w.trios.worker.owner.me!.id;
Object.assign(fixtures, {
  'GET /api/notifications': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await addNotification(w.t.app, ownerWorkerId(w), '越界测试消息');
      return { method: 'GET', url: '/api/notifications?pageSize=200' };
    },
    contains: (b) => (b as { items: { title: string }[] }).items.some((i) => i.title === '越界测试消息'),
  },
  'GET /api/notifications/unread-count': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      // the cases other fixtures opened told the sibling's and child's workers too: read those, so a count
      // they see can only be the owner's new one
      await ledgerSystemDb(w.t.db.handle.db).updateTable('notifications').set({ read_at: w.t.clock.now().toISOString() }).where('user_id', '!=', ownerWorkerId(w)).where('read_at', 'is', null).execute();
      await addNotification(w.t.app, ownerWorkerId(w));
      return { method: 'GET', url: '/api/notifications/unread-count' };
    },
    contains: (b) => (b as { unread: number }).unread > 0,
  },
  'POST /api/notifications/{id}/read': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/notifications/${await addNotification(w.t.app, ownerWorkerId(w))}/read` }),
  },
  'GET /api/org-units/{id}/notification-webhook': { kind: 'record', roles: 'sysAdmin', build: async (w) => ({ method: 'GET', url: `/api/org-units/${w.units.owner}/notification-webhook` }) },
  'PUT /api/org-units/{id}/notification-webhook': {
    kind: 'record',
    roles: 'sysAdmin',
    build: async (w) => ({ method: 'PUT', url: `/api/org-units/${w.units.owner}/notification-webhook`, body: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=xj-test-0001' } }),
  },
} satisfies Record<string, Fixture>);

// ---- evaluation 考核评估 and rectification 整改 (issue 16) ----
// Two kinds of rounds: the owner township (its reviewer) evaluates its record village (the scoring
// side's routes: the child village is not evaluated, so it sees nothing); the county evaluates the
// owner township (the self-assessment side's routes: only the township's own staff act on them).
type EvalDetail = { id: string; version: number; items: { key: string; weight: number; method: string; evidenceRequired: boolean; evidence: { id: string }[] }[]; unitStaff: { id: string }[] };
let evalSeq = 0;
const evalVillageAgents = new WeakMap<World, XjAgent>();
async function evalOk<T>(res: { statusCode: number; body: string; json: () => unknown }, what: string): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.body}`);
  return res.json() as T;
}
/** A staff member of the record village (its self-assessment is its own staff's). */
async function evalVillageAgent(w: World): Promise<XjAgent> {
  let a = evalVillageAgents.get(w);
  if (!a) {
    const username = `xj-eval-v${++evalSeq}`;
    await w.t.createUser({ username, roles: ['worker'], orgUnitId: w.units.recordVillage });
    a = await w.t.login(username);
    evalVillageAgents.set(w, a);
  }
  return a;
}
async function evalSetOf(w: World): Promise<{ id: string; version: number; indicators: unknown[] }> {
  const d = await evalOk<{ indicators: unknown[] }>(await w.trios.reviewer.owner.get('/api/evaluations/sets/default-routine-village'), 'default set');
  return evalOk(await w.trios.reviewer.owner.post('/api/evaluations/sets', { orgUnitId: w.units.owner, basedOn: 'default-routine-village', name: `越界测试指标体系${++evalSeq}`, kind: 'routine', level: 'village', indicators: d.indicators }), 'evalSet');
}
const evalRoundBody = (w: World) => ({ orgUnitId: w.units.owner, setId: 'default-routine-village', title: `越界测试考评${++evalSeq}`, period: '2026', unitIds: [w.units.recordVillage], selfDueDay: '2026-06-30', scorerMode: 'upper' });
/** A round of the owner township over its record village; returns the round and the village's evaluation. */
async function evalVillageRound(w: World): Promise<{ roundId: string; id: string }> {
  const r = await evalOk<{ id: string; evaluations: { id: string }[] }>(await w.trios.reviewer.owner.post('/api/evaluations/rounds', evalRoundBody(w)), 'evalVillageRound');
  return { roundId: r.id, id: r.evaluations[0].id };
}
/** Fills every entered indicator (with evidence where required) as `by`, the unit's own staff. */
async function evalSelfFilled(by: XjAgent, id: string): Promise<EvalDetail> {
  const d = await evalOk<EvalDetail>(await by.get(`/api/evaluations/${id}`), 'evaluation');
  const items = d.items.filter((i) => i.method === 'entered').map((i) => ({ key: i.key, selfScore: i.weight, files: i.evidenceRequired ? [{ name: '佐证.png', mime: 'image/png', dataBase64: TINY_PNG }] : [] }));
  return evalOk<EvalDetail>(await by.put(`/api/evaluations/${id}/self`, { version: d.version, items }), 'self');
}
async function evalSubmitted(w: World, by: XjAgent, id: string): Promise<EvalDetail> {
  const d = await evalSelfFilled(by, id);
  return evalOk<EvalDetail>(await by.post(`/api/evaluations/${id}/submit`, { version: d.version }), 'submit');
}
/** Sheet and score by `scorer` (the organizer's reviewer). */
async function evalScored(scorer: XjAgent, d: EvalDetail, opts: { score?: boolean } = {}): Promise<EvalDetail> {
  const sheet = await evalOk<EvalDetail>(await scorer.put(`/api/evaluations/${d.id}/sheet`, { items: d.items.filter((i) => i.method === 'entered').map((i) => ({ key: i.key, score: i.weight, problem: '越界测试问题' })) }), 'sheet');
  if (opts.score === false) return sheet;
  return evalOk<EvalDetail>(await scorer.post(`/api/evaluations/${d.id}/score`, { version: sheet.version }), 'score');
}
async function evalVillageSubmitted(w: World): Promise<EvalDetail & { roundId: string }> {
  const { roundId, id } = await evalVillageRound(w);
  return { ...(await evalSubmitted(w, await evalVillageAgent(w), id)), roundId };
}
async function evalVillageScored(w: World): Promise<EvalDetail & { roundId: string }> {
  const d = await evalVillageSubmitted(w);
  return { ...(await evalScored(w.trios.reviewer.owner, d)), roundId: d.roundId };
}
/** A round of the county over the owner township; returns the township's evaluation (self-assessing). */
async function evalTownship(w: World): Promise<string> {
  const me = await evalOk<{ orgUnit: { id: string } }>(await w.county.get('/api/me'), 'me');
  const r = await evalOk<{ evaluations: { id: string }[] }>(
    await w.county.post('/api/evaluations/rounds', { orgUnitId: me.orgUnit.id, setId: 'default-routine-township', title: `越界测试县级考评${++evalSeq}`, period: '2026', unitIds: [w.units.owner], selfDueDay: '2026-06-30', scorerMode: 'upper' }),
    'evalTownship',
  );
  return r.evaluations[0].id;
}
/** A rectification of the owner township (its worker is the owner), opened by the county. */
async function evalTownshipRectification(w: World): Promise<{ id: string; version: number }> {
  const id = await evalTownship(w);
  const d = await evalScored(w.county, await evalSubmitted(w, w.trios.worker.owner, id));
  const mine = await evalOk<EvalDetail>(await w.county.get(`/api/evaluations/${d.id}`), 'evaluation');
  const owner = (await evalOk<{ id: string }>(await w.trios.worker.owner.get('/api/me'), 'me')).id;
  if (!mine.unitStaff.some((s) => s.id === owner)) throw new Error('rectification owner not among the unit staff');
  return evalOk(await w.county.post(`/api/evaluations/${d.id}/rectifications`, { indicatorKey: 'records', problem: '越界测试问题', ownerUserId: owner, dueDay: '2026-06-30' }), 'rectification');
}
const evalItems = (body: unknown) => ((body as { items?: { id: string }[] }).items ?? []);
const evalHas = (id: () => string) => (body: unknown) => evalItems(body).some((x) => x.id === id());
let evalLast = '';

Object.assign(fixtures, {
  'GET /api/evaluations/sets': {
    kind: 'list',
    roles: 'reviewer',
    build: async (w) => {
      evalLast = (await evalSetOf(w)).id;
      return { method: 'GET', url: '/api/evaluations/sets' };
    },
    contains: evalHas(() => evalLast),
  },
  'POST /api/evaluations/sets': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const d = await evalOk<{ indicators: unknown[] }>(await w.trios.reviewer.owner.get('/api/evaluations/sets/default-routine-village'), 'default set');
      return { method: 'POST', url: '/api/evaluations/sets', body: { orgUnitId: w.units.owner, basedOn: 'default-routine-village', name: '越界测试新指标体系', kind: 'routine', level: 'village', indicators: d.indicators } };
    },
  },
  'GET /api/evaluations/sets/{id}': { kind: 'record', roles: 'reviewer', build: async (w) => ({ method: 'GET', url: `/api/evaluations/sets/${(await evalSetOf(w)).id}` }) },
  'PUT /api/evaluations/sets/{id}': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const s = await evalSetOf(w);
      return { method: 'PUT', url: `/api/evaluations/sets/${s.id}`, body: { name: '越界测试改名', kind: 'routine', level: 'village', indicators: s.indicators, version: s.version } };
    },
  },
  'GET /api/evaluations/rounds': {
    kind: 'list',
    roles: 'reviewer',
    build: async (w) => {
      evalLast = (await evalVillageRound(w)).roundId;
      return { method: 'GET', url: '/api/evaluations/rounds?pageSize=200' };
    },
    contains: evalHas(() => evalLast),
  },
  'GET /api/evaluations/scorers': {
    kind: 'list',
    roles: 'reviewer',
    build: async (w) => {
      const a = await evalVillageAgent(w);
      evalLast = (await evalOk<{ id: string }>(await a.get('/api/me'), 'me')).id;
      return { method: 'GET', url: `/api/evaluations/scorers?orgUnitId=${w.units.owner}` };
    },
    contains: evalHas(() => evalLast),
  },
  'POST /api/evaluations/rounds': { kind: 'record', roles: 'reviewer', build: async (w) => ({ method: 'POST', url: '/api/evaluations/rounds', body: evalRoundBody(w) }) },
  'GET /api/evaluations/rounds/{id}': { kind: 'record', roles: 'reviewer', build: async (w) => ({ method: 'GET', url: `/api/evaluations/rounds/${(await evalVillageRound(w)).roundId}` }) },
  'GET /api/evaluations/rounds/{id}/results': { kind: 'record', roles: 'reviewer', build: async (w) => ({ method: 'GET', url: `/api/evaluations/rounds/${(await evalVillageRound(w)).roundId}/results` }) },
  'GET /api/evaluations/rounds/{id}/results/export': { kind: 'record', roles: 'reviewer', build: async (w) => ({ method: 'GET', url: `/api/evaluations/rounds/${(await evalVillageRound(w)).roundId}/results/export` }) },
  'GET /api/evaluations/rectifications': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      evalLast = (await evalTownshipRectification(w)).id;
      return { method: 'GET', url: '/api/evaluations/rectifications?pageSize=200' };
    },
    contains: evalHas(() => evalLast),
  },
  'GET /api/evaluations/rectifications/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/evaluations/rectifications/${(await evalTownshipRectification(w)).id}` }) },
  'POST /api/evaluations/rectifications/{id}/complete': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await evalTownshipRectification(w);
      return { method: 'POST', url: `/api/evaluations/rectifications/${r.id}/complete`, body: { version: r.version, report: '越界测试整改情况' } };
    },
  },
  'GET /api/evaluations': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      evalLast = await evalTownship(w);
      return { method: 'GET', url: '/api/evaluations?pageSize=200' };
    },
    contains: evalHas(() => evalLast),
  },
  'GET /api/evaluations/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/evaluations/${await evalTownship(w)}` }) },
  'PUT /api/evaluations/{id}/self': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const id = await evalTownship(w);
      const d = await evalOk<EvalDetail>(await w.trios.worker.owner.get(`/api/evaluations/${id}`), 'evaluation');
      return { method: 'PUT', url: `/api/evaluations/${id}/self`, body: { version: d.version, items: [{ key: 'records', selfScore: 5, selfNote: '越界测试自评' }] } };
    },
  },
  'GET /api/evaluations/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const d = await evalSelfFilled(w.trios.worker.owner, await evalTownship(w));
      const f = d.items.flatMap((i) => i.evidence)[0];
      return { method: 'GET', url: `/api/evaluations/${d.id}/files/${f.id}` };
    },
  },
  'POST /api/evaluations/{id}/submit': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const d = await evalSelfFilled(w.trios.worker.owner, await evalTownship(w));
      return { method: 'POST', url: `/api/evaluations/${d.id}/submit`, body: { version: d.version } };
    },
  },
  'POST /api/evaluations/{id}/return': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const d = await evalVillageSubmitted(w);
      return { method: 'POST', url: `/api/evaluations/${d.id}/return`, body: { version: d.version, reason: '越界测试退回' } };
    },
  },
  'PUT /api/evaluations/{id}/sheet': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const d = await evalVillageSubmitted(w);
      return { method: 'PUT', url: `/api/evaluations/${d.id}/sheet`, body: { items: [{ key: 'records', score: 10, problem: '越界测试问题' }] } };
    },
  },
  'POST /api/evaluations/{id}/score': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const d = await evalScored(w.trios.reviewer.owner, await evalVillageSubmitted(w), { score: false });
      return { method: 'POST', url: `/api/evaluations/${d.id}/score`, body: { version: d.version } };
    },
  },
  'POST /api/evaluations/{id}/reopen': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const d = await evalVillageScored(w);
      return { method: 'POST', url: `/api/evaluations/${d.id}/reopen`, body: { version: d.version, reason: '越界测试重评' } };
    },
  },
  'POST /api/evaluations/{id}/publish': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const d = await evalVillageScored(w);
      return { method: 'POST', url: `/api/evaluations/${d.id}/publish`, body: { version: d.version } };
    },
  },
  'POST /api/evaluations/{id}/rectifications': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const d = await evalVillageScored(w);
      const staff = await evalOk<EvalDetail>(await w.trios.reviewer.owner.get(`/api/evaluations/${d.id}`), 'evaluation');
      return { method: 'POST', url: `/api/evaluations/${d.id}/rectifications`, body: { indicatorKey: 'records', problem: '越界测试问题', ownerUserId: staff.unitStaff[0].id, dueDay: '2026-06-30' } };
    },
  },
} satisfies Record<string, Fixture>);

// ---- the semi-annual summary 半年工作总结 (issue 16) ----
// Each fixture takes a fresh half-year (one summary per unit and half-year); a village summary is
// written by a worker of the owner's record village and reviewed by the owner township (its parent).
let summaryHalfSeq = 0;
const nextSummaryHalf = () => {
  const n = summaryHalfSeq++;
  return `${2001 + Math.floor(n / 2)}-H${(n % 2) + 1}`;
};
const summaryVillageWorkers = new WeakMap<World, XjAgent>();
async function summaryVillageWorker(w: World): Promise<XjAgent> {
  let a = summaryVillageWorkers.get(w);
  if (!a) {
    counterSummaryUser += 1;
    const username = `xj-sum-${counterSummaryUser}`;
    await w.t.createUser({ username, roles: ['worker'], orgUnitId: w.units.recordVillage });
    a = await w.t.login(username);
    summaryVillageWorkers.set(w, a);
  }
  return a;
}
let counterSummaryUser = 0;
type SummaryRef = { id: string; version: number; editVersion: number; halfYear: string };
async function newSummary(by: XjAgent, orgUnitId: string, opts: { submit?: boolean } = {}): Promise<SummaryRef> {
  const res = await by.post('/api/summaries', { orgUnitId, halfYear: nextSummaryHalf() });
  if (res.statusCode !== 200) throw new Error(`newSummary: ${res.body}`);
  let s = res.json() as SummaryRef;
  if (opts.submit) {
    const r = await by.post(`/api/summaries/${s.id}/submit`, { version: s.version });
    if (r.statusCode !== 200) throw new Error(`submit summary: ${r.body}`);
    s = r.json() as SummaryRef;
  }
  return s;
}
/** A record village's summary, submitted to the owner township (and accepted by its reviewer when asked). */
async function villageSummary(w: World, state: 'draft' | 'submitted' | 'accepted' = 'draft'): Promise<SummaryRef> {
  let s = await newSummary(await summaryVillageWorker(w), w.units.recordVillage, { submit: state !== 'draft' });
  if (state === 'accepted') {
    const r = await w.trios.reviewer.owner.post(`/api/summaries/${s.id}/accept`, { version: s.version });
    if (r.statusCode !== 200) throw new Error(`accept summary: ${r.body}`);
    s = r.json() as SummaryRef;
  }
  return s;
}
let lastListedSummary = '';

Object.assign(fixtures, {
  'GET /api/summaries': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      const s = await villageSummary(w);
      lastListedSummary = s.id;
      return { method: 'GET', url: `/api/summaries?halfYear=${s.halfYear}` };
    },
    contains: (b) => ((b as { children?: { summary: { id: string } | null }[] }).children ?? []).some((c) => c.summary?.id === lastListedSummary),
  },
  'POST /api/summaries': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/summaries', body: { orgUnitId: w.units.owner, halfYear: nextSummaryHalf() } }) },
  'GET /api/summaries/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/summaries/${(await villageSummary(w)).id}` }) },
  'PUT /api/summaries/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const s = await newSummary(w.trios.worker.owner, w.units.owner);
      return { method: 'PUT', url: `/api/summaries/${s.id}`, body: { editVersion: s.editVersion, work: '越界修改', problems: '', plans: '' } };
    },
  },
  'POST /api/summaries/{id}/submit': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const s = await newSummary(w.trios.worker.owner, w.units.owner);
      return { method: 'POST', url: `/api/summaries/${s.id}/submit`, body: { version: s.version } };
    },
  },
  'POST /api/summaries/{id}/return': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const s = await villageSummary(w, 'submitted');
      return { method: 'POST', url: `/api/summaries/${s.id}/return`, body: { version: s.version, comment: '越界退回' } };
    },
  },
  'POST /api/summaries/{id}/accept': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const s = await villageSummary(w, 'submitted');
      return { method: 'POST', url: `/api/summaries/${s.id}/accept`, body: { version: s.version } };
    },
  },
  'POST /api/summaries/{id}/reopen': {
    kind: 'record',
    roles: 'reviewer',
    build: async (w) => {
      const s = await villageSummary(w, 'accepted');
      return { method: 'POST', url: `/api/summaries/${s.id}/reopen`, body: { version: s.version, comment: '越界重新打开' } };
    },
  },
  'GET /api/summaries/{id}/docx': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/summaries/${(await villageSummary(w)).id}/docx` }) },
} satisfies Record<string, Fixture>);

// ---- hard problems 疑难问题 (issue 16; kept in their own block) ----
// A problem is reported by the owner (a township) for its record village: it goes to the owner
// township, whose own staff study it, pass it up or resolve it. The raiser's range sees it; the
// sibling township and the child village never.
let hpSeq = 0;
const hpPng = { name: '现场照片.png', mime: 'image/png', dataBase64: TINY_PNG };
function hardProblemBody(w: World, files: unknown[] = []): Record<string, unknown> {
  return { orgUnitId: w.units.recordVillage, category: 'living', title: `越界疑难问题${++hpSeq}`, description: '越界测试问题描述', tried: '越界测试已采取措施', files };
}
async function newHardProblem(w: World, files: unknown[] = []): Promise<{ id: string; version: number; files: { id: string }[] }> {
  const res = await w.trios.worker.owner.post('/api/hard-problems', hardProblemBody(w, files));
  if (res.statusCode !== 200) throw new Error(`newHardProblem: ${res.body}`);
  return res.json() as { id: string; version: number; files: { id: string }[] };
}

Object.assign(fixtures, {
  'GET /api/hard-problems': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newHardProblem(w);
      return { method: 'GET', url: '/api/hard-problems?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/hard-problems': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/hard-problems', body: hardProblemBody(w) }) },
  'GET /api/hard-problems/review': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newHardProblem(w);
      return { method: 'GET', url: `/api/hard-problems/review?orgUnitId=${w.units.owner}` };
    },
    contains: (b) => ((b as { items?: unknown[] }).items ?? []).length > 0,
  },
  'GET /api/hard-problems/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/hard-problems/${(await newHardProblem(w)).id}` }) },
  'POST /api/hard-problems/{id}/actions': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newHardProblem(w);
      return { method: 'POST', url: `/api/hard-problems/${p.id}/actions`, body: { action: 'study', version: p.version, comment: '', studiedOn: '2026-06-15', participants: '越界参加人员', notes: '越界研究情况' } };
    },
  },
  'GET /api/hard-problems/{id}/files/{fileId}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const p = await newHardProblem(w, [hpPng]);
      return { method: 'GET', url: `/api/hard-problems/${p.id}/files/${p.files[0].id}` };
    },
  },
  'GET /api/ledgers/hard-problems': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      await newHardProblem(w);
      return { method: 'GET', url: `/api/ledgers/hard-problems?orgUnitId=${w.units.recordVillage}` };
    },
  },
} satisfies Record<string, Fixture>);

// ---- satisfaction surveys 满意度调查 (issue 16; kept in their own block) ----
// Questionnaires and runs are made for the owner's record village (the child village and the
// sibling township see none of them); the people invited are those visited there in June 2026.
Object.assign(unscopedRoutes, {
  'GET /api/public/surveys/{token}': 'the public answering page: the token is the credential (an unknown one is 404); shows the questionnaire and the running unit only (surveys.test.ts: another’s, a used and a closed token)',
  'POST /api/public/surveys/{token}/answers': 'answers the one invitation the token names, once (surveys.test.ts: a second answer is 409, a closed survey 409, an unknown token 404)',
});

let surveySeq = 0;
const surveyQuestions = [
  { id: 'q1', kind: 'rating', text: '您对服务站的服务是否满意？', options: [], required: true },
  { id: 'q2', kind: 'text', text: '您的意见和建议', options: [], required: false },
];
async function newQuestionnaire(w: World, published = true): Promise<{ id: string; version: number }> {
  const a = w.trios.worker.owner;
  const res = await a.post('/api/surveys/questionnaires', { orgUnitId: w.units.recordVillage, title: `越界测试问卷${++surveySeq}`, intro: '', questions: surveyQuestions });
  if (res.statusCode !== 200) throw new Error(`newQuestionnaire: ${res.body}`);
  const q = res.json() as { id: string; version: number };
  if (!published) return q;
  const p = await a.post(`/api/surveys/questionnaires/${q.id}/publish`, { version: q.version });
  if (p.statusCode !== 200) throw new Error(`publish: ${p.body}`);
  return p.json() as { id: string; version: number };
}
async function surveyRunBody(w: World): Promise<Record<string, unknown>> {
  await newVisit(w);
  const q = await newQuestionnaire(w);
  return { questionnaireId: q.id, orgUnitId: w.units.recordVillage, title: `越界测试调查${surveySeq}`, period: '2026-06', sources: ['visits'], sampleMode: 'all', sampleValue: null, closesOn: '2026-06-30' };
}
async function newSurveyRun(w: World): Promise<{ id: string; version: number }> {
  const res = await w.trios.worker.owner.post('/api/surveys/runs', await surveyRunBody(w));
  if (res.statusCode !== 200) throw new Error(`newSurveyRun: ${res.body}`);
  return res.json() as { id: string; version: number };
}
async function newInvitation(w: World): Promise<string> {
  const run = await newSurveyRun(w);
  const res = await w.trios.worker.owner.get(`/api/surveys/runs/${run.id}/invitations?answered=false`);
  return (res.json() as { items: { id: string }[] }).items[0].id;
}

Object.assign(fixtures, {
  'GET /api/surveys/questionnaires': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newQuestionnaire(w, false);
      return { method: 'GET', url: '/api/surveys/questionnaires?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/surveys/questionnaires': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/surveys/questionnaires', body: { orgUnitId: w.units.recordVillage, title: '越界新建问卷', questions: surveyQuestions } }) },
  'GET /api/surveys/questionnaires/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/surveys/questionnaires/${(await newQuestionnaire(w, false)).id}` }) },
  'PUT /api/surveys/questionnaires/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const q = await newQuestionnaire(w, false);
      return { method: 'PUT', url: `/api/surveys/questionnaires/${q.id}`, body: { version: q.version, title: '越界修改问卷', intro: '', questions: surveyQuestions } };
    },
  },
  'POST /api/surveys/questionnaires/{id}/publish': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const q = await newQuestionnaire(w, false);
      return { method: 'POST', url: `/api/surveys/questionnaires/${q.id}/publish`, body: { version: q.version } };
    },
  },
  'GET /api/surveys/runs': {
    kind: 'list',
    roles: 'worker',
    build: async (w) => {
      await newSurveyRun(w);
      return { method: 'GET', url: '/api/surveys/runs?pageSize=200' };
    },
    contains: (b) => items(b).length > 0,
  },
  'POST /api/surveys/runs': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'POST', url: '/api/surveys/runs', body: await surveyRunBody(w) }) },
  'GET /api/surveys/runs/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/surveys/runs/${(await newSurveyRun(w)).id}` }) },
  'POST /api/surveys/runs/{id}/close': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const r = await newSurveyRun(w);
      return { method: 'POST', url: `/api/surveys/runs/${r.id}/close`, body: { version: r.version } };
    },
  },
  'GET /api/surveys/runs/{id}/invitations': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/surveys/runs/${(await newSurveyRun(w)).id}/invitations` }) },
  'GET /api/surveys/runs/{id}/letters': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/surveys/runs/${(await newSurveyRun(w)).id}/letters` }) },
  'GET /api/surveys/invitations/{id}': { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/surveys/invitations/${await newInvitation(w)}` }) },
  'POST /api/surveys/invitations/{id}/answers': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'POST', url: `/api/surveys/invitations/${await newInvitation(w)}/answers`, body: { answers: [{ questionId: 'q1', value: 5 }] } }),
  },
} satisfies Record<string, Fixture>);

// ---- issue 15 edits (h15): job fair results per person 招聘会逐人结果, activity edits, exemplar text revisions (kept in their own block) ----
Object.assign(fixtures, {
  'PUT /api/education/exemplars/{id}/text': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const e = await newExemplar(w);
      const ret = await w.trios.worker.owner.post(`/api/education/exemplars/${e.id}/actions`, { action: 'return', comment: '越界退回', version: e.version });
      if (ret.statusCode !== 200) throw new Error(`return: ${ret.body}`);
      const r = ret.json() as { version: number };
      return { method: 'PUT', url: `/api/education/exemplars/${e.id}/text`, body: { category: 'volunteer', honorLevel: 'none', title: '越界修改典型', reason: '越界修改事迹', version: r.version } };
    },
  },
  'PUT /api/education/activities/{id}': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const a = await newActivity(w);
      const { orgUnitId: _u, ...rest } = activityBody(w);
      return { method: 'PUT', url: `/api/education/activities/${a.id}`, body: { ...rest, version: a.version } };
    },
  },
  'PUT /api/job-fairs/{id}/results': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => {
      const f = await newFair(w);
      return { method: 'PUT', url: `/api/job-fairs/${f.id}/results`, body: { results: [{ recipientId: f.person, outcome: 'none' }] } };
    },
  },
} satisfies Record<string, Fixture>);

// ---- ledgers' responsible persons on every ledger's list page (issue 16) ----
Object.assign(fixtures, {
  'GET /api/ledger-responsibles/one': {
    kind: 'record',
    roles: 'worker',
    build: async (w) => ({ method: 'GET', url: `/api/ledger-responsibles/one?orgUnitId=${w.units.owner}&ledger=${encodeURIComponent('走访慰问台账')}` }),
  },
} satisfies Record<string, Fixture>);
// ---- evaluation results made public (Part 12 四(五)) ----
unscopedRoutes['GET /api/public/org-units/{id}/evaluation-results'] =
  "a unit's public results page: rounds organized at or below it with published results, each published unit's name, total and rank only (no people, notes, problems or evidence); unpublished units never appear (evaluations.test.ts)";

// ---- survey results export ----
fixtures['GET /api/surveys/runs/{id}/export'] = { kind: 'record', roles: 'worker', build: async (w) => ({ method: 'GET', url: `/api/surveys/runs/${(await newSurveyRun(w)).id}/export` }) };
