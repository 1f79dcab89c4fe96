// A small .xlsx reader for the import: the zip's central directory (so the parts are read in the
// order they are needed, whatever order the writer put them in), node:zlib's raw inflate, and a
// tokenizer for the few SpreadsheetML parts a ledger needs: the package and workbook
// relationships, workbook.xml (sheet order, names, visibility, the 1904 date system),
// styles.xml (which cell formats are dates), and one worksheet, streamed row by row, with the
// shared strings read in step with it: Excel and WPS write the shared-string table in order of
// first use, so the first rows of a sheet need only the first strings, and the table is read only
// as far as the rows read so far name (it is kept, and grows, for the other sheets of the book).
// Element and attribute names are compared without their namespace prefix, so a workbook written
// by WPS Office (<x:workbook>, <x:sheetData>, <x:c>…) reads like one written by Microsoft Excel.
//
// It replaces ExcelJS's streaming reader, which reads the zip front to back and races on the
// order of its entries (exceljs issue 962: "Cannot read properties of undefined (reading
// 'sheets')") and does not know prefixed element names.
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';

/** A cell as read: text, a number, or empty. Date-formatted numbers come as YYYY-MM-DD text. */
export type XlsxCell = string | number | null;
export type XlsxRow = { n: number; cells: XlsxCell[] };

export class XlsxError extends Error {}

// ---- zip ----

type ZipEntry = { name: string; method: number; compressedSize: number; size: number; offset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip archive held in memory, by lower-cased name. */
function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('不是有效的 zip 文件（找不到目录）');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new XlsxError('不支持 ZIP64 格式');
  const out = new Map<string, ZipEntry>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) throw new XlsxError('zip 目录已损坏');
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const offset = zip.readUInt32LE(p + 42);
    const name = zip.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength).replace(/\\/g, '/').replace(/^\//, '');
    if (flags & 1) throw new XlsxError('文件已加密，请先取消密码保护');
    out.set(name.toLowerCase(), { name, method, compressedSize, size, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

function entryData(zip: Buffer, e: ZipEntry): Buffer {
  const h = e.offset;
  if (h + 30 > zip.length || zip.readUInt32LE(h) !== LOCAL) throw new XlsxError(`zip 条目 ${e.name} 已损坏`);
  const start = h + 30 + zip.readUInt16LE(h + 26) + zip.readUInt16LE(h + 28);
  const end = start + e.compressedSize;
  if (end > zip.length) throw new XlsxError(`zip 条目 ${e.name} 不完整`);
  if (e.method !== 0 && e.method !== 8) throw new XlsxError(`zip 条目 ${e.name} 的压缩方式 ${e.method} 不受支持`);
  return zip.subarray(start, end);
}

const SLICE = 64 * 1024;

/**
 * The text of an entry, pulled in pieces as it inflates (never the whole part at once): UTF-8
 * split between pieces decoded whole, a byte order mark dropped. A caller that stops early calls
 * `return()` (a `for await` loop left by break does), which destroys the inflater.
 */
async function* entryText(zip: Buffer, e: ZipEntry): AsyncGenerator<string, void, undefined> {
  const data = entryData(zip, e);
  const decoder = new StringDecoder('utf8');
  let first = true;
  const decode = (buf: Buffer): string => {
    const text = decoder.write(buf);
    if (first && text.length) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  };
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += SLICE) {
      const text = decode(data.subarray(i, i + SLICE));
      if (text.length) yield text;
    }
  } else {
    const inflate = zlib.createInflateRaw({ chunkSize: SLICE });
    let i = 0;
    const pump = () => {
      // the compressed bytes go in a slice at a time, as the inflater wants them
      while (i < data.length) {
        const more = inflate.write(data.subarray(i, Math.min(i + SLICE, data.length)));
        i += SLICE;
        if (!more) return;
      }
      inflate.end();
    };
    inflate.on('drain', pump);
    pump();
    try {
      // only the inflater throws here: the caller's own errors stay with the caller
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        const text = decode(chunk);
        if (text.length) yield text;
      }
    } catch (err) {
      throw new XlsxError(`zip 条目 ${e.name} 无法解压：${(err as Error).message}`);
    } finally {
      inflate.removeListener('drain', pump);
      inflate.destroy();
    }
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * The text of an entry, in pieces as it inflates: `take` gets each piece and may return false to
 * stop reading.
 */
async function readEntry(zip: Buffer, e: ZipEntry, take: (text: string) => boolean | Promise<boolean>): Promise<void> {
  for await (const text of entryText(zip, e)) {
    if (!(await take(text))) return;
  }
}

// ---- XML ----

/** The name without its namespace prefix: x:sheetData → sheetData. */
function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}
/** XML character data with its entities replaced. */
export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => (name ? NAMED[name] : codePoint(dec ? Number(dec) : parseInt(hex!, 16))));
}
/** SpreadsheetML's escape of characters XML cannot carry: _x000D_ → \r (and _x005F_ → _). */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
function unescapeOoxml(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The attributes of a start tag's text (after its name), by name without prefix; an `r:id`-like prefixed `id` also as 'r:id'. */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    const value = unescapeXml(m[2] ?? m[3] ?? '');
    const name = m[1];
    const l = local(name);
    if (l !== name && name.slice(0, 6) !== 'xmlns:') {
      // a relationship id (r:id, or the same namespace under another prefix) is told apart from a plain id
      out.set(`r:${l}`, value);
      if (!out.has(l)) out.set(l, value);
    } else out.set(name, value);
  }
  return out;
}

