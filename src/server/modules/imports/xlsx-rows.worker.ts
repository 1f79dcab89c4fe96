// The parsing half of an Excel import, in a worker thread: ExcelJS's streaming reader turns the
// bytes the main thread hands over into rows; the header row is found among the first rows and
// every data row is checked here (values, dates, ID number, lists: import-row.ts) and given its
// name tokens, so that the main thread is left with what needs the database and the keys. The
// first visible worksheet is read; hidden sheets (the template's lists) and later ones are not.
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { nameTokens } from '../../../shared/rules/name-search';
import { columnOf, mapHeader, RowParser } from './import-row';
import {
  HEADER_WITHIN,
  MAX_COLUMNS,
  ROW_BATCH_SIZE,
  ROW_BATCHES_IN_FLIGHT,
  type CellValue,
  type CheckedRow,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
} from './xlsx-rows.protocol';
import type { LedgerField } from '../../../shared/schemas/ledgers';

const port = parentPort;
if (!port) throw new Error('xlsx-rows.worker must run in a worker thread');
const post = (m: FromWorker) => port.postMessage(m);
const { today } = workerData as WorkerInit;
const REQUIRED: LedgerField[] = ['name', 'idNumber', 'recipientGroup'];

const input = new Readable({
  highWaterMark: 256 * 1024,
  read() {
    post({ type: 'pull' });
  },
});

let credits = ROW_BATCHES_IN_FLIGHT;
let wake: (() => void) | null = null;
port.on('message', (m: ToWorker) => {
  if (m.type === 'chunk') input.push(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
  else if (m.type === 'end') input.push(null);
  else if (m.type === 'ack') {
    credits += 1;
    wake?.();
    wake = null;
  }
});

type RichText = { richText: { text: string }[] };
/** Any ExcelJS cell value as text or a number: rich text joined, a formula's cached result, a link's text. */
function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Partial<RichText & { result: unknown; text: unknown; error: string }>;
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
    if ('result' in o) return plain(o.result);
    if ('text' in o) return plain(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return null;
}

/** Name tokens of the names seen lately: names repeat, and pinyin is the costly part. */
const tokenCache = new Map<string, string[]>();
function tokensOf(name: string): string[] {
  let t = tokenCache.get(name);
  if (!t) {
    if (tokenCache.size >= 20_000) tokenCache.clear();
    tokenCache.set(name, (t = nameTokens(name)));
  }
  return t;
}

async function send(rows: CheckedRow[]): Promise<void> {
  while (credits === 0) await new Promise<void>((r) => (wake = r));
  credits -= 1;
  post({ type: 'rows', rows });
}

async function run(): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let total = 0;
  let sheetName: string | null = null;
  let parser: RowParser | null = null;
  let before = 0;
  let batch: CheckedRow[] = [];
  let refused = false;
  sheets: for await (const sheet of reader) {
    const s = sheet as unknown as { name?: string; state?: string } & AsyncIterable<ExcelJS.Row>;
    // the rest of the workbook is read through (the zip is one stream) but not looked at
    if (sheetName !== null || (s.state && s.state !== 'visible')) continue;
    sheetName = s.name ?? '';
    for await (const row of s) {
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      let any = false;
      const last = Math.min(values.length - 1, MAX_COLUMNS);
      for (let c = 1; c <= last; c++) {
        const v = plain(values[c]);
        cells.push(v);
        if (v !== null && v !== '') any = true;
      }
      if (!any) continue;
      if (!parser) {
        const columns = mapHeader(cells);
        if (columns) {
          const absent = REQUIRED.filter((k) => !columns.has(k)).map((k) => `“${columnOf(k).header}”`);
          if (absent.length) {
            post({ type: 'problem', row: row.number, message: `缺少必填列${absent.join('、')}：请使用导入模板` });
            refused = true;
            break sheets;
          }
          parser = new RowParser(columns, today);
        } else if (++before >= HEADER_WITHIN) break sheets;
        continue;
      }
      const result = parser.parse(cells);
      batch.push({ ...result, n: row.number, tokens: result.row ? tokensOf(result.row.name) : null });
      total += 1;
      if (batch.length >= ROW_BATCH_SIZE) {
        await send(batch);
        batch = [];
      }
    }
  }
  if (batch.length) await send(batch);
  if (refused) {
    // already said
  } else if (!parser && sheetName !== null) post({ type: 'problem', row: 0, message: `未找到表头：第一个工作表的前 ${HEADER_WITHIN} 行中须有“姓名”“公民身份号码”“人员类别”等列，请使用导入模板` });
  else if (sheetName === null) post({ type: 'problem', row: 0, message: '文件中没有可见的工作表' });
  post({ type: 'end', rows: total, sheet: sheetName });
}

run().catch((e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
