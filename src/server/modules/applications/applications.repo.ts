// The only place with SQL for applications 办件, their visits (runs, home services) and their
// roll-ups ('app-status' by status and item, 'app-step' on time or late per level, 'app-closed'
// and 'app-one-run' per month of closing: the 最多跑一次 figure without a scan).
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { SystemDb } from '../../db/system';
import type { ApplicationTable, ApplicationVisitTable } from '../../db/types';
import { sql } from 'kysely';
import { cappedCount } from '../../db/paging';
import { inScope, inScopeAsFilter, pathInScope, pathWithin, pathWithinAsFilter, type Scope } from '../../platform/jurisdiction';
import { dialectOf, type Stored } from '../../platform/stored-unit.repo';
import { RollupDelta, pathUnits, rollupsOf } from '../../platform/rollups.repo';
import { periodDays } from '../../../shared/rules/periods';

export const APP_METRICS = { status: 'app-status', step: 'app-step', closed: 'app-closed', oneRun: 'app-one-run' } as const;

/** 'app-status' bucket: status, item id and name (the name as the item had it when the application was made). */
export function statusBucket(status: string, item: { id: string; name: string }): string {
  return `${status}|${item.id}|${item.name}`;
}

export async function shiftStatus(db: Tx, orgPath: string, item: { id: string; name: string }, from: string | null, to: string): Promise<void> {
  if (from === to) return;
  const d = new RollupDelta();
  if (from) d.add(orgPath, [{ metric: APP_METRICS.status, bucket: statusBucket(from, item) }], -1);
  await d.add(orgPath, [{ metric: APP_METRICS.status, bucket: statusBucket(to, item) }], 1).apply(db);
}

export async function countStep(db: Tx, orgPath: string, level: string, onTime: boolean): Promise<void> {
  await new RollupDelta().add(orgPath, [{ metric: APP_METRICS.step, bucket: `${level}|${onTime ? 'on' : 'late'}` }], 1).apply(db);
}

/** One application closed in `month` (and, when at most one run, one more 最多跑一次), or taken back (sign −1). */
export async function countClosed(db: Tx, orgPath: string, month: string, atMostOneRun: boolean, sign: 1 | -1): Promise<void> {
  const buckets = [{ metric: APP_METRICS.closed, bucket: month }, ...(atMostOneRun ? [{ metric: APP_METRICS.oneRun, bucket: month }] : [])];
  await new RollupDelta().add(orgPath, buckets, sign).apply(db);
}

/** A run recorded after closing that makes it the second: the application leaves the one-run count of its month. */
export async function leaveOneRun(db: Tx, orgPath: string, month: string): Promise<void> {
  await new RollupDelta().add(orgPath, [{ metric: APP_METRICS.oneRun, bucket: month }], -1).apply(db);
}

export async function figuresOf(db: Db, unitId: string) {
  return rollupsOf(db, [unitId], Object.values(APP_METRICS));
}

// ---- rows ----

export async function insertApplication(scope: Scope, db: Tx, row: Stored<ApplicationTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('application outside scope');
  await db.insertInto('applications').values(row).execute();
}

function base(db: Tx | SystemDb) {
  return db
    .selectFrom('applications as a')
    .innerJoin('org_units as u', 'u.id', 'a.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'a.recipient_id')
    .selectAll('a')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', 'r.status as recipient_status']);
}
export type ApplicationRow = ApplicationTable & { org_unit_name: string; recipient_name: string; recipient_status: string };

export async function getApplication(scope: Scope, db: Tx, id: string): Promise<ApplicationRow | undefined> {
  return base(db).where('a.id', '=', id).where(inScope(scope, 'a.org_path')).executeTakeFirst();
}

export type ApplicationFilter = {
  unitPath?: string;
  itemId?: string;
  recipientId?: string;
  status?: string;
  /** open applications whose step is past its due day (today given) */
  overdueOn?: string;
  notOverdueOn?: string;
  manyRuns?: boolean;
  /** a period: month, quarter or year (shared/rules/periods.ts) */
  closedIn?: string;
};

/** `walk`: the range as a filter on each row, so that SQLite walks the order's index (see listApplications). */
function filtered(scope: Scope, db: Tx, f: ApplicationFilter, walk = false) {
  let q = base(db).where(walk ? inScopeAsFilter(scope, 'a.org_path') : inScope(scope, 'a.org_path'));
  if (f.unitPath) q = q.where(walk ? pathWithinAsFilter('a.org_path', f.unitPath) : pathWithin('a.org_path', f.unitPath));
  if (f.itemId) q = q.where('a.item_id', '=', f.itemId);
  if (f.recipientId) q = q.where('a.recipient_id', '=', f.recipientId);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.overdueOn) q = q.where('a.closed_on', 'is', null).where('a.due_day', '<', f.overdueOn);
  if (f.notOverdueOn) {
    const today = f.notOverdueOn;
    q = q.where((eb) => eb.or([eb('a.closed_on', 'is not', null), eb('a.due_day', 'is', null), eb('a.due_day', '>=', today)]));
  }
  if (f.manyRuns === true) q = q.where('a.runs', '>', 1);
  if (f.manyRuns === false) q = q.where('a.runs', '<=', 1);
  const closed = f.closedIn ? periodDays(f.closedIn) : null;
  if (closed) q = q.where('a.closed_on', '>=', closed.from).where('a.closed_on', '<=', closed.to);
  return q;
}

