// Feedback figures 意见簿 (issue 16's figure registry; see platform/figures.ts). Each figure counts the range's
// records by a day column within the period (an index on org_path and that day, or a small table).
import { defineFigure } from '../../platform/figures';
import { countOf } from '../../platform/figures.repo';
import { pathWithin } from '../../platform/jurisdiction';

defineFigure({
  key: 'feedback.submitted',
  module: 'feedback',
  label: '收到意见建议',
  formula: '期间内（提交日期在期间内）范围内收到的意见簿留言条数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('feedback_entries')
        .where(pathWithin('org_path', q.path))
        .where('submitted_on', '>=', q.from)
        .where('submitted_on', '<=', q.to)
    );
  },
});

defineFigure({
  key: 'feedback.replied',
  module: 'feedback',
  label: '答复意见建议',
  formula: '期间内（答复日期在期间内）范围内答复的意见簿留言条数',
  unit: 'count',
  kind: 'flow',
  compute: async (db, q) => {
    return countOf(
      db
        .selectFrom('feedback_entries')
        .where(pathWithin('org_path', q.path))
        .where('replied_on', '>=', q.from)
        .where('replied_on', '<=', q.to)
    );
  },
});
