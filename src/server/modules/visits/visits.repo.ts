// The only place with SQL for visits, visit triggers, visits owed, follow-ups and key-person
// contacts. Every read takes the caller's scope first and filters the recipient's path
// (org_path) with the jurisdiction guard; the generator's reads take a SystemDb or the
// transaction of the write that called it (registration, death).
import { CompiledQuery, sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/client';
import type { SystemDb } from '../../db/system';
import type { Tx } from '../../db/transaction';
import type { DueVisitTable, FileTable, KeyPersonContactTable, VisitFollowUpTable, VisitTable, VisitTriggerTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { powerOfTwoParts } from '../../db/prepared';
import { inScope, pathInScope, pathWithin, pathWithinColumn, type Scope } from '../../platform/jurisdiction';
import type { Stored, StoredUnit } from '../../platform/stored-unit.repo';

/** An owed visit as written: both its paths (the recipient's and the owner's) come from StoredUnits. */
export type StoredDueVisit = Stored<DueVisitTable, 'org_path' | 'owner_path'>;

function assertInScope(scope: Scope, path: string, what: string): void {
  if (!pathInScope(scope, path)) throw new Error(`${what} outside scope`);
}

// ---- settings (read inside the caller's transaction: SQLite has one connection) ----

export async function readSettingInUnscoped(db: Tx, key: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

// ---- units ----

export type UnitRow = { id: string; level: string; path: string; name: string; parent_id: string | null };

/** The unit a request names, in the caller's range (one lookup for every module). */
export { unitInScope } from '../../platform/scope-units.repo';

/** Units by id (the chain of a path), any scope: owners are looked up for the generator. */
export async function unitsByIdsUnscoped(db: SystemDb | Tx, ids: string[]): Promise<UnitRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('org_units').select(['id', 'level', 'path', 'name', 'parent_id']).where('id', 'in', ids).execute();
}

/** The active children of a unit (coverage rows). */
export async function childUnits(scope: Scope, db: Db, parentId: string): Promise<UnitRow[]> {
  return db
    .selectFrom('org_units')
    .select(['id', 'level', 'path', 'name', 'parent_id'])
    .where('parent_id', '=', parentId)
    .where('active', '=', 1)
    .where(inScope(scope, 'path'))
    .orderBy('code')
    .execute();
}

// ---- generation ----

export type GenRecipientRow = {
  id: string;
  org_unit_id: string;
  org_path: string;
  name: string;
  birth_date: string;
  lunar_birthday: number;
  care_mask: number;
  key_groups: number;
  kind: string;
  deceased_soldier: string | null;
};

/**
 * Live registered recipients (not deceased, not merged) of a path range, in (org_path, name, id)
 * order after a cursor: keyset paging on the partial list index.
 */
export async function generationChunkUnscoped(
  db: SystemDb | Tx,
  f: { unitPath: string; ids?: string[] },
  after: { path: string; name: string; id: string } | null,
  limit: number,
): Promise<GenRecipientRow[]> {
  let q = db
    .selectFrom('recipients')
    .select(['id', 'org_unit_id', 'org_path', 'name', 'birth_date', 'lunar_birthday', 'care_mask', 'key_groups', 'kind', 'deceased_soldier'])
    .where('merged_into', 'is', null)
    .where(pathWithin('org_path', f.unitPath))
    .where('status', '=', 'registered')
    .where('deceased', '=', 0);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['']);
  if (after) q = q.where(sql<SqlBool>`(org_path, name, id) > (${after.path}, ${after.name}, ${after.id})`);
  return q.orderBy('org_path').orderBy('name').orderBy('id').limit(limit).execute();
}

/** Units of a range and the ancestors of its root (owners of visits are villages, townships and counties). */
export async function unitsForGenerationUnscoped(db: SystemDb | Tx, unitPath: string): Promise<UnitRow[]> {
  const ancestors = unitPath.split('/').filter(Boolean);
  const inRange = await db.selectFrom('org_units').select(['id', 'level', 'path', 'name', 'parent_id']).where(pathWithin('path', unitPath)).execute();
  return [...inRange, ...(await unitsByIdsUnscoped(db, ancestors))];
}

export type TriggerGenRow = { id: string; recipient_id: string; org_unit_id: string; org_path: string; kind: string; event_day: string };

/** Triggers of a range (or of some recipients, or some triggers) that have no owed visit yet. */
export async function triggersWithoutDueUnscoped(db: SystemDb | Tx, f: { unitPath: string; recipientIds?: string[]; triggerIds?: string[] }): Promise<TriggerGenRow[]> {
  let q = db
    .selectFrom('visit_triggers as t')
    .select(['t.id', 't.recipient_id', 't.org_unit_id', 't.org_path', 't.kind', 't.event_day'])
    .where(pathWithin('t.org_path', f.unitPath))
    .where(sql<SqlBool>`not exists (select 1 from due_visits d where d.dedupe_key = 'tr:' || t.id)`);
  if (f.recipientIds) q = q.where('t.recipient_id', 'in', f.recipientIds.length ? f.recipientIds : ['']);
  if (f.triggerIds) q = q.where('t.id', 'in', f.triggerIds.length ? f.triggerIds : ['']);
  return q.orderBy('t.id').execute();
}

const DUE_COLUMNS: (keyof DueVisitTable)[] = [
  'id', 'recipient_id', 'org_unit_id', 'org_path', 'owner_unit_id', 'owner_path', 'reason', 'trigger_id', 'trigger_kind',
  'occasion_day', 'window_start', 'window_end', 'dedupe_key', 'assigned_user_id', 'status', 'visit_id', 'done_on', 'created_at', 'updated_at',
];
const insertSql = new Map<string, string>();
/** At most this many rows per statement: 19 columns × 1024 stays under SQLite's 32,766 parameters. */
export const DUE_INSERT_ROWS = 1024;

/**
 * Inserts owed visits, skipping any whose dedupe key exists (ON CONFLICT DO NOTHING, the same SQL
 * on both databases), in statements of power-of-two sizes whose SQL is compiled once. Returns how
 * many rows were new.
 */
export async function insertDueVisitsUnscoped(db: SystemDb | Tx, rows: StoredDueVisit[]): Promise<number> {
  const dialect = db.getExecutor().adapter.constructor.name;
  if (dialect === 'PostgresAdapter') return insertDueVisitsPg(db, rows);
  let inserted = 0;
  for (const part of powerOfTwoParts(rows, DUE_INSERT_ROWS)) {
    // in the order of the unique key: its index pages are visited once each (a part is a copy: sorted in place)
    part.sort((a, b) => (a.dedupe_key < b.dedupe_key ? -1 : a.dedupe_key > b.dedupe_key ? 1 : 0));
    const key = `${dialect}|${part.length}`;
    let text = insertSql.get(key);
    if (!text) {
      text = db
        .insertInto('due_visits')
        .values(part)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .compile().sql;
      insertSql.set(key, text);
    }
    const params: unknown[] = new Array(part.length * DUE_COLUMNS.length);
    let k = 0;
    for (const r of part) for (const c of DUE_COLUMNS) params[k++] = r[c];
    const res = await db.executeQuery(CompiledQuery.raw(text, params));
    inserted += Number(res.numAffectedRows ?? 0n);
  }
  return inserted;
}

/** Rows per statement on PostgreSQL: one array per column, whatever the number of rows. */
export const DUE_INSERT_ROWS_PG = 5000;
const TIMESTAMP_COLUMNS = new Set<keyof DueVisitTable>(['created_at', 'updated_at']);
const pgType = (c: keyof DueVisitTable) => (TIMESTAMP_COLUMNS.has(c) ? 'timestamptz' : 'text');
const insertPgSql = `insert into due_visits (${DUE_COLUMNS.join(', ')}) select * from unnest(${DUE_COLUMNS.map((c, i) => `$${i + 1}::${pgType(c)}[]`).join(', ')}) on conflict (dedupe_key) do nothing`;
/**
 * Columns a generated row shares with every other row of its run (owed, unassigned, written at the
 * same instant): when a statement's rows agree on them they go once, as plain parameters, instead
 * of as arrays the server parses element by element (two timestamps per row among them). The
 * units (id and path, for the recipient's unit and the owner) go once each too, the rows carrying
 * their 1-based position in that list.
 */
const SHARED_COLUMNS: (keyof DueVisitTable)[] = ['assigned_user_id', 'status', 'visit_id', 'done_on', 'created_at', 'updated_at'];
const UNIT_COLUMNS: (keyof DueVisitTable)[] = ['org_unit_id', 'org_path', 'owner_unit_id', 'owner_path'];
const ROW_COLUMNS = DUE_COLUMNS.filter((c) => !SHARED_COLUMNS.includes(c) && !UNIT_COLUMNS.includes(c));
const insertPgSharedSql = (() => {
  let p = 0;
  const arrays = ROW_COLUMNS.map(() => `$${++p}::text[]`);
  const [orgIx, ownerIx, unitIds, unitPaths] = [`$${++p}::int[]`, `$${++p}::int[]`, `$${++p}::text[]`, `$${++p}::text[]`];
  const shared = new Map<string, string>(SHARED_COLUMNS.map((c) => [c, `$${++p}::${pgType(c)}`]));
  shared.set('org_unit_id', `(${unitIds})[u.org_ix]`).set('org_path', `(${unitPaths})[u.org_ix]`);
  shared.set('owner_unit_id', `(${unitIds})[u.owner_ix]`).set('owner_path', `(${unitPaths})[u.owner_ix]`);
  const select = DUE_COLUMNS.map((c) => shared.get(c) ?? `u.${c}`);
  return `insert into due_visits (${DUE_COLUMNS.join(', ')}) select ${select.join(', ')} from unnest(${arrays.join(', ')}, ${orgIx}, ${ownerIx}) as u(${ROW_COLUMNS.join(', ')}, org_ix, owner_ix) on conflict (dedupe_key) do nothing`;
})();

/**
 * A text[] literal built here rather than by the driver (which quotes and escapes every element):
 * generated values are ids, keys, days and paths, sent bare; anything else is quoted.
 */
const BARE = /^[0-9A-Za-z:/_.-]+$/;
function textArray(values: readonly (string | null)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null ? 'NULL' : BARE.test(v) && !(v.length === 4 && v.toUpperCase() === 'NULL') ? v : `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

/**
 * PostgreSQL: the rows as one array per column through unnest — a statement of 19 parameters that
 * is parsed and planned in no time, where a VALUES list of 1,024 rows × 19 parameters was not.
 */
async function insertDueVisitsPg(db: SystemDb | Tx, rows: StoredDueVisit[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += DUE_INSERT_ROWS_PG) {
    // in the order of the unique key: its index pages are visited once each
    const part = rows.slice(i, i + DUE_INSERT_ROWS_PG).sort((a, b) => (a.dedupe_key < b.dedupe_key ? -1 : a.dedupe_key > b.dedupe_key ? 1 : 0));
    const first = part[0];
    const shared = SHARED_COLUMNS.every((c) => part.every((r) => r[c] === first[c]));
    let query: CompiledQuery;
    if (shared) {
      const unitIx = new Map<string, number>();
      const unitIds: string[] = [];
      const unitPaths: string[] = [];
      const ixOf = (id: string, path: string) => {
        const key = `${id} ${path}`;
        let ix = unitIx.get(key);
        if (ix === undefined) {
          unitIx.set(key, (ix = unitIds.push(id)));
          unitPaths.push(path);
        }
        return ix;
      };
      const orgIx = part.map((r) => ixOf(r.org_unit_id, r.org_path));
      const ownerIx = part.map((r) => ixOf(r.owner_unit_id, r.owner_path));
      query = CompiledQuery.raw(insertPgSharedSql, [
        ...ROW_COLUMNS.map((c) => textArray(part.map((r) => r[c] as string | null))),
        `{${orgIx.join(',')}}`,
        `{${ownerIx.join(',')}}`,
        textArray(unitIds),
        textArray(unitPaths),
        ...SHARED_COLUMNS.map((c) => first[c]),
      ]);
    } else query = CompiledQuery.raw(insertPgSql, DUE_COLUMNS.map((c) => part.map((r) => r[c])));
    const res = await db.executeQuery(query);
    inserted += Number(res.numAffectedRows ?? 0n);
  }
  return inserted;
}

/** A recipient moved to another unit (a transfer accepted): every visit table's copy of the path follows. */
export async function moveVisitRecordsUnscoped(db: Tx, recipientId: string, unit: StoredUnit): Promise<void> {
  for (const table of ['visits', 'visit_triggers', 'due_visits', 'visit_follow_ups', 'key_person_contacts'] as const) {
    await db.updateTable(table).set({ org_unit_id: unit.id, org_path: unit.path }).where('recipient_id', '=', recipientId).execute();
  }
}

/** A merged-away recipient's visit records pass to the remaining record (and its unit). */
export async function reassignVisitRecordsUnscoped(db: Tx, fromId: string, into: { id: string; unit: StoredUnit }): Promise<void> {
  for (const table of ['visits', 'visit_triggers', 'due_visits', 'visit_follow_ups', 'key_person_contacts'] as const) {
    await db.updateTable(table).set({ recipient_id: into.id, org_unit_id: into.unit.id, org_path: into.unit.path }).where('recipient_id', '=', fromId).execute();
  }
}

/** The open owed visits of a recipient (their owner is re-derived after a move). */
export async function openDueOfRecipientUnscoped(db: Tx, recipientId: string) {
  return db.selectFrom('due_visits').select(['id', 'reason']).where('recipient_id', '=', recipientId).where('status', '=', 'owed').execute();
}

export async function setDueOwnerUnscoped(db: Tx, ids: string[], owner: StoredUnit, at: string): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('due_visits').set({ owner_unit_id: owner.id, owner_path: owner.path, assigned_user_id: null, updated_at: at }).where('id', 'in', ids).where('status', '=', 'owed').execute();
}

/** The dedupe keys already owed (in any status) to some recipients: a rerun skips them before inserting. */
export async function existingDedupeKeysUnscoped(db: SystemDb | Tx, recipientIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < recipientIds.length; i += 2000) {
    const rows = await db.selectFrom('due_visits').select('dedupe_key').where('recipient_id', 'in', recipientIds.slice(i, i + 2000)).execute();
    for (const r of rows) out.add(r.dedupe_key);
  }
  return out;
}

/** Open owed visits of a deceased person are cancelled, except the visit to the family for the death itself. */
export async function cancelOpenDueOfRecipientUnscoped(db: Tx, recipientId: string, at: string): Promise<number> {
  const r = await db
    .updateTable('due_visits')
    .set({ status: 'cancelled', updated_at: at })
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'owed')
    .where((eb) => eb.or([eb('trigger_kind', 'is', null), eb('trigger_kind', '<>', 'veteranDeath')]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---- triggers ----

export async function insertTrigger(scope: Scope | null, db: Tx, row: Stored<VisitTriggerTable>): Promise<void> {
  if (scope) assertInScope(scope, row.org_path, 'trigger');
  await db.insertInto('visit_triggers').values(row).execute();
}

export async function triggersOfRecipient(scope: Scope, db: Tx, recipientId: string) {
  return db
    .selectFrom('visit_triggers as t')
    .innerJoin('recipients as r', 'r.id', 't.recipient_id')
    .leftJoin('due_visits as d', (j) => j.on(sql<SqlBool>`d.dedupe_key = 'tr:' || t.id`))
    .select(['t.id', 't.recipient_id', 'r.name as recipient_name', 't.kind', 't.event_day', 't.note', 't.source', 't.created_at', 'd.id as due_visit_id'])
    .where('t.recipient_id', '=', recipientId)
    .where(inScope(scope, 't.org_path'))
    .orderBy('t.event_day', 'desc')
    .orderBy('t.id', 'desc')
    .limit(100)
    .execute();
}
export type TriggerRow = Awaited<ReturnType<typeof triggersOfRecipient>>[number];

export async function getTrigger(scope: Scope, db: Tx, id: string): Promise<TriggerRow | undefined> {
  return db
    .selectFrom('visit_triggers as t')
    .innerJoin('recipients as r', 'r.id', 't.recipient_id')
    .leftJoin('due_visits as d', (j) => j.on(sql<SqlBool>`d.dedupe_key = 'tr:' || t.id`))
    .select(['t.id', 't.recipient_id', 'r.name as recipient_name', 't.kind', 't.event_day', 't.note', 't.source', 't.created_at', 'd.id as due_visit_id'])
    .where('t.id', '=', id)
    .where(inScope(scope, 't.org_path'))
    .executeTakeFirst();
}

/** An owed (not yet done) visit of a trigger of these kinds for the person: a second one is not raised. */
export async function hasOpenTriggerDueUnscoped(db: Tx, recipientId: string, kinds: string[]): Promise<boolean> {
  const r = await db
    .selectFrom('due_visits')
    .select('id')
    .where('recipient_id', '=', recipientId)
    .where('reason', '=', 'trigger')
    .where('trigger_kind', 'in', kinds)
    .where('status', '=', 'owed')
    .executeTakeFirst();
  return !!r;
}

// ---- visits owed: the list ----

function dueBase(db: Tx) {
  return db
    .selectFrom('due_visits as d')
    .innerJoin('recipients as r', 'r.id', 'd.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'd.org_unit_id')
    .innerJoin('org_units as o', 'o.id', 'd.owner_unit_id')
    .leftJoin('users as a', 'a.id', 'd.assigned_user_id')
    .selectAll('d')
    .select(['r.name as recipient_name', 'r.key_groups as key_groups', 'u.name as org_unit_name', 'o.name as owner_unit_name', 'a.display_name as assigned_user_name']);
}
export type DueRow = DueVisitTable & { recipient_name: string; key_groups: number; org_unit_name: string; owner_unit_name: string; assigned_user_name: string | null };

export type DueFilter = {
  unitPath?: string;
  ownerUnitId?: string;
  recipientId?: string;
  reason?: string;
  triggerKind?: string;
  keyGroupBit?: number;
  assignedUserId?: string;
  unassigned?: boolean;
  status?: string;
  state?: string;
  from?: string;
  to?: string;
  today: string;
};

/**
 * A key person's festival visit owed by the county (Part 5 三(四), reason keyPerson) belongs to the
 * county and its contact person: the lists of a range that does not hold the owing unit (a township,
 * village or grid) leave it out, so the person appears there once, with the routine visit, and
 * never as 逾期未访 of a village that does not owe it — unless the visit is assigned to the caller or
 * the caller is the person's contact (a station head may name one of the station's staff).
 */
function keyPersonVisitsOfTheirOwners(scope: Scope) {
  return sql<SqlBool>`(d.reason <> 'keyPerson' or ${inScope(scope, 'd.owner_path')} or d.assigned_user_id = ${scope.userId}
    or exists (select 1 from key_person_contacts k where k.recipient_id = d.recipient_id and k.contact_user_id = ${scope.userId}))`;
}

function dueFiltered(scope: Scope, db: Tx, f: DueFilter) {
  let q = dueBase(db).where(inScope(scope, 'd.org_path')).where(keyPersonVisitsOfTheirOwners(scope));
  if (f.unitPath) q = q.where(pathWithin('d.org_path', f.unitPath));
  if (f.ownerUnitId) q = q.where('d.owner_unit_id', '=', f.ownerUnitId);
  if (f.recipientId) q = q.where('d.recipient_id', '=', f.recipientId);
  if (f.reason) q = q.where('d.reason', '=', f.reason);
  if (f.triggerKind) q = q.where('d.trigger_kind', '=', f.triggerKind);
  if (f.keyGroupBit !== undefined) q = q.where(sql<SqlBool>`(r.key_groups & ${f.keyGroupBit}) <> 0`);
  if (f.assignedUserId) q = q.where('d.assigned_user_id', '=', f.assignedUserId);
  if (f.unassigned) q = q.where('d.assigned_user_id', 'is', null);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.from) q = q.where('d.occasion_day', '>=', f.from);
  if (f.to) q = q.where('d.occasion_day', '<=', f.to);
  switch (f.state) {
    case 'upcoming':
      q = q.where('d.status', '=', 'owed').where('d.window_start', '>', f.today);
      break;
    case 'open':
      q = q.where('d.status', '=', 'owed').where('d.window_start', '<=', f.today).where('d.window_end', '>=', f.today);
      break;
    case 'overdue':
      q = q.where('d.status', '=', 'owed').where('d.window_end', '<', f.today);
      break;
    case 'doneOnTime':
      q = q.where('d.status', '=', 'done').whereRef('d.done_on', '<=', 'd.window_end');
      break;
    case 'doneLate':
      q = q.where('d.status', '=', 'done').whereRef('d.done_on', '>', 'd.window_end');
      break;
    case 'cancelled':
      q = q.where('d.status', '=', 'cancelled');
      break;
  }
  return q;
}

export async function listDue(scope: Scope, db: Db, f: DueFilter & { sort: string; page: number; pageSize: number }) {
  const q = dueFiltered(scope, db, f);
  const sorted =
    f.sort === '-due'
      ? q.orderBy('d.window_end', 'desc')
      : f.sort === 'occasion'
        ? q.orderBy('d.occasion_day').orderBy('d.window_end')
        : f.sort === 'unit'
          ? q.orderBy('d.org_path').orderBy('r.name')
          : f.sort === 'name'
            ? q.orderBy('r.name')
            : q.orderBy('d.window_end').orderBy('d.org_path');
  const items = await sorted
    .orderBy('d.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function getDue(scope: Scope, db: Tx, id: string): Promise<DueRow | undefined> {
  return dueBase(db).where('d.id', '=', id).where(inScope(scope, 'd.org_path')).executeTakeFirst();
}

export async function dueOfRecipient(scope: Scope, db: Tx, recipientId: string, statuses: string[], limit: number): Promise<DueRow[]> {
  return dueBase(db)
    .where('d.recipient_id', '=', recipientId)
    .where('d.status', 'in', statuses)
    .where(inScope(scope, 'd.org_path'))
    .where(keyPersonVisitsOfTheirOwners(scope))
    .orderBy('d.window_end')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

export async function dueByIds(scope: Scope, db: Tx, ids: string[]): Promise<{ id: string; status: string; owner_path: string; org_path: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('due_visits').select(['id', 'status', 'owner_path', 'org_path']).where('id', 'in', ids).where(inScope(scope, 'org_path')).execute();
}

/** Assigns owed visits (all in scope and owned inside it); returns the rows changed. */
export async function assignDue(scope: Scope, db: Tx, ids: string[], userId: string | null, at: string): Promise<number> {
  const r = await db
    .updateTable('due_visits')
    .set({ assigned_user_id: userId, updated_at: at })
    .where('id', 'in', ids)
    .where('status', '=', 'owed')
    .where(inScope(scope, 'org_path'))
    .where(inScope(scope, 'owner_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function cancelDue(scope: Scope, db: Tx, ids: string[], at: string): Promise<number> {
  const r = await db
    .updateTable('due_visits')
    .set({ status: 'cancelled', updated_at: at })
    .where('id', 'in', ids)
    .where('status', '=', 'owed')
    .where(inScope(scope, 'org_path'))
    .where(inScope(scope, 'owner_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * The owed visit a visit on `day` fulfils when none is named: an open one whose window holds the
 * day (soonest due first), else the most recent overdue one (done late). A county key-person
 * visit is matched only by a visit of the county's own staff.
 */
export async function matchingDue(scope: Scope, db: Tx, recipientId: string, day: string, ownUnitId: string): Promise<DueVisitTable | undefined> {
  const base = db
    .selectFrom('due_visits')
    .selectAll()
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'owed')
    .where('window_start', '<=', day)
    .where(inScope(scope, 'org_path'))
    .where((eb) => eb.or([eb('reason', '<>', 'keyPerson'), eb('owner_unit_id', '=', ownUnitId)]));
  const inWindow = await base.where('window_end', '>=', day).orderBy('window_end').orderBy('id').executeTakeFirst();
  if (inWindow) return inWindow;
  return base.where('window_end', '<', day).orderBy('window_end', 'desc').orderBy('id').executeTakeFirst();
}

export async function markDueDoneUnscoped(db: Tx, id: string, visitId: string, day: string, at: string): Promise<number> {
  const r = await db.updateTable('due_visits').set({ status: 'done', visit_id: visitId, done_on: day, updated_at: at }).where('id', '=', id).where('status', '=', 'owed').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---- the work queue ----

/** Owed visits whose window has opened: assigned to the user, or unassigned and owed by the user's unit. */
/**
 * Whose queue an owed visit is in: its assignee's; unassigned, the owing unit's staff, except a key
 * person's county visit with a contact person (Part 5 三(四)), which is the contact person's alone.
 */
function queuedFor(userId: string, unitId: string) {
  return sql<SqlBool>`(d.assigned_user_id = ${userId} or (d.assigned_user_id is null and (case
    when d.reason = 'keyPerson' and exists (select 1 from key_person_contacts k where k.recipient_id = d.recipient_id)
      then exists (select 1 from key_person_contacts k where k.recipient_id = d.recipient_id and k.contact_user_id = ${userId})
    else d.owner_unit_id = ${unitId} end)))`;
}

export async function queueDue(scope: Scope, db: Db, userId: string, unitId: string, today: string, limit: number): Promise<DueRow[]> {
  return dueBase(db)
    .where('d.status', '=', 'owed')
    .where('d.window_start', '<=', today)
    .where(inScope(scope, 'd.org_path'))
    .where(queuedFor(userId, unitId))
    .orderBy('d.window_end')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** How many owed visits `queueDue` finds (no cap), and how many windows closed before `today`. */
export async function countQueueDue(scope: Scope, db: Db, userId: string, unitId: string, today: string): Promise<{ count: number; overdue: number }> {
  const r = await db
    .selectFrom('due_visits as d')
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(case when d.window_end < ${today} then 1 else 0 end)`.as('overdue')])
    .where('d.status', '=', 'owed')
    .where('d.window_start', '<=', today)
    .where(inScope(scope, 'd.org_path'))
    .where(queuedFor(userId, unitId))
    .executeTakeFirstOrThrow();
  return { count: Number(r.n ?? 0), overdue: Number(r.overdue ?? 0) };
}

