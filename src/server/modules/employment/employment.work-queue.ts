// 我的待办, employment's part: at a village (community) or grid station, the veterans of the unit
// whose employment profile is due for confirmation — never confirmed, not confirmed within the
// review period (setting 就业信息复核周期, default 6 months) or discharged this year and not
// confirmed since — each linking to the profile form; and the interests 我有意向 its veterans said on
// the public side that no one has acted on yet (no recommendation of the person to the opening, the
// opening still valid), each linking to the opening's page where one click recommends. Not cases:
// the profile and the interest are plain data.
import { hasPermission } from '../../../shared/permissions';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { daysBetween } from '../../../shared/rules/calendar';
import type { WorkQueueProvider } from '../../cases/work-queue';
import type { AuthContext } from '../../platform/auth';
import { today } from '../../platform/clock';
import { countDueProfilesOf, countPendingInterestsOf, dueProfilesOf, pendingInterestsOf } from './employment.repo';
import { dueRuleOf } from './employment.service';

const MAX_ITEMS = 500;
const STATION_LEVELS = ['village', 'grid'];

const applies = (auth: AuthContext) => hasPermission(auth.roles, 'employment:write') && STATION_LEVELS.includes(auth.unit.level);

export const employmentWorkQueue: WorkQueueProvider = {
  name: 'employment',
  async count(ctx, auth) {
    if (!applies(auth)) return { count: 0, overdue: 0 };
    const n = await countDueProfilesOf(auth.scope, ctx.db, auth.unit.path, await dueRuleOf(ctx));
    const i = await countPendingInterestsOf(auth.scope, ctx.db, auth.unit.path, today(ctx));
    return { count: n + i, overdue: 0 };
  },
  async list(ctx, auth) {
    if (!applies(auth)) return [];
    const d = await dueRuleOf(ctx);
    const t = today(ctx);
    const rows = await dueProfilesOf(auth.scope, ctx.db, auth.unit.path, d, MAX_ITEMS);
    const interests = (await pendingInterestsOf(auth.scope, ctx.db, auth.unit.path, t, MAX_ITEMS)).map(
      (r): WorkItemDto => ({
        provider: 'employment',
        id: r.id,
        title: `岗位意向：${r.recipient_name}——${r.employer_name} ${r.position}`,
        typeLabel: '就业创业',
        statusLabel: '本人网上表示有意向，待推荐',
        unitName: r.org_unit_name,
        waitingSince: new Date(r.created_at).toISOString(),
        daysWaiting: Math.max(0, daysBetween(r.interested_on, t)),
        dueDay: null,
        overdue: false,
        dueSoon: false,
        link: `/employment/openings/${r.opening_id}`,
      }),
    );
    const profiles = rows.map((r): WorkItemDto => {
      const newlyDischarged = !!r.discharge_date && r.discharge_date >= d.dischargedFrom;
      const since = r.confirmed_on ?? r.discharge_date ?? t;
      return {
        provider: 'employment',
        id: r.recipient_id,
        title: `核实就业信息：${r.recipient_name}`,
        typeLabel: '就业创业',
        statusLabel: newlyDischarged && (!r.confirmed_on || r.confirmed_on < (r.discharge_date ?? '')) ? '今年退役待核实' : r.confirmed_on ? `上次核实 ${r.confirmed_on}` : '从未核实',
        unitName: r.org_unit_name,
        waitingSince: `${since}T00:00:00.000Z`,
        daysWaiting: Math.max(0, daysBetween(since, t)),
        dueDay: null,
        overdue: false,
        dueSoon: false,
        link: `/employment/profiles/${r.recipient_id}`,
      };
    });
    return [...interests, ...profiles];
  },
};
