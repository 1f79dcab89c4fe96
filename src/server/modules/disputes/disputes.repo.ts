// The only place with SQL for disputes 矛盾纠纷 and their monthly submissions. Every query takes
// the caller's scope first and filters with the jurisdiction guard.
import type { Stored } from '../../platform/stored-unit.repo';
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { DisputeSubmissionTable, DisputeTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, pathWithinColumn, rangeHolds, type Scope } from '../../platform/jurisdiction';

function base(db: Tx) {
  return db
    .selectFrom('disputes as d')
    .innerJoin('org_units as u', 'u.id', 'd.org_unit_id')
    .leftJoin('org_units as parent', 'parent.id', 'u.parent_id')
    .innerJoin('users as resp', 'resp.id', 'd.responsible_user_id')
    .leftJoin('users as lead', 'lead.id', 'd.leader_user_id')
    .leftJoin('users as closer', 'closer.id', 'd.closed_by')
    .selectAll('d')
    .select([
      'u.name as org_unit_name',
      'u.level as org_unit_level',
      'parent.name as parent_name',
      'resp.display_name as responsible_name',
      'lead.display_name as leader_name',
      'closer.display_name as closed_by_name',
      // the progress entries of the case's log (the kernel's action log)
      sql<number>`(select count(*) from case_actions ca where ca.case_id = d.id and ca.action = 'progress')`.as('progress_count'),
    ]);
}
export type DisputeRow = DisputeTable & {
  org_unit_name: string;
  org_unit_level: string;
  parent_name: string | null;
  responsible_name: string;
  leader_name: string | null;
  closed_by_name: string | null;
  progress_count: number;
};

export async function getDispute(scope: Scope, db: Tx, id: string): Promise<DisputeRow | undefined> {
  return base(db).where('d.id', '=', id).where(inScope(scope, 'd.org_path')).executeTakeFirst();
}

export type DisputeFilter = {
  unitPath?: string;
  status?: string;
  riskLevel?: string;
  method?: string;
  /** open disputes past their deadline (true) or not (false), as of `today` */
  overdue?: boolean;
  today: string;
  /** the responsible person or the leader */
  mineUserId?: string;
  q?: string;
  foundFrom?: string;
  foundTo?: string;
};

function filtered(scope: Scope, db: Tx, f: DisputeFilter) {
  let q = base(db).where(inScope(scope, 'd.org_path'));
  if (f.unitPath) q = q.where(pathWithin('d.org_path', f.unitPath));
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.riskLevel) q = q.where('d.risk_level', '=', f.riskLevel);
  if (f.method) q = q.where('d.method', '=', f.method);
  if (f.overdue === true) q = q.where('d.status', '=', 'open').where('d.deadline', '<', f.today);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('d.status', '<>', 'open'), eb('d.deadline', '>=', f.today)]));
  if (f.mineUserId) {
    const me = f.mineUserId;
    q = q.where((eb) => eb.or([eb('d.responsible_user_id', '=', me), eb('d.leader_user_id', '=', me)]));
  }
  if (f.foundFrom) q = q.where('d.found_on', '>=', f.foundFrom);
  if (f.foundTo) q = q.where('d.found_on', '<=', f.foundTo);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    q = q.where((eb) => eb.or([sql<boolean>`d.summary like ${like} escape '\\'`, sql<boolean>`d.parties like ${like} escape '\\'`]));
  }
  return q;
}

const sortColumns = { foundOn: 'd.found_on', deadline: 'd.deadline', updatedAt: 'd.updated_at' } as const;

export async function listDisputes(scope: Scope, db: Db, f: DisputeFilter & { page: number; pageSize: number; sort: keyof typeof sortColumns; order: 'asc' | 'desc' }) {
  const q = filtered(scope, db, f);
  const items = await q
    .orderBy(sortColumns[f.sort], f.order)
    .orderBy('d.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/**
 * The progress entries (the case log's `progress` actions, in order) of these disputes, for the
 * ledger: only disputes of the caller's range.
 */
export async function progressEntriesOf(scope: Scope, db: Tx, ids: string[]): Promise<{ case_id: string; at: string; actor_name: string; data: string | null }[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('case_actions as ca')
    .innerJoin('disputes as d', 'd.id', 'ca.case_id')
    .select(['ca.case_id', 'ca.at', 'ca.actor_name', 'ca.data'])
    .where('ca.case_id', 'in', ids)
    .where('ca.action', '=', 'progress')
    .where(inScope(scope, 'd.org_path'))
    .orderBy('ca.case_id')
    .orderBy('ca.seq')
    .execute();
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, found_on, id). */
export async function disputeChunk(scope: Scope, db: Db, f: DisputeFilter, after: { path: string; id: string } | null, limit: number): Promise<DisputeRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('d.org_path', '>', after.path), eb.and([eb('d.org_path', '=', after.path), eb('d.id', '>', after.id)])]));
  return q.orderBy('d.org_path').orderBy('d.id').limit(limit).execute();
}

