// Job fairs and trainings 招聘会、培训 (issue 15; seed Part 4 四(一)(三)(六), 五(一)).
// - A fair is held by a unit: employers taking part (employment's employers, through its face) with
//   the openings they offer, veterans registered by the fair's range or the units below it (their own
//   people), attendance marked by the fair's range on or after the day, results once it was held.
// - A training is kept by a unit: enrolment of veterans in range up to its places (over → Chinese
//   400, nothing written), attendance in sessions, completion with certificate. Where it stands
//   (未开始/进行中/已结束) comes from its dates, never from a status set by hand.
// - This year's discharged are tracked through the adaptive training 适应性培训 (coverage list,
//   figures, the village worker's work queue).
import { hasPermission } from '../../../shared/permissions';
import {
  jobFairKindLabels,
  jobFairOutcomeLabels,
  trainingKindLabels,
  trainingPhase,
  type CoverageItem,
  type CoverageQuery,
  type EnrolmentDto,
  type EnrolmentUpdate,
  type JobFairAttendance,
  type JobFairCreate,
  type JobFairDetail,
  type JobFairDto,
  type JobFairKind,
  type JobFairListQuery,
  type JobFairOutcome,
  type JobFairRegister,
  type JobFairResults,
  type JobFairUpdate,
  type TrainingCreate,
  type TrainingDetail,
  type TrainingDto,
  type TrainingEnrol,
  type TrainingFigures,
  type TrainingFiguresQuery,
  type TrainingKind,
  type TrainingListQuery,
  type TrainingUpdate,
} from '../../../shared/schemas/trainings';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathInScope } from '../../platform/jurisdiction';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { today } from '../../platform/clock';
import { openingsForLink, visibleEmployers } from '../employment';
import {
  childUnitsOf,
  completedCounts,
  coverageCounts,
  eligiblePeople,
  enrolledOf,
  enrolmentStats,
  enrolmentsOf,
  fairEmployerIds,
  fairEmployersOf,
  fairPeople,
  getEnrolment,
  getFair,
  getTraining,
  insertEnrolments,
  insertFair,
  insertFairPeople,
  insertTraining,
  listCoverage,
  listFairs,
  listTrainings,
  lockTraining,
  registeredOf,
  replaceFairEmployers,
  setFairAttendance,
  setFairResults,
  updateEnrolment,
  updateFair,
  updateTraining,
  type EnrolmentRow,
  type FairRow,
  type TrainingRow,
} from './trainings.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;
const STALE = '该记录已被他人修改，请刷新后再操作（您的修改未保存）';

const mayWrite = (auth: AuthContext) => hasPermission(auth.roles, 'employment:write');

/** The people asked for must be veterans of the caller's range within the holding unit: else a 400 naming how many. */
async function requirePeople(auth: AuthContext, trx: Tx, ids: readonly string[], withinPath: string, holder: string) {
  const unique = [...new Set(ids)];
  const found = await eligiblePeople(auth.scope, trx, unique, withinPath);
  if (found.length !== unique.length) {
    const missing = unique.filter((id) => !found.some((f) => f.id === id));
    throw badRequest(`有 ${missing.length} 人不是您管辖范围内、${holder}所辖的在册退役军人，未登记任何人`, missing.map((id) => ({ path: 'recipientIds', message: id })));
  }
  return found;
}

// ---- fairs ----

async function toFairDtos(ctx: AppContext, auth: AuthContext, rows: FairRow[]): Promise<JobFairDto[]> {
  const emps = await fairEmployersOf(ctx.db, rows.map((r) => r.id));
  return rows.map((f) => ({
    id: f.id,
    version: f.version,
    orgUnitId: f.org_unit_id,
    orgUnitName: f.org_unit_name,
    name: f.name,
    heldOn: f.held_on,
    place: f.place,
    kind: f.kind as JobFairKind,
    note: f.note,
    employers: emps.filter((e) => e.fair_id === f.id).map((e) => ({ employerId: e.employer_id, name: e.name, openings: Number(e.openings) })),
    openingsOffered: Number(f.openings_offered ?? 0),
    registered: Number(f.registered ?? 0),
    attended: Number(f.attended ?? 0),
    intentCount: f.intent_count === null ? null : Number(f.intent_count),
    hiredCount: f.hired_count === null ? null : Number(f.hired_count),
    resultIntent: Number(f.result_intent ?? 0),
    resultHired: Number(f.result_hired ?? 0),
    resultNone: Number(f.result_none ?? 0),
    canEdit: mayWrite(auth) && pathInScope(auth.scope, f.org_path),
  }));
}

