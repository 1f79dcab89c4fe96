// The bank's transfer file 银行代发文件 of a payment batch (账号, 户名, 金额（元）; who and when only in
// the workbook's properties, no row of its own, so the bank imports it as it is) and the fund's
// reconciliation report 资金对账表. Accounts are masked unless the export rule allows clear values
// (sensitive:export, unmasked=1, a purpose); every export is audited.
import { movementKindLabels, payMethodLabels, yuan, type ReportQuery, type SensitiveExportQuery } from '../../../shared/schemas/funds';
import { transaction } from '../../db/transaction';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { exportMarks, sensitiveExportChoice } from '../../platform/sensitive-export';
import { columnsOf, once, xlsxStream } from '../../platform/xlsx-writer';
import { today } from '../../platform/clock';
import { fundAudit } from './funds.money';
import { batchItemsOf } from './funds.repo';
import { reconciliation, requireBatch } from './funds.service';

type Ip = string | null;

export const TRANSFER_HEADERS = ['序号', '收款账号', '收款人姓名', '金额（元）', '摘要'];

export async function exportTransferFile(ctx: AppContext, auth: AuthContext, id: string, q: SensitiveExportQuery, ip: Ip) {
  const b = await requireBatch(ctx, auth, id);
  if (!['exported', 'recorded', 'closed'].includes(b.status)) throw new AppError(409, 'CONFLICT', '发放批次确认并标记导出后才能下载代发文件');
  const choice = sensitiveExportChoice(auth, q);
  const items = await batchItemsOf(auth.scope, ctx.db, id);
  const rows = items.map((i) => {
    const clear = i.account_enc ? ctx.crypto.decrypt(i.account_enc) : '';
    return [i.seq, choice.clear ? clear : (i.account_masked ?? ''), i.recipient_name, yuan(i.amount_fen), `${b.fund_name}援助金`];
  });
  const at = ctx.clock.now();
  await transaction(ctx.db, (trx) =>
    fundAudit(trx, ctx, auth, 'fund.transfer-export', 'payment-batch', id, ip, `${b.org_unit_name}：${b.fund_name}，${items.length} 笔，${yuan(b.total_fen)} 元，${choice.clear ? `明文，用途：${choice.purpose}` : '脱敏'}`),
  );
  const marks = exportMarks(auth, choice, at);
  const name = `银行代发-${b.org_unit_name}-${today(ctx)}${choice.clear ? '' : '（脱敏）'}.xlsx`;
  return { name, stream: xlsxStream({ sheetName: '代发明细', title: '', bare: true, ...columnsOf(TRANSFER_HEADERS.map((h, n) => ({ header: h, width: [6, 24, 12, 12, 24][n] }))), creator: marks.creator, description: marks.description, created: marks.created }, once(rows)) };
}

export async function exportReport(ctx: AppContext, auth: AuthContext, fundId: string, q: ReportQuery, ip: Ip) {
  const r = await reconciliation(ctx, auth, fundId, q);
  const rows: (string | number)[][] = [
    ['期初余额', '', '', yuan(r.openingFen), ''],
    ['本期收入', '', '', yuan(r.incomeFen), `${r.counts.income ?? 0} 笔`],
    ['本期拨入', '', '', yuan(r.allocatedInFen), ''],
    ['本期拨出', '', '', yuan(-r.allocatedOutFen), ''],
    ['本期发放', '', '', yuan(-r.disbursedFen), `${r.counts.disbursement ?? 0} 笔`],
    ['本期退回', '', '', yuan(r.returnedFen), `${r.counts.return ?? 0} 笔`],
    ['期末余额', '', '', yuan(r.closingFen), '期初 + 收入 + 拨入 − 拨出 − 发放 + 退回'],
    ['', '', '', '', ''],
    ...r.movements.map((m) => [m.onDay, movementKindLabels[m.kind], m.kind === 'allocation' ? `${m.fromUnitName ?? ''} → ${m.orgUnitName}` : m.orgUnitName, yuan(m.kind === 'disbursement' ? -m.amountFen : m.amountFen), `${m.method ? payMethodLabels[m.method] + ' ' : ''}${m.note}`]),
  ];
  const at = ctx.clock.now();
  const choice = { clear: false, purpose: null };
  await transaction(ctx.db, (trx) => fundAudit(trx, ctx, auth, 'fund.report-export', 'fund', fundId, ip, `${r.fundName}（${r.unitName}）${r.from} 至 ${r.to}`));
  const title = `${r.fundName}资金对账表（${r.unitName}，${r.from} 至 ${r.to}）`;
  return { name: `${r.fundName}资金对账表-${r.from}-${r.to}.xlsx`, stream: xlsxStream({ sheetName: '资金对账', title, ...columnsOf(['日期/项目', '类别', '单位', '金额（元）', '摘要'].map((h, n) => ({ header: h, width: [14, 8, 24, 14, 40][n] }))), ...exportMarks(auth, choice, at) }, once(rows)) };
}
