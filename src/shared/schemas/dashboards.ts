import { z } from '../zod-setup';
import { idSchema } from './common';
import { orgLevels } from './org-units';

export const countItem = z.object({ key: z.string(), label: z.string(), n: z.number().int() });
export type CountItem = z.infer<typeof countItem>;

export const registryDashboardQuery = z.object({ unitId: idSchema.optional() });
export const registryDashboard = z.object({
  unit: z.object({ id: z.string(), name: z.string(), level: z.enum(orgLevels), parentId: z.string().nullable() }),
  asOf: z.string(),
  totals: z.object({
    total: z.number().int(),
    living: z.number().int(),
    deceased: z.number().int(),
    priorityCare: z.number().int(),
    registered: z.number().int(),
    pending: z.number().int(),
    /** share of the seven situations filled, 0–1, over living recipients */
    completeness: z.number(),
  }),
  byGroup: z.array(countItem),
  byCare: z.array(countItem),
  byAgeBand: z.array(countItem),
  byDischarge: z.array(countItem),
  byEmployment: z.array(countItem),
  byStatus: z.array(countItem),
  byPlaque: z.array(countItem),
  children: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      level: z.enum(orgLevels),
      hasChildren: z.boolean(),
      total: z.number().int(),
      priorityCare: z.number().int(),
      registered: z.number().int(),
      pending: z.number().int(),
      completeness: z.number(),
    }),
  ),
});
export type RegistryDashboard = z.infer<typeof registryDashboard>;

export const ageBands = [
  { key: 'under30', label: '30岁以下', min: 0, max: 29 },
  { key: '30-39', label: '30-39岁', min: 30, max: 39 },
  { key: '40-49', label: '40-49岁', min: 40, max: 49 },
  { key: '50-59', label: '50-59岁', min: 50, max: 59 },
  { key: '60-69', label: '60-69岁', min: 60, max: 69 },
  { key: '70-79', label: '70-79岁', min: 70, max: 79 },
  { key: '80plus', label: '80岁及以上', min: 80, max: 200 },
] as const;

export const plaqueStatusLabels: Record<string, string> = { waiting: '待悬挂', hung: '已悬挂', replaced: '已更换', revoked: '已撤销' };
