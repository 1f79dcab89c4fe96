// The 政策服务 part of 统计看板: a unit's applications (by item and status, steps on time, the
// 最多跑一次 share of those closed in the period) and bookings (completed, no-shows) for a month,
// quarter or year, with a row per unit below it. Every figure comes from the modules' roll-ups
// (applications' and appointments' public faces), a few dozen point reads whatever the range holds;
// the units are found in the user's range first (requireUnit, listUnits: the jurisdiction guard).
import type { ServicesDashboard, ServicesDashboardQuery } from '../../../shared/schemas/dashboards';
import type { OrgLevel } from '../../../shared/schemas/org-units';
import { periodLabel, periodMonths } from '../../../shared/rules/periods';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { applicationStandingOf, oneRunCounts, oneRunFiguresOf } from '../applications';
import { bookingCounts, bookingFiguresOf } from '../appointments';
import { listUnits, requireUnit } from '../org-units';

export async function servicesDashboard(ctx: AppContext, auth: AuthContext, q: ServicesDashboardQuery): Promise<ServicesDashboard> {
  const unit = await requireUnit(ctx, auth.scope, q.unitId ?? auth.unit.id);
  const children = (await listUnits(auth.scope, ctx.db, { parentId: unit.id, page: 1, pageSize: 500 })).items;
  const months = periodMonths(q.period);
  const ids = [unit.id, ...children.map((c) => c.id)];
  const [oneRun, bookings, standing] = await Promise.all([oneRunFiguresOf(ctx.db, ids, months), bookingFiguresOf(ctx.db, ids, months), applicationStandingOf(ctx.db, unit.id)]);
  const apps = oneRun.get(unit.id)!;
  const books = bookings.get(unit.id)!;
  const rows: ServicesDashboard['children'] = children.map((c) => ({
    id: c.id,
    name: c.name,
    level: c.level as OrgLevel,
    own: false,
    hasChildren: c.child_count > 0,
    applications: oneRun.get(c.id)!,
    bookings: bookings.get(c.id)!,
  }));
  // 本级: what the unit holds itself (its totals less those of the units below), when it holds any
  const less = (pick: (r: (typeof rows)[number]) => number, total: number) => total - rows.reduce((s, r) => s + pick(r), 0);
  const own = {
    applications: oneRunCounts(less((r) => r.applications.closed, apps.closed), less((r) => r.applications.atMostOneRun, apps.atMostOneRun)),
    bookings: bookingCounts({
      completed: less((r) => r.bookings.completed, books.completed),
      noShows: less((r) => r.bookings.noShows, books.noShows),
      cancelled: less((r) => r.bookings.cancelled, books.cancelled),
      open: less((r) => r.bookings.open, books.open),
    }),
  };
  if (own.applications.closed > 0 || own.bookings.bookings > 0) {
    rows.unshift({ id: unit.id, name: `${unit.name}（本级）`, level: unit.level as OrgLevel, own: true, hasChildren: false, ...own });
  }
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level as OrgLevel, parentId: unit.id === auth.unit.id ? null : unit.parent_id },
    period: q.period,
    periodLabel: periodLabel(q.period),
    asOf: ctx.clock.now().toISOString(),
    applications: { ...apps, ...standing },
    bookings: books,
    children: rows,
  };
}
