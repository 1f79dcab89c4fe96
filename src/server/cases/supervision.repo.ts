// The only place with SQL for supervision notices 督办 and assignments 交办 (case_supervisions).
// Reads go through the case guard (a row is seen by whoever sees its case) or the range of the
// unit that must answer (the work queue).
import { sql } from 'kysely';
import type { Db } from '../db/client';
import type { Tx } from '../db/transaction';
import type { CaseSupervisionTable } from '../db/types';
import { inScope, pathInScope, visibleTo, type Scope } from '../platform/jurisdiction';
import type { StoredUnit } from '../platform/stored-unit.repo';
import { CASE_RECORD } from './cases.repo';

const guard = { recordType: CASE_RECORD, idColumn: 'cases.id', pathColumn: 'cases.org_path', restrictedColumn: 'cases.restricted' };

export type SupervisionRow = CaseSupervisionTable & { target_unit_name: string; issuer_unit_name: string };

function base(db: Tx) {
  return db
    .selectFrom('case_supervisions as s')
    .innerJoin('cases', 'cases.id', 's.case_id')
    .innerJoin('org_units as tu', 'tu.id', 's.org_unit_id')
    .innerJoin('org_units as iu', 'iu.id', 's.issuer_unit_id')
    .selectAll('s')
    .select(['tu.name as target_unit_name', 'iu.name as issuer_unit_name']);
}

/** The notices and assignments of cases the caller sees, in order. */
export async function supervisionsOf(scope: Scope, db: Tx, caseIds: readonly string[]): Promise<SupervisionRow[]> {
  if (!caseIds.length) return [];
  return base(db).where('s.case_id', 'in', caseIds).where(visibleTo(scope, guard)).orderBy('s.case_id').orderBy('s.seq').execute();
}

export async function supervisionOfCase(scope: Scope, db: Tx, caseId: string, id: string): Promise<SupervisionRow | undefined> {
  return base(db).where('s.case_id', '=', caseId).where('s.id', '=', id).where(visibleTo(scope, guard)).executeTakeFirst();
}

