// Registry figures 人员底数 (issue 16's figure registry; see platform/figures.ts). The stock figures
// (people by group, age band and employment, collection completeness) read the registry's roll-ups
// of the range's unit (a few rows, never a scan); those reviewed in a period count the records
// whose county review (入库) fell in it.
import { ageBands } from '../../../shared/schemas/dashboards';
import { employmentStatusLabels, employmentStatuses, recipientGroupLabels, recipientGroups } from '../../../shared/schemas/recipients';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { defineFigure, type FigureQuery } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';
import { pathUnits, rollupsOf } from '../../platform/rollups.repo';

/** The range's own unit: the last id of its path. */
const unitOf = (path: string) => pathUnits(path).at(-1)!;

const METRICS = ['status', 'total', 'deceased', 'priorityCare', 'group', 'birthYear', 'employment', 'situations'];
/**
 * The unit's registry roll-ups, read once per figure query: computeFigures hands the same query
 * object to every figure it computes, so the thirty-odd registry figures of one range cost one read
 * (the cache dies with the query object; a later request reads afresh).
 */
const rowsOfQuery = new WeakMap<FigureQuery, Promise<{ metric: string; bucket: string; n: number | string }[]>>();

async function rollupSum(db: Db | Tx, q: FigureQuery, metric: string, pick: (bucket: string) => number): Promise<number> {
  let rows = rowsOfQuery.get(q);
  if (!rows) {
    rows = rollupsOf(db, [unitOf(q.path)], METRICS);
    rowsOfQuery.set(q, rows);
  }
  return (await rows).filter((r) => r.metric === metric).reduce((s, r) => s + pick(r.bucket) * Number(r.n), 0);
}
const bucketIs = (...buckets: string[]) => (b: string) => (buckets.includes(b) ? 1 : 0);

const stock = { module: 'recipients', unit: 'count', kind: 'stock' } as const;

defineFigure({
  key: 'recipients.registered',
  ...stock,
  label: '在册服务对象',
  formula: '范围内已入库（县级审核通过）的服务对象人数（含已故），按当前库内数据',
  compute: (db, q) => rollupSum(db, q, 'status', bucketIs('registered')),
});

defineFigure({
  key: 'recipients.living',
  ...stock,
  label: '健在服务对象',
  formula: '范围内库内服务对象（不含合并掉的重复记录）中未登记去世的人数，按当前库内数据',
  compute: async (db, q) => (await rollupSum(db, q, 'total', bucketIs('all'))) - (await rollupSum(db, q, 'deceased', bucketIs('1'))),
});

defineFigure({
  key: 'recipients.priorityCare',
  ...stock,
  label: '重点关爱对象',
  formula: '健在服务对象中至少有一项关爱类别（孤老、困难、大病等）的人数',
  compute: (db, q) => rollupSum(db, q, 'priorityCare', bucketIs('1')),
});

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

for (const g of recipientGroups) {
  defineFigure({
    key: `recipients.byGroup${cap(g)}`,
    ...stock,
    label: recipientGroupLabels[g],
    formula: `健在服务对象中人员类别为“${recipientGroupLabels[g]}”的人数`,
    compute: (db, q) => rollupSum(db, q, 'group', bucketIs(g)),
  });
}

for (const b of ageBands) {
  defineFigure({
    key: `recipients.byAge${cap(b.key.replace(/[^a-z0-9]/gi, 'to'))}`,
    ...stock,
    label: b.label,
    formula: `健在服务对象中按出生年份计算，到期间末所在年份年龄为${b.label}的人数`,
    compute: (db, q) => {
      const year = Number(q.to.slice(0, 4));
      return rollupSum(db, q, 'birthYear', (y) => (year - Number(y) >= b.min && year - Number(y) <= b.max ? 1 : 0));
    },
  });
}

for (const s of employmentStatuses) {
  defineFigure({
    key: `recipients.byEmployment${cap(s)}`,
    ...stock,
    label: employmentStatusLabels[s],
    formula: `健在服务对象中就业状态为“${employmentStatusLabels[s]}”的人数`,
    compute: (db, q) => rollupSum(db, q, 'employment', bucketIs(s)),
  });
}

defineFigure({
  key: 'recipients.workingOrSeeking',
  ...stock,
  label: '就业与求职人数',
  formula: '健在服务对象中就业状态为在岗就业、自主就业或未就业的人数（就业率的分母）',
  compute: (db, q) => rollupSum(db, q, 'employment', bucketIs('employed', 'selfEmployed', 'unemployed')),
});

defineFigure({
  key: 'recipients.working',
  ...stock,
  label: '就业人数',
  formula: '健在服务对象中就业状态为在岗就业或自主就业的人数',
  compute: (db, q) => rollupSum(db, q, 'employment', bucketIs('employed', 'selfEmployed')),
});

defineFigure({
  key: 'recipients.employmentRate',
  module: 'recipients',
  unit: 'percent',
  kind: 'stock',
  label: '就业率',
  formula: '就业人数（在岗就业、自主就业）÷（就业人数 + 未就业人数）× 100%',
  numerator: 'recipients.working',
  denominator: 'recipients.workingOrSeeking',
});

defineFigure({
  key: 'recipients.situationsFilled',
  ...stock,
  label: '已采集情况项',
  formula: '健在服务对象已采集的七个状况（《规范》第五部分三(一)）项数之和',
  compute: (db, q) => rollupSum(db, q, 'situations', (b) => Number(b)),
});

defineFigure({
  key: 'recipients.situationsAll',
  ...stock,
  label: '应采集情况项',
  formula: '健在服务对象人数 × 7（每人七个状况）',
  compute: (db, q) => rollupSum(db, q, 'situations', () => 7),
});

defineFigure({
  key: 'recipients.completeness',
  module: 'recipients',
  unit: 'percent',
  kind: 'stock',
  label: '信息采集完整率',
  formula: '已采集情况项 ÷ 应采集情况项（健在人数 × 7）× 100%',
  numerator: 'recipients.situationsFilled',
  denominator: 'recipients.situationsAll',
});

/** The first instant of a Chinese day, as UTC ISO text ('2026-06-31' rolls over to July 1st). */
export function chinaDayStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - 8 * 3600_000).toISOString();
}
const nextDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

defineFigure({
  key: 'recipients.reviewed',
  module: 'recipients',
  unit: 'count',
  kind: 'flow',
  label: '审核入库人数',
  formula: '期间内（县级审核通过时间在期间内）范围内入库的服务对象人数',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('recipients')
        .where(pathWithin('org_path', q.path))
        .where('registered_at', '>=', chinaDayStart(q.from))
        .where('registered_at', '<', chinaDayStart(nextDay(q.to)))
        .where('merged_into', 'is', null)
    );
  },
});
