// The only place with SQL for public-opinion reports 舆情 (the report's own row; its state, chain
// and signing log are its case's, in the kernel). A report is scoped by the reporting unit's path,
// so it is visible to that unit and every unit above it.
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { OpinionReportTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

function base(db: Tx) {
  return db.selectFrom('opinion_reports as r').innerJoin('org_units as u', 'u.id', 'r.org_unit_id').selectAll('r').select(['u.name as org_unit_name']);
}
export type ReportRow = OpinionReportTable & { org_unit_name: string };

export async function getReport(scope: Scope, db: Tx, id: string): Promise<ReportRow | undefined> {
  return base(db).where('r.id', '=', id).where(inScope(scope, 'r.org_path')).executeTakeFirst();
}

export type ReportFilter = {
  unitPath?: string;
  level?: string;
  status?: string;
  /** reports waiting on this unit: to sign, or to handle or pass up */
  inboxUnitId?: string;
  q?: string;
};

function filtered(scope: Scope, db: Tx, f: ReportFilter) {
  let q = base(db).where(inScope(scope, 'r.org_path'));
  if (f.unitPath) q = q.where(pathWithin('r.org_path', f.unitPath));
  if (f.level) q = q.where('r.level', '=', f.level);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.q) q = q.where((eb) => eb.or([eb('r.summary', 'like', `%${f.q}%`), eb('r.source', 'like', `%${f.q}%`), eb('r.people', 'like', `%${f.q}%`)]));
  // reports waiting on this unit (the case's waiting unit, mirrored)
  if (f.inboxUnitId) q = q.where('r.waiting_unit_id', '=', f.inboxUnitId);
  return q;
}

export async function listReports(scope: Scope, db: Db, f: ReportFilter & { page: number; pageSize: number }) {
  const q = filtered(scope, db, f);
  const items = await q
    .orderBy('r.reported_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows, oldest first, a chunk at a time after (reported_at, id). */
export async function reportChunk(scope: Scope, db: Db, f: ReportFilter, after: { at: string; id: string } | null, limit: number): Promise<ReportRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('r.reported_at', '>', after.at), eb.and([eb('r.reported_at', '=', after.at), eb('r.id', '>', after.id)])]));
  return q.orderBy('r.reported_at').orderBy('r.id').limit(limit).execute();
}

/**
 * The reporting unit and its ancestors (ids from its path), for the signing chain. The org-unit
 * tree itself is public (the directory shows it), so this reads units above the caller's range.
 */
export async function chainUnitsUnscoped(db: Tx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('org_units').select(['id', 'path', 'level', 'name', 'depth']).where('id', 'in', ids).execute();
}

/** The report's own row, inserted by the kernel's openCase (`record`) after its case row. */
export async function insertReport(scope: Scope, db: Tx, row: Stored<OpinionReportTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('report outside scope');
  await db.insertInto('opinion_reports').values(row).execute();
}
