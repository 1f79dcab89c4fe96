// The registry ledger on both databases: the import template (LEDGERS.md columns in order, a
// note row, drop-downs from a hidden sheet of lists, text format where Excel would mangle), and
// the export of a list filter (title row, headers in order, labels, masked or clear by
// permission, audited, formula injection defused, the filter and the range respected).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { dbKinds } from '../../../../test/helpers/db';
import { systemDb } from '../../db/system';
import { demoUnits, expectRefused, makeId, MANY_LOGINS, type Units } from '../recipients/recipients-test-support';
import { registryLedgerColumns, XLSX_MIME } from '../../../shared/schemas/ledgers';
import { authOf, ledgerWorkbook, upload, veteranRow } from '../imports/imports-test-support';
import { exportRecipientLedger } from './ledgers.service';

/** LEDGERS.md, 退役军人信息台账, in its order. */
const LEDGERS_MD = [
  '序号', '姓名', '性别', '民族', '出生日期', '公民身份号码', '政治面貌', '人员类别', '优抚类别', '入伍时间', '退役时间', '退役方式', '原部队',
  '军衔/职级', '伤残等级', '伤残性质', '立功受奖', '文化程度', '联系电话', '户籍地址', '现居住地址', '所属乡镇(街道)', '所属村(社区)', '网格',
  '就业状况', '光荣牌悬挂情况', '采集状态', '备注',
];

async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  return wb;
}
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

