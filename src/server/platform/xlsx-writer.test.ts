// The product's one .xlsx writer: formula-like texts are kept exactly, as string cells that no
// spreadsheet evaluates; nothing becomes a formula; the watermark row and the properties.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellTypeAttr, workbookOf, zipPart } from '../../../test/helpers/xlsx';
import { writeXlsx } from './xlsx-writer';

async function written(rows: unknown[][], extra: { watermark?: string; creator?: string; description?: string; bare?: boolean } = {}) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('end', r));
  const count = await writeXlsx(out, { sheetName: 't', title: '标题', headers: [['a', 'b']], widths: [10, 10], ...extra }, (async function* () {
    yield rows;
  })());
  await ended;
  return { count, body: Buffer.concat(chunks) };
}

describe('xlsx writer', () => {
  it('writes every text a spreadsheet could take for a formula as that exact text, a string cell in the text format', async () => {
    const risky = ['=1+1', '+8613800138000', '-2', '@SUM(A1)', '\tTAB', '=HYPERLINK("http://x","点我")', '\rCR'];
    const { count, body } = await written(risky.map((v, i) => [i + 1, v]));
    expect(count).toBe(risky.length);
    const ws = (await workbookOf(body)).worksheets[0];
    const xml = zipPart(body, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toMatch(/<f[\s>]/);
    for (let i = 0; i < risky.length; i++) {
      const cell = ws.getCell(i + 3, 2);
      expect(cell.type, risky[i]).toBe(ExcelJS.ValueType.String);
      // (XML reads a carriage return back as a line feed)
      expect(cell.value).toBe(risky[i].replace('\r', '\n'));
      expect(cellTypeAttr(xml, cell.address)).toBe('s');
      expect(cell.numFmt).toBe('@');
      expect(ws.getCell(i + 3, 1).value).toBe(i + 1);
    }
    // the shared-string table holds the formula-like texts only
    expect(zipPart(body, 'xl/sharedStrings.xml')).not.toContain('标题');
  });

  it('writes plain texts outside the shared-string table, numbers as numbers, and nothing as a formula', async () => {
    const { body } = await written([['普通', 3.5], [{ formula: 'SUM(A1)' } as unknown as string, Number.NaN], [null, '']]);
    const ws = (await workbookOf(body)).worksheets[0];
    const xml = zipPart(body, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toMatch(/<f[\s>]/);
    expect(ws.getCell('A3').value).toBe('普通');
    expect(ws.getCell('A3').numFmt).not.toBe('@');
    expect(ws.getCell('B3').value).toBe(3.5);
    expect(ws.getCell('A4').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B4').value).toBe('NaN');
    expect(ws.getCell('A5').value).toBeNull();
  });

  it('puts the watermark above the title and the user into the properties', async () => {
    const { body } = await written([['x', 'y']], { watermark: '明文导出　导出人：李红梅', creator: '李红梅（county）', description: '用途：核对' });
    const wb = await workbookOf(body);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('明文导出　导出人：李红梅');
    expect(ws.getCell('A2').value).toBe('标题');
    expect(ws.getCell('A3').value).toBe('a');
    expect(ws.getCell('A4').value).toBe('x');
    expect(wb.creator).toBe('李红梅（county）');
    expect(wb.description).toBe('用途：核对');
  });

  it('writes a bare file (a bank import) as the header row and the rows only, who and when in the properties', async () => {
    const { body } = await written([['6217', '张三']], { bare: true, watermark: '明文导出　导出人：李红梅', creator: '李红梅（county）', description: '明文导出；导出时间：2026-06-15 10:00:00' });
    const wb = await workbookOf(body);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('a');
    expect(ws.getCell('A2').value).toBe('6217');
    expect(ws.rowCount).toBe(2);
    expect(zipPart(body, 'xl/worksheets/sheet1.xml')).not.toContain('李红梅');
    expect(wb.creator).toBe('李红梅（county）');
    expect(wb.description).toContain('2026-06-15 10:00:00');
  });
});
