// 我的待办: owed visits whose window has opened, for the worker they are assigned to, or else for
// the staff of the unit that owes them (not the whole range above it). Due on the window's end.
import { hasPermission } from '../../../shared/permissions';
import { daysBetween } from '../../../shared/rules/calendar';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { dueVisitLabel, keyGroupListOf, keyGroupShortLabels, type DueVisitReason, type VisitTriggerKind } from '../../../shared/schemas/visits';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import type { WorkQueueProvider } from '../../cases/work-queue';
import { unitLabelsUnscoped } from '../../platform/unit-labels.repo';
import { countQueueDue, queueDue } from './visits.repo';
import { todayOf } from './visits.service';

export const VISIT_QUEUE_MAX = 200;

export const visitWorkQueue: WorkQueueProvider = {
  name: 'visits',
  async count(ctx, auth) {
    if (!hasPermission(auth.roles, 'visits:write')) return { count: 0, overdue: 0 };
    return countQueueDue(auth.scope, ctx.db, auth.userId, auth.unit.id, todayOf(ctx));
  },
  async list(ctx, auth) {
    if (!hasPermission(auth.roles, 'visits:write')) return [];
    const today = todayOf(ctx);
    const rows = await queueDue(auth.scope, ctx.db, auth.userId, auth.unit.id, today, VISIT_QUEUE_MAX);
    const labels = await unitLabelsUnscoped(ctx.db, rows.map((d) => d.org_unit_id));
    return rows.map((d): WorkItemDto => {
      const marks = keyGroupListOf(d.key_groups).map((g) => keyGroupShortLabels[g]);
      return {
        provider: 'visits',
        id: d.id,
        title: `${dueVisitLabel(d.reason as DueVisitReason, d.trigger_kind as VisitTriggerKind | null)}：${d.recipient_name}${marks.length ? `（${marks.join('、')}）` : ''}`,
        typeLabel: '走访慰问',
        statusLabel: d.assigned_user_id ? '已分派' : '待走访',
        unitName: labels.of(d.org_unit_id, d.org_unit_name),
        waitingSince: `${d.window_start}T00:00:00.000Z`,
        daysWaiting: Math.max(0, daysBetween(d.window_start, today)),
        dueDay: d.window_end,
        ...dayDueMarks(d.window_end, today),
        link: `/visits/new?dueVisit=${d.id}`,
      };
    });
  },
};
