// The only place with SQL for ventures 创业项目, mentors 创业导师 and zero-employment households
// 零就业家庭. Every query takes the caller's scope first and filters with the jurisdiction guard.
// A venture's founders, support and mentoring pairs follow the venture (read through its row); a
// mentor is seen in the range of the unit that keeps the list and by the units below it. The
// household facts (members, birth dates, employment status, family members) are the registry's,
// read here, never copied.
import { sql, type SqlBool } from 'kysely';
import type { Db, DialectName } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { VentureMentorTable, VentureMentorshipTable, VentureSupportTable, VentureTable, ZeroEmploymentHouseholdTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathAtOrAbove, pathInScope, pathWithin, rangeHolds, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';
import { userHolds } from '../../platform/roles';

export { unitInScope } from '../../platform/scope-units.repo';

export async function childUnitsOf(scope: Scope, db: Tx, parentId: string) {
  return db.selectFrom('org_units').select(['id', 'path', 'name']).where('parent_id', '=', parentId).where('active', '=', 1).where(inScope(scope, 'path')).orderBy('code').execute();
}

/** Registered, living, unmerged recipients of the caller's range among these ids. */
export async function peopleInScope(scope: Scope, db: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'org_path', 'household_id'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'registered')
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .execute();
}

export type AssigneeRow = { id: string; display_name: string; unit_name: string };

/** Active staff of the caller's range whose unit is the record's unit or above it (one of them when `userId`). */
export async function assigneesOf(scope: Scope, db: Tx, unitPath: string, userId?: string): Promise<AssigneeRow[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.display_name', 'u.name as unit_name'])
    .where(inScope(scope, 'users.org_path'))
    .where(rangeHolds('users.org_path', unitPath))
    .where('users.disabled', '=', 0);
  if (userId) q = q.where('users.id', '=', userId);
  const rows = await q.select('users.roles').orderBy('users.org_path', 'desc').orderBy('users.display_name').limit(500).execute();
  return rows.filter((r) => userHolds(r.roles, 'employment:write')).map(({ roles: _roles, ...r }) => r);
}

// ---- ventures ----

function ventures(db: Tx) {
  return db
    .selectFrom('ventures as v')
    .innerJoin('org_units as u', 'u.id', 'v.org_unit_id')
    .leftJoin('employers as e', 'e.id', 'v.employer_id')
    .selectAll('v')
    .select([
      'u.name as org_unit_name',
      'e.name as employer_name',
      'e.veteran_founded as employer_veteran_founded',
      sql<number>`(select count(*) from venture_supports s where s.venture_id = v.id)`.as('support_count'),
      sql<number | string>`(select coalesce(sum(s.amount_fen), 0) from venture_supports s where s.venture_id = v.id)`.as('support_fen'),
    ]);
}
export type VentureRow = VentureTable & { org_unit_name: string; employer_name: string | null; employer_veteran_founded: number | null; support_count: number | string; support_fen: number | string };

export type VentureFilter = { unitPath?: string; stage?: string; sector?: string; veteranFounded?: boolean; name?: string };

