// Assistance applications 帮扶援助申请 (seed Part 6 三, §28, SPEC §5): opened for a registry
// recipient on one of Part 6 三(一)'s four grounds with the family's situation; verified 核实 by two
// people (Part 6 三(五)); opinions up the chain (village → township → county) and a decision by the
// level whose approval limit covers the amount; the form of help by Part 6 三(三); referrals to
// other agencies (§28); 公示 of the aid given (no sensitive data); a return visit 回访.
import { z } from '../zod-setup';
import { caseActionLogDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';
import { publicNotice } from './public-notice';

export const ASSISTANCE_CASE_TYPE = 'assistance';

/** Part 6 三(一): who should be helped. */
export const assistanceGrounds = ['uncovered', 'familyChange', 'afterCare', 'other'] as const;
export type AssistanceGround = (typeof assistanceGrounds)[number];
export const assistanceGroundLabels: Record<AssistanceGround, string> = {
  uncovered: '生活困难且保障政策尚未覆盖',
  familyChange: '发生重大家庭变故难以承担经济负担',
  afterCare: '享受优抚政策后生活仍有特殊困难',
  other: '其他应帮扶援助的',
};
/** Short labels for tables and the public list. */
export const assistanceGroundShort: Record<AssistanceGround, string> = {
  uncovered: '生活困难',
  familyChange: '家庭变故',
  afterCare: '优抚后仍困难',
  other: '其他',
};

/** Part 6 三(三): the form of help. */
export const assistanceForms = ['training', 'money', 'goods', 'medical'] as const;
export type AssistanceForm = (typeof assistanceForms)[number];
export const assistanceFormLabels: Record<AssistanceForm, string> = {
  training: '技能培训、项目扶持',
  money: '帮扶援助金',
  goods: '生活物资',
  medical: '协调落实医疗政策',
};

export const verificationMethods = ['homeVisit', 'phone', 'records'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];
export const verificationMethodLabels: Record<VerificationMethod, string> = { homeVisit: '入户核实', phone: '电话核实', records: '档案比对' };

export const verificationConclusions = ['true', 'false', 'partial'] as const;
export type VerificationConclusion = (typeof verificationConclusions)[number];
export const verificationConclusionLabels: Record<VerificationConclusion, string> = { true: '属实', false: '不属实', partial: '部分属实' };

/** §28: the agencies a person may be referred to. */
export const referralAgencies = ['dibao', 'tekun', 'special', 'temporary'] as const;
export type ReferralAgency = (typeof referralAgencies)[number];
export const referralAgencyLabels: Record<ReferralAgency, string> = { dibao: '最低生活保障', tekun: '特困人员供养', special: '专项救助', temporary: '临时救助' };

export const assistanceStatuses = ['submitted', 'verifying', 'review', 'notice', 'followUp', 'closed', 'rejected'] as const;
export type AssistanceStatus = (typeof assistanceStatuses)[number];
export const assistanceStatusLabels: Record<AssistanceStatus, string> = {
  submitted: '待受理',
  verifying: '待核实',
  review: '审核中',
  notice: '公示中',
  followUp: '待回访',
  closed: '已回访',
  rejected: '不予援助',
};

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);
/** Money in fen: a whole, non-negative number (at most 10 million yuan). */
export const fen = (label: string) =>
  z
    .number({ message: `请填写${label}` })
    .int(`${label}须精确到分`)
    .min(0, `${label}不能为负数`)
    .max(1_000_000_000, `${label}过大`);

