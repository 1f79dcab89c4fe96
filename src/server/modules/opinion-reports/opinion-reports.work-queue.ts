// 我的待办: reports waiting on the user's own unit: its entry not yet signed (due `ackHours` after
// the report, so due today), or signed and expected to handle or pass up.
import { hasPermission } from '../../../shared/permissions';
import { opinionLevelLabels } from '../../../shared/schemas/opinion-reports';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { daysBetween } from '../../../shared/rules/calendar';
import { addSeconds, shanghaiDay } from '../../../shared/rules/dates';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import type { WorkQueueProvider } from '../../cases/work-queue';
import { pendingForUnit } from './opinion-reports.repo';
import { ackHours } from './opinion-reports.service';

const MAX_ITEMS = 500;

export const opinionWorkQueue: WorkQueueProvider = {
  name: 'opinion-reports',
  async list(ctx, auth) {
    if (!hasPermission(auth.roles, 'opinionReports:write')) return [];
    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    const hours = await ackHours(ctx);
    const rows = await pendingForUnit(auth.scope, ctx.db, auth.unit.id, MAX_ITEMS);
    return rows.map((r): WorkItemDto => {
      const unsigned = !r.acknowledged_at;
      const due = addSeconds(r.reported_at, hours * 3600);
      const late = unsigned && now.toISOString() > due;
      const dueDay = unsigned ? shanghaiDay(new Date(due)) : null;
      const marks = dayDueMarks(dueDay, today);
      return {
        provider: 'opinion-reports',
        id: r.id,
        title: `舆情${unsigned ? '签收' : '处置'}（${opinionLevelLabels[r.level as keyof typeof opinionLevelLabels] ?? r.level}）：${r.source}　${r.summary.slice(0, 40)}`,
        typeLabel: '舆情信息',
        statusLabel: unsigned ? (late ? `超过${hours}小时未签收` : `待签收（${hours}小时内）`) : '待处置或上报',
        unitName: r.org_unit_name,
        waitingSince: r.reported_at,
        daysWaiting: Math.max(0, daysBetween(shanghaiDay(new Date(r.reported_at)), today)),
        dueDay,
        overdue: marks.overdue || late,
        dueSoon: !marks.overdue && !late && marks.dueSoon,
        link: `/opinion-reports/${r.id}`,
      };
    });
  },
};
