// Applications 办件 for service items (issue 13; Part 2 政策落实规范, §38, §44): the materials
// checklist (一次性告知), each level's opinion in order, 公示 where the item requires it, the
// county's decision, and 最多跑一次 — each in-person visit of the applicant, home service and
// delegated handling (zero runs).
import { z } from '../zod-setup';
import { idSchema, pageOf, pageQuery, isoDay } from './common';
import { caseActionLogDto } from './cases';
import { serviceItemSnapshot, stepLevels } from './service-items';
import { publicNotice } from './public-notice';
import { recipientStatuses } from './recipients';
import { QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH, normalizeQueryCode } from './public-accounts';
import { periodSchema } from '../rules/periods';

export const APPLICATION_CASE_TYPE = 'application';

export const applicationStatuses = ['returned', 'review', 'notice', 'deciding', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  returned: '退回补正',
  review: '审核中',
  notice: '公示中',
  deciding: '待决定',
  approved: '已批准',
  rejected: '不予批准',
};

/** Why the applicant came in person (each visit is one run). */
export const runReasons = ['first', 'missingMaterial', 'signature', 'collectResult', 'other'] as const;
export type RunReason = (typeof runReasons)[number];
export const runReasonLabels: Record<RunReason, string> = {
  first: '首次办理',
  missingMaterial: '补交材料',
  signature: '签字确认',
  collectResult: '领取结果',
  other: '其他',
};

/** 上门服务 / 全程代办 (§44): counted as zero runs. */
export const homeServiceKinds = ['homeService', 'delegated'] as const;
export type HomeServiceKind = (typeof homeServiceKinds)[number];
export const homeServiceKindLabels: Record<HomeServiceKind, string> = { homeService: '上门服务', delegated: '全程代办' };

/** Where an application came from: received by staff, or applied online with a public account. */
export const applicationSources = ['staff', 'online'] as const;
export type ApplicationSource = (typeof applicationSources)[number];
export const applicationSourceLabels: Record<ApplicationSource, string> = { staff: '窗口受理', online: '网上申请' };

/** How the application was received. */
export const receiveChannels = ['inPerson', 'homeService', 'delegated'] as const;
export type ReceiveChannel = (typeof receiveChannels)[number];
export const receiveChannelLabels: Record<ReceiveChannel, string> = { inPerson: '窗口受理（本人到场）', homeService: '上门服务', delegated: '全程代办' };

export const materialCheck = z.object({
  name: z.string(),
  required: z.boolean(),
  received: z.boolean(),
});
export type MaterialCheck = z.infer<typeof materialCheck>;

export const stepOpinion = z.object({
  stepIndex: z.number().int(),
  level: z.enum(stepLevels),
  label: z.string(),
  unitName: z.string(),
  by: z.string(),
  day: z.string(),
  agree: z.boolean(),
  text: z.string(),
  /** the step's due day and whether it was given by then (null: the step had no time limit) */
  dueDay: z.string().nullable(),
  onTime: z.boolean().nullable(),
});
export type StepOpinion = z.infer<typeof stepOpinion>;

const homeDetail = z.object({
  handledBy: z.string({ message: '请填写上门或代办人员' }).trim().min(1, '请填写上门或代办人员').max(60, '人员最多 60 个字'),
  note: z.string({ message: '请填写办理内容' }).trim().min(1, '请填写办理内容').max(500, '办理内容最多 500 个字'),
});

export const applicationCreate = z
  .object({
    recipientId: idSchema,
    itemId: idSchema,
    /** received flags by material index of the item's list (the checklist as the worker ticked it) */
    received: z.array(z.boolean()).max(40),
    channel: z.enum(receiveChannels, { message: '请选择受理方式' }),
    /** who went and what was done, for home service or delegated handling */
    home: homeDetail.optional(),
    note: z.string().trim().max(500, '备注最多 500 个字').default(''),
    /** the visit follow-up it comes from (反映问题转办): closed as passed on, naming this application */
    fromFollowUpId: idSchema.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.channel !== 'inPerson' && !v.home) ctx.addIssue({ code: 'custom', path: ['home'], message: '上门服务或全程代办须填写人员和办理内容' });
  });
export type ApplicationCreate = z.infer<typeof applicationCreate>;

