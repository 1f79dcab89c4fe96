// The import's .xlsx reader on the shapes stations send: Microsoft Excel's (as ExcelJS writes it,
// workbook.xml stored after the sheets) and WPS Office's (<x:workbook>, <x:sheetData>, <x:c>…,
// parts in another order), with shared and inline strings, numbers, dates (1900 and 1904
// systems), empty cells, gaps in rows and columns, cells without references, hidden sheets and
// sheet order from workbook.xml and its relationships. Reading the same workbook 200 times gives
// the same rows every time (ExcelJS's streaming reader failed on some runs: exceljs issue 962).
// The shared strings are read in step with the sheet: a table of many pieces, rows naming strings
// early and late in it, indices beyond it, empty strings, two sheets of one book, and a table
// broken near its end that the first rows never reach.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openXlsx, serialDay, isDateFormat, type XlsxBook, type XlsxRow, type XlsxSheet } from './xlsx-reader';
import { startSheetWorker } from './xlsx-rows';
import { GOOD, isGood } from './xlsx-rows.protocol';
import { reshapeXlsx, unzipParts, wpsShaped, zipParts } from './xlsx-shapes-test-support';
import { ledgerWorkbook, veteranRow } from './imports-test-support';
import { createFieldCrypto, fieldCryptoSeed } from '../../platform/crypto';
import { makeId } from '../recipients/recipients-test-support';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A cell written by hand: a shared-string index (any text: the reader gets it as written), a number or an inline string. */
type HandCell = { ref?: string; s: string } | { ref?: string; n: number } | { ref?: string; inline: string };
const cellXml = (c: HandCell) => {
  const r = c.ref ? ` r="${c.ref}"` : '';
  if ('s' in c) return `<c${r} t="s"><v>${c.s}</v></c>`;
  if ('n' in c) return `<c${r}><v>${c.n}</v></c>`;
  return `<c${r} t="inlineStr"><is><t>${escapeXml(c.inline)}</t></is></c>`;
};
const sheetXml = (rows: { n: number; cells: HandCell[] }[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${rows.map((r) => `<row r="${r.n}">${r.cells.map(cellXml).join('')}</row>`).join('')}</sheetData></worksheet>`;
const sstXml = (strings: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => (t === '' ? '<si/>' : `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`)).join('')}</sst>`;

/** A workbook written by hand: its sheets (in this order) and the shared-strings part as given (raw XML), the sheets first in the zip. */
function handBook(sheets: { name: string; xml: string }[], sst: string): Buffer {
  const rels = sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  return zipParts([
    ...sheets.map((sh, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(sh.xml, 'utf8') })),
    { name: 'xl/sharedStrings.xml', data: Buffer.from(sst, 'utf8') },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(`<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets.map((sh, i) => `<sheet name="${sh.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    },
  ]);
}

/** 20,000 distinct strings (entities, an OOXML escape, three-byte characters that the pieces cut): the table inflates in many 64 KiB pieces. */
const MANY = 20_000;
const manyStrings = Array.from({ length: MANY }, (_, i) => `第${i}个·字符串 & <${'长'.repeat(i % 9)}>${i % 1000 === 0 ? '_x000D_' : ''}`);
const manyString = (i: number) => manyStrings[i].replace('_x000D_', '\r');

/** All the rows of a sheet, and how many times onRows was called. */
async function readAll(book: XlsxBook, sheet: XlsxSheet): Promise<{ rows: XlsxRow[]; calls: number }> {
  const rows: XlsxRow[] = [];
  let calls = 0;
  await book.readRows(sheet, (r) => {
    calls += 1;
    expect(r.length).toBeGreaterThan(0);
    rows.push(...r);
    return true;
  });
  return { rows, calls };
}

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

  it('reads a shared-string table of many pieces in step with the sheet: rows naming strings late and early in it', async () => {
    const sst = sstXml(manyStrings);
    expect(Buffer.byteLength(sst)).toBeGreaterThan(8 * 64 * 1024);
    // the first row names the last string, the last row the first; column B walks the table in order
    const rows = Array.from({ length: MANY }, (_, k) => ({ n: k + 1, cells: [{ ref: `A${k + 1}`, s: String(MANY - 1 - k) }, { ref: `B${k + 1}`, s: String(k) }, { ref: `C${k + 1}`, n: k }] }));
    const xlsx = handBook([{ name: '台账', xml: sheetXml(rows) }], sst);
    for (const file of [xlsx, wpsShaped(xlsx)]) {
      const book = await openXlsx(file);
      const { rows: got, calls } = await readAll(book, book.sheets[0]);
      expect(calls).toBeGreaterThan(1);
      expect(got).toHaveLength(MANY);
      expect(got[0]).toEqual({ n: 1, cells: [manyString(MANY - 1), manyString(0), 0] });
      expect(got[MANY - 1]).toEqual({ n: MANY, cells: [manyString(0), manyString(MANY - 1), MANY - 1] });
      const wrong = got.filter((r, k) => r.n !== k + 1 || r.cells[0] !== manyString(MANY - 1 - k) || r.cells[1] !== manyString(k) || r.cells[2] !== k || r.cells.length !== 3);
      expect(wrong).toEqual([]);
    }
  });

  it('leaves out a cell whose shared-string index is beyond the table or not one, and a row of empty strings, before and after the table is read', async () => {
    const strings = ['甲', '', '乙', ...manyStrings];
    const weird = (n: number) => [
      // beyond the table, in the middle and at the end of a row: the row ends at its last stored cell
      { n, cells: [{ ref: `A${n}`, s: '0' }, { ref: `B${n}`, s: String(strings.length) }, { ref: `C${n}`, n: 5 }] },
      { n: n + 1, cells: [{ ref: `A${n + 1}`, s: '2' }, { ref: `D${n + 1}`, s: '999999' }] },
      // not an index: a fraction, a negative number, text; an index with spaces is one
      { n: n + 2, cells: [{ ref: `A${n + 2}`, s: '1.5' }, { ref: `B${n + 2}`, s: '-1' }, { ref: `C${n + 2}`, s: 'x' }, { ref: `D${n + 2}`, s: ' 2 ' }] },
      // only empty strings, or empty strings and indices beyond the table: no row
      { n: n + 3, cells: [{ ref: `A${n + 3}`, s: '1' }, { ref: `B${n + 3}`, s: '1' }] },
      { n: n + 4, cells: [{ ref: `A${n + 4}`, s: '1' }, { ref: `C${n + 4}`, s: String(strings.length + 7) }, { ref: `D${n + 4}`, inline: '' }] },
      // an empty string with a value is kept, the empty string as ''
      { n: n + 5, cells: [{ ref: `A${n + 5}`, s: '1' }, { ref: `B${n + 5}`, n: 0 }] },
      { n: n + 6, cells: [{ ref: `B${n + 6}`, s: String(strings.length - 1) }, { ref: `C${n + 6}`, s: '1' }] },
      // the same column twice: a later cell naming no string leaves the earlier one
      { n: n + 7, cells: [{ ref: `A${n + 7}`, s: '0' }, { ref: `A${n + 7}`, s: String(strings.length) }, { ref: `B${n + 7}`, s: '2' }, { ref: `B${n + 7}`, s: '1' }] },
      // only an index beyond the table: no row
      { n: n + 8, cells: [{ ref: `A${n + 8}`, s: String(strings.length + 1) }] },
    ];
    const expected = (n: number): XlsxRow[] => [
      { n, cells: ['甲', null, 5] },
      { n: n + 1, cells: ['乙'] },
      { n: n + 2, cells: [null, null, null, '乙'] },
      { n: n + 5, cells: ['', 0] },
      { n: n + 6, cells: [null, manyString(MANY - 1), ''] },
      { n: n + 7, cells: ['甲', ''] },
    ];
    // the same rows first (nothing of the table read yet) and after rows that need the whole table
    const filler = Array.from({ length: 3000 }, (_, k) => ({ n: 100 + k, cells: [{ ref: `A${100 + k}`, s: String(3 + Math.floor((k * MANY) / 3000)) }] }));
    const xlsx = handBook([{ name: 's', xml: sheetXml([...weird(1), ...filler, { n: 3100, cells: [{ ref: 'A3100', s: String(strings.length - 1) }] }, ...weird(4000)]) }], sstXml(strings));
    const book = await openXlsx(xlsx);
    const { rows } = await readAll(book, book.sheets[0]);
    expect(rows.slice(0, 6)).toEqual(expected(1));
    expect(rows.slice(-6)).toEqual(expected(4000));
    expect(rows).toHaveLength(6 + 3000 + 1 + 6);
  });

  it('reads two sheets of one book one after the other, stopping early, and again, the table growing as they need', async () => {
    const early = Array.from({ length: 200 }, (_, k) => ({ n: k + 1, cells: [{ s: String(k) }] }));
    const all = Array.from({ length: MANY }, (_, k) => ({ n: k + 1, cells: [{ s: String((k * 7919) % MANY) }, { s: String(k) }] }));
    const xlsx = handBook(
      [
        { name: '一', xml: sheetXml(early) },
        { name: '二', xml: sheetXml(all) },
      ],
      sstXml(manyStrings),
    );
    const book = await openXlsx(xlsx);
    const [one, two] = book.sheets;
    const wantOne = early.map((_r, k) => ({ n: k + 1, cells: [manyString(k)] }));
    const wantTwo = all.map((_r, k) => ({ n: k + 1, cells: [manyString((k * 7919) % MANY), manyString(k)] }));
    expect((await readAll(book, one)).rows).toEqual(wantOne);
    // stopping early ends the read quietly (the tag the last piece cut is no error) and leaves the
    // table as far as it was read
    let first: XlsxRow[] = [];
    await book.readRows(two, (r) => {
      first = r;
      return false;
    });
    expect(first.length).toBeGreaterThan(0);
    expect(first).toEqual(wantTwo.slice(0, first.length));
    expect((await readAll(book, two)).rows).toEqual(wantTwo);
    expect((await readAll(book, one)).rows).toEqual(wantOne);
    // and both at once, from a new book
    const again = await openXlsx(xlsx);
    const [a, b] = await Promise.all([readAll(again, again.sheets[1]), readAll(again, again.sheets[0])]);
    expect(a.rows).toEqual(wantTwo);
    expect(b.rows).toEqual(wantOne);
  });

  it('opens a book whose shared strings are broken near their end, gives the rows that name strings before it, then says why', async () => {
    const sst = sstXml(manyStrings);
    const cut = sst.slice(0, Math.floor(sst.length * 0.9));
    const rows = [...Array.from({ length: 5000 }, (_, k) => ({ n: k + 1, cells: [{ s: String(k) }, { n: k }] })), { n: 5001, cells: [{ s: String(MANY - 1) }] }];
    const book = await openXlsx(handBook([{ name: 's', xml: sheetXml(rows) }], cut));
    const got: XlsxRow[] = [];
    await expect(
      book.readRows(book.sheets[0], (r) => {
        got.push(...r);
        return true;
      }),
    ).rejects.toThrow(/XML 不完整/);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(Array.from({ length: got.length }, (_, k) => ({ n: k + 1, cells: [manyString(k), k] })));
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
