// Honor figures 荣誉表彰 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'honors.awarded',
  module: 'honors',
  label: '获得表彰',
  formula: '期间内（授予日期在期间内）范围内登记的退役军人获得表彰、荣誉次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('honors')
        .where(pathWithin('org_path', q.path))
        .where('awarded_on', '>=', q.from)
        .where('awarded_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'honors.meritDelivered',
  module: 'honors',
  label: '立功喜报送达',
  formula: '期间内（送达日期在期间内）范围内送达的立功受奖喜报份数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('merit_notices')
        .where(pathWithin('org_path', q.path))
        .where('delivered_on', '>=', q.from)
        .where('delivered_on', '<=', q.to)
        .where('status', '=', 'delivered')
    );
  },
});