type XmlHandler = {
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  /** character data s[start, end) */
  text(s: string, start: number, end: number): void;
};

/**
 * A push tokenizer: `write` takes text in any pieces. Start and end tags reach the handler by
 * local name (prefix removed), with the raw text of the start tag for attributes(); character
 * data raw (entities not yet replaced). Comments, processing instructions and the doctype are
 * skipped; CDATA reaches `text` escaped.
 */
class XmlTokens {
  private rest = '';
  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    const s = this.rest ? this.rest + chunk : chunk;
    const h = this.h;
    let i = 0;
    const n = s.length;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // character data up to the end: kept until the next tag says where it ends
        this.rest = s.slice(i);
        return;
      }
      if (lt > i) h.text(s, i, lt);
      if (lt + 1 >= n) {
        this.rest = s.slice(lt);
        return;
      }
      const c = s.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) return void (this.rest = s.slice(lt));
          i = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) return void (this.rest = s.slice(lt));
          const data = s.slice(lt + 9, end).replace(/&/g, '&amp;').replace(/</g, '&lt;');
          h.text(data, 0, data.length);
          i = end + 3;
        } else if (lt + 9 > n) {
          return void (this.rest = s.slice(lt));
        } else {
          const end = s.indexOf('>', lt);
          if (end < 0) return void (this.rest = s.slice(lt));
          i = end + 1;
        }
        continue;
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return void (this.rest = s.slice(lt));
        i = end + 2;
        continue;
      }
      // a tag ends at the first '>' outside quotes ('<' cannot appear inside one)
      let gt = lt + 1;
      for (let quote = 0; gt < n; gt++) {
        const ch = s.charCodeAt(gt);
        if (quote) {
          if (ch === quote) quote = 0;
        } else if (ch === 62) break;
        else if (ch === 34 || ch === 39) quote = ch;
      }
      if (gt >= n) return void (this.rest = s.slice(lt));
      if (c === 47 /* / */) {
        h.close(local(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const body = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let e = 0;
        while (e < body.length) {
          const ch = body.charCodeAt(e);
          if (ch === 32 || ch === 9 || ch === 10 || ch === 13) break;
          e++;
        }
        const name = local(body.slice(0, e));
        h.open(name, body, selfClosing);
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
  }

  end(): void {
    if (this.rest.trim().startsWith('<')) throw new XlsxError('XML 不完整');
    this.rest = '';
  }
}

async function parsePart(zip: Buffer, e: ZipEntry, h: XmlHandler): Promise<void> {
  const t = new XmlTokens(h);
  await readEntry(zip, e, (text) => {
    t.write(text);
    return true;
  });
  t.end();
}

/**
 * The shared-string table (xl/sharedStrings.xml), read lazily: `ensure(i)` inflates and parses
 * pieces of the part until string i is known or the part ends. The strings are kept for the
 * whole read, shared by the sheets of the book, and only grow.
 */
class SharedStrings {
  readonly strings: string[] = [];
  /** the whole part has been read: an index at or beyond strings.length names no string */
  complete: boolean;
  private readonly tokens: XmlTokens;
  private readonly pieces: AsyncGenerator<string, void, undefined> | null;
  /** the reads under way, one after the other (two sheets may ask at once) */
  private queue: Promise<void> = Promise.resolve();

  constructor(zip: Buffer, e: ZipEntry | undefined) {
    this.pieces = e ? entryText(zip, e) : null;
    this.complete = !e;
    const strings = this.strings;
    let depthPhonetic = 0;
    let inT = false;
    let inSi = false;
    let cur = '';
    this.tokens = new XmlTokens({
      open(name, _tag, selfClosing) {
        if (selfClosing) return;
        if (name === 'si') {
          inSi = true;
          cur = '';
        } else if (name === 't') inT = true;
        else if (name === 'rPh') depthPhonetic++;
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') depthPhonetic--;
        else if (name === 'si') {
          // a self-closing <si/> is an empty string too
          strings.push(inSi ? unescapeOoxml(unescapeXml(cur)) : '');
          inSi = false;
        }
      },
      text(s, start, end) {
        if (inT && depthPhonetic === 0) cur += s.slice(start, end);
      },
    });
  }

  /** Reads on until strings[index] is known or the table has ended. */
  ensure(index: number): Promise<void> {
    if (index < this.strings.length || this.complete) return Promise.resolve();
    const read = this.queue.then(() => this.readTo(index));
    this.queue = read;
    return read;
  }

  private async readTo(index: number): Promise<void> {
    const pieces = this.pieces!;
    while (this.strings.length <= index && !this.complete) {
      const next = await pieces.next();
      if (next.done) {
        this.tokens.end();
        this.complete = true;
      } else this.tokens.write(next.value);
    }
  }
}

// ---- the workbook ----

type Relationship = { id: string; type: string; target: string };

/** A path inside the package: `target` relative to the folder of `from` (or absolute from the root). */
function resolvePath(from: string, target: string): string {
  const parts = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const p of target.replace(/^\//, '').split('/')) {
    if (p === '..') parts.pop();
    else if (p && p !== '.') parts.push(p);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, and the CJK ones Excel and WPS use). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom number format shows a date: y, m, d, h or s outside quotes, escapes and [colour] brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  // only the first section (positive numbers) decides
  const first = bare.split(';')[0];
  return /[ymdhs]/i.test(first) && !/^[#0.,%\s]*$/.test(first);
}

const DAY_MS = 86_400_000;
/** An Excel serial day as YYYY-MM-DD (the time of day dropped); null if out of range. */
export function serialDay(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null;
  const whole = Math.floor(serial);
  // the 1900 system counts a 29 February 1900 that did not exist (serial 60)
  const base = date1904 ? Date.UTC(1904, 0, 1) : whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + whole * DAY_MS).toISOString().slice(0, 10);
}

export type XlsxSheet = { name: string; state: string; path: string | null };

export type XlsxBook = {
  sheets: XlsxSheet[];
  date1904: boolean;
  /**
   * Reads a worksheet row by row: `onRows` gets the rows of each piece of the sheet as it
   * inflates (rows without any cell are left out), and may return false to stop.
   */
  readRows(sheet: XlsxSheet, onRows: (rows: XlsxRow[]) => boolean | Promise<boolean>, opts?: { maxColumns?: number }): Promise<void>;
};

async function relationships(zip: Buffer, entries: Map<string, ZipEntry>, path: string): Promise<Relationship[]> {
  const e = entries.get(path.toLowerCase());
  if (!e) return [];
  const out: Relationship[] = [];
  await parsePart(zip, e, {
    open(name, tag) {
      if (name !== 'Relationship') return;
      const a = attributes(tag);
      out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '' });
    },
    close() {},
    text() {},
  });
  return out;
}

