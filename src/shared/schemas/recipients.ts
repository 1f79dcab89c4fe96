// Service recipients 服务对象: veterans and the other groups the guide serves (Part 11, Part 5 三(一)).
import { z } from '../zod-setup';
import { idSchema, pageOf, pageQuery } from './common';

/** What kind of person the record is about. */
export const recipientKinds = ['veteran', 'martyrSurvivor', 'dutyDeathSurvivor', 'illnessDeathSurvivor', 'militaryFamily'] as const;
export type RecipientKind = (typeof recipientKinds)[number];
export const recipientKindLabels: Record<RecipientKind, string> = {
  veteran: '退役军人',
  martyrSurvivor: '烈士遗属',
  dutyDeathSurvivor: '因公牺牲军人遗属',
  illnessDeathSurvivor: '病故军人遗属',
  militaryFamily: '现役军人家属',
};

/** The 2018 national information collection's 12 groups 人员类别. */
export const recipientGroups = [
  'transferredOfficer',
  'dischargedSoldier',
  'retiredCadre',
  'nonMilitaryRetiree',
  'demobilized',
  'redArmyVeteran',
  'disabledVeteran',
  'disabledMilitia',
  'martyrSurvivor',
  'dutyDeathSurvivor',
  'illnessDeathSurvivor',
  'militaryFamily',
] as const;
export type RecipientGroup = (typeof recipientGroups)[number];
export const recipientGroupLabels: Record<RecipientGroup, string> = {
  transferredOfficer: '军队转业干部',
  dischargedSoldier: '退役士兵',
  retiredCadre: '军队离休退休干部和退休士官',
  nonMilitaryRetiree: '无军籍离退休退职职工',
  demobilized: '复员军人',
  redArmyVeteran: '退伍红军老战士',
  disabledVeteran: '残疾军人',
  disabledMilitia: '伤残民兵民工',
  martyrSurvivor: '烈士遗属',
  dutyDeathSurvivor: '因公牺牲军人遗属',
  illnessDeathSurvivor: '病故军人遗属',
  militaryFamily: '现役军人家属',
};

/** Care categories 优抚类别 (RULES.md priority care list); a recipient may have several. Stored as a bit mask. */
export const careCategories = [
  'disabledVeteran',
  'martyrSurvivor',
  'dutyDeathSurvivor',
  'illnessDeathSurvivor',
  'warVeteran',
  'nuclearTestVeteran',
  'disabledMilitia',
  'redArmyStraggler',
  'ruralDemobilized',
  'returnedIll',
  'ruralVeteran60',
  'martyrChild60',
] as const;
export type CareCategory = (typeof careCategories)[number];
export const careCategoryLabels: Record<CareCategory, string> = {
  disabledVeteran: '伤残军人',
  martyrSurvivor: '烈士遗属',
  dutyDeathSurvivor: '因公牺牲军人遗属',
  illnessDeathSurvivor: '病故军人遗属',
  warVeteran: '参战退役人员',
  nuclearTestVeteran: '参试退役人员',
  disabledMilitia: '伤残民兵民工',
  redArmyStraggler: '红军失散人员',
  ruralDemobilized: '在乡老复员军人',
  returnedIll: '带病回乡退伍军人',
  ruralVeteran60: '农村籍退役士兵（60周岁以上）',
  martyrChild60: '烈士子女（60周岁以上）',
};
export function careMaskOf(list: readonly CareCategory[]): number {
  return list.reduce((m, c) => m | (1 << careCategories.indexOf(c)), 0);
}
export function careListOf(mask: number): CareCategory[] {
  return careCategories.filter((_, i) => (mask & (1 << i)) !== 0);
}

/**
 * §44 上门服务、全程代办: the people the guide names — 年龄偏大、行动不便、鳏寡孤独 — carry their own
 * mark (not Part 5's key groups), stored as a bit mask (`recipients.home_service`).
 */
