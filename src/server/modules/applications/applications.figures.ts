// The applications' figures for a dashboard (统计看板 政策服务), read from the 'app-*' roll-ups only:
// a unit's applications by item and status and its steps on time (a few hundred rows), and, for the
// unit and each unit below it, the applications closed in a period's months and of them those
// closed with at most one run (two point reads per unit and month). The caller names units it has
// already found in the user's range (the jurisdiction guard); a roll-up row holds no record.
import { stepLevels } from '../../../shared/schemas/service-items';
import type { ApplicationStatus } from '../../../shared/schemas/applications';
import type { OneRunCounts } from '../../../shared/schemas/dashboards';
import type { Db } from '../../db/client';
import { rollupBucketsOf, rollupsOf } from '../../platform/rollups.repo';
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
