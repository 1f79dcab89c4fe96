// Petition figures 信访 (issue 16's figure registry; see platform/figures.ts). Restricted petitions
// (检举控告, visible only to the users named on them) are left out, so a number never tells a
// reader of the range about a record they cannot open. On time: replied (办理答复) by the handling
// due day.
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { defineFigure, type FigureQuery } from '../../platform/figures';
import { pathWithin } from '../../platform/jurisdiction';

async function count(db: Db | Tx, q: FigureQuery, column: 'received_on' | 'replied_on' | 'closed_on', onTime = false): Promise<number> {
  let query = db
    .selectFrom('petitions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '>=', q.from)
    .where(column, '<=', q.to)
    .where(pathWithin('org_path', q.path))
    .where('restricted', '=', 0);
  if (onTime) query = query.whereRef('replied_on', '<=', 'handle_due');
  return Number((await query.executeTakeFirstOrThrow()).n);
}

const flow = { module: 'petitions', unit: 'count', kind: 'flow' } as const;

defineFigure({
  key: 'petitions.received',
  ...flow,
  label: '受理信访件数',
  formula: '期间内（收到日期在期间内）范围内登记的信访件数（不含限定知悉范围的检举控告件）',
  compute: (db, q) => count(db, q, 'received_on'),
});

defineFigure({
  key: 'petitions.replied',
  ...flow,
  label: '办结答复件数',
  formula: '期间内（答复日期在期间内）范围内作出办理答复的信访件数（不含检举控告件）',
  compute: (db, q) => count(db, q, 'replied_on'),
});

defineFigure({
  key: 'petitions.repliedOnTime',
  ...flow,
  label: '按期答复件数',
  formula: '办结答复件中答复日期不晚于办理期限的件数',
  compute: (db, q) => count(db, q, 'replied_on', true),
});

defineFigure({
  key: 'petitions.onTimeRate',
  module: 'petitions',
  unit: 'percent',
  kind: 'flow',
  label: '信访按期办结率',
  formula: '按期答复件数 ÷ 办结答复件数 × 100%',
  numerator: 'petitions.repliedOnTime',
  denominator: 'petitions.replied',
});

defineFigure({
  key: 'petitions.closed',
  ...flow,
  label: '终结件数',
  formula: '期间内（终结日期在期间内）范围内终结的信访件数（不含检举控告件）',
  compute: (db, q) => count(db, q, 'closed_on'),
});