export const homeServiceReasons = ['elderly', 'limitedMobility', 'livingAlone'] as const;
export type HomeServiceReason = (typeof homeServiceReasons)[number];
export const homeServiceReasonLabels: Record<HomeServiceReason, string> = { elderly: '年龄偏大', limitedMobility: '行动不便', livingAlone: '鳏寡孤独' };
export function homeServiceMaskOf(list: readonly HomeServiceReason[]): number {
  return list.reduce((m, c) => m | (1 << homeServiceReasons.indexOf(c)), 0);
}
export function homeServiceListOf(mask: number): HomeServiceReason[] {
  return homeServiceReasons.filter((_, i) => (mask & (1 << i)) !== 0);
}

/** 退役方式 (退役军人保障法 Art. 21–23, 84). */
export const dischargeTypes = ['retired', 'transferred', 'monthlyPension', 'demobilized', 'selfEmployed', 'assignedJob', 'supported', 'selfSelectedJob', 'discharged'] as const;
export type DischargeType = (typeof dischargeTypes)[number];
export const dischargeTypeLabels: Record<DischargeType, string> = {
  retired: '退休',
  transferred: '转业',
  monthlyPension: '逐月领取退役金',
  demobilized: '复员',
  selfEmployed: '自主就业',
  assignedJob: '安排工作',
  supported: '供养',
  selfSelectedJob: '自主择业',
  discharged: '退伍',
};

export const branches = ['army', 'navy', 'airForce', 'rocketForce', 'strategicSupport', 'armedPolice', 'other'] as const;
export const branchLabels: Record<(typeof branches)[number], string> = {
  army: '陆军',
  navy: '海军',
  airForce: '空军',
  rocketForce: '火箭军',
  strategicSupport: '战略支援部队',
  armedPolice: '武警部队',
  other: '其他',
};

export const politicalStatuses = ['cpcMember', 'cpcProbationary', 'cylMember', 'democraticParty', 'masses'] as const;
export const politicalStatusLabels: Record<(typeof politicalStatuses)[number], string> = {
  cpcMember: '中共党员',
  cpcProbationary: '中共预备党员',
  cylMember: '共青团员',
  democraticParty: '民主党派',
  masses: '群众',
};

export const educations = ['primary', 'juniorHigh', 'seniorHigh', 'vocational', 'juniorCollege', 'bachelor', 'postgraduate'] as const;
export const educationLabels: Record<(typeof educations)[number], string> = {
  primary: '小学及以下',
  juniorHigh: '初中',
  seniorHigh: '高中',
  vocational: '中专/技校',
  juniorCollege: '大专',
  bachelor: '本科',
  postgraduate: '研究生',
};

export const employmentStatuses = ['employed', 'selfEmployed', 'unemployed', 'retired', 'student', 'unableToWork'] as const;
export const employmentStatusLabels: Record<(typeof employmentStatuses)[number], string> = {
  employed: '在岗就业',
  selfEmployed: '自主创业/灵活就业',
  unemployed: '未就业',
  retired: '退休',
  student: '在读',
  unableToWork: '无劳动能力',
};

export const disabilityCauses = ['war', 'duty', 'illness'] as const;
export const disabilityCauseLabels: Record<(typeof disabilityCauses)[number], string> = { war: '因战', duty: '因公', illness: '因病' };

/** The seven situations of Part 5 三(一), each a structured level plus a note. */
export const situationKeys = ['service', 'family', 'health', 'income', 'employment', 'thought', 'needs'] as const;
export type SituationKey = (typeof situationKeys)[number];
export const situationLabels: Record<SituationKey, string> = {
  service: '服役状况',
  family: '家庭状况',
  health: '健康状况',
  income: '收入状况',
  employment: '就业状况',
  thought: '思想状况',
  needs: '需求状况',
};
export const situationLevels: Record<SituationKey, Record<string, string>> = {
  service: { normal: '正常服役退役', merit: '有立功受奖', special: '参战参试等特殊经历' },
  family: { harmonious: '和睦稳定', difficult: '有一定困难', major: '重大困难' },
  health: { normal: '健康', chronic: '慢性病', serious: '重病', disabled: '残疾' },
  income: { above: '高于当地最低生活保障标准', near: '接近最低生活保障标准', below: '低于最低生活保障标准' },
  employment: { employed: '已就业', seeking: '求职中', none: '无业', retired: '退休' },
  thought: { stable: '稳定', concerns: '有思想顾虑', unstable: '不稳定' },
  needs: { none: '无特殊需求', some: '有一般需求', urgent: '有迫切需求' },
};
const situationSchema = z.object({ level: z.string().max(20).nullable(), note: z.string().trim().max(500).default('') });
export const situationsSchema = z
  .object(Object.fromEntries(situationKeys.map((k) => [k, situationSchema.optional()])) as Record<SituationKey, z.ZodOptional<typeof situationSchema>>)
  .superRefine((v, ctx) => {
    for (const k of situationKeys) {
      const level = v[k]?.level;
      if (level && !(level in situationLevels[k])) ctx.addIssue({ code: 'custom', path: [k, 'level'], message: `${situationLabels[k]}的选项不正确` });
    }
  });
