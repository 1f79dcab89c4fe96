// The only place with SQL for hard problems 疑难问题: the kernel case's own rows (`hard_problems`, scoped
// by the raising unit's path). Every query that serves a request takes the caller's scope first and
// filters with the jurisdiction guard; the figures count over a range's path (platform/figures.ts).
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { HardProblemTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

export { unitInScope } from '../../platform/scope-units.repo';

/** A unit by id, whatever the caller's range: the parent a problem goes up to. */
export async function unitByIdUnscoped(db: Tx, id: string) {
  return db.selectFrom('org_units').select(['id', 'level', 'name', 'path', 'parent_id', 'active']).where('id', '=', id).executeTakeFirst();
}

/** A registered, living, unmerged recipient of the caller's range. */
export async function recipientInScope(scope: Scope, db: Tx, id: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'org_path', 'status', 'death_date'])
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

function problems(db: Tx) {
  return db
    .selectFrom('hard_problems as p')
    .innerJoin('org_units as u', 'u.id', 'p.org_unit_id')
    .leftJoin('org_units as a', 'a.id', 'p.at_unit_id')
    .leftJoin('recipients as r', 'r.id', 'p.recipient_id')
    .selectAll('p')
    .select(['u.name as org_unit_name', 'a.name as at_unit_name', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked']);
}
export type HardProblemRow = HardProblemTable & { org_unit_name: string; at_unit_name: string | null; recipient_name: string | null; recipient_id_masked: string | null };

export type HardProblemFilter = {
  unitPath?: string;
  status?: 'open' | 'resolved' | 'withdrawn';
  level?: string;
  category?: string;
  from?: string;
  to?: string;
  waitingOnUnitId?: string;
};

const OPEN = ['township', 'county', 'city'];

function filtered(scope: Scope, db: Tx, f: HardProblemFilter) {
  let q = problems(db).where(inScope(scope, 'p.org_path'));
  if (f.unitPath) q = q.where(pathWithin('p.org_path', f.unitPath));
  if (f.status === 'open') q = q.where('p.status', 'in', OPEN);
  else if (f.status) q = q.where('p.status', '=', f.status);
  if (f.level) q = q.where('p.status', '=', f.level);
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.from) q = q.where('p.reported_on', '>=', f.from);
  if (f.to) q = q.where('p.reported_on', '<=', f.to);
  if (f.waitingOnUnitId) q = q.where('p.status', 'in', OPEN).where('p.at_unit_id', '=', f.waitingOnUnitId);
  return q;
}

const sortColumns = { reportedOn: 'p.reported_on', dueDay: 'p.due_day', updatedAt: 'p.updated_at' } as const;

export async function listHardProblems(scope: Scope, db: Db, f: HardProblemFilter & { page: number; pageSize: number; sort: keyof typeof sortColumns; order: 'asc' | 'desc' }) {
  const q = filtered(scope, db, f);
  const items = (await q
    .orderBy(sql`case when ${sql.ref(sortColumns[f.sort])} is null then 1 else 0 end`)
    .orderBy(sortColumns[f.sort], f.order)
    .orderBy('p.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute()) as HardProblemRow[];
  return { items, ...(await cappedCount(db, q)) };
}

export async function hardProblemChunk(scope: Scope, db: Db, f: HardProblemFilter, after: { path: string; id: string } | null, limit: number): Promise<HardProblemRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('p.org_path', '>', after.path), eb.and([eb('p.org_path', '=', after.path), eb('p.id', '>', after.id)])]));
  return (await q.orderBy('p.org_path').orderBy('p.id').limit(limit).execute()) as HardProblemRow[];
}

export async function getHardProblem(scope: Scope, db: Tx, id: string): Promise<HardProblemRow | undefined> {
  return (await problems(db).where('p.id', '=', id).where(inScope(scope, 'p.org_path')).executeTakeFirst()) as HardProblemRow | undefined;
}

/** The open problems handled now by `unitId` (the monthly review's list), oldest report first. */
export async function openProblemsAt(scope: Scope, db: Db, unitId: string): Promise<HardProblemRow[]> {
  return (await problems(db)
    .where(inScope(scope, 'p.org_path'))
    .where('p.status', 'in', OPEN)
    .where('p.at_unit_id', '=', unitId)
    .orderBy('p.reported_on')
    .orderBy('p.id')
    .limit(1000)
    .execute()) as HardProblemRow[];
}

export async function insertHardProblem(scope: Scope, db: Tx, row: Stored<HardProblemTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('hard problem outside scope');
  await db.insertInto('hard_problems').values(row).execute();
}

// ---- figures (a range's path and a period; no caller scope: the figure registry's callers check it) ----

async function count(db: Db | Tx, build: (q: ReturnType<typeof figureBase>) => ReturnType<typeof figureBase>): Promise<number> {
  const r = await build(figureBase(db)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
function figureBase(db: Db | Tx) {
  return db.selectFrom('hard_problems');
}
type Range = { path: string; from: string; to: string };

export const hardProblemFigureCounts = {
  /** reported within the period */
  reported: (db: Db | Tx, q: Range) => count(db, (b) => b.where(pathWithin('org_path', q.path)).where('reported_on', '>=', q.from).where('reported_on', '<=', q.to)),
  /** resolved within the period */
  resolved: (db: Db | Tx, q: Range) => count(db, (b) => b.where(pathWithin('org_path', q.path)).where('status', '=', 'resolved').where('closed_on', '>=', q.from).where('closed_on', '<=', q.to)),
  /** resolved within the period by the level that got it first */
  resolvedFirstLevel: (db: Db | Tx, q: Range) =>
    count(db, (b) => b.where(pathWithin('org_path', q.path)).where('status', '=', 'resolved').where('closed_on', '>=', q.from).where('closed_on', '<=', q.to).whereRef('resolved_level', '=', 'first_level')),
  /** reported by the period's end and not closed by then */
  openAtEnd: (db: Db | Tx, q: Range) =>
    count(db, (b) => b.where(pathWithin('org_path', q.path)).where('reported_on', '<=', q.to).where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', q.to)]))),
  /** on hand during the period: reported by its end, not closed before its start, not withdrawn by its end */
  handled: (db: Db | Tx, q: Range) =>
    count(db, (b) =>
      b
        .where(pathWithin('org_path', q.path))
        .where('reported_on', '<=', q.to)
        .where((eb) => eb.or([eb('status', '<>', 'withdrawn'), eb('closed_on', '>', q.to)]))
        .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', q.from)])),
    ),
};