async function requireFair(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<FairRow> {
  const f = await getFair(auth.scope, db, id);
  if (!f) throw notFound('招聘会');
  return f;
}

export async function fairDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<JobFairDetail> {
  const f = await requireFair(ctx, auth, id);
  const [dto] = await toFairDtos(ctx, auth, [f]);
  const people = await fairPeople(auth.scope, ctx.db, id);
  const openings = new Map((await openingsForLink(ctx.db, [...new Set(people.flatMap((p) => (p.outcome_opening_id ? [p.outcome_opening_id] : [])))])).map((o) => [o.id, o.position]));
  return {
    ...dto,
    people: people.map((p) => ({
      recipientId: p.recipient_id,
      name: p.name,
      idNumberMasked: p.id_number_masked,
      orgUnitName: p.org_unit_name,
      registeredOn: p.registered_on,
      attended: Number(p.attended) === 1,
      outcome: (p.outcome as JobFairOutcome | null) ?? null,
      outcomeEmployerId: p.outcome_employer_id ?? null,
      outcomeEmployerName: p.outcome_employer_name ?? null,
      outcomeOpeningId: p.outcome_opening_id ?? null,
      outcomeOpeningPosition: p.outcome_opening_id ? (openings.get(p.outcome_opening_id) ?? null) : null,
      outcomeNote: p.outcome_note ?? '',
      outcomeOn: p.outcome_on ?? null,
    })),
  };
}

export function fairFilterOf(unitPath: string | undefined, q: { kind?: string; from?: string; to?: string; name?: string }) {
  if (q.from && q.to && q.to < q.from) throw badRequest('结束日期不能早于开始日期', [{ path: 'to', message: '不能早于开始日期' }]);
  return { unitPath, kind: q.kind, from: q.from, to: q.to, name: q.name };
}

export async function searchFairs(ctx: AppContext, auth: AuthContext, q: JobFairListQuery) {
  const unitPath = q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined;
  const r = await listFairs(auth.scope, ctx.db, { ...fairFilterOf(unitPath, q), page: q.page, pageSize: q.pageSize });
  return { ...r, items: await toFairDtos(ctx, auth, r.items), page: q.page, pageSize: q.pageSize };
}

async function checkEmployers(ctx: AppContext, auth: AuthContext, trx: Tx, employers: { employerId: string }[]) {
  const seen = await visibleEmployers(ctx, auth, employers.map((e) => e.employerId), trx);
  const bad = employers.findIndex((e) => !seen.has(e.employerId));
  if (bad >= 0) throw badRequest('所选用人单位不存在或不在您的可见范围内', [{ path: `employers.${bad}.employerId`, message: '用人单位不存在' }]);
}

export async function createFair(ctx: AppContext, auth: AuthContext, input: JobFairCreate, ip: Ip): Promise<JobFairDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    await checkEmployers(ctx, auth, trx, input.employers);
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertFair(auth.scope, trx, { id, ...placedAt(stored), name: input.name, held_on: input.heldOn, place: input.place, kind: input.kind, note: input.note, intent_count: null, hired_count: null, version: 1, created_by: auth.userId, created_at: at, updated_at: at });
    await replaceFairEmployers(trx, id, input.employers.map((e) => ({ fair_id: id, employer_id: e.employerId, openings: e.openings })));
    await auditAction(trx, ctx, auth, 'job-fair.create', 'job-fair', id, ip, `${unit.name} ${jobFairKindLabels[input.kind]} ${input.name} ${input.heldOn}`);
  });
  return fairDetail(ctx, auth, id);
}

