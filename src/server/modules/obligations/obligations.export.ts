// 工作制度落实台账 through the one .xlsx writer: the records of a range (a unit's subtree, an obligation,
// held between two days), streamed in chunks, with the ledger's responsible person (§10) under the
// title, audited. Columns: 序号, 所属单位, 工作制度, 期间, 日期, 参加人员, 议题/培训内容, 纪要/研究决定/
// 报告内容, 授课人, 学时, 到期日, 登记日期, 是否按时, 登记人.
import { OBLIGATION_LEDGER_TITLE, type ObligationLedgerQuery } from '../../../shared/schemas/obligations';
import { periodLabel } from '../../../shared/rules/periods';
import { transaction } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { recordChunk, type RecordRow } from './obligations.repo';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const OBLIGATION_LEDGER_HEADERS = ['序号', '所属单位', '工作制度', '期间', '日期', '参加人员', '议题/培训内容', '纪要/研究决定/报告内容', '授课人', '学时', '到期日', '登记日期', '是否按时', '登记人'];
const WIDTHS = [6, 16, 24, 14, 12, 28, 30, 40, 10, 8, 12, 12, 10, 10];

export function obligationLedgerValues(r: RecordRow, seq: number): (string | number)[] {
  const kind = r.record_kind;
  return [
    seq,
    r.org_unit_name,
    r.def_name,
    periodLabel(r.period),
    r.held_on,
    r.attendees,
    kind === 'training' ? r.course : r.topics,
    kind === 'review' ? r.decisions : kind === 'report' ? r.body : r.minutes,
    r.trainer,
    r.hours === null ? '' : Number(r.hours),
    r.due_day,
    r.recorded_on,
    Number(r.on_time) === 1 ? '按时' : '逾期',
    r.recorded_by_name,
  ];
}

export async function exportObligationLedger(ctx: AppContext, auth: AuthContext, q: ObligationLedgerQuery, ip: string | null) {
  if (q.from && q.to && q.to < q.from) throw badRequest('结束日期不能早于开始日期', [{ path: 'to', message: '不能早于开始日期' }]);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const f = { unitPath: q.orgUnitId ? unit.path : undefined, defId: q.definitionId, from: q.from, to: q.to };
  const day = today(ctx);
  await transaction(ctx.db, (trx) =>
    auditAction(trx, ctx, auth, 'obligation.export', 'ledger', null, ip, JSON.stringify({ unit: unit.name, ...q })),
  );
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { day: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await recordChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map((r) => obligationLedgerValues(r, ++seq));
      const last = rows[rows.length - 1];
      after = { day: last.held_on, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${OBLIGATION_LEDGER_TITLE}　导出日期：${day}`;
  return { name: `${unit.name}${OBLIGATION_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, OBLIGATION_LEDGER_TITLE, unit.id, { sheetName: OBLIGATION_LEDGER_TITLE, title, headers: [OBLIGATION_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}
