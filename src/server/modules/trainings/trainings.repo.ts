// The only place with SQL for job fairs and trainings 招聘会、培训. A fair or a training is the holding
// unit's: seen by its range and by the units below it (a village registers its veterans for the
// township's fair or enrols them in the county's adaptive training); changed by its range only.
// Registrations and enrolments follow their fair or training; the people in them are shown to a
// caller only when the person is in the caller's range.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/client';
import type { DialectName } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { JobFairEmployerTable, JobFairPersonTable, JobFairTable, TrainingEnrolmentTable, TrainingTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathAtOrAbove, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

export { unitInScope } from '../../platform/scope-units.repo';

/** The registered, living, unmerged veterans (whom fairs and trainings serve). */
function veterans(db: Tx) {
  return db
    .selectFrom('recipients as r')
    .innerJoin('org_units as ru', 'ru.id', 'r.org_unit_id')
    .where('r.merged_into', 'is', null)
    .where('r.status', '=', 'registered')
    .where('r.deceased', '=', 0)
    .where('r.kind', '=', 'veteran');
}

/** Of these ids, the veterans in the caller's range and within the unit at `withinPath`. */
export async function eligiblePeople(scope: Scope, db: Tx, ids: readonly string[], withinPath: string) {
  if (!ids.length) return [];
  return veterans(db)
    .select(['r.id', 'r.name', 'r.org_path'])
    .where('r.id', 'in', [...ids])
    .where(inScope(scope, 'r.org_path'))
    .where(pathWithin('r.org_path', withinPath))
    .execute();
}

// ---- fairs ----

function fairs(db: Tx) {
  return db
    .selectFrom('job_fairs as f')
    .innerJoin('org_units as u', 'u.id', 'f.org_unit_id')
    .selectAll('f')
    .select([
      'u.name as org_unit_name',
      sql<number>`(select count(*) from job_fair_people p where p.fair_id = f.id)`.as('registered'),
      sql<number>`(select count(*) from job_fair_people p where p.fair_id = f.id and p.attended = 1)`.as('attended'),
      sql<number>`(select count(*) from job_fair_people p where p.fair_id = f.id and p.outcome in ('intent', 'hired'))`.as('result_intent'),
      sql<number>`(select count(*) from job_fair_people p where p.fair_id = f.id and p.outcome = 'hired')`.as('result_hired'),
      sql<number>`(select count(*) from job_fair_people p where p.fair_id = f.id and p.outcome = 'none')`.as('result_none'),
      sql<number>`(select coalesce(sum(e.openings), 0) from job_fair_employers e where e.fair_id = f.id)`.as('openings_offered'),
    ]);
}
export type FairRow = JobFairTable & {
  org_unit_name: string;
  registered: number | string;
  attended: number | string;
  openings_offered: number | string;
  result_intent: number | string;
  result_hired: number | string;
  result_none: number | string;
};

const fairVisible = (scope: Scope) => sql<SqlBool>`(${inScope(scope, 'f.org_path')} or ${pathAtOrAbove('f.org_path', scope.path)})`;

export async function getFair(scope: Scope, db: Tx, id: string): Promise<FairRow | undefined> {
  return fairs(db).where('f.id', '=', id).where(fairVisible(scope)).executeTakeFirst();
}

export type FairFilter = { unitPath?: string; kind?: string; from?: string; to?: string; name?: string };
function filteredFairs(scope: Scope, db: Tx, f: FairFilter) {
  let q = fairs(db).where(fairVisible(scope));
  if (f.unitPath) q = q.where(pathWithin('f.org_path', f.unitPath));
  if (f.kind) q = q.where('f.kind', '=', f.kind);
  if (f.from) q = q.where('f.held_on', '>=', f.from);
  if (f.to) q = q.where('f.held_on', '<=', f.to);
  if (f.name) q = q.where('f.name', 'like', `%${f.name.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listFairs(scope: Scope, db: Db, f: FairFilter & { page: number; pageSize: number }) {
  const q = filteredFairs(scope, db, f);
  const items = await q.orderBy('f.held_on', 'desc').orderBy('f.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function fairChunk(scope: Scope, db: Db, f: FairFilter, after: { day: string; id: string } | null, limit: number): Promise<FairRow[]> {
  let q = filteredFairs(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('f.held_on', '>', after.day), eb.and([eb('f.held_on', '=', after.day), eb('f.id', '>', after.id)])]));
  return q.orderBy('f.held_on').orderBy('f.id').limit(limit).execute();
}

export async function fairEmployersOf(db: Tx, fairIds: readonly string[]) {
  if (!fairIds.length) return [];
  return db
    .selectFrom('job_fair_employers as fe')
    .innerJoin('employers as e', 'e.id', 'fe.employer_id')
    .select(['fe.fair_id', 'fe.employer_id', 'fe.openings', 'e.name'])
    .where('fe.fair_id', 'in', [...fairIds])
    .orderBy('e.name')
    .execute();
}

/** The people registered for a fair whom the caller may see (their person is in the caller's range). */
export async function fairPeople(scope: Scope, db: Tx, fairId: string) {
  return db
    .selectFrom('job_fair_people as p')
    .innerJoin('recipients as r', 'r.id', 'p.recipient_id')
    .innerJoin('org_units as ru', 'ru.id', 'r.org_unit_id')
    .leftJoin('employers as oe', 'oe.id', 'p.outcome_employer_id')
    .select(['p.recipient_id', 'p.registered_on', 'p.attended', 'r.name', 'r.id_number_masked', 'ru.name as org_unit_name'])
    .select(['p.outcome', 'p.outcome_employer_id', 'oe.name as outcome_employer_name', 'p.outcome_opening_id', 'p.outcome_note', 'p.outcome_on'])
    .where('p.fair_id', '=', fairId)
    .where(inScope(scope, 'r.org_path'))
    .orderBy('r.org_path')
    .orderBy('r.name')
    .limit(5000)
    .execute();
}

export async function registeredOf(db: Tx, fairId: string, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  return (await db.selectFrom('job_fair_people').select('recipient_id').where('fair_id', '=', fairId).where('recipient_id', 'in', [...ids]).execute()).map((r) => r.recipient_id);
}

export async function insertFair(scope: Scope, db: Tx, row: Stored<JobFairTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('job fair outside scope');
  await db.insertInto('job_fairs').values(row).execute();
}

export async function updateFair(scope: Scope, db: Tx, id: string, version: number, patch: Omit<JobFairTable, 'id' | 'org_unit_id' | 'org_path' | 'version' | 'created_by' | 'created_at'>): Promise<boolean> {
  const r = await db
    .updateTable('job_fairs')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceFairEmployers(db: Tx, fairId: string, rows: JobFairEmployerTable[]): Promise<void> {
  await db.deleteFrom('job_fair_employers').where('fair_id', '=', fairId).execute();
  if (rows.length) await db.insertInto('job_fair_employers').values(rows).execute();
}

export async function insertFairPeople(db: Tx, rows: Omit<JobFairPersonTable, 'outcome' | 'outcome_employer_id' | 'outcome_opening_id' | 'outcome_note' | 'outcome_on' | 'outcome_by'>[]): Promise<void> {
  if (rows.length) await db.insertInto('job_fair_people').values(rows).execute();
}

/** Marks who of the fair's registered people attended (the others: not). */
export async function setFairAttendance(db: Tx, fairId: string, attended: readonly string[]): Promise<void> {
  await db.updateTable('job_fair_people').set({ attended: 0 }).where('fair_id', '=', fairId).execute();
  if (attended.length) await db.updateTable('job_fair_people').set({ attended: 1 }).where('fair_id', '=', fairId).where('recipient_id', 'in', [...attended]).execute();
}

/** Records each person's result at the fair (their registration row); a null outcome clears it. */
export async function setFairResults(db: Tx, fairId: string, rows: { recipientId: string; outcome: string | null; employerId: string | null; openingId: string | null; note: string }[], day: string, by: string): Promise<void> {
  for (const r of rows) {
    await db
      .updateTable('job_fair_people')
      .set({ outcome: r.outcome, outcome_employer_id: r.employerId, outcome_opening_id: r.openingId, outcome_note: r.note, outcome_on: r.outcome ? day : null, outcome_by: r.outcome ? by : null })
      .where('fair_id', '=', fairId)
      .where('recipient_id', '=', r.recipientId)
      .execute();
  }
}

/** The fair's employers (ids), for checking a result's employer. */
export async function fairEmployerIds(db: Tx, fairId: string): Promise<string[]> {
  return (await db.selectFrom('job_fair_employers').select('employer_id').where('fair_id', '=', fairId).execute()).map((r) => r.employer_id);
}

// ---- trainings ----

function trainings(db: Tx) {
  return db
    .selectFrom('trainings as t')
    .innerJoin('org_units as u', 'u.id', 't.org_unit_id')
    .selectAll('t')
    .select([
      'u.name as org_unit_name',
      sql<number>`(select count(*) from training_enrolments e where e.training_id = t.id)`.as('enrolled'),
      sql<number>`(select count(*) from training_enrolments e where e.training_id = t.id and e.completed_on is not null)`.as('completed'),
    ]);
}
export type TrainingRow = TrainingTable & { org_unit_name: string; enrolled: number | string; completed: number | string };

const trainingVisible = (scope: Scope) => sql<SqlBool>`(${inScope(scope, 't.org_path')} or ${pathAtOrAbove('t.org_path', scope.path)})`;

export async function getTraining(scope: Scope, db: Tx, id: string): Promise<TrainingRow | undefined> {
  return trainings(db).where('t.id', '=', id).where(trainingVisible(scope)).executeTakeFirst();
}

/** Takes the training's row lock (PostgreSQL) so two enrolments cannot both take the last place. */
export async function lockTraining(db: Tx, dialect: DialectName, id: string): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('trainings').select('id').where('id', '=', id).forUpdate().execute();
}

export type TrainingFilter = { unitPath?: string; kind?: string; phase?: 'planned' | 'ongoing' | 'finished'; name?: string; today: string };
export async function listTrainings(scope: Scope, db: Db, f: TrainingFilter & { page: number; pageSize: number }) {
  let q = trainings(db).where(trainingVisible(scope));
  if (f.unitPath) q = q.where(pathWithin('t.org_path', f.unitPath));
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.phase === 'planned') q = q.where('t.start_on', '>', f.today);
  if (f.phase === 'finished') q = q.where('t.end_on', '<', f.today);
  if (f.phase === 'ongoing') q = q.where('t.start_on', '<=', f.today).where('t.end_on', '>=', f.today);
  if (f.name) q = q.where('t.name', 'like', `%${f.name.replace(/[%_\\]/g, '')}%`);
  const items = await q.orderBy('t.start_on', 'desc').orderBy('t.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function insertTraining(scope: Scope, db: Tx, row: Stored<TrainingTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('training outside scope');
  await db.insertInto('trainings').values(row).execute();
}

export async function updateTraining(scope: Scope, db: Tx, id: string, version: number, patch: Omit<TrainingTable, 'id' | 'org_unit_id' | 'org_path' | 'version' | 'created_by' | 'created_at'>): Promise<boolean> {
  const r = await db
    .updateTable('trainings')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function enrolmentsBase(db: Tx) {
  return db
    .selectFrom('training_enrolments as e')
    .innerJoin('recipients as r', 'r.id', 'e.recipient_id')
    .innerJoin('org_units as ru', 'ru.id', 'r.org_unit_id')
    .selectAll('e')
    .select(['r.name', 'r.id_number_masked', 'r.discharge_date', 'r.org_path', 'ru.name as org_unit_name']);
}
export type EnrolmentRow = TrainingEnrolmentTable & { name: string; id_number_masked: string; discharge_date: string | null; org_path: string; org_unit_name: string };

/** The enrolments of a training whose person is in the caller's range. */
export async function enrolmentsOf(scope: Scope, db: Tx, trainingId: string): Promise<EnrolmentRow[]> {
  return enrolmentsBase(db).where('e.training_id', '=', trainingId).where(inScope(scope, 'r.org_path')).orderBy('r.org_path').orderBy('r.name').limit(10_000).execute();
}

export async function getEnrolment(scope: Scope, db: Tx, trainingId: string, recipientId: string): Promise<EnrolmentRow | undefined> {
  return enrolmentsBase(db).where('e.training_id', '=', trainingId).where('e.recipient_id', '=', recipientId).where(inScope(scope, 'r.org_path')).executeTakeFirst();
}

export async function enrolmentStats(db: Tx, trainingId: string): Promise<{ enrolled: number; maxAttended: number }> {
  const r = await db
    .selectFrom('training_enrolments')
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(max(attended_sessions), 0)`.as('m')])
    .where('training_id', '=', trainingId)
    .executeTakeFirstOrThrow();
  return { enrolled: Number(r.n ?? 0), maxAttended: Number(r.m ?? 0) };
}