async function requireEditableFair(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<FairRow> {
  const f = await requireFair(ctx, auth, id, db);
  if (!pathInScope(auth.scope, f.org_path)) throw forbidden('只有举办单位及其上级可以修改招聘会');
  return f;
}

export async function changeFair(ctx: AppContext, auth: AuthContext, id: string, input: JobFairUpdate, ip: Ip): Promise<JobFairDetail> {
  const f = await requireEditableFair(ctx, auth, id);
  if (f.version !== input.version) throw conflict(STALE);
  const day = today(ctx);
  if ((input.intentCount !== null || input.hiredCount !== null) && input.heldOn > day) throw badRequest('招聘会尚未举办，不能登记结果', [{ path: 'intentCount', message: '招聘会尚未举办' }]);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    await checkEmployers(ctx, auth, trx, input.employers);
    const done = await updateFair(auth.scope, trx, id, input.version, { name: input.name, held_on: input.heldOn, place: input.place, kind: input.kind, note: input.note, intent_count: input.intentCount, hired_count: input.hiredCount, updated_at: at });
    if (!done) throw conflict(STALE);
    await replaceFairEmployers(trx, id, input.employers.map((e) => ({ fair_id: id, employer_id: e.employerId, openings: e.openings })));
    const results = input.intentCount !== null || input.hiredCount !== null ? ` 意向达成${input.intentCount ?? '-'}人 录用${input.hiredCount ?? '-'}人` : '';
    await auditAction(trx, ctx, auth, 'job-fair.update', 'job-fair', id, ip, `${input.name} ${input.heldOn}${results}`);
  });
  return fairDetail(ctx, auth, id);
}

/** Registers veterans for a fair: the fair's range or a unit below it, its own people, before the fair's day is over. */
export async function registerForFair(ctx: AppContext, auth: AuthContext, id: string, input: JobFairRegister, ip: Ip): Promise<JobFairDetail> {
  const f = await requireFair(ctx, auth, id);
  const day = today(ctx);
  if (f.held_on < day) throw badRequest('招聘会已举办，不能再报名');
  await transaction(ctx.db, async (trx) => {
    const people = await requirePeople(auth, trx, input.recipientIds, f.org_path, '举办单位');
    const already = await registeredOf(trx, id, people.map((p) => p.id));
    if (already.length) throw conflict(`${people.filter((p) => already.includes(p.id)).map((p) => p.name).join('、')} 已报名该招聘会，未登记任何人`);
    await insertFairPeople(trx, people.map((p) => ({ fair_id: id, recipient_id: p.id, registered_on: day, attended: 0, registered_by: auth.userId })));
    await auditAction(trx, ctx, auth, 'job-fair.register', 'job-fair', id, ip, `${f.name} 报名 ${people.length} 人：${people.map((p) => p.name).join('、')}`);
  });
  return fairDetail(ctx, auth, id);
}

/** Marks who attended (the fair's range, on or after the fair's day): the listed registered people came, the others did not. */
export async function markFairAttendance(ctx: AppContext, auth: AuthContext, id: string, input: JobFairAttendance, ip: Ip): Promise<JobFairDetail> {
  const f = await requireEditableFair(ctx, auth, id);
  if (f.held_on > today(ctx)) throw badRequest(`招聘会尚未举办（${f.held_on}），不能登记到场`);
  const attended = [...new Set(input.attended)];
  await transaction(ctx.db, async (trx) => {
    const registered = await registeredOf(trx, id, attended);
    if (registered.length !== attended.length) throw badRequest('到场人员须是已报名该招聘会的人员', [{ path: 'attended', message: '有人未报名' }]);
    await setFairAttendance(trx, id, attended);
    await auditAction(trx, ctx, auth, 'job-fair.attendance', 'job-fair', id, ip, `${f.name} 到场 ${attended.length} 人`);
  });
  return fairDetail(ctx, auth, id);
}

/**
 * Records the per-person results once the fair was held: each person registered for the fair and in
 * the caller's range (the fair's range or the unit that registered them); 达成意向/已录用 with an
 * employer taking part in the fair and, optionally, one of its openings. All or nothing.
 */
