// Support plans 一人一策 (§29, seed Part 2 四(二), SPEC §3): for a registry recipient in special
// difficulty, the situation, goals, measures (each with an owner, a due day and done / not done),
// review dates that reach the responsible person's work queue, and closure with the outcome.
import { z } from '../zod-setup';
import { caseActionLogDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';

export const supportPlanStatuses = ['active', 'closed'] as const;
export type SupportPlanStatus = (typeof supportPlanStatuses)[number];
export const supportPlanStatusLabels: Record<SupportPlanStatus, string> = { active: '帮扶中', closed: '已结案' };

/** 困难类型 of the plan (Part 6 三(一)'s grounds and the seven situations, as a county sorts them). */
export const difficultyKinds = ['livelihood', 'illness', 'disability', 'housing', 'employment', 'education', 'family', 'other'] as const;
export type DifficultyKind = (typeof difficultyKinds)[number];
export const difficultyKindLabels: Record<DifficultyKind, string> = {
  livelihood: '生活困难',
  illness: '大病医疗',
  disability: '伤残失能',
  housing: '住房困难',
  employment: '就业困难',
  education: '子女就学',
  family: '家庭变故',
  other: '其他',
};

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

/** A measure 帮扶措施 as entered: what, who does it (a staff user in range), by when. */
export const measureInput = z.object({
  content: required('帮扶措施', 300),
  ownerUserId: idSchema,
  dueOn: day('完成时限'),
});
export type MeasureInput = z.infer<typeof measureInput>;

export const supportPlanCreate = z.object({
  recipientId: idSchema,
  orgUnitId: idSchema,
  difficulty: z.enum(difficultyKinds, { message: '请选择困难类型' }),
  situation: required('困难情况', 1000),
  goals: required('帮扶目标', 500),
  responsibleUserId: idSchema,
  openedOn: day('制定日期'),
  nextReviewOn: day('下次评估日期'),
  measures: z.array(measureInput).max(30, '帮扶措施最多 30 项').default([]),
  /** the visit follow-up it was opened from (反映问题转办): closes as passed on to this plan */
  fromFollowUpId: idSchema.nullable().default(null),
});
export type SupportPlanCreate = z.infer<typeof supportPlanCreate>;

/** 调整计划: situation, goals and the responsible person may change while the plan runs. */
export const supportPlanUpdate = z.object({
  version,
  difficulty: z.enum(difficultyKinds, { message: '请选择困难类型' }),
  situation: required('困难情况', 1000),
  goals: required('帮扶目标', 500),
  responsibleUserId: idSchema,
});
export type SupportPlanUpdate = z.infer<typeof supportPlanUpdate>;

export const measureAdd = measureInput.extend({ version });
export type MeasureAdd = z.infer<typeof measureAdd>;

/** 落实情况 of one measure: done on a day (with a note), or back to not done. */
export const measureMark = z
  .object({
    version,
    measureId: idSchema,
    done: z.boolean({ message: '请选择是否已完成' }),
    doneOn: day('完成日期').nullable().default(null),
    note: text(300),
  })
  .superRefine((v, ctx) => {
    if (v.done && !v.doneOn) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: '请填写完成日期' });
  });
export type MeasureMark = z.infer<typeof measureMark>;

/** 跟踪评估: what was found at the review, and the next review day. */
export const supportPlanReview = z.object({
  version,
  reviewedOn: day('评估日期'),
  findings: required('评估情况', 500),
  nextReviewOn: day('下次评估日期'),
});
export type SupportPlanReview = z.infer<typeof supportPlanReview>;

export const supportPlanClose = z.object({
  version,
  closedOn: day('结案日期'),
  outcome: required('帮扶成效', 500),
});
export type SupportPlanClose = z.infer<typeof supportPlanClose>;

// ---- responses ----

export const measureDto = z.object({
  id: z.string(),
  seq: z.number().int(),
  content: z.string(),
  ownerUserId: z.string(),
  ownerName: z.string(),
  dueOn: z.string(),
  done: z.boolean(),
  doneOn: z.string().nullable(),
  note: z.string(),
  /** not done and past its due day */
  overdue: z.boolean(),
});
export type MeasureDto = z.infer<typeof measureDto>;

export const reviewEntry = z.object({ reviewedOn: z.string(), findings: z.string(), nextReviewOn: z.string(), actorName: z.string(), at: z.string() });
export type ReviewEntry = z.infer<typeof reviewEntry>;

export const supportPlanDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  recipientIdMasked: z.string(),
  difficulty: z.enum(difficultyKinds),
  situation: z.string(),
  goals: z.string(),
  responsibleUserId: z.string(),
  responsibleName: z.string(),
  openedOn: z.string(),
  nextReviewOn: z.string().nullable(),
  status: z.enum(supportPlanStatuses),
  measureCount: z.number().int(),
  measuresDone: z.number().int(),
  closedOn: z.string().nullable(),
  outcome: z.string(),
  /** active and its review day has passed */
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupportPlanDto = z.infer<typeof supportPlanDto>;

export const supportPlanDetail = supportPlanDto.extend({
  measures: z.array(measureDto),
  reviews: z.array(reviewEntry),
  log: z.array(caseActionLogDto),
  closedByName: z.string(),
  /** the caller may write (supportPlans:write) and the plan is active */
  canEdit: z.boolean(),
});
export type SupportPlanDetail = z.infer<typeof supportPlanDetail>;
export const supportPlanPage = pageOf(supportPlanDto);

export const supportPlanSorts = ['openedOn', 'nextReviewOn', 'updatedAt'] as const;
const filterShape = {
  orgUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
  status: z.enum(supportPlanStatuses, { message: '状态不正确' }).optional(),
  difficulty: z.enum(difficultyKinds, { message: '困难类型不正确' }).optional(),
  overdue: z.enum(['true', 'false'], { message: '超期筛选不正确' }).optional(),
  /** mine: where I am the responsible person */
  mine: z.enum(['true', 'false']).optional(),
};
export const supportPlanListQuery = pageQuery.extend({
  ...filterShape,
  sort: z.enum(supportPlanSorts, { message: '排序方式不正确' }).default('openedOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type SupportPlanListQuery = z.infer<typeof supportPlanListQuery>;
export const supportPlanLedgerQuery = z.object(filterShape);
export type SupportPlanLedgerQuery = z.infer<typeof supportPlanLedgerQuery>;

export const planAssigneeQuery = z.object({ orgUnitId: idSchema });
export const planAssigneeList = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string(), title: z.string() })) });
export type PlanAssigneeDto = z.infer<typeof planAssigneeList>['items'][number];

export const SUPPORT_PLAN_LEDGER_TITLE = '一人一策帮扶台账';
