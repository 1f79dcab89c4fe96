// The only place with SQL for employment 就业创业: profiles (read through their person's path),
// employers, openings (owned by a unit, visible at and below it and to the units shared with),
// shares and the recommendation mirror. Every query takes the caller's scope first.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { SystemDb } from '../../db/system';
import type { EmployerTable, EmploymentProfileTable, JobInterestTable, JobOpeningTable, JobRecommendationTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathAtOrAbove, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import { placedAt, type Stored, type StoredUnit } from '../../platform/stored-unit.repo';

export { unitInScope } from '../../platform/scope-units.repo';

// ---- profiles: every registered living veteran of the range has one, stored or not ----

function people(db: Tx) {
  return db
    .selectFrom('recipients as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .leftJoin('employment_profiles as p', 'p.recipient_id', 'r.id')
    .where('r.merged_into', 'is', null)
    .where('r.status', '=', 'registered')
    .where('r.deceased', '=', 0)
    .where('r.kind', '=', 'veteran');
}

function profileBase(db: Tx) {
  return people(db).select([
    'r.id as recipient_id',
    'r.name as recipient_name',
    'r.id_number_masked',
    'r.org_unit_id',
    'r.org_path',
    'r.employment_status',
    'r.discharge_date',
    'u.name as org_unit_name',
    'p.seeking',
    'p.industries_mask',
    'p.skills_mask',
    'p.work_time',
    'p.place_unit_ids',
    'p.pay_min',
    'p.employer_name',
    'p.training_wishes',
    'p.venture_intent',
    'p.venture_help',
    'p.note',
    'p.confirmed_on',
    'p.version',
  ]);
}

export type ProfileRow = {
  recipient_id: string;
  recipient_name: string;
  id_number_masked: string;
  org_unit_id: string;
  org_path: string;
  employment_status: string | null;
  discharge_date: string | null;
  org_unit_name: string;
  seeking: number | null;
  industries_mask: number | null;
  skills_mask: number | null;
  work_time: string | null;
  place_unit_ids: string | null;
  pay_min: number | null;
  employer_name: string | null;
  training_wishes: string | null;
  venture_intent: number | null;
  venture_help: string | null;
  note: string | null;
  confirmed_on: string | null;
  version: number | null;
};

export async function getProfile(scope: Scope, db: Tx, recipientId: string): Promise<ProfileRow | undefined> {
  return profileBase(db).where('r.id', '=', recipientId).where(inScope(scope, 'r.org_path')).executeTakeFirst();
}

/** The public side: the profile of the registry person a public account is linked to (the caller checked the link). */
export async function profileOfLinkedUnscoped(db: SystemDb | Tx, recipientId: string): Promise<ProfileRow | undefined> {
  return profileBase(db).where('r.id', '=', recipientId).executeTakeFirst();
}

export type ProfileFilter = {
  unitPath?: string;
  status?: string;
  seeking?: boolean;
  /** confirmed before this day, never confirmed, or discharged in `dischargedFrom`'s year or later */
  dueBefore?: { cutoff: string; dischargedFrom: string };
  skillBit?: number;
  name?: string;
};

/** Never confirmed, confirmed before the cutoff, or discharged this year and not confirmed since. */
function dueWhere(d: { cutoff: string; dischargedFrom: string }) {
  return sql<SqlBool>`(p.confirmed_on is null or p.confirmed_on < ${d.cutoff} or (r.discharge_date >= ${d.dischargedFrom} and p.confirmed_on < r.discharge_date))`;
}

function filteredProfiles(scope: Scope, db: Tx, f: ProfileFilter) {
  let q = profileBase(db).where(inScope(scope, 'r.org_path'));
  if (f.unitPath) q = q.where(pathWithin('r.org_path', f.unitPath));
  if (f.status === 'none') q = q.where('r.employment_status', 'is', null);
  else if (f.status) q = q.where('r.employment_status', '=', f.status);
  if (f.seeking === true) q = q.where('p.seeking', '=', 1);
  if (f.seeking === false) q = q.where((eb) => eb.or([eb('p.seeking', 'is', null), eb('p.seeking', '=', 0)]));
  if (f.skillBit !== undefined) q = q.where(sql<SqlBool>`(coalesce(p.skills_mask, 0) & ${f.skillBit}) <> 0`);
  if (f.name) q = q.where('r.name', 'like', `%${f.name.replace(/[%_\\]/g, '')}%`);
  const d = f.dueBefore;
  if (d) q = q.where(dueWhere(d));
  return q;
}

const profileSorts = { name: 'r.name', confirmedOn: 'p.confirmed_on' } as const;

export async function listProfiles(scope: Scope, db: Db, f: ProfileFilter & { page: number; pageSize: number; sort: keyof typeof profileSorts; order: 'asc' | 'desc' }) {
  const q = filteredProfiles(scope, db, f);
  const items = await q
    .orderBy(profileSorts[f.sort], f.order)
    .orderBy('r.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: items as ProfileRow[], ...(await cappedCount(db, q)) };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function profileChunk(scope: Scope, db: Db, f: ProfileFilter, after: { path: string; id: string } | null, limit: number): Promise<ProfileRow[]> {
  let q = filteredProfiles(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('r.org_path', '>', after.path), eb.and([eb('r.org_path', '=', after.path), eb('r.id', '>', after.id)])]));
  return (await q.orderBy('r.org_path').orderBy('r.id').limit(limit).execute()) as ProfileRow[];
}

/** Inserts (expected 0) or updates (expected = stored version) the profile; false when stale. */
export async function saveProfileRow(db: Tx, expected: number, row: EmploymentProfileTable): Promise<boolean> {
  if (expected === 0) {
    const exists = await db.selectFrom('employment_profiles').select('recipient_id').where('recipient_id', '=', row.recipient_id).executeTakeFirst();
    if (exists) return false;
    await db.insertInto('employment_profiles').values(row).execute();
    return true;
  }
  const { recipient_id, created_at: _c, ...patch } = row;
  const r = await db.updateTable('employment_profiles').set(patch).where('recipient_id', '=', recipient_id).where('version', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the profile confirmed on `day` (a visit's finding), creating an empty one if needed. */
export async function confirmProfileRow(db: Tx, recipientId: string, day: string, by: string, at: string, seeking: number | null): Promise<void> {
  const exists = await db.selectFrom('employment_profiles').select(['confirmed_on']).where('recipient_id', '=', recipientId).executeTakeFirst();
  if (!exists) {
    await db
      .insertInto('employment_profiles')
      .values({ recipient_id: recipientId, seeking: seeking ?? 0, industries_mask: 0, skills_mask: 0, work_time: 'any', place_unit_ids: '[]', pay_min: null, employer_name: '', training_wishes: '', venture_intent: 0, venture_help: '', note: '', confirmed_on: day, confirmed_by: by, version: 1, created_at: at, updated_at: at })
      .execute();
    return;
  }
  if (exists.confirmed_on && exists.confirmed_on >= day && seeking === null) return;
  await db
    .updateTable('employment_profiles')
    .set({ confirmed_on: exists.confirmed_on && exists.confirmed_on > day ? exists.confirmed_on : day, confirmed_by: by, updated_at: at, version: sql`version + 1`, ...(seeking === null ? {} : { seeking }) })
    .where('recipient_id', '=', recipientId)
    .execute();
}

/** Seekers of the range as the matching rule needs them (one compact row each). */
export type SeekerRow = { id: string; name: string; org_path: string; org_unit_id: string; employment_status: string | null; skills_mask: number; industries_mask: number; work_time: string; place_unit_ids: string; pay_min: number | null };
export async function seekersOf(scope: Scope, db: Db): Promise<SeekerRow[]> {
  return people(db)
    .select(['r.id', 'r.name', 'r.org_path', 'r.org_unit_id', 'r.employment_status', 'p.skills_mask', 'p.industries_mask', 'p.work_time', 'p.place_unit_ids', 'p.pay_min'])
    .where('p.seeking', '=', 1)
    .where(inScope(scope, 'r.org_path'))
    .execute() as Promise<SeekerRow[]>;
}

/** Units by id (any, active or not: names and paths for places and labels). */
export async function unitsByIdUnscoped(db: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('org_units').select(['id', 'name', 'path', 'level']).where('id', 'in', [...new Set(ids)]).execute();
}

/** The unit at `level` on a path (the county above a village), or undefined. */
export async function ancestorAtLevelUnscoped(db: Tx, path: string, level: string) {
  const ids = path.split('/').filter(Boolean);
  if (!ids.length) return undefined;
  return db.selectFrom('org_units').select(['id', 'path', 'name']).where('id', 'in', ids).where('level', '=', level).executeTakeFirst();
}

// ---- the work queue: profiles of the user's unit to confirm ----

export async function dueProfilesOf(scope: Scope, db: Db, unitPath: string, d: { cutoff: string; dischargedFrom: string }, limit: number) {
  return (await filteredProfiles(scope, db, { unitPath, dueBefore: d }).orderBy('r.org_path').orderBy('r.name').orderBy('r.id').limit(limit).execute()) as ProfileRow[];
}
export async function countDueProfilesOf(scope: Scope, db: Db, unitPath: string, d: { cutoff: string; dischargedFrom: string }): Promise<number> {
  const r = await filteredProfiles(scope, db, { unitPath, dueBefore: d }).clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n ?? 0);
}

// ---- employers ----

function employers(db: Tx) {
  return db
    .selectFrom('employers as e')
    .innerJoin('org_units as u', 'u.id', 'e.org_unit_id')
    .selectAll('e')
    .select(['u.name as org_unit_name', sql<number>`(select count(*) from job_openings o where o.employer_id = e.id)`.as('opening_count')]);
}
export type EmployerRow = EmployerTable & { org_unit_name: string; opening_count: number };

/** Employers are the owning unit's: seen by its range and by the units below it (who post openings for them). */
function employerVisible(scope: Scope) {
  return sql<SqlBool>`(${inScope(scope, 'e.org_path')} or ${pathAtOrAbove('e.org_path', scope.path)})`;
}

export async function getEmployer(scope: Scope, db: Tx, id: string): Promise<EmployerRow | undefined> {
  return employers(db).where('e.id', '=', id).where(employerVisible(scope)).executeTakeFirst();
}

/** The employers of these ids the caller sees (a job fair's employers), by id. */
export async function employersByIds(scope: Scope, db: Tx, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('employers as e').select(['e.id', 'e.name']).where('e.id', 'in', [...ids]).where(employerVisible(scope)).execute();
}

export async function listEmployers(scope: Scope, db: Db, f: { unitPath?: string; kind?: string; veteranFounded?: boolean; name?: string; page: number; pageSize: number }) {
  let q = employers(db).where(employerVisible(scope));
  if (f.unitPath) q = q.where(pathWithin('e.org_path', f.unitPath));
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  if (f.veteranFounded) q = q.where('e.veteran_founded', '=', 1);
  if (f.name) q = q.where('e.name', 'like', `%${f.name.replace(/[%_\\]/g, '')}%`);
  const items = await q.orderBy('e.name').orderBy('e.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function insertEmployer(scope: Scope, db: Tx, row: Stored<EmployerTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('employer outside scope');
  await db.insertInto('employers').values(row).execute();
}

export async function updateEmployer(scope: Scope, db: Tx, id: string, version: number, patch: Partial<Omit<EmployerTable, 'id' | 'org_unit_id' | 'org_path' | 'version'>>): Promise<number> {
  const r = await db
    .updateTable('employers')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---- openings ----

function openings(db: Tx) {
  return db
    .selectFrom('job_openings as o')
    .innerJoin('employers as e', 'e.id', 'o.employer_id')
    .innerJoin('org_units as u', 'u.id', 'o.org_unit_id')
    .innerJoin('org_units as pu', 'pu.id', 'o.place_unit_id')
    .selectAll('o')
    .select(['e.name as employer_name', 'e.kind as employer_kind', 'e.veteran_founded as employer_veteran_founded', 'u.name as org_unit_name', 'pu.name as place_name']);
}
export type OpeningRow = JobOpeningTable & { employer_name: string; employer_kind: string; employer_veteran_founded: number; org_unit_name: string; place_name: string };

/**
 * Who sees an opening, for a unit at `path` with the range `scope`: the owner's range (the owner
 * and the units above it), the units below the owner, and the units shared with and those below
 * them (and above them, who hold them in their range).
 */
function openingVisible(scope: Scope, path: string = scope.path) {
  const self: Scope = { ...scope, path };
  return sql<SqlBool>`(${inScope(self, 'o.org_path')} or ${pathAtOrAbove('o.org_path', path)} or exists (select 1 from job_opening_shares s where s.opening_id = o.id and (${inScope(self, 's.org_path')} or ${pathAtOrAbove('s.org_path', path)})))`;
}

export async function getOpening(scope: Scope, db: Tx, id: string): Promise<OpeningRow | undefined> {
  return openings(db).where('o.id', '=', id).where(openingVisible(scope)).executeTakeFirst();
}

export type OpeningFilter = { unitPath?: string; employerId?: string; industry?: string; open?: boolean; position?: string; today: string };
function filteredOpenings(scope: Scope, db: Tx, f: OpeningFilter) {
  let q = openings(db).where(openingVisible(scope));
  if (f.unitPath) q = q.where(pathWithin('o.org_path', f.unitPath));
  if (f.employerId) q = q.where('o.employer_id', '=', f.employerId);
  if (f.industry) q = q.where('o.industry', '=', f.industry);
  if (f.open === true) q = q.where('o.valid_from', '<=', f.today).where('o.valid_to', '>=', f.today);
  if (f.open === false) q = q.where((eb) => eb.or([eb('o.valid_from', '>', f.today), eb('o.valid_to', '<', f.today)]));
  if (f.position) q = q.where('o.position', 'like', `%${f.position.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listOpenings(scope: Scope, db: Db, f: OpeningFilter & { page: number; pageSize: number }) {
  const q = filteredOpenings(scope, db, f);
  const items = await q.orderBy('o.valid_to', 'desc').orderBy('o.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

/**
 * The public side: the open openings a person whose record sits at `personPath` sees (owned at,
 * above or below the person's unit, or shared with a unit of that line): `id` narrows to one.
 */
export async function openOpeningsForPersonUnscoped(db: SystemDb | Tx, personPath: string, today: string, limit: number, id?: string): Promise<OpeningRow[]> {
  let q = openings(db)
    .where(openingVisible({ userId: '', orgUnitId: '', path: personPath }))
    .where('o.valid_from', '<=', today)
    .where('o.valid_to', '>=', today);
  if (id) q = q.where('o.id', '=', id);
  return q.orderBy('o.id').limit(limit).execute();
}

/** The open openings visible both to the caller and to a person whose record sits at `personPath`. */
export async function openOpeningsFor(scope: Scope, db: Db, personPath: string, today: string, limit: number): Promise<OpeningRow[]> {
  return openings(db)
    .where(openingVisible(scope))
    .where(openingVisible(scope, personPath))
    .where('o.valid_from', '<=', today)
    .where('o.valid_to', '>=', today)
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

export async function insertOpening(scope: Scope, db: Tx, row: Stored<JobOpeningTable, 'org_path' | 'place_path'>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('opening outside scope');
  await db.insertInto('job_openings').values(row).execute();
}

export async function updateOpening(scope: Scope, db: Tx, id: string, version: number, patch: Partial<Stored<Omit<JobOpeningTable, 'id' | 'org_unit_id' | 'org_path' | 'version'>, 'place_path'>>): Promise<number> {
  const r = await db
    .updateTable('job_openings')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function sharesOf(db: Tx, openingIds: readonly string[]) {
  if (!openingIds.length) return [];
  return db.selectFrom('job_opening_shares as s').innerJoin('org_units as u', 'u.id', 's.org_unit_id').select(['s.opening_id', 's.org_unit_id', 'u.name']).where('s.opening_id', 'in', [...openingIds]).orderBy('u.name').execute();
}

/** A share row: the opening must be in the caller's range (its owner side); the unit shared with may be anywhere. */
export async function insertShare(scope: Scope, db: Tx, opening: { id: string; org_path: string }, unit: StoredUnit, by: string, at: string, id: string): Promise<boolean> {
  if (!pathInScope(scope, opening.org_path)) throw new Error('share of an opening outside scope');
  const exists = await db.selectFrom('job_opening_shares').select('id').where('opening_id', '=', opening.id).where('org_unit_id', '=', unit.id).executeTakeFirst();
  if (exists) return false;
  await db.insertInto('job_opening_shares').values({ id, opening_id: opening.id, ...placedAt(unit), shared_by: by, shared_at: at }).execute();
  return true;
}

// ---- recommendations (the kernel writes status, outcome_on, version, updated_at) ----

function recommendations(db: Tx) {
  return db
    .selectFrom('job_recommendations as j')
    .innerJoin('recipients as r', 'r.id', 'j.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'j.org_unit_id')
    .innerJoin('job_openings as o', 'o.id', 'j.opening_id')
    .innerJoin('employers as e', 'e.id', 'o.employer_id')
    .innerJoin('cases as c', 'c.id', 'j.id')
    .selectAll('j')
    .select(['r.name as recipient_name', 'u.name as org_unit_name', 'o.position', 'e.name as employer_name', 'c.payload as case_payload']);
}
export type RecommendationRow = JobRecommendationTable & { recipient_name: string; org_unit_name: string; position: string; employer_name: string; case_payload: string };

export async function getRecommendation(scope: Scope, db: Tx, id: string): Promise<RecommendationRow | undefined> {
  return recommendations(db).where('j.id', '=', id).where(inScope(scope, 'j.org_path')).executeTakeFirst();
}

export async function listRecommendations(scope: Scope, db: Db, f: { openingId?: string; recipientId?: string; status?: string; page: number; pageSize: number }) {
  let q = recommendations(db).where(inScope(scope, 'j.org_path'));
  if (f.openingId) q = q.where('j.opening_id', '=', f.openingId);
  if (f.recipientId) q = q.where('j.recipient_id', '=', f.recipientId);
  if (f.status) q = q.where('j.status', '=', f.status);
  const items = await q.orderBy('j.recommended_on', 'desc').orderBy('j.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** Open or hired recommendations of these people to this opening (a second one is refused). */
export async function activeRecommendationsOf(scope: Scope, db: Tx, opts: { openingId?: string; recipientIds?: readonly string[] }) {
  let q = db.selectFrom('job_recommendations as j').select(['j.id', 'j.opening_id', 'j.recipient_id']).where('j.status', '<>', 'declined').where(inScope(scope, 'j.org_path'));
  if (opts.openingId) q = q.where('j.opening_id', '=', opts.openingId);
  if (opts.recipientIds) {
    if (!opts.recipientIds.length) return [];
    q = q.where('j.recipient_id', 'in', [...opts.recipientIds]);
  }
  return q.execute();
}

export async function insertRecommendation(scope: Scope, db: Tx, row: Stored<JobRecommendationTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('recommendation outside scope');
  await db.insertInto('job_recommendations').values(row).execute();
}

// ---- figures ----

/** Veterans and those employed (在岗就业 or 自主创业/灵活就业) under each of these units. */
export async function employmentByUnit(scope: Scope, db: Db, units: readonly { id: string; path: string }[]) {
  const out: { id: string; people: number; employed: number }[] = [];
  for (const u of units) {
    const r = await people(db)
      .select([sql<number>`count(*)`.as('n'), sql<number>`sum(case when r.employment_status in ('employed', 'selfEmployed') then 1 else 0 end)`.as('employed')])
      .where(inScope(scope, 'r.org_path'))
      .where(pathWithin('r.org_path', u.path))
      .executeTakeFirstOrThrow();
    out.push({ id: u.id, people: Number(r.n ?? 0), employed: Number(r.employed ?? 0) });
  }
  return out;
}

/** Recommendations made in the period, and those hired in it, under the unit. */
export async function recommendationFigures(scope: Scope, db: Db, unitPath: string, from: string, to: string) {
  const r = await db
    .selectFrom('job_recommendations as j')
    .select([
      sql<number>`sum(case when j.recommended_on >= ${from} and j.recommended_on <= ${to} then 1 else 0 end)`.as('recommended'),
      sql<number>`sum(case when j.status = 'hired' and j.outcome_on >= ${from} and j.outcome_on <= ${to} then 1 else 0 end)`.as('hired'),
    ])
    .where(inScope(scope, 'j.org_path'))
    .where(pathWithin('j.org_path', unitPath))
    .executeTakeFirstOrThrow();
  return { recommended: Number(r.recommended ?? 0), hired: Number(r.hired ?? 0) };
}

export async function childUnitsOf(scope: Scope, db: Tx, parentId: string) {
  return db.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', '=', parentId).where('active', '=', 1).where(inScope(scope, 'path')).orderBy('code').execute();
}

/** The recommendations of these people (the ledger's 推荐岗位), oldest first. */
export async function recommendationsOfPeople(scope: Scope, db: Tx, recipientIds: readonly string[]) {
  if (!recipientIds.length) return [];
  return recommendations(db).where('j.recipient_id', 'in', [...recipientIds]).where(inScope(scope, 'j.org_path')).orderBy('j.recommended_on').orderBy('j.id').execute();
}

/** A hire: the person no longer seeks, and works for the opening's employer. */
export async function markHiredRow(db: Tx, recipientId: string, openingId: string, at: string): Promise<void> {
  const o = await db.selectFrom('job_openings as o').innerJoin('employers as e', 'e.id', 'o.employer_id').select('e.name').where('o.id', '=', openingId).executeTakeFirst();
  await db
    .updateTable('employment_profiles')
    .set({ seeking: 0, employer_name: o?.name ?? '', updated_at: at, version: sql`version + 1` })
    .where('recipient_id', '=', recipientId)
    .execute();
}

/** An employer the caller sees, for another module to link to (ventures: a veteran-founded enterprise). */
export async function employerForLink(scope: Scope, db: Tx, id: string): Promise<{ id: string; name: string; veteranFounded: boolean } | undefined> {
  const e = await getEmployer(scope, db, id);
  return e && { id: e.id, name: e.name, veteranFounded: e.veteran_founded === 1 };
}

/** Openings by id with their employer, for another module to check and name them (trainings: a fair result's opening must be one of an employer at the fair). */
export async function openingsForLink(db: Tx, ids: readonly string[]): Promise<{ id: string; employerId: string; position: string }[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('job_openings').select(['id', 'employer_id', 'position']).where('id', 'in', [...ids]).execute();
  return rows.map((r) => ({ id: r.id, employerId: r.employer_id, position: r.position }));
}

/** Recommendations made in the period under the unit that ended declined in it, by reason. */
export async function declinedByReason(scope: Scope, db: Db, unitPath: string, from: string, to: string) {
  return db
    .selectFrom('job_recommendations as j')
    .select(['j.decline_reason', sql<number>`count(*)`.as('n')])
    .where('j.status', '=', 'declined')
    .where('j.outcome_on', '>=', from)
    .where('j.outcome_on', '<=', to)
    .where(inScope(scope, 'j.org_path'))
    .where(pathWithin('j.org_path', unitPath))
    .groupBy('j.decline_reason')
    .execute();
}

/** Veterans and those employed under the unit by discharge year (null: no discharge date). */
export async function employmentByCohort(scope: Scope, db: Db, unitPath: string) {
  const year = sql<string | null>`substr(r.discharge_date, 1, 4)`;
  const rows = await people(db)
    .select([year.as('year'), sql<number>`count(*)`.as('n'), sql<number>`sum(case when r.employment_status in ('employed', 'selfEmployed') then 1 else 0 end)`.as('employed')])
    .where(inScope(scope, 'r.org_path'))
    .where(pathWithin('r.org_path', unitPath))
    .groupBy(year)
    .execute();
  return rows.map((r) => ({ year: r.year ? Number(r.year) : null, people: Number(r.n ?? 0), employed: Number(r.employed ?? 0) }));
}

// ---- interests 我有意向: a veteran's own, said from the public account; they follow their person ----

/** The public side: the person's interests (opening and day). */
export async function interestsOfPersonUnscoped(db: SystemDb | Tx, recipientId: string) {
  return db.selectFrom('job_interests').select(['id', 'opening_id', 'interested_on']).where('recipient_id', '=', recipientId).execute();
}

/** The public side: the person's recommendations (opening and stage), newest last. */
export async function recommendationsOfPersonUnscoped(db: SystemDb | Tx, recipientId: string) {
  return db.selectFrom('job_recommendations').select(['opening_id', 'status']).where('recipient_id', '=', recipientId).orderBy('recommended_on').orderBy('id').execute();
}

/** The public side: records the linked person's interest (false when already recorded). */
export async function insertInterestUnscoped(db: Tx, row: JobInterestTable): Promise<boolean> {
  const exists = await db.selectFrom('job_interests').select('id').where('opening_id', '=', row.opening_id).where('recipient_id', '=', row.recipient_id).executeTakeFirst();
  if (exists) return false;
  await db.insertInto('job_interests').values(row).execute();
  return true;
}

/** The public side: withdraws the linked person's interest (false when there was none). */
export async function deleteInterestUnscoped(db: Tx, recipientId: string, openingId: string): Promise<boolean> {
  const r = await db.deleteFrom('job_interests').where('opening_id', '=', openingId).where('recipient_id', '=', recipientId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

function interests(db: Tx) {
  return db
    .selectFrom('job_interests as i')
    .innerJoin('recipients as r', 'r.id', 'i.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .innerJoin('job_openings as o', 'o.id', 'i.opening_id')
    .innerJoin('employers as e', 'e.id', 'o.employer_id')
    .select([
      'i.id',
      'i.recipient_id',
      'i.opening_id',
      'i.interested_on',
      'i.created_at',
      'r.name as recipient_name',
      'u.name as org_unit_name',
      'o.position',
      'e.name as employer_name',
      sql<string | null>`(select min(j.id) from job_recommendations j where j.opening_id = i.opening_id and j.recipient_id = i.recipient_id and j.status <> 'declined')`.as('recommendation_id'),
    ]);
}
export type InterestRow = { id: string; recipient_id: string; opening_id: string; interested_on: string; created_at: string; recipient_name: string; org_unit_name: string; position: string; employer_name: string; recommendation_id: string | null };

const noActiveRecommendation = sql<SqlBool>`not exists (select 1 from job_recommendations j where j.opening_id = i.opening_id and j.recipient_id = i.recipient_id and j.status <> 'declined')`;

export type InterestFilter = { openingId?: string; unitPath?: string; pending?: boolean; today: string };
function filteredInterests(scope: Scope, db: Tx, f: InterestFilter) {
  let q = interests(db).where(inScope(scope, 'r.org_path')).where('r.merged_into', 'is', null);
  if (f.openingId) q = q.where('i.opening_id', '=', f.openingId);
  if (f.unitPath) q = q.where(pathWithin('r.org_path', f.unitPath));
  if (f.pending) q = q.where(noActiveRecommendation).where('o.valid_to', '>=', f.today);
  return q;
}

/** Interests of the people of the range (an opening's, or those not yet recommended), newest first. */
export async function listInterests(scope: Scope, db: Db, f: InterestFilter & { page: number; pageSize: number }) {
  const q = filteredInterests(scope, db, f);
  const items = (await q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()) as InterestRow[];
  return { items, ...(await cappedCount(db, q)) };
}

/** The work queue: interests of the people under the unit not yet recommended (the opening still valid), oldest first. */
export async function pendingInterestsOf(scope: Scope, db: Db, unitPath: string, today: string, limit: number): Promise<InterestRow[]> {
  return (await filteredInterests(scope, db, { unitPath, pending: true, today }).orderBy('i.created_at').orderBy('i.id').limit(limit).execute()) as InterestRow[];
}
export async function countPendingInterestsOf(scope: Scope, db: Db, unitPath: string, today: string): Promise<number> {
  const r = await filteredInterests(scope, db, { unitPath, pending: true, today }).clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n ?? 0);
}

/** Interests said in the period by the people under the unit, and how many of those pairs have a recommendation. */
export async function interestFigures(scope: Scope, db: Db, unitPath: string, from: string, to: string) {
  const r = await db
    .selectFrom('job_interests as i')
    .innerJoin('recipients as r', 'r.id', 'i.recipient_id')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when exists (select 1 from job_recommendations j where j.opening_id = i.opening_id and j.recipient_id = i.recipient_id) then 1 else 0 end)`.as('recommended'),
    ])
    .where('i.interested_on', '>=', from)
    .where('i.interested_on', '<=', to)
    .where(inScope(scope, 'r.org_path'))
    .where(pathWithin('r.org_path', unitPath))
    .executeTakeFirstOrThrow();
  return { interests: Number(r.n ?? 0), interestsRecommended: Number(r.recommended ?? 0) };
}
