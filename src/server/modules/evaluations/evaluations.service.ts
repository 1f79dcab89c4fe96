// Evaluation 考核评估 (seed Part 12): indicator sets (the defaults in code, a unit's copies in the
// database: copy-on-edit), rounds that open one kernel case per evaluated unit, the unit's
// self-assessment with evidence, scoring sheets (the upper level's reviewers or a named joint/peer
// group), the kernel's actions (submit, return, score, reopen, publish: evaluations.cases.ts),
// results, and rectification items 整改 (kernel cases with due days). Every write is audited.
import { hasPermission } from '../../../shared/permissions';
import {
  defaultGradeBands,
  evaluatedLevelLabels,
  type EvaluatedLevel,
  type GradeBand,
  type EvaluationDetail,
  type EvaluationItemDto,
  type EvaluationRowDto,
  type Indicator,
  type IndicatorSetDto,
  type IndicatorSetInput,
  type IndicatorSetList,
  type IndicatorSetUpdate,
  type RectificationDetail,
  type RectificationDto,
  type RectificationInput,
  type RoundDetail,
  type RoundDto,
  type RoundInput,
  type PublicEvaluationResults,
  type RoundResults,
  type ScorerList,
  type SelfInput,
  type SetKind,
  type SheetDto,
  type SheetInput,
} from '../../../shared/schemas/evaluations';
import { periodDays, periodLabel } from '../../../shared/rules/periods';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import { shanghaiDay } from '../../../shared/rules/dates';
import { transaction } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { today } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { figureDef, figureDefs } from '../../platform/figures';
import { newId } from '../../platform/ids';
import { pathInScope, pathIsWithin } from '../../platform/jurisdiction';
import { userHolds } from '../../platform/roles';
import { placedAt, unitForWrite, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { openCase, performAction, readCaseLog } from '../../cases/cases.service';
import { auditedFileBytes, checkedUploads, storeCaseFiles, toCaseFileDto } from '../../cases/case-files';
import { caseFileOf, caseFilesOf } from '../../cases/case-files.repo';
import { EVALUATION_CASE_TYPE, RECTIFICATION_CASE_TYPE, type EvaluationPayload, type RectificationPayload } from './evaluations.cases';
import { defaultSet, defaultSets, fromTenths, isDefaultSetId, ruleScore10, setProblems, toTenths, type ResolvedSet } from './evaluations.indicators';
import { liveValues, parseGrades, parseIndicators, parseValue } from './evaluations.scoring';
import {
  evaluationsOfRound,
  getEvaluation,
  getRectification,
  getRound,
  getSet,
  insertEvaluation,
  insertItems,
  insertRectification,
  insertRound,
  insertSet,
  itemsOfUnscoped,
  listEvaluations,
  listRectifications,
  listRounds,
  listSets,
  publicUnitUnscoped,
  publishedOfRoundUnscoped,
  publishedRoundsWithinUnscoped,
  rectificationsOfUnscoped,
  sheetsOfUnscoped,
  staffInScope,
  staffNamesUnscoped,
  staffWithin,
  unitStaffUnscoped,
  unitsBelow,
  updateSet as updateSetRow,
  writeSelfItemUnscoped,
  writeSheetRowUnscoped,
  type EvaluationRow,
  type RectificationRow,
  type RoundRow,
  type SetRow,
} from './evaluations.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

const mayReview = (auth: AuthContext) => hasPermission(auth.roles, 'evaluation:review');
const mayWrite = (auth: AuthContext) => hasPermission(auth.roles, 'evaluation:write');
/** Units that evaluate the units below them: not a village station or a grid. */
const organizerLevels = ['province', 'city', 'county', 'township'];

function requireOrganizerLevel(level: string, what: string) {
  if (!organizerLevels.includes(level)) throw badRequest(`${what}由乡镇（街道）及以上单位负责，村（社区）服务站和网格不能${what.includes('指标') ? '维护' : '组织'}`, [{ path: 'orgUnitId', message: '单位层级不符' }]);
}

// ---- indicator sets ----

function defaultDto(s: ResolvedSet): IndicatorSetDto {
  return { id: s.id, isDefault: true, orgUnitId: null, orgUnitName: null, basedOn: null, name: s.name, kind: s.kind, level: s.level, indicators: s.indicators, grades: s.grades, version: 1, updatedAt: null, canEdit: false };
}

function setDto(auth: AuthContext, s: SetRow): IndicatorSetDto {
  return {
    id: s.id,
    isDefault: false,
    orgUnitId: s.org_unit_id,
    orgUnitName: s.org_unit_name,
    basedOn: s.based_on,
    name: s.name,
    kind: s.kind as SetKind,
    level: s.level as EvaluatedLevel,
    indicators: parseIndicators(s.indicators),
    grades: parseGrades(s.grades),
    version: s.version,
    updatedAt: s.updated_at,
    canEdit: mayReview(auth) && pathInScope(auth.scope, s.org_path),
  };
}

export async function listSetsView(ctx: AppContext, auth: AuthContext): Promise<IndicatorSetList> {
  const rows = await listSets(auth.scope, ctx.db);
  return {
    items: [...defaultSets().map(defaultDto), ...rows.map((r) => setDto(auth, r))],
    figures: figureDefs().map((f) => ({ key: f.key, label: f.label, formula: f.formula, unit: f.unit })),
  };
}

/** A default set (seen by everyone) or a set of the caller's range. */
async function resolveSet(ctx: AppContext, auth: AuthContext, id: string): Promise<IndicatorSetDto> {
  if (isDefaultSetId(id)) {
    const d = defaultSet(id);
    if (!d) throw notFound('指标体系');
    return defaultDto(d);
  }
  const s = await getSet(auth.scope, ctx.db, id);
  if (!s) throw notFound('指标体系');
  return setDto(auth, s);
}

export const setView = resolveSet;

/** The bands for the audit log ("优秀≥90/良好≥80/合格≥60/不合格≥0"). */
const bandsNote = (bands: readonly GradeBand[]) => bands.map((b) => `${b.name}≥${b.min}`).join('/');

function checkSet(indicators: readonly Indicator[], grades: readonly GradeBand[]) {
  const problems = setProblems(indicators, grades);
  if (problems.length) throw badRequest(problems.map((p) => p.message).join('；'), problems);
}

/** A unit's own set: new, or a copy of a default set or of another set (copy-on-edit: the original stays). */
export async function createSet(ctx: AppContext, auth: AuthContext, input: IndicatorSetInput, ip: Ip): Promise<IndicatorSetDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  requireOrganizerLevel(unit.level, '考评指标体系');
  const basedOn = input.basedOn ? await resolveSet(ctx, auth, input.basedOn) : null;
  // bands not given: those of the set copied from, else the default
  const grades = input.grades ?? basedOn?.grades ?? defaultGradeBands;
  checkSet(input.indicators, grades);
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertSet(auth.scope, trx, { id, ...placedAt(stored), based_on: input.basedOn, name: input.name, kind: input.kind, level: input.level, indicators: JSON.stringify(input.indicators), grades: JSON.stringify(grades), version: 1, created_by: auth.userId, created_at: at, updated_by: auth.userId, updated_at: at });
    await auditAction(trx, ctx, auth, 'evaluation-set.create', 'evaluation-set', id, ip, `${unit.name} ${input.name}（${input.indicators.length} 项指标，等次 ${bandsNote(grades)}${input.basedOn ? `，复制自 ${input.basedOn}` : ''}）`);
  });
  return resolveSet(ctx, auth, id);
}

