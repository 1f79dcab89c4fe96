// Visits and condolences 走访慰问 (SPEC §4, seed §24–§27 and Part 5): visit records, the generated
// list of visits owed 应访名单 (dueVisit), the events that require a visit 六必访 (visitTrigger), the
// key groups of Part 5 三(三), the county's contact persons for key persons (Part 5 三(四)),
// follow-ups of needs raised in a visit, coverage per unit and the visit settings.
import { z } from '../zod-setup';
import { idSchema, pageOf, pageQuery } from './common';
import { situationsSchema } from './recipients';

// ---- vocabularies ----

export const visitTypes = ['home', 'phone', 'festival', 'talk', 'other'] as const;
export type VisitType = (typeof visitTypes)[number];
export const visitTypeLabels: Record<VisitType, string> = {
  home: '入户走访',
  phone: '电话慰问',
  festival: '节日慰问',
  talk: '谈心谈话',
  other: '其他',
};

/** 六必访 (seed §27) plus a veteran's death and a serving member's discharge (Part 5 三(二)3, 5). */
export const visitTriggerKinds = ['returnHome', 'meritAward', 'heroModel', 'majorHoliday', 'difficulty', 'majorChange', 'veteranDeath', 'discharge'] as const;
export type VisitTriggerKind = (typeof visitTriggerKinds)[number];
export const visitTriggerKindLabels: Record<VisitTriggerKind, string> = {
  returnHome: '退役返乡',
  meritAward: '立功受奖',
  heroModel: '英模典型',
  majorHoliday: '重要节日',
  difficulty: '遇到困难',
  majorChange: '重大变故',
  veteranDeath: '退役军人离世',
  discharge: '退出现役',
};

/** Where a trigger came from: typed by a worker, raised by the registry (approval, death), or by a visit's urgent need. */
export const visitTriggerSources = ['manual', 'registry', 'visit'] as const;
export type VisitTriggerSource = (typeof visitTriggerSources)[number];
export const visitTriggerSourceLabels: Record<VisitTriggerSource, string> = { manual: '手工登记', registry: '登记信息', visit: '走访发现' };

/** Why a visit is owed 走访事由. */
export const dueVisitReasons = ['springFestival', 'armyDay', 'birthday70', 'martyrsDay', 'martyrAnniversary', 'keyPerson', 'trigger'] as const;
export type DueVisitReason = (typeof dueVisitReasons)[number];
export const dueVisitReasonLabels: Record<DueVisitReason, string> = {
  springFestival: '春节走访',
  armyDay: '八一走访',
  birthday70: '70周岁以上重点优抚对象生日',
  martyrsDay: '烈士纪念日',
  martyrAnniversary: '烈士忌日',
  keyPerson: '重点人员节日走访（县级）',
  trigger: '六必访',
};
/** The label of one owed visit: the trigger's kind for a trigger ("六必访·退役返乡"), else the reason. */
export function dueVisitLabel(reason: DueVisitReason, triggerKind: VisitTriggerKind | null): string {
  return reason === 'trigger' && triggerKind ? `六必访·${visitTriggerKindLabels[triggerKind]}` : dueVisitReasonLabels[reason];
}

export const dueVisitStatuses = ['owed', 'done', 'cancelled'] as const;
export type DueVisitStatus = (typeof dueVisitStatuses)[number];
export const dueVisitStatusLabels: Record<DueVisitStatus, string> = { owed: '待走访', done: '已走访', cancelled: '已取消' };

/**
 * Where an owed visit stands on a given day: upcoming (window not yet open), open (in its window),
 * overdue (still owed after window_end), doneOnTime / doneLate (visited within / after the window),
 * cancelled (the person died, or the owner cancelled it).
 */
export const dueVisitStates = ['upcoming', 'open', 'overdue', 'doneOnTime', 'doneLate', 'cancelled'] as const;
export type DueVisitState = (typeof dueVisitStates)[number];
export const dueVisitStateLabels: Record<DueVisitState, string> = {
  upcoming: '未到走访期',
  open: '走访期内',
  overdue: '逾期未访',
  doneOnTime: '按期走访',
  doneLate: '逾期走访',
  cancelled: '已取消',
};

