// Evaluation 考核评估 (issue 16; seed Part 12): indicator sets per level with weights (an annual set
// 年度考评 and a routine one 日常考察: Part 12 四(二)); a default set ships with its formulas written
// out and a county copies it to edit (copy-on-edit); an evaluation round 考评 of a period evaluates
// the units below the organizer: indicators computed from the figure registry where they can be,
// entered with evidence where they cannot; self-assessment 自评 by the unit, scoring 评分 by the upper
// level or a named joint/peer group 联合考评组 (Part 12 五(一)); published results 结果公开 (四(五));
// rectification items 整改 from the problems found (四(一)(六)), followed to done.
import { z } from '../zod-setup';
import { caseActionLogDto, caseFileDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';
import { materialFileUpload } from './application-materials';

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

// ---- indicator sets 指标体系 ----

export const setKinds = ['annual', 'routine'] as const;
export type SetKind = (typeof setKinds)[number];
export const setKindLabels: Record<SetKind, string> = { annual: '年度考评', routine: '日常考察' };

/** The level of the units a set evaluates. */
export const evaluatedLevels = ['county', 'township', 'village'] as const;
export type EvaluatedLevel = (typeof evaluatedLevels)[number];
export const evaluatedLevelLabels: Record<EvaluatedLevel, string> = { county: '县级服务中心', township: '乡镇（街道）服务站', village: '村（社区）服务站' };

/**
 * How a computed indicator turns its figure into points:
 * - rate: the figure is a percentage; points = value × weight / 100
 * - target: points = min(value / target, 1) × weight
 * - thresholds: the first step (highest min first) whose min the value reaches gives share % of the weight; none: 0
 */
export const scoreRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rate') }),
  z.object({ kind: z.literal('target'), target: z.number({ message: '请填写目标值' }).positive('目标值应大于 0') }),
  z.object({
    kind: z.literal('thresholds'),
    steps: z
      .array(z.object({ min: z.number({ message: '请填写分档下限' }), share: z.number({ message: '请填写得分比例' }).min(0, '得分比例在 0 至 100 之间').max(100, '得分比例在 0 至 100 之间') }))
      .min(1, '至少设置一个分档')
      .max(10, '最多 10 个分档'),
  }),
]);
export type ScoreRule = z.infer<typeof scoreRule>;

export const indicatorMethods = ['figure', 'entered'] as const;
export type IndicatorMethod = (typeof indicatorMethods)[number];
export const indicatorMethodLabels: Record<IndicatorMethod, string> = { figure: '数据自动计算', entered: '填报并附佐证' };

export const indicator = z.object({
  key: z.string({ message: '请填写指标编号' }).regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, '指标编号只能是字母和数字，以字母开头'),
  name: required('指标名称', 60),
  weight: z.number({ message: '请填写权重' }).positive('权重应大于 0').max(100, '权重不能超过 100'),
  method: z.enum(indicatorMethods, { message: '请选择计分方式' }),
  /** for 'figure': the figure registry's key */
  figureKey: z.string().max(80).nullable().default(null),
  rule: scoreRule.nullable().default(null),
  /** the formula and scoring written out */
  formula: required('计分说明', 300),
  /** for 'entered': whether evidence files must come with the self-assessment */
  evidenceRequired: z.boolean().default(false),
});
export type Indicator = z.infer<typeof indicator>;

/**
 * A grade band 等次 of a set: a unit whose total reaches `min` (of 100) and no higher band's gets the
 * band's name. Bands run from the highest down, their names distinct, the lowest at 0 (every scored
 * unit has a grade; a unit not scored has none). Part 12 names no bands; the default is below.
 */
const oneDecimal = (n: number) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9;
export const gradeBand = z.object({
  name: required('等次名称', 10),
  min: z.number({ message: '请填写等次分数线' }).min(0, '等次分数线在 0 至 100 之间').max(100, '等次分数线在 0 至 100 之间').refine(oneDecimal, '等次分数线最多保留一位小数'),
});
export type GradeBand = z.infer<typeof gradeBand>;
export const gradeBands = z.array(gradeBand, { message: '请设置考评等次' }).min(1, '至少设置一个等次').max(10, '最多 10 个等次');
export const defaultGradeBands: GradeBand[] = [
  { name: '优秀', min: 90 },
  { name: '良好', min: 80 },
  { name: '合格', min: 60 },
  { name: '不合格', min: 0 },
];

