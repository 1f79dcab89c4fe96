// The 疑难问题台账 ledger: streamed in unit order in chunks with the one .xlsx writer, audited; the
// list's filters apply. Columns: 序号, 上报单位, 上报日期, 问题类别, 问题概要, 涉及人员, 公民身份号码
// (masked), 首次受理层级, 状态, 当前研究单位, 研究时限, 最近月度研究, 办结日期, 解决层级, 解决单位, 解决情况.
import { HARD_PROBLEM_LEDGER_TITLE, hardProblemCategoryLabels, hardProblemLevelLabels, type HardProblemLedgerQuery } from '../../../shared/schemas/hard-problems';
import { transaction } from '../../db/transaction';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { hardProblemChunk, type HardProblemRow } from './hard-problems.repo';
import { audit, hardProblemFilter, toHardProblemDto } from './hard-problems.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const HARD_PROBLEM_LEDGER_HEADERS = ['序号', '上报单位', '上报日期', '问题类别', '问题概要', '涉及人员', '公民身份号码', '首次受理层级', '状态', '当前研究单位', '研究时限', '最近月度研究', '办结日期', '解决层级', '解决单位', '解决情况'];

export function hardProblemValues(r: HardProblemRow, seq: number, day: string): (string | number)[] {
  const p = toHardProblemDto(r, day);
  return [
    seq,
    p.orgUnitName,
    p.reportedOn,
    hardProblemCategoryLabels[p.category],
    p.title,
    p.recipientName ?? '',
    r.recipient_id_masked ?? '',
    hardProblemLevelLabels[p.firstLevel],
    p.statusLabel + (p.overdue ? '（逾期）' : ''),
    p.atUnitName ?? '',
    p.dueDay ?? '',
    p.lastReviewOn ?? '',
    p.closedOn ?? '',
    p.resolvedLevel ? hardProblemLevelLabels[p.resolvedLevel] : '',
    p.resolvedUnitName ?? '',
    p.resolution ?? '',
  ];
}

export async function exportHardProblemLedger(ctx: AppContext, auth: AuthContext, q: HardProblemLedgerQuery, ip: string | null) {
  const f = await hardProblemFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'hard-problem.export', null, ip, JSON.stringify({ unit: unit.name, ...q })));
  const title = `${unit.name}${HARD_PROBLEM_LEDGER_TITLE}　导出日期：${day}`;
  async function* rows(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const list = await hardProblemChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!list.length) return;
      yield list.map((r, i) => hardProblemValues(r, seq + i + 1, day));
      seq += list.length;
      const last = list[list.length - 1];
      after = { path: last.org_path, id: last.id };
      if (list.length < CHUNK) return;
    }
  }
  return {
    name: `${unit.name}${HARD_PROBLEM_LEDGER_TITLE}-${day}.xlsx`,
    stream: ledgerXlsx(ctx.db, HARD_PROBLEM_LEDGER_TITLE, unit.id, { sheetName: HARD_PROBLEM_LEDGER_TITLE, title, headers: [HARD_PROBLEM_LEDGER_HEADERS], widths: [6, 16, 12, 14, 28, 10, 20, 12, 16, 16, 12, 12, 12, 10, 16, 40] }, rows()),
  };
}
