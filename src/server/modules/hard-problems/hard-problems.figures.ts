// Hard-problem figures 疑难问题 (issue 16's figure registry; see platform/figures.ts). Counted over the
// problems raised within the range (the raising unit's path).
import { defineFigure } from '../../platform/figures';
import { hardProblemFigureCounts as c } from './hard-problems.repo';

defineFigure({
  key: 'hardProblems.reported',
  module: 'hardProblems',
  label: '上报疑难问题数',
  formula: '期间内（上报日期在期间内）范围内各单位上报的疑难问题件数',
  unit: 'count',
  kind: 'flow',
  compute: c.reported,
});
defineFigure({
  key: 'hardProblems.resolved',
  module: 'hardProblems',
  label: '解决疑难问题数',
  formula: '范围内上报的疑难问题中，期间内解决办结（办结日期在期间内）的件数',
  unit: 'count',
  kind: 'flow',
  compute: c.resolved,
});
defineFigure({
  key: 'hardProblems.resolvedFirstLevel',
  module: 'hardProblems',
  label: '首次受理层级解决数',
  formula: '期间内解决办结的疑难问题中，由首次受理的层级（上报单位的上级）解决、未再上报的件数',
  unit: 'count',
  kind: 'flow',
  compute: c.resolvedFirstLevel,
});
defineFigure({
  key: 'hardProblems.openAtEnd',
  module: 'hardProblems',
  label: '期末未解决疑难问题数',
  formula: '期末（期间最后一天）前上报、到期末仍未解决也未撤回的疑难问题件数',
  unit: 'count',
  kind: 'stock',
  compute: c.openAtEnd,
});
defineFigure({
  key: 'hardProblems.handled',
  module: 'hardProblems',
  label: '期内在办疑难问题数',
  formula: '期末前上报、期初前未办结、到期末未撤回的疑难问题件数（期初结转加期内新报）',
  unit: 'count',
  kind: 'flow',
  compute: c.handled,
});
defineFigure({
  key: 'hardProblems.resolutionRate',
  module: 'hardProblems',
  label: '疑难问题解决率',
  formula: '解决疑难问题数 ÷ 期内在办疑难问题数 × 100%',
  unit: 'percent',
  kind: 'flow',
  numerator: 'hardProblems.resolved',
  denominator: 'hardProblems.handled',
});