/**
 * The list's total from the `app-status` roll-ups of the range's unit when it filters by range,
 * status and item only: exact, and one read of a few rows however many applications there are
 * (a capped count read 10,000 rows with their joins: 26 ms for a province at 100,000, measured).
 * Undefined for the other filters, which the roll-ups do not split by.
 */
async function totalFromRollups(scope: Scope, db: Db, f: ApplicationFilter): Promise<number | undefined> {
  if (f.recipientId || f.overdueOn || f.notOverdueOn || f.manyRuns !== undefined || f.closedIn) return undefined;
  const unitId = pathUnits(f.unitPath ?? scope.path).at(-1);
  if (!unitId) return undefined;
  const rows = await rollupsOf(db, [unitId], [APP_METRICS.status]);
  return rows
    .filter((r) => {
      const [status, itemId] = r.bucket.split('|');
      return (!f.status || status === f.status) && (!f.itemId || itemId === f.itemId);
    })
    .reduce((sum, r) => sum + Number(r.n), 0);
}

/** Matches in range above which the list walks its order's index (see listApplications). */
export const LIST_WALK_AFTER = 200;

/**
 * A page of the list, in one of two ways picked from the capped count of the matches (read on the
 * (org_path, updated_at) range): up to LIST_WALK_AFTER, read the range and sort those few (a
 * village); above it, walk the order's own index (migration 0030) and keep the rows in range until
 * the page is full (a county or province over 100,000 applications: a few hundred index entries,
 * not the whole range sorted). SQLite has no statistics, so the range is hidden from it on the walk
 * (inScopeAsFilter); PostgreSQL estimates the range's share from its statistics and picks itself.
 * Ties break on id in the order's direction, so one index gives the whole order.
 */
export async function listApplications(scope: Scope, db: Db, f: ApplicationFilter & { page: number; pageSize: number; sort: 'updated' | 'due' | 'opened' }) {
  const fromRollups = await totalFromRollups(scope, db, f);
  const counted = fromRollups === undefined ? await cappedCount(db, filtered(scope, db, f)) : { total: fromRollups, totalCapped: false };
  const walk = counted.total > LIST_WALK_AFTER && dialectOf(db) === 'sqlite';
  let ordered = filtered(scope, db, f, walk);
  if (f.sort === 'due') ordered = ordered.orderBy('a.due_day').orderBy('a.id');
  else if (f.sort === 'opened') ordered = ordered.orderBy('a.opened_on', 'desc').orderBy('a.id', 'desc');
  else ordered = ordered.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc');
  const items = await ordered.limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...counted };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function applicationChunk(scope: Scope, db: Db, f: ApplicationFilter, after: { path: string; id: string } | null, limit: number): Promise<ApplicationRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('a.org_path', '>', after.path), eb.and([eb('a.org_path', '=', after.path), eb('a.id', '>', after.id)])]));
  return q.orderBy('a.org_path').orderBy('a.id').limit(limit).execute();
}

// ---- visits: runs and home services ----

export async function runsOf(db: Tx, applicationId: string): Promise<number> {
  const r = await db.selectFrom('applications').select('runs').where('id', '=', applicationId).executeTakeFirst();
  return r?.runs ?? 0;
}

