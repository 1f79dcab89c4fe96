// Builds a generated world on a real database: the org tree and the accounts directly through
// the org-units service and the staff repo (the fast path), every record through the HTTP API as
// the world's county head would create it, then the unit moves and merges through the org-units
// service. Each world is a new county under a test city, so worlds never see each other.
import { systemDb } from '../../src/server/db/system';
import { createOrgUnit, mergeOrgUnit, moveOrgUnit } from '../../src/server/modules/org-units/org-units-test-support';
import { sha256Hex } from '../../src/server/platform/crypto';
import { newToken } from '../../src/server/platform/ids';
import type { Actor } from '../../src/server/platform/auth';
import type { Scope } from '../../src/server/platform/jurisdiction';
import type { Role } from '../../src/shared/permissions';
import { idCheckCharacter } from '../../src/shared/rules/id-number';
import { Agent, TEST_NOW, type TestApp } from '../helpers/app';
import {
  applyOp,
  inSubtree,
  renameUnits,
  resolveOp,
  treeOf,
  type ModelRecord,
  type ModelUser,
  type Tree,
  type WorldPlan,
} from './model';

export type BuiltWorld = {
  plan: WorldPlan;
  county: string;
  unitIds: string[];
  tree: Tree;
  /** the generated users, then the world's county head (the one who built the records) */
  users: ModelUser[];
  agents: Agent[];
  records: ModelRecord[];
  /** the operations applied, with their resolved targets (a planned one no unit allows is skipped) */
  appliedOps: WorldPlan['ops'];
};

const PROVINCE_CODE = '33';
const WORLD_NAME = '性质测试县';
let userSeq = 0;
let personSeq = 0;

/** One worker session, written straight into the sessions table (no password hashing per user). */
async function signedIn(t: TestApp, userId: string): Promise<Agent> {
  const token = newToken();
  const csrf = newToken();
  await systemDb(t.db.handle.db)
    .insertInto('sessions')
    .values({ id: sha256Hex(token), user_id: userId, csrf_token: csrf, stage: 'active', created_at: TEST_NOW, last_seen_at: TEST_NOW, ip: null, user_agent: null })
    .execute();
  const a = t.agent();
  a.cookies = { rj_session: token, rj_csrf: csrf };
  return a;
}

async function ok<T>(what: string, res: Promise<{ statusCode: number; body: string; json: () => unknown }>, want = 200): Promise<T> {
  const r = await res;
  if (r.statusCode !== want) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}

