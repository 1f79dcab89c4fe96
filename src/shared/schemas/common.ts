import { z } from '../zod-setup';

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');
export const idParams = z.object({ id: idSchema });

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** List totals are capped so a list request never does a full count. */
export const TOTAL_CAP = 10000;
/** Name search counts its matches up to this ("1,000+"): a common pair matches tens of thousands in a province. */
export const SEARCH_TOTAL_CAP = 1000;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /** true when there are more than the cap's rows (TOTAL_CAP "10,000+"; SEARCH_TOTAL_CAP for name search) */
    totalCapped: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const errorSchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorDto = z.infer<typeof errorSchema>;

export const okSchema = z.object({ ok: z.literal(true) });

/** A calendar day YYYY-MM-DD that exists (2026-02-30 does not). */
export const isoDay = (label = '日期') =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);

export const trimmed = (max: number) => z.string().trim().max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional();
