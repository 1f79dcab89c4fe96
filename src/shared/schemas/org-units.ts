import { z } from '../zod-setup';
import { idSchema, pageOf, pageQuery } from './common';

export const orgLevels = ['province', 'city', 'county', 'township', 'village', 'grid'] as const;
export type OrgLevel = (typeof orgLevels)[number];
export const orgLevelLabels: Record<OrgLevel, string> = {
  province: '省',
  city: '市',
  county: '县(区)',
  township: '乡镇(街道)',
  village: '村(社区)',
  grid: '网格',
};
/** Digits of the official code at each level; a grid adds 3 local digits to its village code. */
export const codeLengthByLevel: Record<OrgLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
  grid: 15,
};
export function childLevelOf(level: OrgLevel): OrgLevel | null {
  const i = orgLevels.indexOf(level);
  return i >= 0 && i < orgLevels.length - 1 ? orgLevels[i + 1] : null;
}

export const orgUnitDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(orgLevels),
  code: z.string(),
  name: z.string(),
  path: z.string(),
  address: z.string(),
  phone: z.string(),
  officeHours: z.string(),
  headName: z.string(),
  active: z.boolean(),
  childCount: z.number().int(),
  datasetYear: z.number().int().nullable(),
});
export type OrgUnitDto = z.infer<typeof orgUnitDto>;

export const orgUnitListQuery = pageQuery.extend({
  parentId: idSchema.optional(),
  level: z.enum(orgLevels).optional(),
  q: z.string().trim().max(50).optional(),
});
export const orgUnitPage = pageOf(orgUnitDto);

const phoneField = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9\-+() ]*$/, '电话只能包含数字、空格和 - + ( )');

const editableFields = {
  name: z.string().trim().min(1, '请填写名称').max(60),
  address: z.string().trim().max(200),
  phone: phoneField,
  officeHours: z.string().trim().max(100),
  headName: z.string().trim().max(30),
};

export const orgUnitEditable = z.object({
  ...editableFields,
  address: editableFields.address.default(''),
  phone: editableFields.phone.default(''),
  officeHours: editableFields.officeHours.default(''),
  headName: editableFields.headName.default(''),
});

export const orgUnitCreate = orgUnitEditable.extend({
  parentId: idSchema,
  /** Official division code; for a grid leave empty and the next local number is used. */
  code: z
    .string()
    .trim()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/, '区划代码应为 2、4、6、9、12 位数字（网格为 15 位）')
    .optional(),
});
export type OrgUnitCreate = z.infer<typeof orgUnitCreate>;
/** A PATCH changes only the fields it names: no defaults here, or omitted fields would be blanked. */
export const orgUnitUpdate = z.object(editableFields).partial();
export type OrgUnitUpdate = z.infer<typeof orgUnitUpdate>;
export const orgUnitMove = z.object({ newParentId: idSchema });
export const orgUnitMerge = z.object({ targetId: idSchema });

export const publicUnitDto = z.object({
  id: z.string(),
  level: z.enum(orgLevels),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  officeHours: z.string(),
  headName: z.string(),
  childCount: z.number().int(),
});
export const publicStaffDto = z.object({
  displayName: z.string(),
  title: z.string(),
  workPhone: z.string(),
});
export const publicUnitDetail = publicUnitDto.extend({
  parent: publicUnitDto.nullable(),
  ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
  staff: z.array(publicStaffDto),
  children: z.array(publicUnitDto),
});
export const publicDirectoryQuery = z.object({ q: z.string().trim().max(50).optional() });
export const publicDirectory = z.object({ roots: z.array(publicUnitDto), matches: z.array(publicUnitDto) });