export async function enrolledOf(db: Tx, trainingId: string, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  return (await db.selectFrom('training_enrolments').select('recipient_id').where('training_id', '=', trainingId).where('recipient_id', 'in', [...ids]).execute()).map((r) => r.recipient_id);
}

export async function insertEnrolments(db: Tx, rows: TrainingEnrolmentTable[]): Promise<void> {
  if (rows.length) await db.insertInto('training_enrolments').values(rows).execute();
}

export async function updateEnrolment(
  db: Tx,
  trainingId: string,
  recipientId: string,
  version: number,
  patch: Pick<TrainingEnrolmentTable, 'attended_sessions' | 'completed_on' | 'certificate_name' | 'certificate_no' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('training_enrolments')
    .set({ ...patch, version: version + 1 })
    .where('training_id', '=', trainingId)
    .where('recipient_id', '=', recipientId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type EnrolmentLedgerFilter = { unitPath?: string; kind?: string; from?: string; to?: string };
export type EnrolmentLedgerRow = EnrolmentRow & { kind: string; training_name: string; provider: string; course: string; start_on: string; end_on: string; sessions: number; training_unit_name: string };
/** Enrolments of people in the caller's range (and under the unit), by training, for the ledger. */
export async function enrolmentChunk(scope: Scope, db: Db, f: EnrolmentLedgerFilter, after: { start: string; trainingId: string; recipientId: string } | null, limit: number): Promise<EnrolmentLedgerRow[]> {
  let q = enrolmentsBase(db)
    .innerJoin('trainings as t', 't.id', 'e.training_id')
    .innerJoin('org_units as tu', 'tu.id', 't.org_unit_id')
    .select(['t.kind', 't.name as training_name', 't.provider', 't.course', 't.start_on', 't.end_on', 't.sessions', 'tu.name as training_unit_name'])
    .where(inScope(scope, 'r.org_path'));
  if (f.unitPath) q = q.where(pathWithin('r.org_path', f.unitPath));
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.from) q = q.where('t.end_on', '>=', f.from);
  if (f.to) q = q.where('t.start_on', '<=', f.to);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('t.start_on', '>', after.start),
        eb.and([eb('t.start_on', '=', after.start), eb('e.training_id', '>', after.trainingId)]),
        eb.and([eb('t.start_on', '=', after.start), eb('e.training_id', '=', after.trainingId), eb('e.recipient_id', '>', after.recipientId)]),
      ]),
    );
  return q.orderBy('t.start_on').orderBy('e.training_id').orderBy('e.recipient_id').limit(limit).execute();
}

