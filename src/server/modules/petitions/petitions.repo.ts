// The only place with SQL for petitions 信访. A petition row sits beside its case (same id); every
// read goes through the case guard (range, grants, and restriction of 检举控告 to named
// participants), so a petition is visible exactly when its case is.
import type { petitionSorts } from '../../../shared/schemas/petitions';
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { SystemDb } from '../../db/system';
import type { Tx } from '../../db/transaction';
import type { PetitionTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathWithin, rangeHolds, visibleTo, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';
import { CASE_RECORD } from '../../cases/cases.repo';

const guard = { recordType: CASE_RECORD, idColumn: 'c.id', pathColumn: 'c.org_path', restrictedColumn: 'c.restricted' };

function base(db: Tx) {
  return db
    .selectFrom('petitions as p')
    .innerJoin('cases as c', 'c.id', 'p.id')
    .innerJoin('org_units as u', 'u.id', 'p.org_unit_id')
    .leftJoin('users as h', 'h.id', 'p.handler_user_id')
    .leftJoin('users as l', 'l.id', 'p.leader_user_id')
    .leftJoin('recipients as rec', 'rec.id', 'p.recipient_id')
    .selectAll('p')
    .select([
      'c.status',
      'c.open',
      'c.due_day',
      'c.version',
      'c.payload',
      'c.waiting_path',
      'c.counterpart_unit_id',
      'c.counterpart_path',
      'u.name as org_unit_name',
      'u.code as org_unit_code',
      'h.display_name as handler_name',
      'l.display_name as leader_name',
      'rec.recipient_group',
    ]);
}
export type PetitionRow = PetitionTable & {
  status: string;
  open: number;
  due_day: string | null;
  version: number;
  payload: string;
  waiting_path: string | null;
  counterpart_unit_id: string | null;
  counterpart_path: string | null;
  org_unit_name: string;
  org_unit_code: string;
  handler_name: string | null;
  leader_name: string | null;
  recipient_group: string | null;
};

export async function getPetition(scope: Scope, db: Tx, id: string): Promise<PetitionRow | undefined> {
  return base(db).where('p.id', '=', id).where(visibleTo(scope, guard)).executeTakeFirst();
}

export type PetitionFilter = {
  unitPath?: string;
  recipientId?: string;
  status?: string;
  open?: boolean;
  channel?: string;
  type?: string;
  /** yellow: open, due within `soonDay`; red: open, past `today` */
  warning?: 'yellow' | 'red';
  today: string;
  soonDay: string;
  mineUserId?: string;
  q?: string;
  receivedFrom?: string;
  receivedTo?: string;
};

function filtered(scope: Scope, db: Tx, f: PetitionFilter) {
  let q = base(db).where(visibleTo(scope, guard));
  if (f.unitPath) q = q.where(pathWithin('p.org_path', f.unitPath));
  if (f.recipientId) q = q.where('p.recipient_id', '=', f.recipientId);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.open !== undefined) q = q.where('c.open', '=', f.open ? 1 : 0);
  if (f.channel) q = q.where('p.channel', '=', f.channel);
  if (f.type) q = q.where('p.petition_type', '=', f.type);
  if (f.warning === 'red') q = q.where('c.open', '=', 1).where('c.due_day', '<', f.today);
  if (f.warning === 'yellow') q = q.where('c.open', '=', 1).where('c.due_day', '>=', f.today).where('c.due_day', '<=', f.soonDay);
  if (f.mineUserId) {
    const me = f.mineUserId;
    q = q.where((eb) => eb.or([eb('p.handler_user_id', '=', me), eb('p.leader_user_id', '=', me)]));
  }
  if (f.receivedFrom) q = q.where('p.received_on', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('p.received_on', '<=', f.receivedTo);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`p.petitioner_name like ${like} escape '\\'`,
        sql<boolean>`p.registration_no like ${like} escape '\\'`,
        sql<boolean>`p.request like ${like} escape '\\'`,
      ]),
    );
  }
  return q;
}

const sortColumns = { receivedOn: 'p.received_on', dueDay: 'c.due_day', registrationNo: 'p.registration_no' } as const;

