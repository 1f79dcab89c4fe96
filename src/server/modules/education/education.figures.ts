// Education figures 教育管理 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'education.activities',
  module: 'education',
  label: '教育活动',
  formula: '期间内（举办日期在期间内）范围内举办的思想政治教育、教育培训活动次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('activities')
        .where(pathWithin('org_path', q.path))
        .where('held_on', '>=', q.from)
        .where('held_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'education.exemplarsAccepted',
  module: 'education',
  label: '选树典型',
  formula: '期间内（认定日期在期间内）范围内认定的先进典型人数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('exemplars')
        .where(pathWithin('org_path', q.path))
        .where('accepted_on', '>=', q.from)
        .where('accepted_on', '<=', q.to)
        .where('status', '=', 'accepted')
    );
  },
});