export async function updateSet(ctx: AppContext, auth: AuthContext, id: string, input: IndicatorSetUpdate, ip: Ip): Promise<IndicatorSetDto> {
  if (isDefaultSetId(id)) {
    if (!defaultSet(id)) throw notFound('指标体系');
    throw conflict('默认指标体系不能直接修改，请复制为本单位的指标体系后修改');
  }
  const s = await getSet(auth.scope, ctx.db, id);
  if (!s) throw notFound('指标体系');
  // bands not given: the set keeps its own
  checkSet(input.indicators, input.grades ?? parseGrades(s.grades));
  await transaction(ctx.db, async (trx) => {
    const done = await updateSetRow(auth.scope, trx, id, input.version, {
      name: input.name,
      kind: input.kind,
      level: input.level,
      indicators: JSON.stringify(input.indicators),
      ...(input.grades && { grades: JSON.stringify(input.grades) }),
      updated_by: auth.userId,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!done) throw conflict('该指标体系已被他人修改，请刷新后再操作（您的修改未保存）');
    await auditAction(trx, ctx, auth, 'evaluation-set.update', 'evaluation-set', id, ip, `${input.name}（${input.indicators.length} 项指标${input.grades ? `，等次 ${bandsNote(input.grades)}` : ''}）`);
  });
  return resolveSet(ctx, auth, id);
}

// ---- rounds ----

function roundDto(r: RoundRow): RoundDto {
  return {
    id: r.id,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    title: r.title,
    period: r.period,
    periodLabel: periodLabel(r.period),
    setName: r.set_name,
    setKind: r.set_kind as SetKind,
    scorerMode: r.scorer_mode as RoundDto['scorerMode'],
    selfDueDay: r.self_due_day,
    grades: parseGrades(r.grades),
    createdAt: r.created_at,
    counts: { units: Number(r.n_units ?? 0), published: Number(r.n_published ?? 0) },
  };
}

function evaluationRowDto(e: EvaluationRow, showScores: boolean): EvaluationRowDto {
  return {
    id: e.id,
    roundId: e.round_id,
    orgUnitId: e.org_unit_id,
    orgUnitName: e.org_unit_name,
    status: e.status as EvaluationRowDto['status'],
    selfTotal: fromTenths(e.self_total10),
    total: showScores || e.status === 'published' ? fromTenths(e.total10) : null,
    grade: showScores || e.status === 'published' ? e.grade : null,
    dueDay: e.due_day,
    version: e.version,
  };
}

export async function searchRounds(ctx: AppContext, auth: AuthContext, q: { page: number; pageSize: number }) {
  const r = await listRounds(auth.scope, ctx.db, q);
  return { ...r, items: r.items.map(roundDto), page: q.page, pageSize: q.pageSize };
}

async function requireRound(ctx: AppContext, auth: AuthContext, id: string): Promise<RoundRow> {
  const r = await getRound(auth.scope, ctx.db, id);
  if (!r) throw notFound('考评');
  return r;
}

/** The organizer's side: reviewers whose range holds the round's unit. */
const organizes = (auth: AuthContext, r: { org_path: string }) => mayReview(auth) && pathInScope(auth.scope, r.org_path);

export async function roundView(ctx: AppContext, auth: AuthContext, id: string): Promise<RoundDetail> {
  const r = await requireRound(ctx, auth, id);
  const evaluations = await evaluationsOfRound(auth.scope, ctx.db, id);
  const side = organizes(auth, r) || (JSON.parse(r.scorer_ids) as string[]).includes(auth.userId);
  const scorers = await staffNamesUnscoped(ctx.db, JSON.parse(r.scorer_ids) as string[]);
  return {
    ...roundDto(r),
    indicators: parseIndicators(r.indicators),
    scorers: scorers.map((s) => ({ id: s.id, name: s.display_name, unitName: s.unit_name })),
    evaluations: evaluations.map((e) => evaluationRowDto(e, side)),
    canManage: organizes(auth, r),
  };
}

/** Staff of the organizer's range who may score in a joint/peer group (they hold evaluation:write). */
export async function scorerCandidates(ctx: AppContext, auth: AuthContext, orgUnitId: string): Promise<ScorerList> {
  const unit = await requireUnit(ctx, auth, orgUnitId);
  const rows = await staffWithin(auth.scope, ctx.db, unit.path);
  return { items: rows.filter((u) => userHolds(u.roles, 'evaluation:write')).map((u) => ({ id: u.id, name: u.display_name, unitName: u.unit_name })) };
}

/** Opens a round: the set's indicators copied in, one evaluation case per unit (all or nothing). */
export async function createRound(ctx: AppContext, auth: AuthContext, input: RoundInput, ip: Ip): Promise<RoundDetail> {
  const organizer = await requireUnit(ctx, auth, input.orgUnitId);
  requireOrganizerLevel(organizer.level, '考评');
  const set = await resolveSet(ctx, auth, input.setId);
  const days = periodDays(input.period)!;
  if (input.selfDueDay < today(ctx)) throw badRequest('自评截止日期不能早于今天', [{ path: 'selfDueDay', message: '不能早于今天' }]);
  const ids = [...new Set(input.unitIds)];
  const units = await unitsBelow(auth.scope, ctx.db, ids, organizer.path);
  if (units.length !== ids.length) throw badRequest(`被考评单位须是${organizer.name}的下级单位`, [{ path: 'unitIds', message: '不是下级单位' }]);
  const wrong = units.filter((u) => u.level !== set.level);
  if (wrong.length) throw badRequest(`“${set.name}”用于考评${evaluatedLevelLabels[set.level]}，${wrong.map((u) => u.name).join('、')}不是该层级`, [{ path: 'unitIds', message: '层级与指标体系不符' }]);
  const scorerIds = input.scorerMode === 'group' ? [...new Set(input.scorerIds)] : [];
  if (input.scorerMode === 'group') {
    if (!scorerIds.length) throw badRequest('联合考评组须至少指定一名成员', [{ path: 'scorerIds', message: '请选择考评组成员' }]);
    const staff = await staffInScope(auth.scope, ctx.db, scorerIds);
    const usable = staff.filter((s) => pathIsWithin(s.org_path, organizer.path));
    if (usable.length !== scorerIds.length) throw badRequest(`考评组成员须是${organizer.name}及其下级单位的在岗工作人员`, [{ path: 'scorerIds', message: '不在本单位范围内' }]);
  }
  const roundId = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const org = await unitForWrite(trx, ctx.dialect, auth.scope, organizer.id);
    await insertRound(auth.scope, trx, {
      id: roundId,
      ...placedAt(org),
      set_id: set.id,
      set_name: set.name,
      set_kind: set.kind,
      level: set.level,
      indicators: JSON.stringify(set.indicators),
      title: input.title,
      period: input.period,
      period_from: days.from,
      period_to: days.to,
      self_due_day: input.selfDueDay,
      scorer_mode: input.scorerMode,
      scorer_ids: JSON.stringify(scorerIds),
      grades: JSON.stringify(set.grades),
      created_by: auth.userId,
      created_at: at,
    });
    for (const u of units) {
      const owner = await unitForWrite(trx, ctx.dialect, auth.scope, u.id);
      const payload: EvaluationPayload = { roundId, selfDueDay: input.selfDueDay, selfTotal10: null, total10: null, grade: null, publishedAt: null };
      await openCase(trx, ctx, auth, {
        type: EVALUATION_CASE_TYPE,
        owner,
        counterpart: org,
        subject: { type: 'evaluation-round', id: roundId },
        title: `${input.title}：${u.name}`,
        payload,
        status: 'selfAssessing',
        action: 'open',
        participants: scorerIds,
        data: { period: input.period, set: set.name },
        record: async (rowId) => {
          await insertEvaluation(trx, { id: rowId, round_id: roundId, ...placedAt(owner), status: 'selfAssessing', due_day: null, self_total10: null, total10: null, grade: null, published_at: null, version: 1, created_at: at, updated_at: at });
          await insertItems(trx, set.indicators.map((i) => ({ evaluation_id: rowId, indicator_key: i.key, ...placedAt(owner), value: null, frozen: 0, self_score10: null, self_note: '', score10: null, problem: '', updated_at: at })));
        },
      });
    }
    await auditAction(trx, ctx, auth, 'evaluation-round.create', 'evaluation-round', roundId, ip, `${organizer.name} ${input.title}（${periodLabel(input.period)}，${set.name}，${units.length} 个单位）`);
  });
  return roundView(ctx, auth, roundId);
}

