// Rights cases 权益维护 (seed Part 9, SPEC §8): a policy not applied or a right harmed, by whom,
// for a registry person; verification and supervision 核查督办 (Part 9 三(三)) with supervision
// notices to the responsible body, follow-up contacts, escalation and the outcome; a recorded
// policy explanation for a request outside policy (三(六)); a reasonable request outside current
// policy reported up (四(一)). The kernel's 督办 (shared/schemas/supervision) also applies.
import { z } from '../zod-setup';
import { caseActionLogDto, caseFileDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';
import { assignInput, caseSupervisionDto, replyReviewInput, superviseInput, supervisionReplyInput } from './supervision';

export const RIGHTS_CASE_TYPE = 'rights';
/** 核查: working days from opening for the verification (a product default; Part 9 names none). */
export const RIGHTS_VERIFY_DAYS = 15;
/** The longest time a supervision notice to the responsible body may give, in working days. */
export const RIGHTS_NOTICE_MAX_DAYS = 60;

export const rightsKinds = ['preferential', 'placement', 'employment', 'socialInsurance', 'medical', 'education', 'housing', 'honor', 'other'] as const;
export type RightsKind = (typeof rightsKinds)[number];
export const rightsKindLabels: Record<RightsKind, string> = {
  preferential: '优抚待遇未落实',
  placement: '安置待遇未落实',
  employment: '就业创业扶持或劳动权益',
  socialInsurance: '社会保险接续',
  medical: '医疗保障',
  education: '子女教育优待',
  housing: '住房保障',
  honor: '荣誉名誉受损',
  other: '其他合法权益受损',
};

export const partyKinds = ['employer', 'office', 'school', 'other'] as const;
export type PartyKind = (typeof partyKinds)[number];
export const partyKindLabels: Record<PartyKind, string> = { employer: '用人单位', office: '机关部门', school: '学校', other: '其他' };

export const rightsSources = ['desk', 'petition', 'followUp'] as const;
export type RightsSource = (typeof rightsSources)[number];
export const rightsSourceLabels: Record<RightsSource, string> = { desk: '窗口登记', petition: '信访转入', followUp: '走访发现' };

export const rightsStatuses = ['verifying', 'supervising', 'closed', 'explained'] as const;
export type RightsStatus = (typeof rightsStatuses)[number];
export const rightsStatusLabels: Record<RightsStatus, string> = { verifying: '核查中', supervising: '督办中', closed: '已办结', explained: '已解释说明' };

export const verifyMethods = ['site', 'phone', 'records', 'meeting'] as const;
export const verifyMethodLabels: Record<(typeof verifyMethods)[number], string> = { site: '实地核查', phone: '电话核实', records: '查阅档案', meeting: '约谈' };
export const conclusions = ['founded', 'outsidePolicy', 'unfounded'] as const;
export type Conclusion = (typeof conclusions)[number];
export const conclusionLabels: Record<Conclusion, string> = { founded: '情况属实，应予维护', outsidePolicy: '诉求不符合政策规定', unfounded: '反映情况不实' };
export const rightsOutcomes = ['resolved', 'partly', 'unresolved'] as const;
export type RightsOutcome = (typeof rightsOutcomes)[number];
export const rightsOutcomeLabels: Record<RightsOutcome, string> = { resolved: '已解决', partly: '部分解决', unresolved: '未能解决' };

export const rightsActions = ['verify', 'notify', 'contact', 'escalate', 'explain', 'reportUp', 'close', 'supervise', 'supervisionReply', 'assign', 'assignmentReply', 'assignmentAccept', 'assignmentReturn'] as const;
export type RightsAction = (typeof rightsActions)[number];
export const rightsActionLabels: Record<RightsAction, string> = {
  verify: '核查',
  notify: '发出督办通知',
  contact: '跟进联系',
  escalate: '提请上级督办',
  explain: '政策解释',
  reportUp: '上报政策建议',
  close: '办结',
  supervise: '督办',
  supervisionReply: '回复督办',
  assign: '交办',
  assignmentReply: '登记交办回复',
  assignmentAccept: '采纳交办回复',
  assignmentReturn: '退回交办回复',
};

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

export const rightsCreate = z.object({
  recipientId: idSchema,
  orgUnitId: idSchema,
  kind: z.enum(rightsKinds, { message: '请选择权益类别' }),
  /** which policy was not applied, or which right was harmed */
  policy: required('未落实的政策或受损的权益', 200),
  partyKind: z.enum(partyKinds, { message: '请选择责任主体类别' }),
  partyName: required('责任主体名称', 100),
  facts: required('基本事实', 4000),
  request: required('当事人诉求', 2000),
  openedOn: day('登记日期'),
  /** opened from a petition of the caller's range */
  fromPetitionId: idSchema.nullable().default(null),
  /** opened from a visit's follow-up 反映问题 (visits closes it as passed on) */
  fromFollowUpId: idSchema.nullable().default(null),
});
export type RightsCreate = z.infer<typeof rightsCreate>;

const base = { comment: z.string().trim().max(1000, '意见最多 1000 个字').default(''), version };
const noticeDays = z.number({ message: '请填写回复期限（工作日）' }).int('回复期限应为整数天').min(1, '回复期限至少 1 个工作日').max(RIGHTS_NOTICE_MAX_DAYS, `回复期限最多 ${RIGHTS_NOTICE_MAX_DAYS} 个工作日`);

export const rightsActionBody = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('verify'),
      ...base,
      verifiedOn: day('核查日期'),
      method: z.enum(verifyMethods, { message: '请选择核查方式' }),
      verifiers: required('核查人员', 100),
      findings: required('核查情况', 4000),
      conclusion: z.enum(conclusions, { message: '请选择核查结论' }),
    }),
    z.object({ action: z.literal('notify'), ...base, sentOn: day('通知日期'), content: required('督办通知内容', 2000), replyDays: noticeDays }),
    z.object({
      action: z.literal('contact'),
      ...base,
      contactedOn: day('联系日期'),
      contactWith: required('联系对象', 100),
      way: z.enum(['visit', 'phone', 'letter', 'meeting'], { message: '请选择联系方式' }),
      content: required('联系情况', 2000),
    }),
    z.object({ action: z.literal('escalate'), ...base, reason: required('提请上级督办的理由', 1000) }),
    z.object({ action: z.literal('explain'), ...base, explainedOn: day('解释日期'), basis: required('政策依据', 500), explanation: required('解释说明和疏导情况', 4000) }),
    z.object({ action: z.literal('reportUp'), ...base, reportedOn: day('上报日期'), reportTo: required('上报对象', 100), suggestion: required('评估意见和建议', 4000) }),
    z.object({ action: z.literal('close'), ...base, closedOn: day('办结日期'), outcome: z.enum(rightsOutcomes, { message: '请选择办理结果' }), result: required('办理结果', 4000) }),
    z.object({ action: z.literal('supervise'), ...base, ...superviseInput.shape }),
    z.object({ action: z.literal('supervisionReply'), ...base, ...supervisionReplyInput.shape }),
    z.object({ action: z.literal('assign'), ...base, ...assignInput.shape }),
    z.object({ action: z.literal('assignmentReply'), ...base, ...supervisionReplyInput.shape }),
    z.object({ action: z.literal('assignmentAccept'), ...base, ...replyReviewInput.shape }),
    z.object({ action: z.literal('assignmentReturn'), ...base, ...replyReviewInput.shape }),
  ],
  { error: '请选择操作' },
);
export type RightsActionBody = z.infer<typeof rightsActionBody>;