export type Situations = z.infer<typeof situationsSchema>;

export const meritSchema = z.object({
  name: z.string().trim().min(1, '请填写奖项').max(60),
  level: z.enum(['first', 'second', 'third', 'honor', 'other']),
  year: z.number().int().min(1927).max(2100).nullable(),
});
export const meritLevelLabels = { first: '一等功', second: '二等功', third: '三等功', honor: '荣誉称号', other: '其他表彰' } as const;

export const familyMemberSchema = z.object({
  name: z.string().trim().min(1, '请填写家庭成员姓名').max(30),
  relation: z.string().trim().min(1, '请填写关系').max(10),
  birthYear: z.number().int().min(1900).max(2100).nullable(),
  occupation: z.string().trim().max(60).default(''),
  /** 就业状况 of the family member (zero-employment households §23); absent on rows saved before it existed */
  employmentStatus: z.enum(employmentStatuses, { message: '家庭成员就业状况不正确' }).nullable().optional(),
});

export const recipientStatuses = ['draft', 'pending', 'returned', 'registered'] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];
export const recipientStatusLabels: Record<RecipientStatus, string> = {
  draft: '草稿',
  pending: '待县级审核',
  returned: '已退回',
  registered: '已入库',
};

// ---- requests and DTOs ----

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, '日期不存在');
const optionalDay = day.nullable().default(null);
const text = (max: number) => z.string().trim().max(max).default('');
const phoneInput = z.string().trim().max(20).regex(/^[0-9\-+ ]*$/, '电话号码格式不正确');
const idNumberInput = z.string().trim().min(1, '请填写公民身份号码').max(30);
const bankAccountInput = z.string().trim().max(30).regex(/^[0-9 ]*$/, '银行账号只能包含数字');
const disabilityCertInput = z.string().trim().max(40);
const medicalDetailsInput = z.string().trim().max(1000);

export const deceasedSoldierSchema = z.object({
  name: z.string().trim().min(1, '请填写牺牲（病故）军人姓名').max(30),
  deathDate: day.nullable(),
  deathKind: z.enum(['martyr', 'dutyDeath', 'illnessDeath']),
  certificateNo: z.string().trim().max(40).default(''),
  relation: z.string().trim().max(10).default(''),
});
export const certificateKinds = ['disabledVeteranCert', 'martyrCert', 'dutyDeathCert', 'illnessDeathCert', 'dischargeCert'] as const;
export const certificateKindLabels: Record<(typeof certificateKinds)[number], string> = {
  disabledVeteranCert: '残疾军人证',
  martyrCert: '烈士证明书',
  dutyDeathCert: '因公牺牲军人证明书',
  illnessDeathCert: '病故军人证明书',
  dischargeCert: '退役证/退伍证/转业证',
};
export const certificateSchema = z.object({ kind: z.enum(certificateKinds), number: z.string().trim().min(1, '请填写证件号码').max(40) });

export const householdChoice = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('new'), address: z.string().trim().max(200).default('') }),
  z.object({ mode: z.literal('join'), householdId: idSchema }),
  z.object({ mode: z.literal('none') }),
]);

/**
 * The labels of a recipient's fields, defined once: the form, the detail page, the registry ledger
 * (export headers and import template), change histories and conflict messages all name a field
 * by this. A column may accept other spellings on import (ledgers.ts `aliases`).
 */
