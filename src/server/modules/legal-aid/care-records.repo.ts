// The only place with SQL for care records 关爱服务记录: the records and the persons concerned.
// Every query takes the caller's scope first and filters with the jurisdiction guard; the persons'
// rows stand under the record's unit.
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { CareRecordPersonTable, CareRecordTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

function base(db: Tx) {
  return db
    .selectFrom('care_records as c')
    .innerJoin('org_units as u', 'u.id', 'c.org_unit_id')
    .selectAll('c')
    .select(['u.name as org_unit_name'])
    .select((eb) => eb.selectFrom('care_record_people as p').whereRef('p.record_id', '=', 'c.id').select((e) => e.fn.countAll<number>().as('n')).as('people_count'));
}
export type CareRecordRow = CareRecordTable & { org_unit_name: string; people_count: number | string | null };

export type CareRecordFilter = { kind?: string; unitPath?: string; recipientId?: string; from?: string; to?: string };

function filtered(scope: Scope, db: Tx, f: CareRecordFilter) {
  let q = base(db).where(inScope(scope, 'c.org_path'));
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.unitPath) q = q.where(pathWithin('c.org_path', f.unitPath));
  if (f.from) q = q.where('c.day', '>=', f.from);
  if (f.to) q = q.where('c.day', '<=', f.to);
  const rid = f.recipientId;
  if (rid) q = q.where((eb) => eb.exists(eb.selectFrom('care_record_people as pr').select('pr.id').whereRef('pr.record_id', '=', 'c.id').where('pr.recipient_id', '=', rid)));
  return q;
}

export async function getCareRecord(scope: Scope, db: Tx, id: string): Promise<CareRecordRow | undefined> {
  return base(db).where('c.id', '=', id).where(inScope(scope, 'c.org_path')).executeTakeFirst();
}

export async function listCareRecords(scope: Scope, db: Db, f: CareRecordFilter & { page: number; pageSize: number; order: 'asc' | 'desc' }) {
  const q = filtered(scope, db, f);
  const items = await q
    .orderBy('c.day', f.order)
    .orderBy('c.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, day, id). */
export async function careRecordChunk(scope: Scope, db: Db, f: CareRecordFilter, after: { path: string; id: string } | null, limit: number): Promise<CareRecordRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('c.org_path', '>', after.path), eb.and([eb('c.org_path', '=', after.path), eb('c.id', '>', after.id)])]));
  return q.orderBy('c.org_path').orderBy('c.id').limit(limit).execute();
}

export type CarePersonRow = { record_id: string; recipient_id: string; note: string; recipient_name: string; recipient_id_masked: string };

/** The persons of some records of the range, in name order. */
export async function peopleOf(scope: Scope, db: Tx, recordIds: string[]): Promise<CarePersonRow[]> {
  if (!recordIds.length) return [];
  return db
    .selectFrom('care_record_people as p')
    .innerJoin('recipients as r', 'r.id', 'p.recipient_id')
    .select(['p.record_id', 'p.recipient_id', 'p.note', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked'])
    .where('p.record_id', 'in', recordIds)
    .where(inScope(scope, 'p.org_path'))
    .orderBy('p.record_id')
    .orderBy('r.name')
    .execute();
}

export async function insertCareRecord(scope: Scope, db: Tx, row: Stored<CareRecordTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('care record outside scope');
  await db.insertInto('care_records').values(row).execute();
}

export async function insertCarePeople(scope: Scope, db: Tx, rows: Stored<CareRecordPersonTable>[]): Promise<void> {
  if (!rows.length) return;
  if (rows.some((r) => !pathInScope(scope, r.org_path))) throw new Error('care record person outside scope');
  await db.insertInto('care_record_people').values(rows).execute();
}

export async function deleteCarePeople(scope: Scope, db: Tx, recordId: string): Promise<void> {
  await db.deleteFrom('care_record_people').where('record_id', '=', recordId).where(inScope(scope, 'org_path')).execute();
}

/** Changes a record of the range at its version; false when none matched (stale or gone). */
export async function updateCareRecord(
  scope: Scope,
  db: Tx,
  id: string,
  version: number,
  patch: Pick<CareRecordTable, 'day' | 'title' | 'place' | 'organiser' | 'by_name' | 'summary' | 'details_enc' | 'headcount' | 'extra' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('care_records')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Unmerged, entered (not draft/returned) recipients of the caller's range among `ids`. */
export async function recipientsInScope(scope: Scope, db: Tx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'org_path', 'status'])
    .where('id', 'in', ids)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .execute();
}

/**
 * Figures of a unit's range for a period (grouped, no rows read): per record path and kind, the
 * records, their headcount and the registered persons concerned (attendance rows).
 */
export async function careFigureRows(scope: Scope, db: Db, unitPath: string, from: string, to: string) {
  const inRange = () =>
    db
      .selectFrom('care_records as c')
      .where(inScope(scope, 'c.org_path'))
      .where(pathWithin('c.org_path', unitPath))
      .where('c.day', '>=', from)
      .where('c.day', '<=', to);
  const [records, people] = await Promise.all([
    inRange()
      .select(['c.org_path', 'c.kind', sql<number>`count(*)`.as('records'), sql<number>`sum(c.headcount)`.as('headcount')])
      .groupBy(['c.org_path', 'c.kind'])
      .execute(),
    inRange()
      .innerJoin('care_record_people as p', 'p.record_id', 'c.id')
      .select(['c.org_path', 'c.kind', sql<number>`count(*)`.as('people')])
      .groupBy(['c.org_path', 'c.kind'])
      .execute(),
  ]);
  const peopleOf = new Map(people.map((p) => [`${p.org_path} ${p.kind}`, Number(p.people)]));
  return records.map((r) => ({ path: r.org_path, kind: r.kind, records: Number(r.records), headcount: Number(r.headcount ?? 0), people: peopleOf.get(`${r.org_path} ${r.kind}`) ?? 0 }));
}
