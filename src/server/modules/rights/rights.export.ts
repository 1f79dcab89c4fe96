// 权益维护案件台账: 序号, 服务对象, 公民身份号码 (masked), 办理单位, 权益类别, 责任主体, 基本事实,
// 当事人诉求, 来源, 登记日期, 核查结论, 督办通知, 状态, 办理期限, 办结日期, 办理结果, 按期 — the list's
// filter, in unit order, streamed in chunks through the one xlsx writer, audited. ID numbers are
// always masked (the sensitive-export rule's default; the ledger offers no plain export).
import { RIGHTS_LEDGER_TITLE, conclusionLabels, partyKindLabels, rightsKindLabels, rightsOutcomeLabels, rightsSourceLabels, rightsStatusLabels, type RightsLedgerQuery } from '../../../shared/schemas/rights';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { today } from '../../platform/clock';
import { ledgerXlsx } from '../../platform/ledger-export';
import { rightsChunk, type RightsRow } from './rights.repo';
import { auditExport, rightsFilter } from './rights.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const RIGHTS_LEDGER_HEADERS = ['序号', '服务对象', '公民身份号码', '办理单位', '权益类别', '责任主体', '基本事实', '当事人诉求', '来源', '登记日期', '核查结论', '督办通知（次）', '状态', '办理期限', '办结日期', '办理结果', '是否按期'];
const WIDTHS = [6, 10, 20, 16, 16, 24, 40, 30, 10, 12, 18, 10, 10, 12, 12, 10, 8];

type K<T> = keyof T;

export function ledgerValues(r: RightsRow, seq: number, todayDay: string): (string | number)[] {
  const open = r.status === 'verifying' || r.status === 'supervising';
  const status = rightsStatusLabels[r.status as K<typeof rightsStatusLabels>] ?? r.status;
  return [
    seq,
    r.recipient_name,
    r.recipient_id_masked,
    r.org_unit_name,
    rightsKindLabels[r.kind as K<typeof rightsKindLabels>] ?? r.kind,
    `${partyKindLabels[r.party_kind as K<typeof partyKindLabels>] ?? r.party_kind}：${r.party_name}`,
    r.facts,
    r.request,
    rightsSourceLabels[r.source_kind as K<typeof rightsSourceLabels>] ?? r.source_kind,
    r.opened_on,
    r.conclusion ? conclusionLabels[r.conclusion as K<typeof conclusionLabels>] : '',
    Number(r.notice_count),
    open && r.due_day && r.due_day < todayDay ? `${status}（已超期）` : status,
    open ? (r.due_day ?? '') : '',
    r.closed_on ?? '',
    r.outcome ? rightsOutcomeLabels[r.outcome as K<typeof rightsOutcomeLabels>] : '',
    r.on_time === null ? '' : Number(r.on_time) === 1 ? '是' : '否',
  ];
}

export async function exportRightsLedger(ctx: AppContext, auth: AuthContext, q: RightsLedgerQuery, ip: string | null) {
  const f = await rightsFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditExport(ctx, auth, ip, JSON.stringify({ unit: unit.name, ...q }));
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await rightsChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map((r) => ledgerValues(r, ++seq, day));
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${RIGHTS_LEDGER_TITLE}　导出日期：${day}`;
  return { name: `${unit.name}${RIGHTS_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, RIGHTS_LEDGER_TITLE, unit.id, { sheetName: RIGHTS_LEDGER_TITLE, title, headers: [RIGHTS_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}
