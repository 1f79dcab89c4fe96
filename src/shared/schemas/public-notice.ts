// 公示 (public notice) of a case, a feature of the case kernel (server/cases/public-notice.ts):
// a period with a start and an end day on the legal calendar, objections recorded during it, and
// each objection resolved (upheld or dismissed, with a note) before the decision. Applications
// use it; the assistance cases reuse it.
import { z } from '../zod-setup';

export const objectionOutcomes = ['upheld', 'dismissed'] as const;
export type ObjectionOutcome = (typeof objectionOutcomes)[number];
export const objectionOutcomeLabels: Record<ObjectionOutcome, string> = { upheld: '异议成立', dismissed: '异议不成立' };

export const noticeObjection = z.object({
  id: z.string(),
  /** the day it was received */
  day: z.string(),
  content: z.string(),
  /** who raised it as told (may be 匿名); staff-only */
  objector: z.string(),
  recordedBy: z.string(),
  outcome: z.enum(objectionOutcomes).nullable(),
  resolution: z.string(),
  resolvedBy: z.string().nullable(),
  resolvedOn: z.string().nullable(),
});
export type NoticeObjection = z.infer<typeof noticeObjection>;

export const publicNotice = z.object({
  /** the day the notice was posted (not counted, as the legal calendar counts a period) */
  startDay: z.string(),
  /** the last day of the period: objections are taken until its end, the decision after it */
  endDay: z.string(),
  days: z.number().int(),
  dayKind: z.enum(['natural', 'working']),
  /** the text posted: no ID number, phone, address or health detail; the name masked */
  text: z.string(),
  objections: z.array(noticeObjection),
});
export type PublicNotice = z.infer<typeof publicNotice>;

/** The data of the action that records an objection. */
export const objectionInput = z.object({
  content: z.string({ message: '请填写异议内容' }).trim().min(1, '请填写异议内容').max(1000, '异议内容最多 1000 个字'),
  objector: z.string().trim().max(40, '异议人最多 40 个字').default('匿名'),
});
export type ObjectionInput = z.infer<typeof objectionInput>;

/** The data of the action that resolves an objection. */
export const objectionResolveInput = z.object({
  objectionId: z.string({ message: '请选择要处理的异议' }).min(1, '请选择要处理的异议'),
  outcome: z.enum(objectionOutcomes, { message: '请选择处理结果（成立或不成立）' }),
  resolution: z.string({ message: '请填写处理说明' }).trim().min(1, '请填写处理说明').max(1000, '处理说明最多 1000 个字'),
});
export type ObjectionResolveInput = z.infer<typeof objectionResolveInput>;

/** Whether the period has passed on `today` (its last day over). */
export function noticePassed(n: Pick<PublicNotice, 'endDay'>, today: string): boolean {
  return today > n.endDay;
}

export function openObjections(n: Pick<PublicNotice, 'objections'>): NoticeObjection[] {
  return n.objections.filter((o) => o.outcome === null);
}

/**
 * The name as a 公示 shows it: the first and the last character, the middle masked — 张三 → 张*,
 * 张晓明 → 张*明, 欧阳娜娜 → 欧**娜 — enough for neighbours to recognise (and object to) an entry,
 * not enough to identify a stranger.
 */
export function maskNameForNotice(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
