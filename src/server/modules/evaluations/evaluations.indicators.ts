// The default indicator sets 默认考评指标体系 (seed Part 12; issue 16) and the scoring rules. The
// defaults live here, never in the database: a unit that edits one gets its own copy (copy-on-edit),
// and the default stays. Each computed indicator names a figure of the registry
// (platform/figures.ts); one whose figure is not registered in this build is entered with evidence
// instead (its formula says so), so the set still adds up to 100.
import { defaultGradeBands, gradeProblems, type EvaluatedLevel, type GradeBand, type Indicator, type ScoreRule, type SetKind } from '../../../shared/schemas/evaluations';
import { figureDef } from '../../platform/figures';

type DefaultIndicator = Omit<Indicator, 'figureKey' | 'rule' | 'evidenceRequired'> & { figureKey?: string; rule?: ScoreRule; evidenceRequired?: boolean };

const rate: ScoreRule = { kind: 'rate' };

// the data side (Part 12 四(三): 注重针对性、操作性和实效性; 四(七): 不增加基层负担 — what the system
// already counts is never asked for again)
const visitCoverage: DefaultIndicator = { key: 'visitCoverage', name: '走访慰问覆盖率', weight: 15, method: 'figure', figureKey: 'visits.coverage', rule: rate, formula: '期间内应走访人次中已按期走访的比例；得分 = 覆盖率 × 权重 ÷ 100' };
const petitionsOnTime: DefaultIndicator = { key: 'petitionsOnTime', name: '信访事项按期办结率', weight: 15, method: 'figure', figureKey: 'petitions.onTimeRate', rule: rate, formula: '期间内办结的信访事项中在法定期限内办结的比例；得分 = 按期办结率 × 权重 ÷ 100' };
const collection: DefaultIndicator = { key: 'collection', name: '信息采集完整率', weight: 10, method: 'figure', figureKey: 'recipients.completeness', rule: rate, formula: '在册服务对象中必填信息齐全的比例；得分 = 完整率 × 权重 ÷ 100' };
const oneRun: DefaultIndicator = { key: 'oneRun', name: '“最多跑一次”办结率', weight: 10, method: 'figure', figureKey: 'applications.oneRunRate', rule: rate, formula: '期间内办结的办件中群众最多跑一次的比例；得分 = 比例 × 权重 ÷ 100' };
const obligations: DefaultIndicator = { key: 'obligations', name: '工作制度落实率', weight: 10, method: 'figure', figureKey: 'obligations.onTimeRate', rule: rate, formula: '期间内应落实的工作制度（例会、培训、疑难问题研判、定期报告）按时完成的比例；得分 = 比例 × 权重 ÷ 100' };
const satisfaction: DefaultIndicator = { key: 'satisfaction', name: '服务对象满意度', weight: 15, method: 'figure', figureKey: 'surveys.satisfaction', rule: { kind: 'thresholds', steps: [{ min: 95, share: 100 }, { min: 90, share: 90 }, { min: 80, share: 75 }, { min: 60, share: 50 }] }, formula: '期间内满意度测评的满意率；95% 及以上得满分，90% 及以上得 90%，80% 及以上得 75%，60% 及以上得 50%，其余不得分' };
const visitsDone: DefaultIndicator = { key: 'visitsDone', name: '走访慰问次数', weight: 20, method: 'figure', figureKey: 'visits.done', rule: { kind: 'target', target: 100 }, formula: '期间内记录的走访慰问次数；达到目标值 100 次得满分，不足按比例得分（得分 = min(次数 ÷ 目标值, 1) × 权重）' };

// the entered side (with evidence: Part 12 二 提供考核所需的相关资料)
const premises: DefaultIndicator = { key: 'premises', name: '阵地建设', weight: 10, method: 'entered', formula: '有场所、有机构、有人员、有经费、有制度、有保障（“六有”）落实情况；按落实项数评分，附场所照片、制度文件', evidenceRequired: true };
const team: DefaultIndicator = { key: 'team', name: '队伍建设与培训', weight: 5, method: 'entered', formula: '专职工作人员配备、业务培训参加情况；附人员名单与培训记录' };
const records: DefaultIndicator = { key: 'records', name: '工作台账与档案', weight: 5, method: 'entered', formula: '各类台账齐全、责任人明确、及时更新；附台账目录或抽查记录', evidenceRequired: true };
const innovation: DefaultIndicator = { key: 'innovation', name: '特色创新与宣传', weight: 5, method: 'entered', formula: '特色服务、典型经验被上级推广或媒体报道；附报道或推广文件' };

type DefaultSet = { id: string; name: string; kind: SetKind; level: EvaluatedLevel; indicators: DefaultIndicator[] };