function filteredVentures(scope: Scope, db: Tx, f: VentureFilter) {
  let q = ventures(db).where(inScope(scope, 'v.org_path'));
  if (f.unitPath) q = q.where(pathWithin('v.org_path', f.unitPath));
  if (f.stage) q = q.where('v.stage', '=', f.stage);
  if (f.sector) q = q.where('v.sector', '=', f.sector);
  if (f.veteranFounded) q = q.where(sql<SqlBool>`coalesce(e.veteran_founded, v.veteran_founded) = 1`);
  if (f.name) q = q.where('v.name', 'like', `%${f.name.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listVentures(scope: Scope, db: Db, f: VentureFilter & { page: number; pageSize: number }) {
  const q = filteredVentures(scope, db, f);
  const items = await q.orderBy('v.updated_at', 'desc').orderBy('v.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function ventureChunk(scope: Scope, db: Db, f: VentureFilter, after: { path: string; id: string } | null, limit: number): Promise<VentureRow[]> {
  let q = filteredVentures(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('v.org_path', '>', after.path), eb.and([eb('v.org_path', '=', after.path), eb('v.id', '>', after.id)])]));
  return q.orderBy('v.org_path').orderBy('v.id').limit(limit).execute();
}

export async function getVenture(scope: Scope, db: Tx, id: string): Promise<VentureRow | undefined> {
  return ventures(db).where('v.id', '=', id).where(inScope(scope, 'v.org_path')).executeTakeFirst();
}

export async function insertVenture(scope: Scope, db: Tx, row: Stored<VentureTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('venture outside scope');
  await db.insertInto('ventures').values(row).execute();
}

export async function updateVenture(scope: Scope, db: Tx, id: string, version: number, patch: Partial<Omit<VentureTable, 'id' | 'org_unit_id' | 'org_path' | 'version'>>): Promise<boolean> {
  const r = await db
    .updateTable('ventures')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces a venture's founders (the venture was just written under the caller's scope in this transaction). */
export async function writeFounders(db: Tx, ventureId: string, recipientIds: readonly string[]): Promise<void> {
  await db.deleteFrom('venture_founders').where('venture_id', '=', ventureId).execute();
  if (recipientIds.length) await db.insertInto('venture_founders').values(recipientIds.map((recipient_id, seq) => ({ venture_id: ventureId, recipient_id, seq }))).execute();
}

export async function foundersOf(db: Tx, ventureIds: readonly string[]): Promise<{ venture_id: string; id: string; name: string }[]> {
  if (!ventureIds.length) return [];
  return db
    .selectFrom('venture_founders as f')
    .innerJoin('recipients as r', 'r.id', 'f.recipient_id')
    .select(['f.venture_id', 'r.id', 'r.name'])
    .where('f.venture_id', 'in', [...ventureIds])
    .orderBy('f.venture_id')
    .orderBy('f.seq')
    .execute();
}

/** Support rows of a venture the caller has already read through `getVenture`. */
export async function supportsOf(db: Tx, ventureIds: readonly string[]): Promise<VentureSupportTable[]> {
  if (!ventureIds.length) return [];
  return db.selectFrom('venture_supports').selectAll().where('venture_id', 'in', [...ventureIds]).orderBy('given_on').orderBy('id').execute();
}

export async function insertSupport(scope: Scope, db: Tx, venture: { id: string; org_path: string }, row: VentureSupportTable): Promise<void> {
  if (!pathInScope(scope, venture.org_path) || row.venture_id !== venture.id) throw new Error('venture support outside scope');
  await db.insertInto('venture_supports').values(row).execute();
}

/** Bumps the venture's version after a support row or mentoring pair, at the version the caller saw (a stale one: false). */
export async function touchVenture(scope: Scope, db: Tx, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('ventures')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- mentors ----

function mentors(db: Tx) {
  return db
    .selectFrom('venture_mentors as m')
    .innerJoin('org_units as u', 'u.id', 'm.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'm.recipient_id')
    .selectAll('m')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', sql<number>`(select count(*) from venture_mentorships p where p.mentor_id = m.id)`.as('mentee_count')]);
}
export type MentorRow = VentureMentorTable & { org_unit_name: string; recipient_name: string; mentee_count: number | string };

/** Mentors kept in the range, and those kept above the caller's unit (a county's mentors help its villages). */
const mentorVisible = (scope: Scope) => sql<SqlBool>`(${inScope(scope, 'm.org_path')} or ${pathAtOrAbove('m.org_path', scope.path)})`;

export async function listMentors(scope: Scope, db: Tx, f: { sector?: string }): Promise<MentorRow[]> {
  let q = mentors(db).where(mentorVisible(scope));
  if (f.sector) q = q.where('m.sectors', 'like', `%"${f.sector}"%`);
  return q.orderBy('m.org_path').orderBy('r.name').limit(1000).execute();
}

export async function mentorVisibleTo(scope: Scope, db: Tx, id: string): Promise<MentorRow | undefined> {
  return mentors(db).where('m.id', '=', id).where(mentorVisible(scope)).executeTakeFirst();
}

export async function mentorOfRecipientUnscoped(db: Tx, recipientId: string): Promise<string | undefined> {
  return (await db.selectFrom('venture_mentors').select('id').where('recipient_id', '=', recipientId).executeTakeFirst())?.id;
}

export async function insertMentor(scope: Scope, db: Tx, row: Stored<VentureMentorTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('mentor outside scope');
  await db.insertInto('venture_mentors').values(row).execute();
}

export async function mentorshipsOf(db: Tx, ventureId: string) {
  return db
    .selectFrom('venture_mentorships as p')
    .innerJoin('venture_mentors as m', 'm.id', 'p.mentor_id')
    .innerJoin('recipients as r', 'r.id', 'm.recipient_id')
    .innerJoin('ventures as v', 'v.id', 'p.venture_id')
    .select(['p.id', 'p.mentor_id', 'r.name as mentor_name', 'p.venture_id', 'v.name as venture_name', 'p.from_on', 'p.note'])
    .where('p.venture_id', '=', ventureId)
    .orderBy('p.from_on')
    .execute();
}

export async function insertMentorship(scope: Scope, db: Tx, venture: { id: string; org_path: string }, row: VentureMentorshipTable): Promise<void> {
  if (!pathInScope(scope, venture.org_path) || row.venture_id !== venture.id) throw new Error('mentorship outside scope');
  await db.insertInto('venture_mentorships').values(row).execute();
}

export async function mentorshipExists(db: Tx, mentorId: string, ventureId: string): Promise<boolean> {
  return !!(await db.selectFrom('venture_mentorships').select('id').where('mentor_id', '=', mentorId).where('venture_id', '=', ventureId).executeTakeFirst());
}

// ---- zero-employment households: the registry's facts ----

export type PersonFacts = {
  id: string;
  name: string;
  org_unit_id: string;
  org_path: string;
  org_unit_name: string;
  household_id: string | null;
  birth_date: string | null;
  employment_status: string | null;
  family_members: string;
  current_address: string;
  household_address: string;
  updated_at: string;
};

function people(db: Tx) {
  return db
    .selectFrom('recipients as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .select(['r.id', 'r.name', 'r.org_unit_id', 'r.org_path', 'u.name as org_unit_name', 'r.household_id', 'r.birth_date', 'r.employment_status', 'r.family_members', 'r.current_address', 'r.household_address', 'r.updated_at'])
    .where('r.status', '=', 'registered')
    .where('r.merged_into', 'is', null)
    .where('r.death_date', 'is', null);
}

/** A family member kept on the person's record is out of work (the JSON list column, read by the database). */
function familyMemberUnemployed(dialect: DialectName) {
  return dialect === 'postgres'
    ? sql<SqlBool>`exists (select 1 from jsonb_array_elements(r.family_members::jsonb) f where f->>'employmentStatus' = 'unemployed')`
    : sql<SqlBool>`exists (select 1 from json_each(r.family_members) f where json_extract(f.value, '$.employmentStatus') = 'unemployed')`;
}

/**
 * The people of the range (under `unitPath`) who could belong to a zero-employment household: all
 * but those of working age (born in [bornFrom, bornTo]) who are employed, and only of the households
 * (a person without one is their own) where someone is out of work: a registered person of working
 * age, or a family member on a record. The database finds those households, so a county's list
 * never loads its whole registry (it used to read up to 20,000 people and cut the rest off). In
 * unit order.
 */
export async function candidatePeople(scope: Scope, db: Db, dialect: DialectName, unitPath: string, bornFrom: string, bornTo: string): Promise<PersonFacts[]> {
  const seeds = people(db)
    .where(inScope(scope, 'r.org_path'))
    .where(pathWithin('r.org_path', unitPath))
    .where((eb) => eb.or([eb.and([eb('r.employment_status', '=', 'unemployed'), eb('r.birth_date', '>=', bornFrom), eb('r.birth_date', '<=', bornTo)]), familyMemberUnemployed(dialect)]))
    .clearSelect()
    .select(sql<string>`coalesce(r.household_id, r.id)`.as('k'));
  return people(db)
    .where(inScope(scope, 'r.org_path'))
    .where(pathWithin('r.org_path', unitPath))
    .where(sql<SqlBool>`coalesce(r.household_id, r.id) in (${seeds})`)
    .where((eb) =>
      eb.or([
        eb('r.employment_status', 'is', null),
        eb('r.employment_status', 'not in', ['employed', 'selfEmployed']),
        eb('r.birth_date', 'is', null),
        eb('r.birth_date', '<', bornFrom),
        eb('r.birth_date', '>', bornTo),
      ]),
    )
    .orderBy('r.org_path')
    .orderBy('r.id')
    .execute() as Promise<PersonFacts[]>;
}

/** The households among these with a working-age employed registered member (wherever that member is kept). */
export async function householdsWithEmployedUnscoped(db: Tx, householdIds: readonly string[], bornFrom: string, bornTo: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < householdIds.length; i += 500) {
    const rows = await people(db)
      .where('r.household_id', 'in', householdIds.slice(i, i + 500))
      .where('r.employment_status', 'in', ['employed', 'selfEmployed'])
      .where('r.birth_date', '>=', bornFrom)
      .where('r.birth_date', '<=', bornTo)
      .select('r.household_id as hid')
      .execute();
    for (const r of rows) if (r.hid) out.add(r.hid);
  }
  return out;
}

/** One person of the range and the other registered members of their household (the person first). */
export async function householdOf(scope: Scope, db: Tx, recipientId: string): Promise<PersonFacts[]> {
  const p = (await people(db).where('r.id', '=', recipientId).where(inScope(scope, 'r.org_path')).executeTakeFirst()) as PersonFacts | undefined;
  if (!p) return [];
  if (!p.household_id) return [p];
  const others = (await people(db).where('r.household_id', '=', p.household_id).where('r.id', '!=', p.id).orderBy('r.id').execute()) as PersonFacts[];
  return [p, ...others];
}

// ---- zero-employment households: the cases' rows ----

function zeroRows(db: Tx) {
  return db
    .selectFrom('zero_employment_households as z')
    .innerJoin('org_units as u', 'u.id', 'z.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'z.recipient_id')
    .innerJoin('users as w', 'w.id', 'z.worker_user_id')
    .selectAll('z')
    .select(['u.name as org_unit_name', 'r.name as head_name', 'r.id_number_masked as head_id_masked', 'r.current_address', 'r.household_address', 'w.display_name as worker_name']);
}
export type ZeroRow = ZeroEmploymentHouseholdTable & { org_unit_name: string; head_name: string; head_id_masked: string; current_address: string; household_address: string; worker_name: string };

export type ZeroFilter = { unitPath?: string; status?: string; workerUserId?: string };

function filteredZero(scope: Scope, db: Tx, f: ZeroFilter) {
  let q = zeroRows(db).where(inScope(scope, 'z.org_path'));
  if (f.unitPath) q = q.where(pathWithin('z.org_path', f.unitPath));
  if (f.status) q = q.where('z.status', '=', f.status);
  if (f.workerUserId) q = q.where('z.worker_user_id', '=', f.workerUserId);
  return q;
}

export async function listZero(scope: Scope, db: Db, f: ZeroFilter & { page: number; pageSize: number }) {
  const q = filteredZero(scope, db, f);
  const items = await q.orderBy('z.confirmed_on', 'desc').orderBy('z.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function zeroChunk(scope: Scope, db: Db, f: ZeroFilter, after: { path: string; id: string } | null, limit: number): Promise<ZeroRow[]> {
  let q = filteredZero(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('z.org_path', '>', after.path), eb.and([eb('z.org_path', '=', after.path), eb('z.id', '>', after.id)])]));
  return q.orderBy('z.org_path').orderBy('z.id').limit(limit).execute();
}

export async function getZero(scope: Scope, db: Tx, id: string): Promise<ZeroRow | undefined> {
  return zeroRows(db).where('z.id', '=', id).where(inScope(scope, 'z.org_path')).executeTakeFirst();
}

export async function insertZero(scope: Scope, db: Tx, row: Stored<ZeroEmploymentHouseholdTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('zero-employment household outside scope');
  await db.insertInto('zero_employment_households').values(row).execute();
}

/**
 * The cases of these households (by household id) or single people (by recipient id), wherever kept:
 * for each key, whether one is open, and when the last closed one was closed (its row's update time).
 */
export async function zeroCasesOfUnscoped(db: Tx, householdIds: readonly string[], recipientIds: readonly string[]): Promise<Map<string, { open: boolean; closedAt: string | null }>> {
  const out = new Map<string, { open: boolean; closedAt: string | null }>();
  const rows = await db
    .selectFrom('zero_employment_households')
    .select(['recipient_id', 'household_id', 'status', 'updated_at'])
    .where((eb) =>
      eb.or([
        ...(householdIds.length ? [eb('household_id', 'in', [...householdIds])] : []),
        ...(recipientIds.length ? [eb('recipient_id', 'in', [...recipientIds])] : []),
        sql<SqlBool>`1 = 0`,
      ]),
    )
    .execute();
  for (const r of rows) {
    const key = r.household_id ?? r.recipient_id;
    const k = out.get(key) ?? { open: false, closedAt: null };
    if (r.status === 'helping') k.open = true;
    else if (!k.closedAt || r.updated_at > k.closedAt) k.closedAt = r.updated_at;
    out.set(key, k);
  }
  return out;
}

/** The cases of the range under `unitPath` flagged at some time from `from` to `to`: path and days. */
export async function zeroSpans(scope: Scope, db: Db, unitPath: string, from: string, to: string) {
  return db
    .selectFrom('zero_employment_households as z')
    .select(['z.org_path', 'z.confirmed_on', 'z.closed_on', 'z.status'])
    .where(inScope(scope, 'z.org_path'))
    .where(pathWithin('z.org_path', unitPath))
    .where('z.confirmed_on', '<=', to)
    .where((eb) => eb.or([eb('z.closed_on', 'is', null), eb('z.closed_on', '>=', from)]))
    .execute();
}
