// 我的待办, the personal part of support plans 一人一策: the review days of the active plans the user
// is responsible for, and the measures the user owns, due soon or overdue (shared/rules/due-marks),
// whatever unit the plan sits under. The plan itself waits on no unit's queue (waitsOn 'none').
import { hasPermission } from '../../../shared/permissions';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { daysBetween } from '../../../shared/rules/calendar';
import { shanghaiDay } from '../../../shared/rules/dates';
import { dayDueMarks, dueSoonLastDay } from '../../../shared/rules/due-marks';
import type { WorkQueueProvider } from '../../cases/work-queue';
import { countDueOf, dueMeasuresOf, dueReviewsOf } from './support-plans.repo';

const MAX_ITEMS = 500;

export const supportPlanWorkQueue: WorkQueueProvider = {
  name: 'support-plans',
  async count(ctx, auth) {
    if (!hasPermission(auth.roles, 'supportPlans:read')) return { count: 0, overdue: 0 };
    const today = shanghaiDay(ctx.clock.now());
    return countDueOf(auth.scope, ctx.db, auth.userId, dueSoonLastDay(today), today);
  },
  async list(ctx, auth) {
    if (!hasPermission(auth.roles, 'supportPlans:read')) return [];
    const today = shanghaiDay(ctx.clock.now());
    const by = dueSoonLastDay(today);
    const [reviews, measures] = await Promise.all([dueReviewsOf(auth.scope, ctx.db, auth.userId, by, MAX_ITEMS), dueMeasuresOf(auth.scope, ctx.db, auth.userId, by, MAX_ITEMS)]);
    const items: WorkItemDto[] = reviews.map((p) => ({
      provider: 'support-plans',
      id: p.id,
      title: `一人一策跟踪评估：${p.recipient_name}`,
      typeLabel: '一人一策',
      statusLabel: p.next_review_on < today ? '评估已超期' : '临近评估',
      unitName: p.org_unit_name,
      waitingSince: p.created_at,
      daysWaiting: Math.max(0, daysBetween(p.opened_on, today)),
      dueDay: p.next_review_on,
      ...dayDueMarks(p.next_review_on, today),
      link: `/support-plans/${p.id}`,
    }));
    for (const m of measures) {
      items.push({
        provider: 'support-plans',
        id: `${m.plan_id}:${m.id}`,
        title: `一人一策帮扶措施：${m.recipient_name}——${m.content}`,
        typeLabel: '一人一策',
        statusLabel: m.due_on < today ? '措施已超期' : '措施临近时限',
        unitName: m.org_unit_name,
        waitingSince: m.created_at,
        daysWaiting: Math.max(0, daysBetween(shanghaiDay(new Date(m.created_at)), today)),
        dueDay: m.due_on,
        ...dayDueMarks(m.due_on, today),
        link: `/support-plans/${m.plan_id}`,
      });
    }
    return items;
  },
};
