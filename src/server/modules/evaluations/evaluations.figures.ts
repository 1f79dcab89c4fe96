// Evaluation figures 考核评估 (issue 16's figure registry; see platform/figures.ts): for dashboards.
import { defineFigure } from '../../platform/figures';
import { latestPublishedTotal, openRectificationCount } from './evaluations.repo';

defineFigure({
  key: 'evaluations.score',
  module: 'evaluations',
  label: '考核评估得分',
  formula: '该单位最近一次已公布的考核评估总分（满分 100；期间结束前公布的）；未曾公布考评结果的为空（显示“—”，不是 0 分）',
  unit: 'count',
  kind: 'stock',
  compute: async (db, q) => {
    const t = await latestPublishedTotal(db, q.path, `${q.to}T23:59:59.999Z`);
    return t === null ? null : t / 10;
  },
});

defineFigure({
  key: 'evaluations.rectificationsOpen',
  module: 'evaluations',
  label: '未完成整改事项',
  formula: '范围内考核评估下达、尚未完成的整改事项数，按当前数据',
  unit: 'count',
  kind: 'stock',
  compute: (db, q) => openRectificationCount(db, q.path),
});
