// The only place with SQL for satisfaction surveys 满意度调查. A questionnaire and a run are their
// unit's: seen by its range and by the units below it (a station answers calls for the county's
// survey); changed by the unit's range only. An invitation is kept under its person's unit: staff
// see and count only the invitations in their own range; the public side finds one by its token's
// keyed hash (…Unscoped) and nothing else.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { QuestionnaireTable, SurveyInvitationTable, SurveyRunTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathAtOrAbove, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

export { unitInScope } from '../../platform/scope-units.repo';

// ---- questionnaires ----

export type QuestionnaireRow = QuestionnaireTable & { org_unit_name: string };
const seenFromBelow = (scope: Scope, col: string) => sql<SqlBool>`(${inScope(scope, col)} or ${pathAtOrAbove(col, scope.path)})`;

function questionnaires(db: Tx) {
  return db.selectFrom('questionnaires as q').innerJoin('org_units as u', 'u.id', 'q.org_unit_id').selectAll('q').select('u.name as org_unit_name');
}

export async function getQuestionnaire(scope: Scope, db: Tx, id: string): Promise<QuestionnaireRow | undefined> {
  return questionnaires(db).where('q.id', '=', id).where(seenFromBelow(scope, 'q.org_path')).executeTakeFirst();
}

export async function listQuestionnaires(scope: Scope, db: Db, f: { published?: boolean; page: number; pageSize: number }) {
  let q = questionnaires(db).where(seenFromBelow(scope, 'q.org_path'));
  if (f.published === true) q = q.where('q.published_at', 'is not', null);
  if (f.published === false) q = q.where('q.published_at', 'is', null);
  const items = await q.orderBy('q.created_at', 'desc').orderBy('q.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function insertQuestionnaire(scope: Scope, db: Tx, row: Stored<QuestionnaireTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('questionnaire outside scope');
  await db.insertInto('questionnaires').values(row).execute();
}

/** Changes a draft in the caller's range at the version read; false when none (stale, published or outside). */
export async function updateDraft(scope: Scope, db: Tx, id: string, version: number, patch: Pick<QuestionnaireTable, 'title' | 'intro' | 'questions' | 'updated_at'>): Promise<boolean> {
  const r = await db
    .updateTable('questionnaires')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('published_at', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function publishDraft(scope: Scope, db: Tx, id: string, version: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('questionnaires')
    .set({ published_at: at, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('published_at', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- runs ----

const counted = (scope: Scope) => [
  sql<number>`(select count(*) from survey_invitations i where i.run_id = s.id and ${inScope(scope, 'i.org_path')})`.as('invited'),
  sql<number>`(select count(*) from survey_invitations i where i.run_id = s.id and i.answered_at is not null and ${inScope(scope, 'i.org_path')})`.as('answered'),
  sql<number>`(select coalesce(sum(i.rating_count), 0) from survey_invitations i where i.run_id = s.id and ${inScope(scope, 'i.org_path')})`.as('ratings'),
  sql<number>`(select coalesce(sum(i.satisfied_count), 0) from survey_invitations i where i.run_id = s.id and ${inScope(scope, 'i.org_path')})`.as('satisfied'),
];

function runs(scope: Scope, db: Tx) {
  return db
    .selectFrom('survey_runs as s')
    .innerJoin('org_units as u', 'u.id', 's.org_unit_id')
    .innerJoin('questionnaires as q', 'q.id', 's.questionnaire_id')
    .selectAll('s')
    .select(['u.name as org_unit_name', 'q.title as questionnaire_title', ...counted(scope)])
    .where(seenFromBelow(scope, 's.org_path'));
}
export type RunRow = SurveyRunTable & { org_unit_name: string; questionnaire_title: string; invited: number | string; answered: number | string; ratings: number | string; satisfied: number | string };

export async function getRun(scope: Scope, db: Tx, id: string): Promise<RunRow | undefined> {
  return runs(scope, db).where('s.id', '=', id).executeTakeFirst();
}

export async function listRuns(scope: Scope, db: Db, f: { unitPath?: string; page: number; pageSize: number }) {
  let q = runs(scope, db);
  if (f.unitPath) q = q.where(pathWithin('s.org_path', f.unitPath));
  const items = await q.orderBy('s.created_at', 'desc').orderBy('s.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function insertRun(scope: Scope, db: Tx, row: Stored<SurveyRunTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('survey run outside scope');
  await db.insertInto('survey_runs').values(row).execute();
}

export async function closeRunRow(scope: Scope, db: Tx, id: string, version: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('survey_runs')
    .set({ closed_at: at, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('closed_at', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Of these people, the living, unmerged ones of the registry within the unit's subtree, with their unit. */
export async function peopleForSample(db: Tx, ids: readonly string[], unitPath: string) {
  const out: { id: string; org_unit_id: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    out.push(
      ...(await db
        .selectFrom('recipients')
        .select(['id', 'org_unit_id'])
        .where('id', 'in', chunk)
        .where('merged_into', 'is', null)
        .where('deceased', '=', 0)
        .where(pathWithin('org_path', unitPath))
        .execute()),
    );
  }
  return out;
}

export async function insertInvitations(db: Tx, rows: Stored<SurveyInvitationTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('survey_invitations').values(rows.slice(i, i + 200)).execute();
}

// ---- invitations ----

function invitations(db: Tx) {
  return db
    .selectFrom('survey_invitations as i')
    .innerJoin('recipients as r', 'r.id', 'i.recipient_id')
    .innerJoin('org_units as iu', 'iu.id', 'i.org_unit_id')
    .selectAll('i')
    .select(['r.name', 'iu.name as org_unit_name']);
}
export type InvitationRow = SurveyInvitationTable & { name: string; org_unit_name: string };

export async function listInvitations(scope: Scope, db: Db, runId: string, f: { answered?: boolean; page: number; pageSize: number }) {
  let q = invitations(db).where('i.run_id', '=', runId).where(inScope(scope, 'i.org_path'));
  if (f.answered === true) q = q.where('i.answered_at', 'is not', null);
  if (f.answered === false) q = q.where('i.answered_at', 'is', null);
  const items = await q.orderBy('i.org_path').orderBy('r.name').orderBy('i.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function unansweredOf(scope: Scope, db: Tx, runId: string, limit: number): Promise<InvitationRow[]> {
  return invitations(db).where('i.run_id', '=', runId).where('i.answered_at', 'is', null).where(inScope(scope, 'i.org_path')).orderBy('i.org_path').orderBy('r.name').limit(limit).execute();
}

export async function getInvitation(scope: Scope, db: Tx, id: string): Promise<InvitationRow | undefined> {
  return invitations(db).where('i.id', '=', id).where(inScope(scope, 'i.org_path')).executeTakeFirst();
}

/** The answered invitations of a run in the caller's range (the results are counted from them). */
export async function resultRows(scope: Scope, db: Tx, runId: string) {
  return db
    .selectFrom('survey_invitations as i')
    .select(['i.org_path', 'i.source_mask', 'i.answered_at', 'i.answers', 'i.rating_count', 'i.satisfied_count'])
    .where('i.run_id', '=', runId)
    .where(inScope(scope, 'i.org_path'))
    .execute();
}

export async function childUnitsOf(scope: Scope, db: Tx, parentId: string) {
  return db.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', '=', parentId).where('active', '=', 1).where(inScope(scope, 'path')).orderBy('code').execute();
}

/** Writes the answer once: false when the invitation was answered already (one answer per invitation). */
export async function answerOnce(db: Tx, id: string, patch: Pick<SurveyInvitationTable, 'answered_at' | 'answered_via' | 'answered_by' | 'answers' | 'rating_count' | 'satisfied_count' | 'rating_sum'>): Promise<boolean> {
  const r = await db.updateTable('survey_invitations').set(patch).where('id', '=', id).where('answered_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- the public side (the token is the credential) ----

export type PublicInvitationRow = SurveyInvitationTable & { run_title: string; closes_on: string; closed_at: string | null; questionnaire_id: string; org_unit_name: string };

export async function invitationByTokenUnscoped(db: Tx, tokenHash: string): Promise<PublicInvitationRow | undefined> {
  return db
    .selectFrom('survey_invitations as i')
    .innerJoin('survey_runs as s', 's.id', 'i.run_id')
    .innerJoin('org_units as u', 'u.id', 's.org_unit_id')
    .selectAll('i')
    .select(['s.title as run_title', 's.closes_on', 's.closed_at', 's.questionnaire_id', 'u.name as org_unit_name'])
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function questionnaireUnscoped(db: Tx, id: string): Promise<QuestionnaireRow | undefined> {
  return questionnaires(db).where('q.id', '=', id).executeTakeFirst();
}

/** The open invitations of a registry person (我的: the account linked to the person), newest first. */
export async function openInvitationsOfPersonUnscoped(db: Tx, recipientId: string, day: string, limit: number) {
  return db
    .selectFrom('survey_invitations as i')
    .innerJoin('survey_runs as s', 's.id', 'i.run_id')
    .innerJoin('org_units as u', 'u.id', 's.org_unit_id')
    .select(['i.id', 'i.token_enc', 'i.invited_on', 's.title as run_title', 's.closes_on', 'u.name as org_unit_name'])
    .where('i.recipient_id', '=', recipientId)
    .where('i.answered_at', 'is', null)
    .where('s.closed_at', 'is', null)
    .where('s.closes_on', '>=', day)
    .orderBy('i.invited_on', 'desc')
    .limit(limit)
    .execute();
}

// ---- figures ----

export async function invitationSums(db: Tx, path: string, from: string, to: string) {
  const r = await db
    .selectFrom('survey_invitations')
    .select([
      sql<number>`count(*)`.as('invited'),
      sql<number>`sum(case when answered_at is not null then 1 else 0 end)`.as('answered'),
      sql<number>`coalesce(sum(rating_count), 0)`.as('ratings'),
      sql<number>`coalesce(sum(satisfied_count), 0)`.as('satisfied'),
    ])
    .where(pathWithin('org_path', path))
    .where('invited_on', '>=', from)
    .where('invited_on', '<=', to)
    .executeTakeFirstOrThrow();
  return { invited: Number(r.invited ?? 0), answered: Number(r.answered ?? 0), ratings: Number(r.ratings ?? 0), satisfied: Number(r.satisfied ?? 0) };
}