/** Key groups 重点走访对象 of Part 5 三(三); stored as a bit mask on the recipient (key_groups). */
export const keyGroups = ['pre1949', 'warOrTest', 'martyrSurvivor', 'disabled', 'merit2', 'majorDifficulty'] as const;
export type KeyGroup = (typeof keyGroups)[number];
export const keyGroupLabels: Record<KeyGroup, string> = {
  pre1949: '建国前老战士及配偶',
  warOrTest: '参战参试',
  martyrSurvivor: '烈士遗属',
  disabled: '伤残军人',
  merit2: '二等功及以上',
  majorDifficulty: '重大变故或困难家庭',
};
/** Short marks for a list cell. */
export const keyGroupShortLabels: Record<KeyGroup, string> = {
  pre1949: '老战士',
  warOrTest: '两参',
  martyrSurvivor: '烈属',
  disabled: '伤残',
  merit2: '二等功+',
  majorDifficulty: '困难',
};
export function keyGroupMaskOf(list: readonly KeyGroup[]): number {
  return list.reduce((m, g) => m | (1 << keyGroups.indexOf(g)), 0);
}
export function keyGroupListOf(mask: number): KeyGroup[] {
  return keyGroups.filter((_, i) => (mask & (1 << i)) !== 0);
}

export const followUpStatuses = ['open', 'done', 'passedOn'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];
export const followUpStatusLabels: Record<FollowUpStatus, string> = { open: '待办理', done: '已办结', passedOn: '已转办' };

// ---- settings ----

/** Reasons whose window is a setting: days before and after the occasion day (trigger: after the event). */
export const windowReasons = ['springFestival', 'armyDay', 'birthday70', 'martyrsDay', 'martyrAnniversary', 'trigger', 'veteranDeath'] as const;
export type WindowReason = (typeof windowReasons)[number];
export const windowReasonLabels: Record<WindowReason, string> = {
  springFestival: '春节',
  armyDay: '八一建军节',
  birthday70: '70周岁以上生日',
  martyrsDay: '烈士纪念日',
  martyrAnniversary: '烈士忌日',
  trigger: '六必访事件',
  veteranDeath: '退役军人离世',
};
const windowSchema = z.object({
  before: z.number({ message: '请填写提前天数' }).int().min(0, '提前天数不能为负').max(90, '提前天数最多 90 天'),
  after: z.number({ message: '请填写延后天数' }).int().min(0, '延后天数不能为负').max(90, '延后天数最多 90 天'),
});
export type VisitWindow = z.infer<typeof windowSchema>;

export const routineOwners = ['village', 'township'] as const;
export const routineOwnerLabels: Record<(typeof routineOwners)[number], string> = {
  village: '村（社区）服务站',
  township: '乡镇（街道）服务站',
};
export const keyPersonOwners = ['county', 'routine'] as const;
export const keyPersonOwnerLabels: Record<(typeof keyPersonOwners)[number], string> = {
  county: '县级服务中心（另行走访）',
  routine: '与日常走访同一单位（不另行走访）',
};

export const visitSettingsSchema = z.object({
  /** the window of each reason, in days before / after its occasion day */
  windows: z.object(Object.fromEntries(windowReasons.map((r) => [r, windowSchema])) as Record<WindowReason, typeof windowSchema>),
  /** who owes routine visits (festivals, birthdays, anniversaries, triggers): the recipient's village, or its township */
  routineOwner: z.enum(routineOwners),
  /** key persons: an extra festival visit owed by the county, or none beyond the routine one */
  keyPersonOwner: z.enum(keyPersonOwners),
  /** how far ahead owed visits are generated */
  horizonDays: z.number({ message: '请填写提前生成天数' }).int().min(1, '提前生成天数至少 1 天').max(366, '提前生成天数最多 366 天'),
  /** the birthday visit is owed to priority care recipients of at least this age on their birthday */
  birthdayMinAge: z.number({ message: '请填写生日走访年龄' }).int().min(50, '年龄不能低于 50 周岁').max(120, '年龄不能超过 120 周岁'),
});
export type VisitSettings = z.infer<typeof visitSettingsSchema>;
export const defaultVisitSettings: VisitSettings = {
  windows: {
    springFestival: { before: 20, after: 15 },
    armyDay: { before: 15, after: 7 },
    birthday70: { before: 7, after: 7 },
    martyrsDay: { before: 7, after: 7 },
    martyrAnniversary: { before: 7, after: 7 },
    trigger: { before: 0, after: 15 },
    veteranDeath: { before: 0, after: 7 },
  },
  routineOwner: 'village',
  keyPersonOwner: 'county',
  horizonDays: 30,
  birthdayMinAge: 70,
};

// ---- requests ----

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');

