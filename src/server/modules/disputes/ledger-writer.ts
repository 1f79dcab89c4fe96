// A plain ledger workbook (title row, bold bordered header, bordered wrapped rows), written with
// ExcelJS's streaming writer a chunk at a time. A text that begins with = + - @ tab or CR is kept
// a text cell in the text format '@' (formula injection defused), as the glory-plaque ledger does.
// Shared by the dispute and opinion-report ledgers and the dispute monthly summary.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;
export function isFormulaLike(v: string): boolean {
  return FORMULA_START.test(v);
}

const thin = { style: 'thin' } as const;
const border = { top: thin, bottom: thin, left: thin, right: thin };

export type SheetSpec = {
  sheetName: string;
  title: string;
  /** one or more header rows (a two-row header merges nothing: each row is written as given) */
  headers: string[][];
  widths: number[];
};

/** Streams the workbook; a failure while reading destroys the stream with the error. */
export function ledgerStream(spec: SheetSpec, chunks: AsyncIterable<(string | number)[][]>): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '戎家';
  const ws = wb.addWorksheet(spec.sheetName, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = spec.widths.map((width) => ({ width }));
  const columns = spec.widths.length;
  void (async () => {
    const titleRow = ws.addRow([spec.title]);
    titleRow.height = 28;
    titleRow.getCell(1).font = { bold: true, size: 16 };
    titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    ws.mergeCells(1, 1, 1, columns);
    titleRow.commit();
    for (const h of spec.headers) {
      const head = ws.addRow(h);
      head.eachCell({ includeEmpty: true }, (c) => {
        c.font = { bold: true };
        c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        c.border = border;
      });
      head.commit();
    }
    for await (const chunk of chunks) {
      for (const values of chunk) {
        const row = ws.addRow(values.map((v) => (v === '' ? null : v)));
        row.eachCell({ includeEmpty: true }, (c) => {
          c.border = border;
          c.alignment = { vertical: 'top', wrapText: true };
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

/** One chunk from a list already in memory. */
export async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}
