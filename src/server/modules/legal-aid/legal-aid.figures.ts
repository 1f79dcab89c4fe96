// Legal aid figures 法律援助 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'legalAid.applied',
  module: 'legal-aid',
  label: '法律援助申请',
  formula: '期间内（申请日期在期间内）范围内登记的法律援助申请件数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('legal_aid_cases')
        .where(pathWithin('org_path', q.path))
        .where('applied_on', '>=', q.from)
        .where('applied_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'legalAid.closed',
  module: 'legal-aid',
  label: '法律援助办结',
  formula: '期间内（办结日期在期间内）范围内办结的法律援助件数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('legal_aid_cases')
        .where(pathWithin('org_path', q.path))
        .where('closed_on', '>=', q.from)
        .where('closed_on', '<=', q.to)
    );
  },
});
