// The only place with SQL for recipients, households, versions, name tokens and documents.
import { CompiledQuery, expressionBuilder, sql, type Expression, type Insertable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { rowByRowSql, type Db } from '../../db/client';
import type { SystemDb } from '../../db/system';
import type { Tx } from '../../db/transaction';
import type { Database, FileTable, HouseholdTable, RecipientNameTokenTable, RecipientTable, RecipientVersionTable } from '../../db/types';
import { cappedCount, cappedRows } from '../../db/paging';
import { newId } from '../../platform/ids';
import { powerOfTwoParts, prepared } from '../../db/prepared';
import { withSortRuns } from '../../db/write-cache';
import { inScope, keyInScope, pathInScope, pathWithin, pathWithinAsFilter, type Scope } from '../../platform/jurisdiction';
import { keyPathsByPathUnscoped, keyPathsOf } from '../../platform/scope-units.repo';
import { dialectOf, type Stored, type StoredUnit } from '../../platform/stored-unit.repo';
import { addToRollups, pathUnits, RollupDelta, rollupsOf, type Bucket, type RollupRow } from '../../platform/rollups.repo';
import { SEARCH_TOTAL_CAP, TOTAL_CAP } from '../../../shared/schemas/common';
import { recipientBuckets, ROLLUP_COLUMNS } from './recipients.rollups';
import { homeServiceListOf, type HomeServiceReason } from '../../../shared/schemas/recipients';
import { KEY_GROUP_COLUMNS, keyGroupMaskOfStored } from '../../../shared/rules/visit-rules';
import { nameTokens } from '../../../shared/rules/name-search';

// Every write to recipients goes through `counted`: it reads the rows before and after and
// applies the roll-up deltas in the same transaction, so the dashboards never drift.
async function countedRows(db: Tx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('recipients').select(ROLLUP_COLUMNS).where('id', 'in', ids).execute();
}
async function counted<T>(db: Tx, ids: string[], write: () => Promise<T>): Promise<T> {
  const before = await countedRows(db, ids);
  const result = await write();
  await syncKeyGroupsUnscoped(db, ids);
  const after = await countedRows(db, ids);
  const delta = new RollupDelta();
  for (const r of before) delta.add(r.org_path, recipientBuckets(r), -1);
  for (const r of after) delta.add(r.org_path, recipientBuckets(r), 1);
  await delta.apply(db);
  return result;
}

/**
 * The key groups of Part 5 三(三) (visits) follow the record: every write through `counted`
 * recomputes the mask of the rows it touched; bulk inserts set it on the rows (`withKeyGroups`).
 */
export async function syncKeyGroupsUnscoped(db: Tx, ids: string[]): Promise<void> {
  // set-based: the rows read in chunks, the changed ones written with one UPDATE per mask value
  // (masks are few: a handful of bits), never one statement per row
  for (let i = 0; i < ids.length; i += KEY_GROUP_CHUNK) {
    const rows = await db.selectFrom('recipients').select(['id', 'key_groups', ...KEY_GROUP_COLUMNS]).where('id', 'in', ids.slice(i, i + KEY_GROUP_CHUNK)).execute();
    const byMask = new Map<number, string[]>();
    for (const r of rows) {
      const mask = keyGroupMaskOfStored(r);
      if (mask !== r.key_groups) byMask.set(mask, [...(byMask.get(mask) ?? []), r.id]);
    }
    for (const [mask, changed] of byMask) await db.updateTable('recipients').set({ key_groups: mask }).where('id', 'in', changed).execute();
  }
}
/** Ids per statement (well under SQLite's parameter limit). */
const KEY_GROUP_CHUNK = 1000;

/** A new row with its key-group mask (bulk inserts do not pass through `counted`). */
export function withKeyGroups(row: RecipientTable): RecipientTable & { key_groups: number } {
  return { ...row, key_groups: keyGroupMaskOfStored(row) };
}

function base(db: Tx) {
  return db
    .selectFrom('recipients')
    .innerJoin('org_units', 'org_units.id', 'recipients.org_unit_id')
    .selectAll('recipients')
    .select('org_units.name as org_unit_name')
    .where('recipients.merged_into', 'is', null);
}
export type RecipientRow = RecipientTable & { org_unit_name: string };

/**
 * The columns a list row shows (toListItem). A list selects these, not `recipients.*`: a record's
 * sealed fields (ID number, phone, bank account, medical details, family and situations) spill
 * into overflow pages, and reading them for 20 rows cost a list 2.0 ms and a name search 10–15 ms
 * of a 0.3–0.5 ms query at 200,000 recipients (issue 11 probe, bench/inject-probe.ts).
 */
export const listColumns = [
  'recipients.id',
  'recipients.name',
  'recipients.gender',
  'recipients.birth_date',
  'recipients.death_date',
  'recipients.id_number_masked',
  'recipients.phone_masked',
  'recipients.org_unit_id',
  'recipients.kind',
  'recipients.recipient_group',
  'recipients.care_mask',
  'recipients.discharge_type',
  'recipients.employment_status',
  'recipients.disability_grade',
  'recipients.status',
  'recipients.deceased',
  'recipients.situations_filled',
  'recipients.home_service',
] as const;
type ListColumn = (typeof listColumns)[number] extends `recipients.${infer C}` ? C : never;
export type RecipientListRow = Pick<RecipientTable, ListColumn> & { org_unit_name: string };

export async function getRecipient(scope: Scope, db: Tx, id: string): Promise<RecipientRow | undefined> {
  return base(db).where('recipients.id', '=', id).where(inScope(scope, 'recipients.org_path')).executeTakeFirst();
}

export type RecipientFilter = {
  tokens?: string[];
  idNumberHash?: string;
  phoneHash?: string;
  unitPath?: string;
  /** the key path (0060) of the unit at unitPath, read with it: the name search's bound */
  unitKeyPath?: string;
  status?: string;
  kind?: string;
  group?: string;
  careBit?: number;
  priorityCare?: boolean;
  dischargeType?: string;
  employment?: string;
  disabilityGrade?: number;
  /** birth dates: born on or after / on or before */
  bornFrom?: string;
  bornTo?: string;
  deceased?: boolean;
  /** §44 上门服务对象: any reason (0), or the bit of one */
  homeServiceBit?: number;
  sort: 'unit' | 'name' | 'birthDate' | '-birthDate' | 'updatedAt' | '-updatedAt';
  page: number;
  pageSize: number;
  /** the unit whose roll-up total is the list's total (a whole range, no filter) */
  countFromRollup?: string;
};

/** The filters on the record's own columns (every list path applies the same ones). */
function recordFilters(f: RecipientFilter): Expression<SqlBool>[] {
  const eb = expressionBuilder<Database, 'recipients'>();
  const out: Expression<SqlBool>[] = [];
  if (f.idNumberHash) out.push(eb('recipients.id_number_hash', '=', f.idNumberHash));
  if (f.phoneHash) out.push(eb('recipients.phone_hash', '=', f.phoneHash));
  if (f.unitPath) out.push(pathWithin('recipients.org_path', f.unitPath));
  if (f.status) out.push(eb('recipients.status', '=', f.status));
  if (f.kind) out.push(eb('recipients.kind', '=', f.kind));
  if (f.group) out.push(eb('recipients.recipient_group', '=', f.group));
  if (f.careBit !== undefined) out.push(sql<SqlBool>`(recipients.care_mask & ${f.careBit}) <> 0`);
  if (f.priorityCare !== undefined) out.push(eb('recipients.care_mask', f.priorityCare ? '<>' : '=', 0));
  if (f.dischargeType) out.push(eb('recipients.discharge_type', '=', f.dischargeType));
  if (f.employment) out.push(eb('recipients.employment_status', '=', f.employment));
  if (f.disabilityGrade) out.push(eb('recipients.disability_grade', '=', f.disabilityGrade));
  if (f.bornFrom) out.push(eb('recipients.birth_date', '>=', f.bornFrom));
  if (f.bornTo) out.push(eb('recipients.birth_date', '<=', f.bornTo));
  if (f.deceased !== undefined) out.push(eb('recipients.deceased', '=', f.deceased ? 1 : 0));
  // `<> 0` first: the partial index recipients_home_service (org_path, home_service) serves it
  if (f.homeServiceBit !== undefined) out.push(eb('recipients.home_service', '<>', 0));
  if (f.homeServiceBit) out.push(sql<SqlBool>`(recipients.home_service & ${f.homeServiceBit}) <> 0`);
  return out;
}

/**
 * What a list row's unit label needs (shared/rules/unit-labels.ts: the unit's level and its
 * parent's name), read with the page: no second statement for the labels. On PostgreSQL every
 * statement is a round trip, and the labels' was one of four in a search request.
 */
export type LabelledListRow = RecipientListRow & { org_unit_level: string; org_unit_parent_name: string | null };
const unitLabelColumns = ['org_units.level as org_unit_level', 'parent_unit.name as org_unit_parent_name'] as const;

/**
 * The total of a list whose page is read first: a page short of pageSize (and not past the end)
 * ends the list, so the total is known without counting (an ID lookup's one row).
 */
function shortPageTotal(f: RecipientFilter, rows: number, cap: number): { total: number; totalCapped: boolean } | undefined {
  if (rows < f.pageSize && (rows > 0 || f.page === 1)) {
    const n = (f.page - 1) * f.pageSize + rows;
    return { total: Math.min(n, cap), totalCapped: n > cap };
  }
  return undefined;
}

async function totalAfterPage<DB, TB extends keyof DB, O>(db: Db, q: SelectQueryBuilder<DB, TB, O>, f: RecipientFilter, rows: number, cap: number) {
  return shortPageTotal(f, rows, cap) ?? cappedCount(db, q, cap);
}

/**
 * Name search in name order, in one statement: the total, counted up to SEARCH_TOTAL_CAP
 * ("1,000+") on the token index's (token, org_path) range, and the page, chosen on the token index
 * alone and then joined to the records for its rows only. The page takes one of two paths, picked
 * from that count inside the statement (each path's branch is gated on it, so only one runs; the
 * planner cannot know the count, and without statistics SQLite picked either, 0.5 ms or 8 ms for
 * the same search):
 *   - more than NAME_WALK_AFTER matches in range: walk the (token, name, recipient_id, org_path)
 *     index in name order with the range as a filter on each entry, and stop after the page (海涛
 *     in a province of 1,000,000: a few dozen index entries, not 20,000 rows sorted; in a county
 *     holding a sixth of them, about 120 entries instead of 650 fetched and sorted);
 *   - at most that many: read the range on (token, org_path, …) and sort those few entries (a
 *     village's three 海涛 without walking the province's 20,000 in name order). At the
 *     threshold the walk reads at most a tenth of the token's entries for the first page.
 * One statement, not three (count, page, unit labels): on PostgreSQL each is a network round trip
 * and a plan, which made its search 2–4× slower than SQLite's (issue 11).
 * The other tokens are primary-key probes on the same table. With a filter on the record's own
 * columns, the records are joined before the page is cut (and counted apart).
 */
/** Matches in range above which the name search walks the name order (see searchByName). */
export const NAME_WALK_AFTER = 200;

/**
 * SQLite's name search without record filters, as prepared queries (db/prepared.ts): built and
 * compiled by Kysely on every request, its two statements were a fifth of a search's time in the
 * server (~0.3 ms of ~1.5) and most of the ~280 KB it allocated. `within`: the key paths the
 * tokens' units must lie in (the scope's, and a unit filter's).
 */
type NameSearch = { scopePath: string; first: string; rest: string[]; within: string[]; limit: number; offset: number };

/** The records whose name holds every token, on the token index alone; `asFilter`: the key ranges as per-entry filters (the walk). */
function nameTokenMatches(db: Db, p: NameSearch, asFilter: boolean) {
  let m = db.selectFrom('recipient_name_tokens as t').where('t.token', '=', p.first);
  for (const key of p.within) m = m.where(asFilter ? pathWithinAsFilter('t.unit_key', key) : pathWithin('t.unit_key', key));
  for (const token of p.rest) {
    m = m.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('recipient_name_tokens as o')
          .select(sql<number>`1`.as('one'))
          .where('o.token', '=', token)
          .whereRef('o.unit_key', '=', 't.unit_key')
          .whereRef('o.recipient_id', '=', 't.recipient_id'),
      ),
    );
  }
  return m;
}

