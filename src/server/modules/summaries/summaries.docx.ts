// The .docx of a summary (Word, for filing and printing): the title, the unit, the half-year and the
// status; the figures as a table per module (name, value, formula) as the summary shows them (frozen
// at submission once submitted); the three sections of text; the children's summaries and states;
// the review record. Audited (summary.export).
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { figureText, summarySectionLabels, summarySections, summaryStatusLabels } from '../../../shared/schemas/summaries';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { auditSummaryExport, summaryDetail } from './summaries.service';

const FONT = 'SimSun';
const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

const cell = (text: string, opts: { bold?: boolean; width?: number } = {}) =>
  new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    children: [new Paragraph({ children: [new TextRun({ text, bold: opts.bold, font: FONT, size: 21 })] })],
  });

function table(headers: string[], rows: string[][], widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { bold: true, width: widths[i] })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, { width: widths[i] })) })),
    ],
  });
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2) =>
  new Paragraph({ heading: level, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, font: FONT, bold: true })] });
const para = (text: string) => new Paragraph({ spacing: { after: 80 }, indent: { firstLine: 420 }, children: [new TextRun({ text, font: FONT, size: 24 })] });
const note = (text: string) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text, font: FONT, size: 20, color: '666666' })] });

const stamp = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

export async function summaryDocx(ctx: AppContext, auth: AuthContext, id: string, ip: string | null): Promise<{ name: string; data: Buffer }> {
  const s = await summaryDetail(ctx, auth, id);
  const title = `${s.orgUnitName}${s.halfYearLabel}工作总结`;
  const body: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, spacing: { after: 240 }, children: [new TextRun({ text: title, font: FONT, bold: true, size: 36 })] }),
    note(`统计期间：${s.period.from} 至 ${s.period.to}　状态：${summaryStatusLabels[s.status]}　${s.parentUnitName ? `审核单位：${s.parentUnitName}` : ''}`),
    note(s.figuresFrozen ? `数据为提交时（${stamp(s.figuresAt)}）的统计结果，审核通过后不再重新计算。` : `数据为导出时（${stamp(s.figuresAt)}）按业务数据实时统计的结果，提交时固定。`),
    heading('一、主要数据'),
  ];
  for (const g of s.figures) {
    body.push(heading(g.moduleLabel, HeadingLevel.HEADING_3));
    body.push(table(['指标', '数值', '计算口径'], g.figures.map((f) => [f.label, figureText(f), f.formula]), [30, 15, 55]));
  }
  summarySections.forEach((k, i) => {
    body.push(heading(`${'二三四'[i]}、${summarySectionLabels[k]}`));
    const text = s[k].trim();
    for (const line of text ? text.split(/\r?\n/) : ['（未填写）']) body.push(para(line));
  });
  if (s.children.length) {
    body.push(heading('五、下级单位工作总结'));
    body.push(table(['单位', '状态', '提交时间', '审核通过时间'], s.children.map((c) => [c.orgUnitName, c.summary ? summaryStatusLabels[c.summary.status] : '未起草', stamp(c.summary?.submittedAt ?? null), stamp(c.summary?.acceptedAt ?? null)]), [34, 22, 22, 22]));
  }
  body.push(heading(s.children.length ? '六、办理记录' : '五、办理记录'));
  body.push(table(['时间', '操作', '办理人', '意见'], s.log.map((l) => [stamp(l.at), l.actionLabel, `${l.actorUnitName} ${l.actorName}`, l.comment || '']), [20, 16, 28, 36]));
  const doc = new Document({ creator: 'Rongjia', title, styles: { default: { document: { run: { font: FONT } } } }, sections: [{ children: body }] });
  const data = await Packer.toBuffer(doc);
  await auditSummaryExport(ctx, auth, s.id, ip, `${title}（${summaryStatusLabels[s.status]}）`);
  return { name: `${title}.docx`, data };
}
