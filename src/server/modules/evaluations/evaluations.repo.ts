// The only place with SQL for evaluation 考核评估 and rectification 整改. Staff queries take the
// caller's scope first: sets by the jurisdiction guard; an evaluation and a rectification item by the
// case guard (the evaluated unit's range, the organizer's unit grant, a named scorer's user grant);
// a round by its organizer's range or an evaluation of it the caller sees. Functions named
// …Unscoped are called only after the caller's evaluation passed that guard (or by the kernel's
// effects, which run after the kernel's own checks).
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { EvaluationItemTable, EvaluationRoundTable, EvaluationScoreTable, EvaluationSetTable, EvaluationTable, RectificationTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, visibleTo, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

const CASE_RECORD = 'case';
const evalGuard = (alias: string) => ({ recordType: CASE_RECORD, idColumn: `${alias}.id`, pathColumn: `${alias}.org_path` });

// ---- units, staff ----

/** Active units of the caller's range strictly below `path` among `ids`. */
export async function unitsBelow(scope: Scope, db: Tx, ids: readonly string[], path: string) {
  if (!ids.length) return [];
  return db
    .selectFrom('org_units')
    .select(['id', 'path', 'level', 'name'])
    .where('id', 'in', [...ids])
    .where('active', '=', 1)
    .where(inScope(scope, 'path'))
    .where(pathWithin('path', path))
    .where('path', '!=', path)
    .execute();
}

/** Enabled staff accounts of the caller's range among `ids`. */
export async function staffInScope(scope: Scope, db: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('users as u')
    .innerJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .select(['u.id', 'u.display_name', 'u.org_path', 'o.name as unit_name'])
    .where('u.id', 'in', [...ids])
    .where('u.disabled', '=', 0)
    .where(inScope(scope, 'u.org_path'))
    .execute();
}

/** Enabled staff of the caller's range at or below a unit (candidates for a joint/peer group). */
export async function staffWithin(scope: Scope, db: Tx, path: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .select(['u.id', 'u.display_name', 'u.roles', 'o.name as unit_name'])
    .where('u.disabled', '=', 0)
    .where(inScope(scope, 'u.org_path'))
    .where(pathWithin('u.org_path', path))
    .orderBy('u.org_path')
    .orderBy('u.display_name')
    .limit(500)
    .execute();
}

/** Names of staff accounts (the scorers a round names: shown to those who see the round). */
export async function staffNamesUnscoped(db: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users as u').innerJoin('org_units as o', 'o.id', 'u.org_unit_id').select(['u.id', 'u.display_name', 'o.name as unit_name']).where('u.id', 'in', [...ids]).execute();
}

/** Enabled staff of one unit (a rectification's owner is one of them). */
export async function unitStaffUnscoped(db: Tx, unitId: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'roles']).where('org_unit_id', '=', unitId).where('disabled', '=', 0).orderBy('display_name').execute();
}

// ---- indicator sets ----

export type SetRow = EvaluationSetTable & { org_unit_name: string };
const setsQ = (db: Tx) => db.selectFrom('evaluation_sets as s').innerJoin('org_units as u', 'u.id', 's.org_unit_id').selectAll('s').select('u.name as org_unit_name');

export async function listSets(scope: Scope, db: Tx): Promise<SetRow[]> {
  return setsQ(db).where(inScope(scope, 's.org_path')).orderBy('s.org_path').orderBy('s.created_at').limit(500).execute();
}

export async function getSet(scope: Scope, db: Tx, id: string): Promise<SetRow | undefined> {
  return setsQ(db).where('s.id', '=', id).where(inScope(scope, 's.org_path')).executeTakeFirst();
}

export async function insertSet(scope: Scope, db: Tx, row: Stored<EvaluationSetTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('evaluation set outside scope');
  await db.insertInto('evaluation_sets').values(row).execute();
}

