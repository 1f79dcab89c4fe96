// Ventures 创业项目, the founders' network 创业导师 and zero-employment households 零就业家庭
// (issue 15; seed Part 4 四(五)、五(三), §22, §23). A venture is a plain record with its support
// 扶持 rows; a zero-employment household is a kernel case (`zeroEmploymentHousehold`): confirmed by
// the worker from the candidates found in the registry's data, helped with measures, closed as
// 上岗再就业 (or revoked with a reason).
import { z } from '../zod-setup';
import { caseActionLogDto } from './cases';
import { idSchema, isoDay, pageOf, pageQuery } from './common';
import { employmentStatuses } from './recipients';
import { industryCodes } from '../rules/job-matching';

const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(0);
const count = (label: string) => z.number({ message: `请填写${label}` }).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(100_000, `${label}过大`);

// ---- ventures 创业项目 ----

export const ventureStages = ['preparing', 'startup', 'growth', 'mature', 'closed'] as const;
export type VentureStage = (typeof ventureStages)[number];
export const ventureStageLabels: Record<VentureStage, string> = { preparing: '筹备', startup: '初创', growth: '成长', mature: '成熟', closed: '停业' };

const ventureFields = {
  name: required('项目名称', 100),
  sector: z.enum(industryCodes, { message: '所属行业不在目录中' }),
  place: text(200),
  stage: z.enum(ventureStages, { message: '发展阶段不正确' }),
  startedOn: isoDay('创办日期').nullable().default(null),
  founderIds: z.array(idSchema).min(1, '请至少选择一名创办人').max(10, '创办人最多 10 名'),
  jobsCreated: count('带动就业人数'),
  veteransEmployed: count('吸纳退役军人人数'),
  /** the employment module's employer this venture is (its 退役军人创办 mark is the employer's) */
  employerId: idSchema.nullable().default(null),
  veteranFounded: z.boolean().default(true),
  note: text(1000),
};
const jobsRule = (v: { jobsCreated: number; veteransEmployed: number }, ctx: z.RefinementCtx) => {
  if (v.veteransEmployed > v.jobsCreated) ctx.addIssue({ code: 'custom', path: ['veteransEmployed'], message: '吸纳退役军人人数不能多于带动就业人数' });
};
export const ventureCreate = z.object({ orgUnitId: idSchema, ...ventureFields }).superRefine(jobsRule);
export type VentureCreate = z.infer<typeof ventureCreate>;
export const ventureUpdate = z.object({ version: z.number().int().min(1), ...ventureFields }).superRefine(jobsRule);
export type VentureUpdate = z.infer<typeof ventureUpdate>;

export const ventureSupportKinds = ['loan', 'guarantee', 'venue', 'taxRelief', 'mentoring', 'other'] as const;
export type VentureSupportKind = (typeof ventureSupportKinds)[number];
export const ventureSupportKindLabels: Record<VentureSupportKind, string> = { loan: '贷款', guarantee: '担保', venue: '场地', taxRelief: '税费减免', mentoring: '创业指导', other: '其他' };

export const ventureSupportCreate = z.object({
  kind: z.enum(ventureSupportKinds, { message: '扶持方式不正确' }),
  /** yuan, up to two decimals */
  amount: z
    .number({ message: '请填写金额' })
    .min(0, '金额不能为负数')
    .max(100_000_000, '金额过大')
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, '金额最多两位小数'),
  givenOn: isoDay('扶持日期'),
  giver: required('扶持单位', 100),
  note: text(500),
});
export type VentureSupportCreate = z.infer<typeof ventureSupportCreate>;
export const ventureSupportDto = z.object({ id: z.string(), kind: z.enum(ventureSupportKinds), amount: z.number(), givenOn: z.string(), giver: z.string(), note: z.string(), createdAt: z.string() });

export const ventureDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  sector: z.enum(industryCodes),
  place: z.string(),
  stage: z.enum(ventureStages),
  startedOn: z.string().nullable(),
  founders: z.array(z.object({ id: z.string(), name: z.string() })),
  jobsCreated: z.number().int(),
  veteransEmployed: z.number().int(),
  employerId: z.string().nullable(),
  employerName: z.string().nullable(),
  veteranFounded: z.boolean(),
  note: z.string(),
  supportCount: z.number().int(),
  supportTotal: z.number(),
  canEdit: z.boolean(),
  updatedAt: z.string(),
});
export type VentureDto = z.infer<typeof ventureDto>;
export const ventureMentorshipDto = z.object({ id: z.string(), mentorId: z.string(), mentorName: z.string(), ventureId: z.string(), ventureName: z.string(), fromOn: z.string(), note: z.string() });
export type VentureMentorshipDto = z.infer<typeof ventureMentorshipDto>;
export const ventureDetail = ventureDto.extend({ supports: z.array(ventureSupportDto), mentorships: z.array(ventureMentorshipDto) });
export type VentureDetail = z.infer<typeof ventureDetail>;
export const venturePage = pageOf(ventureDto);