export async function recordFairResults(ctx: AppContext, auth: AuthContext, id: string, input: JobFairResults, ip: Ip): Promise<JobFairDetail> {
  const f = await requireFair(ctx, auth, id);
  if (f.held_on > today(ctx)) throw badRequest(`招聘会尚未举办（${f.held_on}），不能登记结果`);
  await transaction(ctx.db, async (trx) => {
    const ids = input.results.map((r) => r.recipientId);
    const registered = new Set(await registeredOf(trx, id, ids));
    const notRegistered = input.results.findIndex((r) => !registered.has(r.recipientId));
    if (notRegistered >= 0) throw badRequest('登记结果的人员须是已报名该招聘会的人员，未保存任何结果', [{ path: `results.${notRegistered}.recipientId`, message: '未报名该招聘会' }]);
    const people = await requirePeople(auth, trx, ids, f.org_path, '举办单位');
    const employers = new Set(await fairEmployerIds(trx, id));
    const badEmployer = input.results.findIndex((r) => r.employerId !== null && !employers.has(r.employerId));
    if (badEmployer >= 0) throw badRequest('所选用人单位未参加该招聘会，未保存任何结果', [{ path: `results.${badEmployer}.employerId`, message: '未参加该招聘会' }]);
    const openings = new Map((await openingsForLink(trx, input.results.flatMap((r) => (r.openingId ? [r.openingId] : [])))).map((o) => [o.id, o]));
    const badOpening = input.results.findIndex((r) => r.openingId !== null && openings.get(r.openingId)?.employerId !== r.employerId);
    if (badOpening >= 0) throw badRequest('所选岗位不是该用人单位在本次招聘会提供的岗位，未保存任何结果', [{ path: `results.${badOpening}.openingId`, message: '岗位不在本次招聘会' }]);
    await setFairResults(trx, id, input.results, today(ctx), auth.userId);
    const names = new Map(people.map((p) => [p.id, p.name]));
    const summary = input.results.map((r) => `${names.get(r.recipientId) ?? r.recipientId}${r.outcome ? jobFairOutcomeLabels[r.outcome] : '清除结果'}`).join('、');
    await auditAction(trx, ctx, auth, 'job-fair.results', 'job-fair', id, ip, `${f.name} 逐人结果：${summary}`);
  });
  return fairDetail(ctx, auth, id);
}

// ---- trainings ----

function toTrainingDto(auth: AuthContext, t: TrainingRow, day: string): TrainingDto {
  return {
    id: t.id,
    version: t.version,
    orgUnitId: t.org_unit_id,
    orgUnitName: t.org_unit_name,
    kind: t.kind as TrainingKind,
    name: t.name,
    provider: t.provider,
    course: t.course,
    startOn: t.start_on,
    endOn: t.end_on,
    places: Number(t.places),
    sessions: Number(t.sessions),
    place: t.place,
    note: t.note,
    phase: trainingPhase({ startOn: t.start_on, endOn: t.end_on }, day),
    enrolled: Number(t.enrolled ?? 0),
    completed: Number(t.completed ?? 0),
    canEdit: mayWrite(auth) && pathInScope(auth.scope, t.org_path),
  };
}

function toEnrolmentDto(e: EnrolmentRow): EnrolmentDto {
  return {
    recipientId: e.recipient_id,
    name: e.name,
    idNumberMasked: e.id_number_masked,
    orgUnitName: e.org_unit_name,
    dischargeDate: e.discharge_date,
    enrolledOn: e.enrolled_on,
    attendedSessions: Number(e.attended_sessions),
    completedOn: e.completed_on,
    certificateName: e.certificate_name,
    certificateNo: e.certificate_no,
    version: e.version,
  };
}

