// Funds and disbursement 资金与发放 (Part 6 三(四), 四(一); issue 14). A fund belongs to a unit; its
// money sits in shares (the owner's, and those of units it was allocated to); every balance is the
// sum of the share's movements (the roll-up row is written with each movement, in its transaction).
// Approved aid arrives as payables (registerPayableIn, called from assistance's event); they are paid
// on their own (bank by default; cash with a reason and a signed receipt; goods with items) or in a
// payment batch 发放批次, a case of the kernel (funds.cases.ts).
import { accountWarning } from '../../../shared/rules/bank-card';
import { hasPermission } from '../../../shared/permissions';
import { MATERIAL_FILE_MAX_BYTES, type MaterialFileUpload } from '../../../shared/schemas/application-materials';
import {
  fundKindLabels,
  payMethodLabels,
  yuan,
  type BatchCreate,
  type BatchDetail,
  type BatchDto,
  type DisburseBody,
  type FundCreate,
  type FundDetail,
  type FundDto,
  type FiguresDto,
  type GoodsItem,
  type MovementCreate,
  type MovementDto,
  type PayableDto,
  type PayableListQuery,
  type ReportDto,
  type ReportQuery,
  type ResultsBody,
} from '../../../shared/schemas/funds';
import { transaction, type Tx } from '../../db/transaction';
import type { AuthContext } from '../../platform/auth';
import { today } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathIsWithin } from '../../platform/jurisdiction';
import { placedAt, unitForWrite, unitForWriteUnscoped, type StoredUnit } from '../../platform/stored-unit.repo';
import { openCase, performActionIn, readCaseLog } from '../../cases/cases.service';
import { PAYMENT_BATCH_CASE_TYPE, type BatchPayload } from './funds.cases';
import { fundAudit, postMovementIn } from './funds.money';
import {
  batchItemsOf,
  flowSums,
  getBatch,
  getFund,
  getPayable,
  insertBatch,
  insertBatchItems,
  insertFund,
  insertPayableUnscoped,
  insertReceiptFile,
  listBatches,
  listFunds,
  listPayables,
  markPayablePaid,
  movementsOf,
  paidByFund,
  payDays,
  payableBySourceUnscoped,
  payablesByIds,
  payeeUnscoped,
  receiptOf,
  shareBalance,
  sharesOf,
  takeIntoBatch,
  type BatchItemRow,
  type BatchRow,
  type FundRow,
  type MovementRow,
  type PayableRow,
} from './funds.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

// ---- DTOs ----

function maskAccount(clear: string): string {
  return clear.length <= 4 ? '****' : `${'*'.repeat(Math.min(clear.length - 4, 12))}${clear.slice(-4)}`;
}

function toFundDto(f: FundRow, shares: { org_unit_id: string; org_unit_name: string; balance_fen: number }[]): FundDto {
  return {
    id: f.id,
    orgUnitId: f.org_unit_id,
    orgUnitName: f.org_unit_name,
    kind: f.kind as FundDto['kind'],
    name: f.name,
    donor: f.donor,
    purpose: f.purpose,
    earmarkKind: f.earmark_kind as FundDto['earmarkKind'],
    earmarkRecipientId: f.earmark_recipient_id,
    earmarkNote: f.earmark_note,
    balanceFen: shares.reduce((s, x) => s + x.balance_fen, 0),
    shares: shares.map((s) => ({ orgUnitId: s.org_unit_id, orgUnitName: s.org_unit_name, balanceFen: s.balance_fen })),
    createdAt: f.created_at,
  };
}

function toMovementDto(m: MovementRow): MovementDto {
  return {
    id: m.id,
    kind: m.kind as MovementDto['kind'],
    amountFen: m.amount_fen,
    orgUnitId: m.org_unit_id,
    orgUnitName: m.org_unit_name,
    fromUnitId: m.from_unit_id,
    fromUnitName: m.from_unit_name,
    onDay: m.on_day,
    method: m.method as MovementDto['method'],
    payableId: m.payable_id,
    batchId: m.batch_id,
    note: m.note,
    createdByName: m.created_by_name,
    createdAt: m.created_at,
  };
}

