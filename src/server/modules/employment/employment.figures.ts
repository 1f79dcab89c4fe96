// Employment figures 就业创业 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'employment.recommendations',
  module: 'employment',
  label: '岗位推荐',
  formula: '期间内（推荐日期在期间内）范围内向退役军人推荐岗位的次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('job_recommendations')
        .where(pathWithin('org_path', q.path))
        .where('recommended_on', '>=', q.from)
        .where('recommended_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'employment.hires',
  module: 'employment',
  label: '推荐上岗',
  formula: '期间内（结果日期在期间内）推荐结果为已录用的次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('job_recommendations')
        .where(pathWithin('org_path', q.path))
        .where('outcome_on', '>=', q.from)
        .where('outcome_on', '<=', q.to)
        .where('status', '=', 'hired')
    );
  },
});

defineFigure({
  key: 'employment.openings',
  module: 'employment',
  label: '有效岗位',
  formula: '范围内发布的、有效期至期间末仍有效的岗位数',
  unit: 'count',
  kind: 'stock',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('job_openings')
        .where(pathWithin('org_path', q.path))
        .where('valid_to', '>=', q.to)
        .where('valid_from', '<=', q.to)
    );
  },
});
