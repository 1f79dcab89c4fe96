// The public service portal (seed Part 1 三(七), 四(一)(二); §44; SPEC §11): each unit's service
// commitments 服务承诺, its service supervisors 服务监督员, and the feedback box 意见簿/监督卡 whose
// entries reach the unit as cases with a reply deadline; a reply may be published on the unit's
// public page (the entry's text and the reply, never who wrote it).
import { z } from '../zod-setup';
import { caseActionLogDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';
import { QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH, normalizeQueryCode } from './public-accounts';

export const FEEDBACK_CASE_TYPE = 'feedback';
export const FEEDBACK_LEDGER_TITLE = '意见簿（监督卡）登记台账';
/** The public page where a query code is entered. */
export const PUBLIC_FEEDBACK_QUERY_PATH = '/public/feedback-query';

/** 意见 / 建议 / 投诉 / 表扬 */
export const feedbackKinds = ['opinion', 'suggestion', 'complaint', 'praise'] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];
export const feedbackKindLabels: Record<FeedbackKind, string> = { opinion: '意见', suggestion: '建议', complaint: '投诉', praise: '表扬' };

/** How the writer signed: anonymous, with name and phone, or as a signed-in public account. */
export const feedbackSignatures = ['anonymous', 'named', 'account'] as const;
export type FeedbackSignature = (typeof feedbackSignatures)[number];
export const feedbackSignatureLabels: Record<FeedbackSignature, string> = { anonymous: '匿名', named: '署名', account: '公众账号' };

export const feedbackStatuses = ['submitted', 'replied'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];
export const feedbackStatusLabels: Record<FeedbackStatus, string> = { submitted: '待答复', replied: '已答复' };

