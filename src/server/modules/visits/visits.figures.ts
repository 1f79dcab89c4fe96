// Visit figures 走访慰问 (issue 16's figure registry; see platform/figures.ts). Owed visits are
// counted by the occasion day in the period (the same rule as the coverage page); done on time
// means recorded within the owed visit's window.
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { defineFigure, type FigureQuery } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'visits.done',
  module: 'visits',
  label: '走访慰问次数',
  formula: '期间内（走访日期在期间内）范围内记录的走访慰问次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('visits')
        .where('visited_on', '>=', q.from)
        .where('visited_on', '<=', q.to)
        .where(pathWithin('org_path', q.path))
    );
  },
});

async function owed(db: Db | Tx, q: FigureQuery, which: 'owed' | 'done' | 'onTime'): Promise<number> {
  let query = db
    .selectFrom('due_visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(pathWithin('org_path', q.path))
    .where('occasion_day', '>=', q.from)
    .where('occasion_day', '<=', q.to);
  query = which === 'owed' ? query.where('status', '<>', 'cancelled') : query.where('status', '=', 'done');
  if (which === 'onTime') query = query.whereRef('done_on', '<=', 'window_end');
  return Number((await query.executeTakeFirstOrThrow()).n);
}

defineFigure({
  key: 'visits.owed',
  module: 'visits',
  label: '应走访次数',
  formula: '范围内走访时点（节日、生日、触发事件等）在期间内、未取消的应走访任务数',
  unit: 'count',
  kind: 'flow',
  compute: (db, q) => owed(db, q, 'owed'),
});

defineFigure({
  key: 'visits.owedDone',
  module: 'visits',
  label: '应走访已完成',
  formula: '应走访任务中已记录走访（状态为已完成）的任务数',
  unit: 'count',
  kind: 'flow',
  compute: (db, q) => owed(db, q, 'done'),
});

defineFigure({
  key: 'visits.onTime',
  module: 'visits',
  label: '按时走访',
  formula: '应走访任务中在走访窗口结束日及之前完成的任务数',
  unit: 'count',
  kind: 'flow',
  compute: (db, q) => owed(db, q, 'onTime'),
});

defineFigure({
  key: 'visits.coverage',
  module: 'visits',
  label: '走访覆盖率',
  formula: '应走访已完成 ÷ 应走访次数 × 100%',
  unit: 'percent',
  kind: 'flow',
  numerator: 'visits.owedDone',
  denominator: 'visits.owed',
});

defineFigure({
  key: 'visits.onTimeRate',
  module: 'visits',
  label: '走访按时率',
  formula: '按时走访 ÷ 应走访次数 × 100%',
  unit: 'percent',
  kind: 'flow',
  numerator: 'visits.onTime',
  denominator: 'visits.owed',
});