const ventureFilter = {
  orgUnitId: idSchema.optional(),
  stage: z.enum(ventureStages, { message: '发展阶段不正确' }).optional(),
  sector: z.enum(industryCodes, { message: '所属行业不在目录中' }).optional(),
  veteranFounded: z.enum(['1']).optional(),
  name: z.string().trim().max(50).optional(),
};
export const ventureListQuery = pageQuery.extend(ventureFilter);
export type VentureListQuery = z.infer<typeof ventureListQuery>;
export const ventureLedgerQuery = z.object(ventureFilter);
export type VentureLedgerQuery = z.infer<typeof ventureLedgerQuery>;
export const VENTURE_LEDGER_TITLE = '退役军人创业项目台账';

// ---- the founders' network 创业导师 ----

export const ventureMentorCreate = z.object({
  orgUnitId: idSchema,
  recipientId: idSchema,
  sectors: z.array(z.enum(industryCodes, { message: '擅长行业不在目录中' })).max(industryCodes.length).default([]),
  enterprise: text(100),
  expertise: text(500),
});
export type VentureMentorCreate = z.infer<typeof ventureMentorCreate>;
export const ventureMentorDto = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  name: z.string(),
  sectors: z.array(z.enum(industryCodes)),
  enterprise: z.string(),
  expertise: z.string(),
  menteeCount: z.number().int(),
});
export type VentureMentorDto = z.infer<typeof ventureMentorDto>;
export const ventureMentorList = z.object({ items: z.array(ventureMentorDto) });
export const ventureMentorQuery = z.object({ sector: z.enum(industryCodes, { message: '行业不在目录中' }).optional() });
export const ventureMentorshipCreate = z.object({ mentorId: idSchema, fromOn: isoDay('结对日期'), note: text(500) });
export type VentureMentorshipCreate = z.infer<typeof ventureMentorshipCreate>;

// ---- zero-employment households 零就业家庭 ----

export const ZERO_EMPLOYMENT_CASE_TYPE = 'zeroEmploymentHousehold';
export const ZERO_EMPLOYMENT_SETTING_KEY = 'zero_employment';
export const zeroEmploymentSettings = z
  .object({
    minAge: z.number({ message: '请填写劳动年龄下限' }).int('年龄须为整数').min(14, '劳动年龄下限不能低于 14 岁').max(30, '劳动年龄下限不能高于 30 岁'),
    maxAge: z.number({ message: '请填写劳动年龄上限' }).int('年龄须为整数').min(45, '劳动年龄上限不能低于 45 岁').max(70, '劳动年龄上限不能高于 70 岁'),
  })
  .refine((s) => s.minAge < s.maxAge, { path: ['maxAge'], message: '劳动年龄上限须大于下限' });
export type ZeroEmploymentSettings = z.infer<typeof zeroEmploymentSettings>;
export const zeroEmploymentSettingsView = z.object({ minAge: z.number().int(), maxAge: z.number().int(), mayEdit: z.boolean(), isDefault: z.boolean() });
export type ZeroEmploymentSettingsView = z.infer<typeof zeroEmploymentSettingsView>;

export const zeroEmploymentStatuses = ['helping', 'reemployed', 'revoked'] as const;
export type ZeroEmploymentStatus = (typeof zeroEmploymentStatuses)[number];
export const zeroEmploymentStatusLabels: Record<ZeroEmploymentStatus, string> = { helping: '帮扶中', reemployed: '上岗再就业', revoked: '已撤销' };

export const zeroEmploymentMeasureKinds = ['jobReferral', 'training', 'publicJob', 'ventureSupport', 'policy', 'other'] as const;
export type ZeroEmploymentMeasureKind = (typeof zeroEmploymentMeasureKinds)[number];
export const zeroEmploymentMeasureLabels: Record<ZeroEmploymentMeasureKind, string> = {
  jobReferral: '岗位推荐',
  training: '技能培训',
  publicJob: '公益性岗位',
  ventureSupport: '创业扶持',
  policy: '政策咨询',
  other: '其他',
};

