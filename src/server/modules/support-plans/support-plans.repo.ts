// The only place with SQL for support plans 一人一策 and their measures. Every query takes the
// caller's scope first and filters with the jurisdiction guard.
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { SupportPlanMeasureTable, SupportPlanTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, rangeHolds, type Scope } from '../../platform/jurisdiction';
import { placedAt, type Stored, type StoredUnit } from '../../platform/stored-unit.repo';

function base(db: Tx) {
  return db
    .selectFrom('support_plans as p')
    .innerJoin('org_units as u', 'u.id', 'p.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'p.recipient_id')
    .innerJoin('users as resp', 'resp.id', 'p.responsible_user_id')
    .leftJoin('users as closer', 'closer.id', 'p.closed_by')
    .selectAll('p')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked', 'resp.display_name as responsible_name', 'closer.display_name as closed_by_name']);
}
export type SupportPlanRow = SupportPlanTable & {
  org_unit_name: string;
  recipient_name: string;
  recipient_id_masked: string;
  responsible_name: string;
  closed_by_name: string | null;
};

export async function getPlan(scope: Scope, db: Tx, id: string): Promise<SupportPlanRow | undefined> {
  return base(db).where('p.id', '=', id).where(inScope(scope, 'p.org_path')).executeTakeFirst();
}

export type PlanFilter = {
  unitPath?: string;
  recipientId?: string;
  status?: string;
  difficulty?: string;
  /** active plans whose review day has passed (true) or not (false), as of `today` */
  overdue?: boolean;
  today: string;
  mineUserId?: string;
};

function filtered(scope: Scope, db: Tx, f: PlanFilter) {
  let q = base(db).where(inScope(scope, 'p.org_path'));
  if (f.unitPath) q = q.where(pathWithin('p.org_path', f.unitPath));
  if (f.recipientId) q = q.where('p.recipient_id', '=', f.recipientId);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.difficulty) q = q.where('p.difficulty', '=', f.difficulty);
  if (f.overdue === true) q = q.where('p.status', '=', 'active').where('p.next_review_on', '<', f.today);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('p.status', '<>', 'active'), eb('p.next_review_on', '>=', f.today)]));
  if (f.mineUserId) q = q.where('p.responsible_user_id', '=', f.mineUserId);
  return q;
}

const sortColumns = { openedOn: 'p.opened_on', nextReviewOn: 'p.next_review_on', updatedAt: 'p.updated_at' } as const;