/** Why a set's bands cannot be saved (Chinese), or none: from the highest down, distinct names, the lowest at 0. */
export function gradeProblems(bands: readonly GradeBand[]): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  bands.forEach((b, n) => {
    if (seen.has(b.name)) out.push({ path: `grades.${n}.name`, message: `等次名称“${b.name}”重复` });
    seen.add(b.name);
    if (n > 0 && b.min >= bands[n - 1].min) out.push({ path: `grades.${n}.min`, message: `等次应从高到低排列：“${b.name}”的分数线（${b.min}）应低于“${bands[n - 1].name}”（${bands[n - 1].min}）` });
  });
  const last = bands[bands.length - 1];
  if (last && last.min !== 0) out.push({ path: `grades.${bands.length - 1}.min`, message: `最低一档“${last.name}”的分数线应为 0（低于其他各档的单位归入此档）` });
  return out;
}

/**
 * The grade of a total in tenths (875 = 87.5) under the bands; null without a total (未评分). Totals are
 * out of 100 (a set's weights add up to 100 and no indicator scores above its weight), so the bands
 * apply to the total itself.
 */
export function gradeOf(bands: readonly GradeBand[], total10: number | null | undefined): string | null {
  if (total10 === null || total10 === undefined) return null;
  return [...bands].sort((a, b) => b.min - a.min).find((b) => total10 >= Math.round(b.min * 10))?.name ?? null;
}

export const indicatorSetInput = z.object({
  orgUnitId: idSchema,
  /** the set copied from (a default set's id or another set of the range), for the record */
  basedOn: z.string().max(64).nullable().default(null),
  name: required('指标体系名称', 60),
  kind: z.enum(setKinds, { message: '请选择考评类型' }),
  level: z.enum(evaluatedLevels, { message: '请选择被考评单位层级' }),
  indicators: z.array(indicator).min(1, '至少设置一项指标').max(40, '最多 40 项指标'),
  /** the grade bands 等次; absent: those of the set copied from, else the default */
  grades: gradeBands.optional(),
});
export type IndicatorSetInput = z.infer<typeof indicatorSetInput>;
/** absent `grades`: the set keeps its bands */
export const indicatorSetUpdate = indicatorSetInput.omit({ orgUnitId: true, basedOn: true }).extend({ version });
export type IndicatorSetUpdate = z.infer<typeof indicatorSetUpdate>;

export const indicatorSetDto = z.object({
  id: z.string(),
  isDefault: z.boolean(),
  orgUnitId: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  basedOn: z.string().nullable(),
  name: z.string(),
  kind: z.enum(setKinds),
  level: z.enum(evaluatedLevels),
  indicators: z.array(indicator),
  grades: z.array(gradeBand),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  canEdit: z.boolean(),
});
export type IndicatorSetDto = z.infer<typeof indicatorSetDto>;

export const figureInfo = z.object({ key: z.string(), label: z.string(), formula: z.string(), unit: z.string() });
export type FigureInfo = z.infer<typeof figureInfo>;
export const indicatorSetList = z.object({ items: z.array(indicatorSetDto), figures: z.array(figureInfo) });
export type IndicatorSetList = z.infer<typeof indicatorSetList>;

// ---- rounds 考评 ----

export const scorerModes = ['upper', 'group'] as const;
export type ScorerMode = (typeof scorerModes)[number];
export const scorerModeLabels: Record<ScorerMode, string> = { upper: '上级评分', group: '联合考评组评分' };

/** A period: a year, half-year, quarter or month ('2026', '2026-H1', '2026-Q2', '2026-06'). */
export const evaluationPeriod = z.string({ message: '请填写考评期间' }).regex(/^\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$/, '考评期间格式应为 YYYY、YYYY-H1、YYYY-Q1 或 YYYY-MM');

