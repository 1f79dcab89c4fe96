// 公示 (public notice) as a feature of the case kernel: any case type keeps a `PublicNotice` in its
// payload and uses these helpers in its actions' effects — start a period on the legal calendar,
// record an objection (only while the period runs), resolve it, and refuse the decision while
// the period runs or an objection is open. "Today" is the app's clock (ctx.clock), so tests move
// it with a ManualClock. Shapes and pure rules: shared/schemas/public-notice.ts.
import { noticePassed, openObjections, type ObjectionInput, type ObjectionResolveInput, type PublicNotice } from '../../shared/schemas/public-notice';
import { shanghaiDay } from '../../shared/rules/dates';
import type { Tx } from '../db/transaction';
import type { AppContext } from '../platform/context';
import { AppError, badRequest } from '../platform/errors';
import { newId } from '../platform/ids';
import { dueDayFor } from './deadlines';

export { noticePassed, openObjections };

/** The kernel's day of an instant (Asia/Shanghai). */
export function dayOf(at: string): string {
  return shanghaiDay(new Date(at));
}

/**
 * A notice posted at `at`: the start day is the day of posting (not counted), the end day `days`
 * later on the legal calendar (natural days by default; a last day on a rest day rolls on, as
 * the kernel's deadlines do). The text must carry nothing sensitive: callers pass a masked name.
 */
export async function startNotice(ctx: AppContext, trx: Tx, p: { at: string; days: number | null; dayKind?: 'natural' | 'working'; text: string }): Promise<PublicNotice> {
  if (p.days === null || p.days < 1) throw new AppError(409, 'NOTICE_DAYS_MISSING', '该事项的公示天数尚未填写（由县级在服务事项目录中补充），不能开始公示');
  const kind = p.dayKind ?? 'natural';
  const startDay = dayOf(p.at);
  const endDay = await dueDayFor(ctx, trx, startDay, { days: p.days, kind });
  return { startDay, endDay, days: p.days, dayKind: kind, text: p.text, objections: [] };
}

/** Records an objection received on the day of `at`: refused once the period has passed. */
export function recordObjection(n: PublicNotice, input: ObjectionInput, by: string, at: string): PublicNotice {
  const today = dayOf(at);
  if (noticePassed(n, today)) throw new AppError(409, 'NOTICE_OVER', `公示期已于 ${n.endDay} 结束，不能再登记异议`);
  const o = { id: newId(), day: today, content: input.content, objector: input.objector || '匿名', recordedBy: by, outcome: null, resolution: '', resolvedBy: null, resolvedOn: null };
  return { ...n, objections: [...n.objections, o] };
}

/** Resolves an open objection: upheld or dismissed, with a note. */
export function resolveObjection(n: PublicNotice, input: ObjectionResolveInput, by: string, at: string): PublicNotice {
  const o = n.objections.find((x) => x.id === input.objectionId);
  if (!o) throw badRequest('未找到该异议', [{ path: 'objectionId', message: '未找到该异议' }]);
  if (o.outcome !== null) throw new AppError(409, 'OBJECTION_RESOLVED', '该异议已处理');
  return {
    ...n,
    objections: n.objections.map((x) => (x.id === o.id ? { ...x, outcome: input.outcome, resolution: input.resolution, resolvedBy: by, resolvedOn: dayOf(at) } : x)),
  };
}

/** Before a decision: the period must have passed and every objection be resolved (409 otherwise). */
export function requireNoticeSettled(n: PublicNotice | null, at: string): void {
  if (!n) return;
  const today = dayOf(at);
  if (!noticePassed(n, today)) throw new AppError(409, 'NOTICE_RUNNING', `公示期（${n.startDay} 起至 ${n.endDay}）尚未结束，不能作出决定`);
  const open = openObjections(n).length;
  if (open) throw new AppError(409, 'OBJECTION_OPEN', `公示期间收到的 ${open} 条异议尚未处理完毕，不能作出决定`);
}
