// Employment 就业创业 (issue 15 part 1; seed Part 4 二, 四(四), 五(二)(三); §20–§22): a veteran's
// employment profile 就业信息, employers 用人单位 and their openings 岗位, matching 人岗匹配 and
// recommendations 推荐 (a kernel case: recommended → interviewed → hired / declined).
import { z } from '../zod-setup';
import { employmentStatuses } from './recipients';
import { idSchema, isoDay, pageOf, pageQuery } from './common';
import { phoneSchema } from '../rules/phone';
import { industryCodes, skillCodes, workTimes } from '../rules/job-matching';

export const EMPLOYMENT_SETTING_KEY = 'employment';
export const employmentSettings = z.object({
  /** a profile not confirmed for this many months reaches the village worker's work queue */
  reviewMonths: z.number({ message: '请填写复核周期' }).int('复核周期须为整数月').min(1, '复核周期至少 1 个月').max(36, '复核周期最多 36 个月'),
});
export type EmploymentSettings = z.infer<typeof employmentSettings>;
export const defaultEmploymentSettings: EmploymentSettings = { reviewMonths: 6 };
export const employmentSettingsView = employmentSettings.extend({ mayEdit: z.boolean(), isDefault: z.boolean() });
export type EmploymentSettingsView = z.infer<typeof employmentSettingsView>;

const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(0);
const yuan = (label: string) => z.number({ message: `请填写${label}` }).int(`${label}须为整数元`).min(0, `${label}不能为负数`).max(1_000_000, `${label}过大`);
const skills = z.array(z.enum(skillCodes, { message: '技能特长不在目录中' })).max(skillCodes.length).default([]);
const industries = z.array(z.enum(industryCodes, { message: '行业不在目录中' })).max(industryCodes.length).default([]);

// ---- the profile ----

export const employmentProfileSave = z.object({
  /** 0 when the person has no profile yet */
  version,
  status: z.enum(employmentStatuses, { message: '就业状况不正确' }),
  seeking: z.boolean().default(false),
  employerName: text(100),
  industries,
  skills,
  workTime: z.enum(workTimes, { message: '全职/兼职意向不正确' }).default('any'),
  placeUnitIds: z.array(idSchema).max(10, '意向工作地最多 10 个').default([]),
  payMin: yuan('期望月薪').nullable().default(null),
  trainingWishes: text(500),
  ventureIntent: z.boolean().default(false),
  ventureHelp: text(500),
  note: text(1000),
});
export type EmploymentProfileSave = z.infer<typeof employmentProfileSave>;

export const employmentProfileDto = z.object({
  recipientId: z.string(),
  recipientName: z.string(),
  recipientIdMasked: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  dischargeDate: z.string().nullable(),
  /** 0 = no profile yet (the form's first save creates it) */
  version: z.number().int(),
  status: z.enum(employmentStatuses).nullable(),
  seeking: z.boolean(),
  employerName: z.string(),
  industries: z.array(z.enum(industryCodes)),
  skills: z.array(z.enum(skillCodes)),
  workTime: z.enum(workTimes),
  places: z.array(z.object({ id: z.string(), name: z.string() })),
  payMin: z.number().int().nullable(),
  trainingWishes: z.string(),
  ventureIntent: z.boolean(),
  ventureHelp: z.string(),
  note: z.string(),
  confirmedOn: z.string().nullable(),
  /** not confirmed within the review period (the setting) */
  due: z.boolean(),
  canEdit: z.boolean(),
});
export type EmploymentProfileDto = z.infer<typeof employmentProfileDto>;
export const employmentProfilePage = pageOf(employmentProfileDto);