export async function buildWorld(t: TestApp, plan: WorldPlan): Promise<BuiltWorld> {
  const sys = systemDb(t.db.handle.db);
  const ctx = t.app.ctx;
  const province = await sys.selectFrom('org_units').select(['id', 'path']).where('code', '=', PROVINCE_CODE).executeTakeFirstOrThrow();
  const scope: Scope = { userId: 'scope-properties', orgUnitId: province.id, path: province.path };
  const actor: Actor = { userId: null, username: 'scope-properties', orgUnitId: province.id, ip: null };
  // the n-th world of this database is county n % 100 of test city 3390 + n / 100 (made when first needed)
  const n = Number((await sys.selectFrom('org_units').select((eb) => eb.fn.countAll().as('n')).where('name', 'like', `${WORLD_NAME}%`).executeTakeFirstOrThrow()).n);
  const cityCode = `${PROVINCE_CODE}${90 + Math.floor(n / 100)}`;
  if (n >= 1000) throw new Error('scope properties: at most 1,000 worlds per database');
  const city =
    (await sys.selectFrom('org_units').select('id').where('code', '=', cityCode).executeTakeFirst()) ??
    (await createOrgUnit(ctx, scope, actor, { parentId: province.id, name: `性质测试市${cityCode}`, code: cityCode, address: '', phone: '', officeHours: '', headName: '' }));
  const countyCode = `${cityCode}${String(n % 100).padStart(2, '0')}`;

  // ---- the tree: a new county, parents before children ----
  const unitIds: string[] = [];
  const codes: string[] = [];
  const childCount = new Map<number, number>();
  for (const [i, u] of plan.units.entries()) {
    if (u.level === 'county') {
      unitIds.push((await createOrgUnit(ctx, scope, actor, { parentId: city.id, name: `${WORLD_NAME}${countyCode}`, code: countyCode, address: '', phone: '', officeHours: '', headName: '' })).id);
      codes.push(countyCode);
      continue;
    }
    const k = (childCount.get(u.parent) ?? 0) + 1;
    childCount.set(u.parent, k);
    const code = u.level === 'grid' ? undefined : `${codes[u.parent]}${String(k).padStart(3, '0')}`;
    const dto = await createOrgUnit(ctx, scope, actor, { parentId: unitIds[u.parent], name: `单位${i}`, code, address: '', phone: '', officeHours: '', headName: '' });
    unitIds.push(dto.id);
    codes.push(dto.code);
  }

  // ---- accounts: the generated users, then the county head who builds the records ----
  const users: ModelUser[] = [];
  const agents: Agent[] = [];
  const addUser = async (unit: number, roles: Role[], head: boolean) => {
    const id = await t.createUser({ username: `sp-${++userSeq}`, roles, orgUnitId: unitIds[unit] });
    users.push({ index: users.length, unit, head, id });
    agents.push(await signedIn(t, id));
  };
  for (const u of plan.users) await addUser(u.unit, u.head ? ['worker', 'station_head'] : ['worker'], u.head);
  await addUser(0, ['worker', 'station_head', 'county_reviewer'], true);
  const head = agents[agents.length - 1];
  const headUser = users[users.length - 1];
  const tree = treeOf(plan);
  const inRange = (user: Pick<ModelUser, 'unit'>, unit: number) => inSubtree(tree, unit, user.unit);

  // ---- records ----
  const records: ModelRecord[] = [];
  const add = (kind: ModelRecord['kind'], id: string, unit: number, extra: Partial<ModelRecord> = {}) =>
    records.push({ kind, id, unit, restricted: false, grantUsers: [], grantUnits: [], ...extra });

  for (const r of plan.recipients) {
    const n = ++personSeq;
    const first17 = `330523${1950 + (Math.floor(n / 1000) % 50)}0612${String(n % 1000).padStart(3, '0')}`;
    const register = r.stage !== 'draft' && r.stage !== 'submitted';
    const visit = r.stage === 'visit' || r.stage === 'visitPlaque';
    const plaque = r.stage === 'plaque' || r.stage === 'visitPlaque';
    const created = await ok<{ id: string; version: number }>(
      'recipient',
      head.post('/api/recipients', {
        kind: 'veteran',
        orgUnitId: unitIds[r.unit],
        name: `性质${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${n}`,
        idNumber: first17 + idCheckCharacter(first17),
        recipientGroup: 'dischargedSoldier',
        phone: `1385721${String(n % 10000).padStart(4, '0')}`,
        bankAccount: '6217000011112222',
        ...(plaque && { household: { mode: 'new', address: `性质测试户${n}号` } }),
      }),
    );
    add('recipient', created.id, r.unit);
    if (r.stage === 'draft') continue;
    await ok('submit', head.post(`/api/recipients/${created.id}/submit`, { version: created.version }));
    const review = (await ok<{ items: { id: string; version: number }[] }>('review case', head.get(`/api/cases?subjectId=${created.id}&open=true`))).items[0];
    add('case', review.id, r.unit);
    if (!register) continue;
    await ok('approve', head.post(`/api/cases/${review.id}/actions`, { action: 'approve', version: review.version }));
    if (r.transfer !== null) {
      // 迁出: a transfer case of the recipient's unit waiting on the receiving unit, which sees it
      // by a unit grant unless its range already holds the recipient's unit (when the case opens).
      // the kernel grants the receiving unit (the counterpart) always, so a later move of the
      // recipient's village out of the receiving township keeps the case in the township's sight
      const others = unitIds.map((_, u) => u).filter((u) => u !== r.unit);
      const to = others[r.transfer % others.length];
      const { caseId } = await ok<{ caseId: string }>('transfer', head.post('/api/transfers', { direction: 'out', recipientId: created.id, toUnitId: unitIds[to], reason: '随子女迁居' }));
      add('case', caseId, r.unit, { grantUnits: [to] });
    }
    if (visit) {
      const v = await ok<{ id: string }>(
        'visit',
        head.post('/api/visits', { clientKey: `sp-visit-${n}-${Date.now()}`, recipientId: created.id, visitedOn: '2026-06-14', visitType: 'home', visitors: '性质测试' }),
        201,
      );
      add('visit', v.id, r.unit);
    }
    if (plaque) {
      const d = await ok<{ household: { id: string } | null }>('recipient detail', head.get(`/api/recipients/${created.id}`));
      const p = await ok<{ id: string }>('plaque', head.post('/api/glory-plaques', { householdId: d.household!.id, basis: 'application', appliedOn: '2026-06-01' }));
      add('plaque', p.id, r.unit);
    }
  }

  for (const [k, p] of plan.petitions.entries()) {
    // the registrar (also the first handler) is a user whose range holds the petition's unit
    const candidates = users.filter((u) => inRange(u, p.unit));
    const registrar = candidates[p.registrar % candidates.length];
    const created = await ok<{ id: string }>(
      'petition',
      agents[registrar.index].post('/api/petitions', {
        orgUnitId: unitIds[p.unit],
        channel: 'letter',
        receivedOn: '2026-06-10',
        petitionerName: `性质信访人${k}`,
        phone: '13905720088',
        address: '性质测试村 1 号',
        headcount: 1,
        type: p.accusation ? 'accusation' : 'claim',
        category: 'pension',
        request: '请求落实待遇',
        facts: '事实',
        handlerUserId: registrar.id,
      }),
    );
    // a 检举控告 is shared with its registrar (the handler) and the heads of its unit only
    const participants = p.accusation ? [...new Set([registrar.index, ...users.filter((u) => u.head && u.unit === p.unit).map((u) => u.index)])] : [];
    const rec = { restricted: p.accusation, grantUsers: participants };
    let unit = p.unit;
    let grantUnits: number[] = [];
    if (p.escalate && p.unit !== 0) {
      // 交上级: the case moves one level up. An open one leaves the lower unit a unit grant to
      // track it; a restricted one names the heads of the upper unit instead (its first handler,
      // the registrar, escalates it: the county head may be no participant)
      const by = p.accusation ? agents[registrar.index] : head;
      const { version } = await ok<{ version: number }>('petition detail', by.get(`/api/petitions/${created.id}`));
      await ok('escalate', by.post(`/api/petitions/${created.id}/actions`, { action: 'escalate', version, reason: '需上级协调' }));
      unit = tree.parent[p.unit]!;
      if (p.accusation) rec.grantUsers = [...new Set([...rec.grantUsers, ...users.filter((u) => u.head && u.unit === unit).map((u) => u.index)])];
      else grantUnits = [p.unit];
    }
    add('petition', created.id, unit, { ...rec, grantUnits });
    add('case', created.id, unit, { ...rec, grantUnits: [...grantUnits] });
  }

  for (const [k, d] of plan.disputes.entries()) {
    const created = await ok<{ id: string }>(
      'dispute',
      head.post('/api/disputes', {
        orgUnitId: unitIds[d.unit],
        foundOn: '2026-06-10',
        method: 'fieldVisit',
        parties: [{ name: `性质当事人${k}` }],
        summary: '性质测试纠纷',
        riskLevel: 'low',
        responsibleUserId: headUser.id,
        deadline: '2026-06-30',
      }),
    );
    add('dispute', created.id, d.unit);
  }

  // ---- moves and merges through the org-units service, as the county head ----
  const headScope: Scope = { userId: headUser.id, orgUnitId: unitIds[0], path: (await sys.selectFrom('org_units').select('path').where('id', '=', unitIds[0]).executeTakeFirstOrThrow()).path };
  const appliedOps: WorldPlan['ops'] = [];
  for (const planned of plan.ops) {
    const op = resolveOp(tree, planned, 0);
    if (!op) continue;
    if (op.kind === 'move') await moveOrgUnit(ctx, headScope, actor, unitIds[op.unit], unitIds[op.target]);
    else await mergeOrgUnit(ctx, headScope, actor, unitIds[op.unit], unitIds[op.target]);
    renameUnits(records, users, applyOp(tree, op));
    appliedOps.push(op);
  }

  return { plan, county: unitIds[0], unitIds, tree, users, agents, records, appliedOps };
}
