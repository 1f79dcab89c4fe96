// Petitions 信访 (信访工作条例 2022; RULES.md "Petitions"; seed Part 7; LEDGERS.md 信访事项登记台账).
// A petition is a case of the case kernel (type 'petition'); the registration columns live in the
// `petitions` table beside it. This file is the API contract for staff; the public side is in
// public-accounts.ts.
import { z } from '../zod-setup';
import { materialFileUpload } from './application-materials';
import { caseActionLogDto, caseFileDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';
import { sensitiveExportShape } from './sensitive-export';
import { assignInput, caseSupervisionDto, replyReviewInput, superviseInput, supervisionReplyInput } from './supervision';

/** At most this many attachments go with one handling entry 办理记录 (each up to 3 MB). */
export const HANDLING_FILES_MAX = 3;

export const PETITION_CASE_TYPE = 'petition';

/** 信访形式 (Art. 17, 21). */
export const petitionChannels = ['letter', 'visit', 'phone', 'online', 'fax'] as const;
export type PetitionChannel = (typeof petitionChannels)[number];
export const petitionChannelLabels: Record<PetitionChannel, string> = {
  letter: '来信',
  visit: '来访',
  phone: '来电',
  online: '网上',
  fax: '传真',
};

/** 信访事项类别 (Art. 29–31). An accusation is a restricted case (Art. 30). */
export const petitionTypes = ['suggestion', 'accusation', 'claim'] as const;
export type PetitionType = (typeof petitionTypes)[number];
export const petitionTypeLabels: Record<PetitionType, string> = {
  suggestion: '建议意见',
  accusation: '检举控告',
  claim: '申诉求决',
};

/** 问题类别 (the ledger's column): the usual subjects of veterans' petitions. */
export const petitionCategories = [
  'placement',
  'employment',
  'pension',
  'preferentialTreatment',
  'socialInsurance',
  'medical',
  'housing',
  'commemoration',
  'assistance',
  'records',
  'other',
] as const;
export type PetitionCategory = (typeof petitionCategories)[number];
export const petitionCategoryLabels: Record<PetitionCategory, string> = {
  placement: '移交安置',
  employment: '就业创业',
  pension: '抚恤补助',
  preferentialTreatment: '优待褒扬',
  socialInsurance: '社会保险接续',
  medical: '医疗保障',
  housing: '住房保障',
  commemoration: '烈士纪念',
  assistance: '帮扶援助',
  records: '档案身份认定',
  other: '其他',
};

/**
 * The case states. The clock of each open state (RULES.md):
 * registered: 15 days from receipt; accepted: 60 days from acceptance; extended: + the extension
 * (≤ 30 days, once); reviewRequested / reReviewRequested: 30 days from the request; the hearing
 * of a re-review stops the clock. 'replied' and 'reviewed' wait for the petitioner (no clock).
 */
export const petitionStatuses = [
  'registered',
  'accepted',
  'extended',
  'notAccepted',
  'transferred',
  'replied',
  'reviewRequested',
  'reviewed',
  'reReviewRequested',
  'reReviewHearing',
  'reReviewed',
  'closed',
] as const;
export type PetitionStatus = (typeof petitionStatuses)[number];
export const petitionStatusLabels: Record<PetitionStatus, string> = {
  registered: '待受理',
  accepted: '办理中',
  extended: '延期办理中',
  notAccepted: '不予受理',
  transferred: '已转送',
  replied: '已答复',
  reviewRequested: '复查中',
  reviewed: '已复查',
  reReviewRequested: '复核中',
  reReviewHearing: '复核听证中',
  reReviewed: '已复核',
  closed: '已办结',
};

/** The actions of a petition (each has its own body below). */
export const petitionActions = [
  'accept',
  'notAccept',
  'transfer',
  'escalate',
  'extend',
  'reply',
  'requestReview',
  'review',
  'requestReReview',
  'startHearing',
  'endHearing',
  'reReview',
  'close',
  // issue 14: handling entries, 交办, 督办 (the kernel's cases/supervision.ts), 包联与专班
  'handle',
  'assign',
  'assignmentReply',
  'assignmentAccept',
  'assignmentReturn',
  'supervise',
  'supervisionReply',
  'setContacts',
] as const;
export type PetitionAction = (typeof petitionActions)[number];
export const petitionActionLabels: Record<PetitionAction, string> = {
  accept: '受理',
  notAccept: '不予受理',
  transfer: '转送',
  escalate: '交上级办理',
  extend: '批准延期',
  reply: '答复',
  requestReview: '登记复查申请',
  review: '作出复查意见',
  requestReReview: '登记复核申请',
  startHearing: '开始听证',
  endHearing: '结束听证',
  reReview: '作出复核意见',
  close: '办结',
  handle: '办理记录',
  assign: '交办',
  assignmentReply: '登记交办回复',
  assignmentAccept: '采纳交办回复',
  assignmentReturn: '退回交办回复',
  supervise: '督办',
  supervisionReply: '回复督办',
  setContacts: '包联与专班',
};

/** The actions that record work on a petition without moving its stage (they run at any handling stage). */
export const petitionWorkActions = ['handle', 'assign', 'assignmentReply', 'assignmentAccept', 'assignmentReturn', 'supervise', 'supervisionReply', 'setContacts'] as const;

/** 处理意见 (Art. 32, 33). */
export const petitionOutcomes = ['support', 'explain', 'reject', 'mediated'] as const;
export type PetitionOutcome = (typeof petitionOutcomes)[number];
export const petitionOutcomeLabels: Record<PetitionOutcome, string> = {
  support: '予以支持',
  explain: '解释说明',
  reject: '不予支持',
  mediated: '达成调解协议',
};

/** Decision of a review or re-review. */
export const reviewDecisions = ['uphold', 'change', 'revoke'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
export const reviewDecisionLabels: Record<ReviewDecision, string> = {
  uphold: '维持原处理意见',
  change: '变更原处理意见',
  revoke: '撤销原处理意见并重新办理',
};

/** Statutory periods in natural days (Art. 22–23, 34–36). */
export const PETITION_DAYS = {
  accept: 15,
  handle: 60,
  maxExtension: 30,
  reviewWindow: 30,
  review: 30,
  reReviewWindow: 30,
  reReview: 30,
} as const;
/** Art. 20: a group visit sends at most 5 representatives. */
export const MAX_REPRESENTATIVES = 5;

export const petitionWarnings = ['none', 'yellow', 'red'] as const;
export type PetitionWarning = (typeof petitionWarnings)[number];
export const petitionWarningLabels: Record<PetitionWarning, string> = { none: '正常', yellow: '黄色预警（3日内到期）', red: '红色预警（已逾期）' };

export const satisfactionLabels: Record<number, string> = { 1: '很不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' };

export const daySchema = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const required = (label: string, max: number) =>
  z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const text = (max: number, label = '内容') => z.string().trim().max(max, `${label}最多 ${max} 个字`).default('');
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

export const representativeInput = z.object({
  name: required('代表姓名', 30),
  /** checked with the ID rule on the server */
  idNumber: required('代表的公民身份号码', 30),
});

/** Registration by staff. The server checks ID numbers and phones and the per-channel rules. */
export const petitionCreate = z.object({
  orgUnitId: idSchema,
  channel: z.enum(petitionChannels, { message: '请选择信访形式（来信、来访、来电、网上、传真）' }),
  /** the day the letter/call/visit was received (may be before the registration day) */
  receivedOn: daySchema('收到日期'),
  petitionerName: required('信访人姓名', 30),
  /** required for a visit (checked against the ID card) */
  idNumber: z.string().trim().max(30).default(''),
  /** for a visit: the discharge certificate (or other veteran ID) was checked */
  dischargeCertChecked: z.boolean().default(false),
  phone: z.string().trim().max(20).default(''),
  address: required('住址', 200),
  headcount: z.number({ message: '请填写人数' }).int('人数应为整数').min(1, '人数至少为 1').max(10000, '人数过大'),
  representatives: z.array(representativeInput).max(MAX_REPRESENTATIVES, `集体访最多推选 ${MAX_REPRESENTATIVES} 名代表（信访工作条例第二十条）`).default([]),
  type: z.enum(petitionTypes, { message: '请选择信访事项类别（建议意见、检举控告、申诉求决）' }),
  category: z.enum(petitionCategories, { message: '请选择问题类别' }),
  request: required('信访请求', 2000),
  facts: required('事实', 4000),
  reasons: text(4000, '理由'),
  /** an oral petition recorded as given (visit/phone) */
  oral: z.boolean().default(false),
  recipientId: idSchema.nullable().default(null),
  handlerUserId: idSchema,
  leaderUserId: idSchema.nullable().default(null),
  /** link as a repeat of an earlier petition on the same matter */
  repeatOf: idSchema.nullable().default(null),
  /** accusation: the users accused (never see it); the accused unit (its level above handles it, Art. 28) */
  accusedUserIds: z.array(idSchema).max(20).default([]),
  accusedOrgUnitId: idSchema.nullable().default(null),
  note: text(300, '备注'),
  /** 反映问题转办: the visit follow-up this petition is registered from (closed as passed on, in the same transaction) */
  fromFollowUpId: idSchema.nullable().default(null),
});
export type PetitionCreate = z.infer<typeof petitionCreate>;
/** The answer to a registration: the query code is shown once (print it on the acknowledgement) and stored hashed. */
export const petitionCreated = z.object({ id: z.string(), registrationNo: z.string(), queryCode: z.string() });
export type PetitionCreated = z.infer<typeof petitionCreated>;

/** Repeat suggestions for a draft registration. */
export const repeatSuggestQuery = z.object({
  orgUnitId: idSchema,
  petitionerName: z.string().trim().max(30).default(''),
  idNumber: z.string().trim().max(30).default(''),
  phone: z.string().trim().max(20).default(''),
  request: z.string().trim().max(2000).default(''),
});
export const repeatSuggestion = z.object({
  id: z.string(),
  registrationNo: z.string(),
  receivedOn: z.string(),
  petitionerName: z.string(),
  request: z.string(),
  status: z.enum(petitionStatuses),
  statusLabel: z.string(),
  matchedBy: z.array(z.enum(['idNumber', 'phone', 'name'])),
  /** token overlap of the requests, 0..1 */
  similarity: z.number(),
});
export const repeatSuggestions = z.object({ items: z.array(repeatSuggestion) });

// ---- actions ----
const base = { comment: z.string().trim().max(1000, '意见最多 1000 个字').default(''), version };
export const petitionActionBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('accept'), ...base, acceptedOn: daySchema('受理日期') }),
    z.object({ action: z.literal('notAccept'), ...base, reason: required('不予受理的理由', 1000) }),
    z.object({
      action: z.literal('transfer'),
      ...base,
      body: required('转送机关', 100),
      transferredOn: daySchema('转送日期'),
      record: required('转送记录（文号、经办人、方式）', 500),
    }),
    z.object({ action: z.literal('escalate'), ...base, reason: required('交上级办理的理由', 1000) }),
    z.object({
      action: z.literal('extend'),
      ...base,
      days: z.number({ message: '请填写延长天数' }).int('延长天数应为整数').min(1, '延长天数至少 1 天').max(PETITION_DAYS.maxExtension, `延长期限不得超过 ${PETITION_DAYS.maxExtension} 日（信访工作条例第三十四条）`),
      reason: required('延期理由（须告知信访人）', 1000),
    }),
    z.object({
      action: z.literal('reply'),
      ...base,
      outcome: z.enum(petitionOutcomes, { message: '请选择处理意见（予以支持、解释说明、不予支持、达成调解协议）' }),
      replyText: required('答复意见', 4000),
      repliedOn: daySchema('答复日期'),
      /** the day the petitioner received the written reply (starts the 30-day review window); left
       * empty while it is not known (a letter in the post), never assumed to be today */
      replyReceivedOn: daySchema('信访人收到答复的日期').nullable().default(null),
    }),
    z.object({
      action: z.literal('requestReview'),
      ...base,
      requestedOn: daySchema('复查申请日期'),
      /** the receipt day of the reply when it was not recorded with the reply (the window runs from it) */
      replyReceivedOn: daySchema('信访人收到答复的日期').nullable().default(null),
    }),
    z.object({ action: z.literal('review'), ...base, decision: z.enum(reviewDecisions, { message: '请选择复查意见' }), opinion: required('复查意见', 4000), decidedOn: daySchema('复查意见日期'), receivedOn: daySchema('信访人收到复查意见的日期') }),
    z.object({ action: z.literal('requestReReview'), ...base, requestedOn: daySchema('复核申请日期') }),
    z.object({ action: z.literal('startHearing'), ...base, startedOn: daySchema('听证开始日期') }),
    z.object({ action: z.literal('endHearing'), ...base, endedOn: daySchema('听证结束日期') }),
    z.object({ action: z.literal('reReview'), ...base, decision: z.enum(reviewDecisions, { message: '请选择复核意见' }), opinion: required('复核意见', 4000), decidedOn: daySchema('复核意见日期') }),
    z.object({ action: z.literal('close'), ...base, closedOn: daySchema('办结日期') }),
    z.object({
      action: z.literal('handle'),
      ...base,
      handledOn: daySchema('办理日期'),
      what: required('办理情况', 2000),
      withWhom: z.string().trim().max(200, '参与人员和单位最多 200 个字').default(''),
      /** attachments of the entry (scans, photos): stored as files of the case, not in the log */
      files: z.array(materialFileUpload).max(HANDLING_FILES_MAX, `每条办理记录最多 ${HANDLING_FILES_MAX} 个附件`).default([]),
    }),
    z.object({ action: z.literal('assign'), ...base, ...assignInput.shape }),
    z.object({ action: z.literal('assignmentReply'), ...base, ...supervisionReplyInput.shape }),
    z.object({ action: z.literal('assignmentAccept'), ...base, ...replyReviewInput.shape }),
    z.object({ action: z.literal('assignmentReturn'), ...base, ...replyReviewInput.shape }),
    z.object({ action: z.literal('supervise'), ...base, ...superviseInput.shape }),
    z.object({ action: z.literal('supervisionReply'), ...base, ...supervisionReplyInput.shape }),
    z.object({
      action: z.literal('setContacts'),
      ...base,
      /** 一对一包联: the staff member who keeps in touch with a key petitioner */
      contactUserId: idSchema.nullable().default(null),
      /** 一案一专班: the special team's leader and members, for a major case */
      teamLeaderUserId: idSchema.nullable().default(null),
      teamUserIds: z.array(idSchema).max(20, '专班成员最多 20 人').default([]),
    }),
  ],
  { error: '请选择操作' },
);
export type PetitionActionBody = z.infer<typeof petitionActionBody>;

