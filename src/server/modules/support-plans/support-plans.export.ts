// 一人一策帮扶台账: 序号, 服务对象, 公民身份号码 (masked), 所属单位, 困难类型, 困难情况, 帮扶目标,
// 帮扶措施及落实情况, 责任人, 制定日期, 下次评估, 状态, 结案日期, 帮扶成效 — the list's filter, in unit
// order, streamed in chunks, audited.
import { SUPPORT_PLAN_LEDGER_TITLE, difficultyKindLabels, supportPlanStatusLabels, type SupportPlanLedgerQuery } from '../../../shared/schemas/support-plans';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { measuresOf, planChunk, type MeasureRow, type SupportPlanRow } from './support-plans.repo';
import { auditExport, planFilter } from './support-plans.service';
import { today } from '../../platform/clock';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const SUPPORT_PLAN_LEDGER_HEADERS = ['序号', '服务对象', '公民身份号码', '所属单位', '困难类型', '困难情况', '帮扶目标', '帮扶措施及落实情况', '责任人', '制定日期', '下次评估', '状态', '结案日期', '帮扶成效'];
const WIDTHS = [6, 10, 20, 16, 10, 36, 28, 48, 10, 12, 12, 8, 12, 28];

export function ledgerValues(r: SupportPlanRow, measures: MeasureRow[], seq: number, todayDay: string): (string | number)[] {
  const lines = measures.map((m) => `${m.seq}. ${m.content}（${m.owner_name}，${m.due_on}前）${m.done ? `已完成 ${m.done_on ?? ''}` : m.due_on < todayDay ? '未完成（已超期）' : '未完成'}${m.note ? `：${m.note}` : ''}`);
  const status = supportPlanStatusLabels[r.status as keyof typeof supportPlanStatusLabels] ?? r.status;
  return [
    seq,
    r.recipient_name,
    r.recipient_id_masked,
    r.org_unit_name,
    difficultyKindLabels[r.difficulty as keyof typeof difficultyKindLabels] ?? r.difficulty,
    r.situation,
    r.goals,
    lines.join('\n'),
    r.responsible_name,
    r.opened_on,
    r.next_review_on ?? '',
    r.status === 'active' && r.next_review_on && r.next_review_on < todayDay ? `${status}（评估已超期）` : status,
    r.closed_on ?? '',
    r.outcome,
  ];
}

export async function exportPlanLedger(ctx: AppContext, auth: AuthContext, q: SupportPlanLedgerQuery, ip: string | null) {
  const f = await planFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditExport(ctx, auth, ip, JSON.stringify({ unit: unit.name, ...q }));
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await planChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      const byPlan = new Map<string, MeasureRow[]>();
      for (const m of await measuresOf(auth.scope, ctx.db, rows.map((r) => r.id))) byPlan.set(m.plan_id, [...(byPlan.get(m.plan_id) ?? []), m]);
      yield rows.map((r) => ledgerValues(r, byPlan.get(r.id) ?? [], ++seq, day));
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${SUPPORT_PLAN_LEDGER_TITLE}　导出日期：${day}`;
  return { name: `${unit.name}${SUPPORT_PLAN_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, SUPPORT_PLAN_LEDGER_TITLE, unit.id, { sheetName: SUPPORT_PLAN_LEDGER_TITLE, title, headers: [SUPPORT_PLAN_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}
