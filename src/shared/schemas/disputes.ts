// Dispute screening 矛盾纠纷排查化解 (seed Part 8, SPEC §7): disputes found by reception, field
// visits, home visits or online monitoring; risk level; a responsible person and a deadline; a
// leader for complex ones; a progress log; closure one by one 一案一销; a monthly summary per unit
// submitted up the chain (Part 8 四(六)).
import { z } from '../zod-setup';
import { caseActionLogDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';

/** 排查方式 (LEDGERS.md): 接访 / 下访 / 入户 / 网络 (Part 8 四(一)). */
export const disputeMethods = ['reception', 'fieldVisit', 'homeVisit', 'online'] as const;
export type DisputeMethod = (typeof disputeMethods)[number];
export const disputeMethodLabels: Record<DisputeMethod, string> = {
  reception: '接访',
  fieldVisit: '下访',
  homeVisit: '入户',
  online: '网络',
};

/** 风险等级: 一般 / 较大 / 重大. */
export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const riskLevelLabels: Record<RiskLevel, string> = { low: '一般', medium: '较大', high: '重大' };

export const disputeStatuses = ['open', 'closed'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];
export const disputeStatusLabels: Record<DisputeStatus, string> = { open: '化解中', closed: '已销号' };


const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);
export const monthSchema = z
  .string({ message: '请选择月份' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** A party 当事人: a name, linked to a registry recipient when they are one. */
export const disputeParty = z.object({
  name: required('当事人姓名', 30),
  recipientId: idSchema.nullable().default(null),
});
export type DisputeParty = z.infer<typeof disputeParty>;

export const disputeCreate = z.object({
  orgUnitId: idSchema,
  foundOn: day('排查日期'),
  method: z.enum(disputeMethods, { message: '请选择排查方式（接访、下访、入户、网络）' }),
  parties: z.array(disputeParty).min(1, '请至少填写一名当事人').max(20, '当事人最多 20 名'),
  summary: required('纠纷简要情况', 1000),
  riskLevel: z.enum(riskLevels, { message: '请选择风险等级' }),
  responsibleUserId: idSchema,
  leaderUserId: idSchema.nullable().default(null),
  deadline: day('化解时限'),
  plan: text(1000),
  note: text(300),
});
export type DisputeCreate = z.infer<typeof disputeCreate>;

/** 研判 and 制定方案: risk, plan, responsible person, leader and deadline may change while open. */
export const disputeUpdate = z.object({
  version,
  riskLevel: z.enum(riskLevels, { message: '请选择风险等级' }),
  responsibleUserId: idSchema,
  leaderUserId: idSchema.nullable().default(null),
  deadline: day('化解时限'),
  plan: text(1000),
  note: text(300),
});
export type DisputeUpdate = z.infer<typeof disputeUpdate>;

/** One entry of the progress log 化解措施及进展: a `progress` action of the case. */
export const disputeProgressCreate = z.object({
  version,
  day: day('日期'),
  measure: required('化解措施', 500),
  progress: text(500),
});
export type DisputeProgressCreate = z.infer<typeof disputeProgressCreate>;

export const disputeClose = z.object({
  version,
  closedOn: day('销号日期'),
  result: required('化解结果', 500),
});
export type DisputeClose = z.infer<typeof disputeClose>;

// ---- responses ----

export const disputeProgressEntry = z.object({
  day: z.string(),
  measure: z.string(),
  progress: z.string(),
  at: z.string(),
  actorName: z.string(),
});
export type DisputeProgressEntry = z.infer<typeof disputeProgressEntry>;

export const disputeDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  villageName: z.string(),
  foundOn: z.string(),
  method: z.enum(disputeMethods),
  parties: z.array(z.object({ name: z.string(), recipientId: z.string().nullable() })),
  summary: z.string(),
  riskLevel: z.enum(riskLevels),
  responsibleUserId: z.string(),
  responsibleName: z.string(),
  leaderUserId: z.string().nullable(),
  leaderName: z.string(),
  deadline: z.string(),
  plan: z.string(),
  status: z.enum(disputeStatuses),
  result: z.string(),
  closedOn: z.string().nullable(),
  note: z.string(),
  /** open and past its deadline */
  overdue: z.boolean(),
  /** open and due soon (shared/rules/due-marks DUE_SOON_DAYS) */
  dueSoon: z.boolean(),
  progressCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DisputeDto = z.infer<typeof disputeDto>;

export const disputeDetail = disputeDto.extend({
  /** the progress entries of the case's log (its `progress` actions), oldest first */
  progress: z.array(disputeProgressEntry),
  /** the whole log of the case (the kernel's action log), for the timeline */
  log: z.array(caseActionLogDto),
  closedByName: z.string(),
  /** the caller may close it: the responsible person or a unit head in range, while open */
  canClose: z.boolean(),
});
export type DisputeDetail = z.infer<typeof disputeDetail>;
export const disputePage = pageOf(disputeDto);

export const disputeSorts = ['foundOn', 'deadline', 'updatedAt'] as const;
const filterShape = {
  orgUnitId: idSchema.optional(),
  status: z.enum(disputeStatuses, { message: '状态不正确' }).optional(),
  riskLevel: z.enum(riskLevels, { message: '风险等级不正确' }).optional(),
  method: z.enum(disputeMethods, { message: '排查方式不正确' }).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** mine: where I am the responsible person or the leader */
  mine: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(30, '最多 30 个字').optional(),
  foundFrom: day('开始日期').optional(),
  foundTo: day('结束日期').optional(),
};
export const disputeListQuery = pageQuery.extend({
  ...filterShape,
  sort: z.enum(disputeSorts, { message: '排序方式不正确' }).default('foundOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type DisputeListQuery = z.infer<typeof disputeListQuery>;
export const disputeLedgerQuery = z.object(filterShape);
export type DisputeLedgerQuery = z.infer<typeof disputeLedgerQuery>;

export const assigneeQuery = z.object({ orgUnitId: idSchema });
export const assigneeDto = z.object({ id: z.string(), name: z.string(), unitName: z.string(), title: z.string(), isHead: z.boolean() });
export const assigneeList = z.object({ items: z.array(assigneeDto) });
export type AssigneeDto = z.infer<typeof assigneeDto>;

// ---- the monthly summary ----

export const countsBy = z.object({
  found: z.number().int(),
  closed: z.number().int(),
  /** open at the end of the month */
  open: z.number().int(),
});
export type CountsBy = z.infer<typeof countsBy>;
export const summaryRow = z.object({
  /** the child unit, or the unit itself for disputes registered at its own level */
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  ownLevel: z.boolean(),
  total: countsBy,
  byRisk: z.record(z.enum(riskLevels), countsBy),
  byMethod: z.record(z.enum(disputeMethods), countsBy),
});
export type SummaryRow = z.infer<typeof summaryRow>;
export const disputeSummary = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  month: z.string(),
  rows: z.array(summaryRow),
  total: summaryRow,
});
export type DisputeSummary = z.infer<typeof disputeSummary>;
export const summaryQuery = z.object({ orgUnitId: idSchema, month: monthSchema });
export const summarySubmit = z.object({ month: monthSchema });
export type SummarySubmit = z.infer<typeof summarySubmit>;

export const submissionDto = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  month: z.string(),
  submittedByName: z.string(),
  submittedAt: z.string(),
  revision: z.number().int(),
  summary: disputeSummary,
});
export type SubmissionDto = z.infer<typeof submissionDto>;
/** The children of a unit for a month: each with its submission, or missing. */
export const submissionStatus = z.object({
  orgUnitId: z.string(),
  month: z.string(),
  /** the unit's own submission up */
  own: submissionDto.nullable(),
  children: z.array(z.object({ orgUnitId: z.string(), orgUnitName: z.string(), submission: submissionDto.nullable() })),
  missing: z.number().int(),
});
export type SubmissionStatus = z.infer<typeof submissionStatus>;
export const submissionQuery = z.object({ orgUnitId: idSchema, month: monthSchema });

export const DISPUTE_LEDGER_TITLE = '矛盾纠纷排查化解台账';
export const DISPUTE_SUMMARY_TITLE = '矛盾纠纷排查化解情况月报';