async function requireTraining(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<TrainingRow> {
  const t = await getTraining(auth.scope, db, id);
  if (!t) throw notFound('培训');
  return t;
}

export async function trainingDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<TrainingDetail> {
  const t = await requireTraining(ctx, auth, id);
  const enrolments = await enrolmentsOf(auth.scope, ctx.db, id);
  return { ...toTrainingDto(auth, t, today(ctx)), enrolments: enrolments.map(toEnrolmentDto) };
}

export async function searchTrainings(ctx: AppContext, auth: AuthContext, q: TrainingListQuery) {
  const unitPath = q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined;
  const day = today(ctx);
  const r = await listTrainings(auth.scope, ctx.db, { unitPath, kind: q.kind, phase: q.phase, name: q.name, today: day, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map((t) => toTrainingDto(auth, t, day)), page: q.page, pageSize: q.pageSize };
}

function trainingColumns(input: Omit<TrainingUpdate, 'version'>, at: string) {
  return { kind: input.kind, name: input.name, provider: input.provider, course: input.course, start_on: input.startOn, end_on: input.endOn, places: input.places, sessions: input.sessions, place: input.place, note: input.note, updated_at: at };
}

export async function createTraining(ctx: AppContext, auth: AuthContext, input: TrainingCreate, ip: Ip): Promise<TrainingDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertTraining(auth.scope, trx, { id, ...placedAt(stored), ...trainingColumns(input, at), version: 1, created_by: auth.userId, created_at: at });
    await auditAction(trx, ctx, auth, 'training.create', 'training', id, ip, `${unit.name} ${trainingKindLabels[input.kind]} ${input.name} ${input.startOn}至${input.endOn} 名额${input.places}人`);
  });
  return trainingDetail(ctx, auth, id);
}

export async function changeTraining(ctx: AppContext, auth: AuthContext, id: string, input: TrainingUpdate, ip: Ip): Promise<TrainingDetail> {
  const t = await requireTraining(ctx, auth, id);
  if (!pathInScope(auth.scope, t.org_path)) throw forbidden('只有举办单位及其上级可以修改培训');
  if (t.version !== input.version) throw conflict(STALE);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    await lockTraining(trx, ctx.dialect, id);
    const s = await enrolmentStats(trx, id);
    if (input.places < s.enrolled) throw badRequest(`名额不能少于已报名人数（${s.enrolled}人）`, [{ path: 'places', message: '少于已报名人数' }]);
    if (input.sessions < s.maxAttended) throw badRequest(`课次不能少于已登记的出勤课次（${s.maxAttended}次）`, [{ path: 'sessions', message: '少于已登记的出勤课次' }]);
    if (t.kind !== input.kind && s.enrolled > 0) throw badRequest('已有人员报名，不能更改培训类别', [{ path: 'kind', message: '已有人员报名' }]);
    if (!(await updateTraining(auth.scope, trx, id, input.version, trainingColumns(input, at)))) throw conflict(STALE);
    await auditAction(trx, ctx, auth, 'training.update', 'training', id, ip, `${input.name} ${input.startOn}至${input.endOn} 名额${input.places}人`);
  });
  return trainingDetail(ctx, auth, id);
}

/** Enrols veterans: the training's range or a unit below it, its own people, within the places; all or none. */
export async function enrol(ctx: AppContext, auth: AuthContext, id: string, input: TrainingEnrol, ip: Ip): Promise<TrainingDetail> {
  const t = await requireTraining(ctx, auth, id);
  const day = today(ctx);
  if (t.end_on < day) throw badRequest('培训已结束，不能再报名');
  await transaction(ctx.db, async (trx) => {
    await lockTraining(trx, ctx.dialect, id);
    const people = await requirePeople(auth, trx, input.recipientIds, t.org_path, '举办单位');
    const already = await enrolledOf(trx, id, people.map((p) => p.id));
    if (already.length) throw conflict(`${people.filter((p) => already.includes(p.id)).map((p) => p.name).join('、')} 已报名该培训，未登记任何人`);
    const { enrolled } = await enrolmentStats(trx, id);
    const places = Number(t.places);
    if (enrolled + people.length > places) throw badRequest(`名额不足：共 ${places} 人，已报名 ${enrolled} 人，剩余 ${Math.max(0, places - enrolled)} 个名额，本次 ${people.length} 人，未登记任何人`, [{ path: 'recipientIds', message: '超出名额' }]);
    const at = ctx.clock.now().toISOString();
    await insertEnrolments(trx, people.map((p) => ({ training_id: id, recipient_id: p.id, enrolled_on: day, attended_sessions: 0, completed_on: null, certificate_name: '', certificate_no: '', version: 1, enrolled_by: auth.userId, updated_at: at })));
    await auditAction(trx, ctx, auth, 'training.enrol', 'training', id, ip, `${t.name} 报名 ${people.length} 人：${people.map((p) => p.name).join('、')}`);
  });
  return trainingDetail(ctx, auth, id);
}