export const roundInput = z.object({
  orgUnitId: idSchema,
  setId: z.string({ message: '请选择指标体系' }).min(1, '请选择指标体系').max(64),
  title: required('考评名称', 80),
  period: evaluationPeriod,
  unitIds: z.array(idSchema).min(1, '请选择被考评单位').max(500, '一次最多考评 500 个单位'),
  selfDueDay: day('自评截止日期'),
  scorerMode: z.enum(scorerModes, { message: '请选择评分方式' }),
  scorerIds: z.array(idSchema).max(20, '考评组最多 20 人').default([]),
});
export type RoundInput = z.infer<typeof roundInput>;
export const scorerQuery = z.object({ orgUnitId: idSchema });
export const scorerList = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })) });
export type ScorerList = z.infer<typeof scorerList>;

export const evaluationStatuses = ['selfAssessing', 'submitted', 'scored', 'published'] as const;
export type EvaluationStatus = (typeof evaluationStatuses)[number];
export const evaluationStatusLabels: Record<EvaluationStatus, string> = { selfAssessing: '自评中', submitted: '待评分', scored: '已评分待公布', published: '已公布' };

export const evaluationRowDto = z.object({
  id: z.string(),
  roundId: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  status: z.enum(evaluationStatuses),
  selfTotal: z.number().nullable(),
  total: z.number().nullable(),
  /** the grade 等次 of the total (shown with it; null: not scored) */
  grade: z.string().nullable(),
  dueDay: z.string().nullable(),
  version: z.number().int(),
});
export type EvaluationRowDto = z.infer<typeof evaluationRowDto>;

export const roundDto = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  title: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  setName: z.string(),
  setKind: z.enum(setKinds),
  scorerMode: z.enum(scorerModes),
  selfDueDay: z.string(),
  /** the grade bands copied from the set when the round was opened (editing the set later changes nothing here) */
  grades: z.array(gradeBand),
  createdAt: z.string(),
  counts: z.object({ units: z.number().int(), published: z.number().int() }),
});
export type RoundDto = z.infer<typeof roundDto>;
export const roundPage = pageOf(roundDto);
export const roundQuery = pageQuery;

export const roundDetail = roundDto.extend({
  indicators: z.array(indicator),
  scorers: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })),
  evaluations: z.array(evaluationRowDto),
  canManage: z.boolean(),
});
export type RoundDetail = z.infer<typeof roundDetail>;

export const roundResults = z.object({
  round: roundDto,
  indicators: z.array(z.object({ key: z.string(), name: z.string(), weight: z.number() })),
  /** scores: null = not scored (never shown as 0) */
  rows: z.array(z.object({ rank: z.number().int(), evaluationId: z.string(), orgUnitName: z.string(), total: z.number().nullable(), grade: z.string().nullable(), scores: z.record(z.string(), z.number().nullable()), publishedAt: z.string().nullable() })),
});
export type RoundResults = z.infer<typeof roundResults>;

/**
 * The public results page 考评结果公开 (Part 12 四(五)): a unit's published rounds (organized by it or a
 * unit below it) and, per evaluated unit, the total and rank — units and scores only, never people,
 * notes, problems or evidence. Units not yet published are not listed. The grade 等次 is published with the total.
 */
export const publicEvaluationResults = z.object({
  unitId: z.string(),
  unitName: z.string(),
  rounds: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      organizerName: z.string(),
      periodLabel: z.string(),
      setKind: z.enum(setKinds),
      publishedOn: z.string(),
      units: z.number().int(),
      /** the round's grade bands (the rule the grades follow: public too) */
      grades: z.array(gradeBand),
      rows: z.array(z.object({ rank: z.number().int(), orgUnitName: z.string(), total: z.number().nullable(), grade: z.string().nullable() })),
    }),
  ),
});
export type PublicEvaluationResults = z.infer<typeof publicEvaluationResults>;

// ---- one unit's evaluation ----

export const evaluationItemDto = z.object({
  key: z.string(),
  name: z.string(),
  weight: z.number(),
  method: z.enum(indicatorMethods),
  figureKey: z.string().nullable(),
  figureLabel: z.string().nullable(),
  formula: z.string(),
  evidenceRequired: z.boolean(),
  /** the figure's value: live while not frozen */
  value: z.number().nullable(),
  /** the value was frozen at scoring (never recomputed after) */
  frozen: z.boolean(),
  /** the points the rule gives the value (computed indicators) */
  ruleScore: z.number().nullable(),
  selfScore: z.number().nullable(),
  selfNote: z.string(),
  evidence: z.array(caseFileDto),
  /** the final score (after scoring) */
  score: z.number().nullable(),
  problem: z.string(),
});
export type EvaluationItemDto = z.infer<typeof evaluationItemDto>;

