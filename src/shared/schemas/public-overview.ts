// 我的: the public account's own page (issue 13; VA.gov's My VA is the model). One overview of
// everything the person has with us, gathered from the modules as sections of one shape, so a
// module adds its section (applications, appointments, aid, job matches, surveys…) without the
// page learning anything new. Only the account's own records: its own submissions, or records of
// the registry person whose ID number hash is the account's.
import { z } from '../zod-setup';

export const overviewTones = ['processing', 'success', 'warning', 'error', 'default'] as const;
export type OverviewTone = (typeof overviewTones)[number];

export const overviewItem = z.object({
  id: z.string(),
  /** what it is, e.g. the petition's request or the item's name */
  title: z.string(),
  /** a second line: number, unit, date */
  subtitle: z.string(),
  statusLabel: z.string(),
  tone: z.enum(overviewTones),
  /** what happens next, in words for the person (null when nothing is pending) */
  nextStep: z.string().nullable(),
  /** the day by which the next step is due (YYYY-MM-DD), if any */
  dueDay: z.string().nullable(),
  /** the public page of the item, if it has one */
  link: z.string().nullable(),
});
export type OverviewItem = z.infer<typeof overviewItem>;

export const overviewSection = z.object({
  key: z.string(),
  title: z.string(),
  items: z.array(overviewItem),
  /** more than the items shown */
  total: z.number().int(),
  emptyText: z.string(),
  /** the section's own page (all of them, or start a new one) */
  moreLink: z.string().nullable(),
  moreLabel: z.string().nullable(),
});
export type OverviewSection = z.infer<typeof overviewSection>;

export const publicOverviewDto = z.object({
  name: z.string(),
  /** whether the account's ID number matches a record of the registry (服务对象档案) */
  registry: z.object({ linked: z.boolean(), unitName: z.string().nullable() }),
  sections: z.array(overviewSection),
});
export type PublicOverviewDto = z.infer<typeof publicOverviewDto>;