const profileFilter = {
  orgUnitId: idSchema.optional(),
  status: z.enum([...employmentStatuses, 'none'], { message: '就业状况不正确' }).optional(),
  seeking: z.enum(['1', '0']).optional(),
  /** not confirmed within the review period */
  due: z.enum(['1']).optional(),
  skill: z.enum(skillCodes, { message: '技能特长不在目录中' }).optional(),
  name: z.string().trim().max(20).optional(),
};
export const employmentProfileListQuery = pageQuery.extend({
  ...profileFilter,
  sort: z.enum(['name', 'confirmedOn']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type EmploymentProfileListQuery = z.infer<typeof employmentProfileListQuery>;
export const employmentLedgerQuery = z.object(profileFilter);
export type EmploymentLedgerQuery = z.infer<typeof employmentLedgerQuery>;
export const EMPLOYMENT_LEDGER_TITLE = '就业创业台账';

// ---- employers ----

export const employerKinds = ['public', 'enterprise', 'social'] as const;
export type EmployerKind = (typeof employerKinds)[number];
export const employerKindLabels: Record<EmployerKind, string> = { public: '机关事业单位', enterprise: '企业', social: '社会组织' };

const employerFields = {
  name: required('单位名称', 100),
  kind: z.enum(employerKinds, { message: '单位类型不正确' }),
  creditCode: z
    .string()
    .trim()
    .max(18)
    .regex(/^([0-9A-HJ-NPQRTUWXY]{18})?$/, '统一社会信用代码应为 18 位')
    .default(''),
  veteranFounded: z.boolean().default(false),
  address: text(200),
  contactName: text(50),
  note: text(500),
};
export const employerCreate = z.object({ orgUnitId: idSchema, ...employerFields, contactPhone: phoneSchema.nullable().default(null) });
export type EmployerCreate = z.infer<typeof employerCreate>;
/** `contactPhone` omitted keeps the stored number (the form opens it masked). */
export const employerUpdate = z.object({ version: z.number().int().min(1), ...employerFields, contactPhone: phoneSchema.nullable().optional() });
export type EmployerUpdate = z.infer<typeof employerUpdate>;
export const employerDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  kind: z.enum(employerKinds),
  creditCode: z.string(),
  veteranFounded: z.boolean(),
  address: z.string(),
  contactName: z.string(),
  contactPhoneMasked: z.string(),
  note: z.string(),
  openingCount: z.number().int(),
  canEdit: z.boolean(),
});
export type EmployerDto = z.infer<typeof employerDto>;
export const employerPage = pageOf(employerDto);
export const employerListQuery = pageQuery.extend({ orgUnitId: idSchema.optional(), kind: z.enum(employerKinds).optional(), veteranFounded: z.enum(['1']).optional(), name: z.string().trim().max(50).optional() });
export type EmployerListQuery = z.infer<typeof employerListQuery>;
export const employerPhone = z.object({ contactPhone: z.string().nullable() });

// ---- openings ----

const openingFields = {
  employerId: idSchema,
  position: required('岗位名称', 100),
  skills,
  industry: z.enum(industryCodes, { message: '行业不在目录中' }),
  placeUnitId: idSchema,
  workTime: z.enum(['full', 'part'], { message: '全职/兼职不正确' }),
  payMin: yuan('月薪下限'),
  payMax: yuan('月薪上限'),
  headcount: z.number({ message: '请填写招聘人数' }).int('招聘人数须为整数').min(1, '招聘人数至少 1 人').max(10000, '招聘人数过大'),
  validFrom: isoDay('有效期起'),
  validTo: isoDay('有效期止'),
  veteransPreferred: z.boolean().default(false),
  description: text(2000),
};
function checkOpening(v: { payMin: number; payMax: number; validFrom: string; validTo: string }, ctx: z.RefinementCtx) {
  if (v.payMax < v.payMin) ctx.addIssue({ code: 'custom', path: ['payMax'], message: '月薪上限不能低于下限' });
  if (v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: '有效期止不能早于有效期起' });
}
export const openingCreate = z.object({ orgUnitId: idSchema, ...openingFields }).superRefine(checkOpening);
export type OpeningCreate = z.infer<typeof openingCreate>;
export const openingUpdate = z.object({ version: z.number().int().min(1), ...openingFields }).superRefine(checkOpening);
export type OpeningUpdate = z.infer<typeof openingUpdate>;
export const openingShare = z.object({ orgUnitId: idSchema });
export const openingDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  employerVeteranFounded: z.boolean(),
  position: z.string(),
  skills: z.array(z.enum(skillCodes)),
  industry: z.enum(industryCodes),
  placeUnitId: z.string(),
  placeName: z.string(),
  workTime: z.enum(['full', 'part']),
  payMin: z.number().int(),
  payMax: z.number().int(),
  headcount: z.number().int(),
  validFrom: z.string(),
  validTo: z.string(),
  open: z.boolean(),
  veteransPreferred: z.boolean(),
  description: z.string(),
  /** the units it is shared with (only the owner's side sees them) */
  sharedWith: z.array(z.object({ id: z.string(), name: z.string() })),
  /** the caller's range holds the owner: may edit and share */
  canEdit: z.boolean(),
});
export type OpeningDto = z.infer<typeof openingDto>;
export const openingPage = pageOf(openingDto);
export const openingListQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  employerId: idSchema.optional(),
  industry: z.enum(industryCodes).optional(),
  open: z.enum(['1', '0']).optional(),
  position: z.string().trim().max(50).optional(),
});
export type OpeningListQuery = z.infer<typeof openingListQuery>;

