// The import's .xlsx reader on the shapes stations send: Microsoft Excel's (as ExcelJS writes it,
// workbook.xml stored after the sheets) and WPS Office's (<x:workbook>, <x:sheetData>, <x:c>…,
// parts in another order), with shared and inline strings, numbers, dates (1900 and 1904
// systems), empty cells, gaps in rows and columns, cells without references, hidden sheets and
// sheet order from workbook.xml and its relationships. Reading the same workbook 200 times gives
// the same rows every time (ExcelJS's streaming reader failed on some runs: exceljs issue 962).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openXlsx, serialDay, isDateFormat, type XlsxRow } from './xlsx-reader';
import { startSheetWorker } from './xlsx-rows';
import { GOOD, isGood } from './xlsx-rows.protocol';
import { reshapeXlsx, unzipParts, wpsShaped, zipParts } from './xlsx-shapes-test-support';
import { ledgerWorkbook, veteranRow } from './imports-test-support';
import { createFieldCrypto, fieldCryptoSeed } from '../../platform/crypto';
import { makeId } from '../recipients/recipients-test-support';

async function rowsOf(xlsx: Buffer, sheet?: string): Promise<{ sheets: string[]; rows: XlsxRow[] }> {
  const book = await openXlsx(xlsx);
  const s = sheet ? book.sheets.find((x) => x.name === sheet)! : book.sheets.find((x) => x.state === 'visible')!;
  const rows: XlsxRow[] = [];
  await book.readRows(s, (r) => {
    rows.push(...r);
    return true;
  });
  return { sheets: book.sheets.map((x) => `${x.name}:${x.state}`), rows };
}

/** A workbook with every kind of cell the ledger meets, and a hidden list sheet before it. */
async function sample(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const lists = wb.addWorksheet('lists', { state: 'hidden' });
  lists.addRow(['男', '女']);
  const ws = wb.addWorksheet('台账');
  ws.addRow(['标题']);
  // row 2 left empty; row 3: text, a number, a date, an empty cell, a long number, rich text, a formula
  ws.getCell('A3').value = '张三 & <李四> "五"';
  ws.getCell('B3').value = 42.5;
  ws.getCell('C3').value = new Date(Date.UTC(1975, 2, 3));
  ws.getCell('E3').value = '330523197503031234';
  ws.getCell('F3').value = { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] };
  ws.getCell('G3').value = { formula: 'B3*2', result: 85 };
  ws.getCell('H3').value = true;
  ws.getCell('AB3').value = '远列';
  // a gap of rows: 4–6 absent
  ws.getCell('B7').value = 13857201234;
  ws.getCell('A7').value = '第二行\n换行';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const EXPECTED: XlsxRow[] = [
  { n: 1, cells: ['标题'] },
  {
    n: 3,
    cells: ['张三 & <李四> "五"', 42.5, '1975-03-03', null, '330523197503031234', '富文本', 85, 'TRUE', ...Array<null>(19).fill(null), '远列'],
  },
  { n: 7, cells: ['第二行\n换行', 13857201234] },
];