describe.each(dbKinds)('registry ledger on %s', (kind) => {
  let t: TestApp;
  let county: Agent;
  let township: Agent;
  let units: Units;
  const sys = () => systemDb(t.db.handle.db);
  const ids = [makeId('1968-08-01', 351), makeId('1972-02-03', 353), makeId('1980-10-10', 356)];

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    county = await t.login('county');
    township = await t.login('township');
    units = await demoUnits(t);
    const res = await upload(
      county,
      await ledgerWorkbook([
        veteranRow('台账甲', ids[0], { 单位代码: '330523105003001', 备注: '=HYPERLINK("http://evil.example","点我")', 优抚类别: '伤残军人、参战退役人员', 人员类别: '残疾军人', 伤残等级: '四级', 伤残性质: '因战', 立功受奖: '二等功（1988年）' }),
        veteranRow('台账乙', ids[1], { 单位代码: '330523105003', 原部队: '+86某部', '军衔/职级': '-1', 户籍地址: '@北京' }),
        { 姓名: '台账丙', 公民身份号码: ids[2], 人员类别: '现役军人家属', 单位代码: '330523105004', 联系电话: '0572-5123456' },
      ]),
    );
    expect(res.result.type, res.body).toBe('done');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the import template: the ledger’s columns in order under a title and a note row, drop-downs from a hidden sheet', async () => {
    const res = await township.get('/api/ledgers/recipients/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('退役军人信息台账导入模板.xlsx');
    const wb = await workbookOf(res.rawPayload);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['退役军人信息台账', 'visible'],
      ['填写说明', 'visible'],
      ['lists', 'hidden'],
    ]);
    const ws = wb.worksheets[0];
    expect(rowValues(ws, 1)[0]).toBe('退役军人信息台账（导入模板）');
    const header = rowValues(ws, 3);
    expect(header.slice(0, LEDGERS_MD.length)).toEqual(LEDGERS_MD);
    expect(header).toEqual(registryLedgerColumns.map((c) => c.header));
    const note = (h: string) => String(ws.getCell(2, header.indexOf(h) + 1).value);
    expect(note('出生日期')).toContain('YYYY-MM-DD');
    expect(note('所属村(社区)')).toContain('12 位');
    expect(note('网格')).toContain('15 位');
    expect(note('所属乡镇(街道)')).toContain('名称');
    expect(ws.getColumn(header.indexOf('公民身份号码') + 1).numFmt).toBe('@');

    const lists = wb.getWorksheet('lists')!;
    const listOf = (h: string) => {
      const dv = ws.getCell(4, header.indexOf(h) + 1).dataValidation;
      expect(dv?.type, h).toBe('list');
      const m = /^lists!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(String(dv!.formulae[0]))!;
      const col = lists.getColumn(m[1]);
      return (col.values as unknown[]).slice(2, Number(m[2]) + 1);
    };
    expect(listOf('性别')).toEqual(['男', '女']);
    expect(listOf('人员类别')).toContain('退役士兵');
    expect(listOf('优抚类别')).toContain('伤残军人');
    expect(listOf('退役方式')).toContain('自主就业');
    expect(listOf('政治面貌')).toContain('中共党员');
    expect(listOf('文化程度')).toContain('大专');
    expect(listOf('就业状况')).toContain('未就业');
    expect(listOf('伤残性质')).toEqual(['因战', '因公', '因病']);
    expect(listOf('民族')).toHaveLength(56);
    // several care categories are typed into one cell: the list only helps
    expect(ws.getCell(4, header.indexOf('优抚类别') + 1).dataValidation.showErrorMessage).toBeFalsy();
    expect(ws.getCell(4, header.indexOf('人员类别') + 1).dataValidation.showErrorMessage).toBe(true);
    expect(wb.getWorksheet('填写说明')!.getCell(1, 1).value).toBe('退役军人信息台账导入说明');

    // the template, filled in, imports
    ws.getRow(4).values = ['', '模板甲', '男', '汉族', '', makeId('1977-07-07', 371), '群众', '退役士兵', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '北街社区'];
    const filled = await upload(township, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(filled.result).toEqual({ type: 'done', imported: 1, status: 'draft' });

    expect((await (await t.login('auditor')).get('/api/ledgers/recipients/template')).statusCode).toBe(403);
  });

  it('exports the filter as the ledger: title row, LEDGERS.md headers in order, labels, clear ID numbers for the county that chooses them, audited', async () => {
    const res = await county.get(`/api/ledgers/recipients?orgUnitId=${units.village1.id}&unmasked=1&purpose=${encodeURIComponent('核对优待金发放名单')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('三眼井社区居委会退役军人信息台账-2026-06-15.xlsx');
    const ws = (await workbookOf(res.rawPayload)).worksheets[0];
    // a clear export: the watermark row above the title
    expect(String(ws.getCell(1, 1).value)).toMatch(/^明文导出.*导出人：李红梅（county，.*导出时间：2026-06-15 \d\d:\d\d:\d\d.*用途：核对优待金发放名单$/);
    expect(ws.getCell(2, 1).value).toBe('三眼井社区居委会退役军人信息台账（2026年6月15日）');
    expect(ws.getCell(2, 1).isMerged).toBe(true);
    expect(ws.getCell(3, 1).value).toBe('台账责任人：未指定');
    const header = rowValues(ws, 4);
    expect(header.slice(0, LEDGERS_MD.length)).toEqual(LEDGERS_MD);
    expect(header).toEqual(registryLedgerColumns.map((c) => c.header));
    expect(ws.rowCount).toBe(6);
    const rec = (n: number) => Object.fromEntries(header.map((h, i) => [h, ws.getCell(n, i + 1).value]));
    // unit order: the village's own records before its grids'
    expect(rec(5)).toMatchObject({ 序号: 1, 姓名: '台账乙', 网格: null, 单位代码: '330523105003' });
    expect(rec(6)).toMatchObject({
      序号: 2,
      姓名: '台账甲',
      性别: '男',
      民族: '汉族',
      出生日期: '1968-08-01',
      公民身份号码: ids[0],
      政治面貌: '中共党员',
      人员类别: '残疾军人',
      优抚类别: '伤残军人、参战退役人员',
      伤残等级: '四级',
      伤残性质: '因战',
      立功受奖: '二等功（二等功，1988年）',
      联系电话: '13857201234',
      '所属乡镇(街道)': '孝丰镇',
      '所属村(社区)': '三眼井社区居委会',
      网格: '第一网格',
      就业状况: '在岗就业',
      采集状态: '已入库',
      单位代码: '330523105003001',
    });

    const audit = await sys().selectFrom('audit_logs').select(['detail', 'result', 'username']).where('action', '=', 'ledger.export').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ result: 'success', username: 'county' });
    expect(JSON.parse(audit.detail!)).toMatchObject({ rows: 2, sensitive: 'clear', purpose: '核对优待金发放名单', unit: '三眼井社区居委会', filter: { orgUnitId: units.village1.id } });
  });

  it('defuses formula injection: such cells keep their exact text, as string cells in the text format, never formulas', async () => {
    const ws = (await workbookOf((await county.get(`/api/ledgers/recipients?orgUnitId=${units.village1.id}`)).rawPayload)).worksheets[0];
    const header = rowValues(ws, 3);
    const cell = (row: number, h: string) => ws.getCell(row, header.indexOf(h) + 1);
    for (const [row, h, text] of [
      [5, '备注', '=HYPERLINK("http://evil.example","点我")'],
      [4, '原部队', '+86某部'],
      [4, '军衔/职级', '-1'],
      [4, '户籍地址', '@北京'],
    ] as const) {
      expect(cell(row, h).type, h).toBe(ExcelJS.ValueType.String);
      expect(cell(row, h).type).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell(row, h).value).toBe(text);
      expect(cell(row, h).numFmt).toBe('@');
    }
    // a ledger of an older version, behind an apostrophe: the import drops it
    const again = await upload(county, await ledgerWorkbook([{ 姓名: '回读', 公民身份号码: makeId('1966-06-06', 391), 人员类别: '退役士兵', 单位代码: '330523105003', 备注: "'=1+1" }]));
    expect(again.result.type).toBe('done');
  });

  it('masks ID numbers and phones for those who may not export them in clear, and says so in the audit', async () => {
    const res = await township.get('/api/ledgers/recipients?q=台账');
    expect(res.statusCode).toBe(200);
    const ws = (await workbookOf(res.rawPayload)).worksheets[0];
    expect(ws.getCell(1, 1).value).toBe('孝丰镇退役军人信息台账（2026年6月15日）');
    const header = rowValues(ws, 3);
    const col = (h: string) => header.indexOf(h) + 1;
    expect(ws.rowCount).toBe(6);
    const rowOfName = (name: string) => [4, 5, 6].find((r) => ws.getCell(r, col('姓名')).value === name)!;
    expect(ws.getCell(rowOfName('台账甲'), col('公民身份号码')).value).toBe(`${ids[0].slice(0, 3)}***********${ids[0].slice(-4)}`);
    expect(ws.getCell(rowOfName('台账甲'), col('联系电话')).value).toBe('138****1234');
    expect(ws.getCell(rowOfName('台账丙'), col('联系电话')).value).toBe('0572-***3456');
    expect(res.rawPayload.toString('latin1')).not.toContain(ids[1]);
    const audit = await sys().selectFrom('audit_logs').select(['detail', 'username']).where('action', '=', 'ledger.export').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.username).toBe('township');
    expect(JSON.parse(audit.detail!)).toMatchObject({ rows: 3, sensitive: 'masked', filter: { q: '台账' } });
  });

  it('follows the list’s filters and the caller’s range', async () => {
    const names = async (a: Agent, query: string) => {
      const res = await a.get(`/api/ledgers/recipients?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const ws = (await workbookOf(res.rawPayload)).worksheets[0];
      const col = rowValues(ws, 3).indexOf('姓名') + 1;
      return Array.from({ length: ws.rowCount - 3 }, (_, i) => ws.getCell(i + 4, col).value);
    };
    expect(await names(county, 'q=台账&group=disabledVeteran')).toEqual(['台账甲']);
    expect(await names(county, 'q=台账&kind=militaryFamily')).toEqual(['台账丙']);
    expect(await names(county, `q=台账&idNumber=${ids[1]}`)).toEqual(['台账乙']);
    expect(await names(county, 'q=台账&care=warVeteran&page=3&pageSize=10')).toEqual(['台账甲']);
    expect(await names(county, 'q=台账&status=draft')).toEqual([]);
    // unit order (a village's own records before its grids'), then name
    const all = await names(county, 'q=台账');
    expect([...all].sort()).toEqual(['台账丙', '台账乙', '台账甲'].sort());
    expect(all.indexOf('台账乙')).toBeLessThan(all.indexOf('台账甲'));
    const village2 = await t.login('village2');
    expect(await names(village2, 'q=台账')).toEqual(['台账丙']);
    expectRefused(await township.get(`/api/ledgers/recipients?orgUnitId=${units.hanggaiVillage.id}`), 404);
    expectRefused(await township.get('/api/ledgers/recipients?idNumber=123'), 400);
    expectRefused(await township.get('/api/ledgers/recipients?q=%21%21'), 400);
    expect((await (await t.login('auditor')).get('/api/ledgers/recipients')).statusCode).toBe(403);
  });

  it('refuses a ledger of more rows than the limit, with a message (the service’s option)', async () => {
    const auth = await authOf(county);
    await expect(exportRecipientLedger(t.app.ctx, auth, { q: '台账' }, null, { maxRows: 2 })).rejects.toThrow('符合条件的记录超过 2 条，请按单位或其他条件缩小范围后分批导出');
    const ok = await exportRecipientLedger(t.app.ctx, auth, { q: '台账' }, null, { maxRows: 3 });
    expect(ok.rows).toBe(3);
    // read the workbook to its end before the database closes (the stream reads the responsible line and rows)
    await new Promise<void>((resolve, reject) => ok.stream.on('end', resolve).on('error', reject).resume());
  });
});