/** Kernel action data (the route's body carries action, comment, version and data). */
export const opinionInput = z.object({ agree: z.boolean({ message: '请选择同意或不同意' }) });
export const returnInput = z.object({
  missing: z.array(z.string().trim().min(1).max(60)).min(1, '请写明所缺材料（一次性告知）').max(40),
});
export const resubmitInput = z.object({ received: z.array(z.boolean()).max(40) });

export const applicationAction = z.object({
  action: z.string().min(1).max(40),
  comment: z.string().trim().max(2000, '意见最多 2000 个字').default(''),
  version: z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1),
  data: z.unknown().optional(),
});
export type ApplicationAction = z.infer<typeof applicationAction>;

export const runCreate = z.object({
  reason: z.enum(runReasons, { message: '请选择到场事由' }),
  day: isoDay('到场日期'),
  note: z.string().trim().max(500, '备注最多 500 个字').default(''),
});
export type RunCreate = z.infer<typeof runCreate>;

export const homeServiceCreate = homeDetail.extend({
  kind: z.enum(homeServiceKinds, { message: '请选择上门服务或全程代办' }),
  day: isoDay('日期'),
});
export type HomeServiceCreate = z.infer<typeof homeServiceCreate>;

export const applicationVisitDto = z.object({
  id: z.string(),
  kind: z.enum(['run', ...homeServiceKinds]),
  reason: z.string(),
  day: z.string(),
  handledBy: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type ApplicationVisitDto = z.infer<typeof applicationVisitDto>;

export const applicationDto = z.object({
  id: z.string(),
  version: z.number().int(),
  recipientId: z.string(),
  recipientName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  status: z.enum(applicationStatuses),
  statusLabel: z.string(),
  stepLabel: z.string(),
  dueDay: z.string().nullable(),
  overdue: z.boolean(),
  runs: z.number().int(),
  homeServices: z.number().int(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  updatedAt: z.string(),
  /** 办件编号 (null on applications made before numbers) */
  registrationNo: z.string().nullable(),
  source: z.enum(applicationSources),
  /** the applicant's registry status: other than 'registered' while the collection record 信息采集 is in progress */
  recipientStatus: z.enum(recipientStatuses),
});
export type ApplicationDto = z.infer<typeof applicationDto>;
export const applicationPage = pageOf(applicationDto);

export const applicationDetail = applicationDto.extend({
  item: serviceItemSnapshot,
  materials: z.array(materialCheck),
  stepIndex: z.number().int(),
  opinions: z.array(stepOpinion),
  /** what a return told the applicant was missing (一次性告知), the latest first */
  missingTold: z.array(z.string()),
  notice: publicNotice.nullable(),
  decision: z.object({ approved: z.boolean(), reason: z.string(), day: z.string(), by: z.string() }).nullable(),
  waitingUnitName: z.string().nullable(),
  visits: z.array(applicationVisitDto),
  log: z.array(caseActionLogDto),
  actions: z.array(z.object({ name: z.string(), label: z.string(), requireComment: z.boolean() })),
  /** the plaque flow for items handed off (never set on an application: such items are refused) */
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;

export const applicationSorts = ['updated', 'due', 'opened'] as const;
export const applicationListQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  itemId: idSchema.optional(),
  recipientId: idSchema.optional(),
  status: z.enum(applicationStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** only applications with more than one run (最多跑一次 missed) */
  manyRuns: z.enum(['true', 'false']).optional(),
  /** closed in this period (month YYYY-MM, quarter YYYY-Qn or year YYYY): the applications behind the 最多跑一次 figure */
  closedIn: periodSchema.optional(),
  sort: z.enum(applicationSorts).default('updated'),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuery>;

export const applicationFiguresQuery = z.object({
  orgUnitId: idSchema.optional(),
  period: z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM'),
});
export const applicationFigures = z.object({
  orgUnitId: z.string(),
  period: z.string(),
  /** applications closed in the period, and those closed with at most one run */
  closed: z.number().int(),
  atMostOneRun: z.number().int(),
  /** atMostOneRun / closed, or null when none closed */
  oneRunRate: z.number().nullable(),
  byItemStatus: z.array(z.object({ itemId: z.string(), itemName: z.string(), status: z.enum(applicationStatuses), n: z.number().int() })),
  steps: z.array(z.object({ level: z.enum(stepLevels), onTime: z.number().int(), late: z.number().int(), rate: z.number().nullable() })),
});
export type ApplicationFigures = z.infer<typeof applicationFigures>;

/** The 办件台账 export: the list's filter (paging and sort left out). */
export const applicationLedgerQuery = applicationListQuery.omit({ page: true, pageSize: true, sort: true });
export type ApplicationLedgerQuery = z.infer<typeof applicationLedgerQuery>;

// ---- query code, receipt and the public side ----

/** 办件编号: the year and a number of six digits, ten digits in all. */
export function normalizeApplicationNo(input: string): string {
  return input.replace(/\D/g, '');
}
export const APPLICATION_NO_PATTERN = /^\d{10}$/;

/** The public query: the application's number and its query code (no account needed). */
export const applicationQueryBody = z.object({
  number: z
    .string({ message: '请输入办件编号' })
    .transform(normalizeApplicationNo)
    .pipe(z.string().regex(APPLICATION_NO_PATTERN, '办件编号为 10 位数字')),
  code: z
    .string({ message: '请输入查询码' })
    .transform(normalizeQueryCode)
    .pipe(z.string().regex(new RegExp(`^[${QUERY_CODE_ALPHABET}]{${QUERY_CODE_LENGTH}}$`), `查询码为 ${QUERY_CODE_LENGTH} 位字母或数字`)),
});
export type ApplicationQueryBody = z.infer<typeof applicationQueryBody>;

export const publicStepStates = ['done', 'current', 'waiting'] as const;
/** What an applicant sees of an application: the item, the stages with their units, the next step, the 公示 and the decision; a masked name only. */
export const publicApplicationView = z.object({
  registrationNo: z.string().nullable(),
  itemName: z.string(),
  unitName: z.string(),
  applicantName: z.string(),
  openedOn: z.string(),
  source: z.enum(applicationSources),
  status: z.enum(applicationStatuses),
  statusLabel: z.string(),
  steps: z.array(
    z.object({
      label: z.string(),
      unitName: z.string(),
      state: z.enum(publicStepStates),
      /** the day the unit gave its opinion (done steps) */
      day: z.string().nullable(),
    }),
  ),
  nextStep: z.string().nullable(),
  dueDay: z.string().nullable(),
  /** materials the applicant was told to bring (一次性告知) while returned */
  missingTold: z.array(z.string()),
  notice: z.object({ startDay: z.string(), endDay: z.string() }).nullable(),
  decision: z.object({ approved: z.boolean(), day: z.string(), reason: z.string() }).nullable(),
  resultDocument: z.string(),
  closedOn: z.string().nullable(),
  /** the applicant's collection record awaits 信息采集审核 (no approval before it) */
  collecting: z.boolean(),
});
export type PublicApplicationView = z.infer<typeof publicApplicationView>;
export const publicOwnApplication = publicApplicationView.extend({ id: z.string() });
export type PublicOwnApplication = z.infer<typeof publicOwnApplication>;
export const publicOwnApplications = z.object({ items: z.array(publicOwnApplication) });

/** 在线申请: the village the applicant applies at, the item, and which materials they have (by index). */
export const publicApplyBody = z.object({
  orgUnitId: idSchema,
  itemId: idSchema,
  received: z.array(z.boolean()).max(40),
});
export type PublicApplyBody = z.infer<typeof publicApplyBody>;
/** The answer to an online application: the query code is shown once (stored hashed, and encrypted for the receipt). */
export const publicApplyCreated = publicOwnApplication.extend({ queryCode: z.string() });
export type PublicApplyCreated = z.infer<typeof publicApplyCreated>;

/** 受理回执: what the printed receipt carries, with the query code (audited). */
export const applicationReceipt = z.object({
  id: z.string(),
  registrationNo: z.string().nullable(),
  queryCode: z.string().nullable(),
  queryPath: z.string(),
  applicantName: z.string(),
  itemName: z.string(),
  unitName: z.string(),
  openedOn: z.string(),
  source: z.enum(applicationSources),
  materials: z.array(materialCheck),
  missingTold: z.array(z.string()),
  steps: z.array(z.object({ label: z.string(), unitName: z.string(), days: z.number().int().nullable(), dayKind: z.string() })),
  noticeRequired: z.boolean(),
  resultDocument: z.string(),
  decider: z.string(),
});
export type ApplicationReceipt = z.infer<typeof applicationReceipt>;

/** The public page where an applicant queries an application by number and code. */
export const PUBLIC_APPLICATION_QUERY_PATH = '/public/application-query';
