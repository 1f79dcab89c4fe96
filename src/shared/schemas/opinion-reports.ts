// Public-opinion reports 舆情 (seed §12 舆情信息上报制度, §34): a worker reports a piece of public
// opinion concerning veterans; every unit above the reporting one sees it at once; the level it
// waits on (at first the reporting unit) signs 签收 within `ackHours` hours and handles it itself
// 自行处置 or passes it up 上报 to the next level, up to the county (a case of the kernel).
import { z } from '../zod-setup';
import { caseActionLogDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';

/** The kernel's case type of a report (same id in `cases` and `opinion_reports`). */
export const OPINION_CASE_TYPE = 'opinionReport';


export const opinionLevels = ['general', 'major', 'serious'] as const;
export type OpinionLevel = (typeof opinionLevels)[number];
export const opinionLevelLabels: Record<OpinionLevel, string> = { general: '一般', major: '较大', serious: '重大' };

export const opinionStatuses = ['open', 'handled'] as const;
export type OpinionStatus = (typeof opinionStatuses)[number];
export const opinionStatusLabels: Record<OpinionStatus, string> = { open: '处置中', handled: '已处置' };

export const opinionDecisions = ['handle', 'passUp'] as const;
export type OpinionDecision = (typeof opinionDecisions)[number];
export const opinionDecisionLabels: Record<OpinionDecision, string> = { handle: '自行处置', passUp: '上报' };

/** Hours each level has to acknowledge a report (setting `opinionReports.ackHours`). */
export const DEFAULT_ACK_HOURS = 2;
export const OPINION_SETTING_KEY = 'opinionReports';
export const opinionSetting = z.object({ ackHours: z.number().int().min(1).max(72) });
export type OpinionSetting = z.infer<typeof opinionSetting>;

const instant = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s), `${label}格式不正确`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

export const opinionCreate = z.object({
  foundAt: instant('发现时间'),
  source: required('来源/平台', 60),
  summary: required('舆情摘要', 1000),
  people: text(200),
  level: z.enum(opinionLevels, { message: '请选择等级（一般、较大、重大）' }),
  link: z
    .string()
    .trim()
    .max(500, '链接最多 500 个字符')
    .refine((s) => s === '' || /^https?:\/\/\S+$/i.test(s), '链接应以 http:// 或 https:// 开头')
    .default(''),
  note: text(300),
});
export type OpinionCreate = z.infer<typeof opinionCreate>;

/** Signing needs no version: it touches only the caller's own entry, once. */
export const opinionAcknowledge = z.object({}).default({});
export type OpinionAcknowledge = z.infer<typeof opinionAcknowledge>;

export const opinionDecide = z
  .object({
    version,
    decision: z.enum(opinionDecisions, { message: '请选择自行处置或上报' }),
    measures: text(1000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'handle' && !v.measures) ctx.addIssue({ code: 'custom', path: ['measures'], message: '自行处置须填写处置措施' });
  });
export type OpinionDecide = z.infer<typeof opinionDecide>;

export const opinionLevelDto = z.object({
  seq: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string(),
  /** minutes from the report reaching this level to its acknowledgement */
  ackMinutes: z.number().int().nullable(),
  /** the report reached this level (reported there, or passed up to it) */
  reached: z.boolean(),
  /** when this level should have acknowledged (null: not reached) */
  ackDueAt: z.string().nullable(),
  ackOverdue: z.boolean(),
  decision: z.enum(opinionDecisions).nullable(),
  measures: z.string(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string(),
  /** this level is expected to act now */
  acting: z.boolean(),
});
export type OpinionLevelDto = z.infer<typeof opinionLevelDto>;

export const opinionDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  foundAt: z.string(),
  source: z.string(),
  summary: z.string(),
  people: z.string(),
  level: z.enum(opinionLevels),
  link: z.string(),
  note: z.string(),
  status: z.enum(opinionStatuses),
  /** the case's state: awaitingSign 待签收, signed 待处置或上报, handled 已处置 */
  caseStatus: z.string(),
  caseStatusLabel: z.string(),
  /** the instant the waiting level must sign by (an hour deadline), else null */
  dueAt: z.string().nullable(),
  reportedByName: z.string(),
  reportedAt: z.string(),
  chain: z.array(opinionLevelDto),
  /** the caller's own level in the chain, if any */
  myLevel: opinionLevelDto.nullable(),
  /** the caller's level may acknowledge / decide now */
  canAcknowledge: z.boolean(),
  canDecide: z.boolean(),
  /** the caller's level is at the top of the chain: it cannot pass up */
  myLevelIsTop: z.boolean(),
  /** the case's log (detail only): report, signatures, decisions */
  log: z.array(caseActionLogDto).optional(),
});
export type OpinionDto = z.infer<typeof opinionDto>;
export const opinionPage = pageOf(opinionDto);

const filterShape = {
  orgUnitId: idSchema.optional(),
  level: z.enum(opinionLevels, { message: '等级不正确' }).optional(),
  status: z.enum(opinionStatuses, { message: '状态不正确' }).optional(),
  /** inbox: reports waiting on the caller's own unit (not acknowledged, or expected to act) */
  inbox: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(30, '最多 30 个字').optional(),
};
export const opinionListQuery = pageQuery.extend(filterShape);
export type OpinionListQuery = z.infer<typeof opinionListQuery>;
export const opinionLedgerQuery = z.object(filterShape);
export type OpinionLedgerQuery = z.infer<typeof opinionLedgerQuery>;

export const OPINION_LEDGER_TITLE = '舆情信息报送台账';
