// The only place with SQL for party members 退役军人党员: branches 党支部, memberships and the
// organisation transfers' rows. Every query takes the caller's scope first and filters with the
// jurisdiction guard. A branch is seen in the range of the unit that keeps it and by the units below
// that unit (a village's veterans join the township's 退役军人党支部). Whether a recipient is a party
// member is the registry's 政治面貌 (recipients.political_status), read here, never copied.
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { PartyBranchTable, PartyTransferTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathAtOrAbove, pathInScope, pathWithin, rangeHolds, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

/** The registry's 政治面貌 values of a party member, and the member kind each one is. */
export const PARTY_POLITICAL_STATUSES = { cpcMember: 'member', cpcProbationary: 'probationary' } as const;
const memberStatuses = Object.keys(PARTY_POLITICAL_STATUSES);
const OPEN = ['issued', 'reported'];

// ---- branches ----

function branches(db: Tx) {
  return db
    .selectFrom('party_branches as b')
    .innerJoin('org_units as u', 'u.id', 'b.org_unit_id')
    .selectAll('b')
    .select((eb) => [
      'u.name as org_unit_name',
      eb
        .selectFrom('party_memberships as m')
        .innerJoin('recipients as r', 'r.id', 'm.recipient_id')
        .whereRef('m.branch_id', '=', 'b.id')
        .where('r.political_status', 'in', memberStatuses)
        .where('r.merged_into', 'is', null)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('member_count'),
    ]);
}
export type BranchRow = PartyBranchTable & { org_unit_name: string; member_count: number | string | null };

/** What the caller sees of the branches: those kept in the range, and those kept above the caller's unit. */
const branchVisible = (scope: Scope) => sql<boolean>`(${inScope(scope, 'b.org_path')} or ${pathAtOrAbove('b.org_path', scope.path)})`;

export async function listBranches(scope: Scope, db: Tx, f: { forUnitPath?: string; active?: boolean }): Promise<BranchRow[]> {
  let q = branches(db).where(branchVisible(scope));
  if (f.forUnitPath) q = q.where((eb) => eb.or([rangeHolds('b.org_path', f.forUnitPath as string), pathWithin('b.org_path', f.forUnitPath as string)]));
  if (f.active !== undefined) q = q.where('b.active', '=', f.active ? 1 : 0);
  return q.orderBy('b.org_path').orderBy('b.name').limit(1000).execute();
}

export async function branchVisibleTo(scope: Scope, db: Tx, id: string): Promise<BranchRow | undefined> {
  return branches(db).where('b.id', '=', id).where(branchVisible(scope)).executeTakeFirst();
}

export async function branchInScope(scope: Scope, db: Tx, id: string): Promise<BranchRow | undefined> {
  return branches(db).where('b.id', '=', id).where(inScope(scope, 'b.org_path')).executeTakeFirst();
}

/** A branch a person of `personPath` may be placed in: kept at that unit or above it, and seen by the caller. */
export async function branchForPerson(scope: Scope, db: Tx, id: string, personPath: string): Promise<BranchRow | undefined> {
  return branches(db).where('b.id', '=', id).where(branchVisible(scope)).where(rangeHolds('b.org_path', personPath)).executeTakeFirst();
}

export async function insertBranch(scope: Scope, db: Tx, row: Stored<PartyBranchTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('party branch outside scope');
  await db.insertInto('party_branches').values(row).execute();
}

export async function updateBranch(
  scope: Scope,
  db: Tx,
  id: string,
  version: number,
  patch: Pick<PartyBranchTable, 'name' | 'kind' | 'secretary' | 'contact' | 'active' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('party_branches')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- members ----

function members(db: Tx) {
  return db
    .selectFrom('recipients as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .leftJoin('party_memberships as m', 'm.recipient_id', 'r.id')
    .leftJoin('party_branches as b', 'b.id', 'm.branch_id')
    .where('r.political_status', 'in', memberStatuses)
    .where('r.merged_into', 'is', null)
    .where('r.status', '=', 'registered')
    .select((eb) => [
      'r.id as recipient_id',
      'r.name',
      'r.id_number_masked',
      'r.org_unit_id',
      'r.org_path',
      'r.political_status',
      'u.name as org_unit_name',
      'm.joined_on',
      'm.branch_id',
      'm.version',
      'b.name as branch_name',
      eb
        .selectFrom('party_transfers as t')
        .whereRef('t.recipient_id', '=', 'r.id')
        .where('t.status', 'in', OPEN)
        .select('t.id')
        .limit(1)
        .as('open_transfer_id'),
    ]);
}
export type MemberRow = {
  recipient_id: string;
  name: string;
  id_number_masked: string;
  org_unit_id: string;
  org_path: string;
  political_status: string | null;
  org_unit_name: string;
  joined_on: string | null;
  branch_id: string | null;
  version: number | null;
  branch_name: string | null;
  open_transfer_id: string | null;
};

export type MemberFilter = { unitPath?: string; branchId?: string; withoutBranch?: boolean; kind?: 'member' | 'probationary'; name?: string };

function filteredMembers(scope: Scope, db: Tx, f: MemberFilter) {
  let q = members(db).where(inScope(scope, 'r.org_path'));
  if (f.unitPath) q = q.where(pathWithin('r.org_path', f.unitPath));
  if (f.branchId) q = q.where('m.branch_id', '=', f.branchId);
  if (f.withoutBranch === true) q = q.where('m.branch_id', 'is', null);
  if (f.withoutBranch === false) q = q.where('m.branch_id', 'is not', null);
  if (f.kind) q = q.where('r.political_status', '=', f.kind === 'member' ? 'cpcMember' : 'cpcProbationary');
  if (f.name) q = q.where('r.name', 'like', `%${f.name.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listMembers(scope: Scope, db: Db, f: MemberFilter & { page: number; pageSize: number }) {
  const q = filteredMembers(scope, db, f);
  const items = (await q.orderBy('r.org_path').orderBy('r.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()) as MemberRow[];
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function memberChunk(scope: Scope, db: Db, f: MemberFilter, after: { path: string; id: string } | null, limit: number): Promise<MemberRow[]> {
  let q = filteredMembers(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('r.org_path', '>', after.path), eb.and([eb('r.org_path', '=', after.path), eb('r.id', '>', after.id)])]));
  return (await q.orderBy('r.org_path').orderBy('r.id').limit(limit).execute()) as MemberRow[];
}

/** One party member of the caller's range (undefined: not in range, or not a party member per the registry). */
export async function memberInScope(scope: Scope, db: Tx, recipientId: string): Promise<MemberRow | undefined> {
  return (await members(db).where('r.id', '=', recipientId).where(inScope(scope, 'r.org_path')).executeTakeFirst()) as MemberRow | undefined;
}

/**
 * Writes a member's joined day and branch at the version the caller saw (0: no row yet; -1: whatever
 * is stored, for the transfer's completion in the kernel's transaction); false when stale. The recipient is one of the caller's range (checked by the caller in the same transaction).
 */
export async function writeMembership(
  scope: Scope,
  db: Tx,
  recipientId: string,
  version: number,
  values: { joined_on?: string | null; branch_id: string | null; updated_by: string; updated_at: string },
): Promise<boolean> {
  const inRange = await db.selectFrom('recipients').select('id').where('id', '=', recipientId).where(inScope(scope, 'org_path')).executeTakeFirst();
  if (!inRange) return false;
  const current = await db.selectFrom('party_memberships').select(['version', 'joined_on']).where('recipient_id', '=', recipientId).executeTakeFirst();
  if (!current) {
    if (version !== 0 && version !== -1) return false;
    await db
      .insertInto('party_memberships')
      .values({ recipient_id: recipientId, joined_on: values.joined_on ?? null, branch_id: values.branch_id, version: 1, updated_by: values.updated_by, updated_at: values.updated_at })
      .execute();
    return true;
  }
  if (version !== -1 && current.version !== version) return false;
  const r = await db
    .updateTable('party_memberships')
    .set({ joined_on: values.joined_on === undefined ? current.joined_on : values.joined_on, branch_id: values.branch_id, version: current.version + 1, updated_by: values.updated_by, updated_at: values.updated_at })
    .where('recipient_id', '=', recipientId)
    .where('version', '=', current.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- transfers ----

function transfers(db: Tx) {
  return db
    .selectFrom('party_transfers as t')
    .innerJoin('org_units as u', 'u.id', 't.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 't.recipient_id')
    .selectAll('t')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked']);
}
export type TransferRow = PartyTransferTable & { org_unit_name: string; recipient_name: string; recipient_id_masked: string };

export async function getTransfer(scope: Scope, db: Tx, id: string): Promise<TransferRow | undefined> {
  return transfers(db).where('t.id', '=', id).where(inScope(scope, 't.org_path')).executeTakeFirst();
}

export async function openTransferOf(db: Tx, recipientId: string): Promise<string | undefined> {
  return (await db.selectFrom('party_transfers').select('id').where('recipient_id', '=', recipientId).where('status', 'in', OPEN).executeTakeFirst())?.id;
}

export type TransferFilter = {
  unitPath?: string;
  recipientId?: string;
  status?: string;
  overdue?: boolean;
  /** done between these days (inclusive) */
  doneFrom?: string;
  doneTo?: string;
  onTime?: boolean;
  today: string;
};

function filteredTransfers(scope: Scope, db: Tx, f: TransferFilter) {
  let q = transfers(db).where(inScope(scope, 't.org_path'));
  if (f.unitPath) q = q.where(pathWithin('t.org_path', f.unitPath));
  if (f.recipientId) q = q.where('t.recipient_id', '=', f.recipientId);
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.overdue === true) q = q.where('t.status', 'in', OPEN).where('t.due_day', '<', f.today);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('t.status', 'not in', OPEN), eb('t.due_day', '>=', f.today)]));
  if (f.doneFrom) q = q.where('t.status', '=', 'done').where('t.done_on', '>=', f.doneFrom);
  if (f.doneTo) q = q.where('t.status', '=', 'done').where('t.done_on', '<=', f.doneTo);
  if (f.onTime === true) q = q.where('t.status', '=', 'done').whereRef('t.done_on', '<=', 't.due_day');
  if (f.onTime === false) q = q.where('t.status', '=', 'done').whereRef('t.done_on', '>', 't.due_day');
  return q;
}

export async function listTransfers(scope: Scope, db: Db, f: TransferFilter & { page: number; pageSize: number }) {
  const q = filteredTransfers(scope, db, f);
  const items = await q.orderBy('t.letter_issued_on', 'desc').orderBy('t.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function transferChunk(scope: Scope, db: Db, f: TransferFilter, after: { path: string; id: string } | null, limit: number): Promise<TransferRow[]> {
  let q = filteredTransfers(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('t.org_path', '>', after.path), eb.and([eb('t.org_path', '=', after.path), eb('t.id', '>', after.id)])]));
  return q.orderBy('t.org_path').orderBy('t.id').limit(limit).execute();
}

export async function insertTransfer(scope: Scope, db: Tx, row: Stored<PartyTransferTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('party transfer outside scope');
  await db.insertInto('party_transfers').values(row).execute();
}

/** The done transfers of the range under `unitPath` in [from, to]: their paths and whether on time. */
export async function doneTransfersIn(scope: Scope, db: Db, unitPath: string, from: string, to: string): Promise<{ org_path: string; on_time: boolean }[]> {
  const rows = await db
    .selectFrom('party_transfers as t')
    .where(inScope(scope, 't.org_path'))
    .where(pathWithin('t.org_path', unitPath))
    .where('t.status', '=', 'done')
    .where('t.done_on', '>=', from)
    .where('t.done_on', '<=', to)
    .select(['t.org_path', sql<number>`case when t.done_on <= t.due_day then 1 else 0 end`.as('on_time')])
    .execute();
  return rows.map((r) => ({ org_path: r.org_path, on_time: Number(r.on_time) === 1 }));
}

export async function overdueOpenCount(scope: Scope, db: Db, unitPath: string, today: string): Promise<number> {
  const r = await db
    .selectFrom('party_transfers as t')
    .where(inScope(scope, 't.org_path'))
    .where(pathWithin('t.org_path', unitPath))
    .where('t.status', 'in', OPEN)
    .where('t.due_day', '<', today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- units, recipients ----

export { unitInScope } from '../../platform/scope-units.repo';

export async function childUnitsOf(scope: Scope, db: Tx, parentId: string) {
  return db.selectFrom('org_units').select(['id', 'path', 'name']).where('parent_id', '=', parentId).where(inScope(scope, 'path')).orderBy('code').execute();
}

export { countyOfPathUnscoped } from '../../platform/scope-units.repo';

/** An unmerged recipient of the caller's range, with its unit and 政治面貌. */
export async function recipientInScope(scope: Scope, db: Tx, id: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'org_unit_id', 'org_path', 'status', 'political_status'])
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}
