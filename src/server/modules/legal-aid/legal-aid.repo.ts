// The only place with SQL for legal aid 法律援助: the cases' rows and the directory 名录 of partner
// institutions. Every query takes the caller's scope first and filters with the jurisdiction guard.
// A directory entry is seen in the range of the unit that keeps it and by the units below that unit
// (a village refers to its county's legal aid center, as the service catalog reaches down).
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { LegalAidCaseTable, LegalAidPartnerTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathAtOrAbove, pathInScope, pathIsWithin, pathWithin, rangeHolds, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

// ---- cases ----

function base(db: Tx) {
  return db
    .selectFrom('legal_aid_cases as c')
    .innerJoin('org_units as u', 'u.id', 'c.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'c.recipient_id')
    .leftJoin('legal_aid_partners as p', 'p.id', 'c.partner_id')
    .selectAll('c')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked', 'p.name as partner_name']);
}
export type LegalAidRow = LegalAidCaseTable & { org_unit_name: string; recipient_name: string; recipient_id_masked: string; partner_name: string | null };

export async function getLegalAid(scope: Scope, db: Tx, id: string): Promise<LegalAidRow | undefined> {
  return base(db).where('c.id', '=', id).where(inScope(scope, 'c.org_path')).executeTakeFirst();
}

export type LegalAidFilter = {
  unitPath?: string;
  recipientId?: string;
  status?: string;
  route?: string;
  matterKind?: string;
  partnerId?: string;
  /** referred cases whose acknowledgement day has passed (true) or the others (false), as of `today` */
  ackOverdue?: boolean;
  today: string;
};

function filtered(scope: Scope, db: Tx, f: LegalAidFilter) {
  let q = base(db).where(inScope(scope, 'c.org_path'));
  if (f.unitPath) q = q.where(pathWithin('c.org_path', f.unitPath));
  if (f.recipientId) q = q.where('c.recipient_id', '=', f.recipientId);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.route) q = q.where('c.route', '=', f.route);
  if (f.matterKind) q = q.where('c.matter_kind', '=', f.matterKind);
  if (f.partnerId) q = q.where('c.partner_id', '=', f.partnerId);
  if (f.ackOverdue === true) q = q.where('c.status', '=', 'referred').where('c.ack_due_day', '<', f.today);
  if (f.ackOverdue === false) q = q.where((eb) => eb.or([eb('c.status', '<>', 'referred'), eb('c.ack_due_day', '>=', f.today)]));
  return q;
}

const sortColumns = { appliedOn: 'c.applied_on', ackDueDay: 'c.ack_due_day', updatedAt: 'c.updated_at' } as const;

export async function listLegalAid(scope: Scope, db: Db, f: LegalAidFilter & { page: number; pageSize: number; sort: keyof typeof sortColumns; order: 'asc' | 'desc' }) {
  const q = filtered(scope, db, f);
  const items = await q
    .orderBy(sortColumns[f.sort], f.order)
    .orderBy('c.id', f.order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, q)) };
}

/** The ledger's rows in unit order, a chunk at a time after (org_path, id). */
export async function legalAidChunk(scope: Scope, db: Db, f: LegalAidFilter, after: { path: string; id: string } | null, limit: number): Promise<LegalAidRow[]> {
  let q = filtered(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('c.org_path', '>', after.path), eb.and([eb('c.org_path', '=', after.path), eb('c.id', '>', after.id)])]));
  return q.orderBy('c.org_path').orderBy('c.id').limit(limit).execute();
}

export async function insertLegalAid(scope: Scope, db: Tx, row: Stored<LegalAidCaseTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('legal aid case outside scope');
  await db.insertInto('legal_aid_cases').values(row).execute();
}

/** Counts of the range under `unitPath`: by status and route, and the acknowledgements on time / late / overdue. */
/**
 * Figures of a unit's range (grouped queries, no rows read): with a period, the cases applied for in
 * it by status and route, the acknowledgements given in it, the cases closed in it; without one, all
 * time. Referrals waiting past their day are counted now. `byPath` counts applied and closed per unit.
 */
export async function legalAidFigureRows(scope: Scope, db: Db, unitPath: string, today: string, period?: { from: string; to: string }) {
  const q = db.selectFrom('legal_aid_cases as c').where(inScope(scope, 'c.org_path')).where(pathWithin('c.org_path', unitPath));
  const within = (col: 'c.applied_on' | 'c.acknowledged_on' | 'c.closed_on') => (period ? sql<boolean>`(${sql.ref(col)} >= ${period.from} and ${sql.ref(col)} <= ${period.to})` : sql<boolean>`(${sql.ref(col)} is not null)`);
  const appliedIn = period ? q.where('c.applied_on', '>=', period.from).where('c.applied_on', '<=', period.to) : q;
  const closedIn = period ? within('c.closed_on') : sql<boolean>`(c.status = 'closed')`;
  const [groups, ack, byPath] = await Promise.all([
    appliedIn.select(['c.status', 'c.route', sql<number>`count(*)`.as('n')]).groupBy(['c.status', 'c.route']).execute(),
    q
      .select([
        sql<number>`sum(case when ${within('c.acknowledged_on')} and c.acknowledged_on <= c.ack_due_day then 1 else 0 end)`.as('on_time'),
        sql<number>`sum(case when ${within('c.acknowledged_on')} and c.acknowledged_on > c.ack_due_day then 1 else 0 end)`.as('late'),
        sql<number>`sum(case when c.status = 'referred' and c.ack_due_day < ${today} then 1 else 0 end)`.as('overdue'),
        sql<number>`sum(case when ${closedIn} then 1 else 0 end)`.as('closed'),
      ])
      .executeTakeFirstOrThrow(),
    q
      .select(['c.org_path', sql<number>`sum(case when ${within('c.applied_on')} then 1 else 0 end)`.as('applied'), sql<number>`sum(case when ${closedIn} then 1 else 0 end)`.as('closed')])
      .groupBy('c.org_path')
      .execute(),
  ]);
  return {
    groups: groups.map((g) => ({ status: g.status, route: g.route, n: Number(g.n) })),
    onTime: Number(ack.on_time ?? 0),
    late: Number(ack.late ?? 0),
    overdue: Number(ack.overdue ?? 0),
    closed: Number(ack.closed ?? 0),
    byPath: byPath.map((r) => ({ path: r.org_path, applied: Number(r.applied ?? 0), closed: Number(r.closed ?? 0) })),
  };
}

