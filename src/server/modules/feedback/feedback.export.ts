// 意见簿（监督卡）登记台账: 序号, 单位, 收到日期, 类别, 内容, 服务评价, 署名, 联系电话 (masked), 答复期限,
// 状态, 答复日期, 答复人, 答复内容, 是否公开; the list's filter, in unit order, streamed, audited.
import { FEEDBACK_LEDGER_TITLE, feedbackKindLabels, feedbackRatingLabels, feedbackStatusLabels, type FeedbackKind, type FeedbackLedgerQuery, type FeedbackStatus } from '../../../shared/schemas/feedback';
import { maskPhone } from '../../../shared/rules/phone';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { feedbackChunk, type FeedbackRow } from './feedback.repo';
import { auditExport, feedbackFilter, requireFeedbackUnit } from './feedback.service';
import { today } from '../../platform/clock';

const CHUNK = 1000;
export const FEEDBACK_LEDGER_HEADERS = ['序号', '单位', '收到日期', '类别', '内容', '服务评价', '署名', '联系电话', '答复期限', '状态', '答复日期', '答复人', '答复内容', '是否公开'];
const WIDTHS = [6, 18, 12, 8, 40, 10, 10, 14, 12, 8, 12, 10, 40, 8];

export function ledgerValues(ctx: AppContext, r: FeedbackRow, seq: number, todayDay: string): (string | number)[] {
  const status = r.status as FeedbackStatus;
  const overdue = status === 'submitted' && r.due_day !== null && r.due_day < todayDay;
  return [
    seq,
    r.org_unit_name,
    r.submitted_on,
    feedbackKindLabels[r.kind as FeedbackKind] ?? r.kind,
    r.body,
    r.rating ? `${r.rating}（${feedbackRatingLabels[r.rating] ?? ''}）` : '',
    r.signature === 'anonymous' ? '匿名' : r.writer_name,
    r.phone_enc ? maskPhone(ctx.crypto.decrypt(r.phone_enc)) : '',
    r.due_day ?? '',
    `${feedbackStatusLabels[status] ?? status}${overdue ? '（已超期）' : ''}`,
    r.replied_on ?? '',
    r.replied_by_name ?? '',
    r.reply ?? '',
    r.published === 1 ? '是' : '否',
  ];
}

export async function exportFeedbackLedger(ctx: AppContext, auth: AuthContext, q: FeedbackLedgerQuery, ip: string | null) {
  const f = await feedbackFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireFeedbackUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  const title = `${unit.name}${FEEDBACK_LEDGER_TITLE}　导出日期：${day}`;
  await auditExport(ctx, auth, ip, JSON.stringify({ unit: unit.name, ...q }));
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await feedbackChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map((r) => ledgerValues(ctx, r, ++seq, day));
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  return { name: `${unit.name}${FEEDBACK_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, FEEDBACK_LEDGER_TITLE, unit.id, { sheetName: '意见簿台账', title, headers: [FEEDBACK_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}
