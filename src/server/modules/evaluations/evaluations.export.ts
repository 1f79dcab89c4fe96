// 考评结果 as .xlsx through the one writer (platform/xlsx-writer.ts): a round's published units
// ranked by total, with the grade 等次 and each indicator's score — the numbers of the results page
// (roundResults, the caller's access to the round). Units and scores only, no person. Audited.
import { transaction } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import { today } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { once, xlsxStream } from '../../platform/xlsx-writer';
import { roundResults } from './evaluations.service';

export const RESULTS_EXPORT_HEADERS = ['名次', '单位', '总分', '等次'];

export async function exportRoundResults(ctx: AppContext, auth: AuthContext, roundId: string, ip: string | null) {
  const r = await roundResults(ctx, auth, roundId);
  const day = today(ctx);
  const headers = [...RESULTS_EXPORT_HEADERS, ...r.indicators.map((i) => `${i.name}（${i.weight}）`)];
  // null is 未评分, 0 a score of 0
  const rows = r.rows.map((x) => [x.rank, x.orgUnitName, x.total ?? '未评分', x.grade ?? '—', ...r.indicators.map((i) => x.scores[i.key] ?? '未评分')]);
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, 'evaluation-round.export', 'evaluation-round', roundId, ip, `${r.round.title}（${r.rows.length} 个单位）`));
  const title = `${r.round.title} 考评结果（${r.round.orgUnitName} · ${r.round.periodLabel}）　导出日期：${day}`;
  return {
    name: `${r.round.title}-考评结果-${day}.xlsx`,
    stream: xlsxStream({ sheetName: '考评结果', title, headers: [headers], widths: [8, 28, 10, 10, ...r.indicators.map(() => 16)], creator: auth.displayName }, once(rows)),
  };
}
