// The only place with SQL for the portal: feedback entries, service commitments and supervisors.
// Staff reads take the caller's scope first; the public reads (a unit's published replies,
// commitments and supervisors; an entry by its query code) select only public columns and say so
// in their names.
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { FeedbackEntryTable, ServiceCommitmentTable, ServiceSupervisorTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored, StoredUnit } from '../../platform/stored-unit.repo';

// ---- units ----

/** A unit of the public directory (active, not a grid) that can receive feedback. */
export async function publicUnitUnscoped(db: Db | Tx, id: string) {
  return db
    .selectFrom('org_units')
    .select(['id', 'name', 'level', 'path'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .where('level', '<>', 'grid')
    .executeTakeFirst();
}

// ---- feedback entries ----

export async function insertFeedback(scope: Scope, db: Tx, row: Stored<FeedbackEntryTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('feedback outside scope');
  await db.insertInto('feedback_entries').values(row).execute();
}

function base(db: Db | Tx) {
  return db.selectFrom('feedback_entries as f').innerJoin('org_units as u', 'u.id', 'f.org_unit_id').selectAll('f').select(['u.name as org_unit_name']);
}
export type FeedbackRow = FeedbackEntryTable & { org_unit_name: string };

export async function getFeedback(scope: Scope, db: Db | Tx, id: string): Promise<FeedbackRow | undefined> {
  return base(db).where('f.id', '=', id).where(inScope(scope, 'f.org_path')).executeTakeFirst();
}

export type FeedbackFilter = {
  unitPath?: string;
  status?: string;
  kind?: string;
  published?: boolean;
  overdue?: boolean;
  today: string;
  q?: string;
};

function filtered(scope: Scope, db: Db | Tx, f: FeedbackFilter) {
  let q = base(db).where(inScope(scope, 'f.org_path'));
  if (f.unitPath) q = q.where(pathWithin('f.org_path', f.unitPath));
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.kind) q = q.where('f.kind', '=', f.kind);
  if (f.published !== undefined) q = q.where('f.published', '=', f.published ? 1 : 0);
  if (f.overdue === true) q = q.where('f.status', '=', 'submitted').where('f.due_day', '<', f.today);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('f.status', '<>', 'submitted'), eb('f.due_day', '>=', f.today)]));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    q = q.where(sql<boolean>`f.body like ${like} escape '\\'`);
  }
  return q;
}

const sortColumns = { submittedAt: 'f.submitted_at', dueDay: 'f.due_day', rating: 'f.rating' } as const;

export async function listFeedback(scope: Scope, db: Db, f: FeedbackFilter & { page: number; pageSize: number; sort: keyof typeof sortColumns; order: 'asc' | 'desc' }) {
  const q = filtered(scope, db, f);
  const items = await q
    .orderBy(sortColumns[f.sort], f.order)
    .orderBy('f.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function feedbackChunk(scope: Scope, db: Db, f: FeedbackFilter, after: { path: string; id: string } | null, limit: number): Promise<FeedbackRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('f.org_path', '>', after.path), eb.and([eb('f.org_path', '=', after.path), eb('f.id', '>', after.id)])]));
  return q.orderBy('f.org_path').orderBy('f.id').limit(limit).execute();
}

/** The one entry of a query code (the writer's own view, no staff columns are read by the caller). */
export async function feedbackByQueryCodeUnscoped(db: Db, codeHash: string): Promise<FeedbackRow | undefined> {
  return base(db).where('f.query_code_hash', '=', codeHash).executeTakeFirst();
}

/** A unit's published replies, newest first: the entry's text and the reply, nothing of the writer. */
export async function publishedFeedbackUnscoped(db: Db, unitId: string, limit: number) {
  return db
    .selectFrom('feedback_entries')
    .select(['kind', 'body', 'submitted_on', 'reply', 'replied_on'])
    .where('org_unit_id', '=', unitId)
    .where('published', '=', 1)
    .where('status', '=', 'replied')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// ---- commitments and supervisors ----

export async function commitmentsUnscoped(db: Db | Tx, unitId: string) {
  return db.selectFrom('service_commitments').select(['body', 'updated_at', 'updated_by_name']).where('org_unit_id', '=', unitId).orderBy('position').execute();
}

export async function supervisorsUnscoped(db: Db | Tx, unitId: string) {
  return db.selectFrom('service_supervisors').select(['name', 'affiliation', 'phone', 'updated_at', 'updated_by_name']).where('org_unit_id', '=', unitId).orderBy('position').execute();
}

/** The unit's lists for staff: only a unit in the caller's range. */
export async function commitmentsOf(scope: Scope, db: Db | Tx, unitId: string) {
  return db.selectFrom('service_commitments').select(['body', 'updated_at', 'updated_by_name']).where('org_unit_id', '=', unitId).where(inScope(scope, 'org_path')).orderBy('position').execute();
}

export async function supervisorsOf(scope: Scope, db: Db | Tx, unitId: string) {
  return db
    .selectFrom('service_supervisors')
    .select(['name', 'affiliation', 'phone', 'updated_at', 'updated_by_name'])
    .where('org_unit_id', '=', unitId)
    .where(inScope(scope, 'org_path'))
    .orderBy('position')
    .execute();
}

/** Rewrites a unit's commitments as a whole (in the caller's transaction). */
export async function replaceCommitments(scope: Scope, db: Tx, unit: StoredUnit, rows: Stored<ServiceCommitmentTable>[]): Promise<void> {
  if (!pathInScope(scope, unit.path)) throw new Error('unit outside scope');
  await db.deleteFrom('service_commitments').where('org_unit_id', '=', unit.id).where(inScope(scope, 'org_path')).execute();
  if (rows.length) await db.insertInto('service_commitments').values(rows).execute();
}

/** Rewrites a unit's supervisors as a whole (in the caller's transaction). */
export async function replaceSupervisors(scope: Scope, db: Tx, unit: StoredUnit, rows: Stored<ServiceSupervisorTable>[]): Promise<void> {
  if (!pathInScope(scope, unit.path)) throw new Error('unit outside scope');
  await db.deleteFrom('service_supervisors').where('org_unit_id', '=', unit.id).where(inScope(scope, 'org_path')).execute();
  if (rows.length) await db.insertInto('service_supervisors').values(rows).execute();
}