// ---- matching ----

export const seekerMatch = z.object({ recipientId: z.string(), recipientName: z.string(), orgUnitName: z.string(), status: z.enum(employmentStatuses).nullable(), score: z.number().int(), reasons: z.array(z.string()), recommendationId: z.string().nullable() });
export const seekerMatchPage = pageOf(seekerMatch);
export const openingMatch = z.object({ opening: openingDto, score: z.number().int(), reasons: z.array(z.string()), recommendationId: z.string().nullable() });
export const openingMatchPage = pageOf(openingMatch);
export const matchQuery = pageQuery.extend({ minScore: z.coerce.number().int().min(0).max(100).default(0) });

// ---- recommendations ----

export const JOB_RECOMMENDATION_CASE_TYPE = 'jobRecommendation';
export const recommendationStatuses = ['recommended', 'interviewed', 'hired', 'declined'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];
export const recommendationStatusLabels: Record<RecommendationStatus, string> = { recommended: '已推荐', interviewed: '已面试', hired: '已录用', declined: '未成功' };
export const recommendationActions = ['interview', 'hire', 'decline'] as const;
export type RecommendationAction = (typeof recommendationActions)[number];
export const recommendationActionLabels: Record<RecommendationAction, string> = { interview: '登记面试', hire: '登记录用', decline: '登记未成功' };
/** Why a recommendation ended 未成功 (a fixed list; 其他 needs the words). Never remove a code: it is stored. */
export const declineReasons = ['pay', 'major', 'place', 'person', 'employer', 'other'] as const;
export type DeclineReason = (typeof declineReasons)[number];
export const declineReasonLabels: Record<DeclineReason, string> = { pay: '薪资不符', major: '专业不符', place: '地点不符', person: '本人放弃', employer: '用人单位未录用', other: '其他' };

export const recommendationCreate = z.object({ openingId: idSchema, recipientId: idSchema, note: text(500) });
export type RecommendationCreate = z.infer<typeof recommendationCreate>;
export const recommendationActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('interview'), version: z.number().int().min(1), comment: text(500), on: isoDay('面试日期') }),
  z.object({ action: z.literal('hire'), version: z.number().int().min(1), comment: text(500), on: isoDay('录用日期') }),
  z.object({ action: z.literal('decline'), version: z.number().int().min(1), comment: text(500), on: isoDay('日期'), reason: z.enum(declineReasons, { message: '请选择未成功原因' }), reasonNote: text(200) }),
]);
export type RecommendationActionBody = z.infer<typeof recommendationActionBody>;
export const recommendationDto = z.object({
  id: z.string(),
  version: z.number().int(),
  recipientId: z.string(),
  recipientName: z.string(),
  orgUnitName: z.string(),
  openingId: z.string(),
  position: z.string(),
  employerName: z.string(),
  score: z.number().int(),
  reasons: z.array(z.string()),
  recommendedOn: z.string(),
  status: z.enum(recommendationStatuses),
  outcomeOn: z.string().nullable(),
  /** when declined: the reason and, for 其他, the words */
  declineReason: z.enum(declineReasons).nullable(),
  declineNote: z.string(),
  actions: z.array(z.enum(recommendationActions)),
});
export type RecommendationDto = z.infer<typeof recommendationDto>;
export const recommendationPage = pageOf(recommendationDto);
export const recommendationListQuery = pageQuery.extend({ openingId: idSchema.optional(), recipientId: idSchema.optional(), status: z.enum(recommendationStatuses).optional() });
export type RecommendationListQuery = z.infer<typeof recommendationListQuery>;