// ---- coverage and calendar ----

const coverageSums = {
  owed: sql<number>`sum(case when d.status <> 'cancelled' then 1 else 0 end)`,
  doneOnTime: sql<number>`sum(case when d.status = 'done' and d.done_on <= d.window_end then 1 else 0 end)`,
  doneLate: sql<number>`sum(case when d.status = 'done' and d.done_on > d.window_end then 1 else 0 end)`,
};
const notDoneSum = (today: string) => sql<number>`sum(case when d.status = 'owed' and d.window_end < ${today} then 1 else 0 end)`;
const openSum = (today: string) => sql<number>`sum(case when d.status = 'owed' and d.window_end >= ${today} then 1 else 0 end)`;

export type CoverageSums = { owed: number | null; done_on_time: number | null; done_late: number | null; not_done: number | null; open: number | null };

/** Coverage per child unit in ONE grouped query: owed visits joined to the child whose path range holds them. */
export async function coverageByChild(scope: Scope, db: Db, parentId: string, from: string, to: string, today: string) {
  return db
    .selectFrom('org_units as c')
    .innerJoin('due_visits as d', (j) => j.on(pathWithinColumn('d.org_path', 'c.path')))
    .select(['c.id as unit_id'])
    .select([
      coverageSums.owed.as('owed'),
      coverageSums.doneOnTime.as('done_on_time'),
      coverageSums.doneLate.as('done_late'),
      notDoneSum(today).as('not_done'),
      openSum(today).as('open'),
    ])
    .where('c.parent_id', '=', parentId)
    .where('c.active', '=', 1)
    .where(inScope(scope, 'c.path'))
    .where(inScope(scope, 'd.org_path'))
    .where('d.occasion_day', '>=', from)
    .where('d.occasion_day', '<=', to)
    .groupBy('c.id')
    .execute();
}