export async function listPetitions(scope: Scope, db: Db, f: PetitionFilter & { page: number; pageSize: number; sort: (typeof petitionSorts)[number] }) {
  const q = filtered(scope, db, f);
  const desc = f.sort.startsWith('-');
  const column = sortColumns[(desc ? f.sort.slice(1) : f.sort) as keyof typeof sortColumns];
  const items = await q
    .orderBy(column, desc ? 'desc' : 'asc')
    .orderBy('p.id', desc ? 'desc' : 'asc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** How many rows the ledger of this filter has (counted in SQL; audited with a clear export). */
export async function countPetitionRows(scope: Scope, db: Db, f: PetitionFilter): Promise<number> {
  const rows = filtered(scope, db, f).clearSelect().select(sql<number>`1`.as('one')).as('rows');
  const r = await db.selectFrom(rows).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function petitionChunk(scope: Scope, db: Db, f: PetitionFilter, after: { path: string; id: string } | null, limit: number): Promise<PetitionRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('p.org_path', '>', after.path), eb.and([eb('p.org_path', '=', after.path), eb('p.id', '>', after.id)])]));
  return q.orderBy('p.org_path').orderBy('p.id').limit(limit).execute();
}

export async function insertPetition(scope: Scope, db: Tx, row: Stored<PetitionTable>): Promise<void> {
  await db.insertInto('petitions').values(row).execute();
  void scope;
}

