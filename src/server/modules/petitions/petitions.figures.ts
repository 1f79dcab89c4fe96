// Petition figures 信访 (issue 16's figure registry; see platform/figures.ts).
import { defineFigure } from '../../platform/figures';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'petitions.received',
  module: 'petitions',
  label: '受理信访件数',
  formula: '期间内（收到日期在期间内）范围内登记的信访件数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    const r = await db
      .selectFrom('petitions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('received_on', '>=', q.from)
      .where('received_on', '<=', q.to)
      .where(pathWithin('org_path', q.path))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
});