/** Stores a visit and moves the application's run or home-service count (one row, in scope). Returns the runs before. */
export async function insertVisit(scope: Scope, db: Tx, row: Stored<ApplicationVisitTable>): Promise<number> {
  if (!pathInScope(scope, row.org_path)) throw new Error('visit outside scope');
  const before = await runsOf(db, row.application_id);
  await db.insertInto('application_visits').values(row).execute();
  const res = await db
    .updateTable('applications')
    .set((eb) => (row.kind === 'run' ? { runs: eb('runs', '+', 1) } : { home_services: eb('home_services', '+', 1) }))
    .where('id', '=', row.application_id)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new Error('visit of an application outside scope');
  return before;
}

export async function visitsOf(scope: Scope, db: Tx, applicationId: string) {
  return db
    .selectFrom('application_visits')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where(inScope(scope, 'org_path'))
    .orderBy('day')
    .orderBy('created_at')
    .execute();
}

// ---- units ----

/** The units on a path (root first) with their level and name. */
export async function unitsOnPathUnscoped(db: Tx, path: string) {
  const ids = pathUnits(path);
  const rows = await db.selectFrom('org_units').select(['id', 'level', 'name']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => !!r);
}

/** Whose applications a public account sees: those it applied for online, and those of the registry person it is linked to. */
export type ApplicantOwner = { accountId: string; recipientId: string | null };

function ofOwner(db: SystemDb | Tx, owner: ApplicantOwner) {
  return base(db).where((eb) => (owner.recipientId ? eb.or([eb('a.public_account_id', '=', owner.accountId), eb('a.recipient_id', '=', owner.recipientId)]) : eb('a.public_account_id', '=', owner.accountId)));
}

/** 我的: the applications of a public account (its own online ones and its linked person's), newest first. */
export async function applicationsOfOwnerUnscoped(db: SystemDb | Tx, owner: ApplicantOwner, limit: number): Promise<ApplicationRow[]> {
  return ofOwner(db, owner).orderBy('a.opened_on', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

export async function countApplicationsOfOwnerUnscoped(db: SystemDb, owner: ApplicantOwner): Promise<number> {
  const r = await db
    .selectFrom('applications as a')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => (owner.recipientId ? eb.or([eb('a.public_account_id', '=', owner.accountId), eb('a.recipient_id', '=', owner.recipientId)]) : eb('a.public_account_id', '=', owner.accountId)))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One application of a public account (its own or its linked person's), or undefined: another's is not found. */
export async function applicationOfOwnerUnscoped(db: SystemDb | Tx, owner: ApplicantOwner, id: string): Promise<ApplicationRow | undefined> {
  return ofOwner(db, owner).where('a.id', '=', id).executeTakeFirst();
}

/** The application of a query code's keyed hash (the public query; the number is checked by the caller). */
export async function applicationByQueryCodeUnscoped(db: SystemDb | Tx, codeHash: string): Promise<ApplicationRow | undefined> {
  return base(db).where('a.query_code_hash', '=', codeHash).executeTakeFirst();
}

/** The case payload of an application (the public views read it without a staff session). */
export async function applicationPayloadUnscoped(db: SystemDb | Tx, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('cases').select('payload').where('id', '=', id).executeTakeFirst();
  return r?.payload;
}

/** The next 办件编号 of a year (one counter row per year, incremented inside the receiving transaction). */
export async function nextApplicationNoUnscoped(db: Tx, year: number): Promise<number> {
  const r = await db
    .insertInto('application_counters')
    .values({ year, last_no: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_no: sql`application_counters.last_no + 1` }))
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return Number(r.last_no);
}

/** The registry status of an applicant (approval waits for 信息采集审核). */
export async function recipientStatusUnscoped(db: Tx, recipientId: string): Promise<string | undefined> {
  const r = await db.selectFrom('recipients').select('status').where('id', '=', recipientId).executeTakeFirst();
  return r?.status;
}

/** A village by id, active (an online application's unit). */
export async function villageUnscoped(db: Tx, id: string) {
  return db.selectFrom('org_units').select(['id', 'path', 'name', 'level']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

/**
 * The people whose applications 办件 were opened in the unit's subtree between two days inclusive:
 * a satisfaction survey's population (surveys, issue 16). Ids only.
 */
export async function recipientsAppliedUnscoped(db: Db | Tx, unitPath: string, from: string, to: string, limit = 200_000): Promise<string[]> {
  const rows = await db
    .selectFrom('applications')
    .select('recipient_id')
    .distinct()
    .where(pathWithin('org_path', unitPath))
    .where('opened_on', '>=', from)
    .where('opened_on', '<=', to)
    .limit(limit)
    .execute();
  return rows.map((r) => r.recipient_id);
}
