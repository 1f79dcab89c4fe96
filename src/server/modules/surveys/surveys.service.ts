// Satisfaction surveys 满意度调查 (issue 16; seed Part 12 五(二), Part 1).
// - A questionnaire is a unit's draft until published, then frozen (a change is a 409).
// - A run takes a published questionnaire seen by the caller, a unit of the caller's range and a
//   period; its population is the people served there in that period, asked of visits, applications
//   and petitions through their faces (ids only); the sample is all of them, a size or a rate, drawn
//   at random; each person gets one invitation with a token, all in one transaction.
// - An answer is checked against the questionnaire and written once (a second is a 409), online by
//   token (surveys.public.ts) or by staff after a call (电话回访); never changed after.
// - Results count only the invitations in the caller's range: per child unit, per service, per question.
import { randomInt } from 'node:crypto';
import { hasPermission } from '../../../shared/permissions';
import { periodDays, periodLabel } from '../../../shared/rules/periods';
import {
  ratingLabels,
  SATISFIED_FROM,
  sourcesOfMask,
  surveySourceBits,
  surveySourceLabels,
  surveySources,
  type Answer,
  type AnswersBody,
  type InvitationDetail,
  type InvitationDto,
  type InvitationListQuery,
  type LettersDto,
  type Question,
  type QuestionnaireCreate,
  type QuestionnaireDto,
  type QuestionnaireListQuery,
  type QuestionnaireUpdate,
  type SampleMode,
  type SurveyResultRow,
  type SurveyRunCreate,
  type SurveyRunDetail,
  type SurveyRunDto,
  type SurveyRunListQuery,
  type SurveySource,
  type AnswerVia,
} from '../../../shared/schemas/surveys';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import { today } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { ratioOf } from '../../platform/figures';
import { newId, newToken } from '../../platform/ids';
import { pathInScope, pathIsWithin } from '../../platform/jurisdiction';
import { lockOrgTree, placedAt, unitForWrite, unitsForWriteUnscoped } from '../../platform/stored-unit.repo';
import { recipientsAppliedUnscoped } from '../applications';
import { recipientsPetitionedUnscoped } from '../petitions';
import { recipientsVisitedUnscoped } from '../visits';
import {
  answerOnce,
  childUnitsOf,
  closeRunRow,
  getInvitation,
  getQuestionnaire,
  getRun,
  insertInvitations,
  insertQuestionnaire,
  insertRun,
  listInvitations,
  listQuestionnaires,
  listRuns,
  peopleForSample,
  publishDraft,
  resultRows,
  unansweredOf,
  updateDraft,
  type InvitationRow,
  type QuestionnaireRow,
  type RunRow,
} from './surveys.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;
const STALE = '该记录已被他人修改，请刷新后再操作（您的修改未保存）';
export const ALREADY_ANSWERED = '该邀请已答复，每份邀请只能答复一次，答卷提交后不能修改';
export const SURVEY_CLOSED = '本次调查已结束，不再接收答卷';
/** the most people one run invites (a county's half-year is well below) */
const RUN_MAX = 20_000;
const LETTERS_MAX = 2000;

const mayWrite = (auth: AuthContext) => hasPermission(auth.roles, 'surveys:write');

// ---- questionnaires ----

export const questionsOf = (row: { questions: string }): Question[] => JSON.parse(row.questions) as Question[];

export function toQuestionnaireDto(auth: AuthContext | null, q: QuestionnaireRow): QuestionnaireDto {
  return {
    id: q.id,
    version: q.version,
    orgUnitId: q.org_unit_id,
    orgUnitName: q.org_unit_name,
    title: q.title,
    intro: q.intro,
    questions: questionsOf(q),
    published: q.published_at !== null,
    publishedAt: q.published_at,
    canEdit: !!auth && mayWrite(auth) && q.published_at === null && pathInScope(auth.scope, q.org_path),
  };
}

