// 满意度调查 (issue 16; seed Part 12 五(二), Part 1): questionnaires (single/multiple choice, rating
// 1–5, text; draft → published, then frozen), survey runs (a questionnaire, a unit's range, a period,
// a sample of the people served in it), invitations with a token each, answers (one per invitation,
// online by token, in 我的, or recorded by staff after a call 电话回访) and the results.
import { z } from '../zod-setup';
import { idSchema, isoDay, pageOf, pageQuery } from './common';
import { periodKind } from '../rules/periods';

export const questionKinds = ['single', 'multiple', 'rating', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];
export const questionKindLabels: Record<QuestionKind, string> = { single: '单选', multiple: '多选', rating: '满意度评分（1–5）', text: '文字' };

/** The labels of a rating's five steps (1 非常不满意 … 5 非常满意); 4 and 5 count as satisfied. */
export const ratingLabels = ['非常不满意', '不满意', '一般', '满意', '非常满意'] as const;
export const SATISFIED_FROM = 4;

export const surveySources = ['visits', 'applications', 'petitions'] as const;
export type SurveySource = (typeof surveySources)[number];
export const surveySourceLabels: Record<SurveySource, string> = { visits: '走访', applications: '办件', petitions: '信访' };
/** the bit of each source in an invitation's `source_mask` (stored: never renumber) */
export const surveySourceBits: Record<SurveySource, number> = { visits: 1, applications: 2, petitions: 4 };
export const sourcesOfMask = (mask: number): SurveySource[] => surveySources.filter((s) => (mask & surveySourceBits[s]) !== 0);

export const answerVias = ['link', 'phone'] as const;
export type AnswerVia = (typeof answerVias)[number];
export const answerViaLabels: Record<AnswerVia, string> = { link: '网上作答', phone: '电话回访' };

export const question = z
  .object({
    id: z.string().regex(/^q[0-9]{1,3}$/, '题目编号格式不正确'),
    kind: z.enum(questionKinds, { message: '请选择题型' }),
    text: z.string().trim().min(1, '请填写题目').max(200, '题目不超过 200 字'),
    options: z.array(z.string().trim().min(1, '选项不能为空').max(60, '选项不超过 60 字')).max(10, '选项不超过 10 个').default([]),
    required: z.boolean().default(true),
  })
  .superRefine((q, c) => {
    const choice = q.kind === 'single' || q.kind === 'multiple';
    if (choice && q.options.length < 2) c.addIssue({ code: 'custom', path: ['options'], message: '选择题至少需要两个选项' });
    if (!choice && q.options.length) c.addIssue({ code: 'custom', path: ['options'], message: '只有选择题可以设置选项' });
  });
export type Question = z.infer<typeof question>;

const questions = z
  .array(question)
  .min(1, '问卷至少需要一道题')
  .max(30, '问卷不超过 30 道题')
  .superRefine((qs, c) => {
    const ids = new Set<string>();
    qs.forEach((q, i) => {
      if (ids.has(q.id)) c.addIssue({ code: 'custom', path: [i, 'id'], message: '题目编号重复' });
      ids.add(q.id);
    });
  });

export const questionnaireCreate = z.object({
  orgUnitId: idSchema,
  title: z.string().trim().min(1, '请填写问卷名称').max(100, '问卷名称不超过 100 字'),
  intro: z.string().trim().max(500, '说明不超过 500 字').default(''),
  questions,
});
export type QuestionnaireCreate = z.infer<typeof questionnaireCreate>;
export const questionnaireUpdate = questionnaireCreate.omit({ orgUnitId: true }).extend({ version: z.number().int().min(1) });
export type QuestionnaireUpdate = z.infer<typeof questionnaireUpdate>;
export const versionBody = z.object({ version: z.number().int().min(1) });

export const questionnaireDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  title: z.string(),
  intro: z.string(),
  questions: z.array(question),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  canEdit: z.boolean(),
});
export type QuestionnaireDto = z.infer<typeof questionnaireDto>;
export const questionnaireListQuery = pageQuery.extend({ published: z.enum(['true', 'false']).optional() });
export type QuestionnaireListQuery = z.infer<typeof questionnaireListQuery>;
export const questionnairePage = pageOf(questionnaireDto);

/** A survey's period: a month, quarter, half-year or year. */
export const surveyPeriod = z.string().refine((p) => periodKind(p) !== null, '期间格式应为 YYYY-MM、YYYY-Q1 至 Q4、YYYY-H1/H2 或 YYYY');

export const sampleModes = ['all', 'size', 'rate'] as const;
export type SampleMode = (typeof sampleModes)[number];
export const sampleModeLabels: Record<SampleMode, string> = { all: '全部发放', size: '按样本量抽样', rate: '按比例抽样' };