/** Published evaluations ranked by total (ties share a rank; an unscored total, never expected once published, ranks last). */
function ranked<T extends { total10: number | null }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => (b.total10 ?? -1) - (a.total10 ?? -1));
  let rank = 0;
  let last: number | null | undefined;
  return sorted.map((e, n) => {
    if (e.total10 !== last) rank = n + 1;
    last = e.total10;
    return { ...e, rank };
  });
}

/**
 * The published results of a round (Part 12 四(五) 考评结果公开): every published unit of the round,
 * ranked by total, per indicator — shown to whoever sees the round (its organizer's range and each
 * evaluated unit), not only the caller's own evaluation. Unpublished units never appear.
 */
export async function roundResults(ctx: AppContext, auth: AuthContext, id: string): Promise<RoundResults> {
  const r = await requireRound(ctx, auth, id);
  const indicators = parseIndicators(r.indicators);
  const rows = [];
  for (const e of ranked(await publishedOfRoundUnscoped(ctx.db, [id]))) {
    const items = await itemsOfUnscoped(ctx.db, e.id);
    rows.push({ rank: e.rank, evaluationId: e.id, orgUnitName: e.org_unit_name, total: fromTenths(e.total10), grade: e.grade, scores: Object.fromEntries(items.map((i) => [i.indicator_key, fromTenths(i.score10)])), publishedAt: e.published_at });
  }
  return { round: roundDto(r), indicators: indicators.map((i) => ({ key: i.key, name: i.name, weight: i.weight })), rows };
}