async function requireQuestionnaire(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db) {
  const q = await getQuestionnaire(auth.scope, db, id);
  if (!q) throw notFound('问卷');
  return q;
}

export async function questionnaireDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<QuestionnaireDto> {
  return toQuestionnaireDto(auth, await requireQuestionnaire(ctx, auth, id));
}

export async function searchQuestionnaires(ctx: AppContext, auth: AuthContext, q: QuestionnaireListQuery) {
  const r = await listQuestionnaires(auth.scope, ctx.db, { published: q.published === undefined ? undefined : q.published === 'true', page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map((x) => toQuestionnaireDto(auth, x)), page: q.page, pageSize: q.pageSize };
}

export async function createQuestionnaire(ctx: AppContext, auth: AuthContext, input: QuestionnaireCreate, ip: Ip): Promise<QuestionnaireDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertQuestionnaire(auth.scope, trx, { id, ...placedAt(stored), title: input.title, intro: input.intro, questions: JSON.stringify(input.questions), published_at: null, version: 1, created_by: auth.userId, created_at: at, updated_at: at });
    await auditAction(trx, ctx, auth, 'survey.questionnaire-create', 'questionnaire', id, ip, `${unit.name} ${input.title}（${input.questions.length} 题）`);
  });
  return questionnaireDetail(ctx, auth, id);
}

async function requireDraft(ctx: AppContext, auth: AuthContext, id: string, version: number) {
  const q = await requireQuestionnaire(ctx, auth, id);
  if (!pathInScope(auth.scope, q.org_path)) throw forbidden('只有问卷所属单位及其上级可以修改问卷');
  if (q.published_at !== null) throw conflict('问卷已发布，不能再修改（可另建新问卷）');
  if (q.version !== version) throw conflict(STALE);
  return q;
}

export async function changeQuestionnaire(ctx: AppContext, auth: AuthContext, id: string, input: QuestionnaireUpdate, ip: Ip): Promise<QuestionnaireDto> {
  await requireDraft(ctx, auth, id, input.version);
  await transaction(ctx.db, async (trx) => {
    if (!(await updateDraft(auth.scope, trx, id, input.version, { title: input.title, intro: input.intro, questions: JSON.stringify(input.questions), updated_at: ctx.clock.now().toISOString() }))) throw conflict(STALE);
    await auditAction(trx, ctx, auth, 'survey.questionnaire-update', 'questionnaire', id, ip, `${input.title}（${input.questions.length} 题）`);
  });
  return questionnaireDetail(ctx, auth, id);
}

export async function publishQuestionnaire(ctx: AppContext, auth: AuthContext, id: string, version: number, ip: Ip): Promise<QuestionnaireDto> {
  const q = await requireDraft(ctx, auth, id, version);
  await transaction(ctx.db, async (trx) => {
    if (!(await publishDraft(auth.scope, trx, id, version, ctx.clock.now().toISOString()))) throw conflict(STALE);
    await auditAction(trx, ctx, auth, 'survey.questionnaire-publish', 'questionnaire', id, ip, q.title);
  });
  return questionnaireDetail(ctx, auth, id);
}

// ---- runs ----

const rateRow = (invited: number, answered: number, ratings: number, satisfied: number) => ({
  invited,
  answered,
  responseRate: ratioOf(answered, invited),
  ratings,
  satisfied,
  satisfaction: ratioOf(satisfied, ratings),
});

export function runClosed(r: { closed_at: string | null; closes_on: string }, day: string): boolean {
  return r.closed_at !== null || r.closes_on < day;
}

