// Education 教育管理 (issue 15; seed Part 3 四(二)(五), 五(二)(三), §18): the pool of outstanding
// veterans 优秀退役军人典型 (`exemplar`), recommended up the chain village → township → county → city
// as a kernel case (each level forwards 审核通过并上报, accepts into its pool 入库 or returns 退回
// with a comment), also for the village/community committees 两委 (kind `committee`); those RULES.md
// names for major celebrations and the local gazetteer 地方志 marked from the registry's facts; and
// the learning and education activities 学习教育活动 (`activity`) with invitations and attendance.
import { z } from '../zod-setup';
import { caseActionLogDto, caseFileDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);
const flag = (label: string) => z.enum(['true', 'false'], { message: `${label}不正确` }).optional();

// ---- exemplars 优秀退役军人典型 ----

/** What the recommendation is for: the pool 典型资源库, or the village/community committee 两委班子 (Part 3 五(二)). */
export const exemplarKinds = ['pool', 'committee'] as const;
export type ExemplarKind = (typeof exemplarKinds)[number];
export const exemplarKindLabels: Record<ExemplarKind, string> = { pool: '纳入典型资源库', committee: '推荐进入村（社区）“两委”班子' };

export const exemplarCategories = ['workplace', 'entrepreneur', 'governance', 'bravery', 'volunteer', 'moral', 'other'] as const;
export type ExemplarCategory = (typeof exemplarCategories)[number];
export const exemplarCategoryLabels: Record<ExemplarCategory, string> = {
  workplace: '岗位建功',
  entrepreneur: '自主创业',
  governance: '基层治理',
  bravery: '见义勇为',
  volunteer: '志愿服务',
  moral: '孝老爱亲（道德模范）',
  other: '其他',
};

/** The highest honor the person received after service (the registry's merits are those in service). */
export const honorLevels = ['none', 'county', 'city', 'provincial', 'theatre', 'national'] as const;
export type HonorLevel = (typeof honorLevels)[number];
export const honorLevelLabels: Record<HonorLevel, string> = { none: '无', county: '县级', city: '市级', provincial: '省部级', theatre: '战区（大军区）级', national: '国家级' };

/** Why a person is named for major celebrations and the local gazetteer (RULES.md, 退役军人保障法 Art. 63; seed Part 3 五(三)). */
export const gazetteerGrounds = ['merit2', 'war', 'provincialHonor'] as const;
export type GazetteerGround = (typeof gazetteerGrounds)[number];
export const gazetteerGroundLabels: Record<GazetteerGround, string> = { merit2: '二等功及以上（含荣誉称号）', war: '参战退役军人', provincialHonor: '省部级、战区级及以上表彰' };

export const exemplarStatuses = ['reviewing', 'returned', 'accepted', 'withdrawn'] as const;
export type ExemplarStatus = (typeof exemplarStatuses)[number];
export const exemplarStatusLabels: Record<ExemplarStatus, string> = { reviewing: '审核中', returned: '已退回', accepted: '已入库（采纳）', withdrawn: '已撤回' };

export const exemplarActions = ['forward', 'accept', 'return', 'resubmit', 'withdraw', 'revise'] as const;
export type ExemplarAction = (typeof exemplarActions)[number];
export const exemplarActionLabels: Record<ExemplarAction, string> = { forward: '审核通过并上报', accept: '审核通过并入库', return: '退回', resubmit: '重新报送', withdraw: '撤回', revise: '修改推荐材料' };

export const exemplarCreate = z.object({
  recipientId: idSchema,
  /** the recommending unit (holds the person); its parent reviews first */
  orgUnitId: idSchema,
  kind: z.enum(exemplarKinds, { message: '请选择推荐类别' }),
  category: z.enum(exemplarCategories, { message: '请选择典型类别' }),
  honorLevel: z.enum(honorLevels, { message: '请选择表彰级别' }).default('none'),
  title: required('典型事迹标题', 60),
  reason: required('推荐理由（主要事迹）', 2000),
});
export type ExemplarCreate = z.infer<typeof exemplarCreate>;

/** 修改推荐材料: the recommending unit revises the text while the recommendation is back with it (退回, before 重新报送). */
export const exemplarRevision = exemplarCreate.pick({ category: true, honorLevel: true, title: true, reason: true });
export type ExemplarRevision = z.infer<typeof exemplarRevision>;
export const exemplarReviseBody = exemplarRevision.extend({ version });
export type ExemplarReviseBody = z.infer<typeof exemplarReviseBody>;