export async function nextSupervisionSeq(db: Tx, caseId: string): Promise<number> {
  const r = await db.selectFrom('case_supervisions').select(sql<number>`coalesce(max(seq), 0)`.as('n')).where('case_id', '=', caseId).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/** A new notice, stored under the unit that must answer and the issuing unit (both read under the tree lock). */
export async function insertSupervision(
  scope: Scope,
  db: Tx,
  target: StoredUnit,
  issuer: StoredUnit,
  row: Omit<CaseSupervisionTable, 'org_unit_id' | 'org_path' | 'issuer_unit_id' | 'issuer_path' | 'reply' | 'replied_on' | 'replied_by_name' | 'result' | 'review' | 'reviewed_on' | 'review_comment' | 'reviewed_by_name' | 'returns'>,
): Promise<void> {
  if (!pathInScope(scope, issuer.path)) throw new Error('supervision issuer outside scope');
  await db
    .insertInto('case_supervisions')
    .values({ ...row, org_unit_id: target.id, org_path: target.path, issuer_unit_id: issuer.id, issuer_path: issuer.path, reply: null, replied_on: null, replied_by_name: null, result: null, review: null, reviewed_on: null, review_comment: null, reviewed_by_name: null, returns: 0 })
    .execute();
}

/** Records the reply of an unanswered notice of a case the caller sees: false when it was already answered. */
export async function setSupervisionReply(scope: Scope, db: Tx, caseId: string, id: string, patch: { reply: string; replied_on: string; replied_by_name: string }): Promise<boolean> {
  const visible = await supervisionOfCase(scope, db, caseId, id);
  if (!visible) return false;
  const r = await db.updateTable('case_supervisions').set(patch).where('id', '=', id).where('case_id', '=', caseId).where('replied_on', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * A 交办 to a unit of the tree, read by the unit it was assigned to (or a unit above it in the
 * caller's range): NOT through the case, which that unit does not see. Department items, 督办
 * notices and restricted cases are never found here.
 */
export async function assignmentForTarget(scope: Scope, db: Tx, id: string): Promise<(SupervisionRow & { title: string; case_version: number; case_open: number; case_status: string }) | undefined> {
  return base(db)
    .select(['cases.title', 'cases.version as case_version', 'cases.open as case_open', 'cases.status as case_status'])
    .where('s.id', '=', id)
    .where('s.kind', '=', 'assign')
    .where('s.external_body', 'is', null)
    .where('cases.restricted', '=', 0)
    .where(inScope(scope, 's.org_path'))
    .executeTakeFirst();
}

/** Records a lower unit's own reply (unanswered, not accepted): false when it changed meanwhile. */
export async function setUnitReply(db: Tx, caseId: string, id: string, patch: { reply: string; result: string; replied_on: string; replied_by_name: string }): Promise<boolean> {
  const r = await db
    .updateTable('case_supervisions')
    .set({ ...patch, review: null })
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('kind', '=', 'assign')
    .where('replied_on', 'is', null)
    .where((eb) => eb.or([eb('review', 'is', null), eb('review', '=', 'returned')]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The assigning unit's review of a replied, unreviewed item of a case the caller sees. */
export async function setReplyReview(scope: Scope, db: Tx, caseId: string, id: string, review: 'accepted' | 'returned', patch: { reviewed_on: string; review_comment: string; reviewed_by_name: string }): Promise<boolean> {
  if (!(await supervisionOfCase(scope, db, caseId, id))) return false;
  const r = await db
    .updateTable('case_supervisions')
    .set((eb) => ({ ...patch, review, ...(review === 'returned' && { replied_on: null, returns: eb('returns', '+', 1) }) }))
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('replied_on', 'is not', null)
    .where('review', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type DueSupervisionRow = { id: string; case_id: string; case_type: string; kind: string; title: string; due_day: string; issued_on: string; created_at: string; issuer_unit_name: string; target_unit_name: string; external_body: string | null };

function answering(scope: Scope, db: Db, unitPath: string, types: readonly string[]) {
  return db
    .selectFrom('case_supervisions as s')
    .innerJoin('cases', 'cases.id', 's.case_id')
    .where('s.org_path', '=', unitPath)
    .where('s.replied_on', 'is', null)
    .where('cases.open', '=', 1)
    .where('s.case_type', 'in', types.length ? types : ['-'])
    .where(inScope(scope, 's.org_path'))
    // a 交办 to a unit of the tree reaches it without sight of the case (never a restricted one)
    .where(sql<boolean>`(${visibleTo(scope, guard)} or (s.kind = 'assign' and s.external_body is null and cases.restricted = 0))`);
}

/** Unanswered notices and assignments of open cases that exactly this unit must answer, soonest first. */
export async function dueSupervisionsOf(scope: Scope, db: Db, unitPath: string, types: readonly string[], limit: number): Promise<DueSupervisionRow[]> {
  return answering(scope, db, unitPath, types)
    .innerJoin('org_units as iu', 'iu.id', 's.issuer_unit_id')
    .innerJoin('org_units as tu', 'tu.id', 's.org_unit_id')
    .select(['s.id', 's.case_id', 's.case_type', 's.kind', 'cases.title', 's.due_day', 's.issued_on', 's.created_at', 'iu.name as issuer_unit_name', 'tu.name as target_unit_name', 's.external_body'])
    .orderBy('s.due_day')
    .orderBy('s.created_at')
    .limit(limit)
    .execute();
}

export async function countDueSupervisionsOf(scope: Scope, db: Db, unitPath: string, types: readonly string[], today: string): Promise<{ count: number; overdue: number }> {
  const r = await answering(scope, db, unitPath, types)
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(case when s.due_day < ${today} then 1 else 0 end)`.as('overdue')])
    .executeTakeFirstOrThrow();
  return { count: Number(r.n ?? 0), overdue: Number(r.overdue ?? 0) };
}