function toRunDto(ctx: AppContext, auth: AuthContext, r: RunRow): SurveyRunDto {
  return {
    id: r.id,
    version: r.version,
    title: r.title,
    questionnaireId: r.questionnaire_id,
    questionnaireTitle: r.questionnaire_title,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    period: r.period,
    periodLabel: periodLabel(r.period),
    sources: JSON.parse(r.sources) as SurveySource[],
    sampleMode: r.sample_mode as SampleMode,
    sampleValue: r.sample_value === null ? null : Number(r.sample_value),
    served: Number(r.served),
    closesOn: r.closes_on,
    closed: runClosed(r, today(ctx)),
    createdAt: r.created_at,
    canEdit: mayWrite(auth) && pathInScope(auth.scope, r.org_path) && r.closed_at === null,
    ...rateRow(Number(r.invited ?? 0), Number(r.answered ?? 0), Number(r.ratings ?? 0), Number(r.satisfied ?? 0)),
  };
}

async function requireRun(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<RunRow> {
  const r = await getRun(auth.scope, db, id);
  if (!r) throw notFound('满意度调查');
  return r;
}

export async function searchRuns(ctx: AppContext, auth: AuthContext, q: SurveyRunListQuery) {
  const unitPath = q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined;
  const r = await listRuns(auth.scope, ctx.db, { unitPath, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map((x) => toRunDto(ctx, auth, x)), page: q.page, pageSize: q.pageSize };
}

/** The number drawn: all, a size (at most the population) or a rate (rounded up). */
export function sampleSize(mode: SampleMode, value: number | null, population: number): number {
  if (mode === 'all') return population;
  if (mode === 'size') return Math.min(population, value ?? 0);
  return Math.min(population, Math.ceil((population * (value ?? 0)) / 100));
}

/** A uniform random sample of `n` (partial Fisher–Yates with the system's random source). */
function draw<T>(items: T[], n: number): T[] {
  const a = [...items];
  for (let i = 0; i < n; i++) {
    const j = i + randomInt(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

/** The people served in the unit's subtree in the period, each with the sources that served them. */
async function servedPeople(trx: Tx, unitPath: string, from: string, to: string, sources: readonly SurveySource[]): Promise<Map<string, number>> {
  const readers: Record<SurveySource, () => Promise<string[]>> = {
    visits: () => recipientsVisitedUnscoped(trx, unitPath, from, to),
    applications: () => recipientsAppliedUnscoped(trx, unitPath, from, to),
    petitions: () => recipientsPetitionedUnscoped(trx, unitPath, from, to),
  };
  const mask = new Map<string, number>();
  for (const s of surveySources) {
    if (!sources.includes(s)) continue;
    for (const id of await readers[s]()) mask.set(id, (mask.get(id) ?? 0) | surveySourceBits[s]);
  }
  return mask;
}

export async function createRun(ctx: AppContext, auth: AuthContext, input: SurveyRunCreate, ip: Ip): Promise<SurveyRunDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const q = await requireQuestionnaire(ctx, auth, input.questionnaireId);
  if (q.published_at === null) throw badRequest('问卷尚未发布，发布后才能发起调查', [{ path: 'questionnaireId', message: '问卷尚未发布' }]);
  const days = periodDays(input.period)!;
  const day = today(ctx);
  if (input.closesOn < day) throw badRequest('截止日期不能早于今天', [{ path: 'closesOn', message: '不能早于今天' }]);
  if (days.from > day) throw badRequest('调查期间尚未开始', [{ path: 'period', message: '期间尚未开始' }]);
  const sources = surveySources.filter((s) => input.sources.includes(s));
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const masks = await servedPeople(trx, stored.path, days.from, days.to, sources);
    const people = await peopleForSample(trx, [...masks.keys()], stored.path);
    if (!people.length) throw badRequest(`${unit.name}${periodLabel(input.period)}没有可调查的服务对象（所选服务中没有办理记录）`, [{ path: 'period', message: '没有服务对象' }]);
    const n = sampleSize(input.sampleMode, input.sampleValue, people.length);
    if (n > RUN_MAX) throw badRequest(`一次调查最多发放 ${RUN_MAX} 份邀请，请缩小范围或改为抽样`, [{ path: 'sampleValue', message: '超过上限' }]);
    const sample = draw(people, n);
    await insertRun(auth.scope, trx, {
      id,
      ...placedAt(stored),
      questionnaire_id: q.id,
      title: input.title,
      period: input.period,
      period_from: days.from,
      period_to: days.to,
      sources: JSON.stringify(sources),
      sample_mode: input.sampleMode,
      sample_value: input.sampleMode === 'all' ? null : input.sampleValue,
      served: people.length,
      closes_on: input.closesOn,
      closed_at: null,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    const lock = await lockOrgTree(trx, ctx.dialect, 'shared');
    const units = await unitsForWriteUnscoped(trx, lock, [...new Set(sample.map((p) => p.org_unit_id))]);
    await insertInvitations(
      trx,
      sample.map((p) => {
        const token = newToken();
        const u = units.get(p.org_unit_id)!;
        return { id: newId(), run_id: id, recipient_id: p.id, ...placedAt(u), source_mask: masks.get(p.id)!, token_hash: ctx.crypto.lookupHash(token), token_enc: ctx.crypto.encrypt(token), invited_on: day, answered_at: null, answered_via: null, answered_by: null, answers: null, rating_count: 0, satisfied_count: 0, rating_sum: 0 };
      }),
    );
    await auditAction(trx, ctx, auth, 'survey.run-create', 'survey-run', id, ip, `${unit.name} ${input.title} ${periodLabel(input.period)} 服务对象 ${people.length} 人，发放邀请 ${sample.length} 份`);
  });
  return runDetail(ctx, auth, id);
}

export async function closeRun(ctx: AppContext, auth: AuthContext, id: string, version: number, ip: Ip): Promise<SurveyRunDetail> {
  const r = await requireRun(ctx, auth, id);
  if (!pathInScope(auth.scope, r.org_path)) throw forbidden('只有发起调查的单位及其上级可以结束调查');
  if (r.closed_at !== null) throw conflict('调查已结束');
  if (r.version !== version) throw conflict(STALE);
  await transaction(ctx.db, async (trx) => {
    if (!(await closeRunRow(auth.scope, trx, id, version, ctx.clock.now().toISOString()))) throw conflict(STALE);
    await auditAction(trx, ctx, auth, 'survey.run-close', 'survey-run', id, ip, r.title);
  });
  return runDetail(ctx, auth, id);
}

type Answered = { org_path: string; source_mask: number; answered_at: string | null; answers: string | null; rating_count: number; satisfied_count: number };

function sumRows(rows: Answered[]) {
  let answered = 0;
  let ratings = 0;
  let satisfied = 0;
  for (const r of rows) {
    if (r.answered_at) answered++;
    ratings += Number(r.rating_count);
    satisfied += Number(r.satisfied_count);
  }
  return rateRow(rows.length, answered, ratings, satisfied);
}

export async function runDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<SurveyRunDetail> {
  const r = await requireRun(ctx, auth, id);
  const q = await getQuestionnaire(auth.scope, ctx.db, r.questionnaire_id);
  if (!q) throw notFound('问卷');
  const rows = (await resultRows(auth.scope, ctx.db, id)) as Answered[];
  // per unit: the caller's own unit when the run's unit lies above it, else the run unit's children in range
  const base = pathInScope(auth.scope, r.org_path) ? r.org_unit_id : auth.unit.id;
  const children = await childUnitsOf(auth.scope, ctx.db, base);
  const byUnit: SurveyResultRow[] = children
    .map((u) => ({ key: u.id, label: u.name, ...sumRows(rows.filter((x) => pathIsWithin(x.org_path, u.path))) }))
    .filter((x) => x.invited > 0);
  const own = rows.filter((x) => !children.some((u) => pathIsWithin(x.org_path, u.path)));
  if (own.length) byUnit.unshift({ key: base, label: '本级', ...sumRows(own) });
  const bySource: SurveyResultRow[] = (JSON.parse(r.sources) as SurveySource[]).map((s) => ({ key: s, label: surveySourceLabels[s], ...sumRows(rows.filter((x) => (Number(x.source_mask) & surveySourceBits[s]) !== 0)) }));
  const answers = rows.filter((x) => x.answers).map((x) => JSON.parse(x.answers!) as Answer[]);
  const questions = questionsOf(q).map((qu) => {
    const given = answers.map((a) => a.find((x) => x.questionId === qu.id)?.value).filter((v) => v !== undefined && v !== '');
    const labels = qu.kind === 'rating' ? [...ratingLabels] : qu.options;
    const counts = labels.map(() => 0);
    let sum = 0;
    for (const v of given) {
      if (qu.kind === 'single' && typeof v === 'number') counts[v]++;
      if (qu.kind === 'multiple' && Array.isArray(v)) for (const i of v) counts[i]++;
      if (qu.kind === 'rating' && typeof v === 'number') {
        counts[v - 1]++;
        sum += v;
      }
    }
    return { questionId: qu.id, text: qu.text, kind: qu.kind, labels, counts, average: qu.kind === 'rating' && given.length ? Math.round((sum / given.length) * 100) / 100 : null, texts: qu.kind === 'text' ? given.length : 0 };
  });
  return { ...toRunDto(ctx, auth, r), questionnaire: toQuestionnaireDto(auth, q), byUnit, bySource, questions };
}

// ---- invitations ----

function toInvitationDto(i: InvitationRow): InvitationDto {
  return {
    id: i.id,
    runId: i.run_id,
    recipientId: i.recipient_id,
    name: i.name,
    orgUnitName: i.org_unit_name,
    sources: sourcesOfMask(Number(i.source_mask)),
    invitedOn: i.invited_on,
    answeredAt: i.answered_at,
    answeredVia: i.answered_via as AnswerVia | null,
  };
}

export async function searchInvitations(ctx: AppContext, auth: AuthContext, runId: string, q: InvitationListQuery) {
  await requireRun(ctx, auth, runId);
  const r = await listInvitations(auth.scope, ctx.db, runId, { answered: q.answered === undefined ? undefined : q.answered === 'true', page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map(toInvitationDto), page: q.page, pageSize: q.pageSize };
}

/** The letters to print: each unanswered invitation of the caller's range with its address (audited: tokens are credentials). */
export async function letters(ctx: AppContext, auth: AuthContext, runId: string, ip: Ip): Promise<LettersDto> {
  const r = await requireRun(ctx, auth, runId);
  if (!mayWrite(auth)) throw forbidden();
  if (runClosed(r, today(ctx))) throw conflict(SURVEY_CLOSED);
  const rows = await unansweredOf(auth.scope, ctx.db, runId, LETTERS_MAX);
  await transaction(ctx.db, async (trx) => auditAction(trx, ctx, auth, 'survey.letters', 'survey-run', runId, ip, `${r.title} 邀请函 ${rows.length} 份`));
  return {
    runTitle: r.title,
    questionnaireTitle: r.questionnaire_title,
    orgUnitName: r.org_unit_name,
    closesOn: r.closes_on,
    items: rows.map((i) => ({ invitationId: i.id, name: i.name, orgUnitName: i.org_unit_name, path: `/public/surveys/${ctx.crypto.decrypt(i.token_enc)}` })),
  };
}

async function requireInvitation(ctx: AppContext, auth: AuthContext, id: string) {
  const i = await getInvitation(auth.scope, ctx.db, id);
  if (!i) throw notFound('调查邀请');
  return i;
}

export async function invitationDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<InvitationDetail> {
  const i = await requireInvitation(ctx, auth, id);
  const run = await getRun(auth.scope, ctx.db, i.run_id);
  const q = run ? await getQuestionnaire(auth.scope, ctx.db, run.questionnaire_id) : undefined;
  if (!run || !q) throw notFound('调查邀请');
  return { ...toInvitationDto(i), questionnaire: toQuestionnaireDto(auth, q), runTitle: run.title, closed: runClosed(run, today(ctx)), answers: i.answers ? (JSON.parse(i.answers) as Answer[]) : null };
}

/**
 * Checks the answers against the questionnaire (each question at most once, required ones given,
 * values of the question's kind) and counts the ratings: a Chinese 400 naming the question otherwise.
 */
export function checkAnswers(questions: Question[], body: AnswersBody): { answers: Answer[]; ratingCount: number; satisfiedCount: number; ratingSum: number } {
  const seen = new Set<string>();
  const out: Answer[] = [];
  let ratingCount = 0;
  let satisfiedCount = 0;
  let ratingSum = 0;
  body.answers.forEach((a, i) => {
    const q = questions.find((x) => x.id === a.questionId);
    const bad = (message: string) => badRequest(q ? `第 ${questions.indexOf(q) + 1} 题：${message}` : message, [{ path: `answers.${i}.value`, message }]);
    if (!q) throw bad('问卷中没有这道题');
    if (seen.has(q.id)) throw bad('同一道题只能回答一次');
    seen.add(q.id);
    const v = a.value;
    if (q.kind === 'single') {
      if (typeof v !== 'number' || v < 0 || v >= q.options.length) throw bad('请选择一个选项');
    } else if (q.kind === 'multiple') {
      if (!Array.isArray(v) || v.some((x) => x < 0 || x >= q.options.length) || new Set(v).size !== v.length) throw bad('所选选项不正确');
      if (!v.length) return;
    } else if (q.kind === 'rating') {
      if (typeof v !== 'number' || v < 1 || v > 5) throw bad('评分应为 1 至 5');
      ratingCount++;
      ratingSum += v;
      if (v >= SATISFIED_FROM) satisfiedCount++;
    } else {
      if (typeof v !== 'string') throw bad('请填写文字');
      if (!v) return;
    }
    out.push({ questionId: q.id, value: v });
  });
  const missing = questions.findIndex((q) => q.required && !out.some((a) => a.questionId === q.id));
  if (missing >= 0) throw badRequest(`第 ${missing + 1} 题为必答题，请作答`, [{ path: 'answers', message: `第 ${missing + 1} 题未作答` }]);
  return { answers: out, ratingCount, satisfiedCount, ratingSum };
}

/** Writes an answer once, whoever records it; a second is a 409 (nothing is changed). */
export async function writeAnswer(trx: Tx, invitationId: string, questions: Question[], body: AnswersBody, at: string, via: AnswerVia, by: string | null) {
  const c = checkAnswers(questions, body);
  const done = await answerOnce(trx, invitationId, { answered_at: at, answered_via: via, answered_by: by, answers: JSON.stringify(c.answers), rating_count: c.ratingCount, satisfied_count: c.satisfiedCount, rating_sum: c.ratingSum });
  if (!done) throw new AppError(409, 'ALREADY_ANSWERED', ALREADY_ANSWERED);
  return c;
}

/** 电话回访: a staff user of the person's range records the answers given on the phone. */
export async function answerByPhone(ctx: AppContext, auth: AuthContext, id: string, body: AnswersBody, ip: Ip): Promise<InvitationDetail> {
  const d = await invitationDetail(ctx, auth, id);
  if (d.answeredAt) throw new AppError(409, 'ALREADY_ANSWERED', ALREADY_ANSWERED);
  if (d.closed) throw new AppError(409, 'SURVEY_CLOSED', SURVEY_CLOSED);
  await transaction(ctx.db, async (trx) => {
    const c = await writeAnswer(trx, id, d.questionnaire.questions, body, ctx.clock.now().toISOString(), 'phone', auth.userId);
    await auditAction(trx, ctx, auth, 'survey.phone-answer', 'survey-invitation', id, ip, `${d.runTitle} ${d.orgUnitName} ${d.name} 评分 ${c.ratingCount} 项（满意 ${c.satisfiedCount}）`);
  });
  return invitationDetail(ctx, auth, id);
}
