// Party figures 退役军人党员 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'party.meetings',
  module: 'party',
  label: '三会一课与主题党日',
  formula: '期间内（召开日期在期间内）范围内党支部召开的三会一课、主题党日次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('party_meetings')
        .where(pathWithin('org_path', q.path))
        .where('held_on', '>=', q.from)
        .where('held_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'party.volunteerActivities',
  module: 'party',
  label: '志愿服务活动',
  formula: '期间内（开展日期在期间内）范围内志愿服务队开展的活动次数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    const r = await db
      .selectFrom('volunteer_activities')
      .innerJoin('volunteer_teams', (j) => j.onRef('volunteer_teams.id', '=', 'volunteer_activities.team_id'))
      .where('held_on', '>=', q.from)
      .where('held_on', '<=', q.to)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(pathWithin('volunteer_teams.org_path', q.path))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
});
