// 法律援助台账: 序号, 申请人, 公民身份号码 (masked), 所属单位, 申请日期, 事项类别, 申请事项, 对方当事人,
// 请求事项, 建议途径, 转介机构, 转介日期, 回执日期, 接收人, 跟踪次数, 状态, 结案日期, 结案情况, 办理结果
// — the list's filter, in unit order, streamed in chunks, audited. The ID number is masked
// (no clear column: the ledger has no reveal).
import {
  LEGAL_AID_LEDGER_TITLE,
  legalAidMatterKindLabels,
  legalAidOutcomeKindLabels,
  legalAidRouteLabels,
  legalAidStatusLabels,
  type LegalAidLedgerQuery,
} from '../../../shared/schemas/legal-aid';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { legalAidChunk, type LegalAidRow } from './legal-aid.repo';
import { auditExport, legalAidFilter } from './legal-aid.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const LEGAL_AID_LEDGER_HEADERS = ['序号', '申请人', '公民身份号码', '所属单位', '申请日期', '事项类别', '申请事项', '对方当事人', '请求事项', '建议途径', '转介机构', '转介日期', '回执日期', '接收人', '跟踪次数', '状态', '结案日期', '结案情况', '办理结果'];
const WIDTHS = [6, 10, 20, 16, 12, 12, 40, 16, 30, 16, 20, 12, 12, 10, 8, 14, 12, 16, 30];

const label = <K extends string>(labels: Record<K, string>, v: string | null) => (v ? (labels[v as K] ?? v) : '');

export function ledgerValues(r: LegalAidRow, seq: number, todayDay: string): (string | number)[] {
  const status = label(legalAidStatusLabels, r.status);
  return [
    seq,
    r.recipient_name,
    r.recipient_id_masked,
    r.org_unit_name,
    r.applied_on,
    label(legalAidMatterKindLabels, r.matter_kind),
    r.matter,
    r.opposing_party,
    r.claims,
    label(legalAidRouteLabels, r.route),
    r.partner_name ?? '',
    r.referred_on ?? '',
    r.acknowledged_on ?? '',
    r.ack_receiver,
    Number(r.follow_up_count),
    r.status === 'referred' && r.ack_due_day && r.ack_due_day < todayDay ? `${status}（回执已超期）` : status,
    r.closed_on ?? '',
    label(legalAidOutcomeKindLabels, r.outcome_kind),
    r.outcome,
  ];
}

export async function exportLegalAidLedger(ctx: AppContext, auth: AuthContext, q: LegalAidLedgerQuery, ip: string | null) {
  const f = await legalAidFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditExport(ctx, auth, ip, JSON.stringify({ unit: unit.name, ...q }));
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await legalAidChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map((r) => ledgerValues(r, ++seq, day));
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${LEGAL_AID_LEDGER_TITLE}　导出日期：${day}`;
  return { name: `${unit.name}${LEGAL_AID_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, LEGAL_AID_LEDGER_TITLE, unit.id, { sheetName: LEGAL_AID_LEDGER_TITLE, title, headers: [LEGAL_AID_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}