export async function insertDispute(scope: Scope, db: Tx, row: Stored<DisputeTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('dispute outside scope');
  await db.insertInto('disputes').values(row).execute();
}

// ---- units, people, recipients ----

/** The unit a request names, in the caller's range (one lookup for every module). */
export { unitInScope } from '../../platform/scope-units.repo';

export async function childUnits(scope: Scope, db: Tx, parentId: string) {
  return db.selectFrom('org_units').select(['id', 'path', 'name', 'code']).where('parent_id', '=', parentId).where('active', '=', 1).where(inScope(scope, 'path')).orderBy('code').execute();
}

export type AssigneeRow = { id: string; display_name: string; org_path: string; roles: string; title: string; unit_name: string; disabled: number };

/**
 * Users of the caller's range who can see a record at `unitPath`: their unit is the record's unit
 * or above it (the user's path is a prefix of the record's path).
 */
export async function usersAbove(scope: Scope, db: Tx, unitPath: string, userId?: string): Promise<AssigneeRow[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.display_name', 'users.org_path', 'users.roles', 'users.title', 'u.name as unit_name', 'users.disabled'])
    .where(inScope(scope, 'users.org_path'))
    .where(rangeHolds('users.org_path', unitPath))
    .where('users.disabled', '=', 0);
  if (userId) q = q.where('users.id', '=', userId);
  return q.orderBy('users.org_path', 'desc').orderBy('users.display_name').limit(500).execute();
}

/** The ids of these recipients that exist in the caller's range. */
export async function recipientsInScope(scope: Scope, db: Tx, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('recipients').select(['id', 'name']).where('id', 'in', ids).where('merged_into', 'is', null).where(inScope(scope, 'org_path')).execute();
}

// ---- the work queue ----

/**
 * Open disputes of the scope where the user is responsible or the leader, due by `byDay`, of units
 * other than the user's own (the kernel's case provider lists those: they wait on the user's unit).
 */
