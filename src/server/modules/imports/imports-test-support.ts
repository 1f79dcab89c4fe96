// Shared by the import and ledger tests (and the cross-jurisdiction fixtures): ledger workbooks
// built with ExcelJS, and an upload through the real route with its NDJSON answer read back.
import ExcelJS from 'exceljs';
import type { Agent } from '../../../../test/helpers/app';
import { registryLedgerColumns, XLSX_MIME, type ImportEvent, type ImportResult } from '../../../shared/schemas/ledgers';

export type LedgerRowInput = Partial<Record<string, string | number | null>>;

/** A veteran's row by header, for a village of the importer (overridable column by column). */
export function veteranRow(name: string, idNumber: string, over: LedgerRowInput = {}): LedgerRowInput {
  return {
    姓名: name,
    公民身份号码: idNumber,
    民族: '汉族',
    政治面貌: '中共党员',
    人员类别: '退役士兵',
    入伍时间: '2001-12-01',
    退役时间: '2006-12-01',
    退役方式: '自主就业',
    原部队: '陆军某部',
    '军衔/职级': '上士',
    文化程度: '高中',
    联系电话: '13857201234',
    户籍地址: '浙江省安吉县孝丰镇',
    现居住地址: '浙江省安吉县孝丰镇',
    就业状况: '在岗就业',
    ...over,
  };
}

/**
 * A workbook like the template: a title row, a note row, the header row (the ledger's columns,
 * or `headers`), then one row per entry (cells by header). `cells` can set raw cell values.
 */
export async function ledgerWorkbook(rows: LedgerRowInput[], opts: { headers?: string[]; title?: boolean; cells?: (ws: ExcelJS.Worksheet) => void } = {}): Promise<Buffer> {
  const headers = opts.headers ?? registryLedgerColumns.map((c) => c.header);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('退役军人信息台账');
  if (opts.title !== false) {
    ws.addRow(['退役军人信息台账（导入模板）']);
    ws.addRow(headers.map(() => '说明'));
  }
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => (h === '序号' ? null : (r[h] ?? null))));
  opts.cells?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The sheet row number of the i-th data row of ledgerWorkbook (title, note and header above). */
export const rowOf = (i: number, title = true) => i + (title ? 4 : 2);

export type Upload = { status: number; contentType: string | undefined; events: ImportEvent[]; result: ImportResult; body: string };

/** POSTs a workbook to the import route and reads the NDJSON answer. */
export async function upload(a: Agent, body: Buffer | string, contentType: string | null = XLSX_MIME): Promise<Upload> {
  const res = await a.request('POST', '/api/imports/recipients', body as unknown as string, contentType ? { 'content-type': contentType } : {});
  const lines = res.body.split('\n').filter(Boolean);
  const events = res.statusCode === 200 ? lines.map((l) => JSON.parse(l) as ImportEvent) : [];
  return { status: res.statusCode, contentType: res.headers['content-type'] as string | undefined, events, result: events[events.length - 1] as ImportResult, body: res.body };
}

export { authOf } from '../auth/auth-test-support';