export const linkRepeatBody = z.object({ repeatOf: idSchema.nullable(), version });
export const satisfactionBody = z.object({ satisfaction: z.number({ message: '请选择满意度' }).int().min(1, '满意度为 1–5').max(5, '满意度为 1–5'), version });

// ---- responses ----
export const petitionStageDto = z.object({
  action: z.string(),
  label: z.string(),
  status: z.enum(petitionStatuses),
  statusLabel: z.string(),
  /** the day the stage happened (Asia/Shanghai) */
  day: z.string(),
});

export const petitionListItem = z.object({
  id: z.string(),
  registrationNo: z.string(),
  channel: z.enum(petitionChannels),
  type: z.enum(petitionTypes),
  category: z.enum(petitionCategories),
  receivedOn: z.string(),
  petitionerName: z.string(),
  headcount: z.number().int(),
  request: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  handlerUserId: z.string(),
  handlerName: z.string(),
  leaderUserId: z.string().nullable(),
  leaderName: z.string().nullable(),
  status: z.enum(petitionStatuses),
  statusLabel: z.string(),
  open: z.boolean(),
  dueDay: z.string().nullable(),
  warning: z.enum(petitionWarnings),
  restricted: z.boolean(),
  repeatOf: z.string().nullable(),
  outcome: z.enum(petitionOutcomes).nullable(),
  satisfaction: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PetitionListItem = z.infer<typeof petitionListItem>;
export const petitionPage = pageOf(petitionListItem);

export const petitionDetail = petitionListItem.extend({
  version: z.number().int(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  dischargeCertChecked: z.boolean(),
  address: z.string(),
  representatives: z.array(z.object({ name: z.string(), idNumberMasked: z.string() })),
  facts: z.string(),
  reasons: z.string(),
  oral: z.boolean(),
  recipientId: z.string().nullable(),
  note: z.string(),
  acceptDueDay: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  handleDueDay: z.string().nullable(),
  notAcceptedReason: z.string().nullable(),
  transfer: z.object({ body: z.string(), transferredOn: z.string(), record: z.string() }).nullable(),
  escalations: z.array(z.object({ fromUnitName: z.string(), toUnitName: z.string(), on: z.string(), reason: z.string() })),
  extension: z.object({ days: z.number().int(), reason: z.string(), approvedByName: z.string(), approvedOn: z.string() }).nullable(),
  replyText: z.string().nullable(),
  repliedOn: z.string().nullable(),
  replyReceivedOn: z.string().nullable(),
  review: z.object({ requestedOn: z.string(), unitName: z.string(), decision: z.enum(reviewDecisions).nullable(), opinion: z.string().nullable(), decidedOn: z.string().nullable(), receivedOn: z.string().nullable() }).nullable(),
  reReview: z
    .object({
      requestedOn: z.string(),
      unitName: z.string(),
      decision: z.enum(reviewDecisions).nullable(),
      opinion: z.string().nullable(),
      decidedOn: z.string().nullable(),
      hearings: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
    })
    .nullable(),
  closedOn: z.string().nullable(),
  /** online submissions: from a public account */
  fromPublic: z.boolean(),
  stages: z.array(petitionStageDto),
  /** the kernel's log of the petition's case (each entry with its action's data) */
  log: z.array(caseActionLogDto),
  /** the actions the caller may take now */
  actions: z.array(z.object({ name: z.enum(petitionActions), label: z.string() })),
  /** handling entries 办理记录 (the log's `handle` entries) */
  handlings: z.array(z.object({ seq: z.number().int(), handledOn: z.string(), what: z.string(), withWhom: z.string(), actorName: z.string(), at: z.string(), files: z.array(caseFileDto) })),
  /** 交办 and 督办 of the petition (the kernel's case_supervisions) */
  supervisions: z.array(caseSupervisionDto),
  /** 一对一包联 and 一案一专班 */
  keyContact: z.object({ userId: z.string(), name: z.string() }).nullable(),
  team: z.object({ leader: z.object({ userId: z.string(), name: z.string() }).nullable(), members: z.array(z.object({ userId: z.string(), name: z.string() })) }).nullable(),
});
export type PetitionDetail = z.infer<typeof petitionDetail>;

/** Sensitive fields a user may reveal (audited). */
export const petitionRevealBody = z.object({ field: z.enum(['idNumber', 'phone']) });
export const petitionRevealDto = z.object({ value: z.string() });

const filterShape = {
  orgUnitId: idSchema.optional(),
  /** the petitions linked to one recipient (the recipient page shows them) */
  recipientId: idSchema.optional(),
  status: z.enum(petitionStatuses, { message: '状态不正确' }).optional(),
  open: z.enum(['true', 'false']).optional(),
  channel: z.enum(petitionChannels, { message: '信访形式不正确' }).optional(),
  type: z.enum(petitionTypes, { message: '类别不正确' }).optional(),
  warning: z.enum(['yellow', 'red'], { message: '预警不正确' }).optional(),
  /** mine: where I am the first handler or the leader */
  mine: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(30, '最多 30 个字').optional(),
  receivedFrom: daySchema('开始日期').optional(),
  receivedTo: daySchema('结束日期').optional(),
};
/** the list's order (RecordTable's convention: '-' for descending) */
export const petitionSorts = ['receivedOn', '-receivedOn', 'dueDay', '-dueDay', 'registrationNo', '-registrationNo'] as const;
export const petitionListQuery = pageQuery.extend({ ...filterShape, sort: z.enum(petitionSorts, { message: '排序方式不正确' }).default('-receivedOn') });
export type PetitionListQuery = z.infer<typeof petitionListQuery>;
export const petitionLedgerQuery = z.object({ ...filterShape, ...sensitiveExportShape });

/** Staff who may be named handler or leader of a petition in a unit. */
export const petitionAssigneeQuery = z.object({ orgUnitId: idSchema });
export const petitionAssignee = z.object({ id: z.string(), name: z.string(), unitName: z.string(), title: z.string(), isHead: z.boolean() });
export const petitionAssignees = z.object({ items: z.array(petitionAssignee) });

// ---- dashboard ----
export const petitionDashboardQuery = z.object({
  orgUnitId: idSchema.optional(),
  from: daySchema('开始日期').optional(),
  to: daySchema('结束日期').optional(),
});
const onTime = z.object({
  /** stages completed (acceptance decided / reply given) */
  done: z.number().int(),
  /** of those, on or before their due day */
  onTime: z.number().int(),
  /** onTime / done, or null when nothing was done */
  rate: z.number().nullable(),
});
export const petitionDashboard = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** counts exclude repeats (linked to a first petition) */
  total: z.number().int(),
  repeats: z.number().int(),
  byStatus: z.record(z.enum(petitionStatuses), z.number().int()),
  byType: z.record(z.enum(petitionTypes), z.number().int()),
  byChannel: z.record(z.enum(petitionChannels), z.number().int()),
  warnings: z.object({ yellow: z.number().int(), red: z.number().int() }),
  onTime,
  /** per child unit (and the unit's own level) */
  units: z.array(z.object({ orgUnitId: z.string(), orgUnitName: z.string(), ownLevel: z.boolean(), total: z.number().int(), open: z.number().int(), yellow: z.number().int(), red: z.number().int(), onTime })),
  satisfaction: z.object({ rated: z.number().int(), average: z.number().nullable() }),
});
export type PetitionDashboard = z.infer<typeof petitionDashboard>;

// ---- letters (printed on A4 by the web) ----
export const petitionLetterKinds = ['acknowledgement', 'notAccepted', 'extension', 'reply'] as const;
export type PetitionLetterKind = (typeof petitionLetterKinds)[number];
export const petitionLetterKindLabels: Record<PetitionLetterKind, string> = {
  acknowledgement: '信访事项受理告知书',
  notAccepted: '信访事项不予受理告知书',
  extension: '信访事项延期办理告知书',
  reply: '信访事项处理意见书',
};
export const petitionLetterParams = z.object({ id: idSchema, kind: z.enum(petitionLetterKinds, { message: '告知书种类不正确' }) });
export const petitionLetterDto = z.object({
  kind: z.enum(petitionLetterKinds),
  title: z.string(),
  /** the full name of the unit's center or station that heads and signs it, e.g. 安吉县退役军人服务中心 */
  unitName: z.string(),
  /** 受理告知书 only: the query code (null for petitions registered before codes were kept, or other letters) */
  queryCode: z.string().nullable(),
  /** 受理告知书 only: the path of the public query page (the web prefixes its own address) */
  queryPath: z.string().nullable(),
  registrationNo: z.string(),
  petitionerName: z.string(),
  /** paragraphs of the letter body */
  paragraphs: z.array(z.string()),
  /** the day printed under the seal */
  day: z.string(),
});
export type PetitionLetterDto = z.infer<typeof petitionLetterDto>;

/** The public page where a code and a phone number find a petition (router: /public/petition-query). */
export const PUBLIC_PETITION_QUERY_PATH = '/public/petition-query';

export const PETITION_LEDGER_TITLE = '信访事项登记台账';
