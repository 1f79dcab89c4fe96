// The only place with SQL for cases and their action log. Visibility is the guard's visibleTo:
// the case's range, grants to participants outside it, and restriction to named participants.
import type { Stored, StoredUnit } from '../platform/stored-unit.repo';
import { sql } from 'kysely';
import type { Db } from '../db/client';
import type { Tx } from '../db/transaction';
import type { CaseActionTable, CaseTable } from '../db/types';
import { cappedCount } from '../db/paging';
import { visibleTo, type Scope } from '../platform/jurisdiction';
import { newId } from '../platform/ids';

export const CASE_RECORD = 'case';
const guard = { recordType: CASE_RECORD, idColumn: 'cases.id', pathColumn: 'cases.org_path', restrictedColumn: 'cases.restricted' };

function base(db: Tx) {
  return db
    .selectFrom('cases')
    .innerJoin('org_units as owner', 'owner.id', 'cases.org_unit_id')
    .leftJoin('org_units as cp', 'cp.id', 'cases.counterpart_unit_id')
    .selectAll('cases')
    .select(['owner.name as org_unit_name', 'cp.name as counterpart_unit_name']);
}
export type CaseRow = CaseTable & { org_unit_name: string; counterpart_unit_name: string | null };

export async function getCase(scope: Scope, db: Tx, id: string): Promise<CaseRow | undefined> {
  return base(db).where('cases.id', '=', id).where(visibleTo(scope, guard)).executeTakeFirst();
}

/**
 * A case by id, whoever asks: for the kernel only, inside the transaction of an action it has just
 * checked (the action may have moved the case out of the actor's sight), and for mirror writes.
 */
export async function caseByIdUnscoped(db: Tx, id: string): Promise<CaseRow | undefined> {
  return base(db).where('cases.id', '=', id).executeTakeFirst();
}

export type CaseFilter = { type?: string; /** only these types (the ones the caller may read) */ types?: readonly string[]; status?: string; open?: boolean; subjectId?: string; page: number; pageSize: number };