export const recipientFieldLabels = {
  kind: '对象类型',
  orgUnitId: '所属单位',
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  idNumber: '公民身份号码',
  ethnicity: '民族',
  phone: '联系电话',
  politicalStatus: '政治面貌',
  recipientGroup: '人员类别',
  careCategories: '优抚类别',
  enlistmentDate: '入伍时间',
  dischargeDate: '退役时间',
  dischargeType: '退役方式',
  branch: '军种',
  lastUnit: '原部队',
  rank: '军衔/职级',
  disabilityGrade: '伤残等级',
  disabilityCause: '伤残性质',
  disabilityCert: '残疾军人证号',
  medicalDetails: '医疗与健康详情',
  bankAccount: '银行账号',
  education: '文化程度',
  employmentStatus: '就业状况',
  skills: '技能特长',
  merits: '立功受奖',
  situations: '七个状况',
  familyMembers: '家庭成员',
  deceasedSoldier: '牺牲（病故）军人情况',
  certificates: '证件',
  householdAddress: '户籍地址',
  currentAddress: '现居住地址',
  deathDate: '去世日期',
  notes: '备注',
  lunarBirthday: '过农历生日',
  homeService: '上门服务对象',
} as const;
export type RecipientFieldKey = keyof typeof recipientFieldLabels;

const recipientFields = {
  kind: z.enum(recipientKinds),
  orgUnitId: idSchema,
  name: z.string().trim().min(1, '请填写姓名').max(30, '姓名最多 30 个字'),
  idNumber: idNumberInput,
  ethnicity: z.string().trim().min(1).max(20).default('汉族'),
  phone: phoneInput.default(''),
  politicalStatus: z.enum(politicalStatuses).nullable().default(null),
  recipientGroup: z.enum(recipientGroups),
  careCategories: z.array(z.enum(careCategories)).max(careCategories.length).default([]),
  enlistmentDate: optionalDay,
  dischargeDate: optionalDay,
  dischargeType: z.enum(dischargeTypes).nullable().default(null),
  branch: z.enum(branches).nullable().default(null),
  lastUnit: text(100),
  rank: text(30),
  disabilityGrade: z.number().int().min(1, '伤残等级为一至十级').max(10, '伤残等级为一至十级').nullable().default(null),
  disabilityCause: z.enum(disabilityCauses).nullable().default(null),
  disabilityCert: disabilityCertInput.default(''),
  medicalDetails: medicalDetailsInput.default(''),
  bankAccount: bankAccountInput.default(''),
  education: z.enum(educations).nullable().default(null),
  employmentStatus: z.enum(employmentStatuses).nullable().default(null),
  skills: text(300),
  merits: z.array(meritSchema).max(50).default([]),
  situations: situationsSchema.default({}),
  familyMembers: z.array(familyMemberSchema).max(30).default([]),
  deceasedSoldier: deceasedSoldierSchema.nullable().default(null),
  certificates: z.array(certificateSchema).max(20).default([]),
  householdAddress: text(200),
  currentAddress: text(200),
  notes: text(1000),
  lunarBirthday: z.boolean().default(false),
  /** §44 上门服务对象: the reasons (none: not marked) */
  homeService: z.array(z.enum(homeServiceReasons, { message: '上门服务原因不正确' })).max(homeServiceReasons.length).default([]),
};

function crossFieldRules(v: { kind?: RecipientKind; enlistmentDate?: string | null; dischargeDate?: string | null; disabilityGrade?: number | null; disabilityCause?: string | null; deceasedSoldier?: unknown }, ctx: z.RefinementCtx) {
  if (v.enlistmentDate && v.dischargeDate && v.dischargeDate < v.enlistmentDate)
    ctx.addIssue({ code: 'custom', path: ['dischargeDate'], message: '退役时间不能早于入伍时间' });
  if (v.disabilityGrade != null && !v.disabilityCause)
    ctx.addIssue({ code: 'custom', path: ['disabilityCause'], message: '填写伤残等级时须填写伤残性质' });
  if (v.disabilityCause && v.disabilityGrade == null)
    ctx.addIssue({ code: 'custom', path: ['disabilityGrade'], message: '填写伤残性质时须填写伤残等级' });
  if (v.kind && v.kind !== 'veteran' && v.kind !== 'militaryFamily' && !v.deceasedSoldier)
    ctx.addIssue({ code: 'custom', path: ['deceasedSoldier'], message: '遗属须填写牺牲（病故）军人的情况' });
}

