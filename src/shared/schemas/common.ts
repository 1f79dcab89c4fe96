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

export const trimmed = (max: number) => z.string().trim().max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional();