/** The active child units of a unit within the caller's range, in code order (for figures by unit). */
export async function childUnitsInScope(scope: Scope, db: Db, unitId: string) {
  return db.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', '=', unitId).where('active', '=', 1).where(inScope(scope, 'path')).orderBy('code').execute();
}

/** Counts per path split into the unit's own level (when it has any) and each child unit's subtree. */
export function splitByChild<T extends { path: string }, K extends string>(unit: { id: string; name: string; path: string }, children: { id: string; name: string; path: string }[], rows: T[], keys: readonly K[], value: (r: T, k: K) => number) {
  const sum = (rs: T[]) => Object.fromEntries(keys.map((k) => [k, rs.reduce((s, r) => s + value(r, k), 0)])) as Record<K, number>;
  const out = children.map((c) => ({ key: c.id, label: c.name, ...sum(rows.filter((r) => pathIsWithin(r.path, c.path))) }));
  const own = rows.filter((r) => r.path === unit.path);
  const ownSum = sum(own);
  if (keys.some((k) => ownSum[k] > 0)) out.unshift({ key: unit.id, label: `${unit.name}（本级）`, ...ownSum });
  return out;
}

// ---- the directory 名录 ----

function partners(db: Tx) {
  return db.selectFrom('legal_aid_partners as p').innerJoin('org_units as u', 'u.id', 'p.org_unit_id').selectAll('p').select('u.name as org_unit_name');
}
export type PartnerRow = LegalAidPartnerTable & { org_unit_name: string };

/** What the caller sees of the directory: entries in the range, and those kept by the units above the caller's unit. */
const partnerVisible = (scope: Scope) => sql<boolean>`(${inScope(scope, 'p.org_path')} or ${pathAtOrAbove('p.org_path', scope.path)})`;

export async function listPartners(scope: Scope, db: Tx, f: { forUnitPath?: string; kind?: string; active?: boolean }): Promise<PartnerRow[]> {
  let q = partners(db).where(partnerVisible(scope));
  if (f.forUnitPath) q = q.where(rangeHolds('p.org_path', f.forUnitPath));
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('p.active', '=', f.active ? 1 : 0);
  return q.orderBy('p.org_path').orderBy('p.kind').orderBy('p.name').limit(1000).execute();
}

/** One entry the caller may change: kept in the caller's range. */
export async function partnerInScope(scope: Scope, db: Tx, id: string): Promise<PartnerRow | undefined> {
  return partners(db).where('p.id', '=', id).where(inScope(scope, 'p.org_path')).executeTakeFirst();
}

/** One entry the caller sees (in range or kept above the caller's unit). */
export async function partnerVisibleTo(scope: Scope, db: Tx, id: string): Promise<PartnerRow | undefined> {
  return partners(db).where('p.id', '=', id).where(partnerVisible(scope)).executeTakeFirst();
}

/** An entry a case of `casePath` may be referred to: kept at that unit or above it, and seen by the caller. */
export async function partnerForCase(scope: Scope, db: Tx, id: string, casePath: string): Promise<PartnerRow | undefined> {
  return partners(db).where('p.id', '=', id).where(partnerVisible(scope)).where(rangeHolds('p.org_path', casePath)).executeTakeFirst();
}

export async function insertPartner(scope: Scope, db: Tx, row: Stored<LegalAidPartnerTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('legal aid partner outside scope');
  await db.insertInto('legal_aid_partners').values(row).execute();
}

/** Changes an entry of the range at its version; false when none matched (stale or gone). */
export async function updatePartner(
  scope: Scope,
  db: Tx,
  id: string,
  version: number,
  patch: Pick<LegalAidPartnerTable, 'name' | 'kind' | 'address' | 'phone' | 'lawyers' | 'areas' | 'active' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('legal_aid_partners')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- units, recipients ----

export { unitInScope } from '../../platform/scope-units.repo';

export { countyOfPathUnscoped } from '../../platform/scope-units.repo';

/** An unmerged recipient of the caller's range, with its unit. */
export async function recipientInScope(scope: Scope, db: Tx, id: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'org_unit_id', 'org_path', 'status'])
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}
