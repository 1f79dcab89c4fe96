// The world of the cross-jurisdiction suite: an owner unit (孝丰镇), a sibling (杭垓镇) and a
// child of the owner (its second village), each with the same roles, and records that belong
// to the owner outside the child's branch (the owner's third and fourth villages).
import { sql } from 'kysely';
import { systemDb, type SystemDb } from '../../src/server/db/system';
import type { Role } from '../../src/shared/permissions';
import { idCheckCharacter } from '../../src/shared/rules/id-number';
import { createTestApp, json, type Agent, type TestApp } from '../helpers/app';
import type { DbKind } from '../helpers/db';

export const OWNER_CODE = '330523105'; // 孝丰镇
export const SIBLING_CODE = '330523104'; // 杭垓镇

export type Trio = { owner: Agent; sibling: Agent; child: Agent };
export type RoleSet = 'sysAdmin' | 'auditor' | 'security' | 'worker' | 'reviewer' | 'head';

export type World = {
  t: TestApp;
  units: { owner: string; sibling: string; child: string; recordVillage: string; otherVillage: string };
  trios: Record<RoleSet, Trio>;
  /** makes a fresh staff account in the owner's record village, returns its id */
  newStaff: () => Promise<string>;
  /** makes an audit admin account in the owner's record village, returns its id */
  newAdminAccount: () => Promise<string>;
  /** makes a fresh grid in the owner's record village, returns its id */
  newGrid: () => Promise<string>;
  /** registers a veteran in the owner's record village (draft, or submitted and approved) */
  newRecipient: (opts?: { registered?: boolean; name?: string; birth?: string; household?: boolean; politicalStatus?: string }) => Promise<{ id: string; version: number }>;
  /** a household in the owner's record village whose head is a registered veteran (eligible for a glory plaque) */
  newHousehold: () => Promise<{ householdId: string; recipientId: string }>;
  /** the county reviewer (demo account `county`) */
  county: Agent;
  /** every row written so far, counted per table and kind of write: a refused request changes nothing */
  snapshot: () => Promise<string>;
};

let counter = 0;

export async function buildWorld(kind: DbKind): Promise<World> {
  // the security trio's owner is the deployment's top unit (三员分立: a security admin sits only there)
  const t = await createTestApp(kind, { env: { TOP_UNIT_CODE: OWNER_CODE, LOGIN_RATE_LIMIT: '10000' } });
  const sys = systemDb(t.db.handle.db);
  const byCode = async (code: string) =>
    (await sys.selectFrom('org_units').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow()).id;
  const owner = await byCode(OWNER_CODE);
  const sibling = await byCode(SIBLING_CODE);
  const villages = await sys
    .selectFrom('org_units')
    .select(['id', 'code'])
    .where('parent_id', '=', owner)
    .orderBy('code')
    .execute();
  const [, child, recordVillage, otherVillage] = villages.map((v) => v.id);

  const trio = async (name: string, roles: Role[]): Promise<Trio> => {
    const agents: Agent[] = [];
    for (const [suffix, unit] of [
      ['o', owner],
      ['s', sibling],
      ['c', child],
    ] as const) {
      const username = `xj-${name}-${suffix}`;
      await t.createUser({ username, roles, orgUnitId: unit });
      agents.push(await t.login(username));
    }
    return { owner: agents[0], sibling: agents[1], child: agents[2] };
  };
  const trios = {
    sysAdmin: await trio('sys', ['sys_admin']),
    auditor: await trio('aud', ['audit_admin']),
    security: await trio('sec', ['security_admin']),
    worker: await trio('wrk', ['worker']),
    reviewer: await trio('rev', ['worker', 'county_reviewer']),
    // station heads 站长 (unit:head): ledgers' responsible persons (issue 16)
    head: await trio('head', ['station_head']),
  };
  const county = await t.login('county');
  let idSeq = 0;

  const world: World = {
    t,
    units: { owner, sibling, child, recordVillage, otherVillage },
    trios,
    newAdminAccount: async () => {
      counter += 1;
      return t.createUser({ username: `xj-adm-${counter}`, roles: ['audit_admin'], orgUnitId: recordVillage });
    },
    newStaff: async () => {
      counter += 1;
      const res = await trios.sysAdmin.owner.post('/api/staff', {
        username: `xj-rec-${counter}`,
        displayName: '测试人员',
        orgUnitId: recordVillage,
        roles: ['worker'],
      });
      if (res.statusCode !== 200) throw new Error(`newStaff: ${res.body}`);
      return json<{ staff: { id: string } }>(res).staff.id;
    },
    newGrid: async () => {
      const res = await trios.sysAdmin.owner.post('/api/org-units', { parentId: recordVillage, name: `测试网格${++counter}` });
      if (res.statusCode !== 200) throw new Error(`newGrid: ${res.body}`);
      return json<{ id: string }>(res).id;
    },
    county,
    newRecipient: async (opts = {}) => {
      idSeq += 1;
      const birth = opts.birth ?? `19${60 + (idSeq % 30)}0${1 + (idSeq % 9)}1${idSeq % 10}`;
      const first17 = `330523${birth.replace(/-/g, '')}${String(100 + idSeq * 2 + 1).slice(-3)}`;
      const idNumber = first17 + idCheckCharacter(first17);
      const res = await trios.worker.owner.post('/api/recipients', {
        kind: 'veteran',
        orgUnitId: recordVillage,
        name: opts.name ?? `测试${'甲乙丙丁戊己庚辛壬癸'[idSeq % 10]}${idSeq}`,
        idNumber,
        recipientGroup: 'dischargedSoldier',
        phone: `1385720${String(1000 + idSeq).slice(-4)}`,
        bankAccount: '6217000011112222',
        ...(opts.household && { household: { mode: 'new', address: `越界测试户${idSeq}号` } }),
        ...(opts.politicalStatus && { politicalStatus: opts.politicalStatus }),
      });
      if (res.statusCode !== 200) throw new Error(`newRecipient: ${res.body}`);
      let r = json<{ id: string; version: number }>(res);
      if (opts.registered) {
        const sub = await trios.worker.owner.post(`/api/recipients/${r.id}/submit`, { version: r.version });
        if (sub.statusCode !== 200) throw new Error(`submit: ${sub.body}`);
        const cases = json<{ items: { id: string; version: number }[] }>(await county.get(`/api/cases?subjectId=${r.id}&open=true`));
        const ok = await county.post(`/api/cases/${cases.items[0].id}/actions`, { action: 'approve', version: cases.items[0].version });
        if (ok.statusCode !== 200) throw new Error(`approve: ${ok.body}`);
        r = json<{ id: string; version: number }>(await trios.worker.owner.get(`/api/recipients/${r.id}`));
      }
      return { id: r.id, version: r.version };
    },
    newHousehold: async () => {
      const r = await world.newRecipient({ registered: true, household: true });
      const d = json<{ household: { id: string } | null }>(await trios.worker.owner.get(`/api/recipients/${r.id}`));
      if (!d.household) throw new Error('newHousehold: no household');
      return { householdId: d.household.id, recipientId: r.id };
    },
    snapshot: () => changesSeen(sys),
  };
  await watchChanges(sys, kind);
  return world;
}

