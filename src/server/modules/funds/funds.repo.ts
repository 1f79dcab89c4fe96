// The only place with SQL for funds 资金来源, their movements 资金流水, share balances, payables
// 待发放 and payment batches 发放批次. Every read takes the caller's scope first and filters with the
// jurisdiction guard; a share's balance changes only together with a movement row (the service
// writes both in one transaction), and a debit is one conditional UPDATE, so two payments at the
// same moment cannot both take the last yuan.
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { FundMovementTable, FundTable, PayableTable, PaymentBatchItemTable, PaymentBatchTable } from '../../db/types';
import { inScope, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import { placedAt, type Stored, type StoredUnit } from '../../platform/stored-unit.repo';

export { unitInScope } from '../../platform/scope-units.repo';

const num = (v: unknown): number => Number(v ?? 0);

// ---- funds ----

export type FundRow = FundTable & { org_unit_name: string };

/** A fund the caller sees: owned in the range, or with a share in the range. */
function visibleFund(scope: Scope) {
  return sql<boolean>`(${inScope(scope, 'f.org_path')} or exists (select 1 from fund_balances b where b.fund_id = f.id and ${inScope(scope, 'b.org_path')}))`;
}

export async function insertFund(scope: Scope, db: Tx, row: Stored<FundTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('fund outside scope');
  await db.insertInto('funds').values(row).execute();
}

export async function getFund(scope: Scope, db: Tx, id: string): Promise<FundRow | undefined> {
  return db
    .selectFrom('funds as f')
    .innerJoin('org_units as u', 'u.id', 'f.org_unit_id')
    .selectAll('f')
    .select('u.name as org_unit_name')
    .where('f.id', '=', id)
    .where(visibleFund(scope))
    .executeTakeFirst();
}

export async function listFunds(scope: Scope, db: Db): Promise<FundRow[]> {
  return db
    .selectFrom('funds as f')
    .innerJoin('org_units as u', 'u.id', 'f.org_unit_id')
    .selectAll('f')
    .select('u.name as org_unit_name')
    .where(visibleFund(scope))
    .orderBy('f.org_path')
    .orderBy('f.created_at', 'desc')
    .limit(500)
    .execute();
}

export type ShareRow = { fund_id: string; org_unit_id: string; org_path: string; org_unit_name: string; balance_fen: number };

/** The share balances of these funds in the caller's range. */
export async function sharesOf(scope: Scope, db: Tx, fundIds: string[]): Promise<ShareRow[]> {
  if (!fundIds.length) return [];
  const rows = await db
    .selectFrom('fund_balances as b')
    .innerJoin('org_units as u', 'u.id', 'b.org_unit_id')
    .select(['b.fund_id', 'b.org_unit_id', 'b.org_path', 'u.name as org_unit_name', 'b.balance_fen'])
    .where('b.fund_id', 'in', fundIds)
    .where(inScope(scope, 'b.org_path'))
    .orderBy('b.org_path')
    .execute();
  return rows.map((r) => ({ ...r, balance_fen: num(r.balance_fen) }));
}

export async function shareBalance(scope: Scope, db: Tx, fundId: string, unitId: string): Promise<number> {
  const r = await db.selectFrom('fund_balances').select('balance_fen').where('fund_id', '=', fundId).where('org_unit_id', '=', unitId).where(inScope(scope, 'org_path')).executeTakeFirst();
  return num(r?.balance_fen);
}

/** Adds to a share (creating it), in the movement's transaction. */
export async function creditShare(db: Tx, unit: StoredUnit, fundId: string, amountFen: number): Promise<void> {
  await db
    .insertInto('fund_balances')
    .values({ fund_id: fundId, ...placedAt(unit), balance_fen: amountFen })
    .onConflict((oc) => oc.columns(['fund_id', 'org_unit_id']).doUpdateSet({ balance_fen: sql`fund_balances.balance_fen + excluded.balance_fen` }))
    .execute();
}

/** Takes from a share only if it holds the amount: false (nothing changed) otherwise. */
export async function debitShare(db: Tx, fundId: string, unitId: string, amountFen: number): Promise<boolean> {
  const r = await db
    .updateTable('fund_balances')
    .set({ balance_fen: sql`balance_fen - ${amountFen}` })
    .where('fund_id', '=', fundId)
    .where('org_unit_id', '=', unitId)
    .where('balance_fen', '>=', amountFen)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- movements ----

export async function insertMovement(db: Tx, row: Stored<FundMovementTable>): Promise<void> {
  await db.insertInto('fund_movements').values(row).execute();
}

export type MovementRow = FundMovementTable & { org_unit_name: string; from_unit_name: string | null; created_by_name: string };

/** A fund's movements the caller sees (the share's unit or an allocation's giving unit in range). */
export async function movementsOf(scope: Scope, db: Tx, fundId: string, f: { from?: string; to?: string; unitId?: string } = {}): Promise<MovementRow[]> {
  let q = db
    .selectFrom('fund_movements as m')
    .innerJoin('org_units as u', 'u.id', 'm.org_unit_id')
    .leftJoin('org_units as fu', 'fu.id', 'm.from_unit_id')
    .innerJoin('users as by', 'by.id', 'm.created_by')
    .selectAll('m')
    .select(['u.name as org_unit_name', 'fu.name as from_unit_name', 'by.display_name as created_by_name'])
    .where('m.fund_id', '=', fundId)
    .where((eb) => eb.or([inScope(scope, 'm.org_path'), eb.and([eb('fu.id', 'is not', null), inScope(scope, 'fu.path')])]));
  if (f.from) q = q.where('m.on_day', '>=', f.from);
  if (f.to) q = q.where('m.on_day', '<=', f.to);
  if (f.unitId) {
    const u = f.unitId;
    q = q.where((eb) => eb.or([eb('m.org_unit_id', '=', u), eb('m.from_unit_id', '=', u)]));
  }
  const rows = await q.orderBy('m.on_day').orderBy('m.created_at').orderBy('m.id').limit(5000).execute();
  return rows.map((r) => ({ ...r, amount_fen: num(r.amount_fen) }));
}

export type FlowSums = { income: number; allocIn: number; allocOut: number; disbursement: number; ret: number };

/**
 * The sums of a share's (or, with unitPath = the fund's range in the scope, every visible share's)
 * movements by kind over a span of days. Allocations between two shares both in the set cancel.
 */
export async function flowSums(scope: Scope, db: Tx, fundId: string, unit: { id: string } | null, span: { before?: string; from?: string; to?: string }): Promise<FlowSums> {
  let q = db
    .selectFrom('fund_movements as m')
    .leftJoin('org_units as fu', 'fu.id', 'm.from_unit_id')
    .where('m.fund_id', '=', fundId);
  if (span.before) q = q.where('m.on_day', '<', span.before);
  if (span.from) q = q.where('m.on_day', '>=', span.from);
  if (span.to) q = q.where('m.on_day', '<=', span.to);
  const inSet = unit ? sql<boolean>`m.org_unit_id = ${unit.id}` : inScope(scope, 'm.org_path');
  const fromSet = unit ? sql<boolean>`m.from_unit_id = ${unit.id}` : sql<boolean>`(fu.id is not null and ${inScope(scope, 'fu.path')})`;
  const r = await q
    .select([
      sql<number>`coalesce(sum(case when m.kind = 'income' and ${inSet} then m.amount_fen else 0 end), 0)`.as('income'),
      sql<number>`coalesce(sum(case when m.kind = 'allocation' and ${inSet} then m.amount_fen else 0 end), 0)`.as('alloc_in'),
      sql<number>`coalesce(sum(case when m.kind = 'allocation' and ${fromSet} then m.amount_fen else 0 end), 0)`.as('alloc_out'),
      sql<number>`coalesce(sum(case when m.kind = 'disbursement' and ${inSet} then m.amount_fen else 0 end), 0)`.as('disbursement'),
      sql<number>`coalesce(sum(case when m.kind = 'return' and ${inSet} then m.amount_fen else 0 end), 0)`.as('ret'),
    ])
    .executeTakeFirstOrThrow();
  return { income: num(r.income), allocIn: num(r.alloc_in), allocOut: num(r.alloc_out), disbursement: num(r.disbursement), ret: num(r.ret) };
}

/** Every share's balance recomputed from the movements (tests and checks: the roll-up must agree). */
export async function balancesFromMovementsUnscoped(db: Tx, fundId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('fund_movements')
    .select(['org_unit_id', 'from_unit_id', 'kind', 'amount_fen'])
    .where('fund_id', '=', fundId)
    .execute();
  const out = new Map<string, number>();
  const add = (u: string, n: number) => out.set(u, (out.get(u) ?? 0) + n);
  for (const r of rows) {
    const a = num(r.amount_fen);
    if (r.kind === 'disbursement') add(r.org_unit_id, -a);
    else add(r.org_unit_id, a);
    if (r.kind === 'allocation' && r.from_unit_id) add(r.from_unit_id, -a);
  }
  return out;
}

export async function balancesUnscoped(db: Tx, fundId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('fund_balances').select(['org_unit_id', 'balance_fen']).where('fund_id', '=', fundId).execute();
  return new Map(rows.map((r) => [r.org_unit_id, num(r.balance_fen)]));
}

// ---- payables ----

export async function insertPayableUnscoped(db: Tx, row: Stored<PayableTable>): Promise<void> {
  await db.insertInto('payables').values(row).execute();
}

export async function payableBySourceUnscoped(db: Tx, sourceKind: string, sourceId: string) {
  return db.selectFrom('payables').select(['id']).where('source_kind', '=', sourceKind).where('source_id', '=', sourceId).executeTakeFirst();
}

export type PayableRow = PayableTable & { org_unit_name: string; recipient_name: string };

function payables(db: Tx) {
  return db
    .selectFrom('payables as p')
    .innerJoin('org_units as u', 'u.id', 'p.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'p.recipient_id')
    .selectAll('p')
    .select(['u.name as org_unit_name', 'r.name as recipient_name']);
}
const fixPayable = (r: PayableRow): PayableRow => ({ ...r, amount_fen: num(r.amount_fen) });

export async function getPayable(scope: Scope, db: Tx, id: string): Promise<PayableRow | undefined> {
  const r = await payables(db).where('p.id', '=', id).where(inScope(scope, 'p.org_path')).executeTakeFirst();
  return r && fixPayable(r);
}

export async function payablesByIds(scope: Scope, db: Tx, ids: string[]): Promise<PayableRow[]> {
  if (!ids.length) return [];
  const rows = await payables(db).where('p.id', 'in', ids).where(inScope(scope, 'p.org_path')).execute();
  return rows.map(fixPayable);
}

export async function listPayables(scope: Scope, db: Db, f: { status?: string; unitPath?: string; page: number; pageSize: number }) {
  let q = payables(db).where(inScope(scope, 'p.org_path'));
  if (f.unitPath) q = q.where(pathWithin('p.org_path', f.unitPath));
  if (f.status === 'paid') q = q.where('p.paid_movement_id', 'is not', null);
  if (f.status === 'inBatch') q = q.where('p.paid_movement_id', 'is', null).where('p.batch_id', 'is not', null);
  if (f.status === 'pending') q = q.where('p.paid_movement_id', 'is', null).where('p.batch_id', 'is', null);
  const items = await q.orderBy('p.approved_on').orderBy('p.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const c = await q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { items: items.map(fixPayable), total: num(c.n), totalCapped: false };
}

/** Marks a pending payable paid: false when it was paid or put in a batch meanwhile. */
export async function markPayablePaid(db: Tx, id: string, movementId: string, day: string, fromBatch: string | null): Promise<boolean> {
  let q = db.updateTable('payables').set({ paid_movement_id: movementId, paid_on: day, last_failure: '' }).where('id', '=', id).where('paid_movement_id', 'is', null);
  q = fromBatch ? q.where('batch_id', '=', fromBatch) : q.where('batch_id', 'is', null);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Puts pending payables into a batch: the number taken (the caller refuses unless all were). */
export async function takeIntoBatch(db: Tx, ids: string[], batchId: string): Promise<number> {
  const r = await db.updateTable('payables').set({ batch_id: batchId }).where('id', 'in', ids).where('batch_id', 'is', null).where('paid_movement_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Gives payables of a batch back to the pending list (failed at the bank, or the batch cancelled). */
export async function releaseFromBatch(db: Tx, batchId: string, ids: string[] | null, failure: Map<string, string> | null): Promise<void> {
  if (ids && !ids.length) return;
  if (failure) {
    for (const [id, reply] of [...failure.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await db.updateTable('payables').set({ batch_id: null, last_failure: reply || '银行退回' }).where('id', '=', id).where('batch_id', '=', batchId).execute();
    }
    return;
  }
  let q = db.updateTable('payables').set({ batch_id: null }).where('batch_id', '=', batchId).where('paid_movement_id', 'is', null);
  if (ids) q = q.where('id', 'in', ids);
  await q.execute();
}

// ---- batches ----

export async function insertBatch(scope: Scope, db: Tx, row: Stored<PaymentBatchTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('batch outside scope');
  await db.insertInto('payment_batches').values(row).execute();
}

export type BatchRow = PaymentBatchTable & { org_unit_name: string; fund_name: string };

function batches(db: Tx) {
  return db
    .selectFrom('payment_batches as b')
    .innerJoin('org_units as u', 'u.id', 'b.org_unit_id')
    .innerJoin('funds as f', 'f.id', 'b.fund_id')
    .selectAll('b')
    .select(['u.name as org_unit_name', 'f.name as fund_name']);
}
const fixBatch = (r: BatchRow): BatchRow => ({ ...r, total_fen: num(r.total_fen), paid_fen: num(r.paid_fen) });

export async function getBatch(scope: Scope, db: Tx, id: string): Promise<BatchRow | undefined> {
  const r = await batches(db).where('b.id', '=', id).where(inScope(scope, 'b.org_path')).executeTakeFirst();
  return r && fixBatch(r);
}

export async function listBatches(scope: Scope, db: Db): Promise<BatchRow[]> {
  const rows = await batches(db).where(inScope(scope, 'b.org_path')).orderBy('b.created_at', 'desc').limit(500).execute();
  return rows.map(fixBatch);
}

export async function insertBatchItems(db: Tx, rows: Stored<PaymentBatchItemTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('payment_batch_items').values(rows.slice(i, i + 200)).execute();
}

export type BatchItemRow = PaymentBatchItemTable & { recipient_name: string; org_unit_name: string; account_enc: string | null; account_masked: string | null };

export async function batchItemsOf(scope: Scope, db: Tx, batchId: string): Promise<BatchItemRow[]> {
  const rows = await db
    .selectFrom('payment_batch_items as i')
    .innerJoin('payables as p', 'p.id', 'i.payable_id')
    .innerJoin('recipients as r', 'r.id', 'p.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'i.org_unit_id')
    .selectAll('i')
    .select(['r.name as recipient_name', 'u.name as org_unit_name', 'p.account_enc', 'p.account_masked'])
    .where('i.batch_id', '=', batchId)
    .where(inScope(scope, 'i.org_path'))
    .orderBy('i.seq')
    .execute();
  return rows.map((r) => ({ ...r, amount_fen: num(r.amount_fen) }));
}

export async function setItemResult(db: Tx, batchId: string, payableId: string, result: 'paid' | 'failed', reply: string, movementId: string | null): Promise<void> {
  const r = await db.updateTable('payment_batch_items').set({ result, bank_reply: reply, movement_id: movementId }).where('batch_id', '=', batchId).where('payable_id', '=', payableId).where('result', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Error('batch item not updated');
}

// ---- files (cash receipts) ----

export const RECEIPT_FILE_OWNER = 'payable';

export async function insertReceiptFile(db: Tx, unit: StoredUnit, row: { id: string; owner_id: string; name: string; mime: string; size: number; data_enc: string; created_by: string; created_at: string }): Promise<void> {
  await db
    .insertInto('files')
    .values({ ...row, ...placedAt(unit), owner_type: RECEIPT_FILE_OWNER, kind: 'cash-receipt' })
    .execute();
}

export async function receiptOf(scope: Scope, db: Tx, payableId: string) {
  return db
    .selectFrom('files')
    .select(['id', 'name', 'mime', 'data_enc'])
    .where('owner_type', '=', RECEIPT_FILE_OWNER)
    .where('owner_id', '=', payableId)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

// ---- recipients (the payee) ----

export async function payeeUnscoped(db: Tx, recipientId: string) {
  return db.selectFrom('recipients').select(['id', 'name', 'status', 'bank_account_enc', 'merged_into']).where('id', '=', recipientId).executeTakeFirst();
}

// ---- figures ----

export async function paidByFund(scope: Scope, db: Db, from: string, to: string) {
  const rows = await db
    .selectFrom('fund_movements as m')
    .innerJoin('funds as f', 'f.id', 'm.fund_id')
    .select(['f.id', 'f.name', sql<number>`sum(m.amount_fen)`.as('paid'), sql<number>`count(*)`.as('n')])
    .where('m.kind', '=', 'disbursement')
    .where('m.on_day', '>=', from)
    .where('m.on_day', '<=', to)
    .where(inScope(scope, 'm.org_path'))
    .groupBy(['f.id', 'f.name'])
    .orderBy('f.name')
    .execute();
  return rows.map((r) => ({ fundId: r.id, fundName: r.name, paidFen: num(r.paid), payments: num(r.n) }));
}

/** Payments in a period as (approved on, paid on, how many): grouped, so a year of payments is a few hundred rows. */
export async function payDays(scope: Scope, db: Db, from: string, to: string): Promise<{ approved_on: string; paid_on: string; n: number }[]> {
  const rows = await db
    .selectFrom('payables as p')
    .select(['p.approved_on', 'p.paid_on', sql<number>`count(*)`.as('n')])
    .where('p.paid_on', 'is not', null)
    .where('p.paid_on', '>=', from)
    .where('p.paid_on', '<=', to)
    .where(inScope(scope, 'p.org_path'))
    .groupBy(['p.approved_on', 'p.paid_on'])
    .execute();
  return rows.map((r) => ({ approved_on: r.approved_on, paid_on: r.paid_on ?? r.approved_on, n: num(r.n) }));
}