export const recipientCreate = z.object({ ...recipientFields, household: householdChoice.default({ mode: 'none' }) }).superRefine(crossFieldRules);
export type RecipientCreate = z.infer<typeof recipientCreate>;
/**
 * An edit: the sensitive fields (ID number, phone, bank account, disability certificate, medical
 * details) are sent only when they change, so an editor never needs their clear values. An
 * omitted one keeps its stored value (the ID number with what derives from it: birth date,
 * gender, lookup hash); an empty string clears an optional one.
 */
export const recipientUpdate = z
  .object({
    ...recipientFields,
    idNumber: idNumberInput.optional(),
    phone: phoneInput.optional(),
    bankAccount: bankAccountInput.optional(),
    disabilityCert: disabilityCertInput.optional(),
    medicalDetails: medicalDetailsInput.optional(),
    // an edit without it keeps the stored mark (a client that does not know it changes nothing)
    homeService: z.array(z.enum(homeServiceReasons, { message: '上门服务原因不正确' })).max(homeServiceReasons.length).optional(),
    version: z.number().int().min(1),
  })
  .omit({ orgUnitId: true })
  .superRefine(crossFieldRules);
export type RecipientUpdate = z.infer<typeof recipientUpdate>;

/** Fields whose change after approval goes back through county review (Part 11 四(三), LEDGERS flow). */
export const reviewedFields = ['name', 'idNumber', 'ethnicity', 'kind', 'recipientGroup', 'careCategories', 'disabilityGrade', 'disabilityCause', 'disabilityCert'] as const;

export const sensitiveFields = ['idNumber', 'phone', 'bankAccount', 'disabilityCert', 'medicalDetails'] as const;
export type SensitiveField = (typeof sensitiveFields)[number];
export const sensitiveFieldLabels: Record<SensitiveField, string> = {
  idNumber: '公民身份号码',
  phone: '联系电话',
  bankAccount: '银行账号',
  disabilityCert: '残疾军人证号',
  medicalDetails: '医疗与健康详情',
};

export const recipientListItem = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  kind: z.enum(recipientKinds),
  recipientGroup: z.enum(recipientGroups),
  careCategories: z.array(z.enum(careCategories)),
  dischargeType: z.enum(dischargeTypes).nullable(),
  employmentStatus: z.enum(employmentStatuses).nullable(),
  disabilityGrade: z.number().int().nullable(),
  status: z.enum(recipientStatuses),
  deceased: z.boolean(),
  situationsFilled: z.number().int(),
  /** §44 上门服务对象: the reasons (empty: not marked) */
  homeService: z.array(z.enum(homeServiceReasons)),
});
export type RecipientListItem = z.infer<typeof recipientListItem>;
export const recipientPage = pageOf(recipientListItem);

export const recipientListQuery = pageQuery.extend({
  q: z.string().trim().max(30).optional(),
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(20).optional(),
  orgUnitId: idSchema.optional(),
  status: z.enum(recipientStatuses).optional(),
  kind: z.enum(recipientKinds).optional(),
  group: z.enum(recipientGroups).optional(),
  care: z.enum(careCategories).optional(),
  priorityCare: z.enum(['true', 'false']).optional(),
  dischargeType: z.enum(dischargeTypes).optional(),
  employment: z.enum(employmentStatuses).optional(),
  disabilityGrade: z.coerce.number().int().min(1).max(10).optional(),
  ageMin: z.coerce.number().int().min(0).max(130).optional(),
  ageMax: z.coerce.number().int().min(0).max(130).optional(),
  deceased: z.enum(['true', 'false']).optional(),
  /** §44 上门服务对象: any reason, or one of them */
  homeService: z.enum(['any', ...homeServiceReasons], { message: '上门服务筛选不正确' }).optional(),
  /**
   * unit: by unit, then name — the ledger's order, and the one an index serves for any scope.
   * Omitted: unit, or name for a name search (q), whose index walks the matches in name order.
   */
  sort: z.enum(['unit', 'name', 'birthDate', '-birthDate', 'updatedAt', '-updatedAt']).optional(),
});
export type RecipientListQuery = z.infer<typeof recipientListQuery>;

