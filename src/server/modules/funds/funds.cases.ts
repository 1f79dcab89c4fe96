// The payment batch 发放批次 (Part 6 三(四)) as a case of the kernel:
//
//   draft 草稿 ─confirm (确认, funds:review: the share covers the total)→ confirmed 已确认
//   confirmed ─export (导出代发文件)→ exported 已导出 ─recordResults (登记发放结果: every item paid or
//   failed, one request, all or nothing)→ recorded 已登记结果 ─close (办结)→ closed 已办结
//   draft | confirmed ─cancel (作废, a reason)→ cancelled 已作废 (the payables go back to pending)
//
// Paid items become disbursement movements of the batch's share (the county's share of the fund),
// debited once for the total in the action's transaction (409 if the share no longer covers it);
// failed ones go back to the pending payables with the bank's reply.
import { z } from '../../../shared/zod-setup';
import { shanghaiDay } from '../../../shared/rules/dates';
import { batchStatusLabels, resultsBody, type BatchStatus } from '../../../shared/schemas/funds';
import { defineCaseType, type ActionEnv, type CaseStateDef } from '../../cases/case-type';
import { badRequest } from '../../platform/errors';
import { unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { batchItemsOf, getFund, markPayablePaid, releaseFromBatch, setItemResult, shareBalance } from './funds.repo';
import { debitOrRefuse, postMovementIn, shortOf } from './funds.money';

export const PAYMENT_BATCH_CASE_TYPE = 'payment-batch';

export const batchPayload = z.object({
  fundId: z.string(),
  itemCount: z.number().int(),
  totalFen: z.number().int(),
  paidCount: z.number().int().default(0),
  paidFen: z.number().int().default(0),
  failedCount: z.number().int().default(0),
});
export type BatchPayload = z.infer<typeof batchPayload>;

export const resultsInput = resultsBody.omit({ version: true });

const states: Record<BatchStatus, CaseStateDef> = {
  draft: { label: batchStatusLabels.draft, open: true, waitsOn: 'owner' },
  confirmed: { label: batchStatusLabels.confirmed, open: true, waitsOn: 'owner' },
  exported: { label: batchStatusLabels.exported, open: true, waitsOn: 'owner' },
  recorded: { label: batchStatusLabels.recorded, open: true, waitsOn: 'owner' },
  closed: { label: batchStatusLabels.closed, open: false, waitsOn: 'none' },
  cancelled: { label: batchStatusLabels.cancelled, open: false, waitsOn: 'none' },
};

type Env = ActionEnv<BatchPayload>;

async function fundAndShare(env: Env) {
  const fund = await getFund(env.auth.scope, env.trx, env.payload.fundId);
  if (!fund) throw badRequest('发放批次的资金来源不可见');
  const unit = { ...(await unitForWriteUnscoped(env.trx, env.ctx.dialect, env.caseRow.org_unit_id)), name: env.caseRow.org_unit_name };
  return { fund, unit };
}

export const paymentBatchCaseType = defineCaseType<BatchPayload>({
  type: PAYMENT_BATCH_CASE_TYPE,
  label: '发放批次',
  domain: 'funds',
  payload: batchPayload,
  states,
  actions: {
    confirm: {
      label: '确认批次',
      from: ['draft'],
      to: 'confirmed',
      permission: 'funds:review',
      actor: 'owner',
      effect: async (env) => {
        const { fund, unit } = await fundAndShare(env);
        const balance = await shareBalance(env.auth.scope, env.trx, fund.id, unit.id);
        if (balance < env.payload.totalFen) throw shortOf(fund.name, unit.name, balance, env.payload.totalFen);
        return env.payload;
      },
    },
    export: {
      label: '导出代发文件',
      from: ['confirmed'],
      to: 'exported',
      permission: 'funds:write',
      actor: 'owner',
    },
    recordResults: {
      label: '登记发放结果',
      from: ['exported'],
      to: 'recorded',
      permission: 'funds:write',
      actor: 'owner',
      input: resultsInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof resultsInput>;
        const items = await batchItemsOf(env.auth.scope, env.trx, env.caseRow.id);
        const byId = new Map(items.map((it) => [it.payable_id, it]));
        const seen = new Set<string>();
        for (const [n, r] of i.results.entries()) {
          if (!byId.has(r.payableId)) throw badRequest('结果中有不属于本批次的发放记录', [{ path: `results.${n}.payableId`, message: '不属于本批次' }]);
          if (seen.has(r.payableId)) throw badRequest('同一笔发放登记了两次结果', [{ path: `results.${n}.payableId`, message: '重复' }]);
          if (r.outcome === 'failed' && !r.bankReply) throw badRequest('失败的发放须填写银行回复（失败原因）', [{ path: `results.${n}.bankReply`, message: '请填写银行回复' }]);
          seen.add(r.payableId);
        }
        if (seen.size !== items.length) throw badRequest(`本批次共 ${items.length} 笔，须逐笔登记结果（已登记 ${seen.size} 笔）`, [{ path: 'results', message: '未覆盖全部发放记录' }]);
        const { fund, unit } = await fundAndShare(env);
        const paid = i.results.filter((r) => r.outcome === 'paid');
        const paidFen = paid.reduce((s, r) => s + byId.get(r.payableId)!.amount_fen, 0);
        if (paidFen > 0) await debitOrRefuse(env.trx, fund, unit, paidFen, () => shareBalance(env.auth.scope, env.trx, fund.id, unit.id));
        const day = shanghaiDay(new Date(env.at));
        for (const r of [...i.results].sort((a, b) => (a.payableId < b.payableId ? -1 : 1))) {
          const it = byId.get(r.payableId)!;
          if (r.outcome === 'paid') {
            const mid = await postMovementIn(env.trx, env.ctx, env.auth, { fund, kind: 'disbursement', amountFen: it.amount_fen, unit, method: 'bank', payableId: it.payable_id, batchId: env.caseRow.id, note: `${it.recipient_name}${r.bankReply ? `：${r.bankReply}` : ''}`, balanceDone: true }, null, async () => 0);
            if (!(await markPayablePaid(env.trx, it.payable_id, mid, day, env.caseRow.id))) throw new Error('payable of the batch not pending');
            await setItemResult(env.trx, env.caseRow.id, it.payable_id, 'paid', r.bankReply, mid);
          } else {
            await setItemResult(env.trx, env.caseRow.id, it.payable_id, 'failed', r.bankReply, null);
          }
        }
        const failed = new Map(i.results.filter((r) => r.outcome === 'failed').map((r) => [r.payableId, r.bankReply]));
        await releaseFromBatch(env.trx, env.caseRow.id, [...failed.keys()], failed);
        return { ...env.payload, paidCount: paid.length, paidFen, failedCount: failed.size };
      },
    },
    close: {
      label: '办结',
      from: ['recorded'],
      to: 'closed',
      permission: 'funds:write',
      actor: 'owner',
    },
    cancel: {
      label: '作废批次',
      from: ['draft', 'confirmed'],
      to: 'cancelled',
      permission: 'funds:write',
      actor: 'owner',
      requireComment: true,
      effect: async (env) => {
        await releaseFromBatch(env.trx, env.caseRow.id, null, null);
        return env.payload;
      },
    },
  },
  mirror: {
    table: 'payment_batches',
    columns: ({ status, payload: p, owner, updatedAt, version }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      item_count: p.itemCount,
      total_fen: p.totalFen,
      paid_count: p.paidCount,
      paid_fen: p.paidFen,
      failed_count: p.failedCount,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/funds/batches/${c.id}`,
});