const annual = [visitCoverage, petitionsOnTime, collection, oneRun, obligations, satisfaction, premises, team, records, innovation];
const withWeights = (list: DefaultIndicator[], weights: number[]) => list.map((i, n) => ({ ...i, weight: weights[n] }));

const defaults: DefaultSet[] = [
  { id: 'default-annual-county', name: '县级服务中心年度考评（默认）', kind: 'annual', level: 'county', indicators: annual },
  { id: 'default-annual-township', name: '乡镇（街道）服务站年度考评（默认）', kind: 'annual', level: 'township', indicators: annual },
  // a village station has no petitions of its own to close and few applications: the weight goes to visits and the people's satisfaction
  { id: 'default-annual-village', name: '村（社区）服务站年度考评（默认）', kind: 'annual', level: 'village', indicators: withWeights([visitCoverage, collection, obligations, satisfaction, premises, team, records, innovation], [25, 15, 15, 20, 10, 5, 5, 5]) },
  { id: 'default-routine-township', name: '乡镇（街道）服务站日常考察（默认）', kind: 'routine', level: 'township', indicators: withWeights([visitsDone, visitCoverage, petitionsOnTime, obligations, records], [20, 25, 20, 20, 15]) },
  { id: 'default-routine-village', name: '村（社区）服务站日常考察（默认）', kind: 'routine', level: 'village', indicators: withWeights([visitsDone, visitCoverage, obligations, records], [30, 30, 25, 15]) },
];

export const isDefaultSetId = (id: string) => id.startsWith('default-');

/** An indicator as shipped, its figure resolved against this build's registry. */
function resolved(i: DefaultIndicator): Indicator {
  if (i.method === 'figure' && i.figureKey && figureDef(i.figureKey)) return { ...i, figureKey: i.figureKey, rule: i.rule ?? null, evidenceRequired: false };
  if (i.method === 'figure') return { ...i, method: 'entered', figureKey: null, rule: null, formula: `${i.formula}（该项数据尚未接入本系统，由被考评单位填报并附佐证材料）`, evidenceRequired: true };
  return { ...i, figureKey: null, rule: null, evidenceRequired: i.evidenceRequired ?? false };
}

export type ResolvedSet = { id: string; name: string; kind: SetKind; level: EvaluatedLevel; indicators: Indicator[]; grades: GradeBand[] };

/** Every default set grades by the default bands (优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below). */
export function defaultSets(): ResolvedSet[] {
  return defaults.map((d) => ({ ...d, indicators: d.indicators.map(resolved), grades: defaultGradeBands }));
}

export function defaultSet(id: string): ResolvedSet | undefined {
  return defaultSets().find((s) => s.id === id);
}

// ---- scoring ----

/** Points in tenths (87.5 → 875): exact integers in both databases. */
export const toTenths = (points: number) => Math.round(points * 10);
export const fromTenths = (t: number | null | undefined) => (t === null || t === undefined ? null : t / 10);

/** The points (in tenths) the rule gives a figure's value for an indicator of `weight`; null without a value. */
export function ruleScore10(rule: ScoreRule | null, weight: number, value: number | null): number | null {
  if (value === null || !rule) return null;
  let share: number;
  if (rule.kind === 'rate') share = Math.max(0, Math.min(value, 100)) / 100;
  else if (rule.kind === 'target') share = Math.max(0, Math.min(value / rule.target, 1));
  else {
    const step = [...rule.steps].sort((a, b) => b.min - a.min).find((s) => value >= s.min);
    share = step ? step.share / 100 : 0;
  }
  return toTenths(share * weight);
}

/** Why a set cannot be saved (Chinese), or none: weights add up to 100, keys unique, figures known and rules given, grade bands in order. */
export function setProblems(indicators: readonly Indicator[], grades: readonly GradeBand[] = defaultGradeBands): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [...gradeProblems(grades)];
  const sum = Math.round(indicators.reduce((s, i) => s + i.weight, 0) * 100) / 100;
  if (sum !== 100) out.push({ path: 'indicators', message: `各项指标权重之和应为 100，当前为 ${sum}` });
  const seen = new Set<string>();
  indicators.forEach((i, n) => {
    if (seen.has(i.key)) out.push({ path: `indicators.${n}.key`, message: `指标编号“${i.key}”重复` });
    seen.add(i.key);
    if (i.method === 'figure') {
      if (!i.figureKey || !figureDef(i.figureKey)) out.push({ path: `indicators.${n}.figureKey`, message: `“${i.name}”须选择系统中已有的统计数据项` });
      if (!i.rule) out.push({ path: `indicators.${n}.rule`, message: `“${i.name}”须设置计分规则` });
    }
  });
  return out;
}
