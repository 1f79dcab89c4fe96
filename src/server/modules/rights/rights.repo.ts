// The only place with SQL for rights cases 权益维护. Every query takes the caller's scope first and
// filters with the jurisdiction guard (the case's range, and grants: an escalated case stays
// visible to the unit that escalated it).
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { RightsCaseTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, visibleTo, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

const guard = { recordType: 'case', idColumn: 'rc.id', pathColumn: 'rc.org_path' };

function base(db: Tx) {
  return db
    .selectFrom('rights_cases as rc')
    .innerJoin('org_units as u', 'u.id', 'rc.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'rc.recipient_id')
    .innerJoin('cases as c', 'c.id', 'rc.id')
    .selectAll('rc')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked', 'c.payload as payload']);
}
export type RightsRow = RightsCaseTable & { org_unit_name: string; recipient_name: string; recipient_id_masked: string; payload: string };

export async function getRightsCase(scope: Scope, db: Tx, id: string): Promise<RightsRow | undefined> {
  return base(db).where('rc.id', '=', id).where(visibleTo(scope, guard)).executeTakeFirst();
}

export type RightsFilter = {
  unitPath?: string;
  recipientId?: string;
  status?: string;
  kind?: string;
  partyKind?: string;
  open?: boolean;
  /** open cases whose due day has passed (true) or not (false), as of `today` */
  overdue?: boolean;
  openedFrom?: string;
  openedTo?: string;
  today: string;
};

const OPEN = ['verifying', 'supervising'];

function filtered(scope: Scope, db: Tx, f: RightsFilter) {
  let q = base(db).where(visibleTo(scope, guard));
  if (f.unitPath) q = q.where(pathWithin('rc.org_path', f.unitPath));
  if (f.recipientId) q = q.where('rc.recipient_id', '=', f.recipientId);
  if (f.status) q = q.where('rc.status', '=', f.status);
  if (f.kind) q = q.where('rc.kind', '=', f.kind);
  if (f.partyKind) q = q.where('rc.party_kind', '=', f.partyKind);
  if (f.open === true) q = q.where('rc.status', 'in', OPEN);
  if (f.open === false) q = q.where('rc.status', 'not in', OPEN);
  if (f.overdue === true) q = q.where('rc.status', 'in', OPEN).where('rc.due_day', '<', f.today);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('rc.status', 'not in', OPEN), eb('rc.due_day', 'is', null), eb('rc.due_day', '>=', f.today)]));
  if (f.openedFrom) q = q.where('rc.opened_on', '>=', f.openedFrom);
  if (f.openedTo) q = q.where('rc.opened_on', '<=', f.openedTo);
  return q;
}

const sortColumns = { openedOn: 'rc.opened_on', dueDay: 'rc.due_day', updatedAt: 'rc.updated_at' } as const;

export async function listRightsCases(scope: Scope, db: Db, f: RightsFilter & { page: number; pageSize: number; sort: keyof typeof sortColumns; order: 'asc' | 'desc' }) {
  const q = filtered(scope, db, f);
  const items = await q
    .orderBy(sql`case when ${sql.ref(sortColumns[f.sort])} is null then 1 else 0 end`)
    .orderBy(sortColumns[f.sort], f.order)
    .orderBy('rc.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function rightsChunk(scope: Scope, db: Db, f: RightsFilter, after: { path: string; id: string } | null, limit: number): Promise<RightsRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('rc.org_path', '>', after.path), eb.and([eb('rc.org_path', '=', after.path), eb('rc.id', '>', after.id)])]));
  return q.orderBy('rc.org_path').orderBy('rc.id').limit(limit).execute();
}

export async function insertRightsCase(scope: Scope, db: Tx, row: Stored<RightsCaseTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('rights case outside scope');
  await db.insertInto('rights_cases').values(row).execute();
}

/** A registered, unmerged recipient of the caller's range. */
export async function recipientInScope(scope: Scope, db: Tx, id: string) {
  return db.selectFrom('recipients').select(['id', 'name', 'org_unit_id', 'org_path', 'status']).where('id', '=', id).where('merged_into', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirst();
}

/** Figures of a unit's range for a period (one grouped query): opened in it, closed in it (on time or not), open now (overdue or not). */
export async function rightsFigureRows(scope: Scope, db: Db, unitPath: string, from: string, to: string, today: string) {
  const r = await db
    .selectFrom('rights_cases as rc')
    .where(inScope(scope, 'rc.org_path'))
    .where(pathWithin('rc.org_path', unitPath))
    .select([
      sql<number>`sum(case when rc.opened_on >= ${from} and rc.opened_on <= ${to} then 1 else 0 end)`.as('opened'),
      sql<number>`sum(case when rc.closed_on >= ${from} and rc.closed_on <= ${to} then 1 else 0 end)`.as('closed'),
      sql<number>`sum(case when rc.closed_on >= ${from} and rc.closed_on <= ${to} and rc.on_time = 1 then 1 else 0 end)`.as('closed_on_time'),
      sql<number>`sum(case when rc.status in ('verifying', 'supervising') then 1 else 0 end)`.as('open'),
      sql<number>`sum(case when rc.status in ('verifying', 'supervising') and rc.due_day < ${today} then 1 else 0 end)`.as('open_overdue'),
    ])
    .executeTakeFirstOrThrow();
  const byKind = await db
    .selectFrom('rights_cases as rc')
    .where(inScope(scope, 'rc.org_path'))
    .where(pathWithin('rc.org_path', unitPath))
    .where('rc.opened_on', '>=', from)
    .where('rc.opened_on', '<=', to)
    .select(['rc.kind', sql<number>`count(*)`.as('n')])
    .groupBy('rc.kind')
    .execute();
  return { totals: r, byKind };
}
