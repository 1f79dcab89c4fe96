// The numbers of an evaluation: the figures of the registry for the evaluated unit's subtree and the
// round's period, the rules that turn them into points, the self-assessment's total, and the scoring
// that freezes them. Called from the kernel's actions (evaluations.cases.ts) in their transaction.
// Once an item is frozen (at scoring) its value is never computed again: a published evaluation keeps
// its numbers whatever happens to the data later.
import { defaultGradeBands, gradeBand, gradeOf, indicator, type GradeBand, type Indicator } from '../../../shared/schemas/evaluations';
import { z } from '../../../shared/zod-setup';
import type { Tx } from '../../db/transaction';
import type { Db } from '../../db/client';
import { computeFigures, figureDef } from '../../platform/figures';
import { badRequest, conflict } from '../../platform/errors';
import { evaluationUnscoped, evidenceKeysUnscoped, itemsOfUnscoped, roundUnscoped, sheetsOfUnscoped, staffNamesUnscoped, writeItemScoreUnscoped, writeItemValueUnscoped } from './evaluations.repo';
import { ruleScore10 } from './evaluations.indicators';

export const parseIndicators = (json: string): Indicator[] => z.array(indicator).parse(JSON.parse(json));
/** A set's or round's grade bands; null (stored before migration 0058): the default bands. */
export const parseGrades = (json: string | null): GradeBand[] => (json === null ? defaultGradeBands : z.array(gradeBand).parse(JSON.parse(json)));

/** The grade of an evaluation's total under its round's bands (the bands are the round's copy: editing the set later changes nothing). */
export async function gradeOfEvaluation(trx: Tx, evaluationId: string, total10: number | null): Promise<string | null> {
  if (total10 === null) return null;
  const e = await evaluationUnscoped(trx, evaluationId);
  return gradeOf(parseGrades((await roundUnscoped(trx, e.round_id)).grades), total10);
}

/** The live values of the computed indicators for a unit's subtree and a period (null: nothing to count). */
export async function liveValues(db: Db | Tx, indicators: readonly Indicator[], path: string, from: string, to: string): Promise<Map<string, number | null>> {
  const keys = [...new Set(indicators.filter((i) => i.method === 'figure' && i.figureKey && figureDef(i.figureKey)).map((i) => i.figureKey!))];
  const values = keys.length ? await computeFigures(db, { path, from, to }, keys) : {};
  return new Map(indicators.filter((i) => i.method === 'figure').map((i) => [i.key, i.figureKey ? (values[i.figureKey] ?? null) : null]));
}

export const parseValue = (v: string | null): number | null => (v === null ? null : (JSON.parse(v) as number | null));

async function context(trx: Tx, evaluationId: string) {
  const e = await evaluationUnscoped(trx, evaluationId);
  const round = await roundUnscoped(trx, e.round_id);
  return { e, round, indicators: parseIndicators(round.indicators), items: new Map((await itemsOfUnscoped(trx, evaluationId)).map((i) => [i.indicator_key, i])) };
}

/** At submission: every entered indicator self-scored (with its evidence where required); takes the figures' values now; returns the self total in tenths. */
export async function takeSelfAssessment(trx: Tx, evaluationId: string, at: string): Promise<number> {
  const { e, round, indicators, items } = await context(trx, evaluationId);
  const evidence = await evidenceKeysUnscoped(trx, evaluationId);
  const problems: { path: string; message: string }[] = [];
  for (const i of indicators) {
    if (i.method !== 'entered') continue;
    if (items.get(i.key)?.self_score10 === null || items.get(i.key)?.self_score10 === undefined) problems.push({ path: `items.${i.key}`, message: `请填写“${i.name}”的自评分` });
    else if (i.evidenceRequired && !evidence.has(i.key)) problems.push({ path: `items.${i.key}`, message: `“${i.name}”须上传佐证材料` });
  }
  if (problems.length) throw badRequest(`自评尚未完成：${problems.map((p) => p.message).join('；')}`, problems);
  const values = await liveValues(trx, indicators, e.org_path, round.period_from, round.period_to);
  let total = 0;
  for (const i of indicators) {
    if (i.method === 'figure') {
      const v = values.get(i.key) ?? null;
      await writeItemValueUnscoped(trx, evaluationId, i.key, { value: JSON.stringify(v), frozen: 0, updated_at: at });
      total += ruleScore10(i.rule, i.weight, v) ?? Math.round(i.weight * 10);
    } else total += items.get(i.key)?.self_score10 ?? 0;
  }
  return total;
}

const mean10 = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) / xs.length);

/**
 * At scoring: the figures computed once more and frozen; a computed indicator scores by its rule
 * (one with nothing to count takes the scorers' score, else full points); an entered one takes the
 * mean of the scorers' sheets (the upper level's reviewers, or every member of the named group);
 * the problems the scorers noted are kept. Returns the total in tenths.
 */
export async function freezeScores(trx: Tx, evaluationId: string, at: string): Promise<number> {
  const { e, round, indicators, items } = await context(trx, evaluationId);
  const sheets = await sheetsOfUnscoped(trx, evaluationId);
  const named = JSON.parse(round.scorer_ids) as string[];
  const names = new Map((await staffNamesUnscoped(trx, named)).map((u) => [u.id, u.display_name]));
  const missing: string[] = [];
  for (const i of indicators) {
    if (i.method !== 'entered') continue;
    const scored = sheets.filter((s) => s.indicator_key === i.key && s.score10 !== null);
    if (round.scorer_mode === 'group') {
      for (const m of named) if (!scored.some((s) => s.scorer_id === m)) missing.push(`“${i.name}”（${names.get(m) ?? '考评组成员'}未评分）`);
    } else if (!scored.length) missing.push(`“${i.name}”`);
  }
  if (missing.length) throw conflict(`尚有指标未评分：${[...new Set(missing)].join('、')}`);
  const fresh = await liveValues(trx, indicators, e.org_path, round.period_from, round.period_to);
  let total = 0;
  for (const i of indicators) {
    const mine = sheets.filter((s) => s.indicator_key === i.key);
    const scores = mine.filter((s) => s.score10 !== null).map((s) => s.score10!);
    const problem = mine.map((s) => s.problem).filter(Boolean).join('；');
    let score10: number;
    if (i.method === 'figure') {
      const item = items.get(i.key);
      const value = item?.frozen ? parseValue(item.value) : (fresh.get(i.key) ?? null);
      if (!item?.frozen) await writeItemValueUnscoped(trx, evaluationId, i.key, { value: JSON.stringify(value), frozen: 1, updated_at: at });
      score10 = ruleScore10(i.rule, i.weight, value) ?? (scores.length ? mean10(scores) : Math.round(i.weight * 10));
    } else score10 = mean10(scores);
    score10 = Math.min(score10, Math.round(i.weight * 10));
    await writeItemScoreUnscoped(trx, evaluationId, i.key, { score10, problem, updated_at: at });
    total += score10;
  }
  return total;
}
