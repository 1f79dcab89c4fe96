// The only place with SQL for assistance applications 帮扶援助申请 and their referrals. Every query
// takes the caller's scope first and filters with the jurisdiction guard; the few that must read
// beyond it (the repeat-aid check, the verifiers above the unit, the public list) say so in their name.
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { AssistanceApplicationTable, AssistanceReferralTable, FileTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, rangeHolds, type Scope } from '../../platform/jurisdiction';
import { placedAt, type Stored, type StoredUnit } from '../../platform/stored-unit.repo';

export { unitInScope } from '../../platform/scope-units.repo';

function base(db: Tx) {
  return db
    .selectFrom('assistance_applications as a')
    .innerJoin('org_units as u', 'u.id', 'a.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'a.recipient_id')
    .innerJoin('cases as c', 'c.id', 'a.id')
    .leftJoin('org_units as w', 'w.id', 'c.waiting_unit_id')
    .selectAll('a')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked', 'w.name as waiting_unit_name', 'c.due_day as due_day', 'c.payload as payload']);
}
export type AidRow = AssistanceApplicationTable & {
  org_unit_name: string;
  recipient_name: string;
  recipient_id_masked: string;
  waiting_unit_name: string | null;
  due_day: string | null;
  payload: string;
};

export async function getAid(scope: Scope, db: Tx, id: string): Promise<AidRow | undefined> {
  return base(db).where('a.id', '=', id).where(inScope(scope, 'a.org_path')).executeTakeFirst();
}

export type AidFilter = { unitPath?: string; recipientId?: string; status?: string; ground?: string; form?: string };

function filtered(scope: Scope, db: Tx, f: AidFilter) {
  let q = base(db).where(inScope(scope, 'a.org_path'));
  if (f.unitPath) q = q.where(pathWithin('a.org_path', f.unitPath));
  if (f.recipientId) q = q.where('a.recipient_id', '=', f.recipientId);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.ground) q = q.where('a.ground', '=', f.ground);
  if (f.form) q = q.where('a.form', '=', f.form);
  return q;
}

const sortColumns = { openedOn: 'a.opened_on', updatedAt: 'a.updated_at', amountFen: 'a.amount_fen' } as const;

