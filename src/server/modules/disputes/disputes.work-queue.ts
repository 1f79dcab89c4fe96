// 我的待办, the personal part: open disputes of another unit (usually below) where the user is the
// responsible person or the leader 包案领导, due soon or overdue (shared/rules/due-marks). The
// disputes waiting on the user's own unit come from the kernel's case provider.
import { hasPermission } from '../../../shared/permissions';
import { riskLevelLabels } from '../../../shared/schemas/disputes';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { daysBetween } from '../../../shared/rules/calendar';
import { shanghaiDay } from '../../../shared/rules/dates';
import { dayDueMarks, dueSoonLastDay } from '../../../shared/rules/due-marks';
import type { WorkQueueProvider } from '../../cases/work-queue';
import { countDueDisputesOf, dueDisputesOf } from './disputes.repo';
import { villageNameOf } from './disputes.service';

const MAX_ITEMS = 500;

export const disputeWorkQueue: WorkQueueProvider = {
  name: 'disputes',
  async count(ctx, auth) {
    if (!hasPermission(auth.roles, 'disputes:read')) return { count: 0, overdue: 0 };
    const today = shanghaiDay(ctx.clock.now());
    return countDueDisputesOf(auth.scope, ctx.db, auth.userId, auth.unit.id, dueSoonLastDay(today), today);
  },
  async list(ctx, auth) {
    if (!hasPermission(auth.roles, 'disputes:read')) return [];
    const today = shanghaiDay(ctx.clock.now());
    const rows = await dueDisputesOf(auth.scope, ctx.db, auth.userId, auth.unit.id, dueSoonLastDay(today), MAX_ITEMS);
    return rows.map((d): WorkItemDto => {
      const names = (JSON.parse(d.parties) as { name: string }[]).map((p) => p.name).join('、');
      const role = d.responsible_user_id === auth.userId ? '责任人' : '包案领导';
      return {
        provider: 'disputes',
        id: d.id,
        title: `矛盾纠纷化解（${riskLevelLabels[d.risk_level as keyof typeof riskLevelLabels] ?? d.risk_level}，${role}）：${names}`,
        typeLabel: '矛盾纠纷',
        statusLabel: d.deadline < today ? '已超期' : '临近时限',
        unitName: villageNameOf(d),
        waitingSince: d.created_at,
        daysWaiting: Math.max(0, daysBetween(d.found_on, today)),
        dueDay: d.deadline,
        ...dayDueMarks(d.deadline, today),
        link: `/disputes/${d.id}`,
      };
    });
  },
};
