// 走访慰问台账 (LEDGERS.md): a title row, then 序号, 走访日期, 走访对象, 人员类别, 所属村(社区),
// 走访事由, 走访人员, 了解情况 (服役/家庭/健康/收入/就业/思想/需求), 慰问金额(元), 慰问物品,
// 反映问题及诉求, 后续措施, 备注 — the visit list's filter, in date order, streamed a chunk at a
// time through the product's .xlsx writer (platform/xlsx-writer: formula injection defused there); each export is audited.
import { recipientGroupLabels, situationKeys, situationLabels, situationLevels, type RecipientGroup } from '../../../shared/schemas/recipients';
import { visitTypeLabels, type VisitLedgerQuery, type VisitType } from '../../../shared/schemas/visits';
import { shanghaiDay } from '../../../shared/rules/dates';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { columnsOf, type XlsxCell as LedgerCell } from '../../platform/xlsx-writer';
import { ledgerXlsx } from '../../platform/ledger-export';
import { unitInScope, visitChunk, type VisitRow } from './visits.repo';
import { visitFilter } from './visits.service';
import { dueVisitLabel, type DueVisitReason, type VisitTriggerKind } from '../../../shared/schemas/visits';

export const VISIT_LEDGER_TITLE = '走访慰问台账';
export const visitLedgerColumns = [
  { header: '序号', width: 6 },
  { header: '走访日期', width: 12 },
  { header: '走访对象', width: 10 },
  { header: '人员类别', width: 14 },
  { header: '所属村(社区)', width: 16 },
  { header: '走访事由', width: 18 },
  { header: '走访人员', width: 16 },
  { header: '了解情况(服役/家庭/健康/收入/就业/思想/需求)', width: 46 },
  { header: '慰问金额(元)', width: 10 },
  { header: '慰问物品', width: 16 },
  { header: '反映问题及诉求', width: 30 },
  { header: '后续措施', width: 24 },
  { header: '备注', width: 24 },
] as const;
const CHUNK = 1000;

function findings(json: string): string {
  let s: Record<string, { level: string | null; note: string } | undefined> = {};
  try {
    s = JSON.parse(json) as typeof s;
  } catch {
    /* an unreadable column is shown empty */
  }
  return situationKeys
    .flatMap((k) => {
      const x = s[k];
      if (!x?.level && !x?.note) return [];
      const level = x.level ? (situationLevels[k][x.level] ?? x.level) : '';
      return [`${situationLabels[k]}：${[level, x.note].filter(Boolean).join('，')}`];
    })
    .join('\n');
}

export function visitLedgerValues(v: VisitRow, seq: number): LedgerCell[] {
  const reason = v.due_reason ? dueVisitLabel(v.due_reason as DueVisitReason, (v.due_trigger_kind as VisitTriggerKind | null) ?? null) : '日常走访';
  const remark = [visitTypeLabels[v.visit_type as VisitType] ?? v.visit_type, v.late ? '逾期走访' : '', v.note].filter(Boolean).join('；');
  return [
    seq,
    v.visited_on,
    v.recipient_name,
    recipientGroupLabels[v.recipient_group as RecipientGroup] ?? v.recipient_group,
    v.org_unit_level === 'grid' && v.parent_name ? v.parent_name : v.org_unit_name,
    reason,
    v.visitors,
    findings(v.situations),
    v.money_cents ? v.money_cents / 100 : '',
    v.goods,
    v.needs,
    v.follow_up,
    remark,
  ];
}

export async function exportVisitLedger(ctx: AppContext, auth: AuthContext, q: VisitLedgerQuery, ip: string | null) {
  const f = await visitFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await unitInScope(auth.scope, ctx.db, q.orgUnitId) : auth.unit;
  if (!unit) throw notFound('单位');
  const today = shanghaiDay(ctx.clock.now());
  const period = q.from || q.to ? `（${q.from ?? ''}至${q.to ?? ''}）` : '';
  await transaction(ctx.db, (trx) =>
    appendAudit(trx, {
      at: ctx.clock.now().toISOString(),
      userId: auth.userId,
      username: auth.username,
      orgUnitId: auth.unit.id,
      action: 'ledger.export',
      targetType: 'ledger',
      targetId: 'visits',
      result: 'success',
      ip,
      detail: JSON.stringify({ ledger: VISIT_LEDGER_TITLE, unit: unit.name, filter: q }),
    }),
  );
  async function* chunks(): AsyncGenerator<LedgerCell[][]> {
    let after: { day: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await visitChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map((v) => visitLedgerValues(v, ++seq));
      const last = rows[rows.length - 1];
      after = { day: last.visited_on, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${VISIT_LEDGER_TITLE}${period}　导出日期：${today}`;
  const stream = ledgerXlsx(ctx.db, VISIT_LEDGER_TITLE, unit.id, { sheetName: VISIT_LEDGER_TITLE, title, ...columnsOf(visitLedgerColumns) }, chunks());
  return { name: `${unit.name}${VISIT_LEDGER_TITLE}-${today}.xlsx`, stream };
}