/** SQLite: the matches in range, counted up to SEARCH_TOTAL_CAP + 1. */
const nameMatchCount = prepared((db, p: NameSearch) => db.selectFrom(cappedRows(nameTokenMatches(db, p, false), SEARCH_TOTAL_CAP).as('capped')).select(sql<number>`count(*)`.as('n')));

/**
 * A page of matches' ids in name order. `walk`: along the name index (many matches), else the
 * range read and sorted (few); `asFilter`: the key ranges as per-entry filters (SQLite's walk).
 */
function nameMatchPage(db: Db, p: NameSearch, walk: boolean, asFilter: boolean) {
  return (
    nameTokenMatches(db, p, asFilter)
      .select(['t.recipient_id', 't.name'])
      // the range path sorts by an expression no index gives, so the planner reads the range
      .orderBy(walk ? sql`t.name` : sql`t.name || ''`)
      .orderBy('t.recipient_id')
      .limit(p.limit)
      .offset(p.offset)
  );
}

/** A page of matches' ids joined to their records, with what a list row shows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query whose rows are a page of ids
function withNameRecords(db: Db, p: NameSearch, ids: SelectQueryBuilder<any, any, { recipient_id: string; name: string }>) {
  return db
    .selectFrom(ids.as('p'))
    .innerJoin('recipients', 'recipients.id', 'p.recipient_id')
    .innerJoin('org_units', 'org_units.id', 'recipients.org_unit_id')
    .leftJoin('org_units as parent_unit', 'parent_unit.id', 'org_units.parent_id')
    .where('recipients.merged_into', 'is', null)
    .where(pathWithin('recipients.org_path', p.scopePath))
    .select(listColumns)
    .select('org_units.name as org_unit_name')
    .select(unitLabelColumns)
    .select('p.name as sort_name');
}

/** SQLite: a page of matches with their records (see searchByName for the two paths). */
const namePage = prepared((db, p: NameSearch, shape: { walk: boolean }) =>
  withNameRecords(db, p, nameMatchPage(db, p, shape.walk, shape.walk))
    .orderBy('p.name')
    .orderBy('p.recipient_id'),
);

/**
 * PostgreSQL's name search in one statement: each path's branch is gated on the count (a one-time
 * filter: the other branch never runs), and one row comes back even when the page is empty (the
 * count, left-joined to the page's rows). Prepared, so the server parses it once per connection, but
 * planned for each call's values (not planOnce): how common the token is decides the plan, and
 * planned once for all values 国 in the province took 43 ms instead of 0.6.
 */
const nameSearchPostgres = prepared((db, p: NameSearch) => {
  const gated = (walk: boolean) =>
    nameMatchPage(db, p, walk, false).where(walk ? sql<SqlBool>`(select n from name_matches) > ${NAME_WALK_AFTER}` : sql<SqlBool>`(select n from name_matches) <= ${NAME_WALK_AFTER}`);
  const pageOfIds = db.selectFrom(gated(true).as('walked')).selectAll().unionAll(db.selectFrom(gated(false).as('sorted')).selectAll());
  return db
    .with(
      (w) => w('name_matches').materialized(),
      (d) => d.selectFrom(nameTokenMatches(db, p, false).select(sql<number>`1`.as('one')).limit(SEARCH_TOTAL_CAP + 1).as('capped')).select((eb) => eb.fn.countAll<number>().as('n')),
    )
    .selectFrom('name_matches')
    .leftJoin(withNameRecords(db, p, pageOfIds).as('x'), (j) => j.onTrue())
    .select('name_matches.n')
    .selectAll('x')
    .orderBy('x.sort_name')
    .orderBy('x.id');
});