export async function dueDisputesOf(scope: Scope, db: Db, userId: string, ownUnitId: string, byDay: string, limit: number): Promise<DisputeRow[]> {
  return base(db)
    .where(inScope(scope, 'd.org_path'))
    .where('d.status', '=', 'open')
    .where('d.org_unit_id', '<>', ownUnitId)
    .where('d.deadline', '<=', byDay)
    .where((eb) => eb.or([eb('d.responsible_user_id', '=', userId), eb('d.leader_user_id', '=', userId)]))
    .orderBy('d.deadline')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** How many disputes `dueDisputesOf` finds (no cap), and how many are past their deadline on `today`. */
export async function countDueDisputesOf(scope: Scope, db: Db, userId: string, ownUnitId: string, byDay: string, today: string): Promise<{ count: number; overdue: number }> {
  const r = await db
    .selectFrom('disputes as d')
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(case when d.deadline < ${today} then 1 else 0 end)`.as('overdue')])
    .where(inScope(scope, 'd.org_path'))
    .where('d.status', '=', 'open')
    .where('d.org_unit_id', '<>', ownUnitId)
    .where('d.deadline', '<=', byDay)
    .where((eb) => eb.or([eb('d.responsible_user_id', '=', userId), eb('d.leader_user_id', '=', userId)]))
    .executeTakeFirstOrThrow();
  return { count: Number(r.n ?? 0), overdue: Number(r.overdue ?? 0) };
}

// ---- the monthly summary ----

export type SummaryCountRow = { child_id: string | null; risk_level: string; method: string; found: number; closed: number; open: number };

/**
 * One grouped query: the disputes of a unit's range that matter to a month (found by its end and
 * not closed before its start), counted per child unit (null: the unit's own level), risk and method.
 */
export async function summaryCounts(scope: Scope, db: Db, unit: { id: string; path: string }, start: string, end: string): Promise<SummaryCountRow[]> {
  const rows = await db
    .selectFrom('disputes as d')
    .leftJoin('org_units as c', (j) =>
      j
        .on('c.parent_id', '=', unit.id)
        .on(pathWithinColumn('d.org_path', 'c.path')),
    )
    .select([
      'c.id as child_id',
      'd.risk_level',
      'd.method',
      sql<number>`sum(case when d.found_on >= ${start} and d.found_on <= ${end} then 1 else 0 end)`.as('found'),
      sql<number>`sum(case when d.closed_on >= ${start} and d.closed_on <= ${end} then 1 else 0 end)`.as('closed'),
      sql<number>`sum(case when d.closed_on is null or d.closed_on > ${end} then 1 else 0 end)`.as('open'),
    ])
    .where(inScope(scope, 'd.org_path'))
    .where(pathWithin('d.org_path', unit.path))
    .where('d.found_on', '<=', end)
    .where((eb) => eb.or([eb('d.closed_on', 'is', null), eb('d.closed_on', '>=', start)]))
    .groupBy(['c.id', 'd.risk_level', 'd.method'])
    .execute();
  return rows.map((r) => ({ ...r, found: Number(r.found), closed: Number(r.closed), open: Number(r.open) }));
}

/** For tests: the disputes of a unit's range, plain rows, to count directly. */
export async function disputesUnder(scope: Scope, db: Db, unitPath: string) {
  return db
    .selectFrom('disputes')
    .select(['id', 'org_path', 'found_on', 'closed_on', 'risk_level', 'method'])
    .where(inScope(scope, 'org_path'))
    .where(pathWithin('org_path', unitPath))
    .execute();
}

// ---- submissions ----

export async function submissionOf(scope: Scope, db: Tx, unitId: string, month: string) {
  return db
    .selectFrom('dispute_submissions as s')
    .innerJoin('org_units as u', 'u.id', 's.org_unit_id')
    .selectAll('s')
    .select('u.name as org_unit_name')
    .where('s.org_unit_id', '=', unitId)
    .where('s.month', '=', month)
    .where(inScope(scope, 's.org_path'))
    .executeTakeFirst();
}
export type SubmissionRow = DisputeSubmissionTable & { org_unit_name: string };

/** The submissions of a month by these units (in the caller's range). */
export async function submissionsOf(scope: Scope, db: Tx, unitIds: string[], month: string): Promise<SubmissionRow[]> {
  if (!unitIds.length) return [];
  return db
    .selectFrom('dispute_submissions as s')
    .innerJoin('org_units as u', 'u.id', 's.org_unit_id')
    .selectAll('s')
    .select('u.name as org_unit_name')
    .where('s.org_unit_id', 'in', unitIds)
    .where('s.month', '=', month)
    .where(inScope(scope, 's.org_path'))
    .execute();
}

export async function insertSubmission(scope: Scope, db: Tx, row: Stored<DisputeSubmissionTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('submission outside scope');
  await db.insertInto('dispute_submissions').values(row).execute();
}

export async function replaceSubmission(scope: Scope, db: Tx, id: string, revision: number, patch: Pick<DisputeSubmissionTable, 'summary' | 'submitted_by' | 'submitted_by_name' | 'submitted_at'>): Promise<number> {
  const r = await db
    .updateTable('dispute_submissions')
    .set({ ...patch, revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * The monthly summaries submitted by the units of a subtree for these months (when each unit last
 * submitted): the obligations module reads the monthly dispute summary's fulfilment through this
 * (disputes' index.ts). The caller guards the subtree (a unit of its range, or a figure's range).
 */
export async function submittedSummariesUnder(db: Db | Tx, underPath: string, months: readonly string[]): Promise<{ org_unit_id: string; month: string; submitted_at: string }[]> {
  if (!months.length) return [];
  return db
    .selectFrom('dispute_submissions')
    .select(['org_unit_id', 'month', 'submitted_at'])
    .where(pathWithin('org_path', underPath))
    .where('month', 'in', [...months])
    .execute();
}