export const exemplarActionBody = z.object({
  action: z.enum(exemplarActions, { message: '操作不正确' }),
  comment: text(500),
  version,
});
export type ExemplarActionBody = z.infer<typeof exemplarActionBody>;

export const exemplarOpinion = z.object({ unitName: z.string(), level: z.string(), by: z.string(), day: z.string(), action: z.enum(exemplarActions), text: z.string() });
export type ExemplarOpinion = z.infer<typeof exemplarOpinion>;

export const exemplarDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  recipientIdMasked: z.string(),
  kind: z.enum(exemplarKinds),
  category: z.enum(exemplarCategories),
  honorLevel: z.enum(honorLevels),
  title: z.string(),
  status: z.enum(exemplarStatuses),
  /** the unit reviewing now (审核中), else null */
  reviewingUnitId: z.string().nullable(),
  reviewingUnitName: z.string().nullable(),
  /** the level whose pool took the person in (已入库) */
  acceptedLevel: z.string().nullable(),
  acceptedUnitName: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  /** named for major celebrations and the local gazetteer, and why */
  gazetteer: z.array(z.enum(gazetteerGrounds)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExemplarDto = z.infer<typeof exemplarDto>;
export const exemplarPage = pageOf(exemplarDto);

export const exemplarDetail = exemplarDto.extend({
  reason: z.string(),
  /** the registry's merits in service, as labels (二等功（2005年）) */
  merits: z.array(z.string()),
  opinions: z.array(exemplarOpinion),
  files: z.array(caseFileDto),
  log: z.array(caseActionLogDto),
  /** the actions the caller may take now */
  allowed: z.array(z.enum(exemplarActions)),
  canUpload: z.boolean(),
});
export type ExemplarDetail = z.infer<typeof exemplarDetail>;

const exemplarFilter = {
  orgUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
  status: z.enum(exemplarStatuses, { message: '状态不正确' }).optional(),
  kind: z.enum(exemplarKinds, { message: '推荐类别不正确' }).optional(),
  category: z.enum(exemplarCategories, { message: '典型类别不正确' }).optional(),
  /** only those named for major celebrations and the gazetteer */
  gazetteer: flag('地方志筛选'),
  /** only those waiting on the caller's unit */
  waitingOnMe: flag('待我审核筛选'),
  name: z.string().trim().max(20, '姓名最多 20 个字').optional(),
};
export const exemplarQuery = pageQuery.extend(exemplarFilter);
export type ExemplarQuery = z.infer<typeof exemplarQuery>;
export const exemplarLedgerQuery = z.object(exemplarFilter);
export type ExemplarLedgerQuery = z.infer<typeof exemplarLedgerQuery>;
export const EXEMPLAR_LEDGER_TITLE = '优秀退役军人典型台账';

// ---- activities 学习教育活动 ----

export const activityKinds = ['theme', 'visit', 'commemoration', 'lecture', 'film', 'forum', 'other'] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const activityKindLabels: Record<ActivityKind, string> = {
  theme: '主题教育',
  visit: '参观见学',
  commemoration: '祭扫纪念',
  lecture: '宣讲报告',
  film: '观看教育片',
  forum: '座谈交流',
  other: '其他',
};

export const activityPlaceKinds = ['cemetery', 'memorial', 'redBase', 'station', 'online', 'other'] as const;
export type ActivityPlaceKind = (typeof activityPlaceKinds)[number];
export const activityPlaceKindLabels: Record<ActivityPlaceKind, string> = {
  cemetery: '烈士陵园',
  memorial: '革命纪念馆',
  redBase: '红色教育基地',
  station: '服务中心（站）',
  online: '线上（微课堂等）',
  other: '其他场所',
};

export const activityCreate = z.object({
  /** the organiser unit */
  orgUnitId: idSchema,
  topic: required('活动主题', 100),
  kind: z.enum(activityKinds, { message: '请选择活动类型' }),
  placeKind: z.enum(activityPlaceKinds, { message: '请选择活动场所类别' }),
  place: required('活动地点', 100),
  heldOn: day('活动日期'),
  note: text(500),
});
export type ActivityCreate = z.infer<typeof activityCreate>;
/** A change of the activity's facts (the organiser stays); the day cannot move past today once attendance was marked. */
export const activityUpdate = activityCreate.omit({ orgUnitId: true }).extend({ version });
export type ActivityUpdate = z.infer<typeof activityUpdate>;

export const activityInvite = z.object({
  version,
  recipientIds: z.array(idSchema, { message: '请选择邀请对象' }).min(1, '请选择邀请对象').max(200, '一次最多邀请 200 人'),
});
export type ActivityInvite = z.infer<typeof activityInvite>;

export const activityAttendance = z.object({
  version,
  entries: z
    .array(z.object({ recipientId: idSchema, attended: z.boolean({ message: '请选择是否参加' }) }), { message: '请登记出勤' })
    .min(1, '请登记出勤')
    .max(500, '一次最多登记 500 人'),
});
export type ActivityAttendance = z.infer<typeof activityAttendance>;

export const activityAttendeeDto = z.object({
  recipientId: z.string(),
  name: z.string(),
  idMasked: z.string(),
  orgUnitName: z.string(),
  /** null: not marked yet */
  attended: z.boolean().nullable(),
  invitedAt: z.string(),
});
export type ActivityAttendeeDto = z.infer<typeof activityAttendeeDto>;

export const activityDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  topic: z.string(),
  kind: z.enum(activityKinds),
  placeKind: z.enum(activityPlaceKinds),
  place: z.string(),
  heldOn: z.string(),
  note: z.string(),
  invited: z.number().int(),
  attended: z.number().int(),
  createdAt: z.string(),
});
export type ActivityDto = z.infer<typeof activityDto>;
export const activityPage = pageOf(activityDto);
export const activityDetail = activityDto.extend({ attendees: z.array(activityAttendeeDto), canEdit: z.boolean() });
export type ActivityDetail = z.infer<typeof activityDetail>;