const PUBLIC_ROUNDS = 20;

/**
 * The public results page of a unit (no sign-in): the latest rounds organized by it or a unit below it
 * that have published results, each with its published units' totals and ranks. Units and scores only.
 */
export async function publicResults(ctx: AppContext, unitId: string): Promise<PublicEvaluationResults> {
  const unit = await publicUnitUnscoped(ctx.db, unitId);
  if (!unit) throw notFound('单位');
  const rounds = await publishedRoundsWithinUnscoped(ctx.db, unit.path, PUBLIC_ROUNDS);
  const rows = await publishedOfRoundUnscoped(ctx.db, rounds.map((r) => r.id));
  return {
    unitId: unit.id,
    unitName: unit.name,
    rounds: rounds.map((r) => ({
      id: r.id,
      title: r.title,
      organizerName: r.org_unit_name,
      periodLabel: periodLabel(r.period),
      setKind: r.set_kind as SetKind,
      publishedOn: shanghaiDay(new Date(String(r.last_published))),
      units: Number(r.n_units ?? 0),
      grades: parseGrades(r.grades),
      rows: ranked(rows.filter((x) => x.round_id === r.id)).map((x) => ({ rank: x.rank, orgUnitName: x.org_unit_name, total: fromTenths(x.total10), grade: x.grade })),
    })),
  };
}

