import { z } from '../zod-setup';
import { isoDay, pageOf, pageQuery } from './common';

export const auditLogDto = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: z.enum(['success', 'failure']),
  ip: z.string().nullable(),
  detail: z.string().nullable(),
  sealed: z.boolean(),
});
export type AuditLogDto = z.infer<typeof auditLogDto>;
export const auditLogPage = pageOf(auditLogDto);
export const auditLogQuery = pageQuery.extend({
  from: isoDay('起始日期').optional(),
  to: isoDay('截止日期').optional(),
  username: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  result: z.enum(['success', 'failure']).optional(),
  targetId: z.string().trim().max(64).optional(),
});