/** Opens a workbook held in memory: its sheets in workbook order, the date system, and what the sheets need. */
export async function openXlsx(zip: Buffer): Promise<XlsxBook> {
  const entries = zipEntries(zip);
  const rootRels = await relationships(zip, entries, '_rels/.rels');
  const docRel = rootRels.find((r) => /\/officeDocument$/.test(r.type));
  let workbookPath = docRel ? resolvePath('', docRel.target) : 'xl/workbook.xml';
  if (!entries.has(workbookPath.toLowerCase())) workbookPath = 'xl/workbook.xml';
  const workbookEntry = entries.get(workbookPath.toLowerCase());
  if (!workbookEntry) throw new XlsxError('不是 Excel 工作簿（缺少 workbook.xml）');

  const listed: { name: string; state: string; rid: string; sheetId: string }[] = [];
  let date1904 = false;
  await parsePart(zip, workbookEntry, {
    open(name, tag) {
      if (name === 'sheet') {
        const a = attributes(tag);
        listed.push({ name: a.get('name') ?? '', state: a.get('state') ?? 'visible', rid: a.get('r:id') ?? '', sheetId: a.get('sheetId') ?? '' });
      } else if (name === 'workbookPr') {
        const v = attributes(tag).get('date1904');
        date1904 = v === '1' || v === 'true';
      }
    },
    close() {},
    text() {},
  });
  const rels = await relationships(zip, entries, relsPathOf(workbookPath));
  const target = (type: string) => {
    const r = rels.find((x) => x.type.endsWith(`/${type}`));
    return r ? resolvePath(workbookPath, r.target) : null;
  };
  const sheets: XlsxSheet[] = listed.map((s) => {
    const rel = rels.find((r) => r.id === s.rid);
    let path = rel ? resolvePath(workbookPath, rel.target) : null;
    // a workbook without relationships: the sheet files are numbered by sheetId
    if (!path || !entries.has(path.toLowerCase())) {
      const guess = `xl/worksheets/sheet${s.sheetId}.xml`;
      path = entries.has(guess) ? guess : null;
    }
    return { name: s.name, state: s.state, path };
  });

  // which cell formats are dates
  let dateStyles: boolean[] = [];
  const stylesEntry = entries.get((target('styles') ?? 'xl/styles.xml').toLowerCase());
  if (stylesEntry) {
    const custom = new Map<number, string>();
    const xfFormats: number[] = [];
    let inCellXfs = false;
    await parsePart(zip, stylesEntry, {
      open(name, tag, selfClosing) {
        if (name === 'numFmt') {
          const a = attributes(tag);
          custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
        } else if (name === 'cellXfs') inCellXfs = !selfClosing;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attributes(tag).get('numFmtId') ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    });
    dateStyles = xfFormats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_FORMAT_IDS.has(id)));
  }

  // the shared strings: read as the sheets' rows name them
  const sst = new SharedStrings(zip, entries.get((target('sharedStrings') ?? 'xl/sharedStrings.xml').toLowerCase()));

  return {
    sheets,
    date1904,
    async readRows(sheet, onRows, opts = {}) {
      if (!sheet.path) throw new XlsxError(`找不到工作表“${sheet.name}”`);
      const e = entries.get(sheet.path.toLowerCase());
      if (!e) throw new XlsxError(`找不到工作表“${sheet.name}”`);
      const reader = new SheetRows(sst, dateStyles, date1904, opts.maxColumns ?? 16_384);
      const tokens = new XmlTokens(reader);
      let stopped = false;
      await readEntry(zip, e, async (text) => {
        tokens.write(text);
        if (!reader.pending.length) return true;
        const rows = await reader.take();
        if (rows.length && !(await onRows(rows))) stopped = true;
        return !stopped;
      });
      // stopped by onRows: the rest of the sheet (and the tag the last piece cut) is not read
      if (stopped) return;
      tokens.end();
      if (reader.pending.length) {
        const rows = await reader.take();
        if (rows.length) await onRows(rows);
      }
    },
  };
}