// ---- one evaluation ----

export async function searchEvaluations(ctx: AppContext, auth: AuthContext, q: { status?: string; page: number; pageSize: number }) {
  const r = await listEvaluations(auth.scope, ctx.db, q);
  return { ...r, items: r.items.map((e) => ({ ...evaluationRowDto(e, false), roundTitle: e.round_title, period: e.period })), page: q.page, pageSize: q.pageSize };
}

async function requireEvaluation(ctx: AppContext, auth: AuthContext, id: string) {
  const e = await getEvaluation(auth.scope, ctx.db, id);
  if (!e) throw notFound('考核评估');
  const round = await getRound(auth.scope, ctx.db, e.round_id);
  if (!round) throw notFound('考核评估');
  return { e, round };
}

function rectificationDto(ctx: AppContext, r: RectificationRow): RectificationDto {
  return {
    id: r.id,
    evaluationId: r.evaluation_id,
    roundTitle: r.round_title,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    indicatorKey: r.indicator_key,
    indicatorName: r.indicator_name,
    problem: r.problem,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    dueDay: r.due_day,
    status: r.status as RectificationDto['status'],
    overdue: r.status === 'open' && dayDueMarks(r.due_day, today(ctx)).overdue,
    doneOn: r.done_on,
    report: r.report,
    version: r.version,
  };
}

const isScorer = (auth: AuthContext, round: RoundRow) => round.scorer_mode === 'group' && (JSON.parse(round.scorer_ids) as string[]).includes(auth.userId);

function mayScore(auth: AuthContext, e: EvaluationRow, round: RoundRow): boolean {
  if (e.status !== 'submitted') return false;
  if (round.scorer_mode === 'group') return isScorer(auth, round) && !pathIsWithin(auth.unit.path, e.org_path) && mayWrite(auth);
  return organizes(auth, round);
}

