// Hard problems 疑难问题 (issue 16; seed Chapter 2 §8 疑难问题化解制度): a station reports a problem it
// cannot solve to its parent; a township station studies it promptly 及时专题研究, the county centre
// reviews its open problems each month 原则上每月, each level resolves it or passes it up (township →
// county → city); the raising unit follows it to its resolution. A kernel case `hardProblem`.
import { z } from '../zod-setup';
import { materialFileUpload } from './application-materials';
import { caseActionLogDto, caseFileDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';
import { periodSchema } from '../rules/periods';

export const HARD_PROBLEM_CASE_TYPE = 'hardProblem';

/**
 * A township station studies a reported problem within this many working days (seed §8: 乡镇（街道）
 * 退役军人服务站根据情况及时专题研究 — "promptly"; the number is a product default).
 */
export const TOWNSHIP_STUDY_WORKING_DAYS = 10;

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

export const hardProblemCategories = ['living', 'employment', 'medical', 'housing', 'policy', 'history', 'dispute', 'other'] as const;
export type HardProblemCategory = (typeof hardProblemCategories)[number];
export const hardProblemCategoryLabels: Record<HardProblemCategory, string> = {
  living: '生活困难',
  employment: '就业创业',
  medical: '医疗保障',
  housing: '住房安置',
  policy: '政策落实',
  history: '历史遗留问题',
  dispute: '矛盾纠纷、信访诉求',
  other: '其他',
};

/** Where the problem is now: the level studying it (open), or how it ended. */
export const hardProblemStatuses = ['township', 'county', 'city', 'resolved', 'withdrawn'] as const;
export type HardProblemStatus = (typeof hardProblemStatuses)[number];
export const hardProblemStatusLabels: Record<HardProblemStatus, string> = {
  township: '乡镇（街道）研究中',
  county: '县级研究中',
  city: '市级研究中',
  resolved: '已解决',
  withdrawn: '已撤回',
};
/** The open states, by the level that handles the problem in each. */
export const hardProblemLevels = ['township', 'county', 'city'] as const;
export type HardProblemLevel = (typeof hardProblemLevels)[number];
export const hardProblemLevelLabels: Record<HardProblemLevel, string> = { township: '乡镇（街道）', county: '县级', city: '市级' };

export const hardProblemActions = ['study', 'review', 'escalate', 'escalateCity', 'resolve', 'withdraw'] as const;
export type HardProblemAction = (typeof hardProblemActions)[number];
export const hardProblemActionLabels: Record<HardProblemAction, string> = {
  study: '专题研究记录',
  review: '月度研究',
  escalate: '上报县级',
  escalateCity: '上报市级',
  resolve: '解决办结',
  withdraw: '撤回',
};

export const hardProblemCreate = z.object({
  /** the raising unit (the caller's own or one below it); its parent gets the problem */
  orgUnitId: idSchema,
  /** the person concerned, a registered recipient of the raising unit's range (optional) */
  recipientId: idSchema.nullable().default(null),
  category: z.enum(hardProblemCategories, { message: '请选择问题类别' }),
  title: required('问题概要', 60),
  description: required('问题描述', 4000),
  tried: required('已采取的措施', 2000),
  files: z.array(materialFileUpload).max(3, '最多上传 3 个附件').default([]),
});
export type HardProblemCreate = z.infer<typeof hardProblemCreate>;

const base = { comment: text(1000), version };
export const hardProblemActionBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('study'), ...base, studiedOn: day('研究日期'), participants: required('参加人员', 200), notes: required('研究情况', 4000) }),
    z.object({ action: z.literal('review'), ...base, reviewedOn: day('研究日期'), decision: required('研究意见', 2000), ownerName: required('责任人', 40), dueOn: day('办理时限') }),
    z.object({ action: z.literal('escalate'), ...base }),
    z.object({ action: z.literal('escalateCity'), ...base }),
    z.object({ action: z.literal('resolve'), ...base, resolution: required('解决情况', 4000) }),
    z.object({ action: z.literal('withdraw'), ...base }),
  ],
  { message: '操作不正确' },
);
export type HardProblemActionBody = z.infer<typeof hardProblemActionBody>;

