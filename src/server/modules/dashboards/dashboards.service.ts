// The registry dashboard of a unit's subtree, read from roll-ups (a few hundred rows), never a scan.
import {
  careCategoryLabels,
  dischargeTypeLabels,
  employmentStatusLabels,
  recipientGroupLabels,
  recipientStatusLabels,
} from '../../../shared/schemas/recipients';
import { ageBands, plaqueStatusLabels, type CountItem, type RegistryDashboard } from '../../../shared/schemas/dashboards';
import type { OrgLevel } from '../../../shared/schemas/org-units';
import { shanghaiDay } from '../../../shared/rules/dates';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { rollupsOf } from '../../platform/rollups.repo';
import { listUnits } from '../org-units';
import { requireUnit } from '../org-units';

type Row = { unit_id: string; metric: string; bucket: string; n: number };

function counts(rows: Row[], metric: string, labels: Record<string, string>, noneLabel = '未填写'): CountItem[] {
  return rows
    .filter((r) => r.metric === metric)
    .map((r) => ({ key: r.bucket, label: labels[r.bucket] ?? (r.bucket === 'none' ? noneLabel : r.bucket), n: Number(r.n) }))
    .filter((c) => c.n > 0)
    .sort((a, b) => b.n - a.n);
}

function one(rows: Row[], metric: string, bucket: string): number {
  return rows.filter((r) => r.metric === metric && r.bucket === bucket).reduce((s, r) => s + Number(r.n), 0);
}

function completeness(rows: Row[]): number {
  const filled = rows.filter((r) => r.metric === 'situations');
  const people = filled.reduce((s, r) => s + Number(r.n), 0);
  if (!people) return 0;
  return filled.reduce((s, r) => s + Number(r.bucket) * Number(r.n), 0) / (7 * people);
}

export async function registryDashboard(ctx: AppContext, auth: AuthContext, unitId?: string): Promise<RegistryDashboard> {
  const unit = await requireUnit(ctx, auth.scope, unitId ?? auth.unit.id);
  const children = (await listUnits(auth.scope, ctx.db, { parentId: unit.id, page: 1, pageSize: 500 })).items;
  const rows = (await rollupsOf(ctx.db, [unit.id])) as Row[];
  const childRows = (await rollupsOf(ctx.db, children.map((c) => c.id), ['total', 'priorityCare', 'status', 'situations'])) as Row[];
  const today = shanghaiDay(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const byAgeBand = ageBands.map((b) => ({
    key: b.key,
    label: b.label,
    n: rows.filter((r) => r.metric === 'birthYear' && year - Number(r.bucket) >= b.min && year - Number(r.bucket) <= b.max).reduce((s, r) => s + Number(r.n), 0),
  }));
  const deceased = one(rows, 'deceased', '1');
  const total = one(rows, 'total', 'all');
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level as OrgLevel, parentId: unit.id === auth.unit.id ? null : unit.parent_id },
    asOf: ctx.clock.now().toISOString(),
    totals: {
      total,
      living: total - deceased,
      deceased,
      priorityCare: one(rows, 'priorityCare', '1'),
      registered: one(rows, 'status', 'registered'),
      pending: one(rows, 'status', 'pending'),
      completeness: completeness(rows),
    },
    byGroup: counts(rows, 'group', recipientGroupLabels),
    byCare: counts(rows, 'care', careCategoryLabels),
    byAgeBand,
    byDischarge: counts(rows, 'discharge', dischargeTypeLabels, '非退役军人/未填写'),
    byEmployment: counts(rows, 'employment', employmentStatusLabels),
    byStatus: counts(rows, 'status', recipientStatusLabels),
    byPlaque: counts(rows, 'plaque', plaqueStatusLabels),
    children: children.map((c) => {
      const mine = childRows.filter((r) => r.unit_id === c.id);
      return {
        id: c.id,
        name: c.name,
        level: c.level as OrgLevel,
        hasChildren: c.child_count > 0,
        total: one(mine, 'total', 'all'),
        priorityCare: one(mine, 'priorityCare', '1'),
        registered: one(mine, 'status', 'registered'),
        pending: one(mine, 'status', 'pending'),
        completeness: completeness(mine),
      };
    }),
  };
}
