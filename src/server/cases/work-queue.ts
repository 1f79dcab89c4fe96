// 我的待办: everything waiting on the user or their unit, soonest deadline first. Cases are the
// first provider; other modules register theirs (owed visits, meetings due).
import { hasPermission, readPermissionOf, type Role } from '../../shared/permissions';
import type { WorkItemDto } from '../../shared/schemas/cases';
import { shanghaiDay } from '../../shared/rules/dates';
import { dueMarks } from '../../shared/rules/due-marks';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import { allCaseTypes, caseTypeOf } from './case-type';
import { unitLabelsUnscoped } from '../platform/unit-labels.repo';
import { countWaitingOn, listWaitingOn, type WaitingPair } from './cases.repo';

/** How many items a provider has for the user, and how many of them are overdue. */
export type WorkQueueCount = { count: number; overdue: number };

export type WorkQueueProvider = {
  name: string;
  /** the items, soonest first, up to the provider's cap */
  list: (ctx: AppContext, auth: AuthContext) => Promise<WorkItemDto[]>;
  /** all of them counted in SQL (the header badge polls this every minute): no rows read */
  count: (ctx: AppContext, auth: AuthContext) => Promise<WorkQueueCount>;
};

const providers: WorkQueueProvider[] = [];

export function registerWorkQueueProvider(p: WorkQueueProvider): void {
  if (!providers.some((x) => x.name === p.name)) providers.push(p);
}

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86400_000);
}


/** The kernel's provider lists at most this many cases (the count has no cap). */
export const CASE_QUEUE_MAX = 500;

/**
 * The (case type, status) pairs the roles may act on while a case waits on their unit: the
 * domain's read permission, and one of the waiting actions' permissions from that status.
 */
export function waitingPairsOf(roles: readonly Role[]): WaitingPair[] {
  const pairs: WaitingPair[] = [];
  for (const def of allCaseTypes()) {
    if (!hasPermission(roles, readPermissionOf(def.domain))) continue;
    for (const status of Object.keys(def.states)) {
      if (Object.values(def.actions).some((a) => a.from.includes(status) && (a.actor ?? 'waiting') === 'waiting' && hasPermission(roles, a.permission))) pairs.push({ type: def.type, status });
    }
  }
  return pairs;
}

const caseProvider: WorkQueueProvider = {
  name: 'cases',
  async count(ctx, auth) {
    const now = ctx.clock.now();
    return countWaitingOn(auth.scope, ctx.db, auth.unit.path, waitingPairsOf(auth.roles), now.toISOString(), shanghaiDay(now));
  },
  async list(ctx, auth) {
    const rows = await listWaitingOn(auth.scope, ctx.db, auth.unit.path, waitingPairsOf(auth.roles), CASE_QUEUE_MAX);
    const labels = await unitLabelsUnscoped(ctx.db, rows.map((c) => c.org_unit_id));
    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    return rows
      .filter((c) => !!caseTypeOf(c.case_type))
      .map((c) => {
        const def = caseTypeOf(c.case_type)!;
        return {
          provider: 'cases',
          id: c.id,
          title: c.title,
          typeLabel: def.label,
          statusLabel: def.states[c.status]?.label ?? c.status,
          unitName: labels.of(c.org_unit_id, c.org_unit_name),
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

/** The badge's numbers: one count query per provider, whatever the number of items. */
export async function workQueueCount(ctx: AppContext, auth: AuthContext): Promise<WorkQueueCount> {
  const counts = await Promise.all(providers.map((p) => p.count(ctx, auth)));
  return { count: counts.reduce((n, c) => n + c.count, 0), overdue: counts.reduce((n, c) => n + c.overdue, 0) };
}

/** The items (each provider's first ones, soonest deadline first) and the full counts. */
export async function workQueue(ctx: AppContext, auth: AuthContext) {
  const [lists, counted] = await Promise.all([Promise.all(providers.map((p) => p.list(ctx, auth))), workQueueCount(ctx, auth)]);
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
  // the counts are of everything, not only of the items listed (a provider lists its first few hundred)
  return { items, count: Math.max(counted.count, items.length), overdue: Math.max(counted.overdue, items.filter((i) => i.overdue).length) };
}