const activityFilter = {
  orgUnitId: idSchema.optional(),
  kind: z.enum(activityKinds, { message: '活动类型不正确' }).optional(),
  placeKind: z.enum(activityPlaceKinds, { message: '场所类别不正确' }).optional(),
  from: day('开始日期').optional(),
  to: day('结束日期').optional(),
  topic: z.string().trim().max(50, '主题最多 50 个字').optional(),
};
const fromBeforeTo = (v: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
};
export const activityQuery = pageQuery.extend(activityFilter).superRefine(fromBeforeTo);
export type ActivityQuery = z.infer<typeof activityQuery>;
export const activityLedgerQuery = z.object(activityFilter).superRefine(fromBeforeTo);
export type ActivityLedgerQuery = z.infer<typeof activityLedgerQuery>;
export const ACTIVITY_LEDGER_TITLE = '学习教育活动台账';

/** A recipient's panel: the activities they were invited to, newest first, and the exemplar entries. */
export const educationOfRecipient = z.object({
  activities: z.array(z.object({ activityId: z.string(), topic: z.string(), kind: z.enum(activityKinds), placeKind: z.enum(activityPlaceKinds), place: z.string(), heldOn: z.string(), orgUnitName: z.string(), attended: z.boolean().nullable() })),
  exemplars: z.array(exemplarDto),
  gazetteer: z.array(z.enum(gazetteerGrounds)),
  canEdit: z.boolean(),
});
export type EducationOfRecipient = z.infer<typeof educationOfRecipient>;

/** The registry's people named for major celebrations and the gazetteer (重大庆典与地方志人选), with why and their latest recommendation. */
export const gazetteerPersonDto = z.object({
  recipientId: z.string(),
  name: z.string(),
  idMasked: z.string(),
  orgUnitName: z.string(),
  grounds: z.array(z.enum(gazetteerGrounds)),
  /** the latest recommendation not withdrawn, if any */
  exemplarId: z.string().nullable(),
  exemplarStatus: z.enum(exemplarStatuses).nullable(),
});
export type GazetteerPersonDto = z.infer<typeof gazetteerPersonDto>;
export const gazetteerPage = pageOf(gazetteerPersonDto);
export const gazetteerQuery = pageQuery.extend({ orgUnitId: idSchema.optional(), name: z.string().trim().max(20, '姓名最多 20 个字').optional() });
export type GazetteerQuery = z.infer<typeof gazetteerQuery>;