export const assistanceCreate = z.object({
  recipientId: idSchema,
  orgUnitId: idSchema,
  ground: z.enum(assistanceGrounds, { message: '请选择申请理由（第六部分三(一)）' }),
  monthlyIncomeFen: fen('家庭月收入'),
  members: z.number({ message: '请填写家庭人口' }).int('家庭人口须为整数').min(1, '家庭人口至少 1 人').max(30, '家庭人口最多 30 人'),
  policies: z.array(z.string().trim().min(1, '请填写已享受的政策').max(60, '每项政策最多 60 个字')).max(20, '已享受政策最多 20 项').default([]),
  narrative: required('困难情况', 2000),
  /** a second application within the repeat period: why (2–200 characters) */
  repeatReason: z.string().trim().min(2, '重复申请理由至少 2 个字').max(200, '重复申请理由最多 200 个字').nullable().default(null),
  /** the visit follow-up it came from (反映问题转办): closes as passed on to this application */
  fromFollowUpId: idSchema.nullable().default(null),
});
export type AssistanceCreate = z.infer<typeof assistanceCreate>;

/** 在线申请: what the veteran states with their public account (the person and unit come from the account's registry link). */
export const publicAidApply = assistanceCreate.pick({ ground: true, monthlyIncomeFen: true, members: true, policies: true, narrative: true });
export type PublicAidApply = z.infer<typeof publicAidApply>;

/** 受理 of an online application: the reason is required when aid was approved for the household within the period. */
export const takeUpInput = z.object({
  repeatReason: z.string().trim().min(2, '重复申请理由至少 2 个字').max(200, '重复申请理由最多 200 个字').nullable().default(null),
});

/** 核实: two different staff, how, what they found, the conclusion. */
export const verifyInput = z.object({
  verifierIds: z.array(idSchema).length(2, '核实人须为两人'),
  method: z.enum(verificationMethods, { message: '请选择核实方式' }),
  day: day('核实日期'),
  findings: required('核实情况', 1000),
  conclusion: z.enum(verificationConclusions, { message: '请选择核实结论' }),
});
export type VerifyInput = z.infer<typeof verifyInput>;

export const goodsItem = z.object({
  name: required('物资名称', 40),
  quantity: z.number({ message: '请填写数量' }).int('数量须为整数').min(1, '数量至少为 1').max(10000, '数量过大'),
  valueFen: fen('物资价值'),
});
export type GoodsItem = z.infer<typeof goodsItem>;

/** 审批决定: the form of help and what is given. */
export const approveInput = z.object({
  form: z.enum(assistanceForms, { message: '请选择帮扶方式（第六部分三(三)）' }),
  amountFen: fen('援助金额').default(0),
  goods: z.array(goodsItem).max(20, '物资最多 20 项').default([]),
});
export type ApproveInput = z.infer<typeof approveInput>;

export const referInput = z.object({
  agency: z.enum(referralAgencies, { message: '请选择转介的救助类别' }),
  day: day('转介日期'),
  note: z.string().trim().max(300, '说明最多 300 个字').default(''),
});
export const referralOutcomeInput = z.object({
  referralId: idSchema,
  day: day('结果日期'),
  outcome: required('转介结果', 300),
});

export const returnVisitInput = z.object({
  day: day('回访日期'),
  method: z.enum(verificationMethods, { message: '请选择回访方式' }),
  effect: required('帮扶成效', 1000),
});

export const assistanceAction = z.object({
  action: z.string().min(1).max(40),
  comment: z.string().trim().max(2000, '意见最多 2000 个字').default(''),
  version,
  data: z.unknown().optional(),
});
export type AssistanceAction = z.infer<typeof assistanceAction>;

export const verificationDto = z.object({
  id: z.string(),
  verifierIds: z.array(z.string()),
  verifierNames: z.array(z.string()),
  method: z.enum(verificationMethods),
  day: z.string(),
  findings: z.string(),
  conclusion: z.enum(verificationConclusions),
  recordedBy: z.string(),
});
export type VerificationDto = z.infer<typeof verificationDto>;

export const assistanceOpinion = z.object({ level: z.string(), unitName: z.string(), by: z.string(), day: z.string(), agree: z.boolean(), text: z.string() });

export const assistanceDecision = z.object({
  approved: z.boolean(),
  form: z.enum(assistanceForms).nullable(),
  amountFen: z.number().int(),
  goods: z.array(goodsItem),
  reason: z.string(),
  day: z.string(),
  by: z.string(),
  unitName: z.string(),
  level: z.string(),
});

