// Party members 退役军人党员 (issue 15; seed §16 "将每名退役军人党员及时编入一个党支部", Part 3 四(六)
// "为退役军人党员转接组织关系提供一站式服务"): the party branches 党支部 a unit keeps, a member's branch
// and joined day (whether a recipient is a party member is the registry's 政治面貌: cpcMember /
// cpcProbationary), the list of members without a branch, and the organisation transfer 组织关系转接
// as a kernel case (letter issued → reported to the new branch → received), with its time limit per
// county and the figure of transfers done on time.
import { z } from '../zod-setup';
import { periodSchema } from '../rules/periods';
import { caseActionLogDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);
/** The field helpers, for the branch meetings and volunteer teams (party-life.ts). */
export { day as partyDay, text as partyText, required as partyRequired, version as partyVersion };

// ---- branches 党支部 ----

export const partyBranchKinds = ['veterans', 'village', 'community', 'organ', 'enterprise', 'other'] as const;
export type PartyBranchKind = (typeof partyBranchKinds)[number];
export const partyBranchKindLabels: Record<PartyBranchKind, string> = {
  veterans: '退役军人党支部',
  village: '村党支部',
  community: '社区党支部',
  organ: '机关事业单位党支部',
  enterprise: '企业党支部',
  other: '其他党支部',
};

export const partyBranchInput = z.object({
  orgUnitId: idSchema,
  name: required('支部名称', 100),
  kind: z.enum(partyBranchKinds, { message: '请选择支部类别' }),
  secretary: text(50),
  contact: text(50),
});
export type PartyBranchInput = z.infer<typeof partyBranchInput>;
export const partyBranchUpdate = partyBranchInput.omit({ orgUnitId: true }).extend({ version, active: z.boolean({ message: '请选择是否启用' }) });
export type PartyBranchUpdate = z.infer<typeof partyBranchUpdate>;

export const partyBranchDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  kind: z.enum(partyBranchKinds),
  secretary: z.string(),
  contact: z.string(),
  active: z.boolean(),
  /** members whose branch this is */
  memberCount: z.number().int(),
  canEdit: z.boolean(),
  updatedAt: z.string(),
});
export type PartyBranchDto = z.infer<typeof partyBranchDto>;
export const partyBranchList = z.object({ items: z.array(partyBranchDto) });
export const partyBranchQuery = z.object({
  orgUnitId: idSchema.optional(),
  active: z.enum(['true', 'false'], { message: '启用筛选不正确' }).optional(),
});
export type PartyBranchQuery = z.infer<typeof partyBranchQuery>;

// ---- members 党员 ----

export const partyMemberKinds = ['member', 'probationary'] as const;
export type PartyMemberKind = (typeof partyMemberKinds)[number];
export const partyMemberKindLabels: Record<PartyMemberKind, string> = { member: '正式党员', probationary: '预备党员' };

export const partyMemberDto = z.object({
  recipientId: z.string(),
  name: z.string(),
  idMasked: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** from the registry's 政治面貌 */
  kind: z.enum(partyMemberKinds),
  joinedOn: z.string().nullable(),
  branchId: z.string().nullable(),
  branchName: z.string().nullable(),
  /** version of the membership row (0: none recorded yet) */
  version: z.number().int(),
  /** an open organisation transfer */
  openTransferId: z.string().nullable(),
});
export type PartyMemberDto = z.infer<typeof partyMemberDto>;
export const partyMemberPage = pageOf(partyMemberDto);

const memberFilter = {
  orgUnitId: idSchema.optional(),
  branchId: idSchema.optional(),
  /** members not in any branch (§16) */
  withoutBranch: z.enum(['true', 'false'], { message: '未编入支部筛选不正确' }).optional(),
  kind: z.enum(partyMemberKinds, { message: '党员类别不正确' }).optional(),
  name: z.string().trim().max(20, '姓名最多 20 个字').optional(),
};
export const partyMemberQuery = pageQuery.extend(memberFilter);
export type PartyMemberQuery = z.infer<typeof partyMemberQuery>;
export const partyMemberLedgerQuery = z.object(memberFilter);
export type PartyMemberLedgerQuery = z.infer<typeof partyMemberLedgerQuery>;
export const PARTY_MEMBER_LEDGER_TITLE = '退役军人党员台账';

/** Sets a member's joined day and branch (the branch of the member's unit or above; null: none). */
export const partyMembershipInput = z.object({
  /** the membership row's version (0 when none is recorded yet) */
  version: z.number({ message: '缺少版本号，请刷新后重试' }).int().min(0),
  joinedOn: day('入党日期').nullable(),
  branchId: idSchema.nullable(),
});
export type PartyMembershipInput = z.infer<typeof partyMembershipInput>;

// ---- organisation transfers 组织关系转接 ----

export const partyTransferStatuses = ['issued', 'reported', 'done', 'cancelled'] as const;
export type PartyTransferStatus = (typeof partyTransferStatuses)[number];
export const partyTransferStatusLabels: Record<PartyTransferStatus, string> = {
  issued: '已开具介绍信（待报到）',
  reported: '已报到（待接收）',
  done: '转接完成',
  cancelled: '已撤销',
};

/**
 * Natural days within which a transfer is to be done, from the day the letter was issued, when the
 * county has set none. The seed (§16, Part 3 四(六)) and RULES.md give no figure: 90 days (about three
 * months) is this deployment's default, changed per county in the settings.
 */