/** Column number (1-based) of a cell reference: B7 → 2. */
function columnOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

/** Reads the value of one attribute from a start tag's text, quickly (the sheet's tags are many). */
function attr(tag: string, name: string): string | null {
  // ' r="' — the name after a space, so that 'r' does not match inside 'spans' or 'ref'
  let from = 0;
  for (;;) {
    const i = tag.indexOf(name, from);
    if (i < 0) return null;
    const before = tag.charCodeAt(i - 1);
    let j = i + name.length;
    while (tag.charCodeAt(j) === 32) j++;
    if ((before === 32 || before === 9 || before === 10 || before === 13 || before === 58) && tag.charCodeAt(j) === 61) {
      j++;
      while (tag.charCodeAt(j) === 32) j++;
      const quote = tag[j];
      if (quote === '"' || quote === "'") {
        const end = tag.indexOf(quote, j + 1);
        if (end < 0) return null;
        const v = tag.slice(j + 1, end);
        return v.indexOf('&') < 0 ? v : unescapeXml(v);
      }
    }
    from = i + name.length;
  }
}

/**
 * A shared-string cell whose string was not read yet when the cell was. `prev` is what its place
 * in the row held before it: a cell that names no string is not stored, so if the index turns out
 * to be beyond the table, the place keeps what an earlier cell of the same column put there.
 */