export async function listCases(scope: Scope, db: Tx, f: CaseFilter) {
  let q = base(db).where(visibleTo(scope, guard));
  if (f.type) q = q.where('cases.case_type', '=', f.type);
  if (f.types) q = f.types.length ? q.where('cases.case_type', 'in', [...f.types]) : q.where(sql<boolean>`1 = 0`);
  if (f.status) q = q.where('cases.status', '=', f.status);
  if (f.open !== undefined) q = q.where('cases.open', '=', f.open ? 1 : 0);
  if (f.subjectId) q = q.where('cases.subject_id', '=', f.subjectId);
  const items = await q
    .orderBy('cases.updated_at', 'desc')
    .orderBy('cases.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The (case type, status) pairs a user may act on while a case waits on their unit. */
export type WaitingPair = { type: string; status: string };

function waitingOn(scope: Scope, db: Tx, unitPath: string, pairs: readonly WaitingPair[]) {
  return db
    .selectFrom('cases')
    .where('cases.open', '=', 1)
    .where('cases.waiting_path', '=', unitPath)
    .where((eb) => (pairs.length ? eb.or(pairs.map((p) => eb.and([eb('cases.case_type', '=', p.type), eb('cases.status', '=', p.status)]))) : sql<boolean>`1 = 0`))
    .where(visibleTo(scope, guard));
}

/** Open cases waiting on exactly this unit, in one of the pairs the caller may act on, that the caller can see. */
export async function listWaitingOn(scope: Scope, db: Db, unitPath: string, pairs: readonly WaitingPair[], limit: number) {
  if (!pairs.length) return [];
  return waitingOn(scope, db, unitPath, pairs)
    .innerJoin('org_units as owner', 'owner.id', 'cases.org_unit_id')
    .selectAll('cases')
    .select('owner.name as org_unit_name')
    // soonest first, cases without a deadline last (both dialects: NULLs sort differently);
    // within a day an hour deadline (due_at) before one due at the end of the day
    .orderBy(sql`case when cases.due_day is null then 1 else 0 end`)
    .orderBy('cases.due_day')
    .orderBy(sql`case when cases.due_at is null then 1 else 0 end`)
    .orderBy('cases.due_at')
    .orderBy('cases.waiting_since')
    .limit(limit)
    .execute();
}

/**
 * How many of those cases there are, and how many are overdue at `now` (an hour deadline by the
 * clock, else the day deadline against `today`: shared/rules/due-marks): one count query.
 */
export async function countWaitingOn(scope: Scope, db: Db, unitPath: string, pairs: readonly WaitingPair[], now: string, today: string): Promise<{ count: number; overdue: number }> {
  if (!pairs.length) return { count: 0, overdue: 0 };
  const r = await waitingOn(scope, db, unitPath, pairs)
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when cases.due_at is not null then (case when cases.due_at < ${now} then 1 else 0 end) when cases.due_day < ${today} then 1 else 0 end)`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { count: Number(r.n ?? 0), overdue: Number(r.overdue ?? 0) };
}

export async function caseLog(scope: Scope, db: Tx, caseId: string) {
  return db
    .selectFrom('case_actions')
    .innerJoin('cases', 'cases.id', 'case_actions.case_id')
    .selectAll('case_actions')
    .select('cases.case_type')
    .where('case_actions.case_id', '=', caseId)
    .where(visibleTo(scope, guard))
    .orderBy('case_actions.seq')
    .execute();
}

export async function lastSeqUnscoped(db: Tx, caseId: string): Promise<number> {
  const r = await db
    .selectFrom('case_actions')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** Inserts a new case (the caller checked the owner unit is in its scope) and its first log entry. */
/** A case row as written: its three unit paths come from StoredUnits. */
export type StoredCase = Stored<CaseTable, 'org_path' | 'counterpart_path' | 'waiting_path'>;

export async function insertCaseUnscoped(db: Tx, row: StoredCase, first: Omit<CaseActionTable, 'id' | 'case_id' | 'seq'>) {
  await db.insertInto('cases').values(row).execute();
  await db.insertInto('case_actions').values({ ...first, id: newId(), case_id: row.id, seq: 1 }).execute();
}

/**
 * Appends an action and stores the status it derives, in one statement pair, guarded by the
 * version the actor saw. Returns false when the case changed meanwhile (or is not visible).
 */
export async function appendAction(
  scope: Scope,
  db: Tx,
  c: { id: string; version: number },
  patch: Partial<Omit<StoredCase, 'id' | 'version'>>,
  entry: Omit<CaseActionTable, 'id' | 'case_id' | 'seq'>,
): Promise<boolean> {
  const r = await db
    .updateTable('cases')
    .set({ ...patch, version: c.version + 1 })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .where(visibleTo(scope, guard))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const seq = (await lastSeqUnscoped(db, c.id)) + 1;
  await db.insertInto('case_actions').values({ ...entry, id: newId(), case_id: c.id, seq }).execute();
  return true;
}

/**
 * appendAction for a delegated action (cases.service performDelegatedActionIn): the actor does not
 * see the case; the kernel feature that delegated it checked the actor. Still version-guarded.
 */
export async function appendActionUnscoped(
  _scope: Scope,
  db: Tx,
  c: { id: string; version: number },
  patch: Partial<Omit<StoredCase, 'id' | 'version'>>,
  entry: Omit<CaseActionTable, 'id' | 'case_id' | 'seq'>,
): Promise<boolean> {
  const r = await db.updateTable('cases').set({ ...patch, version: c.version + 1 }).where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const seq = (await lastSeqUnscoped(db, c.id)) + 1;
  await db.insertInto('case_actions').values({ ...entry, id: newId(), case_id: c.id, seq }).execute();
  return true;
}

/**
 * Writes a case type's mirror columns into the module's row of the same id (the kernel's own write,
 * in the action's transaction). The row must exist: a missing one is a bug of the module.
 */
export async function writeMirrorColumnsUnscoped(db: Tx, table: string, id: string, columns: Record<string, string | number | null>): Promise<void> {
  const entries = Object.entries(columns);
  if (!entries.length) return;
  const sets = sql.join(entries.map(([k, v]) => sql`${sql.ref(k)} = ${v}`));
  const r = await sql`update ${sql.table(table)} set ${sets} where id = ${id}`.execute(db);
  if (Number(r.numAffectedRows ?? 0) !== 1) throw new Error(`mirror ${table}: no row ${id} (insert the module's row in openCase's \`record\`)`);
}

export async function grantCaseAccessUnscoped(db: Tx, caseId: string, g: { userId?: string; unit?: StoredUnit }, at: string) {
  await db
    .insertInto('access_grants')
    .values({
      id: newId(),
      record_type: CASE_RECORD,
      record_id: caseId,
      grantee_user_id: g.userId ?? null,
      grantee_org_unit_id: g.unit?.id ?? null,
      grantee_path: g.unit?.path ?? null,
      created_at: at,
    })
    .execute();
}

/**
 * The types of the open cases about a subject, whoever can see them: for checks that must look
 * across units (one open transfer per record, no merge under an open case). Answers types only.
 */
export async function openCaseTypesOfSubjectUnscoped(db: Tx, subjectType: string, subjectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('case_type')
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('open', '=', 1)
    .execute();
  return rows.map((r) => r.case_type);
}

/** Consistency check used by tests: the stored status equals the last logged to_status. */
export async function statusMismatchesUnscoped(db: Tx): Promise<{ id: string; status: string; derived: string }[]> {
  const rows = await db
    .selectFrom('cases')
    .innerJoin('case_actions as a', 'a.case_id', 'cases.id')
    .select(['cases.id', 'cases.status', 'a.to_status', 'a.seq'])
    .where('a.seq', '=', (eb) => eb.selectFrom('case_actions as b').select((e) => e.fn.max('b.seq').as('m')).whereRef('b.case_id', '=', 'cases.id'))
    .execute();
  return rows.filter((r) => r.status !== r.to_status).map((r) => ({ id: r.id, status: r.status, derived: r.to_status }));
}

/** The logs of several cases the caller can see, in order (for a module's list or ledger). */
export async function caseLogsOf(scope: Scope, db: Tx, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  return db
    .selectFrom('case_actions')
    .innerJoin('cases', 'cases.id', 'case_actions.case_id')
    .selectAll('case_actions')
    .select('cases.case_type')
    .where('case_actions.case_id', 'in', [...caseIds])
    .where(visibleTo(scope, guard))
    .orderBy('case_actions.case_id')
    .orderBy('case_actions.seq')
    .execute();
}

/** Several cases the caller can see, by id (a module's list page reading its cases' state in one query). */
export async function getCases(scope: Scope, db: Tx, ids: readonly string[]): Promise<CaseRow[]> {
  if (!ids.length) return [];
  return base(db).where('cases.id', 'in', [...ids]).where(visibleTo(scope, guard)).execute();
}
