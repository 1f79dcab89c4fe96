// Rights-case figures 权益维护 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'rights.opened',
  module: 'rights',
  label: '权益维护受理',
  formula: '期间内（受理日期在期间内）范围内受理的权益维护案件数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('rights_cases')
        .where(pathWithin('org_path', q.path))
        .where('opened_on', '>=', q.from)
        .where('opened_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'rights.closed',
  module: 'rights',
  label: '权益维护办结',
  formula: '期间内（办结日期在期间内）范围内办结的权益维护案件数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('rights_cases')
        .where(pathWithin('org_path', q.path))
        .where('closed_on', '>=', q.from)
        .where('closed_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'rights.closedOnTime',
  module: 'rights',
  label: '按期办结',
  formula: '权益维护办结案件中在办理时限内办结的件数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('rights_cases')
        .where(pathWithin('org_path', q.path))
        .where('closed_on', '>=', q.from)
        .where('closed_on', '<=', q.to)
        .where('on_time', '=', 1)
    );
  },
});

defineFigure({
  key: 'rights.onTimeRate',
  module: 'rights',
  label: '权益维护按期办结率',
  formula: '按期办结 ÷ 权益维护办结 × 100%',
  unit: 'percent',
  kind: 'flow',
  numerator: 'rights.closedOnTime',
  denominator: 'rights.closed',
});