class SharedRef {
  constructor(
    readonly index: number,
    readonly prev: Slot,
  ) {}
}
type Slot = XlsxCell | SharedRef;

/** A row read but not handed out yet; `refs`: its cells that name strings not read yet. */
type PendingRow = { n: number; cells: Slot[]; refs: SharedRef[] | null; any: boolean };

/**
 * The worksheet's <sheetData>: rows of cells, typed. A shared string already read goes into its
 * cell at once; one further on in the table is left as a SharedRef until `take`, which reads the
 * table as far as the pending rows need and only then tells which of them are empty.
 */
class SheetRows implements XmlHandler {
  pending: PendingRow[] = [];
  /** the largest index of a string not read yet among the pending rows, or -1 */
  private maxIndex = -1;
  private row: Slot[] | null = null;
  private refs: SharedRef[] | null = null;
  private rowMax = -1;
  private rowNumber = 0;
  private any = false;
  private col = 0;
  private type = '';
  private dateStyle = false;
  private value = '';
  /** inside <v>, or inside <t> of an inline string (not in its phonetic run) */
  private collecting = false;
  private hasValue = false;
  private inInline = false;
  private phonetic = 0;

  constructor(
    private readonly sst: SharedStrings,
    private readonly dateStyles: boolean[],
    private readonly date1904: boolean,
    private readonly maxColumns: number,
  ) {}

  /**
   * The rows read since the last call, their shared strings read and put in: rows without any
   * cell (none stored, or only empty strings) are left out.
   */
  async take(): Promise<XlsxRow[]> {
    const rows = this.pending;
    const max = this.maxIndex;
    this.pending = [];
    this.maxIndex = -1;
    if (max >= 0) await this.sst.ensure(max);
    const strings = this.sst.strings;
    const out: XlsxRow[] = [];
    for (const { n, cells, refs, any } of rows) {
      if (refs) {
        let kept = any;
        for (let k = 0; !kept && k < refs.length; k++) {
          const s = strings[refs[k].index];
          kept = s !== undefined && s !== '';
        }
        if (!kept) continue;
        let trim = false;
        for (let i = 0; i < cells.length; i++) {
          let c = cells[i];
          if (!(c instanceof SharedRef)) continue;
          // the string named, or (naming none) what the place held before
          while (c instanceof SharedRef) c = strings[c.index] ?? c.prev;
          cells[i] = c;
          if (c === null) trim = true;
        }
        // a place filled only by cells naming no string is not part of the row: the row ends at
        // its last stored cell
        if (trim) while (cells.length && cells[cells.length - 1] === null) cells.pop();
      }
      // no SharedRef is left in the cells
      out.push({ n, cells: cells as XlsxCell[] });
    }
    return out;
  }