export const VISIT_PHOTO_MAX = 6;
/** One photo, downscaled in the browser (≤1600 px JPEG), at most 1.5 MB. */
export const visitPhoto = z.object({
  name: z.string().trim().min(1).max(120),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp'], { message: '照片只能是 JPG、PNG 或 WEBP 图片' }),
  dataBase64: z.string().min(1).max(2_100_000, '每张照片不能超过 1.5 MB').regex(/^[A-Za-z0-9+/=]+$/, '照片编码不正确'),
});
export type VisitPhoto = z.infer<typeof visitPhoto>;
/** The request body limit of POST /api/visits (6 photos of 1.5 MB in base64 plus the form). */
export const VISIT_BODY_LIMIT = 14 * 1024 * 1024;

export const followUpInput = z.object({
  need: z.string({ message: '请填写需要办理的事项' }).trim().min(1, '请填写需要办理的事项').max(300, '事项最多 300 个字'),
  /** who follows it up; the recording user when null */
  ownerUserId: idSchema.nullable().default(null),
  /** by when; none when null */
  dueDay: day('办理期限').nullable().default(null),
});
export type FollowUpInput = z.infer<typeof followUpInput>;

export const visitCreate = z.object({
  /** generated by the browser when the form opens; a resend from the offline outbox stores the visit once */
  clientKey: z.string({ message: '缺少表单编号' }).min(8, '表单编号格式不正确').max(64).regex(/^[A-Za-z0-9_-]+$/, '表单编号格式不正确'),
  recipientId: idSchema,
  /** the owed visit this one fulfils; without it, an open owed visit of the person whose window holds visitedOn is marked done */
  dueVisitId: idSchema.nullable().default(null),
  visitedOn: day('走访日期'),
  visitType: z.enum(visitTypes, { message: '请选择走访形式' }),
  /** 走访人员: names as written (may include people without an account) */
  visitors: z.string({ message: '请填写走访人员' }).trim().min(1, '请填写走访人员').max(200, '走访人员最多 200 个字'),
  visitorUserIds: z.array(idSchema).max(20).default([]),
  /** what was found: the seven situations; the levels given update the recipient's record (a version of kind 'visit') */
  situations: situationsSchema.default({}),
  /** 反映问题及诉求 */
  needs: text(1000),
  /** 慰问金额, in fen (分) */
  moneyCents: z.number({ message: '慰问金额须为数字' }).int('慰问金额最多精确到分').min(0, '慰问金额不能为负').max(100_000_000, '慰问金额不能超过 100 万元').default(0),
  /** 慰问物品 */
  goods: text(300),
  /** 后续措施 (summary) */
  followUp: text(500),
  /** needs to follow up, each with an owner: listed under 待办事项 until closed or passed on */
  followUps: z.array(followUpInput).max(10, '后续事项最多 10 条').default([]),
  note: text(500),
  photos: z.array(visitPhoto).max(VISIT_PHOTO_MAX, `照片最多 ${VISIT_PHOTO_MAX} 张`).default([]),
});
export type VisitCreate = z.infer<typeof visitCreate>;

export const visitTriggerCreate = z.object({
  recipientId: idSchema,
  kind: z.enum(visitTriggerKinds, { message: '请选择走访事由' }),
  eventDay: day('事件日期'),
  note: text(300),
});
export type VisitTriggerCreate = z.infer<typeof visitTriggerCreate>;

export const dueVisitAssign = z.object({
  ids: z.array(idSchema).min(1, '请选择要分派的走访').max(500, '一次最多分派 500 条'),
  /** the worker; null takes the assignment back */
  userId: idSchema.nullable(),
});
export type DueVisitAssign = z.infer<typeof dueVisitAssign>;

export const dueVisitCancel = z.object({ ids: z.array(idSchema).min(1).max(500), reason: z.string().trim().min(1, '请填写取消原因').max(200) });

const bool = z.enum(['true', 'false']).optional();
const dueVisitFilters = {
  /** a unit of the caller's range: owed visits of recipients in its subtree */
  orgUnitId: idSchema.optional(),
  /** only visits owed BY this unit (the owner), e.g. the county's own key-person visits */
  ownerUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
  reason: z.enum(dueVisitReasons).optional(),
  triggerKind: z.enum(visitTriggerKinds).optional(),
  keyGroup: z.enum(keyGroups).optional(),
  /** me: assigned to the caller; unassigned: nobody yet */
  assigned: z.enum(['me', 'unassigned']).optional(),
  assignedUserId: idSchema.optional(),
  status: z.enum(dueVisitStatuses).optional(),
  /** computed on today's date; open = the window covers today, overdue = still owed after window_end */
  state: z.enum(dueVisitStates).optional(),
  /** occasion day range (coverage drill-down passes the period) */
  from: day('开始日期').optional(),
  to: day('结束日期').optional(),
};
export const dueVisitListQuery = pageQuery.extend({
  ...dueVisitFilters,
  sort: z.enum(['due', '-due', 'occasion', 'unit', 'name']).default('due'),
});
export type DueVisitListQuery = z.infer<typeof dueVisitListQuery>;

