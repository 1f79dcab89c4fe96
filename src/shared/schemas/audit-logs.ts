import { z } from '../zod-setup';
import { pageOf, pageQuery } from './common';

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
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const auditLogQuery = pageQuery.extend({
  from: isoDay.optional(),
  to: isoDay.optional(),
  username: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  result: z.enum(['success', 'failure']).optional(),
  targetId: z.string().trim().max(64).optional(),
});