export async function evaluationView(ctx: AppContext, auth: AuthContext, id: string): Promise<EvaluationDetail> {
  const { e, round } = await requireEvaluation(ctx, auth, id);
  const indicators = parseIndicators(round.indicators);
  const items = new Map((await itemsOfUnscoped(ctx.db, id)).map((i) => [i.indicator_key, i]));
  const needLive = indicators.some((i) => i.method === 'figure' && !items.get(i.key)?.frozen);
  const live = needLive ? await liveValues(ctx.db, indicators, e.org_path, round.period_from, round.period_to) : new Map<string, number | null>();
  const files = await caseFilesOf(auth.scope, ctx.db, id, 'evidence:');
  const side = organizes(auth, round) || isScorer(auth, round);
  const showScores = side || e.status === 'published';
  const itemDtos: EvaluationItemDto[] = indicators.map((i) => {
    const it = items.get(i.key);
    const frozen = !!it?.frozen;
    const value = i.method !== 'figure' ? null : frozen ? parseValue(it!.value) : (live.get(i.key) ?? null);
    return {
      key: i.key,
      name: i.name,
      weight: i.weight,
      method: i.method,
      figureKey: i.figureKey,
      figureLabel: i.figureKey ? (figureDef(i.figureKey)?.label ?? null) : null,
      formula: i.formula,
      evidenceRequired: i.evidenceRequired,
      value,
      frozen,
      ruleScore: i.method === 'figure' ? fromTenths(ruleScore10(i.rule, i.weight, value)) : null,
      selfScore: fromTenths(it?.self_score10),
      selfNote: it?.self_note ?? '',
      evidence: files.filter((f) => f.kind === `evidence:${i.key}`).map(toCaseFileDto),
      score: showScores ? fromTenths(it?.score10) : null,
      problem: showScores ? (it?.problem ?? '') : '',
    };
  });
  const sheetRows = side ? await sheetsOfUnscoped(ctx.db, id) : [];
  const sheets: SheetDto[] = [];
  for (const s of sheetRows) {
    let sheet = sheets.find((x) => x.scorerId === s.scorer_id);
    if (!sheet) sheets.push((sheet = { scorerId: s.scorer_id, scorerName: s.scorer_name, items: [], updatedAt: s.updated_at }));
    sheet.items.push({ key: s.indicator_key, score: fromTenths(s.score10), problem: s.problem });
    if (s.updated_at > sheet.updatedAt) sheet.updatedAt = s.updated_at;
  }
  const decide = organizes(auth, round);
  return {
    id: e.id,
    version: e.version,
    status: e.status as EvaluationDetail['status'],
    round: roundDto(round),
    orgUnitId: e.org_unit_id,
    orgUnitName: e.org_unit_name,
    dueDay: e.due_day,
    selfTotal: fromTenths(e.self_total10),
    total: showScores ? fromTenths(e.total10) : null,
    grade: showScores ? e.grade : null,
    publishedAt: e.published_at,
    items: itemDtos,
    sheets,
    rectifications: (await rectificationsOfUnscoped(ctx.db, id)).map((r) => rectificationDto(ctx, r)),
    log: await readCaseLog(auth.scope, ctx.db, id),
    canSelfAssess: e.status === 'selfAssessing' && auth.unit.id === e.org_unit_id && mayWrite(auth),
    canScore: mayScore(auth, e, round),
    canDecide: decide,
    unitStaff: decide ? (await unitStaffUnscoped(ctx.db, e.org_unit_id)).filter((u) => userHolds(u.roles, 'evaluation:write')).map((u) => ({ id: u.id, name: u.display_name })) : [],
  };
}