export const householdMemberDto = z.object({
  name: z.string(),
  relation: z.string(),
  age: z.number().int().nullable(),
  workingAge: z.boolean(),
  status: z.enum(employmentStatuses).nullable(),
});
export const zeroEmploymentCandidate = z.object({
  recipientId: z.string(),
  householdId: z.string().nullable(),
  headName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  address: z.string(),
  members: z.array(householdMemberDto),
  workingAge: z.number().int(),
  unemployed: z.number().int(),
});
export type ZeroEmploymentCandidate = z.infer<typeof zeroEmploymentCandidate>;
export const zeroEmploymentCandidateQuery = pageQuery.extend({ orgUnitId: idSchema.optional(), name: z.string().trim().max(20).optional() });
export const zeroEmploymentCandidatePage = z.object({ items: z.array(zeroEmploymentCandidate), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const zeroEmploymentConfirm = z.object({ recipientId: idSchema, workerUserId: idSchema.nullable().default(null), note: text(500) });
export type ZeroEmploymentConfirm = z.infer<typeof zeroEmploymentConfirm>;
export const zeroEmploymentMeasure = z.object({
  version,
  kind: z.enum(zeroEmploymentMeasureKinds, { message: '帮扶措施不正确' }),
  takenOn: isoDay('帮扶日期'),
  note: required('措施内容', 500),
});
export type ZeroEmploymentMeasure = z.infer<typeof zeroEmploymentMeasure>;
export const zeroEmploymentReassign = z.object({ version, workerUserId: idSchema, note: text(200) });
export type ZeroEmploymentReassign = z.infer<typeof zeroEmploymentReassign>;
export const zeroEmploymentReemploy = z.object({
  version,
  reemployedOn: isoDay('上岗日期'),
  memberName: required('上岗人员', 30),
  employerName: required('就业单位', 100),
  note: text(500),
});
export type ZeroEmploymentReemploy = z.infer<typeof zeroEmploymentReemploy>;
export const zeroEmploymentRevoke = z.object({ version, reason: required('撤销原因', 500) });
export type ZeroEmploymentRevoke = z.infer<typeof zeroEmploymentRevoke>;

export const zeroEmploymentDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  householdId: z.string().nullable(),
  headName: z.string(),
  address: z.string(),
  workerUserId: z.string(),
  workerName: z.string(),
  status: z.enum(zeroEmploymentStatuses),
  confirmedOn: z.string(),
  closedOn: z.string().nullable(),
  reemployedName: z.string(),
  employerName: z.string(),
  measureCount: z.number().int(),
  updatedAt: z.string(),
});
export type ZeroEmploymentDto = z.infer<typeof zeroEmploymentDto>;
export const zeroEmploymentDetail = zeroEmploymentDto.extend({ members: z.array(householdMemberDto), log: z.array(caseActionLogDto), canEdit: z.boolean() });
export type ZeroEmploymentDetail = z.infer<typeof zeroEmploymentDetail>;
export const zeroEmploymentPage = pageOf(zeroEmploymentDto);
const zeroFilter = { orgUnitId: idSchema.optional(), status: z.enum(zeroEmploymentStatuses, { message: '状态不正确' }).optional(), mine: z.enum(['1']).optional() };
export const zeroEmploymentListQuery = pageQuery.extend(zeroFilter);
export type ZeroEmploymentListQuery = z.infer<typeof zeroEmploymentListQuery>;
export const zeroEmploymentLedgerQuery = z.object(zeroFilter);
export type ZeroEmploymentLedgerQuery = z.infer<typeof zeroEmploymentLedgerQuery>;
export const ZERO_EMPLOYMENT_LEDGER_TITLE = '零就业家庭台账';

export const zeroEmploymentAssignees = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })) });
export const zeroEmploymentAssigneeQuery = z.object({ orgUnitId: idSchema });

export const zeroEmploymentFiguresQuery = z.object({
  orgUnitId: idSchema.optional(),
  months: z.coerce.number().int().min(1, '月数至少为 1').max(36, '月数最多为 36').default(12),
});
export const zeroEmploymentFigures = z.object({
  orgUnitId: z.string(),
  /** YYYY-MM, oldest first, ending with this month */
  months: z.array(z.string()),
  /** per unit (本级 first, then each child unit): flagged households at the end of each month (this month: today) */
  rows: z.array(z.object({ orgUnitId: z.string(), orgUnitName: z.string(), counts: z.array(z.number().int()) })),
  total: z.array(z.number().int()),
  reemployedInPeriod: z.number().int(),
});
export type ZeroEmploymentFigures = z.infer<typeof zeroEmploymentFigures>;