export const rightsNoticeDto = z.object({ seq: z.number().int(), sentOn: z.string(), content: z.string(), replyDays: z.number().int(), dueDay: z.string() });

export const rightsListItem = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  recipientIdMasked: z.string(),
  kind: z.enum(rightsKinds),
  partyKind: z.enum(partyKinds),
  partyName: z.string(),
  source: z.enum(rightsSources),
  openedOn: z.string(),
  status: z.enum(rightsStatuses),
  statusLabel: z.string(),
  dueDay: z.string().nullable(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  conclusion: z.enum(conclusions).nullable(),
  noticeCount: z.number().int(),
  closedOn: z.string().nullable(),
  outcome: z.enum(rightsOutcomes).nullable(),
  onTime: z.boolean().nullable(),
  updatedAt: z.string(),
});
export type RightsListItem = z.infer<typeof rightsListItem>;
export const rightsPage = pageOf(rightsListItem);

export const rightsDetail = rightsListItem.extend({
  policy: z.string(),
  facts: z.string(),
  request: z.string(),
  sourceId: z.string().nullable(),
  verification: z
    .object({ verifiedOn: z.string(), method: z.enum(verifyMethods), verifiers: z.string(), findings: z.string(), conclusion: z.enum(conclusions) })
    .nullable(),
  notices: z.array(rightsNoticeDto),
  contacts: z.array(z.object({ contactedOn: z.string(), contactWith: z.string(), way: z.string(), content: z.string(), actorName: z.string() })),
  escalations: z.array(z.object({ fromUnitName: z.string(), toUnitName: z.string(), on: z.string(), reason: z.string() })),
  explanation: z.object({ explainedOn: z.string(), basis: z.string(), explanation: z.string() }).nullable(),
  reports: z.array(z.object({ reportedOn: z.string(), reportTo: z.string(), suggestion: z.string(), actorName: z.string() })),
  result: z.string().nullable(),
  supervisions: z.array(caseSupervisionDto),
  /** evidence 证据材料 (files of the case) */
  evidence: z.array(caseFileDto),
  log: z.array(caseActionLogDto),
  actions: z.array(z.object({ name: z.enum(rightsActions), label: z.string() })),
});
export type RightsDetail = z.infer<typeof rightsDetail>;