export const PARTY_TRANSFER_DEFAULT_DAYS = 90;

export const partyTransferCreate = z
  .object({
    recipientId: idSchema,
    orgUnitId: idSchema,
    /** the branch the member leaves: one in the tree, or outside with a name */
    fromBranchId: idSchema.nullable().default(null),
    fromName: text(100),
    toBranchId: idSchema.nullable().default(null),
    toName: text(100),
    letterNo: required('介绍信编号', 50),
    letterIssuedOn: day('介绍信开具日期'),
    note: text(500),
  })
  .superRefine((v, ctx) => {
    if (!v.fromBranchId && !v.fromName) ctx.addIssue({ code: 'custom', path: ['fromName'], message: '请选择转出支部，或填写系统外的转出党组织名称' });
    if (!v.toBranchId && !v.toName) ctx.addIssue({ code: 'custom', path: ['toName'], message: '请选择转入支部，或填写系统外的转入党组织名称' });
    if (v.fromBranchId && v.fromBranchId === v.toBranchId) ctx.addIssue({ code: 'custom', path: ['toBranchId'], message: '转入支部不能与转出支部相同' });
  });
export type PartyTransferCreate = z.infer<typeof partyTransferCreate>;
export const partyTransferReport = z.object({ version, reportedOn: day('报到日期'), note: text(500) });
export type PartyTransferReport = z.infer<typeof partyTransferReport>;
export const partyTransferComplete = z.object({ version, doneOn: day('接收日期'), note: text(500) });
export type PartyTransferComplete = z.infer<typeof partyTransferComplete>;
export const partyTransferCancel = z.object({ version, reason: required('撤销原因', 500) });
export type PartyTransferCancel = z.infer<typeof partyTransferCancel>;

export const partyTransferDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  recipientIdMasked: z.string(),
  fromBranchId: z.string().nullable(),
  fromName: z.string(),
  toBranchId: z.string().nullable(),
  toName: z.string(),
  letterNo: z.string(),
  letterIssuedOn: z.string(),
  limitDays: z.number().int(),
  status: z.enum(partyTransferStatuses),
  dueDay: z.string().nullable(),
  reportedOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  /** open and past its due day */
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  /** done on or before its due day */
  onTime: z.boolean().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartyTransferDto = z.infer<typeof partyTransferDto>;
export const partyTransferDetail = partyTransferDto.extend({ log: z.array(caseActionLogDto), canEdit: z.boolean() });
export type PartyTransferDetail = z.infer<typeof partyTransferDetail>;
export const partyTransferPage = pageOf(partyTransferDto);

const transferFilter = {
  orgUnitId: idSchema.optional(),
  recipientId: idSchema.optional(),
  status: z.enum(partyTransferStatuses, { message: '状态不正确' }).optional(),
  overdue: z.enum(['true', 'false'], { message: '超期筛选不正确' }).optional(),
  /** done in this period (YYYY-MM, YYYY-Qn, YYYY) */
  donePeriod: periodSchema.optional(),
  onTime: z.enum(['true', 'false'], { message: '按时筛选不正确' }).optional(),
};
export const partyTransferQuery = pageQuery.extend(transferFilter);
export type PartyTransferQuery = z.infer<typeof partyTransferQuery>;
export const partyTransferLedgerQuery = z.object(transferFilter);
export type PartyTransferLedgerQuery = z.infer<typeof partyTransferLedgerQuery>;
export const PARTY_TRANSFER_LEDGER_TITLE = '组织关系转接台账';

/** Transfers done in a period by child unit of the chosen unit: on time, late. */
export const partyTransferFiguresQuery = z.object({ orgUnitId: idSchema.optional(), period: periodSchema });
export type PartyTransferFiguresQuery = z.infer<typeof partyTransferFiguresQuery>;
export const partyTransferFigureRow = z.object({ orgUnitId: z.string(), orgUnitName: z.string(), done: z.number().int(), onTime: z.number().int(), late: z.number().int() });
export const partyTransferFigures = z.object({
  orgUnitId: z.string(),
  period: z.string(),
  rows: z.array(partyTransferFigureRow),
  total: partyTransferFigureRow.omit({ orgUnitId: true, orgUnitName: true }),
  /** open transfers past their due day, as of today */
  overdueOpen: z.number().int(),
});
export type PartyTransferFigures = z.infer<typeof partyTransferFigures>;

// ---- settings 转接时限 (per county) ----

export const PARTY_SETTING_KEY_PREFIX = 'party_transfer_days:';
export const partySettingsQuery = z.object({ countyId: idSchema });
export const partySettingsBody = z.object({
  countyId: idSchema,
  transferDays: z.number({ message: '请填写转接时限' }).int('转接时限应为整数').min(7, '转接时限不少于 7 天').max(365, '转接时限不超过 365 天'),
});
export type PartySettingsBody = z.infer<typeof partySettingsBody>;
export const partySettingsView = z.object({ countyId: z.string(), countyName: z.string(), transferDays: z.number().int(), isDefault: z.boolean(), mayEdit: z.boolean() });
export type PartySettingsView = z.infer<typeof partySettingsView>;

/** The party panel of a recipient's page. */
export const partyOfRecipient = z.object({
  member: partyMemberDto.nullable(),
  transfers: z.array(partyTransferDto),
  canEdit: z.boolean(),
});
export type PartyOfRecipient = z.infer<typeof partyOfRecipient>;
