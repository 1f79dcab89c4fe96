import { z } from '../zod-setup';
import { idSchema, pageOf, pageQuery } from './common';

export const caseActionLogDto = z.object({
  seq: z.number().int(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  fromStatusLabel: z.string().nullable(),
  toStatus: z.string(),
  toStatusLabel: z.string(),
  actorName: z.string(),
  actorUnitName: z.string(),
  at: z.string(),
  comment: z.string(),
  /** the action's input as its `input` schema parsed it (null when the action has none) */
  data: z.unknown(),
});
export type CaseLogEntryDto = z.infer<typeof caseActionLogDto>;

export const caseDto = z.object({
  id: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  title: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  counterpartUnitId: z.string().nullable(),
  counterpartUnitName: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  restricted: z.boolean(),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  dueDay: z.string().nullable(),
  /** the instant of an hour deadline (null for day deadlines) */
  dueAt: z.string().nullable(),
  version: z.number().int(),
  payload: z.record(z.string(), z.unknown()),
});
export type CaseDto = z.infer<typeof caseDto>;

export const caseDetailDto = caseDto.extend({
  log: z.array(caseActionLogDto),
  /** actions the caller may take now */
  actions: z.array(z.object({ name: z.string(), label: z.string(), requireComment: z.boolean() })),
});

export const caseListQuery = pageQuery.extend({
  type: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  open: z.enum(['true', 'false']).optional(),
  subjectId: idSchema.optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;
export const casePage = pageOf(caseDto);

export const caseActionBody = z.object({
  action: z.string().min(1).max(40),
  comment: z.string().trim().max(1000).default(''),
  /** the version the user saw: a stale one gets 409 */
  version: z.number().int().min(1),
  /** the action's data, validated by the action's own `input` schema */
  data: z.record(z.string(), z.unknown()).optional(),
});

export const workItemDto = z.object({
  provider: z.string(),
  id: z.string(),
  title: z.string(),
  typeLabel: z.string(),
  statusLabel: z.string(),
  unitName: z.string(),
  waitingSince: z.string(),
  daysWaiting: z.number().int(),
  dueDay: z.string().nullable(),
  /** the instant of an hour deadline, when the item has one */
  dueAt: z.string().nullable().optional(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  link: z.string(),
});
export type WorkItemDto = z.infer<typeof workItemDto>;
/** count and overdue are of every item, also past the first few hundred that `items` lists */
export const workQueueDto = z.object({ items: z.array(workItemDto), count: z.number().int(), overdue: z.number().int() });
/** The header badge's numbers (polled every minute): counted in SQL, no items read. */
export const workQueueCountDto = z.object({ count: z.number().int(), overdue: z.number().int() });

/** A file attached to a case (evidence, a handling entry's or a reply's attachment): never its bytes. */
export const caseFileDto = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), createdAt: z.string() });
export type CaseFileDto = z.infer<typeof caseFileDto>;
export const caseFileParams = z.object({ id: idSchema, fileId: idSchema });