const visitFilters = {
  orgUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
  visitType: z.enum(visitTypes).optional(),
  /** visits that fulfilled an owed visit of this reason */
  reason: z.enum(dueVisitReasons).optional(),
  keyGroup: z.enum(keyGroups).optional(),
  /** visited_on range */
  from: day('开始日期').optional(),
  to: day('结束日期').optional(),
  /** only visits recorded or made by the caller */
  mine: bool,
};
export const visitListQuery = pageQuery.extend({ ...visitFilters, sort: z.enum(['-visitedOn', 'visitedOn', 'unit']).default('-visitedOn') });
export type VisitListQuery = z.infer<typeof visitListQuery>;
export const visitLedgerQuery = z.object(visitFilters);
export type VisitLedgerQuery = z.infer<typeof visitLedgerQuery>;

export const coverageQuery = z
  .object({
    /** owed visits whose occasion day lies in [from, to] */
    from: day('开始日期'),
    to: day('结束日期'),
    /** the unit whose child units are the rows; the caller's own unit by default */
    orgUnitId: idSchema.optional(),
  })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type CoverageQuery = z.infer<typeof coverageQuery>;

export const calendarQuery = z
  .object({ from: day('开始日期'), to: day('结束日期'), orgUnitId: idSchema.optional() })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86400_000, { message: '日历最多查询 400 天', path: ['to'] });
export type CalendarQuery = z.infer<typeof calendarQuery>;

export const generateBody = z.object({ orgUnitId: idSchema.optional() });

export const keyPersonListQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  keyGroup: z.enum(keyGroups).optional(),
  /** true: with a contact person; false: without */
  hasContact: bool,
  contactUserId: idSchema.optional(),
});
export type KeyPersonListQuery = z.infer<typeof keyPersonListQuery>;
export const keyPersonContactSet = z.object({
  recipientIds: z.array(idSchema).min(1, '请选择重点人员').max(500, '一次最多 500 人'),
  /** the county staff member; null removes the contact */
  contactUserId: idSchema.nullable(),
});

export const followUpListQuery = pageQuery.extend({
  /** only those owned by the caller */
  mine: bool,
  status: z.enum(followUpStatuses).optional(),
  orgUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
});
export type FollowUpListQuery = z.infer<typeof followUpListQuery>;
export const followUpClose = z.object({ note: z.string().trim().max(300).default('') });

export const staffPickQuery = z.object({ q: z.string().trim().max(30).optional(), orgUnitId: idSchema.optional() });

// ---- DTOs ----

export const dueVisitDto = z.object({
  id: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** the unit that owes the visit */
  ownerUnitId: z.string(),
  ownerUnitName: z.string(),
  reason: z.enum(dueVisitReasons),
  triggerKind: z.enum(visitTriggerKinds).nullable(),
  /** e.g. "春节走访", "六必访·退役返乡" */
  label: z.string(),
  keyGroups: z.array(z.enum(keyGroups)),
  occasionDay: z.string(),
  windowStart: z.string(),
  /** the due day */
  windowEnd: z.string(),
  status: z.enum(dueVisitStatuses),
  state: z.enum(dueVisitStates),
  assignedUserId: z.string().nullable(),
  assignedUserName: z.string().nullable(),
  visitId: z.string().nullable(),
  doneOn: z.string().nullable(),
});
export type DueVisitDto = z.infer<typeof dueVisitDto>;
export const dueVisitPage = pageOf(dueVisitDto);

export const followUpDto = z.object({
  id: z.string(),
  visitId: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  orgUnitName: z.string(),
  need: z.string(),
  ownerUserId: z.string(),
  ownerName: z.string(),
  dueDay: z.string().nullable(),
  status: z.enum(followUpStatuses),
  /** where it went ("petition:<id>"), when passed on */
  passedTo: z.string().nullable(),
  closedAt: z.string().nullable(),
  note: z.string(),
  visitedOn: z.string(),
  createdAt: z.string(),
});
export type FollowUpDto = z.infer<typeof followUpDto>;
export const followUpPage = pageOf(followUpDto);