async function searchByName(scope: Scope, db: Db, f: RecipientFilter & { tokens: string[] }): Promise<{ items: LabelledListRow[]; total: number; totalCapped: boolean }> {
  const [first, ...rest] = f.tokens;
  // the index is keyed by unit key paths (0060); as literals, so that PostgreSQL plans the range
  // from its statistics (a bound read by a subquery looks like 0.5 % of the rows to it)
  // (a signed-in user's scope carries its key path from the session, a unit filter its own: no lookup)
  const known = scope.keyPath && (!f.unitPath || f.unitKeyPath);
  const keys = known ? { scope: scope.keyPath, unit: f.unitKeyPath } : await keyPathsOf(db, scope, f.unitPath);
  if (!keys.scope || (f.unitPath && !keys.unit)) return { items: [], total: 0, totalCapped: false };
  const within = [keys.scope, ...(keys.unit ? [keys.unit] : [])];
  const p: NameSearch = { scopePath: scope.path, first, rest, within, limit: f.pageSize, offset: (f.page - 1) * f.pageSize };
  const tokenMatches = (asFilter: boolean) => nameTokenMatches(db, p, asFilter);
  const filters = recordFilters(f);
  if (filters.length) {
    let q = tokenMatches(false).innerJoin('recipients', 'recipients.id', 't.recipient_id').where('recipients.merged_into', 'is', null).where(inScope(scope, 'recipients.org_path'));
    for (const c of filters) q = q.where(c);
    const items: LabelledListRow[] = await q
      .innerJoin('org_units', 'org_units.id', 'recipients.org_unit_id')
      .leftJoin('org_units as parent_unit', 'parent_unit.id', 'org_units.parent_id')
      .select(listColumns)
      .select('org_units.name as org_unit_name')
      .select(unitLabelColumns)
      .orderBy('t.name')
      .orderBy('t.recipient_id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, ...(await totalAfterPage(db, q, f, items.length, SEARCH_TOTAL_CAP)) };
  }
  // tokens exist for live records only (a merge deletes the merged record's): the count and the
  // page read the token index alone
  const sqlite = dialectOf(db) === 'sqlite';
  // SQLite has no statistics and may read the (token, org_path) range anyway: its walk hides the
  // range from it. PostgreSQL estimates the range's share from its statistics and walks the name
  // index itself; a hidden range would look like 0.5 % of the rows to it, and it would sort them.
  if (sqlite) {
    // in process a statement costs no round trip: the count, then the chosen path's page (the
    // single statement below ran 2–3× slower on SQLite: 1.1 ms instead of 0.4); both compiled
    // once per shape (nameMatchCount, namePage)
    const n = Number((await nameMatchCount.first(db, p))?.n ?? 0);
    const rows = await namePage.all(db, p, { walk: n > NAME_WALK_AFTER });
    // the rows keep sort_name, as the list's keep rollup_total: every reader picks its columns by name
    return { items: rows, total: Math.min(n, SEARCH_TOTAL_CAP), totalCapped: n > SEARCH_TOTAL_CAP };
  }
  const rows = await nameSearchPostgres.all(db, p);
  const n = Number(rows[0]?.n ?? 0);
  // the count's row alone when the page is empty (its record columns null); no copy of the rows
  const items = rows.filter((r) => r.id !== null) as LabelledListRow[];
  return { items, total: Math.min(n, SEARCH_TOTAL_CAP), totalCapped: n > SEARCH_TOTAL_CAP };
}

// the registry list's page, compiled once per shape (db/prepared.ts): which filters are set, the
// number of name tokens, and the sort order
// The page size is written into the SQL (a shape: 10, 20, 50 or 100): SQLite reads a literal LIMIT
// cheaper than a bound one (a county's first page at 1,000,000: 0.30 instead of 0.38 ms).
const listPage = prepared((db, p: { scope: Scope; f: RecipientFilter; rollupUnit?: string }, shape: { sort: RecipientFilter['sort']; limit: number; offset: number }) =>
  filteredList(db, p.scope, p.f)
    .innerJoin('org_units', 'org_units.id', 'recipients.org_unit_id')
    .leftJoin('org_units as parent_unit', 'parent_unit.id', 'org_units.parent_id')
    .select(listColumns)
    .select('org_units.name as org_unit_name')
    .select(unitLabelColumns)
    // the whole range's total from its roll-up row, read by the page's own statement (PostgreSQL:
    // one round trip instead of two)
    .$if(p.rollupUnit !== undefined, (q) =>
      q.select((eb) =>
        eb
          .selectFrom('rollups')
          .select('rollups.n')
          .where('rollups.unit_id', '=', p.rollupUnit!)
          .where('rollups.metric', '=', 'total')
          .where('rollups.n', '<>', 0)
          .limit(1)
          .as('rollup_total'),
      ),
    )
    .$call((q) =>
      shape.sort === 'unit'
        ? q.orderBy('recipients.org_path').orderBy('recipients.name')
        : shape.sort === 'name'
          ? q.orderBy('recipients.name')
          : shape.sort === 'birthDate'
            ? q.orderBy('recipients.birth_date')
            : shape.sort === '-birthDate'
              ? q.orderBy('recipients.birth_date', 'desc')
              : shape.sort === 'updatedAt'
                ? q.orderBy('recipients.updated_at')
                : q.orderBy('recipients.updated_at', 'desc'),
    )
    .orderBy('recipients.id')
    .limit(sql<number>`${sql.lit(Math.trunc(shape.limit))}`)
    // the offset is written into the statement (a shape), as the limit is: PostgreSQL plans a
    // prepared statement once for every value (a generic plan), and an offset it cannot see it
    // guesses at a tenth of the range, which made it sort the range's first unit instead of
    // reading the (org_path, name, id) index in order
    .$if(shape.offset > 0, (q) => q.offset(sql<number>`${sql.lit(Math.trunc(shape.offset))}`)),
  { planOnce: (p) => plannedOnce(p.f) },
);

/**
 * The records of the range that pass the filter. It touches recipients only, so the capped
 * count stays inside the partial index; the unit's name is joined for the page's rows alone.
 */
function filteredList(db: Db, scope: Scope, f: RecipientFilter) {
  let q = db.selectFrom('recipients').where('recipients.merged_into', 'is', null).where(inScope(scope, 'recipients.org_path'));
  for (const token of f.tokens ?? []) {
    // one indexed lookup per token, inside the caller's range
    q = q.where('recipients.id', 'in', (eb) =>
      eb
        .selectFrom('recipient_name_tokens')
        .select('recipient_name_tokens.recipient_id')
        .where('recipient_name_tokens.token', '=', token)
        .where(keyInScope(scope, 'recipient_name_tokens.unit_key')),
    );
  }
  for (const c of recordFilters(f)) q = q.where(c);
  return q;
}

export async function listRecipients(scope: Scope, db: Db, f: RecipientFilter): Promise<{ items: LabelledListRow[]; total: number; totalCapped: boolean }> {
  if (f.tokens?.length && f.sort === 'name') return searchByName(scope, db, { ...f, tokens: f.tokens });
  // on PostgreSQL every statement is a round trip: the page carries the roll-up total (SQLite, in
  // process, reads it apart: a subquery column costs it more than a statement)
  const rollupUnit = f.countFromRollup && dialectOf(db) !== 'sqlite' ? f.countFromRollup : undefined;
  const rows: (LabelledListRow & { rollup_total?: number | string | null })[] = await listPage.all(db, { scope, f, rollupUnit }, { sort: f.sort, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  // the rows keep rollup_total: every reader picks its columns by name (no copy of the page)
  const items: LabelledListRow[] = rows;
  if (f.countFromRollup) {
    // a page past the end has no row to carry it: read apart
    const total = Number((rollupUnit && rows.length ? rows[0].rollup_total : (await rollupsOf(db, [f.countFromRollup], ['total']))[0]?.n) ?? 0);
    return { items, total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP };
  }
  // a page short of pageSize ends the list (an ID lookup's one row); otherwise counted in SQL over
  // a limited subquery, as cappedCount does, compiled once per shape
  const short = shortPageTotal(f, items.length, TOTAL_CAP);
  if (short) return { items, ...short };
  const n = Number((await listCount.first(db, { scope, f }))?.n ?? 0);
  return { items, total: Math.min(n, TOTAL_CAP), totalCapped: n > TOTAL_CAP };
}

const listCount = prepared(
  (db, p: { scope: Scope; f: RecipientFilter }) =>
    db
      .selectFrom(cappedRows(filteredList(db, p.scope, p.f), TOTAL_CAP).as('capped'))
      .select((eb) => eb.fn.countAll<number | string>().as('n')),
  { planOnce: (p) => plannedOnce(p.f) },
);

/**
 * Whether a list's statements are planned once for all values on PostgreSQL (db/prepared.ts
 * planOnce): yes, unless a filter's best plan rests on its value: a name token (how common it is)
 * or a birth-date range (how wide: an index on birth dates for a week, the range's own order for
 * decades). Its range, an ID or phone hash, a unit and the coded filters plan alike for any value.
 */
function plannedOnce(f: RecipientFilter): boolean {
  return !f.tokens?.length && f.bornFrom === undefined && f.bornTo === undefined;
}

/** Cross-unit check: is this ID number already registered, and where? (systemDb: no record leaves here) */
export async function findByIdHashUnscoped(db: SystemDb | Tx, hash: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'org_unit_id', 'org_path'])
    .where('id_number_hash', '=', hash)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
}

export async function insertRecipient(scope: Scope, db: Tx, row: Stored<RecipientTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('recipient outside scope');
  await counted(db, [row.id], () => db.insertInto('recipients').values(row).execute());
}

/** Updates with the version the editor saw; 0 rows means stale or outside scope. */
export async function updateRecipient(
  scope: Scope,
  db: Tx,
  id: string,
  version: number,
  patch: Partial<Omit<RecipientTable, 'id' | 'version'>>,
): Promise<number> {
  const r = await counted(db, [id], () =>
    db
      .updateTable('recipients')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('merged_into', 'is', null)
      .where(inScope(scope, 'org_path'))
      .executeTakeFirst(),
  );
  return Number(r.numUpdatedRows);
}

/** Kernel effects run for participants outside the record's range (the county reviewer is above, the receiver beside): they act through the case, so these take the case's authority. */
export async function updateRecipientUnscoped(db: Tx, id: string, patch: Partial<Omit<RecipientTable, 'id'>>): Promise<number> {
  const r = await counted(db, [id], () =>
    db
      .updateTable('recipients')
      .set({ ...patch, version: sql`version + 1` })
      .where('id', '=', id)
      .where('merged_into', 'is', null)
      .executeTakeFirst(),
  );
  return Number(r.numUpdatedRows);
}

export async function getRecipientUnscoped(db: Tx, id: string): Promise<RecipientTable | undefined> {
  return db.selectFrom('recipients').selectAll().where('id', '=', id).where('merged_into', 'is', null).executeTakeFirst();
}

/**
 * The one shape of a name-token row: the token, the key path of the record's unit (0060) and its
 * id, and its name — the sort key of name search (0017: the index walks token, name, id). Every
 * writer of tokens builds its rows here.
 */
export function nameTokenRows(r: { id: string; name: string }, unitKey: string, tokens: readonly string[]): RecipientNameTokenTable[] {
  return tokens.map((token) => ({ token, unit_key: unitKey, recipient_id: r.id, name: r.name }));
}

/** The key paths of units by their paths (tokens follow a record's path; the index is keyed by its unit's key path). */
async function keyPathsByPath(db: SystemDb | Tx, paths: readonly string[]): Promise<Map<string, string>> {
  const out = await keyPathsByPathUnscoped(db, paths);
  for (const p of paths) if (!out.has(p)) throw new Error(`name tokens: no unit at ${p}`);
  return out;
}

/** The name and path a record's tokens are written for: its stored name at its stored path. */
export type TokenKey = { name: string; org_path: string };

/**
 * A record's name tokens follow its name and path. `before` is what they were written for (the
 * record as stored before this write; null for a new record), `after` what they are for now (null
 * for none: a merged record). They are deleted by their primary key: the table has no index on
 * the record (0059), so `before` must be the stored name and path, never a typed one.
 */
export async function syncNameTokensUnscoped(db: Tx, recipientId: string, before: TokenKey | null, after: TokenKey | null): Promise<void> {
  if (before && after && before.name === after.name && before.org_path === after.org_path) return;
  const keys = await keyPathsByPath(db, [before, after].flatMap((k) => (k ? [k.org_path] : [])));
  if (before) {
    const tokens = nameTokens(before.name);
    if (tokens.length)
      await db.deleteFrom('recipient_name_tokens').where('token', 'in', tokens).where('unit_key', '=', keys.get(before.org_path)!).where('recipient_id', '=', recipientId).execute();
  }
  const rows = after ? nameTokenRows({ id: recipientId, name: after.name }, keys.get(after.org_path)!, nameTokens(after.name)) : [];
  if (rows.length) await db.insertInto('recipient_name_tokens').values(rows).execute();
}

export async function insertVersionUnscoped(db: Tx, row: RecipientVersionTable): Promise<void> {
  await db.insertInto('recipient_versions').values(row).execute();
}

export async function listVersions(scope: Scope, db: Db, recipientId: string) {
  return db
    .selectFrom('recipient_versions')
    .selectAll()
    .where('recipient_id', 'in', db.selectFrom('recipients').select('id').where('id', '=', recipientId).where(inScope(scope, 'org_path')))
    // by time first: a merged record brings versions numbered on its own
    .orderBy('at', 'desc')
    .orderBy('version', 'desc')
    .execute();
}

// ---- households ----

export async function insertHousehold(scope: Scope, db: Tx, row: Stored<HouseholdTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('household outside scope');
  await db.insertInto('households').values(row).execute();
}

export async function getHousehold(scope: Scope, db: Tx, id: string) {
  return db.selectFrom('households').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export async function householdMembers(scope: Scope, db: Tx, householdId: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'kind'])
    .where('household_id', '=', householdId)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function setHouseholdHead(scope: Scope, db: Tx, householdId: string, recipientId: string, at: string) {
  await db
    .updateTable('households')
    .set({ head_recipient_id: recipientId, updated_at: at })
    .where('id', '=', householdId)
    .where('head_recipient_id', 'is', null)
    .where(inScope(scope, 'org_path'))
    .execute();
}

// ---- documents ----

export async function insertFile(scope: Scope, db: Tx, row: Stored<FileTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('file outside scope');
  await db.insertInto('files').values(row).execute();
}

export async function listFiles(scope: Scope, db: Tx, ownerType: string, ownerId: string) {
  return db
    .selectFrom('files')
    .select(['id', 'kind', 'name', 'mime', 'size', 'created_at'])
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function getFile(scope: Scope, db: Tx, ownerType: string, ownerId: string, id: string) {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', id)
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

// ---- moves, merges, duplicates ----

/** A member leaves a household (moved away, merged): if they headed it, the next member registered heads it, or nobody. */
async function leaveHousehold(db: Tx, recipientId: string, at: string) {
  const r = await db.selectFrom('recipients').select('household_id').where('id', '=', recipientId).executeTakeFirst();
  if (!r?.household_id) return;
  const h = await db.selectFrom('households').select('head_recipient_id').where('id', '=', r.household_id).executeTakeFirst();
  if (h?.head_recipient_id !== recipientId) return;
  const next = await db
    .selectFrom('recipients')
    .select('id')
    .where('household_id', '=', r.household_id)
    .where('id', '<>', recipientId)
    .where('merged_into', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  await db.updateTable('households').set({ head_recipient_id: next?.id ?? null, updated_at: at }).where('id', '=', r.household_id).execute();
}

/** Moves a recipient (with its tokens and documents) to another unit: a transfer accepted. */
export async function moveRecipientUnscoped(db: Tx, id: string, unit: StoredUnit, at: string) {
  const before = await db.selectFrom('recipients').select(['name', 'org_path']).where('id', '=', id).executeTakeFirstOrThrow();
  await leaveHousehold(db, id, at);
  await counted(db, [id], () =>
    db.updateTable('recipients').set({ org_unit_id: unit.id, org_path: unit.path, household_id: null, updated_at: at, version: sql`version + 1` }).where('id', '=', id).execute(),
  );
  await syncNameTokensUnscoped(db, id, before, { name: before.name, org_path: unit.path });
  await db.updateTable('files').set({ org_unit_id: unit.id, org_path: unit.path }).where('owner_type', '=', 'recipient').where('owner_id', '=', id).execute();
}

/** Recipients by id, in scope, in one query (a list of pairs, not one query per record). */
export async function getRecipients(scope: Scope, db: Tx, ids: readonly string[]): Promise<RecipientRow[]> {
  if (!ids.length) return [];
  return base(db).where('recipients.id', 'in', [...ids]).where(inScope(scope, 'recipients.org_path')).execute();
}

export async function duplicatePairs(scope: Scope, db: Db, limit: number) {
  const rows = await db
    .selectFrom('recipients as a')
    .innerJoin('recipients as b', (j) => j.onRef('a.name', '=', 'b.name').onRef('a.birth_date', '=', 'b.birth_date').onRef('a.id', '<', 'b.id'))
    .select(['a.id as a_id', 'b.id as b_id'])
    .where('a.merged_into', 'is', null)
    .where('b.merged_into', 'is', null)
    .where(inScope(scope, 'a.org_path'))
    .where(inScope(scope, 'b.org_path'))
    .limit(limit)
    .execute();
  return rows;
}

/** Merges `from` into `into`: versions, documents (into its unit) and case subjects follow; `from` stays, marked merged. */
export async function mergeRecipients(scope: Scope, db: Tx, fromId: string, into: { id: string; unit: StoredUnit }, at: string): Promise<number> {
  const intoId = into.id;
  const before = await db.selectFrom('recipients').select(['name', 'org_path']).where('id', '=', fromId).executeTakeFirst();
  const r = await counted(db, [fromId], () =>
    db
      .updateTable('recipients')
      .set({ merged_into: intoId, updated_at: at, version: sql`version + 1` })
      .where('id', '=', fromId)
      .where('merged_into', 'is', null)
      .where(inScope(scope, 'org_path'))
      .executeTakeFirst(),
  );
  if (Number(r.numUpdatedRows) !== 1) return 0;
  await leaveHousehold(db, fromId, at);
  // the remaining record keeps its version: the merge adds history and documents, not field values,
  // so an editor holding it has nothing to lose (a bump would be a false conflict)
  const i = await counted(db, [intoId], () =>
    db.updateTable('recipients').set({ updated_at: at }).where('id', '=', intoId).where('merged_into', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirst(),
  );
  if (Number(i.numUpdatedRows) !== 1) return 0;
  await db.updateTable('recipient_versions').set({ recipient_id: intoId }).where('recipient_id', '=', fromId).execute();
  await db.updateTable('files').set({ owner_id: intoId, org_unit_id: into.unit.id, org_path: into.unit.path }).where('owner_type', '=', 'recipient').where('owner_id', '=', fromId).execute();
  await db.updateTable('cases').set({ subject_id: intoId }).where('subject_type', '=', 'recipient').where('subject_id', '=', fromId).execute();
  await syncNameTokensUnscoped(db, fromId, before!, null);
  return 1;
}

export async function unitPathByIdUnscoped(db: SystemDb | Tx, id: string) {
  return db.selectFrom('org_units').select(['id', 'path', 'key_path', 'level', 'name', 'code']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

export async function unitNamesByIdsUnscoped(db: Tx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** The ancestor of a unit at a level (e.g. the county that reviews a village's collection). */
export async function ancestorAtLevelUnscoped(db: SystemDb | Tx, path: string, level: string) {
  const ids = path.split('/').filter(Boolean);
  if (!ids.length) return undefined;
  return db.selectFrom('org_units').select(['id', 'path', 'name']).where('id', 'in', ids).where('level', '=', level).executeTakeFirst();
}

/**
 * Bulk insert for the demo and the benchmark (systemDb): households first, then recipients and tokens.
 * The one writer of raw paths: it seeds a database nobody else writes yet (no unit can move meanwhile).
 * Through the import's bulk statements (compiled once per size, rows in index order).
 */
export async function insertGeneratedUnscoped(
  db: SystemDb | Tx,
  batch: { recipient: RecipientTable; household: HouseholdTable | null; tokens: string[] }[],
): Promise<void> {
  const households = batch.flatMap((b) => (b.household ? [b.household] : []));
  await bulkInsert(db, 'households', households, 512);
  // in unit, name order, as the import writes (insertImportedBatch)
  const recipients = batch.map((b) => withKeyGroups(b.recipient)).sort(byUnitAndName('org_path', 'name', 'id'));
  await bulkInsert(db, 'recipients', recipients, 256);
  const counts = new ImportedCounts();
  for (const b of batch) counts.add(b.recipient);
  await counts.apply(db);
  await insertNameTokensBulk(db, batch);
}

/** For tests and `npm run cli -- rollups:check`: roll-ups recomputed from the records, per unit, metric and bucket. */
export async function directRollupsUnscoped(db: SystemDb | Tx): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('recipients').select(ROLLUP_COLUMNS).where('id', '>', after).orderBy('id').limit(5000).execute();
    if (!rows.length) break;
    for (const r of rows) {
      for (const unit of r.org_path.split('/').filter(Boolean)) {
        for (const b of recipientBuckets(r)) {
          const key = `${unit}|${b.metric}|${b.bucket}`;
          out.set(key, (out.get(key) ?? 0) + 1);
        }
      }
    }
    after = rows[rows.length - 1].id;
  }
  return out;
}

// ---- the Excel import and the ledger export (modules/imports, modules/ledgers) ----

/**
 * The columns an imported record is written with, in the order of its values in an ImportedRow.
 * The import makes each record as one array of these values, bound as it is (no object of 53
 * keys turned back into an array, no key looked up by name per value); every other column takes
 * its default: no household, bank account, disability certificate or medical details, no family
 * members, certificates or situations filled, alive, version 1. key_groups is set here
 * (insertImportedBatch), from the record's values.
 */
export const IMPORTED_COLUMNS = [
  'id',
  'org_unit_id',
  'org_path',
  'status',
  'kind',
  'name',
  'gender',
  'ethnicity',
  'birth_date',
  'id_number_enc',
  'id_number_hash',
  'id_number_masked',
  'phone_enc',
  'phone_hash',
  'phone_masked',
  'political_status',
  'recipient_group',
  'care_mask',
  'enlistment_date',
  'discharge_date',
  'discharge_type',
  'branch',
  'last_unit',
  'rank',
  'disability_grade',
  'disability_cause',
  'education',
  'employment_status',
  'skills',
  'merits',
  'deceased_soldier',
  'household_address',
  'current_address',
  'notes',
  'key_groups',
  'created_by',
  'created_at',
  'updated_at',
  'registered_at',
] as const satisfies readonly (keyof Database['recipients'])[];
/** Each name of a tuple of names → its place: ['a', 'b'] → { a: 0, b: 1 }. */
type PlacesOf<T extends readonly string[]> = { readonly [K in keyof T as K extends `${number}` ? T[K] : never]: K extends `${infer N extends number}` ? N : never };
/** A tuple of column names → the tuple of their values' types in `Row`. */
type ValuesOf<T extends readonly string[], Row> = { -readonly [I in keyof T]: T[I] extends keyof Row ? Row[T[I]] : never };
/** Where each column's value is in an ImportedRow. */
export const IMPORTED = Object.fromEntries(IMPORTED_COLUMNS.map((c, i) => [c, i])) as PlacesOf<typeof IMPORTED_COLUMNS>;
/** An imported record's values, in the order of IMPORTED_COLUMNS. */
export type ImportedRow = ValuesOf<typeof IMPORTED_COLUMNS, Stored<RecipientTable> & { key_groups: number }>;
/** An imported record as the import made it: `tokens` are its name's search tokens as a JSON list (as ImportedTokens stages them). */
export type ImportedRecipient = { row: ImportedRow; tokens: string };
/** The recipient_versions columns of an imported record's first version (case_id null). */
const IMPORTED_VERSION_COLUMNS = ['id', 'recipient_id', 'version', 'at', 'actor_user_id', 'actor_name', 'kind', 'changes'] as const satisfies readonly (keyof RecipientVersionTable)[];

const bulkSql = new Map<string, string>();
type BulkTable = 'recipients' | 'recipient_name_tokens' | 'recipient_versions' | 'households' | 'temp.import_name_tokens' | 'pg_temp.import_name_tokens';
/** A record's name tokens as staged by ImportedTokens: `tokens` is their JSON list. */
type StagedTokens = { tokens: string; org_path: string; recipient_id: string; name: string };
type StagedTable = `temp.${string}` | `pg_temp.${string}`;
type BulkRow<T extends BulkTable> = T extends StagedTable ? StagedTokens : Insertable<Database[Exclude<T, StagedTable>]>;
/**
 * On SQLite, rows of at least this many columns are inserted row by row through one prepared
 * statement (db/client.ts rowByRowSql): cheaper there than a multi-row VALUES list.
 */
const ROW_BY_ROW_COLUMNS = 16;
/** PostgreSQL: rows per unnest statement (bulkInsert); each column is one array parameter. */
const PG_UNNEST_ROWS = 2000;
/** PostgreSQL: each table's column types as cast names, read once per process (bulkInsert). */
const pgColumnTypes = new Map<string, Map<string, string>>();

async function pgTypesOf(db: SystemDb | Tx, table: string): Promise<Map<string, string>> {
  let types = pgColumnTypes.get(table);
  if (!types) {
    const rows = await sql<{ name: string; type: string }>`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
      from pg_attribute a where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped`.execute(db);
    types = new Map(rows.rows.map((r) => [r.name, r.type]));
    // a temporary table is made again by each import: its types are the same, its oid is not
    pgColumnTypes.set(table, types);
  }
  return types;
}

/**
 * Inserts rows of one shape. On SQLite in statements of power-of-two sizes (at most `max` rows
 * each; keep rows × columns under SQLite's 32,766 bound parameters), the SQL of each size
 * made once and reused with new parameters: for a wide table, compiling a multi-row insert
 * costs more than running it; a wide row goes row by row instead (`max` rows per call), through
 * the one-row statement. On PostgreSQL as `insert … select * from unnest($1::type[], …)`: one
 * array per column, PG_UNNEST_ROWS rows a statement. A VALUES list binds every value apart, and
 * PostgreSQL parses and plans each of them: 40,000 recipients (52 columns) took 5.4–6.0 s as
 * VALUES of 256 rows and 2.5 s through unnest.
 */
async function bulkInsert<T extends BulkTable>(db: SystemDb | Tx, table: T, rows: BulkRow<T>[], max: number): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  const values: unknown[][] = new Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as Record<string, unknown>;
    const v: unknown[] = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) v[c] = r[columns[c]];
    values[k] = v;
  }
  await bulkInsertRows(db, table, columns, values, max);
}

/** The table's name quoted, schema apart: temp.x → "temp"."x". */
const quotedTable = (table: string) =>
  table
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');

/**
 * bulkInsert of rows given as arrays, each value at its column's place in `columns`: a row made
 * as an array (the import's, ImportedRow) is bound as it is, without an object of its columns.
 * The arrays of a row-by-row insert are handed to SQLite as they are: do not reuse them.
 */
async function bulkInsertRows(db: SystemDb | Tx, table: BulkTable, columns: readonly string[], rows: readonly unknown[][], max: number): Promise<void> {
  if (!rows.length) return;
  const names = columns.map((c) => `"${c}"`).join(', ');
  if (dialectOf(db as Tx) !== 'sqlite') {
    const key = `postgres|${table}|${columns.join(',')}`;
    let text = bulkSql.get(key);
    if (!text) {
      const types = await pgTypesOf(db, table);
      const casts = columns.map((c, i) => {
        const type = types.get(c);
        if (!type) throw new Error(`bulkInsert: ${table} has no column ${c}`);
        return `$${i + 1}::${type}[]`;
      });
      bulkSql.set(key, (text = `insert into ${quotedTable(table)} (${names}) select * from unnest(${casts.join(', ')})`));
    }
    for (let i = 0; i < rows.length; i += PG_UNNEST_ROWS) {
      const part = rows.slice(i, i + PG_UNNEST_ROWS);
      const arrays = columns.map((_, c) => {
        const values: unknown[] = new Array(part.length);
        for (let k = 0; k < part.length; k++) values[k] = part[k][c];
        return values;
      });
      await db.executeQuery(CompiledQuery.raw(text, arrays));
    }
    return;
  }
  const eachRow = columns.length >= ROW_BY_ROW_COLUMNS;
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (const part of powerOfTwoParts(rows, max)) {
    const key = `sqlite|${table}|${eachRow ? 'each' : part.length}|${columns.join(',')}`;
    let text = bulkSql.get(key);
    if (!text) {
      const insert = `insert into ${quotedTable(table)} (${names}) values `;
      bulkSql.set(key, (text = eachRow ? rowByRowSql(insert + one, columns.length) : insert + part.map(() => one).join(', ')));
    }
    // row by row: an array per row (db/client.ts rowByRowSql); else one list of all the values
    let params = part as unknown[];
    if (!eachRow) {
      const all: unknown[] = new Array(part.length * columns.length);
      let k = 0;
      for (const row of part) for (let c = 0; c < columns.length; c++) all[k++] = row[c];
      params = all;
    }
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

/**
 * The name-search index rows of generated records (demo and bench data: the import stages its own,
 * ImportedTokens), in primary-key order so that the index pages are visited once each.
 */
async function insertNameTokensBulk(db: SystemDb | Tx, batch: readonly { recipient: Pick<RecipientTable, 'id' | 'org_path' | 'name'>; tokens: readonly string[] }[]): Promise<void> {
  const keys = await keyPathsByPath(db, batch.map((b) => b.recipient.org_path));
  const rows = batch.flatMap((b) => nameTokenRows(b.recipient, keys.get(b.recipient.org_path)!, b.tokens));
  // in the order of the primary key: the index pages are visited once each
  rows.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : a.unit_key < b.unit_key ? -1 : a.unit_key > b.unit_key ? 1 : 0));
  await bulkInsert(db, 'recipient_name_tokens', rows, 4096);
}

/** The staged token rows' columns (ImportedTokens). */
const STAGED_TOKEN_COLUMNS = ['tokens', 'org_path', 'recipient_id', 'name'] as const satisfies readonly (keyof StagedTokens)[];
/** SQLite: the token flush sorts in runs of this size, with this many helper threads (db/write-cache.ts withSortRuns). */
const FLUSH_SORT = { runMb: 8, threads: 2 };

/**
 * The name tokens of one import's records. They wait in a temporary table, appended to batch by
 * batch, and go into recipient_name_tokens in ONE statement in the order of its primary key when
 * the import has written its records (`flush`, in the same transaction): each page of the token
 * indexes is then visited once for the whole import instead of once per batch (measured on 100,000
 * imported records, about 640,000 tokens: on SQLite 10.5 s of CPU in sorted 4,000-record batches,
 * 7 s staged; on PostgreSQL 8.2 s of statements per batch, 4.4 s staged). A record's tokens wait
 * as ONE row, their list in JSON, spread into token rows by json_each (SQLite) or
 * jsonb_array_elements_text (PostgreSQL) when they are written: a sixth of the rows and bound
 * values the staging took with a row per token, and no object per token here. The temporary table
 * is made in the import's transaction (on PostgreSQL dropped at its end), so a rolled-back import
 * leaves none.
 */
export class ImportedTokens {
  private staged = false;
  async add(db: Tx, batch: readonly ImportedRecipient[]): Promise<void> {
    const pg = dialectOf(db) !== 'sqlite';
    if (!this.staged) {
      if (pg) await sql`create temp table if not exists import_name_tokens (tokens text not null, org_path text collate "C" not null, recipient_id text not null, name text not null) on commit drop`.execute(db);
      else {
        await sql`drop table if exists temp.import_name_tokens`.execute(db);
        await sql`create temp table import_name_tokens (tokens text not null, org_path text not null, recipient_id text not null, name text not null)`.execute(db);
      }
      this.staged = true;
    }
    const rows: unknown[][] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const r = batch[i].row;
      rows[i] = [batch[i].tokens, r[IMPORTED.org_path], r[IMPORTED.id], r[IMPORTED.name]];
    }
    await bulkInsertRows(db, pg ? 'pg_temp.import_name_tokens' : 'temp.import_name_tokens', STAGED_TOKEN_COLUMNS, rows, 4096);
  }
  /** Writes the staged tokens into the name-search index (before the import commits). */
  async flush(db: Tx): Promise<void> {
    if (!this.staged) return;
    if (dialectOf(db) !== 'sqlite') {
      await sql`insert into recipient_name_tokens (token, unit_key, recipient_id, name) select j.value, u.key_path, t.recipient_id, t.name from pg_temp.import_name_tokens t join org_units u on u.path = t.org_path, jsonb_array_elements_text(t.tokens::jsonb) j(value) order by 1, 2, 3`.execute(db);
      await sql`drop table pg_temp.import_name_tokens`.execute(db);
    } else {
      await withSortRuns(db, 'sqlite', FLUSH_SORT, () =>
        // OR FAIL: a failing statement is not undone on its own (the import's transaction is), so
        // SQLite keeps no statement journal for it: an INSERT … SELECT that could abort copies each
        // page it changes there first (on 100,000 records the flush took 1.69 s against 1.84 s)
        sql`insert or fail into recipient_name_tokens (token, unit_key, recipient_id, name) select j.value, u.key_path, t.recipient_id, t.name from temp.import_name_tokens t join org_units u on u.path = t.org_path, json_each(t.tokens) j order by 1, 2, 3`.execute(db),
      );
      await sql`drop table temp.import_name_tokens`.execute(db);
    }
    this.staged = false;
  }
}

type Countable = NonNullable<Parameters<typeof recipientBuckets>[0]>;
const asCountable = (r: RecipientTable): Countable => r;
/**
 * The columns of an imported record that its roll-up buckets and key-group mask are read from; the
 * ones the import does not write hold their defaults (not merged, alive, no situation filled).
 */
function importedColumns(r: ImportedRow): Countable & Parameters<typeof keyGroupMaskOfStored>[0] {
  const I = IMPORTED;
  return {
    merged_into: null,
    status: r[I.status],
    deceased: 0,
    recipient_group: r[I.recipient_group],
    kind: r[I.kind],
    care_mask: r[I.care_mask],
    birth_date: r[I.birth_date],
    discharge_type: r[I.discharge_type],
    employment_status: r[I.employment_status],
    situations_filled: 0,
    enlistment_date: r[I.enlistment_date],
    disability_grade: r[I.disability_grade],
    merits: r[I.merits],
    situations: '{}',
  };
}

/** The child of a trie node (ImportedCounts) under `key`, made when absent. */
function step(node: Map<unknown, unknown>, key: unknown): Map<unknown, unknown> {
  let next = node.get(key) as Map<unknown, unknown> | undefined;
  if (!next) node.set(key, (next = new Map()));
  return next;
}

/**
 * Roll-up counts of imported records by their unit, turned into deltas for the unit and its
 * ancestors when written: an import touches a few hundred units whatever its size. A record is
 * counted by its unit and the few values its buckets depend on (one Map update per record); the
 * buckets of each kind of record are made once, as slots (one number per distinct metric and
 * bucket), and the units' totals are summed in arrays of slots up the tree (each path into its
 * parent's) instead of adding every record to every ancestor. (Summed through maps of
 * "metric, bucket" strings, the sums took a second of an import of 100,000: a few hundred units,
 * a few hundred kinds each, thirty buckets a kind.) The rows are made in the key order that
 * addToRollups writes in (~90,000 for an import of 100,000: made as string keys and sorted, they
 * took ~0.4 s at the end of the import, with nothing running beside it).
 */
export class ImportedCounts {
  /** path → records by kind (index into `kinds`) */
  private readonly byPath = new Map<string, number[]>();
  /** each kind of record's buckets, as slots */
  private readonly kinds: number[][] = [];
  /**
   * A trie of the values a record's buckets depend on → its kind: found without making a key
   * (a ten-part string key per record was 85 of the ~950 MB an import of 100,000 allocated here).
   */
  private readonly kindTrie = new Map<unknown, unknown>();
  /** "metric\0bucket" → slot, and each slot's bucket */
  private readonly slots = new Map<string, number>();
  private readonly buckets: Bucket[] = [];
  private keys = 0;
  add(r: RecipientTable): void {
    this.count(r.org_path, r.merged_into ? 1 : 0, r.status, r.deceased, r.recipient_group, r.kind, r.care_mask, r.birth_date, r.discharge_type, r.situations_filled, r.employment_status, r, asCountable);
  }
  /** An imported record (its other counted columns are their defaults: not merged, alive, no situation filled). */
  addImported(r: ImportedRow): void {
    const I = IMPORTED;
    this.count(r[I.org_path], 0, r[I.status], 0, r[I.recipient_group], r[I.kind], r[I.care_mask], r[I.birth_date], r[I.discharge_type], 0, r[I.employment_status], r, importedColumns);
  }
  private count<T>(
    path: string,
    merged: number,
    status: string,
    deceased: number,
    group: string,
    kind: string,
    care: number,
    birth: string,
    discharge: string | null,
    situations: number,
    employment: string | null,
    // the record, and how to read it for its buckets (when its kind is new): not a closure per record
    record: T,
    countable: (record: T) => Countable,
  ): void {
    // the birth year as a number (charCodes: no substring)
    const year = (birth.charCodeAt(0) - 48) * 1000 + (birth.charCodeAt(1) - 48) * 100 + (birth.charCodeAt(2) - 48) * 10 + (birth.charCodeAt(3) - 48);
    let m = this.kindTrie;
    m = step(m, merged);
    m = step(m, status);
    m = step(m, deceased);
    m = step(m, group);
    m = step(m, kind);
    m = step(m, care);
    m = step(m, year);
    m = step(m, discharge);
    m = step(m, situations);
    let k = m.get(employment) as number | undefined;
    if (k === undefined) {
      k = this.kinds.length;
      this.kinds.push(recipientBuckets(countable(record)).map((b) => this.slotOf(b)));
      m.set(employment, k);
    }
    let counts = this.byPath.get(path);
    if (!counts) this.byPath.set(path, (counts = []));
    const n = counts[k];
    if (!n) this.keys += 1;
    counts[k] = (n || 0) + 1;
  }
  private slotOf(b: Bucket): number {
    const key = `${b.metric}\u0000${b.bucket}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      this.slots.set(key, (slot = this.buckets.length));
      this.buckets.push(b);
    }
    return slot;
  }
  /** (unit, kind of record) pairs held */
  get size(): number {
    return this.keys;
  }
  /** Writes the counts into the roll-ups (in the caller's transaction) and starts again. */
  async apply(db: SystemDb | Tx): Promise<void> {
    const width = this.buckets.length;
    // each path's own counts by slot, then summed into its ancestors' paths, deepest first
    const totals = new Map<string, Float64Array>();
    for (const [path, counts] of this.byPath) {
      const t = new Float64Array(width);
      for (let kind = 0; kind < counts.length; kind++) {
        const n = counts[kind];
        if (n) for (const slot of this.kinds[kind]) t[slot] += n;
      }
      totals.set(path, t);
    }
    const paths = [...totals.keys()];
    for (let i = 0; i < paths.length; i++) {
      const parent = paths[i].slice(0, paths[i].lastIndexOf('/', paths[i].length - 2) + 1);
      if (parent.length > 1 && !totals.has(parent)) {
        totals.set(parent, new Float64Array(width));
        paths.push(parent);
      }
    }
    paths.sort((a, b) => b.length - a.length);
    for (const path of paths) {
      const parent = path.slice(0, path.lastIndexOf('/', path.length - 2) + 1);
      if (parent.length > 1) {
        const up = totals.get(parent)!;
        const t = totals.get(path)!;
        for (let k = 0; k < width; k++) up[k] += t[k];
      }
    }
    // each path's totals are its own unit's rows: written in key order (unit, metric, bucket) as
    // addToRollups wants, made in that order here instead of sorting ~90,000 string keys
    const code = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const slots = this.buckets.map((_, k) => k).sort((a, b) => code(this.buckets[a].metric, this.buckets[b].metric) || code(this.buckets[a].bucket, this.buckets[b].bucket));
    const units = paths.map((path) => ({ unit: pathUnits(path).at(-1)!, t: totals.get(path)! })).sort((a, b) => code(a.unit, b.unit));
    const rows: RollupRow[] = [];
    for (const { unit, t } of units) {
      for (const k of slots) if (t[k] !== 0) rows.push({ unit_id: unit, metric: this.buckets[k].metric, bucket: this.buckets[k].bucket, n: t[k] });
    }
    this.byPath.clear();
    this.keys = 0;
    await addToRollups(db, rows);
  }
}

/**
 * Inserts imported recipients of the caller's range with their name tokens and first version,
 * in the import's transaction, like insertGeneratedUnscoped; their roll-up counts go into
 * `counts` and their name tokens into `tokens`, which the import writes in the same
 * transaction before it commits.
 */
export async function insertImportedBatch(
  scope: Scope,
  db: Tx,
  batch: ImportedRecipient[],
  counts: ImportedCounts,
  tokens: ImportedTokens,
  by: { userId: string; displayName: string; at: string },
): Promise<void> {
  const I = IMPORTED;
  const rows: ImportedRow[] = new Array(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const r = batch[i].row;
    if (!pathInScope(scope, r[I.org_path])) throw new Error('recipient outside scope');
    r[I.key_groups] = keyGroupMaskOfStored(importedColumns(r));
    rows[i] = r;
  }
  // in unit, name order: three of the table's indexes lead with the unit's path (the list's among
  // them), so their pages are visited once each for a batch. (In ID-hash order, as before, only the
  // hash's index was: measured on an import of 100,000, the rows' insert took 3.1 s against 2.7 s.)
  rows.sort(byUnitAndName(I.org_path, I.name, I.id));
  await bulkInsertRows(db, 'recipients', IMPORTED_COLUMNS, rows, 256);
  await tokens.add(db, batch);
  const versions: unknown[][] = new Array(batch.length);
  for (let i = 0; i < batch.length; i++) versions[i] = [newId(), batch[i].row[I.id], 1, by.at, by.userId, by.displayName, 'imported', '[]'];
  await bulkInsertRows(db, 'recipient_versions', IMPORTED_VERSION_COLUMNS, versions, 1024);
  for (const r of rows) counts.addImported(r);
}

/** Compares rows (arrays, or objects by key) by unit path, name, id: the order records are written in. */
function byUnitAndName<K extends string | number>(path: K, name: K, id: K): (a: { [k in K]: string }, b: { [k in K]: string }) => number {
  return (a, b) => (a[path] < b[path] ? -1 : a[path] > b[path] ? 1 : a[name] < b[name] ? -1 : a[name] > b[name] ? 1 : a[id] < b[id] ? -1 : a[id] > b[id] ? 1 : 0);
}

export type LedgerFilter = Omit<RecipientFilter, 'sort' | 'page' | 'pageSize'>;

/** The filters of listRecipients (the same list, the same predicates), for the ledger export. */
function ledgerRows(scope: Scope, db: Db, f: LedgerFilter) {
  let q = base(db).where(inScope(scope, 'recipients.org_path'));
  for (const token of f.tokens ?? []) {
    q = q.where('recipients.id', 'in', (eb) =>
      eb
        .selectFrom('recipient_name_tokens')
        .select('recipient_name_tokens.recipient_id')
        .where('recipient_name_tokens.token', '=', token)
        .where(keyInScope(scope, 'recipient_name_tokens.unit_key')),
    );
  }
  if (f.idNumberHash) q = q.where('recipients.id_number_hash', '=', f.idNumberHash);
  if (f.phoneHash) q = q.where('recipients.phone_hash', '=', f.phoneHash);
  if (f.unitPath) q = q.where(pathWithin('recipients.org_path', f.unitPath));
  if (f.status) q = q.where('recipients.status', '=', f.status);
  if (f.kind) q = q.where('recipients.kind', '=', f.kind);
  if (f.group) q = q.where('recipients.recipient_group', '=', f.group);
  if (f.careBit !== undefined) q = q.where(sql<boolean>`(recipients.care_mask & ${f.careBit}) <> 0`);
  if (f.priorityCare !== undefined) q = q.where('recipients.care_mask', f.priorityCare ? '<>' : '=', 0);
  if (f.dischargeType) q = q.where('recipients.discharge_type', '=', f.dischargeType);
  if (f.employment) q = q.where('recipients.employment_status', '=', f.employment);
  if (f.disabilityGrade) q = q.where('recipients.disability_grade', '=', f.disabilityGrade);
  if (f.bornFrom) q = q.where('recipients.birth_date', '>=', f.bornFrom);
  if (f.bornTo) q = q.where('recipients.birth_date', '<=', f.bornTo);
  if (f.deceased !== undefined) q = q.where('recipients.deceased', '=', f.deceased ? 1 : 0);
  return q;
}

/** How many records the ledger would hold, counting no further than `cap`. */
export async function countLedgerRows(scope: Scope, db: Db, f: LedgerFilter, cap: number): Promise<number> {
  const capped = ledgerRows(scope, db, f).clearSelect().select(sql<number>`1`.as('one')).limit(cap).as('capped');
  const r = await db.selectFrom(capped).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export type LedgerCursor = { path: string; name: string; id: string };

/** The next `limit` records of the ledger in its order (unit, name), after `after`: keyset paging on the (org_path, name, id) index. */
export async function ledgerChunk(scope: Scope, db: Db, f: LedgerFilter, after: LedgerCursor | null, limit: number): Promise<RecipientRow[]> {
  let q = ledgerRows(scope, db, f);
  if (after) q = q.where(sql<boolean>`(recipients.org_path, recipients.name, recipients.id) > (${after.path}, ${after.name}, ${after.id})`);
  return q.orderBy('recipients.org_path').orderBy('recipients.name').orderBy('recipients.id').limit(limit).execute();
}

/**
 * The §44 home-service mark 上门服务对象 of these recipients of the caller's range (recipients not
 * found or not marked are left out): for other modules (applications offer home service by it).
 */
export async function homeServiceOf(scope: Scope, db: Tx, ids: readonly string[]): Promise<Map<string, HomeServiceReason[]>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('recipients')
    .select(['id', 'home_service'])
    .where('id', 'in', [...ids])
    .where('home_service', '<>', 0)
    .where(inScope(scope, 'recipients.org_path'))
    .execute();
  return new Map(rows.map((r) => [r.id, homeServiceListOf(r.home_service ?? 0)]));
}

/**
 * 我的 (public overview): the registered record (审核通过) of an ID number hash, and the name of its unit —
 * only whether the person is in the registry and where; nothing else of the record leaves here.
 */
export async function registryLinkOfIdHashUnscoped(db: SystemDb | Tx, hash: string, phoneHash: string) {
  return db
    .selectFrom('recipients as r')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .select(['r.id', 'u.name as unit_name'])
    .where('r.id_number_hash', '=', hash)
    // an account's ID number is checked for form only: the mobile on record must be the account's too
    .where('r.phone_hash', '=', phoneHash)
    .where('r.merged_into', 'is', null)
    .where('r.status', '=', 'registered')
    .executeTakeFirst();
}

/** The record of an ID number hash, whatever its status (an online application decides what to do with it): its phone hash and status. */
export async function personOfIdHashUnscoped(db: SystemDb | Tx, hash: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'org_unit_id', 'org_path', 'status', 'phone_hash', 'deceased'])
    .where('id_number_hash', '=', hash)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
}
