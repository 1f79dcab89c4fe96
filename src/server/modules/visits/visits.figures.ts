// Visit figures 走访慰问 (issue 16's figure registry; see platform/figures.ts).
import { defineFigure } from '../../platform/figures';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'visits.done',
  module: 'visits',
  label: '走访慰问次数',
  formula: '期间内（走访日期在期间内）范围内记录的走访慰问次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    const r = await db
      .selectFrom('visits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('visited_on', '>=', q.from)
      .where('visited_on', '<=', q.to)
      .where(pathWithin('org_path', q.path))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
});