export async function updateSet(scope: Scope, db: Tx, id: string, version: number, v: Pick<EvaluationSetTable, 'name' | 'kind' | 'level' | 'indicators' | 'updated_by' | 'updated_at'> & Partial<Pick<EvaluationSetTable, 'grades'>>): Promise<boolean> {
  const r = await db
    .updateTable('evaluation_sets')
    .set({ ...v, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- rounds ----

export type RoundRow = EvaluationRoundTable & { org_unit_name: string; n_units: number | string; n_published: number | string };

function roundsQ(db: Tx) {
  return db
    .selectFrom('evaluation_rounds as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .selectAll('r')
    .select('u.name as org_unit_name')
    .select((eb) => [
      eb.selectFrom('evaluations as n').select((x) => x.fn.countAll<number>().as('c')).whereRef('n.round_id', '=', 'r.id').as('n_units'),
      eb.selectFrom('evaluations as p').select((x) => x.fn.countAll<number>().as('c')).whereRef('p.round_id', '=', 'r.id').where('p.status', '=', 'published').as('n_published'),
    ]);
}

/** A round is seen in its organizer's range, and by whoever sees one of its evaluations. */
const roundVisible = (scope: Scope) =>
  sql<boolean>`(${inScope(scope, 'r.org_path')} or exists (select 1 from evaluations e where e.round_id = r.id and ${visibleTo(scope, evalGuard('e'))}))`;

export async function listRounds(scope: Scope, db: Tx, q: { page: number; pageSize: number }) {
  const base = roundsQ(db).where(roundVisible(scope));
  const [items, count] = await Promise.all([
    base.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    cappedCount(db, db.selectFrom('evaluation_rounds as r').select('r.id').where(roundVisible(scope))),
  ]);
  return { items: items as RoundRow[], ...count };
}

export async function getRound(scope: Scope, db: Tx, id: string): Promise<RoundRow | undefined> {
  return (await roundsQ(db).where('r.id', '=', id).where(roundVisible(scope)).executeTakeFirst()) as RoundRow | undefined;
}

export async function roundUnscoped(db: Tx, id: string) {
  return db.selectFrom('evaluation_rounds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertRound(scope: Scope, db: Tx, row: Stored<EvaluationRoundTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('evaluation round outside scope');
  await db.insertInto('evaluation_rounds').values(row).execute();
}

// ---- evaluations ----

export type EvaluationRow = EvaluationTable & { org_unit_name: string; round_title: string; period: string };
const evaluationsQ = (db: Tx) =>
  db
    .selectFrom('evaluations as e')
    .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
    .innerJoin('evaluation_rounds as r', 'r.id', 'e.round_id')
    .selectAll('e')
    .select(['u.name as org_unit_name', 'r.title as round_title', 'r.period']);

export async function insertEvaluation(db: Tx, row: Stored<EvaluationTable>): Promise<void> {
  await db.insertInto('evaluations').values(row).execute();
}

export async function getEvaluation(scope: Scope, db: Tx, id: string): Promise<EvaluationRow | undefined> {
  return evaluationsQ(db).where('e.id', '=', id).where(visibleTo(scope, evalGuard('e'))).executeTakeFirst();
}

export async function evaluationsOfRound(scope: Scope, db: Tx, roundId: string): Promise<EvaluationRow[]> {
  return evaluationsQ(db).where('e.round_id', '=', roundId).where(visibleTo(scope, evalGuard('e'))).orderBy('u.code').execute();
}

export async function listEvaluations(scope: Scope, db: Tx, q: { status?: string; page: number; pageSize: number }) {
  let base = evaluationsQ(db).where(visibleTo(scope, evalGuard('e')));
  if (q.status) base = base.where('e.status', '=', q.status);
  const [items, count] = await Promise.all([
    base.orderBy('e.created_at', 'desc').orderBy('e.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    cappedCount(db, base.clearSelect().select('e.id')),
  ]);
  return { items, ...count };
}

/**
 * The published evaluations of a round, every unit of it (Part 12 四(五): results are made public): called
 * only after the caller passed the round's guard, or for the public results page. Published rows only.
 */
export async function publishedOfRoundUnscoped(db: Db | Tx, roundIds: readonly string[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('evaluations as e')
    .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
    .select(['e.id', 'e.round_id', 'e.total10', 'e.grade', 'e.published_at', 'u.name as org_unit_name', 'u.code as org_unit_code'])
    .where('e.round_id', 'in', [...roundIds])
    .where('e.status', '=', 'published')
    .orderBy('u.code')
    .execute();
}

/** An active unit by id, for the public results page (no scope: public facts only). */
export async function publicUnitUnscoped(db: Db, id: string) {
  return db.selectFrom('org_units').select(['id', 'name', 'path', 'level']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

/** The latest rounds organized at or below a unit that have at least one published evaluation (public page). */
export async function publishedRoundsWithinUnscoped(db: Db, path: string, limit: number) {
  return db
    .selectFrom('evaluation_rounds as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .select(['r.id', 'r.title', 'r.period', 'r.set_kind', 'r.grades', 'u.name as org_unit_name'])
    .select((eb) => [
      eb.selectFrom('evaluations as n').select((x) => x.fn.countAll<number>().as('c')).whereRef('n.round_id', '=', 'r.id').as('n_units'),
      eb.selectFrom('evaluations as p').select((x) => x.fn.max('p.published_at').as('m')).whereRef('p.round_id', '=', 'r.id').where('p.status', '=', 'published').as('last_published'),
    ])
    .where(pathWithin('r.org_path', path))
    .where((eb) => eb.exists(eb.selectFrom('evaluations as x').select('x.id').whereRef('x.round_id', '=', 'r.id').where('x.status', '=', 'published')))
    .orderBy('r.period', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function evaluationUnscoped(db: Tx, id: string) {
  return db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

// ---- items and sheets ----

export async function insertItems(db: Tx, rows: Stored<EvaluationItemTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('evaluation_items').values(rows).execute();
}

export async function itemsOfUnscoped(db: Tx, evaluationId: string): Promise<EvaluationItemTable[]> {
  return db.selectFrom('evaluation_items').selectAll().where('evaluation_id', '=', evaluationId).execute();
}

export async function writeSelfItemUnscoped(db: Tx, evaluationId: string, key: string, v: Pick<EvaluationItemTable, 'self_score10' | 'self_note' | 'updated_at'>): Promise<void> {
  await db.updateTable('evaluation_items').set(v).where('evaluation_id', '=', evaluationId).where('indicator_key', '=', key).where('frozen', '=', 0).execute();
}

/** A figure's value: written while not frozen; `frozen: 1` freezes it (at scoring), never written again. */
export async function writeItemValueUnscoped(db: Tx, evaluationId: string, key: string, v: Pick<EvaluationItemTable, 'value' | 'frozen' | 'updated_at'>): Promise<void> {
  await db.updateTable('evaluation_items').set(v).where('evaluation_id', '=', evaluationId).where('indicator_key', '=', key).where('frozen', '=', 0).execute();
}

/** The final score and problem of an indicator (the kernel's score action only). */
export async function writeItemScoreUnscoped(db: Tx, evaluationId: string, key: string, v: Pick<EvaluationItemTable, 'score10' | 'problem' | 'updated_at'>): Promise<void> {
  await db.updateTable('evaluation_items').set(v).where('evaluation_id', '=', evaluationId).where('indicator_key', '=', key).execute();
}

export async function writeSheetRowUnscoped(db: Tx, row: Stored<EvaluationScoreTable>): Promise<void> {
  await db.deleteFrom('evaluation_scores').where('evaluation_id', '=', row.evaluation_id).where('scorer_id', '=', row.scorer_id).where('indicator_key', '=', row.indicator_key).execute();
  await db.insertInto('evaluation_scores').values(row).execute();
}

export async function sheetsOfUnscoped(db: Tx, evaluationId: string) {
  return db
    .selectFrom('evaluation_scores as s')
    .innerJoin('users as u', 'u.id', 's.scorer_id')
    .selectAll('s')
    .select('u.display_name as scorer_name')
    .where('s.evaluation_id', '=', evaluationId)
    .orderBy('u.display_name')
    .orderBy('s.indicator_key')
    .execute();
}

// ---- rectifications ----

export type RectificationRow = RectificationTable & { org_unit_name: string; owner_name: string; round_title: string };
const rectQ = (db: Tx) =>
  db
    .selectFrom('rectifications as e')
    .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
    .innerJoin('users as w', 'w.id', 'e.owner_user_id')
    .innerJoin('evaluations as v', 'v.id', 'e.evaluation_id')
    .innerJoin('evaluation_rounds as r', 'r.id', 'v.round_id')
    .selectAll('e')
    .select(['u.name as org_unit_name', 'w.display_name as owner_name', 'r.title as round_title']);

export async function insertRectification(scope: Scope, db: Tx, row: Stored<RectificationTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('rectification outside scope');
  await db.insertInto('rectifications').values(row).execute();
}

export async function getRectification(scope: Scope, db: Tx, id: string): Promise<RectificationRow | undefined> {
  return rectQ(db).where('e.id', '=', id).where(visibleTo(scope, evalGuard('e'))).executeTakeFirst();
}

export async function rectificationsOfUnscoped(db: Tx, evaluationId: string): Promise<RectificationRow[]> {
  return rectQ(db).where('e.evaluation_id', '=', evaluationId).orderBy('e.created_at').execute();
}

export async function listRectifications(scope: Scope, db: Tx, q: { status?: string; page: number; pageSize: number }) {
  let base = rectQ(db).where(visibleTo(scope, evalGuard('e')));
  if (q.status) base = base.where('e.status', '=', q.status);
  const [items, count] = await Promise.all([
    base.orderBy('e.due_day').orderBy('e.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    cappedCount(db, base.clearSelect().select('e.id')),
  ]);
  return { items, ...count };
}

// ---- figures (evaluations.figures.ts) ----

/** The total (tenths) of the unit's latest evaluation published on or before the instant. */
export async function latestPublishedTotal(db: Db | Tx, unitPath: string, before: string): Promise<number | null> {
  const r = await db.selectFrom('evaluations').select('total10').where('org_path', '=', unitPath).where('status', '=', 'published').where('published_at', '<=', before).orderBy('published_at', 'desc').limit(1).executeTakeFirst();
  return r?.total10 ?? null;
}

export async function openRectificationCount(db: Db | Tx, path: string): Promise<number> {
  const r = await db.selectFrom('rectifications').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').where(pathWithin('org_path', path)).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The indicator keys that have evidence files ('evidence:<key>' files of the evaluation's case). */
export async function evidenceKeysUnscoped(db: Tx, evaluationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('files').select('kind').distinct().where('owner_type', '=', 'case').where('owner_id', '=', evaluationId).where('kind', 'like', 'evidence:%').execute();
  return new Set(rows.map((r) => r.kind.slice('evidence:'.length)));
}
