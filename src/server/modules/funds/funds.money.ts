// Moving money: every change of a share's balance is written here, together with its movement
// row and its audit entry, in the caller's transaction. Shares are touched in unit-id order (an
// allocation debits one and credits another), so two writers never wait on each other in turn.
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { yuan, type MovementKind, type PayMethod } from '../../../shared/schemas/funds';
import type { Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { today } from '../../platform/clock';
import { placedAt, type StoredUnit } from '../../platform/stored-unit.repo';
import { creditShare, debitShare, insertMovement } from './funds.repo';

type Ip = string | null;

export async function fundAudit(trx: Tx, ctx: AppContext, auth: { userId: string | null; username: string | null; unit: { id: string } }, action: AuditAction, targetType: string, targetId: string | null, ip: Ip, detail: string): Promise<void> {
  await appendAudit(trx, {
    at: ctx.clock.now().toISOString(),
    userId: auth.userId,
    username: auth.username,
    orgUnitId: auth.unit.id,
    action,
    targetType,
    targetId,
    result: 'success',
    ip,
    detail,
  });
}

/** 409 with the balance and the need, in yuan; the caller's transaction rolls back: nothing changed. */
export function shortOf(fundName: string, unitName: string, balanceFen: number, needFen: number): AppError {
  return new AppError(409, 'INSUFFICIENT_FUNDS', `资金余额不足：“${fundName}”在${unitName}的可用余额为 ${yuan(balanceFen)} 元，本次需 ${yuan(needFen)} 元（未作任何更改）`);
}

/** Takes `amountFen` from a share or refuses with 409 (one conditional update: safe under concurrency). */
export async function debitOrRefuse(trx: Tx, fund: { id: string; name: string }, unit: { id: string; name: string }, amountFen: number, balanceNow: () => Promise<number>): Promise<void> {
  if (!(await debitShare(trx, fund.id, unit.id, amountFen))) throw shortOf(fund.name, unit.name, await balanceNow(), amountFen);
}

export type MovementInput = {
  fund: { id: string; name: string };
  kind: MovementKind;
  amountFen: number;
  /** the share credited (income, return, allocation's receiver) or debited (disbursement) */
  unit: StoredUnit & { name: string };
  /** an allocation's giving share */
  from?: StoredUnit & { name: string };
  method?: PayMethod | null;
  payableId?: string | null;
  batchId?: string | null;
  note?: string;
  details?: unknown;
  /** the balance was already changed by the caller (a batch debits its total once) */
  balanceDone?: boolean;
};

/**
 * Writes one movement and its balance change, audited. A debit that the share cannot cover is
 * refused (409) before anything is written.
 */
export async function postMovementIn(trx: Tx, ctx: AppContext, auth: AuthContext, m: MovementInput, ip: Ip, balanceNow: (unitId: string) => Promise<number>): Promise<string> {
  if (!Number.isSafeInteger(m.amountFen) || m.amountFen <= 0) throw new AppError(400, 'BAD_REQUEST', '金额须为大于 0 的整数（分）');
  if (!m.balanceDone) {
    type Op = { unit: StoredUnit & { name: string }; sign: 1 | -1 };
    const ops: Op[] = [];
    if (m.kind === 'disbursement') ops.push({ unit: m.unit, sign: -1 });
    else ops.push({ unit: m.unit, sign: 1 });
    if (m.kind === 'allocation') {
      if (!m.from) throw new Error('allocation without its giving share');
      ops.push({ unit: m.from, sign: -1 });
    }
    ops.sort((a, b) => (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0));
    for (const op of ops) {
      if (op.sign === 1) await creditShare(trx, op.unit, m.fund.id, m.amountFen);
      else await debitOrRefuse(trx, m.fund, op.unit, m.amountFen, () => balanceNow(op.unit.id));
    }
  }
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await insertMovement(trx, {
    id,
    fund_id: m.fund.id,
    ...placedAt(m.unit),
    from_unit_id: m.from?.id ?? null,
    kind: m.kind,
    amount_fen: m.amountFen,
    on_day: today(ctx),
    method: m.method ?? null,
    payable_id: m.payableId ?? null,
    batch_id: m.batchId ?? null,
    note: m.note ?? '',
    details: m.details === undefined ? null : JSON.stringify(m.details),
    created_by: auth.userId,
    created_at: at,
  });
  const what = { income: '收入', allocation: '拨付', disbursement: '发放', return: '退回' }[m.kind];
  const where = m.kind === 'allocation' ? `${m.from?.name ?? ''} → ${m.unit.name}` : m.unit.name;
  await fundAudit(trx, ctx, auth, m.kind === 'disbursement' ? 'fund.disburse' : 'fund.movement', 'fund', m.fund.id, ip, `${m.fund.name}：${what} ${yuan(m.amountFen)} 元（${where}）${m.note ? `，${m.note}` : ''}`);
  return id;
}
