// 满意度调查结果 as .xlsx through the one writer (platform/xlsx-writer.ts): one sheet with the
// results per unit (invited, answered, response rate, ratings, satisfied, satisfaction), per service
// (source) and per question (each option's or rating's count, a rating's mean, how many wrote text).
// The same numbers as the run's page (runDetail, the caller's range); no person, no answer text. Audited.
import type { SurveyResultRow } from '../../../shared/schemas/surveys';
import { transaction } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import { today } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { once, xlsxStream } from '../../platform/xlsx-writer';
import { runDetail } from './surveys.service';

export const SURVEY_EXPORT_HEADERS = ['分组', '项目', '邀请数', '答复数', '答复率（%）', '评分题答复数', '满意数', '满意率（%）'];
const WIDTHS = [10, 36, 10, 10, 12, 14, 10, 12];

const rateCells = (group: string, r: SurveyResultRow) => [group, r.label, r.invited, r.answered, r.responseRate, r.ratings, r.satisfied, r.satisfaction];

export async function exportSurveyResults(ctx: AppContext, auth: AuthContext, runId: string, ip: string | null) {
  const d = await runDetail(ctx, auth, runId);
  const day = today(ctx);
  const rows: (string | number | null)[][] = [];
  for (const r of d.byUnit) rows.push(rateCells('按单位', r));
  for (const r of d.bySource) rows.push(rateCells('按服务', r));
  d.questions.forEach((q, n) => {
    const head = `${n + 1}. ${q.text}`;
    if (q.kind === 'text') rows.push(['按题目', head, null, q.texts, null, null, null, null]);
    else {
      q.labels.forEach((label, k) => rows.push(['按题目', `${head}：${label}`, null, q.counts[k], null, null, null, null]));
      if (q.average !== null) rows.push(['按题目', `${head}：平均分`, null, q.average, null, null, null, null]);
    }
  });
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, 'survey.export', 'survey-run', runId, ip, `${d.title}（${d.byUnit.length} 个单位，${d.questions.length} 道题）`));
  const title = `${d.title} 满意度调查结果　导出日期：${day}`;
  return { name: `${d.title}-满意度调查结果-${day}.xlsx`, stream: xlsxStream({ sheetName: '调查结果', title, headers: [SURVEY_EXPORT_HEADERS], widths: WIDTHS, creator: auth.displayName }, once(rows)) };
}
