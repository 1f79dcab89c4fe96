// The dashboard of every level (统计看板 总览, issue 16): a unit's range for a period, every figure
// the reader may see (each module's figures from the registry, platform/figures.ts), and a row
// of headline figures for each unit below. Flow figures come from the monthly rows the job keeps
// (figure-months.job.ts) for units down to the township, else are counted live over the unit's
// path range (villages and grids: small ranges); stock figures are read now (roll-ups mostly).
// The units are found in the reader's range first (requireUnit, listUnits: the jurisdiction guard).
import type { FigureInfo, OverviewDashboard, OverviewQuery } from '../../../shared/schemas/dashboards';
import type { OrgLevel } from '../../../shared/schemas/org-units';
import { hasPermission, readPermissionOf, type Domain } from '../../../shared/permissions';
import { periodDays, periodLabel, periodMonths } from '../../../shared/rules/periods';
import type { Db } from '../../db/client';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { computeFigures, figureDefs, isRatio, ratioOf, type FigureDef } from '../../platform/figures';
import { listUnits, requireUnit } from '../org-units';
import { figureMonthsOf, orgTreeChangedAt } from './figure-months.repo';

/** Whose read permission a module's figures need (a module not listed: any dashboard reader). */
const moduleDomains: Record<string, Domain> = {
  recipients: 'registry',
  visits: 'visits',
  petitions: 'petitions',
  disputes: 'disputes',
  applications: 'services',
  appointments: 'services',
  assistance: 'assistance',
  funds: 'funds',
  employment: 'employment',
  trainings: 'employment',
  ventures: 'employment',
  'legal-aid': 'legalAid',
  rights: 'rights',
  feedback: 'feedback',
  party: 'party',
  honors: 'honors',
  education: 'education',
};

/** The figures shown for each unit below (those the reader may see, in this order). */
export const CHILD_KEYS = [
  'recipients.living',
  'recipients.completeness',
  'visits.owed',
  'visits.coverage',
  'visits.onTimeRate',
  'petitions.received',
  'petitions.onTimeRate',
  'disputes.found',
  'disputes.onTimeRate',
  'applications.received',
  'applications.oneRunRate',
  'assistance.approved',
  'assistance.amountFen',
  'recipients.employmentRate',
] as const;

export function figureInfo(d: FigureDef): FigureInfo {
  return {
    key: d.key,
    module: d.module,
    label: d.label,
    formula: d.formula,
    unit: d.unit,
    kind: d.kind,
    numerator: isRatio(d) ? d.numerator : null,
    denominator: isRatio(d) ? d.denominator : null,
  };
}

export function visibleFigures(auth: Pick<AuthContext, 'roles'>): FigureDef[] {
  return figureDefs().filter((d) => {
    const domain = moduleDomains[d.module];
    return !domain || hasPermission(auth.roles, readPermissionOf(domain));
  });
}

const countedParts = (defs: FigureDef[]) => {
  const keys = new Set<string>();
  for (const d of defs) {
    if (isRatio(d)) {
      keys.add(d.numerator);
      keys.add(d.denominator);
    } else keys.add(d.key);
  }
  return [...keys];
};

type Unit = { id: string; path: string };

/**
 * The values of `defs` for each unit over the period. Flow parts: the sum of the unit's monthly rows
 * when every month of the period has one written after the org tree last changed, else one live
 * count over the period. Stock parts: counted now. Returns the oldest monthly row used.
 */
export async function figuresOfUnits(db: Db, units: Unit[], period: string, defs: FigureDef[]): Promise<{ values: Map<string, Record<string, number | null>>; asOf: string | null }> {
  const days = periodDays(period)!;
  const months = periodMonths(period);
  const parts = countedParts(defs);
  const all = new Map(figureDefs().map((d) => [d.key, d]));
  const flows = parts.filter((k) => all.get(k)?.kind === 'flow');
  const stocks = parts.filter((k) => all.get(k)?.kind !== 'flow');
  const changedAt = await orgTreeChangedAt(db);
  const rows = await figureMonthsOf(db, units.map((u) => u.id), months, flows);
  const sums = new Map<string, { n: number; months: number }>();
  let asOf: string | null = null;
  for (const r of rows) {
    const at = new Date(r.computed_at).toISOString();
    if (changedAt && at < changedAt) continue;
    const key = `${r.unit_id}|${r.figure}`;
    const s = sums.get(key) ?? { n: 0, months: 0 };
    s.n += Number(r.value);
    s.months += 1;
    sums.set(key, s);
    if (!asOf || at < asOf) asOf = at;
  }
  const values = new Map<string, Record<string, number | null>>();
  // each unit's live part on its own: PostgreSQL answers them on several pooled connections at once
  // (a county's fifteen townships cost about one round trip, not fifteen); SQLite runs them in turn
  await Promise.all(units.map(async (u) => {
    const counted: Record<string, number | null> = {};
    const live: string[] = [...stocks];
    for (const k of flows) {
      const s = sums.get(`${u.id}|${k}`);
      if (s && s.months === months.length) counted[k] = s.n;
      else live.push(k);
    }
    if (live.length) Object.assign(counted, await computeFigures(db, { path: u.path, from: days.from, to: days.to }, live));
    const out: Record<string, number | null> = {};
    for (const d of defs) out[d.key] = isRatio(d) ? ratioOf(counted[d.numerator] ?? 0, counted[d.denominator] ?? 0) : counted[d.key];
    values.set(u.id, out);
  }));
  return { values, asOf };
}

/** '2026-06-31' → '2026-06-30': the period's real last day (list filters take real days). */
function lastDayOf(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return `${day.slice(0, 8)}${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export async function overviewDashboard(ctx: AppContext, auth: AuthContext, q: OverviewQuery): Promise<OverviewDashboard> {
  const unit = await requireUnit(ctx, auth.scope, q.unitId ?? auth.unit.id);
  const children = (await listUnits(auth.scope, ctx.db, { parentId: unit.id, page: 1, pageSize: 500 })).items;
  const defs = visibleFigures(auth);
  const visible = new Set(defs.map((d) => d.key));
  const childKeys = CHILD_KEYS.filter((k) => visible.has(k));
  const childDefs = defs.filter((d) => visible.has(d.key) && (childKeys as string[]).includes(d.key));
  const [mine, below] = await Promise.all([
    figuresOfUnits(ctx.db, [{ id: unit.id, path: unit.path }], q.period, defs),
    figuresOfUnits(ctx.db, children.map((c) => ({ id: c.id, path: c.path })), q.period, childDefs),
  ]);
  const asOf = [mine.asOf, below.asOf].filter((x): x is string => !!x).sort()[0] ?? null;
  const days = periodDays(q.period)!;
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level as OrgLevel, path: unit.path, parentId: unit.id === auth.unit.id ? null : unit.parent_id },
    period: q.period,
    periodLabel: periodLabel(q.period),
    from: days.from,
    to: lastDayOf(days.to),
    asOf,
    figures: defs.map(figureInfo),
    values: mine.values.get(unit.id)!,
    childKeys,
    children: children.map((c) => ({ id: c.id, name: c.name, level: c.level as OrgLevel, hasChildren: c.child_count > 0, values: below.values.get(c.id)! })),
  };
}