// ---- figures ----

export const employmentFiguresQuery = z.object({ orgUnitId: idSchema.optional(), from: isoDay('起始日期'), to: isoDay('结束日期') });
const rateRow = { people: z.number().int(), employed: z.number().int(), rate: z.number() };
export const employmentFigures = z.object({
  from: z.string(),
  to: z.string(),
  /** the employment rate (percent, one decimal) of each unit below */
  units: z.array(z.object({ id: z.string(), name: z.string(), ...rateRow })),
  /** the same by discharge-year cohort (year null: discharge date not recorded), oldest first */
  cohorts: z.array(z.object({ year: z.number().int().nullable(), ...rateRow })),
  /** recommendations made in the period, and those hired / declined in it */
  recommended: z.number().int(),
  hired: z.number().int(),
  declined: z.number().int(),
  /** the period's declined recommendations by reason (every reason, zero included) */
  declinedByReason: z.array(z.object({ reason: z.enum(declineReasons), n: z.number().int() })),
  /** interests 我有意向 said by veterans in the period, and how many of those became recommendations */
  interests: z.number().int(),
  interestsRecommended: z.number().int(),
});
export type EmploymentFigures = z.infer<typeof employmentFigures>;

// ---- the veteran's side (public account) and interests 我有意向 ----

/** An opening as a veteran sees it on the phone: no employer contacts, no staff names. */
export const publicOpeningDto = z.object({
  id: z.string(),
  position: z.string(),
  employerName: z.string(),
  employerKind: z.enum(employerKinds),
  employerVeteranFounded: z.boolean(),
  industry: z.enum(industryCodes),
  skills: z.array(z.enum(skillCodes)),
  placeName: z.string(),
  workTime: z.enum(['full', 'part']),
  payMin: z.number().int(),
  payMax: z.number().int(),
  headcount: z.number().int(),
  validFrom: z.string(),
  validTo: z.string(),
  veteransPreferred: z.boolean(),
  description: z.string(),
  /** the service center or station that published it (where to ask) */
  orgUnitName: z.string(),
  score: z.number().int(),
  reasons: z.array(z.string()),
  /** the day the person said they are interested, or null */
  interestedOn: z.string().nullable(),
  /** the station has put the person forward for it (a recommendation exists): its stage */
  recommendation: z.enum(recommendationStatuses).nullable(),
});
export type PublicOpeningDto = z.infer<typeof publicOpeningDto>;
export const publicOpeningList = z.object({
  /** the account is linked to a registered veteran (otherwise no openings are matched) */
  linked: z.boolean(),
  /** the person's employment profile has a job intention on record */
  hasIntention: z.boolean(),
  items: z.array(publicOpeningDto),
  total: z.number().int(),
});
export type PublicOpeningList = z.infer<typeof publicOpeningList>;

/** An interest as the worker sees it (the person's unit's range). */
export const interestDto = z.object({
  id: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  orgUnitName: z.string(),
  openingId: z.string(),
  position: z.string(),
  employerName: z.string(),
  on: z.string(),
  /** the open or hired recommendation of the person to the opening, if any */
  recommendationId: z.string().nullable(),
});
export type InterestDto = z.infer<typeof interestDto>;
export const interestPage = pageOf(interestDto);
export const interestListQuery = pageQuery.extend({ openingId: idSchema.optional(), pending: z.enum(['1']).optional() });
export type InterestListQuery = z.infer<typeof interestListQuery>;