function warningOf(ctx: AppContext, accountEnc: string | null): string | null {
  return accountWarning(accountEnc ? ctx.crypto.decrypt(accountEnc) : null);
}

function toPayableDto(ctx: AppContext, p: PayableRow): PayableDto {
  return {
    id: p.id,
    orgUnitId: p.org_unit_id,
    orgUnitName: p.org_unit_name,
    sourceKind: p.source_kind,
    sourceId: p.source_id,
    recipientId: p.recipient_id,
    recipientName: p.recipient_name,
    amountFen: p.amount_fen,
    form: p.form as PayableDto['form'],
    goods: JSON.parse(p.goods) as GoodsItem[],
    accountMasked: p.account_masked,
    accountWarning: p.form === 'money' ? warningOf(ctx, p.account_enc) : null,
    approvedOn: p.approved_on,
    status: p.paid_movement_id ? 'paid' : p.batch_id ? 'inBatch' : 'pending',
    batchId: p.batch_id,
    paidOn: p.paid_on,
    lastFailure: p.last_failure,
  };
}

function toBatchDto(b: BatchRow): BatchDto {
  return {
    id: b.id,
    version: b.version,
    orgUnitId: b.org_unit_id,
    orgUnitName: b.org_unit_name,
    fundId: b.fund_id,
    fundName: b.fund_name,
    status: b.status as BatchDto['status'],
    itemCount: b.item_count,
    totalFen: b.total_fen,
    paidCount: b.paid_count,
    paidFen: b.paid_fen,
    failedCount: b.failed_count,
    createdAt: b.created_at,
    updatedAt: b.updated_at,
  };
}

// ---- funds ----

export async function requireFund(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<FundRow> {
  const f = await getFund(auth.scope, db, id);
  if (!f) throw notFound('资金来源');
  return f;
}

export async function fundsList(ctx: AppContext, auth: AuthContext): Promise<{ items: FundDto[] }> {
  const rows = await listFunds(auth.scope, ctx.db);
  const shares = await sharesOf(auth.scope, ctx.db, rows.map((r) => r.id));
  return { items: rows.map((f) => toFundDto(f, shares.filter((s) => s.fund_id === f.id))) };
}

export async function fundDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<FundDetail> {
  const f = await requireFund(ctx, auth, id);
  const [shares, movements] = await Promise.all([sharesOf(auth.scope, ctx.db, [id]), movementsOf(auth.scope, ctx.db, id)]);
  return { ...toFundDto(f, shares), movements: movements.map(toMovementDto) };
}

export async function createFund(ctx: AppContext, auth: AuthContext, input: FundCreate, ip: Ip): Promise<FundDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (input.earmarkKind === 'person') {
    const r = input.earmarkRecipientId ? await payeeUnscoped(ctx.db, input.earmarkRecipientId) : undefined;
    if (!r) throw badRequest('定向的服务对象不存在', [{ path: 'earmarkRecipientId', message: '服务对象不存在' }]);
  }
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertFund(auth.scope, trx, {
      id,
      ...placedAt(stored),
      kind: input.kind,
      name: input.name,
      donor: input.donor,
      purpose: input.purpose,
      earmark_kind: input.earmarkKind,
      earmark_recipient_id: input.earmarkKind === 'person' ? input.earmarkRecipientId : null,
      earmark_note: input.earmarkNote,
      created_by: auth.userId,
      created_at: ctx.clock.now().toISOString(),
    });
    await fundAudit(trx, ctx, auth, 'fund.create', 'fund', id, ip, `${unit.name}：${fundKindLabels[input.kind]}“${input.name}”${input.donor ? `，捐赠方 ${input.donor}` : ''}`);
  });
  return fundDetail(ctx, auth, id);
}

