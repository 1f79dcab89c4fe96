// Glory plaques 光荣牌 (国办发〔2018〕72号, RULES.md "Glory plaques"): one per household, whatever the
// number of grounds; certificate holders without asking, other households on application; hung by
// the county with the 人武部, replaced after a move or damage, revoked with a reason.
import { z } from '../zod-setup';
import { caseActionLogDto } from './cases';
import { idSchema, pageOf, pageQuery } from './common';

/** The case type of a plaque in the case kernel (the plaque's id is its case's id). */
export const PLAQUE_CASE_TYPE = 'glory-plaque';

export const plaqueStatuses = ['waiting', 'hung', 'replaced', 'revoked'] as const;
export type PlaqueStatus = (typeof plaqueStatuses)[number];
export const plaqueStatusLabels: Record<PlaqueStatus, string> = {
  waiting: '待悬挂',
  hung: '已悬挂',
  replaced: '已更换',
  revoked: '已撤销',
};

/** How the household came to the plaque: a certificate holder's without asking, or an application. */
export const plaqueBases = ['certificate', 'application'] as const;
export type PlaqueBasis = (typeof plaqueBases)[number];
export const plaqueBasisLabels: Record<PlaqueBasis, string> = {
  certificate: '持证（无需申请）',
  application: '本人申请',
};

/** The grounds 悬挂依据 a household's members give it. */
export const plaqueGrounds = ['martyrFamily', 'dutyDeathFamily', 'illnessDeathFamily', 'militaryFamily', 'veteranFamily'] as const;
export type PlaqueGround = (typeof plaqueGrounds)[number];
export const plaqueGroundLabels: Record<PlaqueGround, string> = {
  martyrFamily: '烈属',
  dutyDeathFamily: '因公牺牲军人遗属',
  illnessDeathFamily: '病故军人遗属',
  militaryFamily: '军属',
  veteranFamily: '退役军人家庭',
};

export const replaceReasons = ['move', 'damage', 'other'] as const;
export type ReplaceReason = (typeof replaceReasons)[number];
export const replaceReasonLabels: Record<ReplaceReason, string> = { move: '搬迁', damage: '损坏', other: '其他' };

export const revokeReasons = ['criminal', 'dismissed', 'expelled', 'other'] as const;
export type RevokeReason = (typeof revokeReasons)[number];
export const revokeReasonLabels: Record<RevokeReason, string> = {
  criminal: '受到刑事处罚',
  dismissed: '被除名',
  expelled: '被开除军籍',
  other: '其他',
};

// ---- requests ----

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);

/** A photo of the hung plaque, downscaled in the browser (≤1600 px JPEG), at most 3 MB. */
export const plaquePhoto = z.object({
  name: z.string().trim().min(1).max(120),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp'], { message: '照片只能是 JPG、PNG 或 WEBP 图片' }),
  dataBase64: z.string().min(1).max(4_200_000, '照片不能超过 3 MB').regex(/^[A-Za-z0-9+/=]+$/, '照片编码不正确'),
});
export type PlaquePhoto = z.infer<typeof plaquePhoto>;

export const plaqueCreate = z
  .object({
    householdId: idSchema,
    basis: z.enum(plaqueBases, { message: '请选择悬挂依据（持证或申请）' }),
    /** the application's date; required for an application */
    appliedOn: day('申请日期').nullable().default(null),
    /** who applied (a parent, spouse or child), free text */
    applicant: text(30),
    note: text(300),
  })
  .superRefine((v, ctx) => {
    if (v.basis === 'application' && !v.appliedOn) ctx.addIssue({ code: 'custom', path: ['appliedOn'], message: '按申请登记须填写申请日期' });
  });
export type PlaqueCreate = z.infer<typeof plaqueCreate>;

export const plaqueHang = z.object({
  version,
  hungOn: day('悬挂日期'),
  hungBy: z.string({ message: '请填写悬挂人' }).trim().min(1, '请填写悬挂人').max(60, '悬挂人最多 60 个字'),
  photo: plaquePhoto.nullable().default(null),
  note: text(300),
});
export type PlaqueHang = z.infer<typeof plaqueHang>;

export const plaqueReplace = z
  .object({
    version,
    replacedOn: day('更换日期'),
    reason: z.enum(replaceReasons, { message: '请选择更换原因' }),
    /** who hung the new plaque; the former one stays when empty */
    hungBy: text(60),
    photo: plaquePhoto.nullable().default(null),
    note: text(300),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '更换原因为“其他”时须说明情况' });
  });