// ---- adaptive-training coverage of this year's discharged ----

const adaptiveCompleted = sql<SqlBool>`exists (select 1 from training_enrolments ce join trainings ct on ct.id = ce.training_id where ce.recipient_id = r.id and ct.kind = 'adaptive' and ce.completed_on is not null)`;
const adaptiveEnrolled = sql<SqlBool>`exists (select 1 from training_enrolments ee join trainings et on et.id = ee.training_id where ee.recipient_id = r.id and et.kind = 'adaptive')`;

function dischargedIn(scope: Scope, db: Tx, year: number, unitPath: string) {
  return veterans(db)
    .where('r.discharge_date', '>=', `${year}-01-01`)
    .where('r.discharge_date', '<=', `${year}-12-31`)
    .where(inScope(scope, 'r.org_path'))
    .where(pathWithin('r.org_path', unitPath));
}

export type CoverageFilter = { year: number; unitPath: string; state: 'notEnrolled' | 'enrolled' | 'completed' | 'open' | 'all' };
function coverageRows(scope: Scope, db: Tx, f: CoverageFilter) {
  let q = dischargedIn(scope, db, f.year, f.unitPath);
  if (f.state === 'completed') q = q.where(adaptiveCompleted);
  if (f.state === 'open') q = q.where(sql<SqlBool>`not ${adaptiveCompleted}`);
  if (f.state === 'enrolled') q = q.where(sql<SqlBool>`not ${adaptiveCompleted}`).where(adaptiveEnrolled);
  if (f.state === 'notEnrolled') q = q.where(sql<SqlBool>`not ${adaptiveEnrolled}`);
  return q;
}
const coverageSelect = [
  'r.id as recipient_id',
  'r.name',
  'r.id_number_masked',
  'r.discharge_date',
  'r.org_path',
  'ru.name as org_unit_name',
] as const;
export type CoverageRow = { recipient_id: string; name: string; id_number_masked: string; discharge_date: string | null; org_path: string; org_unit_name: string; completed: number | string; enrolled: number | string; training_id: string | null; training_name: string | null; completed_on: string | null };

