// 我的待办, the obligations' part: what the caller's own unit owes and has not recorded — the current
// and the previous period of each obligation of its level — with the due day and its due-soon /
// overdue marks (shared/rules/due-marks.ts). Derived from definitions × the unit × periods minus its
// records on each call (a handful of rows for one unit): never stored, never a case.
import { hasPermission } from '../../../shared/permissions';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { recordKindLabels } from '../../../shared/schemas/obligations';
import { daysBetween } from '../../../shared/rules/calendar';
import { periodStart } from '../../../shared/rules/obligation-periods';
import type { WorkQueueProvider } from '../../cases/work-queue';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { owedOf } from './obligations.service';

const LEVELS = ['county', 'township', 'village'];
const applies = (auth: AuthContext) => hasPermission(auth.roles, 'obligations:write') && LEVELS.includes(auth.unit.level);

async function owedItems(ctx: AppContext, auth: AuthContext) {
  const list = await owedOf(ctx, auth, auth.unit.id);
  return { list, items: list.items.filter((i) => i.state === 'owed') };
}

export const obligationsWorkQueue: WorkQueueProvider = {
  name: 'obligations',
  async count(ctx, auth) {
    if (!applies(auth)) return { count: 0, overdue: 0 };
    const { items } = await owedItems(ctx, auth);
    return { count: items.length, overdue: items.filter((i) => i.overdue).length };
  },
  async list(ctx, auth) {
    if (!applies(auth)) return [];
    const { list, items } = await owedItems(ctx, auth);
    return items.map((i): WorkItemDto => {
      const since = periodStart(i.period);
      return {
        provider: 'obligations',
        id: `${i.definitionId}:${i.period}`,
        title: `${i.periodLabel}${i.definitionName}`,
        typeLabel: '工作制度',
        statusLabel: i.overdue ? `逾期未${i.recordKind === 'report' || i.recordKind === 'disputeSummary' || i.recordKind === 'summary' ? '报' : '登记'}` : `待${i.recordKind === 'summary' ? '提交' : ''}${recordKindLabels[i.recordKind]}`,
        unitName: list.orgUnitName,
        waitingSince: `${since}T00:00:00.000Z`,
        daysWaiting: Math.max(0, daysBetween(since, list.today)),
        dueDay: i.dueDay,
        overdue: i.overdue,
        dueSoon: i.dueSoon,
        link: i.recordKind === 'disputeSummary' ? '/disputes/summary' : i.recordKind === 'summary' ? `/summaries?halfYear=${encodeURIComponent(i.period)}` : `/obligations/record?definitionId=${encodeURIComponent(i.definitionId)}&period=${encodeURIComponent(i.period)}`,
      };
    });
  },
};
