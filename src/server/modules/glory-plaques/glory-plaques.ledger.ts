// 光荣牌悬挂台账 (LEDGERS.md): a title row, then 序号, 户主姓名, 所属村(社区), 家庭住址, 悬挂依据,
// 申请日期, 悬挂日期, 悬挂人, 状态, 备注. Written with ExcelJS's streaming writer a chunk of rows at a
// time, so a county's ledger does not sit in memory. A text that begins with = + - @ tab or CR is
// written as a text cell in the text format '@' (never a formula, and Excel keeps it text when the
// cell is edited): formula injection defused.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  plaqueBasisLabels,
  plaqueGroundLabels,
  plaqueStatusLabels,
  replaceReasonLabels,
  revokeReasonLabels,
  type PlaqueBasis,
  type PlaqueGround,
  type PlaqueStatus,
  type ReplaceReason,
  type RevokeReason,
} from '../../../shared/schemas/glory-plaques';

export const LEDGER_TITLE = '光荣牌悬挂台账';
export const LEDGER_HEADERS = ['序号', '户主姓名', '所属村(社区)', '家庭住址', '悬挂依据', '申请日期', '悬挂日期', '悬挂人', '状态', '备注'] as const;
const WIDTHS = [6, 12, 18, 32, 22, 12, 12, 18, 10, 40];

/** The characters a spreadsheet may read as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
export function isFormulaLike(v: string): boolean {
  return FORMULA_START.test(v);
}

export type LedgerRow = {
  headName: string;
  villageName: string;
  address: string;
  basis: PlaqueBasis;
  grounds: PlaqueGround[];
  appliedOn: string | null;
  hungOn: string | null;
  hungBy: string;
  status: PlaqueStatus;
  replacedOn: string | null;
  replaceReason: ReplaceReason | null;
  replaceCount: number;
  revokedOn: string | null;
  revokeReason: RevokeReason | null;
  revokeNote: string;
  note: string;
};

/** 备注: how the plaque came (持证), its replacements and revocation, and the worker's note. */
export function ledgerRemark(r: LedgerRow): string {
  const parts: string[] = [];
  if (r.basis === 'certificate') parts.push(plaqueBasisLabels.certificate);
  if (r.replacedOn) parts.push(`${r.replacedOn}更换（${r.replaceReason ? replaceReasonLabels[r.replaceReason] : ''}）${r.replaceCount > 1 ? `，共更换${r.replaceCount}次` : ''}`);
  if (r.revokedOn) parts.push(`${r.revokedOn}撤销（${r.revokeReason ? revokeReasonLabels[r.revokeReason] : ''}${r.revokeNote ? `：${r.revokeNote}` : ''}）`);
  if (r.note) parts.push(r.note);
  return parts.join('；');
}

export function ledgerValues(r: LedgerRow, seq: number): (string | number)[] {
  return [
    seq,
    r.headName,
    r.villageName,
    r.address,
    r.grounds.map((g) => plaqueGroundLabels[g]).join('、'),
    r.appliedOn ?? '',
    r.hungOn ?? '',
    r.hungBy,
    plaqueStatusLabels[r.status] ?? r.status,
    ledgerRemark(r),
  ];
}

/**
 * Streams the ledger: `chunks` yields rows in ledger order. The returned stream is the .xlsx file;
 * a failure while reading destroys it with the error.
 */
export function ledgerStream(title: string, chunks: AsyncIterable<LedgerRow[]>): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '戎家';
  const ws = wb.addWorksheet(LEDGER_TITLE, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = WIDTHS.map((width) => ({ width }));
  void (async () => {
    const titleRow = ws.addRow([title]);
    titleRow.height = 28;
    titleRow.getCell(1).font = { bold: true, size: 16 };
    titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    ws.mergeCells(1, 1, 1, LEDGER_HEADERS.length);
    titleRow.commit();
    const head = ws.addRow([...LEDGER_HEADERS]);
    head.eachCell((c) => {
      c.font = { bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
    head.commit();
    let seq = 0;
    for await (const chunk of chunks) {
      for (const r of chunk) {
        seq += 1;
        const row = ws.addRow(ledgerValues(r, seq).map((v) => (v === '' ? null : v)));
        row.eachCell({ includeEmpty: true }, (c) => {
          c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
          c.alignment = { vertical: 'top', wrapText: true };
          // a text cell in the text format: never evaluated, not even after an edit in Excel
          if (typeof c.value === 'string' && isFormulaLike(c.value)) c.numFmt = '@';
        });
        row.commit();
      }
    }
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
