import { z } from '../zod-setup';
import { idSchema } from './common';
import { orgLevels } from './org-units';
import { applicationStatuses } from './applications';
import { stepLevels } from './service-items';
import { periodKind, periodSchema } from '../rules/periods';

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

// ---- 政策服务 (issue 13): applications and bookings of a unit's subtree for a period, from roll-ups ----

export const servicesDashboardQuery = z.object({ unitId: idSchema.optional(), period: periodSchema });
export type ServicesDashboardQuery = z.infer<typeof servicesDashboardQuery>;

const rate = z.number().nullable();
const bookingCounts = z.object({
  /** bookings for a day in the period, whatever became of them */
  bookings: z.number().int(),
  completed: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  /** booked or confirmed, not yet handled */
  open: z.number().int(),
  /** noShows / (completed + noShows), null when none was due */
  noShowRate: rate,
});
export type BookingCounts = z.infer<typeof bookingCounts>;
const oneRunCounts = z.object({
  /** applications closed in the period */
  closed: z.number().int(),
  /** of them, closed with at most one run (home service and delegated handling count zero) */
  atMostOneRun: z.number().int(),
  /** atMostOneRun / closed, null when none closed */
  oneRunRate: rate,
});
export type OneRunCounts = z.infer<typeof oneRunCounts>;

export const servicesDashboard = z.object({
  unit: z.object({ id: z.string(), name: z.string(), level: z.enum(orgLevels), parentId: z.string().nullable() }),
  period: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
  applications: oneRunCounts.extend({
    /** applications as they stand now, by item and status (not by period) */
    byItemStatus: z.array(z.object({ itemId: z.string(), itemName: z.string(), status: z.enum(applicationStatuses), n: z.number().int() })),
    /** opinions given by their due day, per step level (all periods) */
    steps: z.array(z.object({ level: z.enum(stepLevels), onTime: z.number().int(), late: z.number().int(), rate })),
  }),
  bookings: bookingCounts,
  /** each unit below (and 本级, what the unit holds itself, when it holds any) */
  children: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      level: z.enum(orgLevels),
      /** the unit's own remainder (本级): its figures without those of the units below */
      own: z.boolean(),
      hasChildren: z.boolean(),
      applications: oneRunCounts,
      bookings: bookingCounts,
    }),
  ),
});
export type ServicesDashboard = z.infer<typeof servicesDashboard>;

// ---- the figure catalogue and the dashboard of every level (issue 16) ----

export const figureUnits = ['count', 'percent', 'fen', 'days'] as const;
export const figureInfo = z.object({
  key: z.string(),
  module: z.string(),
  label: z.string(),
  formula: z.string(),
  unit: z.enum(figureUnits),
  kind: z.enum(['stock', 'flow']),
  /** a rate's two parts, by key */
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
});
export type FigureInfo = z.infer<typeof figureInfo>;
export const figureCatalogue = z.object({ items: z.array(figureInfo) });
export type FigureCatalogue = z.infer<typeof figureCatalogue>;

/** Any period kind: month, quarter, half-year or year. */
export const anyPeriodSchema = z.string().refine((p) => periodKind(p) !== null, '期间格式应为 YYYY-MM、YYYY-Q1 至 Q4、YYYY-H1/H2 或 YYYY');

export const overviewQuery = z.object({ unitId: idSchema.optional(), period: anyPeriodSchema });
export type OverviewQuery = z.infer<typeof overviewQuery>;

const figureValues = z.record(z.string(), z.number().nullable());
export const overviewDashboard = z.object({
  unit: z.object({ id: z.string(), name: z.string(), level: z.enum(orgLevels), path: z.string(), parentId: z.string().nullable() }),
  period: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  /** the oldest monthly figure row used (null when every number was counted live just now) */
  asOf: z.string().nullable(),
  /** the figures the reader may see (their modules' read permissions), in registration order */
  figures: z.array(figureInfo),
  values: figureValues,
  /** the keys shown for each unit below */
  childKeys: z.array(z.string()),
  children: z.array(z.object({ id: z.string(), name: z.string(), level: z.enum(orgLevels), hasChildren: z.boolean(), values: figureValues })),
});
export type OverviewDashboard = z.infer<typeof overviewDashboard>;