/** Repeat link and satisfaction: written by staff who see the petition. */
export async function updateVisiblePetition(scope: Scope, db: Tx, id: string, patch: Pick<Partial<PetitionTable>, 'repeat_of' | 'satisfaction' | 'rated_at' | 'updated_at'>): Promise<number> {
  const r = await db
    .updateTable('petitions')
    .set(patch)
    .where('id', '=', id)
    .where('id', 'in', db.selectFrom('cases as c').select('c.id').where('c.id', '=', id).where(visibleTo(scope, guard)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * The next registration number of a unit, channel and year: one counter row, incremented in the
 * registering transaction (on PostgreSQL the upsert locks the row until commit, so concurrent
 * registrations queue and numbers are gap-free; a rolled-back registration gives its number back).
 */
export async function nextRegistrationNoUnscoped(db: Tx, unitId: string, channel: string, year: number): Promise<number> {
  const r = await db
    .insertInto('petition_counters')
    .values({ org_unit_id: unitId, channel, year, last_no: 1 })
    .onConflict((oc) => oc.columns(['org_unit_id', 'channel', 'year']).doUpdateSet({ last_no: sql`petition_counters.last_no + 1` }))
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return Number(r.last_no);
}

// ---- units, people, recipients ----

/** The unit a request names, in the caller's range (one lookup for every module). */
export { unitInScope } from '../../platform/scope-units.repo';

/** A unit by id, whoever asks: for the level above a unit (Art. 28 and review one level up). */
export async function unitByIdUnscoped(db: Tx | SystemDb, id: string) {
  return db.selectFrom('org_units').select(['id', 'path', 'level', 'name', 'code', 'parent_id']).where('id', '=', id).executeTakeFirst();
}

export type PersonRow = { id: string; display_name: string; org_path: string; org_unit_id: string; roles: string; title: string; unit_name: string };

/** Active users whose unit is `unitPath` or above it (they can see a record there), optionally one of them. */
export async function usersAboveUnscoped(db: Tx, unitPath: string, userId?: string): Promise<PersonRow[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.display_name', 'users.org_path', 'users.org_unit_id', 'users.roles', 'users.title', 'u.name as unit_name'])
    .where(rangeHolds('users.org_path', unitPath))
    .where('users.disabled', '=', 0);
  if (userId) q = q.where('users.id', '=', userId);
  return q.orderBy('users.org_path', 'desc').orderBy('users.display_name').limit(500).execute();
}

/** Active users of exactly this unit. */
export async function usersOfUnitUnscoped(db: Tx, unitId: string): Promise<PersonRow[]> {
  return db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.display_name', 'users.org_path', 'users.org_unit_id', 'users.roles', 'users.title', 'u.name as unit_name'])
    .where('users.org_unit_id', '=', unitId)
    .where('users.disabled', '=', 0)
    .execute();
}

/** Users by id (accused persons named in an accusation): where they sit. */
export async function usersByIdsUnscoped(db: Tx, ids: string[]): Promise<PersonRow[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.display_name', 'users.org_path', 'users.org_unit_id', 'users.roles', 'users.title', 'u.name as unit_name'])
    .where('users.id', 'in', ids)
    .execute();
}

/** The recipient of the caller's range with this ID number hash (linking a petitioner to the registry). */
export async function recipientByIdHash(scope: Scope, db: Tx, idHash: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'name'])
    .where('id_number_hash', '=', idHash)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

export async function recipientInScope(scope: Scope, db: Tx, id: string) {
  return db.selectFrom('recipients').select(['id', 'name']).where('id', '=', id).where('merged_into', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirst();
}

/** Earlier petitions of the same petitioner (ID hash, phone hash or exact name) that the caller sees. */
export async function samePetitionerCandidates(scope: Scope, db: Tx, m: { idHash: string | null; phoneHash: string | null; name: string | null }, limit: number) {
  const conds = [] as ReturnType<typeof sql<boolean>>[];
  if (m.idHash) conds.push(sql<boolean>`p.id_hash = ${m.idHash}`);
  if (m.phoneHash) conds.push(sql<boolean>`p.phone_hash = ${m.phoneHash}`);
  if (m.name) conds.push(sql<boolean>`p.petitioner_name = ${m.name}`);
  if (!conds.length) return [];
  return base(db)
    .where(visibleTo(scope, guard))
    .where(sql<boolean>`(${sql.join(conds, sql` or `)})`)
    .orderBy('p.received_on', 'desc')
    .limit(limit)
    .execute();
}

// ---- the dashboard ----

export type DashboardCountRow = { org_path: string; status: string; petition_type: string; channel: string; repeat: number; n: number; yellow: number; red: number; accept_done: number; accept_on_time: number; reply_done: number; reply_on_time: number; rated: number; rating_sum: number };

/**
 * One grouped query over the petitions of a unit's range visible to the caller: counts per unit
 * path (the service folds them into child units), status, type, channel and repeat flag, with the warning and
 * on-time figures summed in the same pass.
 */
export async function dashboardCounts(scope: Scope, db: Db, unit: { path: string }, today: string, soonDay: string, from: string | null, to: string | null): Promise<DashboardCountRow[]> {
  let q = db
    .selectFrom('petitions as p')
    .innerJoin('cases as c', 'c.id', 'p.id')
    .where(visibleTo(scope, guard))
    .where(pathWithin('p.org_path', unit.path));
  if (from) q = q.where('p.received_on', '>=', from);
  if (to) q = q.where('p.received_on', '<=', to);
  const rows = await q
    .select([
      'p.org_path',
      'c.status',
      'p.petition_type',
      'p.channel',
      sql<number>`case when p.repeat_of is null then 0 else 1 end`.as('repeat'),
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when c.open = 1 and c.due_day >= ${today} and c.due_day <= ${soonDay} then 1 else 0 end)`.as('yellow'),
      sql<number>`sum(case when c.open = 1 and c.due_day < ${today} then 1 else 0 end)`.as('red'),
      sql<number>`sum(case when p.accept_decided_on is not null then 1 else 0 end)`.as('accept_done'),
      sql<number>`sum(case when p.accept_decided_on is not null and p.accept_decided_on <= p.accept_due then 1 else 0 end)`.as('accept_on_time'),
      sql<number>`sum(case when p.replied_on is not null then 1 else 0 end)`.as('reply_done'),
      sql<number>`sum(case when p.replied_on is not null and p.replied_on <= p.handle_due then 1 else 0 end)`.as('reply_on_time'),
      sql<number>`sum(case when p.satisfaction is not null then 1 else 0 end)`.as('rated'),
      sql<number>`sum(coalesce(p.satisfaction, 0))`.as('rating_sum'),
    ])
    .groupBy(['p.org_path', 'c.status', 'p.petition_type', 'p.channel', sql`case when p.repeat_of is null then 0 else 1 end`])
    .execute();
  return rows.map((r) => ({
    ...r,
    repeat: Number(r.repeat),
    n: Number(r.n),
    yellow: Number(r.yellow),
    red: Number(r.red),
    accept_done: Number(r.accept_done),
    accept_on_time: Number(r.accept_on_time),
    reply_done: Number(r.reply_done),
    reply_on_time: Number(r.reply_on_time),
    rated: Number(r.rated),
    rating_sum: Number(r.rating_sum),
  }));
}

export async function childUnits(scope: Scope, db: Tx, parentId: string) {
  return db.selectFrom('org_units').select(['id', 'path', 'name', 'code']).where('parent_id', '=', parentId).where('active', '=', 1).where(inScope(scope, 'path')).orderBy('code').execute();
}

// ---- the work queue ----

/**
 * Open petitions with a running clock where the user is the leader 包案领导, soonest first, except
 * those waiting on `exceptWaitingPath` (the user's own unit: the kernel's provider lists them).
 */
export async function ledPetitions(scope: Scope, db: Db, userId: string, exceptWaitingPath: string, limit: number): Promise<PetitionRow[]> {
  return base(db)
    .where(visibleTo(scope, guard))
    .where('c.open', '=', 1)
    .where('p.leader_user_id', '=', userId)
    .where('c.due_day', 'is not', null)
    .where((eb) => eb.or([eb('c.waiting_path', 'is', null), eb('c.waiting_path', '<>', exceptWaitingPath)]))
    .orderBy('c.due_day')
    .limit(limit)
    .execute();
}

/** How many petitions `ledPetitions` finds (no cap), and how many are past their due day on `today`. */
export async function countLedPetitions(scope: Scope, db: Db, userId: string, exceptWaitingPath: string, today: string): Promise<{ count: number; overdue: number }> {
  const r = await db
    .selectFrom('petitions as p')
    .innerJoin('cases as c', 'c.id', 'p.id')
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(case when c.due_day < ${today} then 1 else 0 end)`.as('overdue')])
    .where(visibleTo(scope, guard))
    .where('c.open', '=', 1)
    .where('p.leader_user_id', '=', userId)
    .where('c.due_day', 'is not', null)
    .where((eb) => eb.or([eb('c.waiting_path', 'is', null), eb('c.waiting_path', '<>', exceptWaitingPath)]))
    .executeTakeFirstOrThrow();
  return { count: Number(r.n ?? 0), overdue: Number(r.overdue ?? 0) };
}

// ---- the public side ----

/** The petition of a query code hash, whoever asks (the caller then checks the phone). */
export async function petitionByQueryCodeUnscoped(db: SystemDb | Tx, codeHash: string): Promise<PetitionRow | undefined> {
  return base(db).where('p.query_code_hash', '=', codeHash).executeTakeFirst();
}

export async function petitionsOfPublicAccountUnscoped(db: SystemDb | Tx, accountId: string): Promise<PetitionRow[]> {
  return base(db).where('p.public_account_id', '=', accountId).orderBy('p.created_at', 'desc').limit(200).execute();
}

/** Rates once: only while unrated and replied (or later). Returns rows changed. */
export async function ratePetitionUnscoped(db: SystemDb | Tx, id: string, satisfaction: number, at: string): Promise<number> {
  const r = await db
    .updateTable('petitions')
    .set({ satisfaction, rated_at: at, updated_at: at })
    .where('id', '=', id)
    .where('satisfaction', 'is', null)
    .where('replied_on', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function caseLogUnscoped(db: SystemDb | Tx, caseId: string) {
  return db.selectFrom('case_actions').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

/** The petition this one is linked to as a repeat, with its case status (for the Art. 36 ¶3 refusal). */
export async function repeatTargetUnscoped(db: Tx, id: string) {
  return db
    .selectFrom('petitions as me')
    .innerJoin('petitions as first', 'first.id', 'me.repeat_of')
    .innerJoin('cases as c', 'c.id', 'first.id')
    .select(['first.id', 'first.registration_no', 'c.status'])
    .where('me.id', '=', id)
    .executeTakeFirst();
}

/**
 * The registry people whose petitions were received in the unit's subtree between two days
 * inclusive (restricted ones too: only ids leave, for a satisfaction survey's sample; surveys, issue 16).
 */
export async function recipientsPetitionedUnscoped(db: Db | Tx, unitPath: string, from: string, to: string, limit = 200_000): Promise<string[]> {
  const rows = await db
    .selectFrom('petitions')
    .select('recipient_id')
    .distinct()
    .where('recipient_id', 'is not', null)
    .where(pathWithin('org_path', unitPath))
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .limit(limit)
    .execute();
  return rows.map((r) => r.recipient_id as string);
}
