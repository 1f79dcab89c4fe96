// The one .xlsx writer of the product: every ledger and report workbook is written here, with
// ExcelJS's streaming writer a chunk of rows at a time, so memory does not grow with the ledger.
// The layout: an optional watermark row (who exported what, when), a title row across the
// columns, one or more header rows, then the rows; A4 landscape, fitted to the width, the
// header rows repeated on every printed page and frozen on screen.
//
// Formula injection (OWASP "CSV injection"): a text that begins with = + - @, a tab or a carriage
// return is written with its exact value (no apostrophe added) as a shared string (t="s"), which
// a spreadsheet shows as text and never evaluates, and in the text format '@', so that Excel
// keeps it text even after the cell is edited. Other texts are ExcelJS's plain string cells
// (t="str", no shared-string table growing in memory with a large ledger). Only strings and
// numbers are written: nothing here can produce a formula.
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet could take this text for a formula. */
export function isFormulaLike(v: string): boolean {
  return FORMULA_START.test(v);
}

export type XlsxCell = string | number | null;

export type XlsxSheet = {
  sheetName: string;
  title: string;
  /** one or more header rows (written as given; nothing merged) */
  headers: readonly (readonly string[])[];
  widths: readonly number[];
  /** a row above the title, e.g. "明文导出　导出人：… 导出时间：… 用途：…" */
  watermark?: string;
  /**
   * The ledger's responsible person at the exported unit (§10 专人负责), a line under the title:
   * "台账责任人：张三　电话：…" (platform/ledger-responsible.repo.ts `responsibleLine`).
   */
  responsible?: string;
  /** the workbook's properties: its author (the user who exported it) and a description */
  creator?: string;
  description?: string;
  /** when the workbook was made (defaults to now) */
  created?: Date;
  /**
   * A file for a machine (a bank's batch transfer import): the header row and the data rows only,
   * no watermark or title row; who made it and when go in the workbook's properties alone.
   */
  bare?: boolean;
};

const thin = { style: 'thin' as const };
const BORDER = { top: thin, bottom: thin, left: thin, right: thin };

/** A cell's value as written: only a string, a finite number or nothing. */
function cellValue(v: unknown): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  return typeof v === 'string' ? v : String(v);
}

type StringTable = { add: (v: unknown) => number | undefined };

/**
 * Writes the workbook into `out` and resolves with the number of data rows when the file is
 * complete. `chunks` yields rows in order; a failure while reading rejects (the caller destroys
 * the stream, see xlsxStream).
 */
export async function writeXlsx(out: Writable, sheet: XlsxSheet, chunks: AsyncIterable<readonly unknown[][]>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  // the shared-string table takes only formula-like texts; every other text stays in the row
  const table = (wb as unknown as { sharedStrings: StringTable }).sharedStrings;
  const add = table.add.bind(table);
  table.add = (v) => (typeof v === 'string' && isFormulaLike(v) ? add(v) : undefined);
  const created = sheet.created ?? new Date();
  Object.assign(wb, {
    creator: sheet.creator ?? '戎家',
    lastModifiedBy: sheet.creator ?? '戎家',
    created,
    modified: created,
    ...(sheet.description && { description: sheet.description }),
  });

  const top = sheet.watermark && !sheet.bare ? 1 : 0;
  const titleRows = sheet.bare ? 0 : sheet.responsible ? 2 : 1;
  const headerEnd = top + titleRows + sheet.headers.length;
  const ws = wb.addWorksheet(sheet.sheetName, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${top + titleRows + 1}:${headerEnd}` },
    views: [{ state: 'frozen', ySplit: headerEnd, xSplit: 0 }],
  });
  ws.columns = sheet.widths.map((width) => ({ width }));
  const n = sheet.widths.length;

  const put = (row: ExcelJS.Row, values: readonly unknown[]) => {
    values.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = cellValue(v);
      if (typeof c.value === 'string' && isFormulaLike(c.value)) c.numFmt = '@';
    });
  };

  if (sheet.watermark && !sheet.bare) {
    const mark = ws.addRow([]);
    put(mark, [sheet.watermark]);
    mark.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
    ws.mergeCells(1, 1, 1, n);
    mark.commit();
  }

  if (!sheet.bare) {
    const title = ws.addRow([]);
    put(title, [sheet.title]);
    title.height = 30;
    title.getCell(1).font = { bold: true, size: 16 };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    ws.mergeCells(top + 1, 1, top + 1, n);
    title.commit();
    if (sheet.responsible) {
      const who = ws.addRow([]);
      put(who, [sheet.responsible]);
      who.getCell(1).alignment = { horizontal: 'right', vertical: 'middle' };
      ws.mergeCells(top + 2, 1, top + 2, n);
      who.commit();
    }
  }

  for (const h of sheet.headers) {
    const head = ws.addRow([]);
    put(head, h);
    head.height = 30;
    for (let i = 1; i <= n; i++) {
      const c = head.getCell(i);
      c.font = { bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      c.border = BORDER;
    }
    head.commit();
  }

  let count = 0;
  for await (const chunk of chunks) {
    for (const values of chunk) {
      count += 1;
      const row = ws.addRow([]);
      put(row, values);
      for (let i = 1; i <= n; i++) {
        const c = row.getCell(i);
        c.border = BORDER;
        c.alignment = { vertical: 'top', wrapText: true };
      }
      row.commit();
    }
  }
  ws.commit();
  await wb.commit();
  return count;
}

/** The workbook as a stream to send; a failure while reading destroys it with the error. */
export function xlsxStream(sheet: XlsxSheet, chunks: AsyncIterable<readonly unknown[][]>): PassThrough {
  const out = new PassThrough();
  writeXlsx(out, sheet, chunks).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

/** Headers and widths from a list of columns (one header row). */
export function columnsOf(columns: readonly { header: string; width: number }[]): Pick<XlsxSheet, 'headers' | 'widths'> {
  return { headers: [columns.map((c) => c.header)], widths: columns.map((c) => c.width) };
}

/** One chunk from a list already in memory. */
export async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}