describe('xlsx reader', () => {
  it('reads a Microsoft Excel-shaped workbook: strings, numbers, dates, empty cells, gaps, the first visible sheet', async () => {
    const xlsx = await sample();
    // as ExcelJS writes it, workbook.xml comes after the sheets
    const order = unzipParts(xlsx).map((p) => p.name);
    expect(order.indexOf('xl/workbook.xml')).toBeGreaterThan(order.indexOf('xl/worksheets/sheet2.xml'));
    const { sheets, rows } = await rowsOf(xlsx);
    expect(sheets).toEqual(['lists:hidden', '台账:visible']);
    expect(rows).toEqual(EXPECTED);
  });

  it('reads the same workbook in the WPS Office shape (prefixed elements, other part order) and with inline strings', async () => {
    const xlsx = await sample();
    const wps = wpsShaped(xlsx);
    const workbookXml = unzipParts(wps).find((p) => p.name === 'xl/workbook.xml')!.data.toString('utf8');
    expect(workbookXml).toContain('<x:workbook ');
    expect(workbookXml).toContain('<x:sheets>');
    expect((await rowsOf(wps)).rows).toEqual(EXPECTED);
    expect((await rowsOf(reshapeXlsx(xlsx, { prefix: 'x', inline: true, order: 'workbook-first' }))).rows).toEqual(EXPECTED);
    expect((await rowsOf(reshapeXlsx(xlsx, { prefix: 'ns0', inline: true }))).rows).toEqual(EXPECTED);
  });

  it('counts cells without references in order', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['a', 'b', 3]);
    const xlsx = reshapeXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { prefix: 'x', dropCellRefs: true });
    expect(unzipParts(xlsx).find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data.toString()).not.toContain(' r="A1"');
    expect((await rowsOf(xlsx)).rows).toEqual([{ n: 1, cells: ['a', 'b', 3] }]);
  });

  it('takes sheet order from workbook.xml and its relationships, not from the file names', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('第一').addRow(['one']);
    wb.addWorksheet('第二').addRow(['two']);
    // the relationships point the first sheet at sheet2.xml and the second at sheet1.xml
    const parts = unzipParts(Buffer.from(await wb.xlsx.writeBuffer())).map((p) =>
      p.name === 'xl/_rels/workbook.xml.rels' ? { ...p, data: Buffer.from(p.data.toString().replace('worksheets/sheet1.xml', 'worksheets/TMP').replace('worksheets/sheet2.xml', 'worksheets/sheet1.xml').replace('worksheets/TMP', 'worksheets/sheet2.xml')) } : p,
    );
    const swapped = zipParts(parts.filter((p) => !p.name.endsWith('/')));
    expect((await rowsOf(swapped, '第一')).rows).toEqual([{ n: 1, cells: ['two'] }]);
    expect((await rowsOf(swapped)).sheets).toEqual(['第一:visible', '第二:visible']);
  });

  it('turns Excel serial days into dates in the 1900 and 1904 systems, and knows date formats', () => {
    expect(serialDay(27456, false)).toBe('1975-03-03');
    expect(serialDay(27456.75, false)).toBe('1975-03-03');
    expect(serialDay(1, false)).toBe('1900-01-01');
    expect(serialDay(61, false)).toBe('1900-03-01');
    expect(serialDay(27456 - 1462, true)).toBe('1975-03-03');
    expect(serialDay(-1, false)).toBeNull();
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d;@', 'm/d/yy h:mm', '[h]:mm:ss']) expect(isDateFormat(f), f).toBe(true);
    for (const f of ['0.00', '#,##0', '"年"0', '@', '0%', '[Red]0.00']) expect(isDateFormat(f), f).toBe(false);
  });

  it('reads the 1904 date system', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('s').addRow([new Date(Date.UTC(1975, 2, 3))]);
    expect((await rowsOf(Buffer.from(await wb.xlsx.writeBuffer()))).rows).toEqual([{ n: 1, cells: ['1975-03-03'] }]);
  });

  it('refuses what is not a workbook with a reason', async () => {
    await expect(openXlsx(Buffer.from('PK\u0003\u0004not really'))).rejects.toThrow(/zip/);
    const noWorkbook = zipParts([{ name: 'a.txt', data: Buffer.from('x') }]);
    await expect(openXlsx(noWorkbook)).rejects.toThrow(/workbook\.xml/);
    const truncated = await sample();
    const cut = unzipParts(truncated).map((p) => (p.name === 'xl/worksheets/sheet2.xml' ? { ...p, data: p.data.subarray(0, p.data.length - 40) } : p));
    await expect(rowsOf(zipParts(cut.filter((p) => !p.name.endsWith('/'))))).rejects.toThrow(/XML/);
  });

  it('reads the same ledger 200 times in both shapes without one failure', async () => {
    const ledger = await ledgerWorkbook(Array.from({ length: 30 }, (_, i) => veteranRow(`重复${i}`, `33052319750303${String(1000 + i)}`)));
    const wps = wpsShaped(ledger);
    const first = JSON.stringify((await rowsOf(ledger)).rows);
    expect(JSON.parse(first)).toHaveLength(33);
    expect(JSON.stringify((await rowsOf(wps)).rows)).toBe(first);
    const failures: string[] = [];
    for (let i = 0; i < 200; i++) {
      for (const [shape, file] of [
        ['excel', ledger],
        ['wps', wps],
      ] as const) {
        try {
          const got = JSON.stringify((await rowsOf(file)).rows);
          if (got !== first) failures.push(`${shape} #${i}: other rows`);
        } catch (e) {
          failures.push(`${shape} #${i}: ${(e as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('checks rows in the worker thread: tokens, hash and sealed values for good rows, the same in both shapes', async () => {
    const crypto = createFieldCrypto(Buffer.alloc(32, 7), 'aes-256-gcm');
    const [good, other] = [makeId('1975-03-03', 123), makeId('1975-03-03', 125)];
    const ledger = await ledgerWorkbook([veteranRow('工作线程', good, { 单位代码: '330523105003' }), veteranRow('', other)]);
    for (const file of [ledger, wpsShaped(ledger)]) {
      const got: Record<string, unknown>[] = [];
      const events = startSheetWorker({ today: '2026-12-01', crypto: fieldCryptoSeed(crypto)! }).rows(new Uint8Array(file));
      for await (const e of events) {
        if (e.type !== 'rows') throw new Error(JSON.stringify(e));
        for (const r of e.rows) {
          got.push(
            isGood(r)
              ? { n: r[GOOD.n], problems: 0, tokens: JSON.parse(r[GOOD.tokens]) as string[], idHash: r[GOOD.idHash], id: crypto.decrypt(r[GOOD.idNumberEnc]), phone: crypto.decrypt(r[GOOD.phoneEnc]!), phoneHash: r[GOOD.phoneHash], name: r[GOOD.name], code: r[GOOD.code] }
              : { n: r.n, problems: r.problems.length, tokens: null, idHash: r.idHash, id: null, code: r.unit.code },
          );
        }
      }
      expect(got).toEqual([
        { n: 4, problems: 0, tokens: expect.arrayContaining(['工作', '线程']), idHash: crypto.lookupHash(good), id: good, phone: '13857201234', phoneHash: crypto.lookupHash('13857201234'), name: '工作线程', code: '330523105003' },
        { n: 5, problems: 1, tokens: null, idHash: crypto.lookupHash(other), id: null, code: '' },
      ]);
    }
  });
});
