// Venture figures 创业项目、零就业家庭 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'ventures.started',
  module: 'ventures',
  label: '新增创业项目',
  formula: '期间内（创办日期在期间内）范围内登记的退役军人创业项目数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('ventures')
        .where(pathWithin('org_path', q.path))
        .where('started_on', '>=', q.from)
        .where('started_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'ventures.jobsCreated',
  module: 'ventures',
  label: '创业带动就业',
  formula: '期间内创办的创业项目登记的带动就业人数之和',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    const r = await db
      .selectFrom('ventures')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('jobs_created'), eb.lit(0)).as('n'))
      .where(pathWithin('org_path', q.path))
      .where('started_on', '>=', q.from)
      .where('started_on', '<=', q.to)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
});

defineFigure({
  key: 'ventures.zeroHelping',
  module: 'ventures',
  label: '零就业家庭（帮扶中）',
  formula: '范围内当前在帮扶中的零就业家庭户数',
  unit: 'count',
  kind: 'stock',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('zero_employment_households')
        .where(pathWithin('org_path', q.path))
        .where('status', '=', 'helping')
    );
  },
});

defineFigure({
  key: 'ventures.zeroReemployed',
  module: 'ventures',
  label: '零就业家庭动态清零',
  formula: '期间内（关闭日期在期间内）以上岗再就业关闭的零就业家庭户数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('zero_employment_households')
        .where(pathWithin('org_path', q.path))
        .where('closed_on', '>=', q.from)
        .where('closed_on', '<=', q.to)
        .where('status', '=', 'reemployed')
    );
  },
});
