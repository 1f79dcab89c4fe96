// The catalog of service items 服务事项 (Part 2 政策落实规范, §38 一次性告知, §44): what one can apply
// for, on what policy basis, who qualifies, the materials to bring, the levels that give an opinion
// (village committee → township station → county center, Part 2 二(二)(三)), the time each step may
// take, whether a public notice 公示 is required and for how long, who decides, fees and the result
// document. Items are data: a unit publishes an item and every unit below it inherits it; a county
// adds its own local items (本地优待). A figure the seed and RULES.md do not give ships empty (null),
// for the county to fill — never an invented policy figure.
import { z } from '../zod-setup';
import { idSchema, pageOf, pageQuery } from './common';

export const serviceItemKinds = ['national', 'local'] as const;
export type ServiceItemKind = (typeof serviceItemKinds)[number];
export const serviceItemKindLabels: Record<ServiceItemKind, string> = { national: '国家政策事项', local: '本地优待事项' };

/** How a material is handed in: the original shown, a copy kept, or both. */
export const materialForms = ['original', 'copy', 'originalAndCopy'] as const;
export type MaterialForm = (typeof materialForms)[number];
export const materialFormLabels: Record<MaterialForm, string> = { original: '原件', copy: '复印件', originalAndCopy: '原件及复印件' };

/** The levels that give an opinion on an application, bottom up (Part 2 二(二)(三)). */
export const stepLevels = ['village', 'township', 'county'] as const;
export type StepLevel = (typeof stepLevels)[number];
export const stepLevelLabels: Record<StepLevel, string> = {
  village: '村(社区)服务站',
  township: '乡镇(街道)服务站',
  county: '县级服务中心',
};

/** Days of a step counted as working days or natural days (the legal calendar, shared/rules/calendar). */
export const stepDayKinds = ['working', 'natural'] as const;
export type StepDayKind = (typeof stepDayKinds)[number];
export const stepDayKindLabels: Record<StepDayKind, string> = { working: '个工作日', natural: '日' };

/** Items that hand off to an existing case of another module instead of a generic application. */
export const serviceItemHandoffs = ['glory-plaque'] as const;
export type ServiceItemHandoff = (typeof serviceItemHandoffs)[number];
export const serviceItemHandoffLabels: Record<ServiceItemHandoff, string> = { 'glory-plaque': '光荣牌悬挂（转光荣牌办理）' };

export const serviceItemStatuses = ['active', 'retired'] as const;
export type ServiceItemStatus = (typeof serviceItemStatuses)[number];
export const serviceItemStatusLabels: Record<ServiceItemStatus, string> = { active: '在用', retired: '已停用' };

const text = (max: number, label: string) => z.string().trim().max(max, `${label}最多 ${max} 个字`).default('');
const required = (max: number, label: string) =>
  z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

export const materialSchema = z.object({
  name: required(60, '材料名称'),
  form: z.enum(materialForms, { message: '请选择材料形式（原件、复印件）' }),
  count: z.number({ message: '请填写份数' }).int('份数应为整数').min(1, '份数至少为 1').max(20, '份数最多为 20'),
  /** e.g. 本人身份证、户口簿; or "由村委会出具" */
  note: text(200, '材料备注'),
  /** false for a material the applicant brings only in some cases (the note says which) */
  required: z.boolean().default(true),
});
export type Material = z.infer<typeof materialSchema>;

export const stepSchema = z.object({
  level: z.enum(stepLevels, { message: '请选择出具意见的层级' }),
  /** what the step is called on the form, e.g. 村(居)委会意见 */
  label: required(30, '环节名称'),
  /** the time the step may take; null = not given by the sources, for the county to fill (no deadline until then) */
  days: z.number().int('时限应为整数').min(1, '时限至少 1 天').max(365, '时限最多 365 天').nullable(),
  dayKind: z.enum(stepDayKinds).default('working'),
});
export type Step = z.infer<typeof stepSchema>;