/** Income or a return into a share, or an allocation from a share to a unit below it. */
export async function addMovement(ctx: AppContext, auth: AuthContext, fundId: string, input: MovementCreate, ip: Ip): Promise<FundDetail> {
  await transaction(ctx.db, async (trx) => {
    const fund = await requireFund(ctx, auth, fundId, trx);
    const shareId = input.unitId ?? fund.org_unit_id;
    const shareUnit = await requireUnit(ctx, auth, shareId, trx);
    if (!pathIsWithin(shareUnit.path, fund.org_path)) throw badRequest('该单位不在资金所属单位的范围内', [{ path: 'unitId', message: '不在资金所属单位范围内' }]);
    const share = { ...(await unitForWrite(trx, ctx.dialect, auth.scope, shareUnit.id)), name: shareUnit.name };
    const balanceNow = (u: string) => shareBalance(auth.scope, trx, fund.id, u);
    if (input.kind === 'allocation') {
      const to = await requireUnit(ctx, auth, input.toUnitId!, trx);
      if (to.id === shareUnit.id || !pathIsWithin(to.path, shareUnit.path)) throw badRequest('拨入单位须是拨出单位的下级单位', [{ path: 'toUnitId', message: '须是下级单位' }]);
      const toStored = { ...(await unitForWrite(trx, ctx.dialect, auth.scope, to.id)), name: to.name };
      await postMovementIn(trx, ctx, auth, { fund, kind: 'allocation', amountFen: input.amountFen, unit: toStored, from: share, note: input.note }, ip, balanceNow);
    } else {
      await postMovementIn(trx, ctx, auth, { fund, kind: input.kind, amountFen: input.amountFen, unit: share, note: input.note }, ip, balanceNow);
    }
  });
  return fundDetail(ctx, auth, fundId);
}

// ---- payables ----

export type PayableInput = {
  /** assistance: an application's money; assistanceGoods: its goods (both with the application's id) */
  sourceKind: 'assistance' | 'assistanceGoods';
  sourceId: string;
  recipientId: string;
  orgUnit: StoredUnit | string;
  amountFen: number;
  form: 'money' | 'goods';
  goods?: GoodsItem[];
  /** the day of the approval (default today) */
  approvedOn?: string;
};

/**
 * Registers approved aid to be paid, in the caller's transaction (assistance's `assistanceApproved`
 * subscriber calls it). The payee's bank account is copied from the registry record, encrypted.
 * Registering the same source twice returns the first payable's id (the event may be replayed).
 */
export async function registerPayableIn(trx: Tx, ctx: AppContext, input: PayableInput): Promise<string> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw badRequest('待发放金额须为大于 0 的整数（分）', [{ path: 'amountFen', message: '金额不正确' }]);
  const existing = await payableBySourceUnscoped(trx, input.sourceKind, input.sourceId);
  if (existing) return existing.id;
  const payee = await payeeUnscoped(trx, input.recipientId);
  if (!payee || payee.merged_into) throw notFound('服务对象');
  const unit = typeof input.orgUnit === 'string' ? await unitForWriteUnscoped(trx, ctx.dialect, input.orgUnit) : input.orgUnit;
  const clear = payee.bank_account_enc ? ctx.crypto.decrypt(payee.bank_account_enc) : null;
  const id = newId();
  await insertPayableUnscoped(trx, {
    id,
    ...placedAt(unit),
    source_kind: input.sourceKind,
    source_id: input.sourceId,
    recipient_id: payee.id,
    amount_fen: input.amountFen,
    form: input.form,
    goods: JSON.stringify(input.goods ?? []),
    account_enc: clear ? ctx.crypto.encrypt(clear) : null,
    account_masked: clear ? maskAccount(clear) : null,
    approved_on: input.approvedOn ?? today(ctx),
    batch_id: null,
    paid_movement_id: null,
    paid_on: null,
    last_failure: '',
    created_at: ctx.clock.now().toISOString(),
  });
  await fundAudit(trx, ctx, { userId: null, username: null, unit: { id: unit.id } }, 'fund.payable', 'payable', id, null, `${payee.name}：${input.form === 'money' ? `${yuan(input.amountFen)} 元` : `实物价值 ${yuan(input.amountFen)} 元`}（${input.sourceKind} ${input.sourceId}）`);
  return id;
}

