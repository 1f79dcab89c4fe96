// 关爱服务记录台账: 序号, 类别, 日期, 所属单位, 主题, 地点, 组织单位, 经办人, 内容摘要, 详情, 人数,
// 服务对象, 承保机构, 险种, 保障期, 保费（元）, 缴费方 — the list's filter, in unit order, streamed
// in chunks, audited. The details are never in clear (only whether some are kept, masked): the
// ledger has no reveal.
import { CARE_RECORDS_LEDGER_TITLE, careRecordKindLabels, DETAILS_MASK, type CareInsurance, type CareRecordKind, type CareRecordLedgerQuery } from '../../../shared/schemas/care-records';
import { yuan } from '../../../shared/schemas/funds';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { careRecordChunk, peopleOf, type CarePersonRow, type CareRecordRow } from './care-records.repo';
import { auditCareExport, careRecordFilter } from './care-records.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 500;
export const CARE_RECORDS_LEDGER_HEADERS = ['序号', '类别', '日期', '所属单位', '主题', '地点', '组织单位', '经办人', '内容摘要', '详情', '人数', '服务对象', '承保机构', '险种', '保障期', '保费（元）', '缴费方'];
const WIDTHS = [6, 12, 12, 16, 24, 16, 16, 10, 40, 18, 8, 30, 16, 16, 24, 12, 14];

export function careLedgerValues(r: CareRecordRow, people: CarePersonRow[], seq: number): (string | number)[] {
  const ins = r.extra ? (JSON.parse(r.extra) as CareInsurance) : null;
  return [
    seq,
    careRecordKindLabels[r.kind as CareRecordKind] ?? r.kind,
    r.day,
    r.org_unit_name,
    r.title,
    r.place,
    r.organiser,
    r.by_name,
    r.summary,
    r.details_enc ? DETAILS_MASK : '',
    Number(r.headcount),
    people.map((p) => p.recipient_name).join('、'),
    ins?.insurer ?? '',
    ins?.product ?? '',
    ins ? `${ins.periodFrom} 至 ${ins.periodTo}` : '',
    ins ? yuan(ins.premiumFen) : '',
    ins?.paidBy ?? '',
  ];
}

export async function exportCareRecordsLedger(ctx: AppContext, auth: AuthContext, q: CareRecordLedgerQuery, ip: string | null) {
  const f = await careRecordFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditCareExport(ctx, auth, ip, JSON.stringify({ unit: unit.name, ...q }));
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await careRecordChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      const people = await peopleOf(auth.scope, ctx.db, rows.map((r) => r.id));
      yield rows.map((r) => careLedgerValues(r, people.filter((p) => p.record_id === r.id), ++seq));
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${CARE_RECORDS_LEDGER_TITLE}　导出日期：${day}`;
  return { name: `${unit.name}${CARE_RECORDS_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, CARE_RECORDS_LEDGER_TITLE, unit.id, { sheetName: CARE_RECORDS_LEDGER_TITLE, title, headers: [CARE_RECORDS_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}