export const referralDto = z.object({
  id: z.string(),
  agency: z.enum(referralAgencies),
  referredOn: z.string(),
  note: z.string(),
  outcome: z.string().nullable(),
  outcomeOn: z.string().nullable(),
});
export type ReferralDto = z.infer<typeof referralDto>;

export const previousAid = z.object({ id: z.string(), recipientName: z.string(), decidedOn: z.string(), ground: z.enum(assistanceGrounds), form: z.enum(assistanceForms).nullable(), amountFen: z.number().int(), unitName: z.string() });
export type PreviousAid = z.infer<typeof previousAid>;

export const assistanceDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  recipientIdMasked: z.string(),
  ground: z.enum(assistanceGrounds),
  status: z.enum(assistanceStatuses),
  openedOn: z.string(),
  monthlyIncomeFen: z.number().int(),
  members: z.number().int(),
  form: z.enum(assistanceForms).nullable(),
  amountFen: z.number().int(),
  goodsValueFen: z.number().int(),
  decidedOn: z.string().nullable(),
  verified: z.boolean(),
  waitingUnitName: z.string().nullable(),
  dueDay: z.string().nullable(),
  repeatReason: z.string().nullable(),
  /** 'online': the veteran applied with their public account */
  source: z.enum(['staff', 'online']),
  /** an online application that came in while aid was approved for the household within the period: the worker gives the reason on taking it up */
  repeatFlagged: z.boolean(),
  updatedAt: z.string(),
});
export type AssistanceDto = z.infer<typeof assistanceDto>;

export const assistanceDetail = assistanceDto.extend({
  policies: z.array(z.string()),
  narrative: z.string(),
  place: z.string(),
  verifications: z.array(verificationDto),
  opinions: z.array(assistanceOpinion),
  decision: assistanceDecision.nullable(),
  notice: publicNotice.nullable(),
  returnVisit: z.object({ day: z.string(), method: z.enum(verificationMethods), effect: z.string(), by: z.string() }).nullable(),
  referrals: z.array(referralDto),
  steps: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
  stepIndex: z.number().int(),
  previousAid: z.array(previousAid),
  /** the actions the caller may take now: name and label */
  actions: z.array(z.object({ name: z.string(), label: z.string(), requireComment: z.boolean() })),
  /** the most the waiting level may approve (fen; null: no limit), when it is the township or county */
  approvalLimitFen: z.number().int().nullable(),
  log: z.array(caseActionLogDto),
});
export type AssistanceDetail = z.infer<typeof assistanceDetail>;

export const assistanceListQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
  status: z.enum(assistanceStatuses).optional(),
  ground: z.enum(assistanceGrounds).optional(),
  form: z.enum(assistanceForms).optional(),
  sort: z.enum(['openedOn', 'updatedAt', 'amountFen']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type AssistanceListQuery = z.infer<typeof assistanceListQuery>;
export const assistanceLedgerQuery = assistanceListQuery.omit({ page: true, pageSize: true, sort: true, order: true }).extend({
  unmasked: z.enum(['1']).optional(),
  purpose: z.string().trim().max(200).optional(),
});
export type AssistanceLedgerQuery = z.infer<typeof assistanceLedgerQuery>;
export const assistancePage = pageOf(assistanceDto);

export const verifierList = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })) });

/** Deployment-wide settings (key `assistance`). */
export const ASSISTANCE_SETTING_KEY = 'assistance';
export const assistanceSettings = z.object({
  /** the most a township may approve (money + goods value, fen); 0: only aid without money or goods */
  townshipLimitFen: fen('乡镇审批限额'),
  /** the most a county may approve; null: no limit */
  countyLimitFen: fen('县级审批限额').nullable(),
  /** a second application within this many months needs a reason */
  repeatMonths: z.number({ message: '请填写重复申请提醒期限' }).int('月数须为整数').min(1, '至少 1 个月').max(60, '最多 60 个月'),
  /** 公示 days (natural days) */
  noticeDays: z.number({ message: '请填写公示天数' }).int('天数须为整数').min(1, '公示至少 1 天').max(30, '公示最多 30 天'),
});
export type AssistanceSettings = z.infer<typeof assistanceSettings>;
export const defaultAssistanceSettings: AssistanceSettings = { townshipLimitFen: 0, countyLimitFen: null, repeatMonths: 12, noticeDays: 7 };
export const assistanceSettingsView = assistanceSettings.extend({ mayEdit: z.boolean(), isDefault: z.boolean() });
export type AssistanceSettingsView = z.infer<typeof assistanceSettingsView>;

