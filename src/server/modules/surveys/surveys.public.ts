// The veteran's side of a satisfaction survey: the answering page opened by its token (a letter's
// QR code, a link, or 我的) without a login — the token is the credential, so an unknown token is a
// 404 and the page shows nothing of the person or of staff: the questionnaire, the running unit's
// name and the closing day. One answer per invitation (a second is a 409); a closed survey takes none.
import type { AnswersBody, PublicSurveyView } from '../../../shared/schemas/surveys';
import type { OverviewItem } from '../../../shared/schemas/public-overview';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import { today } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import type { OverviewSectionSource } from '../../platform/public-overview';
import { invitationByTokenUnscoped, openInvitationsOfPersonUnscoped, questionnaireUnscoped } from './surveys.repo';
import { ALREADY_ANSWERED, SURVEY_CLOSED, questionsOf, runClosed, writeAnswer } from './surveys.service';

async function byToken(ctx: AppContext, token: string) {
  const i = await invitationByTokenUnscoped(ctx.db, ctx.crypto.lookupHash(token));
  if (!i) throw notFound('问卷邀请（请核对邀请函上的二维码或链接）');
  const q = await questionnaireUnscoped(ctx.db, i.questionnaire_id);
  if (!q) throw notFound('问卷邀请');
  return { i, q };
}

export async function publicSurvey(ctx: AppContext, token: string): Promise<PublicSurveyView> {
  const { i, q } = await byToken(ctx, token);
  return {
    title: q.title,
    intro: q.intro,
    orgUnitName: i.org_unit_name,
    closesOn: i.closes_on,
    questions: questionsOf(q),
    state: i.answered_at ? 'answered' : runClosed(i, today(ctx)) ? 'closed' : 'open',
  };
}

export async function answerByToken(ctx: AppContext, token: string, body: AnswersBody, ip: string | null): Promise<PublicSurveyView> {
  const { i, q } = await byToken(ctx, token);
  if (i.answered_at) throw new AppError(409, 'ALREADY_ANSWERED', ALREADY_ANSWERED);
  if (runClosed(i, today(ctx))) throw new AppError(409, 'SURVEY_CLOSED', SURVEY_CLOSED);
  await transaction(ctx.db, async (trx) => {
    const c = await writeAnswer(trx, i.id, questionsOf(q), body, ctx.clock.now().toISOString(), 'link', null);
    await appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: null, username: 'public:survey', orgUnitId: i.org_unit_id, action: 'public.survey-answer', targetType: 'survey-invitation', targetId: i.id, result: 'success', ip, detail: `${i.run_title} 评分 ${c.ratingCount} 项（满意 ${c.satisfiedCount}）` });
  });
  return publicSurvey(ctx, token);
}

// ---- 我的: the surveys waiting for the linked person's answer ----

const SECTION_ITEMS = 5;

export const surveysOverviewSection: OverviewSectionSource = {
  key: 'surveys',
  title: '满意度调查',
  load: async (ctx, db, owner) => {
    const base = { key: 'surveys', title: '满意度调查', moreLink: null, moreLabel: null };
    if (!owner.recipientId) return { ...base, items: [], total: 0, emptyText: '暂无需要您填写的满意度调查' };
    const rows = await openInvitationsOfPersonUnscoped(db, owner.recipientId, today(ctx), SECTION_ITEMS);
    return {
      ...base,
      total: rows.length,
      emptyText: '暂无需要您填写的满意度调查',
      items: rows.map(
        (r): OverviewItem => ({
          id: r.id,
          title: r.run_title,
          subtitle: `${r.org_unit_name} · ${r.invited_on} 邀请`,
          statusLabel: '待填写',
          tone: 'processing',
          nextStep: '请花一两分钟评价我们的服务',
          dueDay: r.closes_on,
          link: `/public/surveys/${ctx.crypto.decrypt(r.token_enc)}`,
        }),
      ),
    };
  },
};
