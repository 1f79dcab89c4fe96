// The only place with SQL for public-opinion reports 舆情 and their signing chain. A report is
// scoped by the reporting unit's path, so it is visible to that unit and every unit above it; its
// levels are always read through the report's guard.
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { OpinionReportLevelTable, OpinionReportTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

function base(db: Tx) {
  return db.selectFrom('opinion_reports as r').innerJoin('org_units as u', 'u.id', 'r.org_unit_id').selectAll('r').select(['u.name as org_unit_name']);
}
export type ReportRow = OpinionReportTable & { org_unit_name: string };
export type LevelRow = OpinionReportLevelTable & { unit_name: string };

export async function getReport(scope: Scope, db: Tx, id: string): Promise<ReportRow | undefined> {
  return base(db).where('r.id', '=', id).where(inScope(scope, 'r.org_path')).executeTakeFirst();
}

/** The signing entries of reports the caller sees, in chain order. */
export async function levelsOf(scope: Scope, db: Tx, reportIds: string[]): Promise<LevelRow[]> {
  if (!reportIds.length) return [];
  return db
    .selectFrom('opinion_report_levels as l')
    .innerJoin('opinion_reports as r', 'r.id', 'l.report_id')
    .innerJoin('org_units as u', 'u.id', 'l.level_unit_id')
    .selectAll('l')
    .select('u.name as unit_name')
    .where('l.report_id', 'in', reportIds)
    .where(inScope(scope, 'r.org_path'))
    .orderBy('l.report_id')
    .orderBy('l.seq')
    .execute();
}

export type ReportFilter = {
  unitPath?: string;
  level?: string;
  status?: string;
  /** reports waiting on this unit: its entry not acknowledged, or it is expected to act */
  inboxUnitId?: string;
  q?: string;
};

function filtered(scope: Scope, db: Tx, f: ReportFilter) {
  let q = base(db).where(inScope(scope, 'r.org_path'));
  if (f.unitPath) q = q.where(pathWithin('r.org_path', f.unitPath));
  if (f.level) q = q.where('r.level', '=', f.level);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.q) q = q.where((eb) => eb.or([eb('r.summary', 'like', `%${f.q}%`), eb('r.source', 'like', `%${f.q}%`), eb('r.people', 'like', `%${f.q}%`)]));
  if (f.inboxUnitId) {
    const unitId = f.inboxUnitId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('opinion_report_levels as l')
          .select('l.id')
          .whereRef('l.report_id', '=', 'r.id')
          .where('l.level_unit_id', '=', unitId)
          .where((w) => w.or([w('l.acknowledged_at', 'is', null), w.and([w('r.status', '=', 'open'), w('l.decision', 'is', null), w('l.seq', '=', w.ref('r.acting_seq'))])])),
      ),
    );
  }
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
  return { items, ...(await cappedCount(q)) };
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

export async function insertReport(scope: Scope, db: Tx, row: Stored<OpinionReportTable>, levels: Stored<OpinionReportLevelTable, 'level_path'>[]): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('report outside scope');
  await db.insertInto('opinion_reports').values(row).execute();
  await db.insertInto('opinion_report_levels').values(levels).execute();
}

/** Signs a level's entry once; 0 rows when already signed or the report is not the caller's to see. */
export async function acknowledgeLevel(scope: Scope, db: Tx, reportId: string, levelUnitId: string, at: string, byName: string): Promise<number> {
  const report = await getReport(scope, db, reportId);
  if (!report) return 0;
  const r = await db
    .updateTable('opinion_report_levels')
    .set({ acknowledged_at: at, acknowledged_by_name: byName })
    .where('report_id', '=', reportId)
    .where('level_unit_id', '=', levelUnitId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Records the acting level's decision (signing it too if not yet) and moves the report on, with the version seen. */
export async function decideLevel(
  scope: Scope,
  db: Tx,
  reportId: string,
  version: number,
  seq: number,
  level: Pick<OpinionReportLevelTable, 'decision' | 'measures' | 'decided_at' | 'decided_by_name' | 'acknowledged_at' | 'acknowledged_by_name'>,
  report: Pick<OpinionReportTable, 'status' | 'acting_seq' | 'updated_at'>,
): Promise<number> {
  const r = await db
    .updateTable('opinion_reports')
    .set({ ...report, version: version + 1 })
    .where('id', '=', reportId)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .where('acting_seq', '=', seq)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return 0;
  await db.updateTable('opinion_report_levels').set(level).where('report_id', '=', reportId).where('seq', '=', seq).execute();
  return 1;
}

/** Bumps the version after a signature, so a form opened before it reloads. */
export async function touchReport(scope: Scope, db: Tx, reportId: string, at: string): Promise<void> {
  await db
    .updateTable('opinion_reports')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', reportId)
    .where(inScope(scope, 'org_path'))
    .execute();
}

// ---- the work queue ----

export type PendingRow = LevelRow & { report: ReportRow };

/** Entries of the unit waiting on it: not signed, or signed and expected to act. */
export async function pendingForUnit(scope: Scope, db: Db, unitId: string, limit: number) {
  return db
    .selectFrom('opinion_report_levels as l')
    .innerJoin('opinion_reports as r', 'r.id', 'l.report_id')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .select(['r.id', 'r.summary', 'r.level', 'r.source', 'r.reported_at', 'r.status', 'r.acting_seq', 'u.name as org_unit_name', 'l.seq', 'l.acknowledged_at', 'l.decision'])
    .where('l.level_unit_id', '=', unitId)
    .where(inScope(scope, 'r.org_path'))
    .where((w) => w.or([w('l.acknowledged_at', 'is', null), w.and([w('r.status', '=', 'open'), w('l.decision', 'is', null), w('l.seq', '=', w.ref('r.acting_seq'))])]))
    .orderBy('r.reported_at')
    .limit(limit)
    .execute();
}
