// Workbooks in the shapes stations send, made from ExcelJS output by rewriting its parts: the
// Microsoft Excel shape as ExcelJS writes it (its zip puts workbook.xml last, after the sheets:
// the order that trips ExcelJS's own streaming reader), and the WPS Office shape — every
// SpreadsheetML element with a namespace prefix (<x:workbook>, <x:sheetData>, <x:c>…), the
// parts in another order. Options add inline strings and cells without their `r` reference.
import zlib from 'node:zlib';

export type ZipPart = { name: string; data: Buffer };

/** The parts of a zip, in the order they are stored. */
export function unzipParts(zip: Buffer): ZipPart[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const parts: (ZipPart & { offset: number })[] = [];
  for (let k = 0; k < count; k++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const skip = zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const offset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const raw = zip.subarray(start, start + size);
    parts.push({ name, offset, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLength + skip;
  }
  return parts.sort((a, b) => a.offset - b.offset).map(({ name, data }) => ({ name, data }));
}

/** A zip of `parts` in this order (deflated, with the sizes in the local headers). */
export function zipParts(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const n = Buffer.from(name, 'utf8');
    const body = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(local, n, body);
    central.push(c, n);
    offset += 30 + n.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const isSpreadsheetPart = (name: string) => /^xl\/(workbook\.xml|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/.test(name);

/** Every element of the SpreadsheetML namespace written with the prefix `x:`, as WPS Office writes them. */
export function prefixElements(xml: string, prefix = 'x'): string {
  return xml.replace(`xmlns="${MAIN_NS}"`, `xmlns:${prefix}="${MAIN_NS}"`).replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, (_m, slash: string, name: string) => `<${slash}${prefix}:${name}`);
}

/** Shared-string cells of a sheet written as inline strings instead. */
function inlineStrings(sheet: string, sst: string): string {
  const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
  return sheet.replace(/<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_m, a: string, b: string, i: string) => `<c ${a}t="inlineStr"${b}><is><t>${strings[Number(i)]}</t></is></c>`);
}

export type Reshape = {
  /** element prefix (WPS: 'x') */
  prefix?: string;
  /** shared strings of the sheets as inline strings */
  inline?: boolean;
  /** cells without their r="B7" (a reader counts them) */
  dropCellRefs?: boolean;
  /** part order: 'sheets-first' (worksheets, then shared strings and styles, workbook.xml and its relationships last) or 'workbook-first' */
  order?: 'sheets-first' | 'workbook-first';
};

/** The same workbook in another shape. */
export function reshapeXlsx(xlsx: Buffer, how: Reshape): Buffer {
  let parts = unzipParts(xlsx);
  const sst = parts.find((p) => p.name === 'xl/sharedStrings.xml')?.data.toString('utf8') ?? '';
  parts = parts.map(({ name, data }) => {
    if (!name.endsWith('.xml') || !isSpreadsheetPart(name)) return { name, data };
    let xml = data.toString('utf8');
    if (name.startsWith('xl/worksheets/')) {
      if (how.inline) xml = inlineStrings(xml, sst);
      if (how.dropCellRefs) xml = xml.replace(/<c r="[A-Z]+\d+"/g, '<c');
    }
    if (how.prefix) xml = prefixElements(xml, how.prefix);
    return { name, data: Buffer.from(xml, 'utf8') };
  });
  const rank = (name: string) => {
    const workbookFirst = how.order === 'workbook-first';
    if (name.startsWith('xl/worksheets/')) return workbookFirst ? 5 : 1;
    if (name === 'xl/sharedStrings.xml') return workbookFirst ? 4 : 2;
    if (name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels') return workbookFirst ? 1 : 4;
    return 3;
  };
  if (how.order) parts = parts.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p.name) - rank(b.p.name) || a.i - b.i).map((x) => x.p);
  return zipParts(parts.filter((p) => !p.name.endsWith('/')));
}

/** As WPS Office saves a ledger: prefixed elements, the sheet before the workbook part. */
export const wpsShaped = (xlsx: Buffer) => reshapeXlsx(xlsx, { prefix: 'x', order: 'sheets-first' });
