// 矛盾纠纷排查化解台账 (LEDGERS.md): 序号, 排查日期, 排查方式, 当事人, 所属村(社区), 纠纷简要情况, 风险等级,
// 责任人, 包案领导, 化解时限, 化解措施及进展, 化解结果, 销号日期, 备注; the list's filter, in unit order,
// streamed, audited. And the monthly summary 矛盾纠纷排查化解情况月报 as a workbook.
import { parseJsonList } from '../../platform/json-columns';
import {
  DISPUTE_LEDGER_TITLE,
  DISPUTE_SUMMARY_TITLE,
  disputeMethodLabels,
  disputeMethods,
  disputeStatusLabels,
  riskLevelLabels,
  riskLevels,
  type DisputeLedgerQuery,
  type DisputeProgressEntry,
  type DisputeSummary,
} from '../../../shared/schemas/disputes';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { disputeChunk, progressEntriesOf, type DisputeRow } from './disputes.repo';
import { auditExport, disputeFilter, monthlySummary, villageNameOf } from './disputes.service';
import { today } from '../../platform/clock';
import { once, xlsxStream } from '../../platform/xlsx-writer';
import { ledgerXlsx } from '../../platform/ledger-export';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const DISPUTE_LEDGER_HEADERS = ['序号', '排查日期', '排查方式', '当事人', '所属村(社区)', '纠纷简要情况', '风险等级', '责任人', '包案领导', '化解时限', '化解措施及进展', '化解结果', '销号日期', '备注'];
const WIDTHS = [6, 12, 8, 16, 16, 36, 8, 10, 10, 12, 44, 24, 12, 24];

/** A progress entry of the case's log, as the ledger prints it. */
export type LedgerProgress = Pick<DisputeProgressEntry, 'day' | 'measure' | 'progress'>;

export function ledgerValues(r: DisputeRow, entries: LedgerProgress[], seq: number, todayDay: string): (string | number)[] {
  const progress = entries
    .map((p) => `${p.day} ${p.measure}${p.progress ? `：${p.progress}` : ''}`)
    .join('\n');
  const remarks = [r.plan ? `化解方案：${r.plan}` : '', r.status === 'open' && r.deadline < todayDay ? '已超期' : '', r.status === 'open' ? disputeStatusLabels.open : '', r.note].filter(Boolean);
  return [
    seq,
    r.found_on,
    disputeMethodLabels[r.method as keyof typeof disputeMethodLabels] ?? r.method,
    parseJsonList<{ name: string }>(r.parties).map((p) => p.name).join('、'),
    villageNameOf(r),
    r.summary,
    riskLevelLabels[r.risk_level as keyof typeof riskLevelLabels] ?? r.risk_level,
    r.responsible_name,
    r.leader_name ?? '',
    r.deadline,
    progress,
    r.result,
    r.closed_on ?? '',
    remarks.join('；'),
  ];
}

export async function exportDisputeLedger(ctx: AppContext, auth: AuthContext, q: DisputeLedgerQuery, ip: string | null) {
  const f = await disputeFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  const title = `${unit.name}${DISPUTE_LEDGER_TITLE}　导出日期：${day}`;
  await auditExport(ctx, auth, ip, 'dispute.export', JSON.stringify({ unit: unit.name, ...q }));
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await disputeChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      // the progress column: the `progress` entries of each case's log, oldest first
      const byCase = new Map<string, LedgerProgress[]>();
      for (const e of await progressEntriesOf(auth.scope, ctx.db, rows.map((r) => r.id))) {
        const data = JSON.parse(e.data ?? '{}') as LedgerProgress;
        byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), { day: data.day, measure: data.measure, progress: data.progress ?? '' }]);
      }
      yield rows.map((r) => ledgerValues(r, byCase.get(r.id) ?? [], ++seq, day));
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  return { name: `${unit.name}${DISPUTE_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, DISPUTE_LEDGER_TITLE, unit.id, { sheetName: DISPUTE_LEDGER_TITLE, title, headers: [DISPUTE_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}

/** Two header rows: the groups, then 排查/销号/在办 under each. */
export function summaryHeaders(): string[][] {
  const groups = ['合计', ...riskLevels.map((r) => `风险${riskLevelLabels[r]}`), ...disputeMethods.map((m) => `${disputeMethodLabels[m]}`)];
  return [
    ['单位', ...groups.flatMap((g) => [g, '', ''])],
    ['', ...groups.flatMap(() => ['排查', '销号', '在办'])],
  ];
}

export function summaryValues(s: DisputeSummary): (string | number)[][] {
  const line = (r: DisputeSummary['total']) => [
    r.orgUnitName,
    ...[r.total, ...riskLevels.map((k) => r.byRisk[k]), ...disputeMethods.map((m) => r.byMethod[m])].flatMap((c) => [c.found, c.closed, c.open]),
  ];
  return [...s.rows.map(line), line(s.total)];
}

export async function exportSummary(ctx: AppContext, auth: AuthContext, orgUnitId: string, month: string, ip: string | null) {
  const s = await monthlySummary(ctx, auth, orgUnitId, month);
  const title = `${s.orgUnitName}${DISPUTE_SUMMARY_TITLE}（${month}）　在办为月末仍未销号的件数`;
  await auditExport(ctx, auth, ip, 'dispute.summary-export', `${s.orgUnitName} ${month}`);
  const headers = summaryHeaders();
  return {
    name: `${s.orgUnitName}${DISPUTE_SUMMARY_TITLE}-${month}.xlsx`,
    stream: xlsxStream({ sheetName: DISPUTE_SUMMARY_TITLE, title, headers, widths: [22, ...headers[1].slice(1).map(() => 6)] }, once(summaryValues(s))),
  };
}
