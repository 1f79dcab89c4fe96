// The only place with SQL for glory plaques, the households they hang in, and their photos.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/client';
import type { SystemDb } from '../../db/system';
import type { Tx } from '../../db/transaction';
import type { Database, FileTable, GloryPlaqueTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';
import { RollupDelta } from '../../platform/rollups.repo';
import { plaqueBuckets } from './glory-plaques.rules';

// The module inserts a plaque through `counted` (it reads the rows before and after and applies the
// 'plaque' roll-up deltas in the same transaction); after that the kernel writes the row's status
// (the case's mirror) and the action's effect moves the roll-ups with shiftPlaqueRollup.
async function countedRows(db: Tx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('glory_plaques').select(['id', 'org_path', 'status']).where('id', 'in', ids).execute();
}
async function counted<T>(db: Tx, ids: string[], write: () => Promise<T>): Promise<T> {
  const before = await countedRows(db, ids);
  const result = await write();
  const after = await countedRows(db, ids);
  const delta = new RollupDelta();
  for (const r of before) delta.add(r.org_path, plaqueBuckets(r), -1);
  for (const r of after) delta.add(r.org_path, plaqueBuckets(r), 1);
  await delta.apply(db);
  return result;
}

function base(db: Tx) {
  return db
    .selectFrom('glory_plaques as p')
    .innerJoin('households as h', 'h.id', 'p.household_id')
    .innerJoin('org_units as u', 'u.id', 'p.org_unit_id')
    .leftJoin('org_units as parent', 'parent.id', 'u.parent_id')
    .leftJoin('recipients as head', 'head.id', 'h.head_recipient_id')
    .selectAll('p')
    .select(['h.address as address', 'h.head_recipient_id as head_recipient_id', 'head.name as head_name', 'u.name as org_unit_name', 'u.level as org_unit_level', 'parent.name as parent_name']);
}
export type PlaqueRow = GloryPlaqueTable & {
  address: string;
  head_recipient_id: string | null;
  head_name: string | null;
  org_unit_name: string;
  org_unit_level: string;
  parent_name: string | null;
};

export async function getPlaque(scope: Scope, db: Tx, id: string): Promise<PlaqueRow | undefined> {
  return base(db).where('p.id', '=', id).where(inScope(scope, 'p.org_path')).executeTakeFirst();
}

export async function plaqueOfHousehold(scope: Scope, db: Tx, householdId: string) {
  return db.selectFrom('glory_plaques').select(['id', 'status']).where('household_id', '=', householdId).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export type PlaqueFilter = {
  unitPath?: string;
  status?: string;
  basis?: string;
  ground?: string;
  householdId?: string;
};

function filtered(scope: Scope, db: Tx, f: PlaqueFilter) {
  let q = base(db).where(inScope(scope, 'p.org_path'));
  if (f.unitPath) q = q.where(pathWithin('p.org_path', f.unitPath));
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.basis) q = q.where('p.basis', '=', f.basis);
  if (f.householdId) q = q.where('p.household_id', '=', f.householdId);
  // grounds is a JSON list of fixed keys: '["militaryFamily","veteranFamily"]'
  if (f.ground) q = q.where('p.grounds', 'like', `%"${f.ground}"%`);
  return q;
}

export async function listPlaques(scope: Scope, db: Db, f: PlaqueFilter & { page: number; pageSize: number }) {
  const q = filtered(scope, db, f);
  const items = await q
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function plaqueChunk(scope: Scope, db: Db, f: PlaqueFilter, after: { path: string; id: string } | null, limit: number): Promise<PlaqueRow[]> {
  let q = filtered(scope, db, f);
  if (after) {
    q = q.where((eb) => eb.or([eb('p.org_path', '>', after.path), eb.and([eb('p.org_path', '=', after.path), eb('p.id', '>', after.id)])]));
  }
  return q.orderBy('p.org_path').orderBy('p.id').limit(limit).execute();
}

export async function insertPlaque(scope: Scope, db: Tx, row: Stored<GloryPlaqueTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('plaque outside scope');
  await counted(db, [row.id], () => db.insertInto('glory_plaques').values(row).execute());
}

/**
 * The 'plaque' roll-ups of a status change the kernel is storing (the mirror writes the status
 * column): one out of the old bucket, one into the new, for the unit and its ancestors.
 */
export async function shiftPlaqueRollup(db: Tx, orgPath: string, from: string, to: string): Promise<void> {
  if (from === to) return;
  await new RollupDelta().add(orgPath, plaqueBuckets({ status: from }), -1).add(orgPath, plaqueBuckets({ status: to }), 1).apply(db);
}

// ---- households and their members ----

const SURVIVOR_KINDS = ['martyrSurvivor', 'dutyDeathSurvivor', 'illnessDeathSurvivor'] as const;
const NOT_VETERAN_GROUPS = ['disabledMilitia', 'nonMilitaryRetiree'];

type HouseholdEb = ExpressionBuilder<Database & { h: Database['households'] }, 'h'>;

/** Members in scope who give the household a ground (the SQL twin of `groundOf` in the rules). */
function groundMembers(scope: Scope, eb: HouseholdEb) {
  return eb
    .selectFrom('recipients as m')
    .select('m.id')
    .whereRef('m.household_id', '=', 'h.id')
    .where('m.merged_into', 'is', null)
    .where('m.deceased', '=', 0)
    .where('m.status', '=', 'registered')
    .where(inScope(scope, 'm.org_path'))
    .where((w) => w.or([w('m.kind', '<>', 'veteran'), w('m.recipient_group', 'not in', NOT_VETERAN_GROUPS)]));
}

/** …and of them, the certificate holders (the SQL twin of `holdsCertificate`). */
function certificateMembers(scope: Scope, eb: HouseholdEb) {
  const has = (kind: string) => sql<boolean>`m.certificates like ${`%"${kind}"%`}`;
  return groundMembers(scope, eb).where((w) =>
    w.or([
      w.and([w('m.kind', 'in', [...SURVIVOR_KINDS]), w.or([has('martyrCert'), has('dutyDeathCert'), has('illnessDeathCert')])]),
      w.and([w('m.kind', '=', 'veteran'), has('disabledVeteranCert')]),
    ]),
  );
}

function householdBase(db: Tx) {
  return db
    .selectFrom('households as h')
    .innerJoin('org_units as u', 'u.id', 'h.org_unit_id')
    .leftJoin('org_units as parent', 'parent.id', 'u.parent_id')
    .leftJoin('recipients as head', 'head.id', 'h.head_recipient_id')
    .select(['h.id', 'h.org_unit_id', 'h.org_path', 'h.address', 'h.head_recipient_id', 'head.name as head_name', 'u.name as org_unit_name', 'u.level as org_unit_level', 'parent.name as parent_name']);
}
export type HouseholdRow = {
  id: string;
  org_unit_id: string;
  org_path: string;
  address: string;
  head_recipient_id: string | null;
  head_name: string | null;
  org_unit_name: string;
  org_unit_level: string;
  parent_name: string | null;
};

export async function getHousehold(scope: Scope, db: Tx, id: string): Promise<HouseholdRow | undefined> {
  return householdBase(db).where('h.id', '=', id).where(inScope(scope, 'h.org_path')).executeTakeFirst();
}

/** Households of the scope with a ground and no plaque record yet. */
export async function eligibleHouseholds(scope: Scope, db: Db, f: { unitPath?: string; certifiedOnly?: boolean; page: number; pageSize: number }) {
  let q = householdBase(db)
    .where(inScope(scope, 'h.org_path'))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('glory_plaques as gp').select('gp.id').whereRef('gp.household_id', '=', 'h.id'))))
    .where((eb) => eb.exists(f.certifiedOnly ? certificateMembers(scope, eb) : groundMembers(scope, eb)));
  if (f.unitPath) q = q.where(pathWithin('h.org_path', f.unitPath));
  const items = await q
    .orderBy('h.org_path')
    .orderBy('h.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

export type MemberRow = {
  id: string;
  household_id: string | null;
  name: string;
  kind: string;
  recipient_group: string;
  status: string;
  deceased: number;
  merged_into: string | null;
  certificates: string;
};

/** The members in scope of some households (merged duplicates left out). */
export async function membersOf(scope: Scope, db: Tx, householdIds: string[]): Promise<MemberRow[]> {
  if (!householdIds.length) return [];
  return db
    .selectFrom('recipients')
    .select(['id', 'household_id', 'name', 'kind', 'recipient_group', 'status', 'deceased', 'merged_into', 'certificates'])
    .where('household_id', 'in', householdIds)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The unit a request names, in the caller's range (one lookup for every module). */
export { unitInScope } from '../../platform/scope-units.repo';

// ---- the work queue ----

/** Waiting plaques of the scope, oldest first. */
export async function waitingPlaques(scope: Scope, db: Db, limit: number): Promise<PlaqueRow[]> {
  return base(db).where(inScope(scope, 'p.org_path')).where('p.status', '=', 'waiting').orderBy('p.created_at').orderBy('p.id').limit(limit).execute();
}

/** How many plaques wait in the scope (no cap). */
export async function countWaitingPlaques(scope: Scope, db: Db): Promise<number> {
  const r = await db.selectFrom('glory_plaques as p').select(sql<number>`count(*)`.as('n')).where(inScope(scope, 'p.org_path')).where('p.status', '=', 'waiting').executeTakeFirstOrThrow();
  return Number(r.n ?? 0);
}

// ---- photos ----

export async function insertPlaqueFile(scope: Scope, db: Tx, row: Stored<FileTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('file outside scope');
  await db.insertInto('files').values(row).execute();
}

export async function getPlaqueFile(scope: Scope, db: Tx, plaqueId: string, fileId: string) {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', fileId)
    .where('owner_type', '=', 'glory-plaque')
    .where('owner_id', '=', plaqueId)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

// ---- roll-up check ----

/** For tests and a roll-up check: the 'plaque' roll-ups recomputed from the plaques, per unit and bucket. */
export async function directPlaqueRollupsUnscoped(db: SystemDb | Tx): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('glory_plaques').select(['id', 'org_path', 'status']).where('id', '>', after).orderBy('id').limit(5000).execute();
    if (!rows.length) break;
    for (const r of rows) {
      for (const unit of r.org_path.split('/').filter(Boolean)) {
        for (const b of plaqueBuckets(r)) {
          const key = `${unit}|${b.metric}|${b.bucket}`;
          out.set(key, (out.get(key) ?? 0) + 1);
        }
      }
    }
    after = rows[rows.length - 1].id;
  }
  return out;
}
