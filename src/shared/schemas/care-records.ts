// Care records 关爱服务记录 (issue 14, "Also from the seed"): legal consultations 法律咨询 (Part 10
// 五(一)), psychological counselling 心理疏导 (Part 9 四(三)), law-education events 普法活动 (§37),
// health checks 健康体检 of priority-care recipients (Part 6 四(三)) and insurance arranged for
// families in hardship 困难家庭保险 (§31). Plain records kept by the legal-aid module, with the persons
// concerned (attendance); the details (counselling notes, health-check results) are sensitive.
import { z } from '../zod-setup';
import { idSchema, pageOf, pageQuery } from './common';

export const careRecordKinds = ['consultation', 'counselling', 'lawEducation', 'healthCheck', 'insurance'] as const;
export type CareRecordKind = (typeof careRecordKinds)[number];
export const careRecordKindLabels: Record<CareRecordKind, string> = {
  consultation: '法律咨询',
  counselling: '心理疏导',
  lawEducation: '普法活动',
  healthCheck: '健康体检',
  insurance: '困难家庭保险',
};

export const CARE_RECORDS_LEDGER_TITLE = '关爱服务记录台账';
/** How a list and the ledger show details that are kept encrypted. */
export const DETAILS_MASK = '（已加密，查看需授权）';

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

/** Insurance arranged for a family in hardship (§31): money in fen. */
export const careInsurance = z.object({
  insurer: required('承保机构', 100),
  product: required('险种', 100),
  periodFrom: day('保障期起'),
  periodTo: day('保障期止'),
  premiumFen: z.number({ message: '请填写保费' }).int('保费以分为单位，须为整数').min(0, '保费不能为负数').max(100_000_000, '保费过大'),
  paidBy: required('缴费方', 100),
});
export type CareInsurance = z.infer<typeof careInsurance>;

export const carePersonInput = z.object({ recipientId: idSchema, note: text(200) });

const fields = {
  day: day('日期'),
  title: required('主题', 200),
  place: text(200),
  organiser: text(100),
  by: text(50),
  summary: text(2000),
  /** headcount of the event (attendees not in the registry included) */
  headcount: z.number({ message: '请填写人数' }).int('人数须为整数').min(0, '人数不能为负数').max(100000, '人数过大'),
  people: z.array(carePersonInput).max(500, '服务对象最多 500 人').default([]),
  insurance: careInsurance.nullable().default(null),
};

type Checked = { headcount: number; people: { recipientId: string }[]; insurance: CareInsurance | null };
function check(v: Checked & { kind?: CareRecordKind }, ctx: z.RefinementCtx) {
  if (v.headcount < v.people.length) ctx.addIssue({ code: 'custom', path: ['headcount'], message: `人数不能少于所选服务对象（${v.people.length} 人）` });
  const ids = new Set(v.people.map((p) => p.recipientId));
  if (ids.size !== v.people.length) ctx.addIssue({ code: 'custom', path: ['people'], message: '同一服务对象只能选一次' });
  if (v.insurance && v.insurance.periodTo < v.insurance.periodFrom) ctx.addIssue({ code: 'custom', path: ['insurance', 'periodTo'], message: '保障期止不能早于保障期起' });
  if (v.kind === 'insurance' && !v.insurance) ctx.addIssue({ code: 'custom', path: ['insurance'], message: '请填写保险信息' });
  if (v.kind && v.kind !== 'insurance' && v.insurance) ctx.addIssue({ code: 'custom', path: ['insurance'], message: '只有困难家庭保险记录填写保险信息' });
}

export const careRecordCreate = z
  .object({
    orgUnitId: idSchema,
    kind: z.enum(careRecordKinds, { message: '记录类别不正确' }),
    ...fields,
    /** counselling notes, health-check results: stored encrypted */
    details: text(4000),
  })
  .superRefine(check);
export type CareRecordCreate = z.infer<typeof careRecordCreate>;

/** An edit: the kind and unit stay; `details` omitted keeps the stored details (they open masked). */
export const careRecordUpdate = z
  .object({
    version,
    ...fields,
    details: z.string().trim().max(4000, '最多 4000 个字').optional(),
  })
  .superRefine(check);
export type CareRecordUpdate = z.infer<typeof careRecordUpdate>;

export const carePersonDto = z.object({ recipientId: z.string(), recipientName: z.string(), recipientIdMasked: z.string(), note: z.string() });
export const careRecordDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  kind: z.enum(careRecordKinds),
  day: z.string(),
  title: z.string(),
  place: z.string(),
  organiser: z.string(),
  by: z.string(),
  summary: z.string(),
  hasDetails: z.boolean(),
  /** DETAILS_MASK when details are stored, else '' (never the clear text) */
  detailsMasked: z.string(),
  headcount: z.number().int(),
  insurance: careInsurance.nullable(),
  peopleCount: z.number().int(),
  people: z.array(carePersonDto),
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CareRecordDto = z.infer<typeof careRecordDto>;
export const careRecordPage = pageOf(careRecordDto);

const filterShape = {
  kind: z.enum(careRecordKinds, { message: '记录类别不正确' }).optional(),
  orgUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
  from: day('起始日期').optional(),
  to: day('截止日期').optional(),
};
const periodCheck = (v: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' });
};
export const careRecordListQuery = pageQuery
  .extend({ ...filterShape, order: z.enum(['asc', 'desc'], { message: '排序方式不正确' }).default('desc') })
  .superRefine(periodCheck);
export type CareRecordListQuery = z.infer<typeof careRecordListQuery>;
export const careRecordLedgerQuery = z.object(filterShape).superRefine(periodCheck);
export type CareRecordLedgerQuery = z.infer<typeof careRecordLedgerQuery>;

export const careRecordReveal = z.object({ details: z.string() });

/** Figures of a unit's range for a period: records, headcount and registered persons per kind and per child unit. */
export const careRecordFiguresQuery = z
  .object({ orgUnitId: idSchema.optional(), from: day('开始日期'), to: day('结束日期') })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export type CareRecordFiguresQuery = z.infer<typeof careRecordFiguresQuery>;
const careCount = { records: z.number().int(), headcount: z.number().int(), people: z.number().int() };
export const careRecordFigures = z.object({
  from: z.string(),
  to: z.string(),
  unitName: z.string(),
  total: z.object(careCount),
  /** every kind, zeros included */
  byKind: z.array(z.object({ kind: z.enum(careRecordKinds), label: z.string(), ...careCount })),
  /** the unit's own level (when it has records) and each child unit: records per kind */
  byUnit: z.array(z.object({ key: z.string(), label: z.string(), records: z.number().int(), byKind: z.record(z.string(), z.number().int()) })),
  /** law education 普法活动 (§37): events, their headcount, and the registered recipients who attended */
  lawEducation: z.object({ events: z.number().int(), headcount: z.number().int(), attendees: z.number().int() }),
});
export type CareRecordFigures = z.infer<typeof careRecordFigures>;