/** Attendance, completion and certificate of one person (the person's range, or the training's). */
export async function changeEnrolment(ctx: AppContext, auth: AuthContext, id: string, recipientId: string, input: EnrolmentUpdate, ip: Ip): Promise<TrainingDetail> {
  const t = await requireTraining(ctx, auth, id);
  const e = await getEnrolment(auth.scope, ctx.db, id, recipientId);
  if (!e) throw notFound('报名记录');
  if (e.version !== input.version) throw conflict(STALE);
  const day = today(ctx);
  if (input.attendedSessions > Number(t.sessions)) throw badRequest(`出勤课次不能多于培训课次（${t.sessions}次）`, [{ path: 'attendedSessions', message: '多于培训课次' }]);
  if (input.attendedSessions > 0 && t.start_on > day) throw badRequest(`培训尚未开始（${t.start_on}），不能登记出勤`, [{ path: 'attendedSessions', message: '培训尚未开始' }]);
  if (input.completedOn !== null) {
    if (input.completedOn < t.start_on) throw badRequest(`结业日期不能早于培训开始日期（${t.start_on}）`, [{ path: 'completedOn', message: '早于培训开始日期' }]);
    if (input.completedOn > day) throw badRequest('结业日期不能晚于今天', [{ path: 'completedOn', message: '不能晚于今天' }]);
  }
  await transaction(ctx.db, async (trx) => {
    const done = await updateEnrolment(trx, id, recipientId, input.version, { attended_sessions: input.attendedSessions, completed_on: input.completedOn, certificate_name: input.certificateName, certificate_no: input.certificateNo, updated_at: ctx.clock.now().toISOString() });
    if (!done) throw conflict(STALE);
    const completion = input.completedOn ? ` 结业 ${input.completedOn}${input.certificateName ? ` ${input.certificateName}` : ''}${input.certificateNo ? ` ${input.certificateNo}` : ''}` : '';
    await auditAction(trx, ctx, auth, 'training.enrolment-update', 'training', id, ip, `${t.name} ${e.name} 出勤 ${input.attendedSessions}/${t.sessions}${completion}`);
  });
  return trainingDetail(ctx, auth, id);
}

// ---- coverage and figures ----

export async function coverage(ctx: AppContext, auth: AuthContext, q: CoverageQuery) {
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const year = Number(today(ctx).slice(0, 4));
  const r = await listCoverage(auth.scope, ctx.db, { year, unitPath: unit.path, state: q.state, page: q.page, pageSize: q.pageSize });
  return {
    ...r,
    year,
    page: q.page,
    pageSize: q.pageSize,
    items: r.items.map(
      (c): CoverageItem => ({
        recipientId: c.recipient_id,
        name: c.name,
        idNumberMasked: c.id_number_masked,
        orgUnitName: c.org_unit_name,
        dischargeDate: c.discharge_date ?? '',
        state: Number(c.completed) === 1 ? 'completed' : Number(c.enrolled) === 1 ? 'enrolled' : 'notEnrolled',
        trainingId: c.training_id,
        trainingName: c.training_name,
        completedOn: c.completed_on,
      }),
    ),
  };
}

/** Per child unit (or the unit itself when it has none): trainings completed in the period by kind, and this year's adaptive-training coverage. */
export async function trainingFigures(ctx: AppContext, auth: AuthContext, q: TrainingFiguresQuery): Promise<TrainingFigures> {
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const year = Number(today(ctx).slice(0, 4));
  const children = await childUnitsOf(auth.scope, ctx.db, unit.id);
  const list = children.length ? children : [{ id: unit.id, name: unit.name, path: unit.path }];
  const units = [];
  for (const u of list) {
    const done = await completedCounts(auth.scope, ctx.db, u.path, q.from, q.to);
    const cov = await coverageCounts(auth.scope, ctx.db, year, u.path);
    units.push({ id: u.id, name: u.name, completedAdaptive: done.adaptive, completedSkills: done.skills, ...cov, coverageRate: cov.discharged ? Math.round((1000 * cov.covered) / cov.discharged) / 10 : 0 });
  }
  return { from: q.from, to: q.to, year, units };
}