export const assistanceFiguresQuery = z.object({ period: z.string().regex(/^\d{4}(-\d{2}|-Q[1-4])?$/, '期间格式应为 YYYY、YYYY-MM 或 YYYY-Qn'), orgUnitId: idSchema.optional() });
const figureRow = z.object({ key: z.string(), label: z.string(), count: z.number().int(), amountFen: z.number().int() });
export const assistanceFigures = z.object({
  period: z.string(),
  unitName: z.string(),
  total: z.object({ count: z.number().int(), amountFen: z.number().int() }),
  byUnit: z.array(figureRow),
  byGround: z.array(figureRow),
  byForm: z.array(figureRow),
});
export type AssistanceFigures = z.infer<typeof assistanceFigures>;

/** The public list 公示 of aid given: no ID, phone, address or health detail; the name masked. */
export const publicAidQuery = z.object({ period: z.string().regex(/^\d{4}(-\d{2}|-Q[1-4])?$/, '期间格式应为 YYYY、YYYY-MM 或 YYYY-Qn') });
export const publicAidList = z.object({
  unitName: z.string(),
  period: z.string(),
  items: z.array(
    z.object({
      maskedName: z.string(),
      place: z.string(),
      ground: z.string(),
      form: z.string(),
      amountFen: z.number().int(),
      noticeStart: z.string().nullable(),
      noticeEnd: z.string().nullable(),
    }),
  ),
});
export type PublicAidList = z.infer<typeof publicAidList>;

/** Money in fen shown as yuan with 2 decimals. */
export function yuan(fenValue: number): string {
  const neg = fenValue < 0;
  const v = Math.abs(fenValue);
  return `${neg ? '-' : ''}${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;
}

/** The same day `months` months earlier (the last day of a shorter month): the repeat-aid window's start. */
export function monthsBefore(dayStr: string, months: number): string {
  const [y, m, d] = dayStr.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Evidence files 证明材料 of an application (encrypted in `files`, like an application's materials). */
export const evidenceFileDto = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), createdAt: z.string() });
export const evidenceFilesDto = z.object({ open: z.boolean(), items: z.array(evidenceFileDto) });
export type EvidenceFilesDto = z.infer<typeof evidenceFilesDto>;

/** What the veteran sees of their own application: no staff names, opinions or verifications. */
export const publicOwnAid = z.object({
  id: z.string(),
  openedOn: z.string(),
  source: z.enum(['staff', 'online']),
  ground: z.enum(assistanceGrounds),
  groundLabel: z.string(),
  unitName: z.string(),
  status: z.enum(assistanceStatuses),
  statusLabel: z.string(),
  nextStep: z.string().nullable(),
  notice: z.object({ startDay: z.string(), endDay: z.string() }).nullable(),
  decision: z.object({ approved: z.boolean(), day: z.string(), form: z.enum(assistanceForms).nullable(), amountFen: z.number().int(), goodsValueFen: z.number().int(), reason: z.string() }).nullable(),
  /** evidence may still be added (before the decision) */
  open: z.boolean(),
  files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number().int(), createdAt: z.string() })),
});
export type PublicOwnAid = z.infer<typeof publicOwnAid>;
export const publicOwnAidList = z.object({ linked: z.boolean(), items: z.array(publicOwnAid) });
export type PublicOwnAidList = z.infer<typeof publicOwnAidList>;
