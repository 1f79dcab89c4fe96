// Obligations 工作制度 (issue 16; seed Chapter 2 §5–§13, §34): recurring duties each unit level owes
// (meetings §6, staff training §7, the county's monthly review of hard problems §8, petition-situation
// reports §34, the disputes module's monthly summary), declared as data; records of what was done; what
// a unit owes now; the upper level's reporting rate (on time, late, missing) per period. And the named
// responsible person of each ledger at each unit (§10).
import { z } from '../zod-setup';
import { periodKind, type PeriodKind } from '../rules/periods';
import { caseFileDto } from './cases';
import { materialFileUpload } from './application-materials';
import { idSchema, isoDay, pageOf, pageQuery } from './common';
import { ledgerNameSchema } from './ledger-responsibles';

const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

export const obligationLevels = ['county', 'township', 'village'] as const;
export type ObligationLevel = (typeof obligationLevels)[number];
export const obligationLevelLabels: Record<ObligationLevel, string> = { county: '县级服务中心', township: '乡镇（街道）服务站', village: '村（社区）服务站' };

export const obligationPeriodKinds = ['month', 'quarter', 'half', 'year'] as const satisfies readonly PeriodKind[];
export const periodKindLabels: Record<PeriodKind, string> = { month: '每月', quarter: '每季度', half: '每半年', year: '每年' };

/**
 * What a record holds: a meeting, a training, a review with decisions, a report, (read from disputes)
 * the monthly dispute summary, or the semi-annual summary (recorded when the summaries module's
 * summary is submitted; never entered by hand).
 */
export const obligationRecordKinds = ['meeting', 'training', 'review', 'report', 'disputeSummary', 'summary'] as const;
export type ObligationRecordKind = (typeof obligationRecordKinds)[number];
export const recordKindLabels: Record<ObligationRecordKind, string> = { meeting: '会议', training: '培训', review: '专题研究', report: '报告', disputeSummary: '矛盾纠纷月报', summary: '半年工作总结' };
/** The kinds fulfilled in another module (their records are never entered on the obligations pages). */
export const externalRecordKinds: readonly ObligationRecordKind[] = ['disputeSummary', 'summary'];
/** The kinds a county may declare for its own obligations. */
export const customRecordKinds = ['meeting', 'training', 'review', 'report'] as const;

/** Any report period: 'YYYY-MM', 'YYYY-Qn', 'YYYY-H1'/'YYYY-H2' or 'YYYY'. */
export const anyPeriod = z.string({ message: '请选择期间' }).refine((p) => periodKind(p) !== null, '期间格式应为 YYYY-MM、YYYY-Q1、YYYY-H1 或 YYYY');

export const obligationDefDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  basis: z.string(),
  level: z.enum(obligationLevels),
  periodKind: z.enum(obligationPeriodKinds),
  dueDays: z.number().int(),
  dueWorking: z.boolean(),
  recordKind: z.enum(obligationRecordKinds),
  note: z.string(),
  /** the county that declared it; null for the defaults of Chapter 2 */
  orgUnitId: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ObligationDefDto = z.infer<typeof obligationDefDto>;
export const obligationDefList = z.object({ items: z.array(obligationDefDto) });

const defFields = {
  name: required('名称', 60),
  basis: text(60),
  level: z.enum(obligationLevels, { message: '请选择履行单位层级' }),
  periodKind: z.enum(obligationPeriodKinds, { message: '请选择周期' }),
  dueDays: z.number({ message: '请填写期限天数' }).int('期限天数须为整数').min(0, '期限天数不能为负数').max(60, '期限天数最多 60 天'),
  dueWorking: z.boolean().default(false),
  recordKind: z.enum(customRecordKinds, { message: '请选择记录类型' }),
  note: text(300),
};
export const obligationDefCreate = z.object({ orgUnitId: idSchema, ...defFields });
export type ObligationDefCreate = z.infer<typeof obligationDefCreate>;
export const obligationDefUpdate = z.object({ version, active: z.boolean(), ...defFields });
export type ObligationDefUpdate = z.infer<typeof obligationDefUpdate>;
export const obligationDefQuery = z.object({ orgUnitId: idSchema.optional() });

const hours = z.number({ message: '请填写学时' }).min(0.5, '学时至少 0.5').max(200, '学时最多 200');
const recordFields = {
  heldOn: isoDay('日期'),
  attendees: text(1000),
  topics: text(1000),
  minutes: text(5000),
  course: text(200),
  trainer: text(60),
  hours: hours.nullable().default(null),
  decisions: text(5000),
  body: text(10000),
  files: z.array(materialFileUpload).max(5, '最多上传 5 个文件').default([]),
};
export const obligationRecordCreate = z.object({ definitionId: idSchema, orgUnitId: idSchema, period: anyPeriod, ...recordFields });
export type ObligationRecordCreate = z.infer<typeof obligationRecordCreate>;
export const obligationRecordUpdate = z.object({ version, ...recordFields });
export type ObligationRecordUpdate = z.infer<typeof obligationRecordUpdate>;

