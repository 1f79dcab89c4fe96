// Reading an .xlsx back at the level of its XML: one part of the zip (the central directory gives
// the sizes, so a streamed zip with data descriptors reads too) and the type attribute of a cell.
import { unzipParts } from '../../src/server/modules/imports/xlsx-shapes-test-support';
import ExcelJS from 'exceljs';

/** The text of one part of the zip, e.g. 'xl/worksheets/sheet1.xml' (the import tests' zip walker). */
export function zipPart(buf: Buffer, name: string): string {
  const part = unzipParts(buf).find((p) => p.name.replace(/^\//, '') === name);
  if (!part) throw new Error(`no ${name} in the zip`);
  return part.data.toString('utf8');
}

/** The `t` attribute of a cell in a worksheet's XML (null: none, a number). */
export function cellTypeAttr(sheetXml: string, address: string): string | null {
  const m = new RegExp(`<c r="${address}"([^>]*?)/?>`).exec(sheetXml);
  if (!m) throw new Error(`no cell ${address}`);
  return /\st="([^"]+)"/.exec(m[1])?.[1] ?? null;
}

export async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  return wb;
}

/** Every cell of the first sheet whose value is exactly `text`. */
export function cellsWithText(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell[] {
  const found: ExcelJS.Cell[] = [];
  ws.eachRow((row) => row.eachCell((c) => {
    if (c.value === text) found.push(c);
  }));
  return found;
}

/** Every cell of the first sheet whose text contains `part` (any value type). */
export function cellsContaining(ws: ExcelJS.Worksheet, part: string): ExcelJS.Cell[] {
  const found: ExcelJS.Cell[] = [];
  ws.eachRow((row) => row.eachCell((c) => {
    if (String(c.text ?? '').includes(part)) found.push(c);
  }));
  return found;
}