export const rightsSorts = ['openedOn', 'dueDay', 'updatedAt'] as const;
const filterShape = {
  orgUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
  status: z.enum(rightsStatuses, { message: '状态不正确' }).optional(),
  kind: z.enum(rightsKinds, { message: '权益类别不正确' }).optional(),
  partyKind: z.enum(partyKinds, { message: '责任主体类别不正确' }).optional(),
  open: z.enum(['true', 'false'], { message: '筛选不正确' }).optional(),
  overdue: z.enum(['true', 'false'], { message: '超期筛选不正确' }).optional(),
  openedFrom: day('开始日期').optional(),
  openedTo: day('结束日期').optional(),
};
export const rightsListQuery = pageQuery.extend({
  ...filterShape,
  sort: z.enum(rightsSorts, { message: '排序方式不正确' }).default('openedOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type RightsListQuery = z.infer<typeof rightsListQuery>;
/** The ledger: the list's filter; ID numbers are always masked (as the support plans' ledger). */
export const rightsLedgerQuery = z.object(filterShape);
export type RightsLedgerQuery = z.infer<typeof rightsLedgerQuery>;

/** Figures for a period: cases opened, closed (on time or late) and open (overdue or not). */
export const rightsFiguresQuery = z.object({ orgUnitId: idSchema.optional(), from: day('开始日期'), to: day('结束日期') });
export type RightsFiguresQuery = z.infer<typeof rightsFiguresQuery>;
export const rightsFigures = z.object({
  from: z.string(),
  to: z.string(),
  opened: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  closedLate: z.number().int(),
  open: z.number().int(),
  openOverdue: z.number().int(),
  byKind: z.array(z.object({ kind: z.enum(rightsKinds), label: z.string(), opened: z.number().int() })),
});
export type RightsFigures = z.infer<typeof rightsFigures>;

export const RIGHTS_LEDGER_TITLE = '权益维护案件台账';

/** The evidence files of a rights case and whether more may be uploaded (while it is open). */
export const rightsEvidenceDto = z.object({ open: z.boolean(), items: z.array(caseFileDto) });
export type RightsEvidenceDto = z.infer<typeof rightsEvidenceDto>;