function withCoverageColumns<Q extends ReturnType<typeof coverageRows>>(q: Q) {
  return q.select([
    ...coverageSelect,
    sql<number>`case when ${adaptiveCompleted} then 1 else 0 end`.as('completed'),
    sql<number>`case when ${adaptiveEnrolled} then 1 else 0 end`.as('enrolled'),
    sql<string | null>`(select le.training_id from training_enrolments le join trainings lt on lt.id = le.training_id where le.recipient_id = r.id and lt.kind = 'adaptive' order by le.completed_on desc, lt.start_on desc limit 1)`.as('training_id'),
    sql<string | null>`(select lt.name from training_enrolments le join trainings lt on lt.id = le.training_id where le.recipient_id = r.id and lt.kind = 'adaptive' order by le.completed_on desc, lt.start_on desc limit 1)`.as('training_name'),
    sql<string | null>`(select max(le.completed_on) from training_enrolments le join trainings lt on lt.id = le.training_id where le.recipient_id = r.id and lt.kind = 'adaptive')`.as('completed_on'),
  ]);
}

export async function listCoverage(scope: Scope, db: Db, f: CoverageFilter & { page: number; pageSize: number }) {
  const q = coverageRows(scope, db, f);
  const items = (await withCoverageColumns(q).orderBy('r.org_path').orderBy('r.discharge_date').orderBy('r.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()) as CoverageRow[];
  return { items, ...(await cappedCount(db, q)) };
}

/** This year's discharged under the unit, those enrolled in an adaptive training, and those who completed it. */
export async function coverageCounts(scope: Scope, db: Db, year: number, unitPath: string) {
  const r = await dischargedIn(scope, db, year, unitPath)
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when ${adaptiveEnrolled} then 1 else 0 end)`.as('enrolled'),
      sql<number>`sum(case when ${adaptiveCompleted} then 1 else 0 end)`.as('covered'),
    ])
    .executeTakeFirstOrThrow();
  return { discharged: Number(r.n ?? 0), enrolled: Number(r.enrolled ?? 0), covered: Number(r.covered ?? 0) };
}

/** People under the unit who completed a training of each kind in the period (one per person and training). */
export async function completedCounts(scope: Scope, db: Db, unitPath: string, from: string, to: string) {
  const r = await db
    .selectFrom('training_enrolments as e')
    .innerJoin('trainings as t', 't.id', 'e.training_id')
    .innerJoin('recipients as r', 'r.id', 'e.recipient_id')
    .select([sql<number>`sum(case when t.kind = 'adaptive' then 1 else 0 end)`.as('adaptive'), sql<number>`sum(case when t.kind = 'skills' then 1 else 0 end)`.as('skills')])
    .where('e.completed_on', '>=', from)
    .where('e.completed_on', '<=', to)
    .where(inScope(scope, 'r.org_path'))
    .where(pathWithin('r.org_path', unitPath))
    .executeTakeFirstOrThrow();
  return { adaptive: Number(r.adaptive ?? 0), skills: Number(r.skills ?? 0) };
}

export async function childUnitsOf(scope: Scope, db: Tx, parentId: string) {
  return db.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', '=', parentId).where('active', '=', 1).where(inScope(scope, 'path')).orderBy('code').execute();
}

/** The work queue's people: this year's discharged of the unit who have not completed the adaptive training. */
export async function openCoverageOf(scope: Scope, db: Db, year: number, unitPath: string, limit: number): Promise<CoverageRow[]> {
  return (await withCoverageColumns(coverageRows(scope, db, { year, unitPath, state: 'open' })).orderBy('r.discharge_date').orderBy('r.id').limit(limit).execute()) as CoverageRow[];
}
export async function countOpenCoverageOf(scope: Scope, db: Db, year: number, unitPath: string): Promise<number> {
  const r = await coverageRows(scope, db, { year, unitPath, state: 'open' }).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n ?? 0);
}
