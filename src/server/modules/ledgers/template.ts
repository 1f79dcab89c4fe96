// The import template of the registry ledger: the ledger's columns in LEDGERS.md order under a
// title row and a row of notes on each column's format, drop-downs (data validation) on the
// enumerations fed from a hidden sheet of lists, text format on the columns Excel would mangle
// (ID numbers, phones, codes, dates), and a sheet of instructions. Built once per process.
import ExcelJS from 'exceljs';
import { REGISTRY_LEDGER_TITLE, registryLedgerColumns } from '../../../shared/schemas/ledgers';

const LISTS_SHEET = 'lists';
const HEADER_ROW = 3;
/** Drop-downs cover this many data rows (a whole-column range makes some readers, ExcelJS among them, expand a million cells). */
const DATA_ROWS = 10_000;
const LAST_ROW = HEADER_ROW + DATA_ROWS;

/** The column letters of a 1-based column number. */
function letters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

type Validations = { add: (range: string, v: ExcelJS.DataValidation) => void };

const INSTRUCTIONS = [
  '退役军人信息台账导入说明',
  '',
  '1. 从第 4 行起每行填写一人；第 1 行标题、第 2 行说明、第 3 行表头请勿删除或改动表头文字。',
  '2. 必填：姓名、公民身份号码、人员类别；遗属（烈士、因公牺牲、病故军人遗属）还须填写牺牲(病故)军人姓名。',
  '3. 公民身份号码为 18 位（或旧版 15 位），该列已设为文本格式，请勿改为数字，否则末几位会丢失。',
  '4. 日期一律写成 YYYY-MM-DD，例如 2005-12-01（也可写 2005/12/1、2005年12月1日）。',
  '5. 有下拉箭头的列请从下拉列表中选择；优抚类别可填多个，用“、”分隔，例如：伤残军人、参战退役人员。',
  '6. 所属单位：填写“所属乡镇(街道)”“所属村(社区)”“网格”的名称（从本单位往下填即可，村、社区的名称写“XX村”“XX社区”），',
  '   或在“所属村(社区)”填写 12 位村(社区)代码、在“网格”填写 15 位网格代码，或只在“单位代码”列填写 12 位或 15 位代码。',
  '   只能导入本辖区的单位；村(社区)、网格工作人员不填时导入到本单位。',
  '7. 序号、光荣牌悬挂情况、采集状态、去世日期四列导入时不读取，可留空。',
  '8. 文件中任何一行有错误时，整个文件都不会导入：请按错误报告逐行改正后重新导入。县级审核人员导入的记录直接入库，其他人员导入的为草稿。',
  '9. 立功受奖多项用“、”分隔，每项可注明年份，例如：三等功（2005年）、优秀士兵（2003年）。',
];

async function build(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '戎家';
  const ws = wb.addWorksheet(REGISTRY_LEDGER_TITLE, { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }] });
  const help = wb.addWorksheet('填写说明');
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const n = registryLedgerColumns.length;

  ws.columns = registryLedgerColumns.map((c) => ({ width: c.width }));
  const title = ws.getRow(1);
  title.getCell(1).value = `${REGISTRY_LEDGER_TITLE}（导入模板）`;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 30;
  ws.mergeCells(1, 1, 1, n);

  const notes = ws.getRow(2);
  const head = ws.getRow(HEADER_ROW);
  notes.height = 48;
  head.height = 30;
  const border = { top: { style: 'thin' as const }, bottom: { style: 'thin' as const }, left: { style: 'thin' as const }, right: { style: 'thin' as const } };
  const validations = (ws as unknown as { dataValidations: Validations }).dataValidations;
  let listColumn = 0;
  registryLedgerColumns.forEach((c, i) => {
    const col = i + 1;
    const note = notes.getCell(col);
    note.value = c.note || null;
    note.font = { size: 9, color: { argb: c.exportOnly ? 'FF999999' : 'FF595959' } };
    note.alignment = { vertical: 'top', wrapText: true };
    note.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7E6' } };
    const h = head.getCell(col);
    h.value = c.header;
    h.font = { bold: true, color: { argb: c.required ? 'FFC00000' : c.exportOnly ? 'FF999999' : 'FF000000' } };
    h.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    h.border = border;
    if (c.format || ['township', 'village', 'grid'].includes(c.key)) ws.getColumn(col).numFmt = '@';
    if (c.list) {
      listColumn += 1;
      const L = letters(listColumn);
      lists.getCell(1, listColumn).value = c.header;
      c.list.forEach((v, k) => (lists.getCell(k + 2, listColumn).value = v));
      validations.add(`${letters(col)}${HEADER_ROW + 1}:${letters(col)}${LAST_ROW}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`${LISTS_SHEET}!$${L}$2:$${L}$${c.list.length + 1}`],
        // several categories in one cell are typed, not picked: the list only helps
        showErrorMessage: !c.multi,
        errorStyle: 'stop',
        errorTitle: c.header,
        error: `请从下拉列表中选择${c.header}`,
        showInputMessage: !!c.multi,
        promptTitle: c.header,
        prompt: c.multi ? '可填多个，用“、”分隔' : '',
      });
    }
  });

  help.getColumn(1).width = 120;
  INSTRUCTIONS.forEach((line, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = line;
    if (i === 0) cell.font = { bold: true, size: 14 };
  });

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

let cached: Promise<Buffer> | null = null;

/** The template (.xlsx bytes); the same for everyone, built on first use. */
export function registryTemplate(): Promise<Buffer> {
  cached ??= build().catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}