export const serviceItemBody = z
  .object({
    name: required(60, '事项名称'),
    kind: z.enum(serviceItemKinds, { message: '请选择事项类别' }),
    /** 政策依据: the laws and documents */
    policyBasis: text(2000, '政策依据'),
    /** 受理条件: who qualifies */
    eligibility: text(2000, '受理条件'),
    materials: z.array(materialSchema).max(40, '材料最多 40 项').default([]),
    /** the levels that give an opinion, in order, ending with the decision (at least the deciding level) */
    steps: z.array(stepSchema).min(1, '至少需要一个办理环节').max(6, '办理环节最多 6 个'),
    /** 公示: required or not */
    noticeRequired: z.boolean().default(false),
    /** days of the notice; null when not required, or required but the figure is for the county to fill */
    noticeDays: z.number().int('公示天数应为整数').min(1, '公示天数至少 1 天').max(60, '公示天数最多 60 天').nullable().default(null),
    /** 决定机关: who decides */
    decider: text(60, '决定机关'),
    /** 收费标准 */
    fee: z.string().trim().max(60, '收费标准最多 60 个字').default('不收费'),
    /** 办理结果: the result document */
    resultDocument: text(120, '办理结果'),
    /** 办理时限说明 (legal time limit in words, when the sources give one) */
    timeLimitNote: text(200, '办理时限说明'),
    handoff: z.enum(serviceItemHandoffs).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (!v.noticeRequired && v.noticeDays !== null) ctx.addIssue({ code: 'custom', path: ['noticeDays'], message: '不需公示的事项不填公示天数' });
    for (let i = 1; i < v.steps.length; i++) {
      if (stepLevels.indexOf(v.steps[i].level) < stepLevels.indexOf(v.steps[i - 1].level))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'level'], message: '办理环节应自下而上（村→乡镇→县）排列' });
    }
  });
export type ServiceItemBody = z.infer<typeof serviceItemBody>;

export const serviceItemCreate = serviceItemBody.and(
  z.object({
    /** the publishing unit (its subtree inherits the item); a county for local items */
    orgUnitId: idSchema,
    /**
     * 本地版本: the item published above this unit that this one stands in for (a county fills in the
     * figures a starter item leaves empty): the unit and its units see this one instead.
     */
    adaptsItemId: idSchema.optional(),
  }),
);
export type ServiceItemCreate = z.infer<typeof serviceItemCreate>;

export const serviceItemUpdate = serviceItemBody.and(
  z.object({ version: z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1) }),
);
export type ServiceItemUpdate = z.infer<typeof serviceItemUpdate>;

export const serviceItemRetire = z.object({
  version: z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1),
  retired: z.boolean(),
});

export const serviceItemListQuery = pageQuery.extend({
  /** the catalog as seen from this unit: its own items and those of the units above it (default: the caller's unit) */
  orgUnitId: idSchema.optional(),
  kind: z.enum(serviceItemKinds).optional(),
  status: z.enum(serviceItemStatuses).optional(),
  q: z.string().trim().max(30).optional(),
});
export type ServiceItemListQuery = z.infer<typeof serviceItemListQuery>;

export const serviceItemDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  kind: z.enum(serviceItemKinds),
  policyBasis: z.string(),
  eligibility: z.string(),
  materials: z.array(materialSchema),
  steps: z.array(stepSchema),
  noticeRequired: z.boolean(),
  noticeDays: z.number().int().nullable(),
  decider: z.string(),
  fee: z.string(),
  resultDocument: z.string(),
  timeLimitNote: z.string(),
  handoff: z.enum(serviceItemHandoffs).nullable(),
  status: z.enum(serviceItemStatuses),
  /** fields the sources leave for the county to fill, still empty (Chinese labels) */
  toFill: z.array(z.string()),
  updatedAt: z.string(),
  /** published inside the caller's range: a reviewer may edit it (else only adapt it, 本地版本) */
  mine: z.boolean(),
});
export type ServiceItemDto = z.infer<typeof serviceItemDto>;
export const serviceItemPage = pageOf(serviceItemDto);

/**
 * What an application (or a booking) keeps of its item at creation: later catalog edits do not
 * change it. Read through service-items' `serviceItemForUse`.
 */
export const serviceItemSnapshot = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  materials: z.array(materialSchema),
  steps: z.array(stepSchema),
  noticeRequired: z.boolean(),
  noticeDays: z.number().int().nullable(),
  decider: z.string(),
  resultDocument: z.string(),
  handoff: z.enum(serviceItemHandoffs).nullable(),
});
export type ServiceItemSnapshot = z.infer<typeof serviceItemSnapshot>;

/** The public catalog of a unit (no staff data). */
export const publicServiceItemDto = serviceItemDto.omit({ version: true, status: true, toFill: true, updatedAt: true, mine: true });
export type PublicServiceItemDto = z.infer<typeof publicServiceItemDto>;
