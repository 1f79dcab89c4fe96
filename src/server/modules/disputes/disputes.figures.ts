// Dispute figures 矛盾纠纷 (issue 16's figure registry; see platform/figures.ts).
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { defineFigure, type FigureQuery } from '../../platform/figures';
import { pathWithin } from '../../platform/jurisdiction';

async function count(db: Db | Tx, q: FigureQuery, which: 'found' | 'closed' | 'onTime' | 'open'): Promise<number> {
  let query = db.selectFrom('disputes').select((eb) => eb.fn.countAll<number>().as('n')).where(pathWithin('org_path', q.path));
  if (which === 'found') query = query.where('found_on', '>=', q.from).where('found_on', '<=', q.to);
  else if (which === 'open') query = query.where('status', '=', 'open');
  else {
    query = query.where('status', '=', 'closed').where('closed_on', '>=', q.from).where('closed_on', '<=', q.to);
    if (which === 'onTime') query = query.whereRef('closed_on', '<=', 'deadline');
  }
  return Number((await query.executeTakeFirstOrThrow()).n);
}

const flow = { module: 'disputes', unit: 'count', kind: 'flow' } as const;

defineFigure({ key: 'disputes.found', ...flow, label: '排查矛盾纠纷', formula: '期间内（发现日期在期间内）范围内登记的矛盾纠纷件数', compute: (db, q) => count(db, q, 'found') });
defineFigure({ key: 'disputes.closed', ...flow, label: '化解矛盾纠纷', formula: '期间内（化解日期在期间内）范围内化解办结的矛盾纠纷件数', compute: (db, q) => count(db, q, 'closed') });
defineFigure({ key: 'disputes.closedOnTime', ...flow, label: '按期化解', formula: '化解矛盾纠纷中化解日期不晚于化解时限的件数', compute: (db, q) => count(db, q, 'onTime') });
defineFigure({
  key: 'disputes.onTimeRate',
  module: 'disputes',
  unit: 'percent',
  kind: 'flow',
  label: '矛盾纠纷按期化解率',
  formula: '按期化解 ÷ 化解矛盾纠纷 × 100%',
  numerator: 'disputes.closedOnTime',
  denominator: 'disputes.closed',
});
defineFigure({ key: 'disputes.open', module: 'disputes', unit: 'count', kind: 'stock', label: '在办矛盾纠纷', formula: '范围内当前尚未化解（状态为在办）的矛盾纠纷件数', compute: (db, q) => count(db, q, 'open') });