export async function payablesPage(ctx: AppContext, auth: AuthContext, q: PayableListQuery) {
  const unitPath = q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined;
  const r = await listPayables(auth.scope, ctx.db, { status: q.status, unitPath, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map((p) => toPayableDto(ctx, p)), page: q.page, pageSize: q.pageSize };
}

async function requirePayable(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<PayableRow> {
  const p = await getPayable(auth.scope, db, id);
  if (!p) throw notFound('待发放记录');
  return p;
}

export async function payableDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<PayableDto> {
  return toPayableDto(ctx, await requirePayable(ctx, auth, id));
}

/** The payee's account in clear: audited as a reveal of a sensitive field. */
export async function revealAccount(ctx: AppContext, auth: AuthContext, id: string, ip: Ip): Promise<{ account: string | null }> {
  const p = await requirePayable(ctx, auth, id);
  await transaction(ctx.db, (trx) => fundAudit(trx, ctx, auth, 'fund.account-reveal', 'payable', id, ip, `${p.recipient_name} 的收款账号`));
  return { account: p.account_enc ? ctx.crypto.decrypt(p.account_enc) : null };
}

function receiptBytes(f: MaterialFileUpload): Buffer {
  const bytes = Buffer.from(f.dataBase64, 'base64');
  if (bytes.length === 0) throw badRequest('签收单文件不能为空', [{ path: 'receipt.dataBase64', message: '文件为空' }]);
  if (bytes.length > MATERIAL_FILE_MAX_BYTES) throw badRequest('签收单文件不能超过 3 MB', [{ path: 'receipt.dataBase64', message: '超过 3 MB' }]);
  const ok = {
    'image/jpeg': bytes.subarray(0, 2).toString('hex') === 'ffd8',
    'image/png': bytes.subarray(0, 4).toString('hex') === '89504e47',
    'image/webp': bytes.subarray(0, 4).toString() === 'RIFF' && bytes.subarray(8, 12).toString() === 'WEBP',
    'application/pdf': bytes.subarray(0, 4).toString() === '%PDF',
  }[f.mime];
  if (!ok) throw badRequest('签收单文件内容与类型不符', [{ path: 'receipt.mime', message: '文件内容与类型不符' }]);
  return bytes;
}

/**
 * Pays one payable from a fund's share on its own: bank transfer by default; cash only with a
 * stated reason and the signed receipt (stored encrypted); goods with their items and value.
 * The share must cover it (409 otherwise); the payable must still be pending (409).
 */
export async function disburse(ctx: AppContext, auth: AuthContext, payableId: string, input: DisburseBody, ip: Ip) {
  const bytes = input.method === 'cash' && input.receipt ? receiptBytes(input.receipt) : null;
  let warning: string | null = null;
  const movementId = await transaction(ctx.db, async (trx) => {
    const p = await requirePayable(ctx, auth, payableId, trx);
    if (p.paid_movement_id) throw conflict('该笔援助已发放，不能重复发放');
    if (p.batch_id) throw conflict('该笔援助已列入发放批次，请在批次中登记结果');
    if (p.form === 'goods' && input.method !== 'goods') throw badRequest('实物援助须按实物发放', [{ path: 'method', message: '须为实物' }]);
    if (p.form === 'money' && input.method === 'goods') throw badRequest('现金援助不能按实物发放', [{ path: 'method', message: '不能为实物' }]);
    if (input.method === 'bank' && !p.account_enc) throw badRequest('该服务对象未登记银行账号，请先在服务对象信息中补录，或说明原因后现金发放', [{ path: 'method', message: '无银行账号' }]);
    const goodsValue = (input.goods ?? []).reduce((s, g) => s + g.valueFen * g.quantity, 0);
    if (input.method === 'goods' && goodsValue !== p.amount_fen) throw badRequest(`物品价值合计 ${yuan(goodsValue)} 元，与核定的 ${yuan(p.amount_fen)} 元不符`, [{ path: 'goods', message: '价值合计不符' }]);
    if (input.method === 'bank') warning = warningOf(ctx, p.account_enc);
    const fund = await requireFund(ctx, auth, input.fundId, trx);
    const shareUnit = await requireUnit(ctx, auth, input.shareUnitId ?? auth.unit.id, trx);
    if (!pathIsWithin(p.org_path, shareUnit.path)) throw badRequest('只能从服务对象所在单位或其上级单位的资金份额中发放', [{ path: 'shareUnitId', message: '不是服务对象所在单位或其上级' }]);
    const share = { ...(await unitForWrite(trx, ctx.dialect, auth.scope, shareUnit.id)), name: shareUnit.name };
    let receiptId: string | null = null;
    if (bytes && input.receipt) {
      receiptId = newId();
      const payeeUnit = await unitForWrite(trx, ctx.dialect, auth.scope, p.org_unit_id);
      await insertReceiptFile(trx, payeeUnit, { id: receiptId, owner_id: p.id, name: input.receipt.name, mime: input.receipt.mime, size: bytes.length, data_enc: ctx.crypto.encrypt(bytes.toString('base64')), created_by: auth.userId, created_at: ctx.clock.now().toISOString() });
    }
    const details = input.method === 'cash' ? { cashReason: input.cashReason, receiptFileId: receiptId } : input.method === 'goods' ? { goods: input.goods } : null;
    const note = `${p.recipient_name}（${payMethodLabels[input.method]}${input.method === 'cash' ? `：${input.cashReason}` : ''}）${input.note ? ` ${input.note}` : ''}`;
    const mid = await postMovementIn(trx, ctx, auth, { fund, kind: 'disbursement', amountFen: p.amount_fen, unit: share, method: input.method, payableId: p.id, note, details }, ip, (u) => shareBalance(auth.scope, trx, fund.id, u));
    if (!(await markPayablePaid(trx, p.id, mid, today(ctx), null))) throw conflict('该笔援助已被他人发放或列入批次，请刷新');
    return mid;
  });
  return { payable: await payableDetail(ctx, auth, payableId), movementId, warning };
}

/** The signed receipt of a cash payment: audited as a view of personal data. */
export async function readReceipt(ctx: AppContext, auth: AuthContext, payableId: string, ip: Ip) {
  const p = await requirePayable(ctx, auth, payableId);
  const f = await receiptOf(auth.scope, ctx.db, p.id);
  if (!f) throw notFound('签收单');
  await transaction(ctx.db, (trx) => fundAudit(trx, ctx, auth, 'fund.receipt-view', 'payable', p.id, ip, `${p.recipient_name}：${f.name}`));
  return { mime: f.mime, name: f.name, data: Buffer.from(ctx.crypto.decrypt(f.data_enc), 'base64') };
}

// ---- batches ----

function toItemDto(ctx: AppContext, i: BatchItemRow) {
  return {
    payableId: i.payable_id,
    seq: i.seq,
    recipientName: i.recipient_name,
    orgUnitName: i.org_unit_name,
    amountFen: i.amount_fen,
    accountMasked: i.account_masked,
    accountWarning: warningOf(ctx, i.account_enc),
    result: i.result as 'paid' | 'failed' | null,
    bankReply: i.bank_reply,
  };
}

export async function requireBatch(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<BatchRow> {
  const b = await getBatch(auth.scope, db, id);
  if (!b) throw notFound('发放批次');
  return b;
}

export async function batchDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<BatchDetail> {
  const b = await requireBatch(ctx, auth, id);
  const [items, log, balance] = await Promise.all([batchItemsOf(auth.scope, ctx.db, id), readCaseLog(auth.scope, ctx.db, id), shareBalance(auth.scope, ctx.db, b.fund_id, b.org_unit_id)]);
  return { ...toBatchDto(b), items: items.map((i) => toItemDto(ctx, i)), log, shareBalanceFen: balance };
}

export async function batchesList(ctx: AppContext, auth: AuthContext) {
  return { items: (await listBatches(auth.scope, ctx.db)).map(toBatchDto) };
}

/**
 * A county's batch of approved money payables of its range, paid from the county's share of a
 * fund; the payables leave the pending list until the batch is cancelled or a payment fails.
 */
export async function createBatch(ctx: AppContext, auth: AuthContext, input: BatchCreate, ip: Ip): Promise<BatchDetail> {
  const ids = [...new Set(input.payableIds)];
  const id = await transaction(ctx.db, async (trx) => {
    const unit = await requireUnit(ctx, auth, input.orgUnitId, trx);
    // the county pays (Part 6 三(四)); a township holding its own share may batch it too, never a village
    if (unit.level !== 'county' && unit.level !== 'township') throw badRequest('发放批次由县级（或持有资金份额的乡镇）单位生成', [{ path: 'orgUnitId', message: '须为县级或乡镇单位' }]);
    const fund = await requireFund(ctx, auth, input.fundId, trx);
    const rows = await payablesByIds(auth.scope, trx, ids);
    if (rows.length !== ids.length) throw notFound('待发放记录');
    for (const [n, p] of rows.entries()) {
      if (!pathIsWithin(p.org_path, unit.path)) throw badRequest(`${p.recipient_name} 不在${unit.name}范围内`, [{ path: `payableIds.${n}`, message: '不在本县范围内' }]);
      if (p.form !== 'money') throw badRequest(`${p.recipient_name} 的援助为实物，不能列入银行代发批次`, [{ path: `payableIds.${n}`, message: '实物援助' }]);
      if (!p.account_enc) throw badRequest(`${p.recipient_name} 未登记银行账号，不能列入银行代发批次`, [{ path: `payableIds.${n}`, message: '无银行账号' }]);
      if (p.paid_movement_id || p.batch_id) throw conflict(`${p.recipient_name} 的援助已发放或已列入其他批次`);
    }
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const totalFen = rows.reduce((s, p) => s + p.amount_fen, 0);
    const payload: BatchPayload = { fundId: fund.id, itemCount: rows.length, totalFen, paidCount: 0, paidFen: 0, failedCount: 0 };
    const at = ctx.clock.now().toISOString();
    const caseId = await openCase(trx, ctx, auth, {
      type: PAYMENT_BATCH_CASE_TYPE,
      owner: stored,
      title: `发放批次：${unit.name} ${fund.name} ${rows.length} 笔 ${yuan(totalFen)} 元`,
      payload,
      status: 'draft',
      action: 'open',
      data: { fundId: fund.id, itemCount: rows.length, totalFen },
      record: (rowId) =>
        insertBatch(auth.scope, trx, { id: rowId, ...placedAt(stored), fund_id: fund.id, status: 'draft', item_count: rows.length, total_fen: totalFen, paid_count: 0, paid_fen: 0, failed_count: 0, version: 1, created_by: auth.userId, created_at: at, updated_at: at }),
    });
    if ((await takeIntoBatch(trx, ids, caseId)) !== ids.length) throw conflict('所选援助中有已被他人发放或列入批次的，请刷新后重选');
    const sorted = [...rows].sort((a, b) => (a.org_path < b.org_path ? -1 : a.org_path > b.org_path ? 1 : a.id < b.id ? -1 : 1));
    const items = [];
    for (const [n, p] of sorted.entries()) {
      const pu = await unitForWrite(trx, ctx.dialect, auth.scope, p.org_unit_id);
      items.push({ batch_id: caseId, payable_id: p.id, ...placedAt(pu), seq: n + 1, amount_fen: p.amount_fen, result: null, bank_reply: '', movement_id: null });
    }
    await insertBatchItems(trx, items);
    await fundAudit(trx, ctx, auth, 'fund.batch-create', 'payment-batch', caseId, ip, `${unit.name}：${fund.name}，${rows.length} 笔，${yuan(totalFen)} 元`);
    return caseId;
  });
  return batchDetail(ctx, auth, id);
}

const STALE = '该发放批次已被他人修改，请刷新后再操作（您的操作未保存）';

export async function batchAct(ctx: AppContext, auth: AuthContext, id: string, action: 'confirm' | 'export' | 'recordResults' | 'close' | 'cancel', version: number, data: Record<string, unknown> | undefined, comment: string, ip: Ip): Promise<BatchDetail> {
  const b = await requireBatch(ctx, auth, id);
  if (action === 'confirm' && !hasPermission(auth.roles, 'funds:review')) throw forbidden('确认发放批次须由县级审核人员办理');
  if (version !== b.version) throw conflict(STALE);
  await transaction(ctx.db, (trx) => performActionIn(trx, ctx, auth, id, { action, comment, version, data }, ip));
  return batchDetail(ctx, auth, id);
}

export async function recordResults(ctx: AppContext, auth: AuthContext, id: string, input: ResultsBody, ip: Ip) {
  const { version, ...data } = input;
  return batchAct(ctx, auth, id, 'recordResults', version, data, '', ip);
}

// ---- the reconciliation report 对账 ----

export async function reconciliation(ctx: AppContext, auth: AuthContext, fundId: string, q: ReportQuery): Promise<ReportDto> {
  const fund = await requireFund(ctx, auth, fundId);
  const unit = q.unitId ? await requireUnit(ctx, auth, q.unitId) : null;
  const [before, within, movements] = await Promise.all([
    flowSums(auth.scope, ctx.db, fund.id, unit, { before: q.from }),
    flowSums(auth.scope, ctx.db, fund.id, unit, { from: q.from, to: q.to }),
    movementsOf(auth.scope, ctx.db, fund.id, { from: q.from, to: q.to, unitId: unit?.id }),
  ]);
  const net = (s: typeof before) => s.income + s.allocIn - s.allocOut - s.disbursement + s.ret;
  const openingFen = net(before);
  const counts: Record<string, number> = { income: 0, allocation: 0, disbursement: 0, return: 0 };
  for (const m of movements) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
  return {
    fundId: fund.id,
    fundName: fund.name,
    unitName: unit ? unit.name : `${fund.org_unit_name}（全部可见份额）`,
    from: q.from,
    to: q.to,
    openingFen,
    incomeFen: within.income,
    allocatedInFen: within.allocIn,
    allocatedOutFen: within.allocOut,
    disbursedFen: within.disbursement,
    returnedFen: within.ret,
    closingFen: openingFen + net(within),
    counts,
    movements: movements.map(toMovementDto),
  };
}

// ---- figures (for the dashboard) ----

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/** Aid paid per fund in a span of days, and the days from approval to payment of those paid in it. */
export async function fundFigures(ctx: AppContext, auth: AuthContext, q: { from: string; to: string }): Promise<FiguresDto> {
  const [byFund, days] = await Promise.all([paidByFund(auth.scope, ctx.db, q.from, q.to), payDays(auth.scope, ctx.db, q.from, q.to)]);
  const spans = days.map((d) => ({ days: dayNumber(d.paid_on) - dayNumber(d.approved_on), n: d.n }));
  const count = spans.reduce((s, x) => s + x.n, 0);
  return {
    byFund,
    daysToPay: {
      count,
      average: count ? Math.round((spans.reduce((s, x) => s + x.days * x.n, 0) / count) * 10) / 10 : null,
      max: count ? Math.max(...spans.map((x) => x.days)) : null,
    },
  };
}
