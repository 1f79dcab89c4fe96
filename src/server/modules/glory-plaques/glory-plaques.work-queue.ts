// 我的待办: within 30 days before Army Day and before Spring Festival (the usual times for hanging,
// RULES.md), each waiting plaque of the user's scope is an item, due on the festival.
import { hasPermission } from '../../../shared/permissions';
import { festivalsWithin, type FestivalKey } from '../../../shared/rules/festivals';
import { daysBetween } from '../../../shared/rules/calendar';
import { shanghaiDay } from '../../../shared/rules/dates';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import type { WorkQueueProvider } from '../../cases/work-queue';
import { countWaitingPlaques, waitingPlaques } from './glory-plaques.repo';
import { villageNameOf } from './glory-plaques.service';

/** Plaques are hung before these festivals. */
export const HANGING_FESTIVALS: readonly FestivalKey[] = ['armyDay', 'springFestival'];
/** How many days before the festival the waiting plaques surface. */
export const HANGING_WINDOW_DAYS = 30;
const MAX_ITEMS = 500;

export const plaqueWorkQueue: WorkQueueProvider = {
  name: 'glory-plaques',
  async count(ctx, auth) {
    if (!hasPermission(auth.roles, 'plaques:write')) return { count: 0, overdue: 0 };
    const today = shanghaiDay(ctx.clock.now());
    const festival = festivalsWithin(today, HANGING_FESTIVALS, HANGING_WINDOW_DAYS)[0];
    if (!festival) return { count: 0, overdue: 0 };
    const count = await countWaitingPlaques(auth.scope, ctx.db);
    // every item is due on the festival: all overdue or none
    return { count, overdue: dayDueMarks(festival.day, today).overdue ? count : 0 };
  },
  async list(ctx, auth) {
    if (!hasPermission(auth.roles, 'plaques:write')) return [];
    const today = shanghaiDay(ctx.clock.now());
    const festival = festivalsWithin(today, HANGING_FESTIVALS, HANGING_WINDOW_DAYS)[0];
    if (!festival) return [];
    const rows = await waitingPlaques(auth.scope, ctx.db, MAX_ITEMS);
    return rows.map(
      (p): WorkItemDto => ({
        provider: 'glory-plaques',
        id: p.id,
        title: `${festival.label}前悬挂光荣牌：${p.head_name ?? '（未指定户主）'}家${p.address ? `（${p.address}）` : ''}`,
        typeLabel: '光荣牌悬挂',
        statusLabel: '待悬挂',
        unitName: villageNameOf(p),
        waitingSince: p.created_at,
        daysWaiting: Math.max(0, daysBetween(shanghaiDay(new Date(p.created_at)), today)),
        dueDay: festival.day,
        ...dayDueMarks(festival.day, today),
        link: `/glory-plaques?tab=waiting&plaque=${p.id}`,
      }),
    );
  },
};
