// The applications' figures for a dashboard (统计看板 政策服务), read from the 'app-*' roll-ups only:
// a unit's applications by item and status and its steps on time (a few hundred rows), and, for the
// unit and each unit below it, the applications closed in a period's months and of them those
// closed with at most one run (two point reads per unit and month). The caller names units it has
// already found in the user's range (the jurisdiction guard); a roll-up row holds no record.
import { stepLevels } from '../../../shared/schemas/service-items';
import type { ApplicationStatus } from '../../../shared/schemas/applications';
import type { OneRunCounts } from '../../../shared/schemas/dashboards';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { defineFigure, type FigureQuery } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { monthsOfDays } from '../../platform/figure-months';
import { pathWithin } from '../../platform/jurisdiction';
import { pathUnits, rollupBucketsOf, rollupsOf } from '../../platform/rollups.repo';
import { APP_METRICS } from './applications.repo';

const ratio = (part: number, whole: number) => (whole ? part / whole : null);

export function oneRunCounts(closed: number, atMostOneRun: number): OneRunCounts {
  return { closed, atMostOneRun, oneRunRate: ratio(atMostOneRun, closed) };
}

/** The 最多跑一次 counts of each unit over the months (units found in the caller's range). */
export async function oneRunFiguresOf(db: Db, unitIds: string[], months: string[]): Promise<Map<string, OneRunCounts>> {
  const rows = await rollupBucketsOf(db, unitIds, [APP_METRICS.closed, APP_METRICS.oneRun], months);
  const out = new Map<string, OneRunCounts>();
  for (const id of unitIds) {
    const mine = rows.filter((r) => r.unit_id === id);
    const sum = (metric: string) => mine.filter((r) => r.metric === metric).reduce((s, r) => s + Number(r.n), 0);
    out.set(id, oneRunCounts(sum(APP_METRICS.closed), sum(APP_METRICS.oneRun)));
  }
  return out;
}

/** A unit's applications by item and status as they stand, and each step level's opinions on time. */
export async function applicationStandingOf(db: Db, unitId: string) {
  const rows = await rollupsOf(db, [unitId], [APP_METRICS.status, APP_METRICS.step]);
  const n = (metric: string, bucket: string) => Number(rows.find((r) => r.metric === metric && r.bucket === bucket)?.n ?? 0);
  const byItemStatus = rows
    .filter((r) => r.metric === APP_METRICS.status && Number(r.n) > 0)
    .map((r) => {
      const [status, itemId, ...name] = r.bucket.split('|');
      return { itemId, itemName: name.join('|'), status: status as ApplicationStatus, n: Number(r.n) };
    })
    .sort((a, b) => a.itemName.localeCompare(b.itemName, 'zh') || a.status.localeCompare(b.status));
  const steps = stepLevels.map((level) => {
    const onTime = n(APP_METRICS.step, `${level}|on`);
    const late = n(APP_METRICS.step, `${level}|late`);
    return { level, onTime, late, rate: ratio(onTime, onTime + late) };
  });
  return { byItemStatus, steps };
}

// ---- the figure registry (issue 16; see platform/figures.ts) ----

const flow = { module: 'applications', unit: 'count', kind: 'flow' } as const;

defineFigure({
  key: 'applications.received',
  ...flow,
  label: '受理办件',
  formula: '期间内（受理日期在期间内）范围内受理的政策服务办件数',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('applications')
        .where(pathWithin('org_path', q.path))
        .where('opened_on', '>=', q.from)
        .where('opened_on', '<=', q.to)
    );
  },
});

async function monthly(db: Db | Tx, q: FigureQuery, metric: string): Promise<number> {
  const rows = await rollupBucketsOf(db, [pathUnits(q.path).at(-1)!], [metric], monthsOfDays(q.from, q.to));
  return rows.reduce((s, r) => s + Number(r.n), 0);
}

defineFigure({ key: 'applications.closed', ...flow, label: '办结办件', formula: '期间内（办结月份在期间内）范围内办结（批准或不予批准）的办件数', compute: (db, q) => monthly(db, q, APP_METRICS.closed) });
defineFigure({ key: 'applications.oneRun', ...flow, label: '最多跑一次办件', formula: '办结办件中群众到现场不超过一次的办件数', compute: (db, q) => monthly(db, q, APP_METRICS.oneRun) });
defineFigure({
  key: 'applications.oneRunRate',
  module: 'applications',
  unit: 'percent',
  kind: 'flow',
  label: '“最多跑一次”比率',
  formula: '最多跑一次办件 ÷ 办结办件 × 100%',
  numerator: 'applications.oneRun',
  denominator: 'applications.closed',
});
