// The parsing half of an Excel import, in a worker thread: the workbook's bytes are read by
// xlsx-reader.ts (Microsoft Excel and WPS Office workbooks alike); the header row is found
// among the first rows and every data row is checked here (values, dates, ID number, lists:
// import-row.ts), and a good row is given its name tokens and its sensitive values encrypted,
// hashed and masked, so that the main thread is left with what needs the database. The first
// visible worksheet is read; hidden sheets (the template's lists) and later ones are not.
//
// Built on its own (the compiled server starts it as dist/.../xlsx-rows.worker.js).
import { parentPort, workerData } from 'node:worker_threads';
import { nameTokens } from '../../../shared/rules/name-search';
import { maskIdNumber } from '../../../shared/rules/id-number';
import { maskPhone } from '../../../shared/rules/phone';
import { createFieldCrypto } from '../../platform/crypto';
import { columnOf, mapHeader, RowParser, type ParsedRow } from './import-row';
import { openXlsx, XlsxError, type XlsxRow } from './xlsx-reader';
import {
  HEADER_WITHIN,
  MAX_COLUMNS,
  ROW_BATCH_SIZE,
  ROW_BATCHES_IN_FLIGHT,
  type CheckedRow,
  type GoodRow,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
} from './xlsx-rows.protocol';
import type { LedgerField } from '../../../shared/schemas/ledgers';

const port = parentPort;
if (!port) throw new Error('xlsx-rows.worker must run in a worker thread');
const post = (m: FromWorker) => port.postMessage(m);
const init = workerData as WorkerInit;
const crypto = createFieldCrypto(Buffer.from(init.crypto.masterKey), init.crypto.suite);
const REQUIRED: LedgerField[] = ['name', 'idNumber', 'recipientGroup'];

let credits = ROW_BATCHES_IN_FLIGHT;
let wake: (() => void) | null = null;
port.on('message', (m: ToWorker) => {
  if (m.type === 'ack') {
    credits += 1;
    wake?.();
    wake = null;
  } else if (m.type === 'file') {
    run(m.file).catch((e: unknown) => post({ type: 'error', message: e instanceof XlsxError ? e.message : e instanceof Error ? e.message : String(e) }));
  }
});

/**
 * Name tokens of the names seen lately, as the JSON list they are staged in: names repeat, and
 * pinyin is the costly part. The one place the import makes tokens (the search index's shape is
 * the recipients module's).
 */
const tokenCache = new Map<string, string>();
function tokensOf(name: string): string {
  let t = tokenCache.get(name);
  if (t === undefined) {
    if (tokenCache.size >= 20_000) tokenCache.clear();
    tokenCache.set(name, (t = JSON.stringify(nameTokens(name))));
  }
  return t;
}

/** A good row as posted (GoodRow): its values in their places, sealed and in JSON as stored. */
function good(n: number, p: ParsedRow, idHash: string): GoodRow {
  const u = p.unit;
  const phone = p.phone;
  return [
    n,
    p.id18,
    idHash,
    u.township,
    u.village,
    u.grid,
    u.code,
    tokensOf(p.name),
    p.name,
    p.birthDate,
    p.gender,
    p.ethnicity,
    p.politicalStatus,
    p.recipientGroup,
    p.kind,
    p.careMask,
    p.enlistmentDate,
    p.dischargeDate,
    p.dischargeType,
    p.branch,
    p.lastUnit,
    p.rank,
    p.disabilityGrade,
    p.disabilityCause,
    JSON.stringify(p.merits),
    p.education,
    p.employmentStatus,
    p.skills,
    p.householdAddress,
    p.currentAddress,
    p.notes,
    p.deceasedSoldier ? JSON.stringify(p.deceasedSoldier) : null,
    crypto.encrypt(p.id18),
    maskIdNumber(p.id18),
    phone ? crypto.encrypt(phone) : null,
    phone ? crypto.lookupHash(phone) : null,
    phone ? maskPhone(phone) : null,
  ];
}

async function send(rows: CheckedRow[]): Promise<void> {
  while (credits === 0) await new Promise<void>((r) => (wake = r));
  credits -= 1;
  post({ type: 'rows', rows });
}

async function run(file: Uint8Array): Promise<void> {
  const book = await openXlsx(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  const sheet = book.sheets.find((s) => s.state === 'visible' || !s.state);
  if (!sheet) {
    post({ type: 'problem', row: 0, message: '文件中没有可见的工作表' });
    post({ type: 'end', rows: 0, sheet: null });
    return;
  }
  let total = 0;
  let parser: RowParser | null = null;
  let before = 0;
  let batch: CheckedRow[] = [];
  let stopped = false;
  const take = async (rows: XlsxRow[]): Promise<boolean> => {
    for (const { n, cells } of rows) {
      if (!parser) {
        const columns = mapHeader(cells);
        if (columns) {
          const absent = REQUIRED.filter((k) => !columns.has(k)).map((k) => `“${columnOf(k).header}”`);
          if (absent.length) {
            post({ type: 'problem', row: n, message: `缺少必填列${absent.join('、')}：请使用导入模板` });
            stopped = true;
            return false;
          }
          parser = new RowParser(columns, init.today);
        } else if (++before >= HEADER_WITHIN) return false;
        continue;
      }
      const result = parser.parse(cells);
      const p = result.row;
      const idHash = result.id18 ? crypto.lookupHash(result.id18) : null;
      batch.push(p && idHash ? good(n, p, idHash) : { n, problems: result.problems, id18: result.id18, idHash, unit: result.unit });
      total += 1;
      if (batch.length >= ROW_BATCH_SIZE) {
        await send(batch);
        batch = [];
      }
    }
    return true;
  };
  await book.readRows(sheet, take, { maxColumns: MAX_COLUMNS });
  if (batch.length) await send(batch);
  if (stopped) {
    // already said
  } else if (!parser) post({ type: 'problem', row: 0, message: `未找到表头：第一个工作表的前 ${HEADER_WITHIN} 行中须有“姓名”“公民身份号码”“人员类别”等列，请使用导入模板` });
  post({ type: 'end', rows: total, sheet: sheet.name });
}

