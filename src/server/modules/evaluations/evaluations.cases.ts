// The two workflows of evaluation as cases of the kernel (seed Part 12):
//
// Evaluation 考核评估 of one unit (owner = the evaluated unit, counterpart = the round's organizer):
//   selfAssessing 自评中 (waits on the unit; due on the round's self-assessment day)
//     ─submit (every entered indicator self-scored, required evidence attached; the figures' values taken)→ submitted
//   submitted 待评分 (waits on the organizer) ─return (comment)→ selfAssessing
//     ─score (every entered indicator scored on the sheets; the figures computed once more and frozen)→ scored
//   scored 已评分待公布 ─reopen (comment)→ submitted | ─publish→ published (never recomputed)
//   The grade 等次 is computed from the total at scoring under the round's bands and published with it.
// Rectification 整改 (owner = the evaluated unit, counterpart = the organizer): open 整改中 (waits on
// the unit; due on the day the organizer set, overdue marks from the kernel) ─complete (the report)→ done
import { z } from '../../../shared/zod-setup';
import { evaluationStatusLabels, rectificationStatusLabels, type EvaluationStatus, type RectificationStatus } from '../../../shared/schemas/evaluations';
import { shanghaiDay } from '../../../shared/rules/dates';
import { defineCaseType, type ActionEnv, type CaseStateDef } from '../../cases/case-type';
import { freezeScores, gradeOfEvaluation, takeSelfAssessment } from './evaluations.scoring';

export const EVALUATION_CASE_TYPE = 'evaluation';
export const RECTIFICATION_CASE_TYPE = 'rectification';

export const evaluationPayload = z.object({
  roundId: z.string(),
  selfDueDay: z.string(),
  selfTotal10: z.number().int().nullable().default(null),
  total10: z.number().int().nullable().default(null),
  /** the grade 等次 of total10 under the round's bands, set with it at scoring and kept at publication */
  grade: z.string().nullable().default(null),
  publishedAt: z.string().nullable().default(null),
});
export type EvaluationPayload = z.infer<typeof evaluationPayload>;

const states: Record<EvaluationStatus, CaseStateDef> = {
  selfAssessing: { label: evaluationStatusLabels.selfAssessing, open: true, waitsOn: 'owner' },
  submitted: { label: evaluationStatusLabels.submitted, open: true, waitsOn: 'counterpart' },
  scored: { label: evaluationStatusLabels.scored, open: true, waitsOn: 'counterpart' },
  published: { label: evaluationStatusLabels.published, open: false, waitsOn: 'none' },
};

/** Only the evaluated unit's own staff submit its self-assessment (the upper level reads it, never acts for it). */
const ownUnit = (c: { org_unit_id: string }, auth: { unit: { id: string } }) => c.org_unit_id === auth.unit.id;

export const evaluationCaseType = defineCaseType<EvaluationPayload>({
  type: EVALUATION_CASE_TYPE,
  label: '考核评估',
  domain: 'evaluation',
  payload: evaluationPayload,
  states,
  actions: {
    submit: {
      label: '提交自评',
      from: ['selfAssessing'],
      to: 'submitted',
      permission: 'evaluation:write',
      mayAct: ownUnit,
      effect: async (env: ActionEnv<EvaluationPayload>) => ({ ...env.payload, selfTotal10: await takeSelfAssessment(env.trx, env.caseRow.id, env.at) }),
    },
    return: { label: '退回自评', from: ['submitted'], to: 'selfAssessing', permission: 'evaluation:review', requireComment: true },
    score: {
      label: '评分',
      from: ['submitted'],
      to: 'scored',
      permission: 'evaluation:review',
      effect: async (env: ActionEnv<EvaluationPayload>) => {
        const total10 = await freezeScores(env.trx, env.caseRow.id, env.at);
        return { ...env.payload, total10, grade: await gradeOfEvaluation(env.trx, env.caseRow.id, total10) };
      },
    },
    reopen: { label: '重新评分', from: ['scored'], to: 'submitted', permission: 'evaluation:review', requireComment: true },
    // the numbers and the grade are published as scored (a case scored before grades existed takes its grade now)
    publish: {
      label: '公布结果',
      from: ['scored'],
      to: 'published',
      permission: 'evaluation:review',
      effect: async (env: ActionEnv<EvaluationPayload>) => ({ ...env.payload, grade: env.payload.grade ?? (await gradeOfEvaluation(env.trx, env.caseRow.id, env.payload.total10)), publishedAt: env.at }),
    },
  },
  dueDay: ({ status, payload }) => (status === 'selfAssessing' ? payload.selfDueDay : null),
  mirror: {
    table: 'evaluations',
    columns: ({ status, open, payload: p, owner, updatedAt, version, dueDay }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      due_day: open ? dueDay : null,
      self_total10: p.selfTotal10,
      total10: p.total10,
      grade: p.grade,
      published_at: p.publishedAt,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/evaluations/${c.id}`,
});

// ---- rectification 整改 ----

export const rectificationPayload = z.object({
  evaluationId: z.string(),
  dueDay: z.string(),
  doneOn: z.string().nullable().default(null),
  report: z.string().default(''),
});
export type RectificationPayload = z.infer<typeof rectificationPayload>;
const rectStates: Record<RectificationStatus, CaseStateDef> = {
  open: { label: rectificationStatusLabels.open, open: true, waitsOn: 'owner' },
  done: { label: rectificationStatusLabels.done, open: false, waitsOn: 'none' },
};
export const completeData = z.object({ report: z.string().min(1) });

export const rectificationCaseType = defineCaseType<RectificationPayload>({
  type: RECTIFICATION_CASE_TYPE,
  label: '整改事项',
  domain: 'evaluation',
  payload: rectificationPayload,
  states: rectStates,
  actions: {
    complete: {
      label: '完成整改',
      from: ['open'],
      to: 'done',
      permission: 'evaluation:write',
      mayAct: ownUnit,
      input: completeData,
      effect: async (env: ActionEnv<RectificationPayload>) => ({ ...env.payload, doneOn: shanghaiDay(new Date(env.at)), report: (env.input as z.infer<typeof completeData>).report }),
    },
  },
  dueDay: ({ status, payload }) => (status === 'open' ? payload.dueDay : null),
  mirror: {
    table: 'rectifications',
    columns: ({ status, payload: p, owner, updatedAt, version }) => ({ org_unit_id: owner.id, org_path: owner.path, status, done_on: p.doneOn, report: p.report, version, updated_at: updatedAt }),
  },
  link: (c) => `/evaluations/rectifications/${c.id}`,
});
