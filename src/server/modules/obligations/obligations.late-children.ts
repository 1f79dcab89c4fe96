// Reminding the upper level about its late children (issue 16; seed Chapter 2, DHIS2's reminders):
// what the daily notifications job tells the staff of an upper unit. For each definition its children
// owe (as the reporting page shows them: per child unit, its owing units — the child itself or the
// units of its subtree) and each period whose due day has passed and which has not locked yet, the
// children with owing units that have not recorded it (a late record counts as recorded). Computed
// with the reporting rate's grouped query (`countsByGroup`), one per definition and period — never a
// loop over the children. Derived on each call, never stored.
//
// Who is reminded about whom follows the seed's chain of supervision: the city about its counties'
// own obligations, the county center about its townships' and villages' stations, the township about
// its villages; the province is not reminded.
import { hasPermission } from '../../../shared/permissions';
import type { ObligationLevel } from '../../../shared/schemas/obligations';
import type { OrgLevel } from '../../../shared/schemas/org-units';
import { orgLevels } from '../../../shared/schemas/org-units';
import { previousPeriod } from '../../../shared/rules/obligation-periods';
import { periodLabel, periodOf, type PeriodKind } from '../../../shared/rules/periods';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { today } from '../../platform/clock';
import { holidayTable } from '../../cases/deadlines';
import { childUnitsOf, visibleDefs } from './obligations.repo';
import { countsByGroup, dueDayOf, isLocked, lockDay } from './obligations.service';

/** The owing levels each upper level is reminded about. */
export const REMINDED_ABOUT: Partial<Record<OrgLevel, readonly ObligationLevel[]>> = {
  city: ['county'],
  county: ['township', 'village'],
  township: ['village'],
};

/** How far back a definition's periods are looked at (a period locks 30 days after its due day). */
const MAX_PERIODS_BACK = 6;

export type LateChildren = {
  definitionId: string;
  definitionName: string;
  period: string;
  periodLabel: string;
  dueDay: string;
  lockedOn: string;
  /** the owing units that have not recorded the period, all children together */
  missing: number;
  /** the children with owing units that have not recorded it, in the children's order: `self` when the child itself owes it, else `missing` of its subtree's */
  children: { orgUnitId: string; name: string; level: OrgLevel; self: boolean; missing: number }[];
  /** the reporting page of the definition and period */
  link: string;
};

/**
 * The late children of the caller's unit, per (definition, period) past its due day and not locked;
 * empty for a caller who does not read obligations or whose level is reminded about nobody. `memo`
 * (by unit) lets a caller that asks for many users of the same unit compute it once.
 */
export async function lateChildrenOf(ctx: AppContext, auth: AuthContext, memo?: Map<string, Promise<LateChildren[]>>): Promise<LateChildren[]> {
  if (!hasPermission(auth.roles, 'obligations:read')) return [];
  const levels = REMINDED_ABOUT[auth.unit.level];
  if (!levels) return [];
  const cached = memo?.get(auth.unit.id);
  if (cached) return cached;
  const p = compute(ctx, auth, levels);
  memo?.set(auth.unit.id, p);
  return p;
}

async function compute(ctx: AppContext, auth: AuthContext, levels: readonly ObligationLevel[]): Promise<LateChildren[]> {
  const below = orgLevels.slice(orgLevels.indexOf(auth.unit.level));
  const defs = (await visibleDefs(auth.scope, ctx.db, below, { activeOnly: true })).filter((d) => (levels as readonly string[]).includes(d.level));
  if (!defs.length) return [];
  const children = await childUnitsOf(ctx.db, auth.unit.id);
  if (!children.length) return [];
  const t = today(ctx);
  const table = await holidayTable(ctx);
  const out: LateChildren[] = [];
  for (const d of defs) {
    // the periods past their due day and not yet locked: from the current one back until one has locked
    let period = periodOf(t, d.period_kind as PeriodKind);
    for (let n = 0; n < MAX_PERIODS_BACK; n++, period = previousPeriod(period)) {
      const dueDay = dueDayOf(d, period, table);
      if (isLocked(dueDay, t)) break;
      if (dueDay >= t) continue;
      const byGroup = await countsByGroup(ctx.db, auth.unit.path, { parentId: auth.unit.id }, d, period, dueDay);
      const late = children
        .map((c) => {
          const g = byGroup.get(c.id);
          return { orgUnitId: c.id, name: c.name, level: c.level as OrgLevel, self: c.level === d.level, missing: g ? g.expected - g.on_time - g.late : 0 };
        })
        .filter((c) => c.missing > 0);
      if (!late.length) continue;
      out.push({
        definitionId: d.id,
        definitionName: d.name,
        period,
        periodLabel: periodLabel(period),
        dueDay,
        lockedOn: lockDay(dueDay),
        missing: late.reduce((a, c) => a + c.missing, 0),
        children: late,
        link: `/obligations/reporting?definitionId=${encodeURIComponent(d.id)}&period=${encodeURIComponent(period)}`,
      });
    }
  }
  return out;
}