export const hardProblemDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string().nullable(),
  recipientName: z.string().nullable(),
  category: z.enum(hardProblemCategories),
  title: z.string(),
  status: z.enum(hardProblemStatuses),
  statusLabel: z.string(),
  /** the unit handling it now (open), else null */
  atUnitId: z.string().nullable(),
  atUnitName: z.string().nullable(),
  /** the level that got it first (the raising unit's parent) */
  firstLevel: z.enum(hardProblemLevels),
  reportedOn: z.string(),
  dueDay: z.string().nullable(),
  overdue: z.boolean(),
  lastReviewOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  resolvedLevel: z.enum(hardProblemLevels).nullable(),
  resolvedUnitName: z.string().nullable(),
  resolution: z.string().nullable(),
  updatedAt: z.string(),
});
export type HardProblemDto = z.infer<typeof hardProblemDto>;
export const hardProblemPage = pageOf(hardProblemDto);

export const hardProblemReviewEntry = z.object({ seq: z.number().int(), reviewedOn: z.string(), decision: z.string(), ownerName: z.string(), dueOn: z.string(), unitName: z.string(), by: z.string() });
export const hardProblemStudyEntry = z.object({ seq: z.number().int(), studiedOn: z.string(), participants: z.string(), notes: z.string(), unitName: z.string(), by: z.string() });

export const hardProblemDetail = hardProblemDto.extend({
  description: z.string(),
  tried: z.string(),
  recipientIdMasked: z.string().nullable(),
  files: z.array(caseFileDto),
  studies: z.array(hardProblemStudyEntry),
  reviews: z.array(hardProblemReviewEntry),
  log: z.array(caseActionLogDto),
  /** the actions the caller may take now */
  allowed: z.array(z.enum(hardProblemActions)),
});
export type HardProblemDetail = z.infer<typeof hardProblemDetail>;

export const hardProblemSorts = ['reportedOn', 'dueDay', 'updatedAt'] as const;
const flag = (label: string) => z.enum(['true', 'false'], { message: `${label}不正确` }).optional();
const hardProblemFilter = {
  /** raised within this unit's range */
  orgUnitId: idSchema.optional(),
  /** open 在办 (any level), or how it ended */
  status: z.enum(['open', 'resolved', 'withdrawn'], { message: '状态不正确' }).optional(),
  /** the level handling it now */
  level: z.enum(hardProblemLevels, { message: '所在层级不正确' }).optional(),
  category: z.enum(hardProblemCategories, { message: '问题类别不正确' }).optional(),
  /** reported within the period (YYYY-MM, YYYY-Qn, YYYY) */
  period: periodSchema.optional(),
  /** only those waiting on the caller's unit */
  waitingOnMe: flag('待我研究筛选'),
  sort: z.enum(hardProblemSorts, { message: '排序方式不正确' }).default('reportedOn'),
  order: z.enum(['asc', 'desc'], { message: '排序方向不正确' }).default('desc'),
};
export const hardProblemQuery = pageQuery.extend(hardProblemFilter);
export type HardProblemQuery = z.infer<typeof hardProblemQuery>;
export const hardProblemLedgerQuery = z.object(hardProblemFilter);
export type HardProblemLedgerQuery = z.infer<typeof hardProblemLedgerQuery>;
export const HARD_PROBLEM_LEDGER_TITLE = '疑难问题台账';

/** The county's monthly review 每月研究: the open problems waiting on a unit, marked when not reviewed in the month. */
export const hardProblemReviewQuery = z.object({
  /** the reviewing unit (default: the caller's) */
  orgUnitId: idSchema.optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
    .optional(),
});
export type HardProblemReviewQuery = z.infer<typeof hardProblemReviewQuery>;
export const hardProblemReviewList = z.object({
  month: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  items: z.array(hardProblemDto.extend({ reviewedThisMonth: z.boolean() })),
  notReviewed: z.number().int(),
});
export type HardProblemReviewList = z.infer<typeof hardProblemReviewList>;
