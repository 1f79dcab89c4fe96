// Honors 荣誉 (issue 15; seed Part 3 四(四), §18, §40): honors after service, star-rating campaigns
// 评星级 (a campaign and its nominations are kernel cases: criteria and levels set by the running unit
// — normally the county —, nominations by the stations below with reasons, review with a comment,
// publication), the public honor wall 光荣墙/荣誉榜 that shows a person only with their recorded
// consent 本人同意, and 送喜报 (meritNotice): a serving member's merit delivered to the family as a task.
import { z } from '../zod-setup';
import { caseActionLogDto, caseFileDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';
import { materialFileUpload } from './application-materials';

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);
const photo = materialFileUpload.extend({ mime: z.enum(['image/jpeg', 'image/png', 'image/webp'], { message: '照片只能是 JPG、PNG 或 WEBP 图片' }) });

// ---- honors 荣誉 ----

export const honorLevels = ['national', 'provincial', 'city', 'county', 'other'] as const;
export type HonorLevel = (typeof honorLevels)[number];
export const honorLevelLabels: Record<HonorLevel, string> = { national: '国家级', provincial: '省级', city: '市级', county: '县级', other: '其他' };

export const honorInput = z.object({
  recipientId: idSchema,
  title: required('荣誉名称', 100),
  level: z.enum(honorLevels, { message: '请选择荣誉级别' }),
  giver: required('授予单位', 100),
  awardedOn: day('授予日期'),
  note: text(500),
  documents: z.array(materialFileUpload).max(5, '最多上传 5 个文件').default([]),
});
export type HonorInput = z.infer<typeof honorInput>;

export const honorDto = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  recipientIdMasked: z.string(),
  title: z.string(),
  level: z.enum(honorLevels),
  giver: z.string(),
  awardedOn: z.string(),
  note: z.string(),
  documents: z.array(caseFileDto),
  createdAt: z.string(),
});
export type HonorDto = z.infer<typeof honorDto>;
export const honorQuery = pageQuery.extend({ orgUnitId: idSchema.optional(), recipientId: idSchema.optional(), level: z.enum(honorLevels).optional(), year: z.coerce.number().int().min(1900).max(2100).optional() });
export type HonorQuery = z.infer<typeof honorQuery>;
export const honorLedgerQuery = honorQuery.omit({ page: true, pageSize: true });
export type HonorLedgerQuery = z.infer<typeof honorLedgerQuery>;
export const honorPage = pageOf(honorDto);
export const honorFileParams = z.object({ id: idSchema, fileId: idSchema });
export const HONOR_LEDGER_TITLE = '荣誉表彰台账';

// ---- star ratings 评星级 ----

export const starLevels = [1, 2, 3, 4, 5] as const;
export const starLevelLabels: Record<number, string> = { 1: '一星', 2: '二星', 3: '三星', 4: '四星', 5: '五星' };

export const starCampaignStatuses = ['open', 'published', 'cancelled'] as const;
export type StarCampaignStatus = (typeof starCampaignStatuses)[number];
export const starCampaignStatusLabels: Record<StarCampaignStatus, string> = { open: '推荐评审中', published: '已公布', cancelled: '已撤销' };

export const starCampaignInput = z
  .object({
    orgUnitId: idSchema,
    title: required('活动名称', 100),
    criteria: required('评选标准', 2000),
    levels: z
      .array(z.number().int().min(1, '星级为一星至五星').max(5, '星级为一星至五星'), { message: '请选择星级' })
      .min(1, '请至少选择一个星级')
      .max(5)
      .refine((l) => new Set(l).size === l.length, '星级不能重复'),
    periodFrom: day('推荐开始日期'),
    periodTo: day('推荐截止日期'),
  })
  .superRefine((v, ctx) => {
    if (v.periodTo < v.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: '推荐截止日期不能早于开始日期' });
  });
export type StarCampaignInput = z.infer<typeof starCampaignInput>;

export const starNominationStatuses = ['nominated', 'approved', 'rejected'] as const;
export type StarNominationStatus = (typeof starNominationStatuses)[number];
export const starNominationStatusLabels: Record<StarNominationStatus, string> = { nominated: '待评审', approved: '已通过', rejected: '未通过' };

export const starNominationDto = z.object({
  id: z.string(),
  version: z.number().int(),
  campaignId: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  recipientIdMasked: z.string(),
  level: z.number().int(),
  reason: z.string(),
  status: z.enum(starNominationStatuses),
  reviewComment: z.string(),
  /** the caller's range holds the campaign's unit and the nomination waits for review */
  canReview: z.boolean(),
});
export type StarNominationDto = z.infer<typeof starNominationDto>;

export const starCampaignDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  title: z.string(),
  criteria: z.string(),
  levels: z.array(z.number().int()),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(starCampaignStatuses),
  publishedOn: z.string().nullable(),
  counts: z.object({ nominated: z.number().int(), approved: z.number().int(), rejected: z.number().int() }),
  createdAt: z.string(),
});
export type StarCampaignDto = z.infer<typeof starCampaignDto>;
export const starCampaignDetail = starCampaignDto.extend({
  nominations: z.array(starNominationDto),
  log: z.array(caseActionLogDto),
  /** the caller runs the campaign (its range holds the campaign's unit) and may publish or cancel it */
  canManage: z.boolean(),
  /** the campaign is open and the caller may nominate people of its range */
  canNominate: z.boolean(),
});
export type StarCampaignDetail = z.infer<typeof starCampaignDetail>;
export const starCampaignQuery = pageQuery.extend({ status: z.enum(starCampaignStatuses).optional() });
export const starCampaignPage = pageOf(starCampaignDto);