export type PlaqueReplace = z.infer<typeof plaqueReplace>;

export const plaqueRevoke = z
  .object({
    version,
    revokedOn: day('撤销日期'),
    reason: z.enum(revokeReasons, { message: '请选择撤销原因' }),
    note: text(300),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '撤销原因为“其他”时须说明情况' });
  });
export type PlaqueRevoke = z.infer<typeof plaqueRevoke>;

const listFilters = {
  status: z.enum(plaqueStatuses).optional(),
  /** a unit of the caller's scope: the plaques of its subtree */
  orgUnitId: idSchema.optional(),
  basis: z.enum(plaqueBases).optional(),
  ground: z.enum(plaqueGrounds).optional(),
  /** the plaque of one household (the recipient page shows it) */
  householdId: idSchema.optional(),
  /** only those still waiting to be hung */
  waitingOnly: z.enum(['true', 'false']).optional(),
};
export const plaqueListQuery = pageQuery.extend(listFilters);
export type PlaqueListQuery = z.infer<typeof plaqueListQuery>;
export const plaqueLedgerQuery = z.object(listFilters);
export type PlaqueLedgerQuery = z.infer<typeof plaqueLedgerQuery>;

export const eligibleQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  /** only households with a certificate holder (eligible without asking) */
  certified: z.enum(['true', 'false']).optional(),
});
export type EligibleQuery = z.infer<typeof eligibleQuery>;

// ---- DTOs ----

export const plaqueDto = z.object({
  id: z.string(),
  version: z.number().int(),
  householdId: z.string(),
  headRecipientId: z.string().nullable(),
  headName: z.string(),
  address: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** 所属村(社区): the village of a grid, else the unit itself */
  villageName: z.string(),
  status: z.enum(plaqueStatuses),
  basis: z.enum(plaqueBases),
  grounds: z.array(z.enum(plaqueGrounds)),
  appliedOn: z.string().nullable(),
  applicant: z.string(),
  hungOn: z.string().nullable(),
  hungBy: z.string(),
  hasPhoto: z.boolean(),
  replacedOn: z.string().nullable(),
  replaceReason: z.enum(replaceReasons).nullable(),
  replaceCount: z.number().int(),
  revokedOn: z.string().nullable(),
  revokeReason: z.enum(revokeReasons).nullable(),
  revokeNote: z.string(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlaqueDto = z.infer<typeof plaqueDto>;
export const plaquePage = pageOf(plaqueDto);

export const plaqueEvent = z.object({
  action: z.enum(['register', 'hang', 'replace', 'revoke']),
  at: z.string(),
  actorName: z.string(),
  /** the day the event names (applied, hung, replaced, revoked) */
  day: z.string().nullable(),
  detail: z.string(),
});
export type PlaqueEvent = z.infer<typeof plaqueEvent>;
export const plaqueEventLabels: Record<PlaqueEvent['action'], string> = { register: '登记', hang: '悬挂', replace: '更换', revoke: '撤销' };

export const householdMemberDto = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  /** what the member gives the household, or null (not registered, deceased, or no ground) */
  ground: z.enum(plaqueGrounds).nullable(),
  certificateHolder: z.boolean(),
  isHead: z.boolean(),
});

export const plaqueDetail = plaqueDto.extend({
  /** the case log read as plaque events (day and detail), oldest first */
  history: z.array(plaqueEvent),
  /** the kernel's action log of the plaque's case, with each entry's data */
  log: z.array(caseActionLogDto),
  members: z.array(householdMemberDto),
});
export type PlaqueDetail = z.infer<typeof plaqueDetail>;

export const eligibleHousehold = z.object({
  householdId: z.string(),
  headRecipientId: z.string().nullable(),
  headName: z.string(),
  address: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  villageName: z.string(),
  grounds: z.array(z.enum(plaqueGrounds)),
  /** a survivor with a martyr/duty-death/illness-death certificate or a disabled veteran with a 残疾军人证: no application needed */
  certificateHolder: z.boolean(),
  members: z.array(householdMemberDto),
});
export type EligibleHousehold = z.infer<typeof eligibleHousehold>;
export const eligiblePage = pageOf(eligibleHousehold);
