// 我的待办, the trainings' part: at a village (community) or grid station, this year's discharged
// veterans of the unit (seed Part 4 五(一) 集中退役时段) who have not completed the adaptive training
// 适应性培训 — not enrolled yet, or enrolled and not completed — each linking to the coverage list.
// Not cases: enrolment and completion are plain data.
import { hasPermission } from '../../../shared/permissions';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { daysBetween } from '../../../shared/rules/calendar';
import type { WorkQueueProvider } from '../../cases/work-queue';
import type { AuthContext } from '../../platform/auth';
import { today } from '../../platform/clock';
import { countOpenCoverageOf, openCoverageOf } from './trainings.repo';

const MAX_ITEMS = 500;
const STATION_LEVELS = ['village', 'grid'];

const applies = (auth: AuthContext) => hasPermission(auth.roles, 'employment:write') && STATION_LEVELS.includes(auth.unit.level);

export const trainingsWorkQueue: WorkQueueProvider = {
  name: 'trainings',
  async count(ctx, auth) {
    if (!applies(auth)) return { count: 0, overdue: 0 };
    return { count: await countOpenCoverageOf(auth.scope, ctx.db, Number(today(ctx).slice(0, 4)), auth.unit.path), overdue: 0 };
  },
  async list(ctx, auth) {
    if (!applies(auth)) return [];
    const t = today(ctx);
    const rows = await openCoverageOf(auth.scope, ctx.db, Number(t.slice(0, 4)), auth.unit.path, MAX_ITEMS);
    return rows.map((r): WorkItemDto => {
      const since = r.discharge_date ?? t;
      return {
        provider: 'trainings',
        id: r.recipient_id,
        title: `适应性培训：${r.name}`,
        typeLabel: '培训',
        statusLabel: Number(r.enrolled) === 1 ? `在训未结业（${r.training_name ?? ''}）` : '今年退役未参训',
        unitName: r.org_unit_name,
        waitingSince: `${since}T00:00:00.000Z`,
        daysWaiting: Math.max(0, daysBetween(since, t)),
        dueDay: null,
        overdue: false,
        dueSoon: false,
        link: r.training_id ? `/trainings/courses/${r.training_id}` : '/trainings/coverage',
      };
    });
  },
};