export const starNominationInput = z.object({
  recipientId: idSchema,
  orgUnitId: idSchema,
  level: z.number({ message: '请选择推荐星级' }).int().min(1, '星级为一星至五星').max(5, '星级为一星至五星'),
  reason: required('推荐理由', 1000),
});
export type StarNominationInput = z.infer<typeof starNominationInput>;
export const starNominationReview = z.object({ version, decision: z.enum(['approve', 'reject'], { message: '请选择通过或不通过' }), comment: text(500) });
export type StarNominationReview = z.infer<typeof starNominationReview>;
export const starCampaignPublish = z.object({ version, publishedOn: day('公布日期') });
export type StarCampaignPublish = z.infer<typeof starCampaignPublish>;
export const starCampaignCancel = z.object({ version, reason: required('撤销原因', 500) });
export type StarCampaignCancel = z.infer<typeof starCampaignCancel>;
export const nominationParams = z.object({ id: idSchema, nominationId: idSchema });

// ---- consent and the honor wall 光荣墙 ----

export const consentMethods = ['written', 'oral', 'online'] as const;
export type ConsentMethod = (typeof consentMethods)[number];
export const consentMethodLabels: Record<ConsentMethod, string> = { written: '书面签字', oral: '当面口头（工作人员记录）', online: '线上确认' };

export const honorWallConsentInput = z.object({
  version: z.number().int().min(0),
  method: z.enum(consentMethods, { message: '请选择同意方式' }),
  consentedOn: day('同意日期'),
  citation: required('展示事迹（简介）', 300),
  photo: photo.nullable().default(null),
});
export type HonorWallConsentInput = z.infer<typeof honorWallConsentInput>;
export const honorWallWithdraw = z.object({ version, reason: required('撤回原因', 200) });
export type HonorWallWithdraw = z.infer<typeof honorWallWithdraw>;

export const honorWallConsentDto = z.object({
  recipientId: z.string(),
  recipientName: z.string(),
  version: z.number().int(),
  /** true: on the wall (recorded and not withdrawn) */
  active: z.boolean(),
  method: z.enum(consentMethods).nullable(),
  consentedOn: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string().nullable(),
  citation: z.string(),
  hasPhoto: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  withdrawReason: z.string(),
});
export type HonorWallConsentDto = z.infer<typeof honorWallConsentDto>;

export const publicHonorWallEntry = z.object({
  key: z.string(),
  name: z.string(),
  unitName: z.string(),
  citation: z.string(),
  photoUrl: z.string().nullable(),
  stars: z.array(z.object({ level: z.number().int(), campaign: z.string(), publishedOn: z.string() })),
  honors: z.array(z.object({ title: z.string(), level: z.enum(honorLevels), awardedOn: z.string() })),
});
export const publicHonorWall = z.object({ unitId: z.string(), unitName: z.string(), entries: z.array(publicHonorWallEntry) });
export type PublicHonorWall = z.infer<typeof publicHonorWall>;

// ---- 送喜报 merit notices ----

export const meritNoticeStatuses = ['pending', 'delivered', 'cancelled'] as const;
export type MeritNoticeStatus = (typeof meritNoticeStatuses)[number];
export const meritNoticeStatusLabels: Record<MeritNoticeStatus, string> = { pending: '待送达', delivered: '已送达', cancelled: '已撤销' };
/** Natural days from registration to the due day of delivery (the seed gives no limit). */
export const MERIT_NOTICE_DAYS = 15;

export const meritNoticeInput = z.object({
  recipientId: idSchema,
  orgUnitId: idSchema,
  servingName: required('现役军人姓名', 50),
  merit: required('立功受奖情况', 100),
  servingUnit: text(100),
  awardedOn: day('立功受奖日期'),
  note: text(500),
});
export type MeritNoticeInput = z.infer<typeof meritNoticeInput>;
export const meritNoticeDeliver = z.object({ version, deliveredOn: day('送达日期'), deliveredBy: required('送达人员', 100), note: text(500), photo: photo.nullable().default(null) });
export type MeritNoticeDeliver = z.infer<typeof meritNoticeDeliver>;
export const meritNoticeCancel = z.object({ version, reason: required('撤销原因', 500) });
export type MeritNoticeCancel = z.infer<typeof meritNoticeCancel>;

export const meritNoticeDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  servingName: z.string(),
  merit: z.string(),
  servingUnit: z.string(),
  awardedOn: z.string(),
  status: z.enum(meritNoticeStatuses),
  dueDay: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  deliveredBy: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
});
export type MeritNoticeDto = z.infer<typeof meritNoticeDto>;
export const meritNoticeDetail = meritNoticeDto.extend({ files: z.array(caseFileDto), log: z.array(caseActionLogDto), canEdit: z.boolean() });
export type MeritNoticeDetail = z.infer<typeof meritNoticeDetail>;
export const meritNoticeQuery = pageQuery.extend({ status: z.enum(meritNoticeStatuses).optional() });
export const meritNoticePage = pageOf(meritNoticeDto);