/** The evaluated unit's own staff fill in the self-assessment with evidence; the upper level only reads it. */
export async function saveSelf(ctx: AppContext, auth: AuthContext, id: string, input: SelfInput, ip: Ip): Promise<EvaluationDetail> {
  const { e, round } = await requireEvaluation(ctx, auth, id);
  if (auth.unit.id !== e.org_unit_id) throw forbidden('自评由被考评单位填报，上级单位只能查看，不能修改');
  if (e.status !== 'selfAssessing') throw new AppError(409, 'CLOSED', '自评已提交，不能再修改');
  if (e.version !== input.version) throw conflict('该考核评估已被他人修改，请刷新后再操作（您的修改未保存）');
  const indicators = new Map(parseIndicators(round.indicators).map((i) => [i.key, i]));
  input.items.forEach((it, n) => {
    const i = indicators.get(it.key);
    if (!i) throw badRequest(`没有编号为“${it.key}”的指标`, [{ path: `items.${n}.key`, message: '指标不存在' }]);
    if (it.selfScore !== null && i.method === 'figure') throw badRequest(`“${i.name}”由数据自动计算，不填自评分`, [{ path: `items.${n}.selfScore`, message: '自动计算的指标不填自评分' }]);
    if (it.selfScore !== null && it.selfScore > i.weight) throw badRequest(`“${i.name}”的自评分不能超过权重 ${i.weight} 分`, [{ path: `items.${n}.selfScore`, message: `不能超过 ${i.weight} 分` }]);
  });
  const bytes = input.items.map((it, n) => checkedUploads(it.files, `items.${n}.files`));
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, e.org_unit_id);
    for (const [n, it] of input.items.entries()) {
      await writeSelfItemUnscoped(trx, id, it.key, { self_score10: it.selfScore === null ? null : toTenths(it.selfScore), self_note: it.selfNote, updated_at: at });
      if (it.files.length) await storeCaseFiles(trx, ctx, auth, id, unit, `evidence:${it.key}`, it.files, bytes[n]);
    }
    await auditAction(trx, ctx, auth, 'evaluation.self', 'evaluation', id, ip, `${e.org_unit_name} ${e.round_title}（${input.items.length} 项）`);
  });
  return evaluationView(ctx, auth, id);
}

export async function evidenceFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  await requireEvaluation(ctx, auth, id);
  const f = await caseFileOf(auth.scope, ctx.db, id, fileId);
  if (!f || !f.kind.startsWith('evidence:')) throw notFound('文件');
  return transaction(ctx.db, (trx) => auditedFileBytes(trx, ctx, auth, f, { action: 'evaluation.file-view', targetType: 'evaluation', targetId: id, ip }));
}

/** A scorer's sheet: the upper level's reviewers, or a named member of the joint/peer group (not for their own unit). */
export async function saveSheet(ctx: AppContext, auth: AuthContext, id: string, input: SheetInput, ip: Ip): Promise<EvaluationDetail> {
  const { e, round } = await requireEvaluation(ctx, auth, id);
  if (e.status !== 'submitted') throw new AppError(409, 'CLOSED', '只能对已提交自评、待评分的考核评估评分');
  if (!mayScore(auth, e, round)) {
    if (round.scorer_mode === 'group' && isScorer(auth, round)) throw forbidden('考评组成员不能为本单位评分（回避）');
    throw forbidden(round.scorer_mode === 'group' ? '本次考评由联合考评组评分，您不是考评组成员' : '评分由组织考评的上级单位审核人员进行');
  }
  const indicators = new Map(parseIndicators(round.indicators).map((i) => [i.key, i]));
  input.items.forEach((it, n) => {
    const i = indicators.get(it.key);
    if (!i) throw badRequest(`没有编号为“${it.key}”的指标`, [{ path: `items.${n}.key`, message: '指标不存在' }]);
    if (it.score !== null && it.score > i.weight) throw badRequest(`“${i.name}”的评分不能超过权重 ${i.weight} 分`, [{ path: `items.${n}.score`, message: `不能超过 ${i.weight} 分` }]);
  });
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWriteUnscoped(trx, ctx.dialect, e.org_unit_id);
    for (const it of input.items) {
      await writeSheetRowUnscoped(trx, { evaluation_id: id, scorer_id: auth.userId, indicator_key: it.key, ...placedAt(unit), score10: it.score === null ? null : toTenths(it.score), problem: it.problem, updated_at: at });
    }
    await auditAction(trx, ctx, auth, 'evaluation.sheet', 'evaluation', id, ip, `${e.org_unit_name} ${e.round_title}（${input.items.length} 项）`);
  });
  return evaluationView(ctx, auth, id);
}

/** The kernel's actions on an evaluation and the input field that carries the action's comment (null: none). */
export const evaluationActions = { submit: null, return: 'reason', score: null, reopen: 'reason', publish: null } as const;
export type EvaluationActionName = keyof typeof evaluationActions;

/** A kernel action on the evaluation (the kernel checks state, permission, range, the unit's own staff, version). */
export async function evaluationAction(ctx: AppContext, auth: AuthContext, id: string, action: EvaluationActionName, input: { version: number; reason?: string }, ip: Ip): Promise<EvaluationDetail> {
  await requireEvaluation(ctx, auth, id);
  const field = evaluationActions[action];
  const comment = field ? (input[field] ?? '') : '';
  await performAction(ctx, auth, id, { action, comment, version: input.version, data: {} }, ip);
  return evaluationView(ctx, auth, id);
}

