// Satisfaction survey figures 满意度调查 (issue 16's figure registry; see platform/figures.ts). Counted
// over the invitations sent in the period (`invited_on`) to people of the range (the invitation's
// path is its person's unit): the response rate and the share of ratings that are 满意 or 非常满意.
import { defineFigure, type FigureQuery } from '../../platform/figures';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { invitationSums } from './surveys.repo';

const sums = (db: Db | Tx, q: FigureQuery) => invitationSums(db, q.path, q.from, q.to);

defineFigure({ key: 'surveys.invited', module: 'surveys', label: '满意度调查邀请数', formula: '期间内向范围内服务对象发出的满意度调查邀请份数', unit: 'count', kind: 'flow', compute: async (db, q) => (await sums(db, q)).invited });
defineFigure({ key: 'surveys.answered', module: 'surveys', label: '满意度调查答复数', formula: '期间内发出的邀请中已答复（网上作答或电话回访）的份数', unit: 'count', kind: 'flow', compute: async (db, q) => (await sums(db, q)).answered });
defineFigure({ key: 'surveys.responseRate', module: 'surveys', label: '满意度调查答复率', formula: '满意度调查答复数 ÷ 满意度调查邀请数 × 100%', unit: 'percent', kind: 'flow', numerator: 'surveys.answered', denominator: 'surveys.invited' });
defineFigure({ key: 'surveys.ratings', module: 'surveys', label: '满意度评分项数', formula: '期间内发出的邀请的答卷中满意度评分题（1–5 分）的作答项数', unit: 'count', kind: 'flow', compute: async (db, q) => (await sums(db, q)).ratings });
defineFigure({ key: 'surveys.satisfied', module: 'surveys', label: '满意评分项数', formula: '其中评为“满意”（4 分）或“非常满意”（5 分）的项数', unit: 'count', kind: 'flow', compute: async (db, q) => (await sums(db, q)).satisfied });
defineFigure({ key: 'surveys.satisfaction', module: 'surveys', label: '群众满意度', formula: '满意评分项数 ÷ 满意度评分项数 × 100%', unit: 'percent', kind: 'flow', numerator: 'surveys.satisfied', denominator: 'surveys.ratings' });
