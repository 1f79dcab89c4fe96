// A ledger as an .xlsx stream: a title row across the columns, the header row, then the rows,
// written with ExcelJS's streaming writer a chunk at a time (inline strings, no shared-string
// table) so that memory does not grow with the ledger.
//
// Formula injection (Twenty's sanitizeValueForCSVExport): a text that begins with = + - @, a tab
// or a carriage return is written as a text cell in the text format '@', behind an apostrophe.
// Excel never evaluates it, not even after the cell is edited, and the apostrophe keeps it inert
// if the sheet is saved as CSV. The import reads "'=…" back as "=…".
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;

export function isFormulaLike(v: string): boolean {
  return FORMULA_START.test(v);
}

/** The text as written to a cell: defused when a spreadsheet could read it as a formula. */
export function defuse(v: string): string {
  return isFormulaLike(v) ? `'${v}` : v;
}

export type LedgerCell = string | number | null;
export type LedgerSpec = { sheetName: string; title: string; columns: readonly { header: string; width: number }[] };

const thin = { style: 'thin' as const };
const BORDER = { top: thin, bottom: thin, left: thin, right: thin };

/**
 * Writes the ledger into `out` and resolves when the file is complete. `chunks` yields rows in
 * ledger order; a failure while reading rejects (the caller destroys the stream).
 */
export async function writeLedger(out: Writable, spec: LedgerSpec, chunks: AsyncIterable<LedgerCell[][]>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '戎家';
  const ws = wb.addWorksheet(spec.sheetName, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
  });
  ws.columns = spec.columns.map((c) => ({ width: c.width }));
  const n = spec.columns.length;

  const title = ws.addRow([spec.title]);
  title.height = 30;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(1, 1, 1, n);
  title.commit();

  const head = ws.addRow(spec.columns.map((c) => c.header));
  head.height = 30;
  head.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = BORDER;
  });
  head.commit();

  let count = 0;
  for await (const chunk of chunks) {
    for (const values of chunk) {
      count += 1;
      const row = ws.addRow(values.map((v) => (v === '' ? null : typeof v === 'string' ? defuse(v) : v)));
      for (let i = 1; i <= n; i++) {
        const c = row.getCell(i);
        c.border = BORDER;
        if (typeof c.value === 'string' && c.value.startsWith("'")) c.numFmt = '@';
      }
      row.commit();
    }
  }
  ws.commit();
  await wb.commit();
  return count;
}
