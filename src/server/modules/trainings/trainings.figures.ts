// Training and job-fair figures 培训、招聘会 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'trainings.started',
  module: 'trainings',
  label: '开班培训',
  formula: '期间内（开班日期在期间内）范围内开办的技能培训、适应性培训班次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('trainings')
        .where(pathWithin('org_path', q.path))
        .where('start_on', '>=', q.from)
        .where('start_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'trainings.completed',
  module: 'trainings',
  label: '培训结业人次',
  formula: '期间内（结业日期在期间内）范围内培训班的结业人次',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    const r = await db
      .selectFrom('training_enrolments')
      .innerJoin('trainings', (j) => j.onRef('trainings.id', '=', 'training_enrolments.training_id'))
      .where('completed_on', '>=', q.from)
      .where('completed_on', '<=', q.to)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(pathWithin('trainings.org_path', q.path))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
});

defineFigure({
  key: 'trainings.fairs',
  module: 'trainings',
  label: '招聘会场次',
  formula: '期间内（举办日期在期间内）范围内举办的招聘会场次',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('job_fairs')
        .where(pathWithin('org_path', q.path))
        .where('held_on', '>=', q.from)
        .where('held_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'trainings.fairHires',
  module: 'trainings',
  label: '招聘会达成就业',
  formula: '期间内举办的招聘会登记的达成就业人数之和',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    const r = await db
      .selectFrom('job_fairs')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('hired_count'), eb.lit(0)).as('n'))
      .where(pathWithin('org_path', q.path))
      .where('held_on', '>=', q.from)
      .where('held_on', '<=', q.to)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
});

defineFigure({
  key: 'trainings.fairPersonHires',
  module: 'trainings',
  label: '招聘会逐人登记录用',
  formula: '期间内举办的范围内招聘会中，逐人登记结果为“已录用”的报名人数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('job_fair_people')
        .innerJoin('job_fairs', (j) => j.onRef('job_fairs.id', '=', 'job_fair_people.fair_id'))
        .where('job_fair_people.outcome', '=', 'hired')
        .where(pathWithin('job_fairs.org_path', q.path))
        .where('job_fairs.held_on', '>=', q.from)
        .where('job_fairs.held_on', '<=', q.to)
    );
  },
});