export const surveyRunCreate = z
  .object({
    questionnaireId: idSchema,
    orgUnitId: idSchema,
    title: z.string().trim().min(1, '请填写调查名称').max(100, '调查名称不超过 100 字'),
    period: surveyPeriod,
    sources: z.array(z.enum(surveySources, { message: '服务来源不正确' })).min(1, '至少选择一种服务来源').max(3),
    sampleMode: z.enum(sampleModes, { message: '请选择抽样方式' }),
    /** the sample size (mode size) or the rate in percent (mode rate) */
    sampleValue: z.number().int().min(1, '样本量或比例至少为 1').max(100000).nullable().default(null),
    closesOn: isoDay('截止日期'),
  })
  .superRefine((v, c) => {
    if (v.sampleMode !== 'all' && v.sampleValue === null) c.addIssue({ code: 'custom', path: ['sampleValue'], message: '请填写样本量或抽样比例' });
    if (v.sampleMode === 'rate' && v.sampleValue !== null && v.sampleValue > 100) c.addIssue({ code: 'custom', path: ['sampleValue'], message: '抽样比例不超过 100%' });
  });
export type SurveyRunCreate = z.infer<typeof surveyRunCreate>;

const rates = {
  invited: z.number().int(),
  answered: z.number().int(),
  /** answered / invited in percent, one decimal (null without invitations) */
  responseRate: z.number().nullable(),
  /** rating answers given, and of them 4 or 5 */
  ratings: z.number().int(),
  satisfied: z.number().int(),
  /** satisfied / ratings in percent (null without ratings) */
  satisfaction: z.number().nullable(),
};

export const surveyRunDto = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  questionnaireId: z.string(),
  questionnaireTitle: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  sources: z.array(z.enum(surveySources)),
  sampleMode: z.enum(sampleModes),
  sampleValue: z.number().int().nullable(),
  /** the people served in the range and period (the population sampled from) */
  served: z.number().int(),
  closesOn: z.string(),
  closed: z.boolean(),
  createdAt: z.string(),
  canEdit: z.boolean(),
  ...rates,
});
export type SurveyRunDto = z.infer<typeof surveyRunDto>;

export const surveyResultRow = z.object({ key: z.string(), label: z.string(), ...rates });
export type SurveyResultRow = z.infer<typeof surveyResultRow>;
export const questionResult = z.object({
  questionId: z.string(),
  text: z.string(),
  kind: z.enum(questionKinds),
  /** counts per option (choice) or per rating 1..5 */
  counts: z.array(z.number().int()),
  labels: z.array(z.string()),
  /** rating: the mean of the answers (null without any) */
  average: z.number().nullable(),
  /** text: how many wrote something */
  texts: z.number().int(),
});
export const surveyRunDetail = surveyRunDto.extend({
  questionnaire: questionnaireDto,
  byUnit: z.array(surveyResultRow),
  bySource: z.array(surveyResultRow),
  questions: z.array(questionResult),
});
export type SurveyRunDetail = z.infer<typeof surveyRunDetail>;
export const surveyRunListQuery = pageQuery.extend({ orgUnitId: idSchema.optional() });
export type SurveyRunListQuery = z.infer<typeof surveyRunListQuery>;
export const surveyRunPage = pageOf(surveyRunDto);

export const invitationDto = z.object({
  id: z.string(),
  runId: z.string(),
  recipientId: z.string(),
  name: z.string(),
  orgUnitName: z.string(),
  sources: z.array(z.enum(surveySources)),
  invitedOn: z.string(),
  answeredAt: z.string().nullable(),
  answeredVia: z.enum(answerVias).nullable(),
});
export type InvitationDto = z.infer<typeof invitationDto>;
export const invitationListQuery = pageQuery.extend({ answered: z.enum(['true', 'false']).optional() });
export type InvitationListQuery = z.infer<typeof invitationListQuery>;
export const invitationPage = pageOf(invitationDto);

/** One answer: an option's index (single), indexes (multiple), 1–5 (rating) or words (text). */
export const answer = z.object({
  questionId: z.string().max(8),
  value: z.union([z.number().int(), z.array(z.number().int()).max(10), z.string().trim().max(500, '回答不超过 500 字')]),
});
export type Answer = z.infer<typeof answer>;
export const answersBody = z.object({ answers: z.array(answer).max(30) });
export type AnswersBody = z.infer<typeof answersBody>;

export const invitationDetail = invitationDto.extend({
  questionnaire: questionnaireDto,
  runTitle: z.string(),
  closed: z.boolean(),
  answers: z.array(answer).nullable(),
});
export type InvitationDetail = z.infer<typeof invitationDetail>;

export const lettersDto = z.object({
  runTitle: z.string(),
  questionnaireTitle: z.string(),
  orgUnitName: z.string(),
  closesOn: z.string(),
  /** each unanswered invitation in the caller's range with its answering address (the token is the credential) */
  items: z.array(z.object({ invitationId: z.string(), name: z.string(), orgUnitName: z.string(), path: z.string() })),
});
export type LettersDto = z.infer<typeof lettersDto>;

// ---- the public side ----
export const surveyToken = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, '问卷邀请码格式不正确');
export const tokenParams = z.object({ token: surveyToken });
export const publicSurveyView = z.object({
  title: z.string(),
  intro: z.string(),
  orgUnitName: z.string(),
  closesOn: z.string(),
  questions: z.array(question),
  state: z.enum(['open', 'answered', 'closed']),
});
export type PublicSurveyView = z.infer<typeof publicSurveyView>;
