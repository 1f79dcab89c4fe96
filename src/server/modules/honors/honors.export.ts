// 荣誉表彰台账: the honors of the range (the list's filter), streamed in unit order in chunks with the
// one .xlsx writer, audited; ID numbers masked. Columns: 序号, 姓名, 公民身份号码, 所属单位, 荣誉名称,
// 级别, 授予单位, 授予日期, 证明材料（份）, 备注.
import { HONOR_LEDGER_TITLE, honorLevelLabels, type HonorLedgerQuery, type HonorLevel } from '../../../shared/schemas/honors';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { honorChunk, honorFilesOf, type HonorRow } from './honors.repo';
import { auditHonorExport, honorFilter } from './honors.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const HONOR_LEDGER_HEADERS = ['序号', '姓名', '公民身份号码', '所属单位', '荣誉名称', '级别', '授予单位', '授予日期', '证明材料（份）', '备注'];

export function honorValues(r: HonorRow, seq: number, files: number): (string | number)[] {
  return [seq, r.recipient_name, r.recipient_id_masked, r.org_unit_name, r.title, honorLevelLabels[r.level as HonorLevel] ?? r.level, r.giver, r.awarded_on, files, r.note];
}

export async function exportHonorLedger(ctx: AppContext, auth: AuthContext, q: HonorLedgerQuery, ip: string | null) {
  const f = await honorFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditHonorExport(ctx, auth, ip, JSON.stringify({ unit: unit.name, ...q }));
  const title = `${unit.name}${HONOR_LEDGER_TITLE}　导出日期：${day}`;
  async function* rows(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const chunk = await honorChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!chunk.length) return;
      const files = await honorFilesOf(auth.scope, ctx.db, chunk.map((r) => r.id));
      yield chunk.map((r) => honorValues(r, ++seq, files.filter((x) => x.owner_id === r.id).length));
      const last = chunk[chunk.length - 1];
      after = { path: last.org_path, id: last.id };
      if (chunk.length < CHUNK) return;
    }
  }
  return { name: `${unit.name}${HONOR_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, HONOR_LEDGER_TITLE, unit.id, { sheetName: HONOR_LEDGER_TITLE, title, headers: [HONOR_LEDGER_HEADERS], widths: [6, 10, 20, 16, 28, 8, 24, 12, 10, 24] }, rows()) };
}
