// Fund figures 资金与发放 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'funds.paid',
  module: 'funds',
  label: '已发放笔数',
  formula: '期间内（发放日期在期间内）范围内已发放到人的应付款笔数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('payables')
        .where(pathWithin('org_path', q.path))
        .where('paid_on', '>=', q.from)
        .where('paid_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'funds.paidFen',
  module: 'funds',
  label: '已发放金额',
  formula: '期间内已发放到人的应付款金额之和（以分计，显示为元）',
  unit: 'fen',
  kind: 'flow',
  compute: async (db, q) => {
    const r = await db
      .selectFrom('payables')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('n'))
      .where(pathWithin('org_path', q.path))
      .where('paid_on', '>=', q.from)
      .where('paid_on', '<=', q.to)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
});

defineFigure({
  key: 'funds.pending',
  module: 'funds',
  label: '待发放笔数',
  formula: '范围内已批准、尚未发放的应付款笔数（当前）',
  unit: 'count',
  kind: 'stock',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('payables')
        .where(pathWithin('org_path', q.path))
        .where('paid_on', 'is', null)
    );
  },
});
