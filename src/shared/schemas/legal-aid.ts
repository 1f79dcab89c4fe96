// Legal aid 法律援助 (seed Part 10, LEDGERS.md "Legal aid"): the application form of Part 10 二 for
// a registry recipient, the route advised by 四(二)(三), referral 转介 to an entry of the directory
// 名录 of partner law firms, legal aid centers and judicial departments, its acknowledgement 回执,
// follow-up entries and the closing 案结事了 (四(四)).
import { z } from '../zod-setup';
import { caseActionLogDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';

export const legalAidStatuses = ['registered', 'referred', 'following', 'closed'] as const;
export type LegalAidStatus = (typeof legalAidStatuses)[number];
export const legalAidStatusLabels: Record<LegalAidStatus, string> = { registered: '已登记', referred: '已转介（待回执）', following: '跟踪中', closed: '案结事了' };

/** 事项类别 of the application. */
export const legalAidMatterKinds = ['labor', 'socialInsurance', 'family', 'property', 'injury', 'contract', 'other'] as const;
export type LegalAidMatterKind = (typeof legalAidMatterKinds)[number];
export const legalAidMatterKindLabels: Record<LegalAidMatterKind, string> = {
  labor: '劳动争议',
  socialInsurance: '社会保险待遇',
  family: '婚姻家庭',
  property: '房产财产',
  injury: '人身损害',
  contract: '合同债务',
  other: '其他',
};

/**
 * The route advised 告知途径 (Part 10 四(二)(三)): a matter not yet through mediation, arbitration or
 * a court goes to one of those three (via the legal aid center or a partner law firm); one already
 * through them, the applicant still not satisfied, goes to the judicial departments.
 */
export const legalAidRoutes = ['mediation', 'arbitration', 'litigation', 'judicial'] as const;
export type LegalAidRoute = (typeof legalAidRoutes)[number];
export const legalAidRouteLabels: Record<LegalAidRoute, string> = {
  mediation: '调解',
  arbitration: '仲裁',
  litigation: '诉讼（法律援助中心或合作律师事务所代理）',
  judicial: '向司法等有关部门反映',
};
/** The routes a matter may take: already through mediation/arbitration/litigation (priorSteps) or not. */
export function routesFor(priorSteps: boolean): readonly LegalAidRoute[] {
  return priorSteps ? ['judicial'] : ['mediation', 'arbitration', 'litigation'];
}

/** 机构类别 of a directory entry. */
export const legalAidPartnerKinds = ['center', 'lawFirm', 'judicial'] as const;
export type LegalAidPartnerKind = (typeof legalAidPartnerKinds)[number];
export const legalAidPartnerKindLabels: Record<LegalAidPartnerKind, string> = {
  center: '法律援助中心',
  lawFirm: '合作律师事务所',
  judicial: '司法部门（法院、检察院、司法局/所）',
};
/** The kinds of institution a case on this route may be referred to. */
export function partnerKindsFor(route: LegalAidRoute): readonly LegalAidPartnerKind[] {
  if (route === 'judicial') return ['judicial'];
  if (route === 'litigation') return ['center', 'lawFirm'];
  return ['center', 'lawFirm', 'judicial'];
}

/** 结案情况 when the case ends (案结事了). */
export const legalAidOutcomeKinds = ['resolved', 'partly', 'guided', 'withdrawn'] as const;
export type LegalAidOutcomeKind = (typeof legalAidOutcomeKinds)[number];
export const legalAidOutcomeKindLabels: Record<LegalAidOutcomeKind, string> = {
  resolved: '问题已解决',
  partly: '部分解决',
  guided: '已告知依法途径，由申请人自行办理',
  withdrawn: '申请人撤回',
};

/** Working days for the receiving institution's acknowledgement 回执 after a referral: the default of
 * the per-county setting (法律援助设置, settings key `legal_aid_ack_days:<county id>`). */
export const LEGAL_AID_ACK_WORKING_DAYS = 5;
export const LEGAL_AID_SETTING_KEY_PREFIX = 'legal_aid_ack_days:';
/** countyId: the county to read; forUnitId: the county on that unit's path (a case's unit); neither: the county on the caller's own unit's path. */
export const legalAidSettingsQuery = z.object({ countyId: idSchema.optional(), forUnitId: idSchema.optional() });
export const legalAidSettingsBody = z.object({
  countyId: idSchema,
  ackWorkingDays: z
    .number({ message: '请填写回执时限' })
    .int('回执时限应为整数个工作日')
    .min(1, '回执时限不少于 1 个工作日')
    .max(30, '回执时限不超过 30 个工作日'),
});
export type LegalAidSettingsBody = z.infer<typeof legalAidSettingsBody>;
export const legalAidSettingsView = z.object({ countyId: z.string(), countyName: z.string(), ackWorkingDays: z.number().int(), isDefault: z.boolean(), mayEdit: z.boolean() });
export type LegalAidSettingsView = z.infer<typeof legalAidSettingsView>;

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

// ---- the application 法律援助申请表 (Part 10 二) ----

export const legalAidCreate = z
  .object({
    recipientId: idSchema,
    orgUnitId: idSchema,
    appliedOn: day('申请日期'),
    matterKind: z.enum(legalAidMatterKinds, { message: '请选择事项类别' }),
    matter: required('申请事项及事实经过', 2000),
    opposingParty: text(200),
    claims: required('请求事项', 1000),
    /** 已经过调解、仲裁、诉讼等程序 */
    priorSteps: z.boolean({ message: '请选择是否已经过调解、仲裁、诉讼等程序' }),
    route: z.enum(legalAidRoutes, { message: '请选择建议途径' }),
    /** the visit follow-up it was opened from (反映问题转办): closes as passed on to this case */
    fromFollowUpId: idSchema.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (!routesFor(v.priorSteps).includes(v.route))
      ctx.addIssue({ code: 'custom', path: ['route'], message: v.priorSteps ? '已经过调解、仲裁、诉讼等程序的事项，应建议向司法等有关部门反映' : '未经过调解、仲裁、诉讼等程序的事项，应建议调解、仲裁或诉讼' });
  });
export type LegalAidCreate = z.infer<typeof legalAidCreate>;

export const legalAidRefer = z.object({ version, partnerId: idSchema, referredOn: day('转介日期'), note: text(500) });
export type LegalAidRefer = z.infer<typeof legalAidRefer>;
export const legalAidAck = z.object({ version, acknowledgedOn: day('回执日期'), receiver: required('接收人', 50), note: text(500) });
export type LegalAidAck = z.infer<typeof legalAidAck>;
export const legalAidFollowUp = z.object({ version, on: day('跟踪日期'), progress: required('进展情况', 1000) });
export type LegalAidFollowUp = z.infer<typeof legalAidFollowUp>;
export const legalAidClose = z.object({ version, closedOn: day('结案日期'), outcomeKind: z.enum(legalAidOutcomeKinds, { message: '请选择结案情况' }), outcome: required('办理结果', 1000) });
export type LegalAidClose = z.infer<typeof legalAidClose>;

// ---- responses ----

export const legalAidDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  recipientIdMasked: z.string(),
  appliedOn: z.string(),
  matterKind: z.enum(legalAidMatterKinds),
  matter: z.string(),
  opposingParty: z.string(),
  claims: z.string(),
  priorSteps: z.boolean(),
  route: z.enum(legalAidRoutes),
  status: z.enum(legalAidStatuses),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
  referredOn: z.string().nullable(),
  ackDueDay: z.string().nullable(),
  acknowledgedOn: z.string().nullable(),
  ackReceiver: z.string(),
  followUpCount: z.number().int(),
  closedOn: z.string().nullable(),
  outcomeKind: z.enum(legalAidOutcomeKinds).nullable(),
  outcome: z.string(),
  /** referred and the acknowledgement's day has passed */
  ackOverdue: z.boolean(),
  ackDueSoon: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LegalAidDto = z.infer<typeof legalAidDto>;

export const legalAidFollowUpEntry = z.object({ on: z.string(), progress: z.string(), actorName: z.string(), at: z.string() });
export type LegalAidFollowUpEntry = z.infer<typeof legalAidFollowUpEntry>;

export const legalAidDetail = legalAidDto.extend({
  followUps: z.array(legalAidFollowUpEntry),
  log: z.array(caseActionLogDto),
  /** the caller may write (legalAid:write) and the case is open */
  canEdit: z.boolean(),
});
export type LegalAidDetail = z.infer<typeof legalAidDetail>;
export const legalAidPage = pageOf(legalAidDto);

export const legalAidSorts = ['appliedOn', 'ackDueDay', 'updatedAt'] as const;
const filterShape = {
  orgUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
  status: z.enum(legalAidStatuses, { message: '状态不正确' }).optional(),
  route: z.enum(legalAidRoutes, { message: '途径不正确' }).optional(),
  matterKind: z.enum(legalAidMatterKinds, { message: '事项类别不正确' }).optional(),
  partnerId: idSchema.optional(),
  /** referred and the acknowledgement is past its day */
  ackOverdue: z.enum(['true', 'false'], { message: '回执超期筛选不正确' }).optional(),
};
export const legalAidListQuery = pageQuery.extend({
  ...filterShape,
  sort: z.enum(legalAidSorts, { message: '排序方式不正确' }).default('appliedOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type LegalAidListQuery = z.infer<typeof legalAidListQuery>;
export const legalAidLedgerQuery = z.object(filterShape);
export type LegalAidLedgerQuery = z.infer<typeof legalAidLedgerQuery>;

export const LEGAL_AID_LEDGER_TITLE = '法律援助台账';

/**
 * Figures of a unit's range: cases open and closed, acknowledgements on time and late. With a period
 * (`from` and `to`, both or neither) the cases are those applied for in it, the acknowledgements those
 * given in it, `closedInPeriod` the cases closed in it (whenever applied for); without one, all time.
 * `ackOverdueOpen` is always now. `byUnit` splits applied and closed by the unit's child units.
 */
export const legalAidFiguresQuery = z
  .object({ orgUnitId: idSchema.optional(), from: day('开始日期').optional(), to: day('结束日期').optional() })
  .superRefine((q, c) => {
    if (!q.from !== !q.to) c.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: '开始日期和结束日期须同时填写' });
    else if (q.from && q.to && q.from > q.to) c.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  });
export type LegalAidFiguresQuery = z.infer<typeof legalAidFiguresQuery>;
export const legalAidUnitFigure = z.object({ key: z.string(), label: z.string(), applied: z.number().int(), closed: z.number().int() });
export const legalAidFigures = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  unitName: z.string(),
  closedInPeriod: z.number().int(),
  byUnit: z.array(legalAidUnitFigure),
  total: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byRoute: z.record(z.string(), z.number().int()),
  /** referrals acknowledged on or before their day, after it, and still waiting past it */
  ackOnTime: z.number().int(),
  ackLate: z.number().int(),
  ackOverdueOpen: z.number().int(),
});
export type LegalAidFigures = z.infer<typeof legalAidFigures>;