export const visitDto = z.object({
  id: z.string(),
  version: z.number().int(),
  recipientId: z.string(),
  recipientName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  keyGroups: z.array(z.enum(keyGroups)),
  visitedOn: z.string(),
  visitType: z.enum(visitTypes),
  visitors: z.string(),
  visitorUserIds: z.array(z.string()),
  situations: z.record(z.string(), z.object({ level: z.string().nullable(), note: z.string() })),
  needs: z.string(),
  moneyCents: z.number().int(),
  goods: z.string(),
  followUp: z.string(),
  note: z.string(),
  photoCount: z.number().int(),
  dueVisitId: z.string().nullable(),
  /** the owed visit's label, or null for a routine visit without one */
  dueLabel: z.string().nullable(),
  /** visited after the owed visit's window closed */
  late: z.boolean(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VisitDto = z.infer<typeof visitDto>;
export const visitPage = pageOf(visitDto);

export const visitPhotoDto = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int() });
export const visitDetail = visitDto.extend({
  photos: z.array(visitPhotoDto),
  followUps: z.array(followUpDto),
  dueVisit: dueVisitDto.nullable(),
});
export type VisitDetail = z.infer<typeof visitDetail>;

export const visitTriggerDto = z.object({
  id: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  kind: z.enum(visitTriggerKinds),
  eventDay: z.string(),
  note: z.string(),
  source: z.enum(visitTriggerSources),
  /** the owed visit it created (null when the person is deceased and the kind does not apply) */
  dueVisitId: z.string().nullable(),
  createdAt: z.string(),
});
export type VisitTriggerDto = z.infer<typeof visitTriggerDto>;

export const keyPersonDto = z.object({
  recipientId: z.string(),
  name: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  keyGroups: z.array(z.enum(keyGroups)),
  contactUserId: z.string().nullable(),
  contactName: z.string().nullable(),
  assignedAt: z.string().nullable(),
  lastVisitedOn: z.string().nullable(),
});
export type KeyPersonDto = z.infer<typeof keyPersonDto>;
export const keyPersonPage = pageOf(keyPersonDto);

/** The recipient page's visit panel. */
export const recipientVisits = z.object({
  keyGroups: z.array(z.enum(keyGroups)),
  contact: z.object({ userId: z.string(), name: z.string() }).nullable(),
  /** the next owed visit by window end (open or upcoming), or null */
  next: dueVisitDto.nullable(),
  /** open and upcoming owed visits, and overdue ones */
  owed: z.array(dueVisitDto),
  /** most recent first, at most 50 */
  visits: z.array(visitDto),
  triggers: z.array(visitTriggerDto),
});
export type RecipientVisits = z.infer<typeof recipientVisits>;

export const coverageCounts = z.object({
  /** owed visits with an occasion in the period (cancelled ones excluded) */
  owed: z.number().int(),
  doneOnTime: z.number().int(),
  doneLate: z.number().int(),
  /** still owed after the window closed */
  notDone: z.number().int(),
  /** still owed, window not closed yet */
  open: z.number().int(),
});
export type CoverageCounts = z.infer<typeof coverageCounts>;
export const coverageRow = coverageCounts.extend({ orgUnitId: z.string(), orgUnitName: z.string(), level: z.string() });
export const coverageResult = z.object({
  from: z.string(),
  to: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  /** one row per child unit (a unit without owed visits has zeros) */
  rows: z.array(coverageRow),
  /** the unit's whole subtree */
  total: coverageCounts,
});
export type CoverageResult = z.infer<typeof coverageResult>;

export const calendarResult = z.object({
  festivals: z.array(z.object({ key: z.string(), label: z.string(), day: z.string() })),
  /** per occasion day with owed visits: the count by reason */
  days: z.array(z.object({ day: z.string(), total: z.number().int(), byReason: z.record(z.string(), z.number().int()) })),
});
export type CalendarResult = z.infer<typeof calendarResult>;

export const generateResult = z.object({
  /** owed visits added (existing ones are never duplicated) */
  created: z.number().int(),
  recipients: z.number().int(),
  from: z.string(),
  to: z.string(),
  ms: z.number().int(),
});
export type GenerateResult = z.infer<typeof generateResult>;

export const staffPickList = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), orgUnitId: z.string(), orgUnitName: z.string() })),
});
