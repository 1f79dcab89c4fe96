// Obligation figures 工作制度 (issue 16's figure registry; see platform/figures.ts): over a range and
// period, the unit-periods owed (each active obligation × the owing units of the range × its periods
// that end within the period), those met on time and late, and the on-time rate.
import { defineFigure } from '../../platform/figures';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { FigureQuery } from '../../platform/figures';
import { holidayTable } from '../../cases/deadlines';
import { periodEnd, periodsEndingWithin } from '../../../shared/rules/obligation-periods';
import type { PeriodKind } from '../../../shared/rules/periods';
import { submittedSummariesUnder } from '../disputes';
import { countRecords, countUnits, defsUnder, unitIdsOfLevel } from './obligations.repo';
import { dueDayOf } from './obligations.service';

/** The dispute summaries of the range's owing units for the periods ending within the period, on time or late. */
async function disputeSummaries(db: Db | Tx, q: FigureQuery): Promise<{ onTime: number; late: number }> {
  const out = { onTime: 0, late: 0 };
  const table = await holidayTable({ db } as unknown as AppContext, db);
  for (const d of (await defsUnder(db, q.path)).filter((x) => x.record_kind === 'disputeSummary')) {
    const months = periodsEndingWithin(d.period_kind as PeriodKind, q.from, q.to);
    if (!months.length) continue;
    const units = new Set(await unitIdsOfLevel(db, q.path, d.level, d.org_path));
    for (const s of await submittedSummariesUnder(db, q.path, months)) {
      if (!units.has(s.org_unit_id)) continue;
      const due = dueDayOf(d, s.month, table);
      if (new Date(s.submitted_at).getTime() < Date.parse(`${due}T16:00:00.000Z`)) out.onTime++;
      else out.late++;
    }
  }
  return out;
}

defineFigure({
  key: 'obligations.owed',
  module: 'obligations',
  label: '应履行工作制度（次）',
  formula: '范围内每项在用的工作制度 × 其承担单位数 × 期间内结束的周期数（会议、培训、专题研究、报告与矛盾纠纷月报）',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    let n = 0;
    for (const d of await defsUnder(db, q.path)) {
      const periods = periodsEndingWithin(d.period_kind as PeriodKind, q.from, q.to).filter((p) => periodEnd(p) <= q.to);
      if (periods.length) n += periods.length * (await countUnits(db, q.path, d.level, d.org_path));
    }
    return n;
  },
});

defineFigure({
  key: 'obligations.onTime',
  module: 'obligations',
  label: '按时履行（次）',
  formula: '期间内结束的周期中，承担单位在到期日（含）前登记或上报的次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => (await countRecords(db, q.path, q.from, q.to, 1)) + (await disputeSummaries(db, q)).onTime,
});

defineFigure({
  key: 'obligations.late',
  module: 'obligations',
  label: '逾期履行（次）',
  formula: '期间内结束的周期中，承担单位在到期日之后才登记或上报的次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => (await countRecords(db, q.path, q.from, q.to, 0)) + (await disputeSummaries(db, q)).late,
});

defineFigure({
  key: 'obligations.onTimeRate',
  module: 'obligations',
  label: '工作制度按时履行率',
  formula: '按时履行次数 ÷ 应履行次数 × 100%',
  unit: 'percent',
  kind: 'flow',
  numerator: 'obligations.onTime',
  denominator: 'obligations.owed',
});
