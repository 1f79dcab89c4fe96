// The semi-annual summary 半年工作总结 (issue 16; seed §45): each unit's summary of a half-year, drafted
// from the figure registry (every module's figures over the unit's subtree and the half-year) plus the
// unit's own text in three sections; a kernel case submitted to the parent unit, returned with
// comments or accepted there (acceptance locks it and keeps the figures frozen at submission); the
// parent accepts only when all of the unit's children are accepted, and may reopen an accepted child
// while its own summary is not accepted.
import { z } from '../zod-setup';
import { halfYearSchema } from '../rules/periods';
import { caseActionLogDto } from './cases';
import { idSchema } from './common';

export const summaryStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type SummaryStatus = (typeof summaryStatuses)[number];
export const summaryStatusLabels: Record<SummaryStatus, string> = { draft: '起草中', submitted: '已提交待审核', returned: '已退回修改', accepted: '审核通过' };

/** The unit's own text, in the order of §45's summary. */
export const summarySections = ['work', 'problems', 'plans'] as const;
export type SummarySection = (typeof summarySections)[number];
export const summarySectionLabels: Record<SummarySection, string> = { work: '工作开展情况', problems: '存在问题', plans: '下步打算' };
export const SUMMARY_SECTION_MAX = 20000;

const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);
const section = (label: string) => z.string({ message: `请填写${label}` }).max(SUMMARY_SECTION_MAX, `${label}最多 ${SUMMARY_SECTION_MAX} 个字`);

export const summaryOverviewQuery = z.object({ halfYear: halfYearSchema, orgUnitId: idSchema.optional() });
export type SummaryOverviewQuery = z.infer<typeof summaryOverviewQuery>;

export const summaryCreateInput = z.object({ orgUnitId: idSchema, halfYear: halfYearSchema });
export type SummaryCreateInput = z.infer<typeof summaryCreateInput>;

export const summaryEditInput = z.object({
  editVersion: z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1),
  work: section(summarySectionLabels.work),
  problems: section(summarySectionLabels.problems),
  plans: section(summarySectionLabels.plans),
});
export type SummaryEditInput = z.infer<typeof summaryEditInput>;

export const summarySubmitInput = z.object({ version });
export const summaryAcceptInput = z.object({ version, comment: z.string().trim().max(2000, '意见最多 2000 个字').default('') });
export const summaryReturnInput = z.object({ version, comment: z.string({ message: '请填写退回意见' }).trim().min(1, '请填写退回意见').max(2000, '意见最多 2000 个字') });
export type SummaryAcceptInput = z.infer<typeof summaryAcceptInput>;
export type SummaryReturnInput = z.infer<typeof summaryReturnInput>;

export const figureValueDto = z.object({
  key: z.string(),
  label: z.string(),
  formula: z.string(),
  unit: z.enum(['count', 'percent', 'fen', 'days']),
  kind: z.enum(['stock', 'flow']),
  value: z.number().nullable(),
});
export type FigureValueDto = z.infer<typeof figureValueDto>;
export const figureGroupDto = z.object({ module: z.string(), moduleLabel: z.string(), figures: z.array(figureValueDto) });
export type FigureGroupDto = z.infer<typeof figureGroupDto>;

export const summaryDto = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  level: z.string(),
  halfYear: z.string(),
  halfYearLabel: z.string(),
  status: z.enum(summaryStatuses),
  version: z.number().int(),
  editVersion: z.number().int(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  reviewComment: z.string(),
  updatedAt: z.string(),
});
export type SummaryDto = z.infer<typeof summaryDto>;

export const summaryChildDto = z.object({ orgUnitId: z.string(), orgUnitName: z.string(), level: z.string(), summary: summaryDto.nullable() });
export type SummaryChildDto = z.infer<typeof summaryChildDto>;

export const summaryDetail = summaryDto.extend({
  parentUnitName: z.string().nullable(),
  work: z.string(),
  problems: z.string(),
  plans: z.string(),
  /** figures frozen at submission (submitted, accepted), else counted now from the data */
  figures: z.array(figureGroupDto),
  figuresFrozen: z.boolean(),
  figuresAt: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  children: z.array(summaryChildDto),
  log: z.array(caseActionLogDto),
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canReview: z.boolean(),
  canReopen: z.boolean(),
});
export type SummaryDetail = z.infer<typeof summaryDetail>;

export const summaryOverview = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  level: z.string(),
  halfYear: z.string(),
  halfYearLabel: z.string(),
  /** the unit's own summary, or null before it is drafted */
  summary: summaryDto.nullable(),
  /** what a new draft would start from: the figures counted now */
  figures: z.array(figureGroupDto),
  children: z.array(summaryChildDto),
  canCreate: z.boolean(),
  hasParent: z.boolean(),
});
export type SummaryOverview = z.infer<typeof summaryOverview>;

/** A figure's value as text: counts as they are, percents with '%', money in 元, days with '天'; no value '—'. */
export function figureText(f: Pick<FigureValueDto, 'unit' | 'value'>): string {
  if (f.value === null) return '—';
  if (f.unit === 'percent') return `${f.value}%`;
  if (f.unit === 'fen') return `${(f.value / 100).toFixed(2)} 元`;
  if (f.unit === 'days') return `${f.value} 天`;
  return String(f.value);
}