  open(name: string, tag: string, selfClosing: boolean): void {
    switch (name) {
      case 'row': {
        const r = attr(tag, 'r');
        this.rowNumber = r ? Number(r) : this.rowNumber + 1;
        this.row = [];
        this.refs = null;
        this.rowMax = -1;
        this.any = false;
        this.col = 0;
        if (selfClosing) this.row = null;
        return;
      }
      case 'c': {
        const r = attr(tag, 'r');
        this.col = r ? columnOfRef(r) : this.col + 1;
        this.type = attr(tag, 't') ?? 'n';
        const s = attr(tag, 's');
        this.dateStyle = s !== null && this.dateStyles[Number(s)] === true;
        this.value = '';
        this.hasValue = false;
        this.inInline = false;
        return;
      }
      case 'v':
        if (!selfClosing) {
          this.collecting = true;
          this.hasValue = true;
        }
        return;
      case 'is':
        this.inInline = true;
        this.hasValue = true;
        return;
      case 't':
        if (this.inInline && !selfClosing && this.phonetic === 0) this.collecting = true;
        return;
      case 'rPh':
        if (!selfClosing) this.phonetic++;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.collecting = false;
        return;
      case 'rPh':
        this.phonetic--;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'c': {
        const row = this.row;
        if (!row || !this.hasValue || this.col < 1 || this.col > this.maxColumns) return;
        const i = this.col - 1;
        let v: Slot;
        if (this.type === 's') {
          // an index into the shared strings (never a date, whatever its style)
          const index = Number(this.value);
          if (!Number.isInteger(index) || index < 0) return;
          const strings = this.sst.strings;
          if (index < strings.length || this.sst.complete) {
            const s = strings[index];
            if (s === undefined) return;
            v = s;
          } else {
            const ref = new SharedRef(index, row[i] ?? null);
            if (this.refs) this.refs.push(ref);
            else this.refs = [ref];
            if (index > this.rowMax) this.rowMax = index;
            v = ref;
          }
        } else {
          const value = this.cellValue();
          if (value === null) return;
          v = value;
        }
        while (row.length < i) row.push(null);
        row[i] = v;
        if (v !== '' && !(v instanceof SharedRef)) this.any = true;
        return;
      }
      case 'row':
        // a row with strings not read yet is kept until take() knows whether it is empty
        if (this.row && (this.any || this.refs)) {
          this.pending.push({ n: this.rowNumber, cells: this.row, refs: this.refs, any: this.any });
          if (this.rowMax > this.maxIndex) this.maxIndex = this.rowMax;
        }
        this.row = null;
        return;
    }
  }

  text(s: string, start: number, end: number): void {
    if (this.collecting) this.value += s.slice(start, end);
  }

  private cellValue(): XlsxCell {
    const raw = this.value;
    // shared strings ('s') are looked up in close('c')
    switch (this.type) {
      case 'inlineStr':
      case 'str':
        return unescapeOoxml(unescapeXml(raw));
      case 'b':
        return raw.trim() === '1' || raw.trim() === 'true' ? 'TRUE' : 'FALSE';
      case 'e':
        return unescapeXml(raw);
      case 'd': {
        const t = raw.trim();
        return /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : t || null;
      }
      default: {
        const t = raw.trim();
        if (t === '') return null;
        const n = Number(t);
        if (!Number.isFinite(n)) return null;
        return this.dateStyle ? (serialDay(n, this.date1904) ?? n) : n;
      }
    }
  }
}
