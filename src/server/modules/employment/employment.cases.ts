// A recommendation 推荐 of a person to an opening, as a case of the kernel (seed Part 4 四(四)):
//
//   recommended 已推荐 ─interview (面试日期)→ interviewed 已面试
//   recommended | interviewed ─hire (录用日期)→ hired 已录用 (closed; the person's status becomes 在岗就业,
//       no longer seeking, working for the opening's employer)
//   recommended | interviewed ─decline (日期, a reason of the fixed list 薪资不符 / 专业不符 / 地点不符 /
//       本人放弃 / 用人单位未录用 / 其他 — 其他 with the words)→ declined 未成功 (closed)
//
// The open states wait on the person's unit (the village worker follows up: 我的待办). The days of
// the outcome are in the payload; the mirror `job_recommendations` carries status and outcome day.
import { z } from '../../../shared/zod-setup';
import { declineReasons, JOB_RECOMMENDATION_CASE_TYPE, recommendationActionLabels, recommendationStatusLabels, type RecommendationStatus } from '../../../shared/schemas/employment';
import { shanghaiDay } from '../../../shared/rules/dates';
import { isoDay } from '../../../shared/schemas/common';
import { defineCaseType, type ActionEnv, type CaseActionDef, type CaseStateDef } from '../../cases/case-type';
import { badRequest } from '../../platform/errors';
import { setEmploymentStatusIn } from '../recipients';
import { markHiredRow } from './employment.repo';

export const recommendationPayload = z.object({
  recipientId: z.string(),
  openingId: z.string(),
  recommendedOn: z.string(),
  interviewedOn: z.string().nullable().default(null),
  outcomeOn: z.string().nullable().default(null),
  declineReason: z.enum(declineReasons).nullable().default(null),
  declineNote: z.string().default(''),
});
export type RecommendationPayload = z.infer<typeof recommendationPayload>;

const states: Record<RecommendationStatus, CaseStateDef> = {
  recommended: { label: recommendationStatusLabels.recommended, open: true, waitsOn: 'owner' },
  interviewed: { label: recommendationStatusLabels.interviewed, open: true, waitsOn: 'owner' },
  hired: { label: recommendationStatusLabels.hired, open: false, waitsOn: 'none' },
  declined: { label: recommendationStatusLabels.declined, open: false, waitsOn: 'none' },
};

type Env = ActionEnv<RecommendationPayload>;

function dayIn(env: Env, day: string, field: string, label: string, earliest: string, what: string) {
  if (day > shanghaiDay(new Date(env.at))) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  if (day < earliest) throw badRequest(`${label}不能早于${what}（${earliest}）`, [{ path: field, message: `不能早于${what}` }]);
}
const since = (p: RecommendationPayload) => (p.interviewedOn ? { day: p.interviewedOn, what: '面试日期' } : { day: p.recommendedOn, what: '推荐日期' });

const actions = {
  interview: {
    label: recommendationActionLabels.interview,
    from: ['recommended'],
    to: 'interviewed',
    permission: 'employment:write',
    input: z.object({ on: isoDay('面试日期') }),
    async effect(env: Env) {
      const { on } = env.input as { on: string };
      dayIn(env, on, 'on', '面试日期', env.payload.recommendedOn, '推荐日期');
      return { ...env.payload, interviewedOn: on };
    },
  },
  hire: {
    label: recommendationActionLabels.hire,
    from: ['recommended', 'interviewed'],
    to: 'hired',
    permission: 'employment:write',
    input: z.object({ on: isoDay('录用日期') }),
    async effect(env: Env) {
      const { on } = env.input as { on: string };
      const s = since(env.payload);
      dayIn(env, on, 'on', '录用日期', s.day, s.what);
      await setEmploymentStatusIn(env.ctx, env.auth, env.trx, env.payload.recipientId, 'employed', `推荐录用 ${on}`);
      await markHiredRow(env.trx, env.payload.recipientId, env.payload.openingId, env.at);
      return { ...env.payload, outcomeOn: on };
    },
  },
  decline: {
    label: recommendationActionLabels.decline,
    from: ['recommended', 'interviewed'],
    to: 'declined',
    permission: 'employment:write',
    input: z.object({ on: isoDay('日期'), reason: z.enum(declineReasons, { message: '请选择未成功原因' }), reasonNote: z.string().trim().max(200, '具体原因最多 200 个字').default('') }),
    async effect(env: Env) {
      const { on, reason, reasonNote } = env.input as { on: string; reason: (typeof declineReasons)[number]; reasonNote: string };
      const s = since(env.payload);
      dayIn(env, on, 'on', '日期', s.day, s.what);
      if (reason === 'other' && !reasonNote) throw badRequest('选择“其他”时请填写具体原因', [{ path: 'reasonNote', message: '请填写具体原因' }]);
      return { ...env.payload, outcomeOn: on, declineReason: reason, declineNote: reasonNote };
    },
  },
} satisfies Record<string, CaseActionDef<RecommendationPayload>>;

export const recommendationCaseType = defineCaseType<RecommendationPayload>({
  type: JOB_RECOMMENDATION_CASE_TYPE,
  label: '就业推荐',
  domain: 'employment',
  payload: recommendationPayload,
  states,
  actions,
  mirror: {
    table: 'job_recommendations',
    columns: ({ status, payload: p, owner, updatedAt, version }) => ({ org_unit_id: owner.id, org_path: owner.path, status, outcome_on: p.outcomeOn, decline_reason: p.declineReason, version, updated_at: updatedAt }),
  },
  link: (c) => `/employment/recommendations/${c.id}`,
});