export const sheetItem = z.object({
  key: z.string().min(1).max(40),
  score: z.number({ message: '请填写评分' }).min(0, '评分不能小于 0').nullable().default(null),
  problem: text(500),
});
export const sheetInput = z.object({ items: z.array(sheetItem).max(40) });
export type SheetInput = z.infer<typeof sheetInput>;
export const sheetDto = z.object({ scorerId: z.string(), scorerName: z.string(), items: z.array(z.object({ key: z.string(), score: z.number().nullable(), problem: z.string() })), updatedAt: z.string() });
export type SheetDto = z.infer<typeof sheetDto>;

export const rectificationStatuses = ['open', 'done'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];
export const rectificationStatusLabels: Record<RectificationStatus, string> = { open: '整改中', done: '已完成' };

export const rectificationDto = z.object({
  id: z.string(),
  evaluationId: z.string(),
  roundTitle: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  indicatorKey: z.string(),
  indicatorName: z.string(),
  problem: z.string(),
  ownerUserId: z.string(),
  ownerName: z.string(),
  dueDay: z.string(),
  status: z.enum(rectificationStatuses),
  overdue: z.boolean(),
  doneOn: z.string().nullable(),
  report: z.string(),
  version: z.number().int(),
});
export type RectificationDto = z.infer<typeof rectificationDto>;
export const rectificationPage = pageOf(rectificationDto);
export const rectificationQuery = pageQuery.extend({ status: z.enum(rectificationStatuses).optional() });
export const rectificationDetail = rectificationDto.extend({ log: z.array(caseActionLogDto), canComplete: z.boolean() });
export type RectificationDetail = z.infer<typeof rectificationDetail>;
export const rectificationInput = z.object({
  indicatorKey: z.string({ message: '请选择指标' }).min(1, '请选择指标').max(40),
  problem: required('问题', 500),
  ownerUserId: z.string({ message: '请选择整改责任人' }).min(1, '请选择整改责任人').max(64),
  dueDay: day('整改期限'),
});
export type RectificationInput = z.infer<typeof rectificationInput>;
export const rectificationComplete = z.object({ version, report: required('整改情况', 1000) });

export const evaluationDetail = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(evaluationStatuses),
  round: roundDto,
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  dueDay: z.string().nullable(),
  selfTotal: z.number().nullable(),
  total: z.number().nullable(),
  /** the grade 等次 of the total under the round's bands (frozen with the total; null: not scored) */
  grade: z.string().nullable(),
  publishedAt: z.string().nullable(),
  items: z.array(evaluationItemDto),
  sheets: z.array(sheetDto),
  rectifications: z.array(rectificationDto),
  log: z.array(caseActionLogDto),
  /** the evaluated unit's own staff edit the self-assessment; nobody above does */
  canSelfAssess: z.boolean(),
  canScore: z.boolean(),
  canDecide: z.boolean(),
  /** staff of the evaluated unit (rectification owners) */
  unitStaff: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type EvaluationDetail = z.infer<typeof evaluationDetail>;

export const selfItem = z.object({
  key: z.string().min(1).max(40),
  selfScore: z.number({ message: '请填写自评分' }).min(0, '自评分不能小于 0').nullable().default(null),
  selfNote: text(1000),
  files: z.array(materialFileUpload).max(5, '每项最多上传 5 个佐证材料').default([]),
});
export const selfInput = z.object({ version, items: z.array(selfItem).max(40) });
export type SelfInput = z.infer<typeof selfInput>;

export const evaluationAction = z.object({ version });
export const evaluationReturn = z.object({ version, reason: required('退回意见', 500) });
export const evaluationFileParams = z.object({ id: idSchema, fileId: idSchema });
export const evaluationQuery = pageQuery.extend({ status: z.enum(evaluationStatuses).optional() });
export const evaluationPage = pageOf(evaluationRowDto.extend({ roundTitle: z.string(), period: z.string() }));
