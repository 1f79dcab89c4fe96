// Assistance figures 帮扶援助 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'assistance.opened',
  module: 'assistance',
  label: '帮扶援助申请',
  formula: '期间内（申请日期在期间内）范围内受理的帮扶援助申请件数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('assistance_applications')
        .where(pathWithin('org_path', q.path))
        .where('opened_on', '>=', q.from)
        .where('opened_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'assistance.approved',
  module: 'assistance',
  label: '批准援助件数',
  formula: '期间内（决定日期在期间内）范围内批准给予援助的申请件数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('assistance_applications')
        .where(pathWithin('org_path', q.path))
        .where('decided_on', '>=', q.from)
        .where('decided_on', '<=', q.to)
        .where('approved', '=', 1)
    );
  },
});

defineFigure({
  key: 'assistance.amountFen',
  module: 'assistance',
  label: '批准援助金额',
  formula: '期间内批准援助的资金金额之和（以分计，显示为元）',
  unit: 'fen',
  kind: 'flow',
  compute: async (db, q) => {
    const r = await db
      .selectFrom('assistance_applications')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('n'))
      .where(pathWithin('org_path', q.path))
      .where('decided_on', '>=', q.from)
      .where('decided_on', '<=', q.to)
      .where('approved', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
});
