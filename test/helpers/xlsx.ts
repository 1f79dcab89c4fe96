// Reading an .xlsx back at the level of its XML: one part of the zip (the central directory gives
// the sizes, so a streamed zip with data descriptors reads too) and the type attribute of a cell.
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** The text of one part of the zip, e.g. 'xl/worksheets/sheet1.xml'. */
export function zipPart(buf: Buffer, name: string): string {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error('not a zip');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entry = buf.toString('utf8', p + 46, p + 46 + nameLen).replace(/^\//, '');
    if (entry === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`no ${name} in the zip`);
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