export async function listPlans(scope: Scope, db: Db, f: PlanFilter & { page: number; pageSize: number; sort: keyof typeof sortColumns; order: 'asc' | 'desc' }) {
  const q = filtered(scope, db, f);
  const items = await q
    .orderBy(sortColumns[f.sort], f.order)
    .orderBy('p.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function planChunk(scope: Scope, db: Db, f: PlanFilter, after: { path: string; id: string } | null, limit: number): Promise<SupportPlanRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('p.org_path', '>', after.path), eb.and([eb('p.org_path', '=', after.path), eb('p.id', '>', after.id)])]));
  return q.orderBy('p.org_path').orderBy('p.id').limit(limit).execute();
}

export async function insertPlan(scope: Scope, db: Tx, row: Stored<SupportPlanTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('support plan outside scope');
  await db.insertInto('support_plans').values(row).execute();
}

// ---- measures ----

export type MeasureRow = SupportPlanMeasureTable & { owner_name: string };

function measures(db: Tx) {
  return db.selectFrom('support_plan_measures as m').innerJoin('users as o', 'o.id', 'm.owner_user_id').selectAll('m').select('o.display_name as owner_name');
}

/** The measures of these plans (in the caller's range), in order. */
export async function measuresOf(scope: Scope, db: Tx, planIds: string[]): Promise<MeasureRow[]> {
  if (!planIds.length) return [];
  return measures(db).where('m.plan_id', 'in', planIds).where(inScope(scope, 'm.org_path')).orderBy('m.plan_id').orderBy('m.seq').execute();
}

export async function measureOfPlan(scope: Scope, db: Tx, planId: string, id: string): Promise<MeasureRow | undefined> {
  return measures(db).where('m.plan_id', '=', planId).where('m.id', '=', id).where(inScope(scope, 'm.org_path')).executeTakeFirst();
}

export async function nextMeasureSeq(db: Tx, planId: string): Promise<number> {
  const r = await db.selectFrom('support_plan_measures').select(sql<number>`coalesce(max(seq), 0)`.as('n')).where('plan_id', '=', planId).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/** A measure stored under the plan's unit (read under the tree lock by the caller). */
export async function insertMeasure(scope: Scope, db: Tx, unit: StoredUnit, m: { id: string; plan_id: string; seq: number; content: string; owner_user_id: string; due_on: string; at: string }): Promise<void> {
  if (!pathInScope(scope, unit.path)) throw new Error('measure outside scope');
  await db
    .insertInto('support_plan_measures')
    .values({ id: m.id, plan_id: m.plan_id, ...placedAt(unit), seq: m.seq, content: m.content, owner_user_id: m.owner_user_id, due_on: m.due_on, done: 0, done_on: null, note: '', created_at: m.at, updated_at: m.at })
    .execute();
}

export async function setMeasureDone(scope: Scope, db: Tx, id: string, patch: Pick<SupportPlanMeasureTable, 'done' | 'done_on' | 'note' | 'updated_at'>): Promise<void> {
  const r = await db.updateTable('support_plan_measures').set(patch).where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Error('measure not updated');
}

// ---- units, people, recipients ----

export type AssigneeRow = { id: string; display_name: string; org_path: string; roles: string; title: string; unit_name: string };

/** Users of the caller's range whose unit is the plan's unit or above it. */
export async function usersAbove(scope: Scope, db: Tx, unitPath: string, userId?: string): Promise<AssigneeRow[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.display_name', 'users.org_path', 'users.roles', 'users.title', 'u.name as unit_name'])
    .where(inScope(scope, 'users.org_path'))
    .where(rangeHolds('users.org_path', unitPath))
    .where('users.disabled', '=', 0);
  if (userId) q = q.where('users.id', '=', userId);
  return q.orderBy('users.org_path', 'desc').orderBy('users.display_name').limit(500).execute();
}

/** A registered, living-or-not, unmerged recipient of the caller's range, with its unit. */
export async function recipientInScope(scope: Scope, db: Tx, id: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'org_unit_id', 'org_path', 'status'])
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

// ---- the work queue ----

export type DueReviewRow = { id: string; next_review_on: string; recipient_name: string; org_unit_name: string; created_at: string; opened_on: string };

/** Active plans of the scope where the user is responsible, their review due by `byDay`. */
export async function dueReviewsOf(scope: Scope, db: Db, userId: string, byDay: string, limit: number): Promise<DueReviewRow[]> {
  const rows = await db
    .selectFrom('support_plans as p')
    .innerJoin('recipients as r', 'r.id', 'p.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'p.org_unit_id')
    .select(['p.id', 'p.next_review_on', 'r.name as recipient_name', 'u.name as org_unit_name', 'p.created_at', 'p.opened_on'])
    .where('p.responsible_user_id', '=', userId)
    .where('p.status', '=', 'active')
    .where('p.next_review_on', '<=', byDay)
    .where(inScope(scope, 'p.org_path'))
    .orderBy('p.next_review_on')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, next_review_on: r.next_review_on ?? byDay }));
}

export type DueMeasureRow = { id: string; plan_id: string; content: string; due_on: string; recipient_name: string; org_unit_name: string; created_at: string };

/** Open measures of active plans of the scope that the user owns, due by `byDay`. */
export async function dueMeasuresOf(scope: Scope, db: Db, userId: string, byDay: string, limit: number): Promise<DueMeasureRow[]> {
  return db
    .selectFrom('support_plan_measures as m')
    .innerJoin('support_plans as p', 'p.id', 'm.plan_id')
    .innerJoin('recipients as r', 'r.id', 'p.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'p.org_unit_id')
    .select(['m.id', 'm.plan_id', 'm.content', 'm.due_on', 'r.name as recipient_name', 'u.name as org_unit_name', 'm.created_at'])
    .where('m.owner_user_id', '=', userId)
    .where('m.done', '=', 0)
    .where('m.due_on', '<=', byDay)
    .where('p.status', '=', 'active')
    .where(inScope(scope, 'm.org_path'))
    .orderBy('m.due_on')
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

/** How many of each the work queue would list (no cap), and how many are past their day on `today`. */
export async function countDueOf(scope: Scope, db: Db, userId: string, byDay: string, today: string): Promise<{ count: number; overdue: number }> {
  const a = await db
    .selectFrom('support_plans as p')
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(case when p.next_review_on < ${today} then 1 else 0 end)`.as('overdue')])
    .where('p.responsible_user_id', '=', userId)
    .where('p.status', '=', 'active')
    .where('p.next_review_on', '<=', byDay)
    .where(inScope(scope, 'p.org_path'))
    .executeTakeFirstOrThrow();
  const b = await db
    .selectFrom('support_plan_measures as m')
    .innerJoin('support_plans as p', 'p.id', 'm.plan_id')
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(case when m.due_on < ${today} then 1 else 0 end)`.as('overdue')])
    .where('m.owner_user_id', '=', userId)
    .where('m.done', '=', 0)
    .where('m.due_on', '<=', byDay)
    .where('p.status', '=', 'active')
    .where(inScope(scope, 'm.org_path'))
    .executeTakeFirstOrThrow();
  return { count: Number(a.n ?? 0) + Number(b.n ?? 0), overdue: Number(a.overdue ?? 0) + Number(b.overdue ?? 0) };
}