export const documentDto = z.object({ id: z.string(), kind: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), createdAt: z.string() });
export const documentUpload = z.object({
  kind: z.enum(['idCard', 'dischargeCert', 'disabilityCert', 'survivorCert', 'photo', 'other']),
  name: z.string().trim().min(1).max(120),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf'], { message: '只能上传 JPG、PNG、WEBP 图片或 PDF' }),
  /** base64 of the (browser-downscaled) file, at most 3 MB */
  dataBase64: z.string().min(1).max(4_200_000, '文件不能超过 3 MB').regex(/^[A-Za-z0-9+/=]+$/, '文件编码不正确'),
});

export const householdDto = z.object({
  id: z.string(),
  address: z.string(),
  headRecipientId: z.string().nullable(),
  members: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(recipientKinds), isHead: z.boolean() })),
});

export const recipientDetail = recipientListItem.extend({
  version: z.number().int(),
  ethnicity: z.string(),
  politicalStatus: z.enum(politicalStatuses).nullable(),
  enlistmentDate: z.string().nullable(),
  dischargeDate: z.string().nullable(),
  branch: z.enum(branches).nullable(),
  lastUnit: z.string(),
  rank: z.string(),
  disabilityCause: z.enum(disabilityCauses).nullable(),
  hasDisabilityCert: z.boolean(),
  hasMedicalDetails: z.boolean(),
  bankAccountMasked: z.string().nullable(),
  education: z.enum(educations).nullable(),
  skills: z.string(),
  merits: z.array(meritSchema),
  situations: z.record(z.string(), z.object({ level: z.string().nullable(), note: z.string() })),
  familyMembers: z.array(familyMemberSchema),
  deceasedSoldier: deceasedSoldierSchema.nullable(),
  certificates: z.array(certificateSchema),
  householdAddress: z.string(),
  currentAddress: z.string(),
  notes: z.string(),
  lunarBirthday: z.boolean(),
  deathDate: z.string().nullable(),
  orgUnitPath: z.array(z.object({ id: z.string(), name: z.string() })),
  household: householdDto.nullable(),
  documents: z.array(documentDto),
  openCases: z.array(z.object({ id: z.string(), type: z.string(), typeLabel: z.string(), statusLabel: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  registeredAt: z.string().nullable(),
});
export type RecipientDetail = z.infer<typeof recipientDetail>;

export const recipientVersionDto = z.object({
  version: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  kind: z.string(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() })),
  caseId: z.string().nullable(),
});
export const recipientHistory = z.object({ items: z.array(recipientVersionDto) });

export const idCheckBody = z.object({ idNumber: z.string().trim().min(1).max(30) });
export const idCheckResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('new'), birthDate: z.string(), gender: z.enum(['male', 'female']) }),
  z.object({ status: z.literal('inScope'), recipientId: z.string(), name: z.string() }),
  z.object({ status: z.literal('elsewhere'), message: z.string() }),
]);
export const revealBody = z.object({ field: z.enum(sensitiveFields) });
export const revealResult = z.object({ field: z.enum(sensitiveFields), value: z.string() });
export const deathBody = z.object({ deathDate: day, version: z.number().int().min(1), note: z.string().trim().max(300).default('') });
export const submitBody = z.object({ version: z.number().int().min(1), comment: z.string().trim().max(500).default('') });
export const mergeBody = z.object({ intoId: idSchema });
export const duplicatePair = z.object({ a: recipientListItem, b: recipientListItem, reason: z.enum(['idNumber', 'nameBirth']) });
export const duplicateList = z.object({ items: z.array(duplicatePair) });
export const transferCreate = z.discriminatedUnion('direction', [
  z.object({ direction: z.literal('out'), recipientId: idSchema, toUnitId: idSchema, reason: z.string().trim().min(1, '请填写迁出原因').max(300) }),
  z.object({ direction: z.literal('in'), idNumber: z.string().trim().min(1).max(30), toUnitId: idSchema, reason: z.string().trim().min(1, '请填写迁入原因').max(300) }),
]);
export const unitPickQuery = z.object({ q: z.string().trim().min(1).max(30) });
export const unitPickList = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), code: z.string(), parentName: z.string().nullable() })) });
