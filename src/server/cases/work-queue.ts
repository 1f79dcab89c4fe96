// 我的待办: everything waiting on the user or their unit, soonest deadline first. Cases are the
// first provider; other modules register theirs (owed visits, meetings due).
import { hasPermission, readPermissionOf } from '../../shared/permissions';
import type { WorkItemDto } from '../../shared/schemas/cases';
import { shanghaiDay } from '../../shared/rules/dates';
import { dueMarks } from '../../shared/rules/due-marks';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import { caseTypeOf } from './case-type';
import { listWaitingOn } from './cases.repo';

export type WorkQueueProvider = {
  name: string;
  list: (ctx: AppContext, auth: AuthContext) => Promise<WorkItemDto[]>;
};

const providers: WorkQueueProvider[] = [];

export function registerWorkQueueProvider(p: WorkQueueProvider): void {
  if (!providers.some((x) => x.name === p.name)) providers.push(p);
}

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86400_000);
}


const caseProvider: WorkQueueProvider = {
  name: 'cases',
  async list(ctx, auth) {
    const rows = await listWaitingOn(auth.scope, ctx.db, auth.unit.path, 500);
    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    return rows
      .filter((c) => {
        const def = caseTypeOf(c.case_type);
        // the domain's read permission, and one of the waiting actions' permissions
        return !!def && hasPermission(auth.roles, readPermissionOf(def.domain)) && Object.values(def.actions).some((a) => a.from.includes(c.status) && (a.actor ?? 'waiting') === 'waiting' && hasPermission(auth.roles, a.permission));
      })
      .map((c) => {
        const def = caseTypeOf(c.case_type)!;
        return {
          provider: 'cases',
          id: c.id,
          title: c.title,
          typeLabel: def.label,
          statusLabel: def.states[c.status]?.label ?? c.status,
          unitName: c.org_unit_name,
          waitingSince: c.waiting_since,
          daysWaiting: Math.max(0, dayDiff(shanghaiDay(new Date(c.waiting_since)), today)),
          dueDay: c.due_day,
          dueAt: c.due_at,
          ...dueMarks({ dueDay: c.due_day, dueAt: c.due_at }, now),
          link: def.link(c),
        };
      });
  },
};
registerWorkQueueProvider(caseProvider);

export async function workQueue(ctx: AppContext, auth: AuthContext) {
  const lists = await Promise.all(providers.map((p) => p.list(ctx, auth)));
  // soonest deadline first: by due day, and within a day an hour deadline (dueAt) before one due at
  // the end of the day; items without a deadline last; then the longest waiting
  const items = lists.flat().sort((a, b) => {
    if (a.dueDay && b.dueDay && a.dueDay !== b.dueDay) return a.dueDay < b.dueDay ? -1 : 1;
    if (a.dueDay && !b.dueDay) return -1;
    if (!a.dueDay && b.dueDay) return 1;
    // an ISO instant sorts before this end-of-time mark
    const [x, y] = [a.dueAt ?? '9999-12-31T23:59:59.999Z', b.dueAt ?? '9999-12-31T23:59:59.999Z'];
    if (x !== y) return x < y ? -1 : 1;
    return a.waitingSince < b.waitingSince ? -1 : 1;
  });
  return { items, count: items.length, overdue: items.filter((i) => i.overdue).length };
}