// ---- the directory 名录 ----

const phone = z
  .string()
  .trim()
  .max(40, '联系电话最多 40 个字')
  .regex(/^[0-9０-９+\-—() ，,、/]*$/, '联系电话只能包含数字、短横线、括号和分隔符')
  .default('');
export const legalAidPartnerInput = z.object({
  orgUnitId: idSchema,
  name: required('机构名称', 100),
  kind: z.enum(legalAidPartnerKinds, { message: '请选择机构类别' }),
  address: text(200),
  phone,
  lawyers: text(500),
  areas: text(500),
});
export type LegalAidPartnerInput = z.infer<typeof legalAidPartnerInput>;
export const legalAidPartnerUpdate = legalAidPartnerInput.omit({ orgUnitId: true }).extend({ version, active: z.boolean({ message: '请选择是否启用' }) });
export type LegalAidPartnerUpdate = z.infer<typeof legalAidPartnerUpdate>;

export const legalAidPartnerDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  kind: z.enum(legalAidPartnerKinds),
  address: z.string(),
  phone: z.string(),
  lawyers: z.string(),
  areas: z.string(),
  active: z.boolean(),
  /** the caller may change it (in the caller's range, legalAid:write) */
  canEdit: z.boolean(),
  updatedAt: z.string(),
});
export type LegalAidPartnerDto = z.infer<typeof legalAidPartnerDto>;
export const legalAidPartnerList = z.object({ items: z.array(legalAidPartnerDto) });
/** forUnitId: the entries a case of that unit may be referred to (kept at that unit or above it) */
export const legalAidPartnerQuery = z.object({
  forUnitId: idSchema.optional(),
  kind: z.enum(legalAidPartnerKinds, { message: '机构类别不正确' }).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type LegalAidPartnerQuery = z.infer<typeof legalAidPartnerQuery>;

// ---- case materials 案件材料 (Part 10 二): scans or photos, encrypted at rest, each view audited ----

export const legalAidFileDto = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), createdAt: z.string() });
export type LegalAidFileDto = z.infer<typeof legalAidFileDto>;
export const legalAidFiles = z.object({ items: z.array(legalAidFileDto) });
export const legalAidFileParams = z.object({ id: idSchema, fileId: idSchema });