export const obligationRecordDto = z.object({
  id: z.string(),
  definitionId: z.string(),
  definitionName: z.string(),
  recordKind: z.enum(obligationRecordKinds),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  heldOn: z.string(),
  dueDay: z.string(),
  recordedOn: z.string(),
  onTime: z.boolean(),
  attendees: z.string(),
  topics: z.string(),
  minutes: z.string(),
  course: z.string(),
  trainer: z.string(),
  hours: z.number().nullable(),
  decisions: z.string(),
  body: z.string(),
  recordedByName: z.string(),
  version: z.number().int(),
  /** editable until the period locks (the due day + EDIT_DAYS_AFTER_DUE) by the unit's range */
  lockedOn: z.string(),
  canEdit: z.boolean(),
  files: z.array(caseFileDto),
});
export type ObligationRecordDto = z.infer<typeof obligationRecordDto>;
export const obligationRecordListQuery = pageQuery.extend({ orgUnitId: idSchema.optional(), definitionId: idSchema.optional(), period: anyPeriod.optional() });
export type ObligationRecordListQuery = z.infer<typeof obligationRecordListQuery>;
export const obligationRecordPage = pageOf(obligationRecordDto.omit({ files: true }));

/** A record is editable until this many days after its due day; then the period is locked. */
export const EDIT_DAYS_AFTER_DUE = 30;

// ---- what a unit owes ----
export const owedStates = ['owed', 'onTime', 'late'] as const;
export type OwedState = (typeof owedStates)[number];
export const owedStateLabels: Record<OwedState, string> = { owed: '待履行', onTime: '按时完成', late: '逾期完成' };
export const owedItem = z.object({
  definitionId: z.string(),
  definitionName: z.string(),
  basis: z.string(),
  recordKind: z.enum(obligationRecordKinds),
  period: z.string(),
  periodLabel: z.string(),
  dueDay: z.string(),
  state: z.enum(owedStates),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  recordId: z.string().nullable(),
});
export type OwedItem = z.infer<typeof owedItem>;
export const owedQuery = z.object({ orgUnitId: idSchema.optional() });
export const owedList = z.object({ orgUnitId: z.string(), orgUnitName: z.string(), today: z.string(), items: z.array(owedItem) });
export type OwedList = z.infer<typeof owedList>;

// ---- reporting rate (DHIS2) ----
export const reportingQuery = z.object({ orgUnitId: idSchema.optional(), definitionId: idSchema, period: anyPeriod });
export type ReportingQuery = z.infer<typeof reportingQuery>;
export const reportingRow = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  level: z.string(),
  /** owing units in this child's subtree (1 when the child itself owes it) */
  expected: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  /** (on time + late) / expected, percent; null without expected */
  rate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  /** when the child itself owes it: its record (null: missing) */
  recordId: z.string().nullable(),
  recordedOn: z.string().nullable(),
});
export type ReportingRow = z.infer<typeof reportingRow>;
export const reportingDto = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  definition: obligationDefDto,
  period: z.string(),
  periodLabel: z.string(),
  dueDay: z.string(),
  total: reportingRow.omit({ orgUnitId: true, orgUnitName: true, level: true, recordId: true, recordedOn: true }),
  children: z.array(reportingRow),
});
export type ReportingDto = z.infer<typeof reportingDto>;

// ---- ledger 工作制度台账 ----
export const OBLIGATION_LEDGER_TITLE = '工作制度落实台账';
export const obligationLedgerQuery = z.object({ orgUnitId: idSchema.optional(), definitionId: idSchema.optional(), from: isoDay('开始日期').optional(), to: isoDay('结束日期').optional() });
export type ObligationLedgerQuery = z.infer<typeof obligationLedgerQuery>;

// ---- ledgers' responsible persons (§10) ----
export const responsibleDto = z.object({
  ledger: z.string(),
  personName: z.string().nullable(),
  phone: z.string().nullable(),
  setByName: z.string().nullable(),
  setAt: z.string().nullable(),
  version: z.number().int(),
});
export type ResponsibleDto = z.infer<typeof responsibleDto>;
export const responsibleQuery = z.object({ orgUnitId: idSchema.optional() });
export const responsibleList = z.object({ orgUnitId: z.string(), orgUnitName: z.string(), canSet: z.boolean(), items: z.array(responsibleDto) });
export type ResponsibleList = z.infer<typeof responsibleList>;
export const responsibleSet = z.object({
  orgUnitId: idSchema,
  ledger: ledgerNameSchema,
  personName: required('责任人姓名', 30),
  phone: z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}|)$/, '电话格式不正确').default(''),
  /** 0 when none is set yet */
  version: z.number({ message: '缺少版本号，请刷新后重试' }).int().min(0),
});
export type ResponsibleSet = z.infer<typeof responsibleSet>;