// ---- rectification 整改 ----

/** The organizer turns a problem found into a rectification item with an owner and a deadline. */
export async function openRectification(ctx: AppContext, auth: AuthContext, id: string, input: RectificationInput, ip: Ip): Promise<RectificationDetail> {
  const { e, round } = await requireEvaluation(ctx, auth, id);
  if (!organizes(auth, round)) throw forbidden('整改事项由组织考评的上级单位下达');
  if (e.status !== 'scored' && e.status !== 'published') throw new AppError(409, 'NOT_SCORED', '评分后才能下达整改事项');
  const i = parseIndicators(round.indicators).find((x) => x.key === input.indicatorKey);
  if (!i) throw badRequest('请选择本次考评的指标', [{ path: 'indicatorKey', message: '指标不存在' }]);
  if (input.dueDay < today(ctx)) throw badRequest('整改期限不能早于今天', [{ path: 'dueDay', message: '不能早于今天' }]);
  const staff = await unitStaffUnscoped(ctx.db, e.org_unit_id);
  const owner = staff.find((s) => s.id === input.ownerUserId && userHolds(s.roles, 'evaluation:write'));
  if (!owner) throw badRequest(`整改责任人须是${e.org_unit_name}的工作人员`, [{ path: 'ownerUserId', message: '不是被考评单位的工作人员' }]);
  const at = ctx.clock.now().toISOString();
  const rid = await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, e.org_unit_id);
    const org = await unitForWrite(trx, ctx.dialect, auth.scope, round.org_unit_id);
    const payload: RectificationPayload = { evaluationId: id, dueDay: input.dueDay, doneOn: null, report: '' };
    const caseId = await openCase(trx, ctx, auth, {
      type: RECTIFICATION_CASE_TYPE,
      owner: unit,
      counterpart: org,
      subject: { type: 'evaluation', id },
      title: `整改：${e.org_unit_name} ${i.name}`,
      payload,
      status: 'open',
      action: 'open',
      participants: [owner.id],
      data: { indicator: i.name, problem: input.problem, owner: owner.display_name, dueDay: input.dueDay },
      record: (rowId) =>
        insertRectification(auth.scope, trx, { id: rowId, evaluation_id: id, ...placedAt(unit), indicator_key: i.key, indicator_name: i.name, problem: input.problem, owner_user_id: owner.id, due_day: input.dueDay, status: 'open', done_on: null, report: '', version: 1, created_by: auth.userId, created_at: at, updated_at: at }),
    });
    await auditAction(trx, ctx, auth, 'rectification.create', 'rectification', caseId, ip, `${e.org_unit_name} ${i.name}：${input.problem}（${owner.display_name}，${input.dueDay} 前）`);
    return caseId;
  });
  return rectificationView(ctx, auth, rid);
}

export async function searchRectifications(ctx: AppContext, auth: AuthContext, q: { status?: string; page: number; pageSize: number }) {
  const r = await listRectifications(auth.scope, ctx.db, q);
  return { ...r, items: r.items.map((x) => rectificationDto(ctx, x)), page: q.page, pageSize: q.pageSize };
}

export async function rectificationView(ctx: AppContext, auth: AuthContext, id: string): Promise<RectificationDetail> {
  const r = await getRectification(auth.scope, ctx.db, id);
  if (!r) throw notFound('整改事项');
  return { ...rectificationDto(ctx, r), log: await readCaseLog(auth.scope, ctx.db, id), canComplete: r.status === 'open' && auth.unit.id === r.org_unit_id && mayWrite(auth) };
}

export async function completeRectification(ctx: AppContext, auth: AuthContext, id: string, input: { version: number; report: string }, ip: Ip): Promise<RectificationDetail> {
  const r = await getRectification(auth.scope, ctx.db, id);
  if (!r) throw notFound('整改事项');
  await performAction(ctx, auth, id, { action: 'complete', comment: '', version: input.version, data: { report: input.report } }, ip);
  return rectificationView(ctx, auth, id);
}