/** The same sums over a unit's whole subtree. */
export async function coverageTotal(scope: Scope, db: Db, unitPath: string, from: string, to: string, today: string): Promise<CoverageSums | undefined> {
  return db
    .selectFrom('due_visits as d')
    .select([
      coverageSums.owed.as('owed'),
      coverageSums.doneOnTime.as('done_on_time'),
      coverageSums.doneLate.as('done_late'),
      notDoneSum(today).as('not_done'),
      openSum(today).as('open'),
    ])
    .where(inScope(scope, 'd.org_path'))
    .where(pathWithin('d.org_path', unitPath))
    .where('d.occasion_day', '>=', from)
    .where('d.occasion_day', '<=', to)
    .executeTakeFirst();
}

export async function calendarCounts(scope: Scope, db: Db, unitPath: string, from: string, to: string) {
  return db
    .selectFrom('due_visits as d')
    .select(['d.occasion_day', 'd.reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inScope(scope, 'd.org_path'))
    .where(pathWithin('d.org_path', unitPath))
    .where('d.occasion_day', '>=', from)
    .where('d.occasion_day', '<=', to)
    .where('d.status', '<>', 'cancelled')
    .groupBy(['d.occasion_day', 'd.reason'])
    .orderBy('d.occasion_day')
    .execute();
}

// ---- visits ----

function visitBase(db: Tx) {
  return db
    .selectFrom('visits as v')
    .innerJoin('recipients as r', 'r.id', 'v.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'v.org_unit_id')
    .leftJoin('org_units as pu', 'pu.id', 'u.parent_id')
    .leftJoin('due_visits as d', 'd.id', 'v.due_visit_id')
    .leftJoin('users as c', 'c.id', 'v.created_by')
    .selectAll('v')
    .select([
      'r.name as recipient_name',
      'r.key_groups as key_groups',
      'r.recipient_group as recipient_group',
      'u.name as org_unit_name',
      'u.level as org_unit_level',
      'pu.name as parent_name',
      'd.reason as due_reason',
      'd.trigger_kind as due_trigger_kind',
      'c.display_name as created_by_name',
    ]);
}
export type VisitRow = VisitTable & {
  recipient_name: string;
  key_groups: number;
  recipient_group: string;
  org_unit_name: string;
  org_unit_level: string;
  parent_name: string | null;
  due_reason: string | null;
  due_trigger_kind: string | null;
  created_by_name: string | null;
};

export type VisitFilter = {
  unitPath?: string;
  recipientId?: string;
  visitType?: string;
  reason?: string;
  keyGroupBit?: number;
  from?: string;
  to?: string;
  /** recorded by this user or naming them among the visitors */
  userId?: string;
};

function visitFiltered(scope: Scope, db: Tx, f: VisitFilter) {
  let q = visitBase(db).where(inScope(scope, 'v.org_path'));
  if (f.unitPath) q = q.where(pathWithin('v.org_path', f.unitPath));
  if (f.recipientId) q = q.where('v.recipient_id', '=', f.recipientId);
  if (f.visitType) q = q.where('v.visit_type', '=', f.visitType);
  if (f.reason) q = q.where('d.reason', '=', f.reason);
  if (f.keyGroupBit !== undefined) q = q.where(sql<SqlBool>`(r.key_groups & ${f.keyGroupBit}) <> 0`);
  if (f.from) q = q.where('v.visited_on', '>=', f.from);
  if (f.to) q = q.where('v.visited_on', '<=', f.to);
  if (f.userId) {
    const uid = f.userId;
    // the visitors as rows (visit_visitors, by its user index), not a LIKE on the JSON text
    q = q.where((eb) => eb.or([eb('v.created_by', '=', uid), eb('v.id', 'in', eb.selectFrom('visit_visitors as vv').select('vv.visit_id').where('vv.user_id', '=', uid))]));
  }
  return q;
}

export async function listVisits(scope: Scope, db: Db, f: VisitFilter & { sort: string; page: number; pageSize: number }) {
  const q = visitFiltered(scope, db, f);
  const sorted = f.sort === 'visitedOn' ? q.orderBy('v.visited_on') : f.sort === 'unit' ? q.orderBy('v.org_path').orderBy('v.visited_on', 'desc') : q.orderBy('v.visited_on', 'desc').orderBy('v.created_at', 'desc');
  const items = await sorted
    .orderBy('v.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows in (visited_on, id) order after a cursor. */
export async function visitChunk(scope: Scope, db: Db, f: VisitFilter, after: { day: string; id: string } | null, limit: number): Promise<VisitRow[]> {
  let q = visitFiltered(scope, db, f);
  if (after) q = q.where(sql<SqlBool>`(v.visited_on, v.id) > (${after.day}, ${after.id})`);
  return q.orderBy('v.visited_on').orderBy('v.id').limit(limit).execute();
}

export async function getVisit(scope: Scope, db: Tx, id: string): Promise<VisitRow | undefined> {
  return visitBase(db).where('v.id', '=', id).where(inScope(scope, 'v.org_path')).executeTakeFirst();
}

/** A visit by the browser's form id (a resend from the offline outbox), in scope. */
export async function visitByClientKey(scope: Scope, db: Tx, clientKey: string): Promise<{ id: string; org_path: string } | undefined> {
  return db.selectFrom('visits').select(['id', 'org_path']).where('client_key', '=', clientKey).where(inScope(scope, 'org_path')).executeTakeFirst();
}

/** Is a form id taken at all (by anyone)? A clash outside the scope is refused without saying where. */
export async function clientKeyTakenUnscoped(db: SystemDb | Tx, clientKey: string): Promise<boolean> {
  return !!(await db.selectFrom('visits').select('id').where('client_key', '=', clientKey).executeTakeFirst());
}

export async function insertVisit(scope: Scope, db: Tx, row: Stored<VisitTable>): Promise<void> {
  assertInScope(scope, row.org_path, 'visit');
  await db.insertInto('visits').values(row).execute();
  // the visitors named, as rows beside the JSON column (the "mine" filter reads these)
  const visitors = [...new Set(JSON.parse(row.visitor_user_ids) as string[])];
  if (visitors.length) await db.insertInto('visit_visitors').values(visitors.map((user_id) => ({ visit_id: row.id, user_id }))).execute();
}

export async function lastVisitDays(scope: Scope, db: Tx, recipientIds: string[]): Promise<{ recipient_id: string; last: string | null }[]> {
  if (!recipientIds.length) return [];
  return db
    .selectFrom('visits')
    .select(['recipient_id', (eb) => eb.fn.max('visited_on').as('last')])
    .where('recipient_id', 'in', recipientIds)
    .where(inScope(scope, 'org_path'))
    .groupBy('recipient_id')
    .execute() as Promise<{ recipient_id: string; last: string | null }[]>;
}

// ---- photos ----

export async function insertVisitFile(scope: Scope, db: Tx, row: Stored<FileTable>): Promise<void> {
  assertInScope(scope, row.org_path, 'file');
  await db.insertInto('files').values(row).execute();
}

export async function visitFiles(scope: Scope, db: Tx, visitId: string) {
  return db
    .selectFrom('files')
    .select(['id', 'name', 'mime', 'size'])
    .where('owner_type', '=', 'visit')
    .where('owner_id', '=', visitId)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function getVisitFile(scope: Scope, db: Tx, visitId: string, fileId: string) {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', fileId)
    .where('owner_type', '=', 'visit')
    .where('owner_id', '=', visitId)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

// ---- follow-ups ----

export async function insertFollowUps(scope: Scope, db: Tx, rows: Stored<VisitFollowUpTable>[]): Promise<void> {
  if (!rows.length) return;
  for (const r of rows) assertInScope(scope, r.org_path, 'follow-up');
  await db.insertInto('visit_follow_ups').values(rows).execute();
}

function followUpBase(db: Tx) {
  return db
    .selectFrom('visit_follow_ups as f')
    .innerJoin('recipients as r', 'r.id', 'f.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'f.org_unit_id')
    .innerJoin('visits as v', 'v.id', 'f.visit_id')
    .leftJoin('users as o', 'o.id', 'f.owner_user_id')
    .selectAll('f')
    .select(['r.name as recipient_name', 'u.name as org_unit_name', 'o.display_name as owner_name', 'v.visited_on as visited_on']);
}
export type FollowUpRow = VisitFollowUpTable & { recipient_name: string; org_unit_name: string; owner_name: string | null; visited_on: string };

/**
 * Follow-ups the user may see: those of the range, and those the user owns (an owner may sit
 * outside the recipient's range, e.g. at the township above a village's visit).
 */
function followUpVisible(scope: Scope, alias = 'f') {
  return sql<SqlBool>`(${inScope(scope, `${alias}.org_path`)} or ${sql.ref(`${alias}.owner_user_id`)} = ${scope.userId})`;
}

export async function listFollowUps(scope: Scope, db: Db, f: { mine?: boolean; status?: string; unitPath?: string; recipientId?: string; visitId?: string; page: number; pageSize: number }) {
  let q = followUpBase(db).where(followUpVisible(scope));
  if (f.mine) q = q.where('f.owner_user_id', '=', scope.userId);
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.unitPath) q = q.where(pathWithin('f.org_path', f.unitPath));
  if (f.recipientId) q = q.where('f.recipient_id', '=', f.recipientId);
  if (f.visitId) q = q.where('f.visit_id', '=', f.visitId);
  const items = await q
    .orderBy(sql`case when f.status = 'open' then 0 else 1 end`)
    .orderBy('f.due_day')
    .orderBy('f.created_at')
    .orderBy('f.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function getFollowUp(scope: Scope, db: Tx, id: string): Promise<FollowUpRow | undefined> {
  return followUpBase(db).where('f.id', '=', id).where(followUpVisible(scope)).executeTakeFirst();
}

export async function closeFollowUpRow(scope: Scope, db: Tx, id: string, patch: { status: string; passed_to: string | null; closed_at: string; note: string }): Promise<number> {
  const r = await db
    .updateTable('visit_follow_ups')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where(sql<SqlBool>`(${inScope(scope, 'org_path')} or owner_user_id = ${scope.userId})`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---- users (assignees, visitors, follow-up owners, contacts) ----

export async function usersByIdsUnscoped(db: Tx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'display_name', 'org_unit_id', 'org_path', 'roles', 'disabled']).where('id', 'in', ids).execute();
}

export async function staffPick(scope: Scope, db: Db, f: { q?: string; unitPath?: string }, limit: number) {
  let q = db
    .selectFrom('users as s')
    .innerJoin('org_units as u', 'u.id', 's.org_unit_id')
    .select(['s.id', 's.display_name', 's.org_unit_id', 'u.name as org_unit_name', 's.roles'])
    .where('s.disabled', '=', 0)
    .where(inScope(scope, 's.org_path'));
  if (f.unitPath) q = q.where(pathWithin('s.org_path', f.unitPath));
  if (f.q) q = q.where('s.display_name', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
  return q.orderBy('s.org_path').orderBy('s.display_name').limit(limit).execute();
}

// ---- key persons and their contacts ----

export async function listKeyPersons(scope: Scope, db: Db, f: { unitPath?: string; keyGroupBit?: number; hasContact?: boolean; contactUserId?: string; page: number; pageSize: number }) {
  let q = db
    .selectFrom('recipients as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .leftJoin('key_person_contacts as k', 'k.recipient_id', 'r.id')
    .leftJoin('users as c', 'c.id', 'k.contact_user_id')
    .select(['r.id', 'r.name', 'r.org_unit_id', 'u.name as org_unit_name', 'r.key_groups', 'k.contact_user_id', 'c.display_name as contact_name', 'k.assigned_at'])
    .where('r.merged_into', 'is', null)
    .where('r.key_groups', '<>', 0)
    .where('r.status', '=', 'registered')
    .where('r.deceased', '=', 0)
    .where(inScope(scope, 'r.org_path'));
  if (f.unitPath) q = q.where(pathWithin('r.org_path', f.unitPath));
  if (f.keyGroupBit !== undefined) q = q.where(sql<SqlBool>`(r.key_groups & ${f.keyGroupBit}) <> 0`);
  if (f.hasContact !== undefined) q = q.where('k.contact_user_id', f.hasContact ? 'is not' : 'is', null);
  if (f.contactUserId) q = q.where('k.contact_user_id', '=', f.contactUserId);
  const items = await q
    .orderBy('r.org_path')
    .orderBy('r.name')
    .orderBy('r.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function keyPersonsByIds(scope: Scope, db: Tx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('recipients')
    .select(['id', 'org_unit_id', 'org_path', 'key_groups'])
    .where('id', 'in', ids)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .execute();
}

export async function upsertContacts(scope: Scope, db: Tx, rows: Stored<KeyPersonContactTable>[]): Promise<void> {
  for (const r of rows) assertInScope(scope, r.org_path, 'contact');
  const ids = rows.map((r) => r.recipient_id);
  if (!ids.length) return;
  await db.deleteFrom('key_person_contacts').where('recipient_id', 'in', ids).where(inScope(scope, 'org_path')).execute();
  await db.insertInto('key_person_contacts').values(rows).execute();
}

export async function deleteContacts(scope: Scope, db: Tx, recipientIds: string[]): Promise<void> {
  if (!recipientIds.length) return;
  await db.deleteFrom('key_person_contacts').where('recipient_id', 'in', recipientIds).where(inScope(scope, 'org_path')).execute();
}

export async function contactOf(scope: Scope, db: Tx, recipientId: string) {
  return db
    .selectFrom('key_person_contacts as k')
    .innerJoin('users as c', 'c.id', 'k.contact_user_id')
    .select(['k.contact_user_id', 'c.display_name'])
    .where('k.recipient_id', '=', recipientId)
    .where(inScope(scope, 'k.org_path'))
    .executeTakeFirst();
}

// ---- benchmarks and checks ----

/** How many owed visits a range holds (the bench and tests compare with it). */
export async function countDueUnscoped(db: SystemDb | Tx, unitPath: string): Promise<number> {
  const r = await db.selectFrom('due_visits').select((eb) => eb.fn.countAll<number>().as('n')).where(pathWithin('org_path', unitPath)).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The people visited (a visit recorded) in the unit's subtree between two days inclusive: the
 * population a satisfaction survey samples (surveys, issue 16). The caller checked the unit is in
 * its user's range; ids only, at most `limit`.
 */
export async function recipientsVisitedUnscoped(db: Db | Tx, unitPath: string, from: string, to: string, limit = 200_000): Promise<string[]> {
  const rows = await db
    .selectFrom('visits')
    .select('recipient_id')
    .distinct()
    .where(pathWithin('org_path', unitPath))
    .where('visited_on', '>=', from)
    .where('visited_on', '<=', to)
    .limit(limit)
    .execute();
  return rows.map((r) => r.recipient_id);
}