/** The rating of the service 服务评价: 1 (很不满意) … 5 (很满意). */
export const feedbackRatingLabels: Record<number, string> = { 1: '很不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '很满意' };

/** The reply deadline setting (settings key `feedback`): no figure in the seed or RULES.md, so a setting. */
export const FEEDBACK_SETTING_KEY = 'feedback';
export const feedbackSettings = z.object({
  replyDays: z.number().int().min(1).max(90),
  replyDayKind: z.enum(['natural', 'working']),
});
export type FeedbackSettings = z.infer<typeof feedbackSettings>;
/** Default: 15 natural days, the figure RULES.md gives for acknowledging a petition (Art. 23) — not a rule of the seed for feedback. */
export const defaultFeedbackSettings: FeedbackSettings = { replyDays: 15, replyDayKind: 'natural' };
/** The setting as the staff page shows it: the figures, and whether the caller may change them. */
export const feedbackSettingsView = feedbackSettings.extend({ mayEdit: z.boolean(), isDefault: z.boolean() });
export type FeedbackSettingsView = z.infer<typeof feedbackSettingsView>;
/** The change: days 1–90, natural or working days. */
export const feedbackSettingsBody = z.object({
  replyDays: z.number({ message: '请填写答复期限天数' }).int('天数须为整数').min(1, '答复期限至少 1 天').max(90, '答复期限最多 90 天'),
  replyDayKind: z.enum(['natural', 'working'], { message: '请选择自然日或工作日' }),
});

const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

// ---- the public side ----

const entryShape = {
  orgUnitId: idSchema,
  kind: z.enum(feedbackKinds, { message: '请选择类别（意见、建议、投诉或表扬）' }),
  text: required('内容', 1000),
  rating: z.number({ message: '服务评价应为 1–5 的整数' }).int('服务评价应为 1–5 的整数').min(1, '服务评价应为 1–5 的整数').max(5, '服务评价应为 1–5 的整数').nullable().default(null),
};
/** An entry from the public page without an account: anonymous, or signed with name and phone. */
export const publicFeedbackCreate = z.object({
  ...entryShape,
  signature: z.enum(['anonymous', 'named'], { message: '请选择匿名或署名' }),
  name: z.string().trim().max(30, '姓名最多 30 个字').default(''),
  phone: z.string().trim().max(20, '电话号码不正确').default(''),
});
export type PublicFeedbackCreate = z.infer<typeof publicFeedbackCreate>;
/** An entry of a signed-in public account: signed by the account. */
export const accountFeedbackCreate = z.object(entryShape);
export type AccountFeedbackCreate = z.infer<typeof accountFeedbackCreate>;

export const feedbackCreated = z.object({ queryCode: z.string(), dueDay: z.string().nullable(), unitName: z.string() });
export type FeedbackCreated = z.infer<typeof feedbackCreated>;

export const feedbackQueryBody = z.object({
  code: z
    .string({ message: '请输入查询码' })
    .max(40, '查询码不正确')
    .transform(normalizeQueryCode)
    .pipe(z.string().regex(new RegExp(`^[${QUERY_CODE_ALPHABET}]{${QUERY_CODE_LENGTH}}$`), `查询码为 ${QUERY_CODE_LENGTH} 位字母或数字`)),
});
/** What the writer sees by the query code: their own entry and the reply, nothing of staff. */
export const publicFeedbackView = z.object({
  unitName: z.string(),
  kind: z.enum(feedbackKinds),
  text: z.string(),
  rating: z.number().int().nullable(),
  submittedOn: z.string(),
  status: z.enum(feedbackStatuses),
  statusLabel: z.string(),
  dueDay: z.string().nullable(),
  reply: z.string().nullable(),
  repliedOn: z.string().nullable(),
  published: z.boolean(),
});
export type PublicFeedbackView = z.infer<typeof publicFeedbackView>;

export const serviceCommitmentDto = z.object({ text: z.string() });
export const serviceSupervisorDto = z.object({ name: z.string(), affiliation: z.string(), phone: z.string() });
export type ServiceSupervisorDto = z.infer<typeof serviceSupervisorDto>;
export const publishedFeedbackDto = z.object({
  kind: z.enum(feedbackKinds),
  text: z.string(),
  submittedOn: z.string(),
  reply: z.string(),
  repliedOn: z.string(),
});
export type PublishedFeedbackDto = z.infer<typeof publishedFeedbackDto>;
/** The portal part of a unit's public page. */
export const publicPortalDto = z.object({
  commitments: z.array(z.string()),
  supervisors: z.array(serviceSupervisorDto),
  published: z.array(publishedFeedbackDto),
});
export type PublicPortalDto = z.infer<typeof publicPortalDto>;

// ---- staff: commitments and supervisors ----

export const MAX_COMMITMENTS = 30;
export const MAX_SUPERVISORS = 30;
export const commitmentsBody = z.object({
  items: z.array(required('承诺内容', 200), { message: '承诺应为列表' }).max(MAX_COMMITMENTS, `服务承诺最多 ${MAX_COMMITMENTS} 条`),
});
export const supervisorInput = z.object({
  name: required('监督员姓名', 30),
  affiliation: required('身份或单位', 60),
  /** a public contact phone, checked as a mainland number on the server */
  phone: required('联系电话', 20),
});
export const supervisorsBody = z.object({
  items: z.array(supervisorInput, { message: '监督员应为列表' }).max(MAX_SUPERVISORS, `服务监督员最多 ${MAX_SUPERVISORS} 名`),
});
export const unitServiceDto = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  commitments: z.array(z.string()),
  supervisors: z.array(serviceSupervisorDto),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type UnitServiceDto = z.infer<typeof unitServiceDto>;

// ---- staff: the entries ----

export const feedbackDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  kind: z.enum(feedbackKinds),
  kindLabel: z.string(),
  signature: z.enum(feedbackSignatures),
  /** the writer's name, or 匿名 */
  writerName: z.string(),
  phoneMasked: z.string().nullable(),
  text: z.string(),
  rating: z.number().int().nullable(),
  submittedAt: z.string(),
  submittedOn: z.string(),
  status: z.enum(feedbackStatuses),
  statusLabel: z.string(),
  open: z.boolean(),
  dueDay: z.string().nullable(),
  warning: z.enum(['none', 'yellow', 'red']),
  reply: z.string().nullable(),
  repliedOn: z.string().nullable(),
  repliedByName: z.string().nullable(),
  published: z.boolean(),
});
export type FeedbackDto = z.infer<typeof feedbackDto>;
export const feedbackPage = pageOf(feedbackDto);
export const feedbackDetail = feedbackDto.extend({
  log: z.array(caseActionLogDto),
  actions: z.array(z.object({ name: z.string(), label: z.string() })),
});
export type FeedbackDetail = z.infer<typeof feedbackDetail>;

export const feedbackSorts = ['submittedAt', 'dueDay', 'rating'] as const;
const filterShape = {
  orgUnitId: idSchema.optional(),
  status: z.enum(feedbackStatuses, { message: '状态不正确' }).optional(),
  kind: z.enum(feedbackKinds, { message: '类别不正确' }).optional(),
  published: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(30, '最多 30 个字').optional(),
};
export const feedbackListQuery = pageQuery.extend({
  ...filterShape,
  sort: z.enum(feedbackSorts, { message: '排序方式不正确' }).default('submittedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type FeedbackListQuery = z.infer<typeof feedbackListQuery>;
export const feedbackLedgerQuery = z.object(filterShape);
export type FeedbackLedgerQuery = z.infer<typeof feedbackLedgerQuery>;

const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);
/** reply 答复 (publish: show it on the public page at once), publish 公开, unpublish 撤回公开 */
export const feedbackActionBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('reply'), version, reply: required('答复内容', 1000), publish: z.boolean().default(false) }),
    z.object({ action: z.literal('publish'), version }),
    z.object({ action: z.literal('unpublish'), version }),
  ],
  { message: '操作不正确' },
);
export type FeedbackActionBody = z.infer<typeof feedbackActionBody>;
export const feedbackRevealDto = z.object({ value: z.string() });