export async function listAid(scope: Scope, db: Db, f: AidFilter & { page: number; pageSize: number; sort: keyof typeof sortColumns; order: 'asc' | 'desc' }) {
  const q = filtered(scope, db, f);
  const items = await q
    .orderBy(sortColumns[f.sort], f.order)
    .orderBy('a.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function aidChunk(scope: Scope, db: Db, f: AidFilter, after: { path: string; id: string } | null, limit: number): Promise<AidRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('a.org_path', '>', after.path), eb.and([eb('a.org_path', '=', after.path), eb('a.id', '>', after.id)])]));
  return q.orderBy('a.org_path').orderBy('a.id').limit(limit).execute();
}

export async function insertAid(scope: Scope, db: Tx, row: Stored<AssistanceApplicationTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('assistance application outside scope');
  await db.insertInto('assistance_applications').values(row).execute();
}

/** A registered-or-not, unmerged recipient of the caller's range, with its unit and household. */
export async function recipientInScope(scope: Scope, db: Tx, id: string) {
  return db
    .selectFrom('recipients as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .leftJoin('org_units as p', 'p.id', 'u.parent_id')
    .select(['r.id', 'r.name', 'r.org_unit_id', 'r.org_path', 'r.status', 'r.household_id', 'u.name as unit_name', 'u.level as unit_level', 'p.name as parent_name'])
    .where('r.id', '=', id)
    .where('r.merged_into', 'is', null)
    .where(inScope(scope, 'r.org_path'))
    .executeTakeFirst();
}

/** A registered recipient by id wherever it is (an online application: the account's registry link chose it), with its unit and household. */
export async function recipientForOnlineUnscoped(db: Tx, id: string) {
  return db
    .selectFrom('recipients as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .leftJoin('org_units as p', 'p.id', 'u.parent_id')
    .select(['r.id', 'r.name', 'r.org_unit_id', 'r.org_path', 'r.status', 'r.household_id', 'r.deceased', 'u.name as unit_name', 'u.level as unit_level', 'p.name as parent_name'])
    .where('r.id', '=', id)
    .where('r.merged_into', 'is', null)
    .where('r.status', '=', 'registered')
    .executeTakeFirst();
}

/** The applicant's own applications: those the account sent online, and the linked registry person's (no one else's). */
export type AidOwner = { accountId: string; recipientId: string | null };
function ofOwner(db: Tx, owner: AidOwner) {
  return base(db).where((eb) => (owner.recipientId ? eb.or([eb('a.public_account_id', '=', owner.accountId), eb('a.recipient_id', '=', owner.recipientId)]) : eb('a.public_account_id', '=', owner.accountId)));
}

export async function aidOfOwnerUnscoped(db: Tx, owner: AidOwner, limit: number, id?: string): Promise<AidRow[]> {
  let q = ofOwner(db, owner);
  if (id) q = q.where('a.id', '=', id);
  return q.orderBy('a.opened_on', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

export async function countAidOfOwnerUnscoped(db: Tx, owner: AidOwner): Promise<number> {
  const r = await db
    .selectFrom('assistance_applications as a')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => (owner.recipientId ? eb.or([eb('a.public_account_id', '=', owner.accountId), eb('a.recipient_id', '=', owner.recipientId)]) : eb('a.public_account_id', '=', owner.accountId)))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The unit and the units above it up to the county (the opinion chain), nearest first. */
export async function chainUnitsUnscoped(db: Tx, path: string) {
  const ids = path.split('/').filter(Boolean);
  const rows = await db.selectFrom('org_units').select(['id', 'name', 'level', 'path']).where('id', 'in', ids).execute();
  return rows.sort((a, b) => b.path.length - a.path.length);
}

export type VerifierRow = { id: string; display_name: string; roles: string; unit_name: string };

/**
 * Staff who may verify an application of this unit: active users at the unit or above it (a
 * township worker checks with the village's), or below it in the caller's range.
 */
export async function verifiersFor(scope: Scope, db: Tx, unitPath: string, ids?: string[]): Promise<VerifierRow[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.display_name', 'users.roles', 'u.name as unit_name'])
    .where('users.disabled', '=', 0)
    .where((eb) => eb.or([rangeHolds('users.org_path', unitPath), eb.and([pathWithin('users.org_path', unitPath), inScope(scope, 'users.org_path')])]));
  if (ids) q = q.where('users.id', 'in', ids.length ? ids : ['']);
  return q.orderBy('users.org_path', 'desc').orderBy('users.display_name').limit(500).execute();
}

export type PreviousAidRow = { id: string; recipient_name: string; decided_on: string; ground: string; form: string | null; amount_fen: number; goods_value_fen: number; unit_name: string };

/**
 * Aid approved for the household (or person) since `fromDay`, wherever it was given: the
 * repeat-aid warning must see aid given by another unit too (a person who moved).
 */
export async function previousAidUnscoped(db: Tx, householdKey: string, fromDay: string, exceptId?: string): Promise<PreviousAidRow[]> {
  let q = db
    .selectFrom('assistance_applications as a')
    .innerJoin('recipients as r', 'r.id', 'a.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'a.org_unit_id')
    .select(['a.id', 'r.name as recipient_name', 'a.decided_on', 'a.ground', 'a.form', 'a.amount_fen', 'a.goods_value_fen', 'u.name as unit_name'])
    .where('a.household_key', '=', householdKey)
    .where('a.approved', '=', 1)
    .where('a.decided_on', '>=', fromDay);
  if (exceptId) q = q.where('a.id', '<>', exceptId);
  const rows = await q.orderBy('a.decided_on', 'desc').limit(20).execute();
  return rows.map((r) => ({ ...r, decided_on: r.decided_on ?? fromDay }));
}

/** The household key of an application (the take-up's repeat-aid check, run by the kernel in range). */
export async function householdKeyOfUnscoped(db: Tx, id: string): Promise<string> {
  return (await db.selectFrom('assistance_applications').select('household_key').where('id', '=', id).executeTakeFirstOrThrow()).household_key;
}

// ---- referrals ----

export async function insertReferral(scope: Scope, db: Tx, unit: StoredUnit, r: Omit<AssistanceReferralTable, 'org_unit_id' | 'org_path' | 'outcome' | 'outcome_on'>): Promise<void> {
  if (!pathInScope(scope, unit.path)) throw new Error('referral outside scope');
  await db.insertInto('assistance_referrals').values({ ...r, ...placedAt(unit), outcome: null, outcome_on: null }).execute();
}

export async function referralsOf(scope: Scope, db: Tx, caseIds: string[]): Promise<AssistanceReferralTable[]> {
  if (!caseIds.length) return [];
  return db.selectFrom('assistance_referrals').selectAll().where('case_id', 'in', caseIds).where(inScope(scope, 'org_path')).orderBy('case_id').orderBy('referred_on').orderBy('id').execute();
}

export async function setReferralOutcome(scope: Scope, db: Tx, caseId: string, id: string, patch: { outcome: string; outcome_on: string; updated_at: string }): Promise<boolean> {
  const r = await db.updateTable('assistance_referrals').set(patch).where('id', '=', id).where('case_id', '=', caseId).where('outcome', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function referralOf(scope: Scope, db: Tx, caseId: string, id: string) {
  return db.selectFrom('assistance_referrals').selectAll().where('id', '=', id).where('case_id', '=', caseId).where(inScope(scope, 'org_path')).executeTakeFirst();
}

// ---- figures and the public list ----

export type FigureRow = { key: string; count: number; amount: number };

/** Aid approved in [from, to] under the unit, grouped by a column (or by the unit one level below). */
export async function aidFigures(scope: Scope, db: Db, unitPath: string, from: string, to: string, by: 'ground' | 'form'): Promise<FigureRow[]> {
  const col = by === 'ground' ? 'a.ground' : 'a.form';
  const rows = await db
    .selectFrom('assistance_applications as a')
    .select([sql<string>`${sql.ref(col)}`.as('key'), sql<number>`count(*)`.as('count'), sql<number>`sum(a.amount_fen + a.goods_value_fen)`.as('amount')])
    .where('a.approved', '=', 1)
    .where('a.decided_on', '>=', from)
    .where('a.decided_on', '<=', to)
    .where(inScope(scope, 'a.org_path'))
    .where(pathWithin('a.org_path', unitPath))
    .groupBy(col)
    .execute();
  return rows.map((r) => ({ key: String(r.key ?? ''), count: Number(r.count), amount: Number(r.amount ?? 0) }));
}

/** Aid approved in [from, to] under each child unit (and the unit itself). */
export async function aidByChild(scope: Scope, db: Db, unit: { id: string; path: string }, from: string, to: string) {
  const children = await db.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', '=', unit.id).where('active', '=', 1).where(inScope(scope, 'path')).orderBy('code').execute();
  const rows = await db
    .selectFrom('assistance_applications as a')
    .select(['a.org_path', sql<number>`count(*)`.as('count'), sql<number>`sum(a.amount_fen + a.goods_value_fen)`.as('amount')])
    .where('a.approved', '=', 1)
    .where('a.decided_on', '>=', from)
    .where('a.decided_on', '<=', to)
    .where(inScope(scope, 'a.org_path'))
    .where(pathWithin('a.org_path', unit.path))
    .groupBy('a.org_path')
    .execute();
  return { children, rows: rows.map((r) => ({ path: r.org_path, count: Number(r.count), amount: Number(r.amount ?? 0) })) };
}

/** The public 公示 list: aid approved under the unit in [from, to] — no ID, phone, address or health detail is read. */
export async function publicAidUnscoped(db: Db, unitPath: string, from: string, to: string) {
  return db
    .selectFrom('assistance_applications as a')
    .innerJoin('recipients as r', 'r.id', 'a.recipient_id')
    .select(['r.name', 'a.place', 'a.ground', 'a.form', 'a.amount_fen', 'a.goods_value_fen', 'a.notice_start', 'a.notice_end'])
    .where('a.approved', '=', 1)
    .where('a.decided_on', '>=', from)
    .where('a.decided_on', '<=', to)
    .where(pathWithin('a.org_path', unitPath))
    .orderBy('a.decided_on')
    .orderBy('a.id')
    .limit(1000)
    .execute();
}

export async function publicUnitUnscoped(db: Db, id: string) {
  return db.selectFrom('org_units').select(['id', 'name', 'path', 'level']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

// ---- evidence files (rows of `files`, owner_type 'assistance') ----

export async function insertEvidenceFile(scope: Scope, db: Tx, row: Stored<FileTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('file outside scope');
  await db.insertInto('files').values(row).execute();
}

export async function evidenceFilesOf(scope: Scope, db: Db | Tx, caseId: string) {
  return db
    .selectFrom('files')
    .select(['id', 'name', 'mime', 'size', 'created_at'])
    .where('owner_type', '=', 'assistance')
    .where('owner_id', '=', caseId)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The evidence files of an application the applicant owns (the caller checked the ownership): names and sizes only. */
export async function evidenceFilesOfUnscoped(db: Tx, caseId: string) {
  return db.selectFrom('files').select(['id', 'name', 'size', 'created_at']).where('owner_type', '=', 'assistance').where('owner_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

/** Removes one evidence file row (its encrypted bytes are in the row: nothing is left); true when one row went. */
export async function deleteEvidenceFile(scope: Scope, db: Tx, caseId: string, fileId: string): Promise<boolean> {
  const r = await db.deleteFrom('files').where('id', '=', fileId).where('owner_type', '=', 'assistance').where('owner_id', '=', caseId).where(inScope(scope, 'org_path')).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function evidenceFileOf(scope: Scope, db: Db | Tx, caseId: string, fileId: string) {
  return db.selectFrom('files').selectAll().where('id', '=', fileId).where('owner_type', '=', 'assistance').where('owner_id', '=', caseId).where(inScope(scope, 'org_path')).executeTakeFirst();
}

// ---- the narrative at rest (migration 0036) ----

/** Applications written before 0036: the narrative still in clear in the case payload, `narrative_enc` null. */
export async function unsealedNarrativesUnscoped(db: Tx, limit: number): Promise<{ id: string; payload: string }[]> {
  return db
    .selectFrom('assistance_applications as a')
    .innerJoin('cases as c', 'c.id', 'a.id')
    .select(['a.id', 'c.payload'])
    .where('a.narrative_enc', 'is', null)
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** Stores one narrative's ciphertext and takes the clear text out of the case payload (guarded: only a row still unsealed). */
export async function sealNarrativeUnscoped(db: Tx, id: string, narrativeEnc: string, payload: string): Promise<boolean> {
  const r = await db.updateTable('assistance_applications').set({ narrative_enc: narrativeEnc }).where('id', '=', id).where('narrative_enc', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.updateTable('cases').set({ payload }).where('id', '=', id).execute();
  return true;
}