/**
 * Tables a refused request still writes, by design: the caller's session (its last-seen time) and
 * the audit trail. Everything else — every table of every module, present and future, without a
 * list to keep — is watched.
 */
const UNWATCHED = new Set(['sessions', 'audit_logs', 'kysely_migration', 'kysely_migration_lock', 'xj_change_log']);

/**
 * Watches every row written to the database from now on: a trigger on each table (insert, update,
 * delete; row level, so a write that touches no row logs nothing, and a rolled-back transaction
 * takes its log rows with it) appends the table's name to xj_change_log. Reading the log's counts
 * is one query, where comparing every table's rows was about a hundred per look (two thirds of the
 * suite's time), and it also catches a write that leaves a row as it was.
 */
async function watchChanges(db: SystemDb, kind: DbKind): Promise<void> {
  await sql`create table xj_change_log (tbl text not null, op text not null)`.execute(db);
  if (kind === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_schema where type = 'table' and name not like 'sqlite_%'`.execute(db);
    for (const { name } of tables.rows) {
      if (UNWATCHED.has(name)) continue;
      for (const op of ['insert', 'update', 'delete']) {
        await sql`create trigger ${sql.id(`xj_${op}_${name}`)} after ${sql.raw(op)} on ${sql.id(name)} begin insert into xj_change_log (tbl, op) values (${sql.lit(name)}, ${sql.lit(op)}); end`.execute(db);
      }
    }
    return;
  }
  await sql`create function xj_log() returns trigger language plpgsql as $$ begin insert into xj_change_log (tbl, op) values (TG_TABLE_NAME, lower(TG_OP)); return null; end $$`.execute(db);
  const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema()`.execute(db);
  for (const { tablename } of tables.rows) {
    if (UNWATCHED.has(tablename)) continue;
    await sql`create trigger xj_log after insert or update or delete on ${sql.id(tablename)} for each row execute function xj_log()`.execute(db);
  }
}

/** The writes seen so far, per table and kind ("recipients update 3, …"): equal before and after a request that changed nothing. */
async function changesSeen(db: SystemDb): Promise<string> {
  const rows = await sql<{ tbl: string; op: string; n: number | string }>`select tbl, op, count(*) as n from xj_change_log group by tbl, op order by tbl, op`.execute(db);
  return rows.rows.map((r) => `${r.tbl} ${r.op} ${Number(r.n)}`).join(', ');
}
