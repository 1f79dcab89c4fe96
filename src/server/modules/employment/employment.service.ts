// Employment 就业创业 (issue 15 part 1; seed Part 4 二, 四(四), 五(二)(三); §20–§22).
// - The profile 就业信息 of every registered living veteran: status (recipients.employment_status,
//   written here through the registry's face), intention, skills, training wishes, venture
//   intention, last confirmed day. Saved by the form (which confirms it) and confirmed by a visit's
//   就业状况 finding (visits' `visitRecorded`).
// - Employers and openings, scoped by the owning unit; an opening is seen at and below its owner
//   and by the units it is shared with.
// - Matching (shared/rules/job-matching.ts) and recommendations (a kernel case, employment.cases.ts).
import { hasPermission } from '../../../shared/permissions';
import {
  defaultEmploymentSettings,
  EMPLOYMENT_SETTING_KEY,
  employmentSettings,
  employerKindLabels,
  JOB_RECOMMENDATION_CASE_TYPE,
  type EmployerCreate,
  type EmployerDto,
  type EmployerKind,
  type EmployerListQuery,
  type EmployerUpdate,
  type EmploymentFigures,
  type EmploymentLedgerQuery,
  type EmploymentProfileDto,
  type EmploymentProfileListQuery,
  type EmploymentProfileSave,
  type InterestDto,
  type InterestListQuery,
  type EmploymentSettings,
  type EmploymentSettingsView,
  type OpeningCreate,
  type OpeningDto,
  type OpeningListQuery,
  type OpeningUpdate,
  type RecommendationActionBody,
  type RecommendationCreate,
  type RecommendationDto,
  type RecommendationListQuery,
  type RecommendationStatus,
  declineReasons,
  type DeclineReason,
} from '../../../shared/schemas/employment';
import type { employmentStatuses } from '../../../shared/schemas/recipients';
import { codesOf, industryCodes, industryMask, matchReasons, matchScore, rankPage, reviewCutoff, skillCodes, skillMask, type IndustryCode, type Opening, type Seeker, type WorkTime } from '../../../shared/rules/job-matching';
import { maskPhone } from '../../../shared/rules/phone';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathInScope, pathIsWithin } from '../../platform/jurisdiction';
import { isUnitHead } from '../../platform/roles';
import { readSettingUnscoped, writeSettingUnscoped } from '../../platform/settings.repo';
import { placedAt, unitForWrite, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { today } from '../../platform/clock';
import { openCase, performAction } from '../../cases/cases.service';
import { setEmploymentStatusIn } from '../recipients';
import { recommendationPayload, type RecommendationPayload } from './employment.cases';
import {
  activeRecommendationsOf,
  ancestorAtLevelUnscoped,
  childUnitsOf,
  declinedByReason,
  employmentByCohort,
  employersByIds,
  employmentByUnit,
  interestFigures,
  listInterests,
  getEmployer,
  getOpening,
  getProfile,
  getRecommendation,
  insertEmployer,
  insertOpening,
  insertRecommendation,
  insertShare,
  listEmployers,
  listOpenings,
  listProfiles,
  listRecommendations,
  openOpeningsFor,
  recommendationFigures,
  saveProfileRow,
  seekersOf,
  sharesOf,
  unitsByIdUnscoped,
  updateEmployer,
  updateOpening,
  type EmployerRow,
  type InterestRow,
  type OpeningRow,
  type ProfileFilter,
  type ProfileRow,
  type RecommendationRow,
} from './employment.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;
type EmploymentStatus = (typeof employmentStatuses)[number];
const STALE = '该记录已被他人修改，请刷新后再操作（您的修改未保存）';

// ---- settings ----

const SETTING_LEVELS = ['province', 'city', 'county'];
export function mayEditEmploymentSettings(auth: AuthContext): boolean {
  return SETTING_LEVELS.includes(auth.unit.level) && isUnitHead(auth);
}

export async function employmentSettingsOf(db: Tx): Promise<EmploymentSettings> {
  const stored = employmentSettings.safeParse(await readSettingUnscoped(db, EMPLOYMENT_SETTING_KEY));
  return stored.success ? stored.data : defaultEmploymentSettings;
}

export async function readEmploymentSettings(ctx: AppContext, auth: AuthContext): Promise<EmploymentSettingsView> {
  return { ...(await employmentSettingsOf(ctx.db)), mayEdit: mayEditEmploymentSettings(auth), isDefault: (await readSettingUnscoped(ctx.db, EMPLOYMENT_SETTING_KEY)) === undefined };
}

export async function saveEmploymentSettings(ctx: AppContext, auth: AuthContext, s: EmploymentSettings, ip: Ip): Promise<EmploymentSettingsView> {
  if (!mayEditEmploymentSettings(auth)) throw forbidden('就业信息复核周期由县级及以上服务中心负责人修改');
  await transaction(ctx.db, async (trx) => {
    const before = await employmentSettingsOf(trx);
    await writeSettingUnscoped(trx, EMPLOYMENT_SETTING_KEY, { reviewMonths: s.reviewMonths }, ctx.clock.now().toISOString(), auth.userId);
    await auditAction(trx, ctx, auth, 'employment-settings.update', 'setting', EMPLOYMENT_SETTING_KEY, ip, `${before.reviewMonths}个月 → ${s.reviewMonths}个月`);
  });
  return readEmploymentSettings(ctx, auth);
}

/** What makes a profile due for confirmation on `day`: the review period, and discharged this year. */
export async function dueRuleOf(ctx: AppContext, db: Tx = ctx.db): Promise<{ cutoff: string; dischargedFrom: string }> {
  const t = today(ctx);
  const s = await employmentSettingsOf(db);
  return { cutoff: reviewCutoff(t, s.reviewMonths), dischargedFrom: `${t.slice(0, 4)}-01-01` };
}

function isDue(r: ProfileRow, d: { cutoff: string; dischargedFrom: string }): boolean {
  if (!r.confirmed_on || r.confirmed_on < d.cutoff) return true;
  return !!r.discharge_date && r.discharge_date >= d.dischargedFrom && r.confirmed_on < r.discharge_date;
}

// ---- profiles ----

const placeIdsOf = (r: ProfileRow): string[] => (r.place_unit_ids ? (JSON.parse(r.place_unit_ids) as string[]) : []);

async function toProfileDtos(ctx: AppContext, auth: AuthContext, rows: ProfileRow[]): Promise<EmploymentProfileDto[]> {
  const d = await dueRuleOf(ctx);
  const units = new Map((await unitsByIdUnscoped(ctx.db, rows.flatMap(placeIdsOf))).map((u) => [u.id, u.name]));
  const canEdit = hasPermission(auth.roles, 'employment:write');
  return rows.map((r) => ({
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    recipientIdMasked: r.id_number_masked,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    dischargeDate: r.discharge_date,
    version: Number(r.version ?? 0),
    status: (r.employment_status as EmploymentStatus | null) ?? null,
    seeking: Number(r.seeking ?? 0) === 1,
    employerName: r.employer_name ?? '',
    industries: codesOf(industryCodes, Number(r.industries_mask ?? 0)),
    skills: codesOf(skillCodes, Number(r.skills_mask ?? 0)),
    workTime: (r.work_time as WorkTime | null) ?? 'any',
    places: placeIdsOf(r).map((id) => ({ id, name: units.get(id) ?? '' })),
    payMin: r.pay_min === null ? null : Number(r.pay_min),
    trainingWishes: r.training_wishes ?? '',
    ventureIntent: Number(r.venture_intent ?? 0) === 1,
    ventureHelp: r.venture_help ?? '',
    note: r.note ?? '',
    confirmedOn: r.confirmed_on,
    due: isDue(r, d),
    canEdit,
  }));
}

async function requireProfile(ctx: AppContext, auth: AuthContext, recipientId: string, db: Tx = ctx.db): Promise<ProfileRow> {
  const r = await getProfile(auth.scope, db, recipientId);
  if (!r) throw notFound('退役军人就业信息');
  return r;
}

export async function profileDetail(ctx: AppContext, auth: AuthContext, recipientId: string): Promise<EmploymentProfileDto> {
  const [dto] = await toProfileDtos(ctx, auth, [await requireProfile(ctx, auth, recipientId)]);
  return dto;
}

export async function profileFilter(ctx: AppContext, auth: AuthContext, q: EmploymentLedgerQuery): Promise<ProfileFilter> {
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    status: q.status,
    seeking: q.seeking === undefined ? undefined : q.seeking === '1',
    dueBefore: q.due ? await dueRuleOf(ctx) : undefined,
    skillBit: q.skill ? skillMask([q.skill]) : undefined,
    name: q.name || undefined,
  };
}

export async function searchProfiles(ctx: AppContext, auth: AuthContext, q: EmploymentProfileListQuery) {
  const f = await profileFilter(ctx, auth, q);
  const r = await listProfiles(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
  return { ...r, items: await toProfileDtos(ctx, auth, r.items), page: q.page, pageSize: q.pageSize };
}

/** Saves the profile as confirmed today by the form; the status goes to the registry's column. */
export async function saveProfile(ctx: AppContext, auth: AuthContext, recipientId: string, input: EmploymentProfileSave, ip: Ip): Promise<EmploymentProfileDto> {
  const places = await unitsByIdUnscoped(ctx.db, input.placeUnitIds);
  input.placeUnitIds.forEach((id, i) => {
    if (!places.some((u) => u.id === id)) throw badRequest('意向工作地不存在', [{ path: `placeUnitIds.${i}`, message: '单位不存在' }]);
  });
  const at = ctx.clock.now().toISOString();
  const t = today(ctx);
  await transaction(ctx.db, async (trx) => {
    const r = await requireProfile(ctx, auth, recipientId, trx);
    if (Number(r.version ?? 0) !== input.version) throw conflict(STALE);
    const ok = await saveProfileRow(trx, input.version, {
      recipient_id: recipientId,
      seeking: input.seeking ? 1 : 0,
      industries_mask: industryMask(input.industries),
      skills_mask: skillMask(input.skills),
      work_time: input.workTime,
      place_unit_ids: JSON.stringify([...new Set(input.placeUnitIds)]),
      pay_min: input.payMin,
      employer_name: input.employerName,
      training_wishes: input.trainingWishes,
      venture_intent: input.ventureIntent ? 1 : 0,
      venture_help: input.ventureHelp,
      note: input.note,
      confirmed_on: t,
      confirmed_by: auth.userId,
      version: input.version + 1,
      created_at: at,
      updated_at: at,
    });
    if (!ok) throw conflict(STALE);
    await setEmploymentStatusIn(ctx, auth, trx, recipientId, input.status, '就业信息核实');
    await auditAction(trx, ctx, auth, 'employment-profile.update', 'recipient', recipientId, ip, `${r.org_unit_name} ${r.recipient_name} 就业信息核实（${t}）`);
  });
  return profileDetail(ctx, auth, recipientId);
}

// ---- employers ----

function toEmployerDto(auth: AuthContext, e: EmployerRow): EmployerDto {
  return {
    id: e.id,
    version: e.version,
    orgUnitId: e.org_unit_id,
    orgUnitName: e.org_unit_name,
    name: e.name,
    kind: e.kind as EmployerKind,
    creditCode: e.credit_code,
    veteranFounded: Number(e.veteran_founded) === 1,
    address: e.address,
    contactName: e.contact_name,
    contactPhoneMasked: e.contact_phone_masked,
    note: e.note,
    openingCount: Number(e.opening_count ?? 0),
    canEdit: hasPermission(auth.roles, 'employment:write') && pathInScope(auth.scope, e.org_path),
  };
}

async function requireEmployer(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<EmployerRow> {
  const e = await getEmployer(auth.scope, db, id);
  if (!e) throw notFound('用人单位');
  return e;
}

/** The employers of these ids the caller sees, by id (other modules: a job fair's employers). */
export async function visibleEmployers(ctx: AppContext, auth: AuthContext, ids: readonly string[], db: Tx = ctx.db): Promise<Map<string, { id: string; name: string }>> {
  return new Map((await employersByIds(auth.scope, db, ids)).map((e) => [e.id, e]));
}

export async function employerDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<EmployerDto> {
  return toEmployerDto(auth, await requireEmployer(ctx, auth, id));
}

export async function searchEmployers(ctx: AppContext, auth: AuthContext, q: EmployerListQuery) {
  const unitPath = q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined;
  const r = await listEmployers(auth.scope, ctx.db, { unitPath, kind: q.kind, veteranFounded: q.veteranFounded === '1', name: q.name, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map((e) => toEmployerDto(auth, e)), page: q.page, pageSize: q.pageSize };
}

export async function createEmployer(ctx: AppContext, auth: AuthContext, input: EmployerCreate, ip: Ip): Promise<EmployerDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertEmployer(auth.scope, trx, {
      id,
      ...placedAt(stored),
      name: input.name,
      kind: input.kind,
      credit_code: input.creditCode,
      veteran_founded: input.veteranFounded ? 1 : 0,
      address: input.address,
      contact_name: input.contactName,
      contact_phone_enc: input.contactPhone ? ctx.crypto.encrypt(input.contactPhone) : null,
      contact_phone_masked: input.contactPhone ? maskPhone(input.contactPhone) : '',
      note: input.note,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await auditAction(trx, ctx, auth, 'employer.create', 'employer', id, ip, `${unit.name} ${employerKindLabels[input.kind]} ${input.name}`);
  });
  return employerDetail(ctx, auth, id);
}

export async function changeEmployer(ctx: AppContext, auth: AuthContext, id: string, input: EmployerUpdate, ip: Ip): Promise<EmployerDto> {
  const e = await requireEmployer(ctx, auth, id);
  if (!pathInScope(auth.scope, e.org_path)) throw forbidden('只有用人单位登记单位及其上级可以修改');
  if (e.version !== input.version) throw conflict(STALE);
  const phone = input.contactPhone === undefined ? {} : { contact_phone_enc: input.contactPhone ? ctx.crypto.encrypt(input.contactPhone) : null, contact_phone_masked: input.contactPhone ? maskPhone(input.contactPhone) : '' };
  await transaction(ctx.db, async (trx) => {
    const n = await updateEmployer(auth.scope, trx, id, input.version, {
      name: input.name,
      kind: input.kind,
      credit_code: input.creditCode,
      veteran_founded: input.veteranFounded ? 1 : 0,
      address: input.address,
      contact_name: input.contactName,
      note: input.note,
      ...phone,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (n !== 1) throw conflict(STALE);
    await auditAction(trx, ctx, auth, 'employer.update', 'employer', id, ip, `${e.org_unit_name} ${input.name}${input.contactPhone === undefined ? '' : '（联系电话已改）'}`);
  });
  return employerDetail(ctx, auth, id);
}

export async function revealEmployerPhone(ctx: AppContext, auth: AuthContext, id: string, ip: Ip): Promise<string | null> {
  const e = await requireEmployer(ctx, auth, id);
  const phone = e.contact_phone_enc ? ctx.crypto.decrypt(e.contact_phone_enc) : null;
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, 'employer.reveal', 'employer', id, ip, `${e.name} 联系电话`));
  return phone;
}

// ---- openings ----

async function toOpeningDtos(ctx: AppContext, auth: AuthContext, rows: OpeningRow[]): Promise<OpeningDto[]> {
  const t = today(ctx);
  const mine = rows.filter((o) => pathInScope(auth.scope, o.org_path)).map((o) => o.id);
  const shares = await sharesOf(ctx.db, mine);
  const write = hasPermission(auth.roles, 'employment:write');
  return rows.map((o) => ({
    id: o.id,
    version: o.version,
    orgUnitId: o.org_unit_id,
    orgUnitName: o.org_unit_name,
    employerId: o.employer_id,
    employerName: o.employer_name,
    employerVeteranFounded: Number(o.employer_veteran_founded) === 1,
    position: o.position,
    skills: codesOf(skillCodes, Number(o.skills_mask)),
    industry: o.industry as IndustryCode,
    placeUnitId: o.place_unit_id,
    placeName: o.place_name,
    workTime: o.work_time as 'full' | 'part',
    payMin: Number(o.pay_min),
    payMax: Number(o.pay_max),
    headcount: Number(o.headcount),
    validFrom: o.valid_from,
    validTo: o.valid_to,
    open: o.valid_from <= t && o.valid_to >= t,
    veteransPreferred: Number(o.veterans_preferred) === 1,
    description: o.description,
    sharedWith: shares.filter((s) => s.opening_id === o.id).map((s) => ({ id: s.org_unit_id, name: s.name })),
    canEdit: write && pathInScope(auth.scope, o.org_path),
  }));
}

async function requireOpening(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<OpeningRow> {
  const o = await getOpening(auth.scope, db, id);
  if (!o) throw notFound('岗位');
  return o;
}

export async function openingDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<OpeningDto> {
  const [dto] = await toOpeningDtos(ctx, auth, [await requireOpening(ctx, auth, id)]);
  return dto;
}

export async function searchOpenings(ctx: AppContext, auth: AuthContext, q: OpeningListQuery) {
  const unitPath = q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined;
  const r = await listOpenings(auth.scope, ctx.db, { unitPath, employerId: q.employerId, industry: q.industry, open: q.open === undefined ? undefined : q.open === '1', position: q.position, today: today(ctx), page: q.page, pageSize: q.pageSize });
  return { ...r, items: await toOpeningDtos(ctx, auth, r.items), page: q.page, pageSize: q.pageSize };
}

/** The employer must be one the caller sees; the place any active unit (the work may be elsewhere). */
async function checkOpeningRefs(ctx: AppContext, auth: AuthContext, input: { employerId: string; placeUnitId: string }) {
  await requireEmployer(ctx, auth, input.employerId).catch(() => {
    throw badRequest('用人单位不存在或不在管辖范围内', [{ path: 'employerId', message: '用人单位不存在' }]);
  });
  const [place] = await unitsByIdUnscoped(ctx.db, [input.placeUnitId]);
  if (!place) throw badRequest('工作地点单位不存在', [{ path: 'placeUnitId', message: '单位不存在' }]);
}

export async function createOpening(ctx: AppContext, auth: AuthContext, input: OpeningCreate, ip: Ip): Promise<OpeningDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  await checkOpeningRefs(ctx, auth, input);
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const place = await unitForWriteUnscoped(trx, ctx.dialect, input.placeUnitId);
    await insertOpening(auth.scope, trx, {
      id,
      ...placedAt(stored),
      ...openingColumns(input, place),
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await auditAction(trx, ctx, auth, 'job-opening.create', 'job-opening', id, ip, `${unit.name} ${input.position}（${input.headcount} 人，${input.payMin}–${input.payMax} 元/月）`);
  });
  return openingDetail(ctx, auth, id);
}

/** The columns an opening's form writes, on create and on change alike. */
function openingColumns(input: Omit<OpeningUpdate, 'version'>, place: Awaited<ReturnType<typeof unitForWriteUnscoped>>) {
  return {
    employer_id: input.employerId,
    position: input.position,
    skills_mask: skillMask(input.skills),
    industry: input.industry,
    place_unit_id: place.id,
    place_path: place.path,
    work_time: input.workTime,
    pay_min: input.payMin,
    pay_max: input.payMax,
    headcount: input.headcount,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    veterans_preferred: input.veteransPreferred ? 1 : 0,
    description: input.description,
  };
}

export async function changeOpening(ctx: AppContext, auth: AuthContext, id: string, input: OpeningUpdate, ip: Ip): Promise<OpeningDto> {
  const o = await requireOpening(ctx, auth, id);
  if (!pathInScope(auth.scope, o.org_path)) throw forbidden('只有发布岗位的单位及其上级可以修改');
  if (o.version !== input.version) throw conflict(STALE);
  await checkOpeningRefs(ctx, auth, input);
  await transaction(ctx.db, async (trx) => {
    const place = await unitForWriteUnscoped(trx, ctx.dialect, input.placeUnitId);
    const n = await updateOpening(auth.scope, trx, id, input.version, {
      ...openingColumns(input, place),
      updated_at: ctx.clock.now().toISOString(),
    });
    if (n !== 1) throw conflict(STALE);
    await auditAction(trx, ctx, auth, 'job-opening.update', 'job-opening', id, ip, `${o.org_unit_name} ${input.position}`);
  });
  return openingDetail(ctx, auth, id);
}

/** Shares the opening with a county or city outside the owner's line (the owner's side only). */
export async function shareOpening(ctx: AppContext, auth: AuthContext, id: string, unitId: string, ip: Ip): Promise<OpeningDto> {
  const o = await requireOpening(ctx, auth, id);
  if (!pathInScope(auth.scope, o.org_path)) throw forbidden('只有发布岗位的单位及其上级可以共享岗位');
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWriteUnscoped(trx, ctx.dialect, unitId).catch(() => {
      throw badRequest('共享单位不存在', [{ path: 'orgUnitId', message: '单位不存在' }]);
    });
    const [row] = await unitsByIdUnscoped(trx, [unit.id]);
    if (!row || !['city', 'county'].includes(row.level)) throw badRequest('岗位只能共享给县（市、区）或市级单位', [{ path: 'orgUnitId', message: '须为县级或市级单位' }]);
    if (pathIsWithin(unit.path, o.org_path) || pathIsWithin(o.org_path, unit.path)) throw badRequest('该单位已能看到此岗位，无需共享', [{ path: 'orgUnitId', message: '已可见' }]);
    const added = await insertShare(auth.scope, trx, o, unit, auth.userId, ctx.clock.now().toISOString(), newId());
    if (!added) throw conflict('已共享给该单位');
    await auditAction(trx, ctx, auth, 'job-opening.share', 'job-opening', id, ip, `${o.position} 共享给 ${unit.name}`);
  });
  return openingDetail(ctx, auth, id);
}

// ---- matching ----

export async function openingForRule(ctx: AppContext, o: OpeningRow): Promise<Opening> {
  const [county, city] = await Promise.all([ancestorAtLevelUnscoped(ctx.db, o.place_path, 'county'), ancestorAtLevelUnscoped(ctx.db, o.place_path, 'city')]);
  return {
    skills: Number(o.skills_mask),
    industry: industryMask([o.industry]),
    workTime: o.work_time as 'full' | 'part',
    placePath: o.place_path,
    placeName: o.place_name,
    placeCountyPath: county?.path ?? null,
    placeCityPath: city?.path ?? null,
    payMin: Number(o.pay_min),
    payMax: Number(o.pay_max),
  };
}

export async function placePathsOf(ctx: AppContext, rows: { place_unit_ids: string | null }[]): Promise<Map<string, string>> {
  const ids = rows.flatMap((r) => (r.place_unit_ids && r.place_unit_ids !== '[]' ? (JSON.parse(r.place_unit_ids) as string[]) : []));
  return new Map((await unitsByIdUnscoped(ctx.db, ids)).map((u) => [u.id, u.path]));
}

export function seekerOf(r: { org_path: string; skills_mask: number | null; industries_mask: number | null; work_time: string | null; place_unit_ids: string | null; pay_min: number | null }, paths: Map<string, string>): Seeker {
  const ids = r.place_unit_ids && r.place_unit_ids !== '[]' ? (JSON.parse(r.place_unit_ids) as string[]) : [];
  return {
    skills: Number(r.skills_mask ?? 0),
    industries: Number(r.industries_mask ?? 0),
    workTime: (r.work_time as WorkTime | null) ?? 'any',
    homePath: r.org_path,
    placePaths: ids.map((id) => paths.get(id)).filter((p): p is string => !!p),
    payMin: r.pay_min === null ? null : Number(r.pay_min),
  };
}

/** The seekers of the caller's range ranked for an opening (a page, with reasons). */
export async function matchesForOpening(ctx: AppContext, auth: AuthContext, id: string, q: { page: number; pageSize: number; minScore: number }) {
  const o = await requireOpening(ctx, auth, id);
  const rule = await openingForRule(ctx, o);
  const rows = await seekersOf(auth.scope, ctx.db);
  const paths = await placePathsOf(ctx, rows);
  const seekers = rows.map((r) => ({ r, s: seekerOf(r, paths) }));
  const { total, ranked } = rankPage(seekers, (x) => matchScore(x.s, rule), (x) => x.r.id, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize, minScore: q.minScore });
  const ids = ranked.map((x) => x.item.r.id);
  const recs = new Map((await activeRecommendationsOf(auth.scope, ctx.db, { openingId: o.id, recipientIds: ids })).map((x) => [x.recipient_id, x.id]));
  const units = new Map((await unitsByIdUnscoped(ctx.db, ranked.map((x) => x.item.r.org_unit_id))).map((u) => [u.id, u.name]));
  return {
    items: ranked.map(({ item: { r, s }, score }) => ({
      recipientId: r.id,
      recipientName: r.name,
      orgUnitName: units.get(r.org_unit_id) ?? '',
      status: (r.employment_status as EmploymentStatus | null) ?? null,
      score,
      reasons: matchReasons(s, rule),
      recommendationId: recs.get(r.id) ?? null,
    })),
    total,
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const OPENINGS_FOR_SEEKER_MAX = 5000;

/** The open openings visible to the person (and the caller), ranked for them. */
export async function matchesForSeeker(ctx: AppContext, auth: AuthContext, recipientId: string, q: { page: number; pageSize: number; minScore: number }) {
  const p = await requireProfile(ctx, auth, recipientId);
  const seeker = seekerOf(p, await placePathsOf(ctx, [p]));
  const rows = await openOpeningsFor(auth.scope, ctx.db, p.org_path, today(ctx), OPENINGS_FOR_SEEKER_MAX);
  const rules = await Promise.all(rows.map(async (o) => ({ o, rule: await openingForRule(ctx, o) })));
  const { total, ranked } = rankPage(rules, (x) => matchScore(seeker, x.rule), (x) => x.o.id, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize, minScore: q.minScore });
  const dtos = await toOpeningDtos(ctx, auth, ranked.map((x) => x.item.o));
  const recs = new Map((await activeRecommendationsOf(auth.scope, ctx.db, { recipientIds: [recipientId] })).map((x) => [x.opening_id, x.id]));
  return {
    items: ranked.map((x, i) => ({ opening: dtos[i], score: x.score, reasons: matchReasons(seeker, x.item.rule), recommendationId: recs.get(x.item.o.id) ?? null })),
    total,
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---- recommendations ----

const actionsFrom: Record<RecommendationStatus, RecommendationDto['actions']> = { recommended: ['interview', 'hire', 'decline'], interviewed: ['hire', 'decline'], hired: [], declined: [] };

function toRecommendationDto(auth: AuthContext, r: RecommendationRow): RecommendationDto {
  const status = r.status as RecommendationStatus;
  return {
    id: r.id,
    version: r.version,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    orgUnitName: r.org_unit_name,
    openingId: r.opening_id,
    position: r.position,
    employerName: r.employer_name,
    score: Number(r.score),
    reasons: r.reasons ? (JSON.parse(r.reasons) as string[]) : [],
    recommendedOn: r.recommended_on,
    status,
    outcomeOn: r.outcome_on,
    declineReason: (r.decline_reason as DeclineReason | null) ?? null,
    declineNote: r.status === 'declined' ? ((JSON.parse(r.case_payload) as { declineNote?: string }).declineNote ?? '') : '',
    actions: hasPermission(auth.roles, 'employment:write') ? actionsFrom[status] : [],
  };
}

export async function recommendationDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<RecommendationDto> {
  const r = await getRecommendation(auth.scope, ctx.db, id);
  if (!r) throw notFound('推荐记录');
  return toRecommendationDto(auth, r);
}

export async function searchRecommendations(ctx: AppContext, auth: AuthContext, q: RecommendationListQuery) {
  const r = await listRecommendations(auth.scope, ctx.db, q);
  return { ...r, items: r.items.map((x) => toRecommendationDto(auth, x)), page: q.page, pageSize: q.pageSize };
}

/** Records that a person of the range was put forward for a visible open opening (a kernel case at the person's unit). */
export async function recommend(ctx: AppContext, auth: AuthContext, input: RecommendationCreate, ip: Ip): Promise<RecommendationDto> {
  const o = await requireOpening(ctx, auth, input.openingId);
  const p = await requireProfile(ctx, auth, input.recipientId);
  const t = today(ctx);
  if (!(o.valid_from <= t && o.valid_to >= t)) throw new AppError(409, 'OPENING_CLOSED', '该岗位不在有效期内，不能推荐');
  const visibleToPerson = (await openOpeningsFor(auth.scope, ctx.db, p.org_path, t, OPENINGS_FOR_SEEKER_MAX)).some((x) => x.id === o.id);
  if (!visibleToPerson) throw badRequest('该岗位不面向此人员所在地区', [{ path: 'openingId', message: '岗位对该人员不可见' }]);
  const rule = await openingForRule(ctx, o);
  const seeker = seekerOf(p, await placePathsOf(ctx, [p]));
  const score = matchScore(seeker, rule);
  const reasons = matchReasons(seeker, rule);
  const at = ctx.clock.now().toISOString();
  const payload: RecommendationPayload = recommendationPayload.parse({ recipientId: p.recipient_id, openingId: o.id, recommendedOn: t });
  const id = await transaction(ctx.db, async (trx) => {
    if ((await activeRecommendationsOf(auth.scope, trx, { openingId: o.id, recipientIds: [p.recipient_id] })).length) throw conflict('已推荐此人员到该岗位');
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, p.org_unit_id);
    const caseId = await openCase(trx, ctx, auth, {
      type: JOB_RECOMMENDATION_CASE_TYPE,
      owner: stored,
      subject: { type: 'recipient', id: p.recipient_id },
      title: `就业推荐：${p.recipient_name}——${o.employer_name} ${o.position}`,
      payload,
      status: 'recommended',
      action: 'open',
      comment: input.note,
      data: { openingId: o.id, position: o.position, employer: o.employer_name, score },
      record: (rowId) =>
        insertRecommendation(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          opening_id: o.id,
          recipient_id: p.recipient_id,
          score,
          reasons: JSON.stringify(reasons),
          recommended_on: t,
          status: 'recommended',
          outcome_on: null,
          decline_reason: null,
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await auditAction(trx, ctx, auth, 'job-recommendation.create', 'job-recommendation', caseId, ip, `${p.recipient_name} → ${o.employer_name} ${o.position}（匹配度 ${score}）`);
    return caseId;
  });
  return recommendationDetail(ctx, auth, id);
}

export async function runRecommendationAction(ctx: AppContext, auth: AuthContext, id: string, body: RecommendationActionBody, ip: Ip): Promise<RecommendationDto> {
  const r = await recommendationDetail(ctx, auth, id);
  if (r.status === 'hired' || r.status === 'declined') throw new AppError(409, 'CLOSED', '该推荐已有结果，不能再登记');
  if (body.version !== r.version) throw conflict(STALE);
  const { action, comment, version, ...data } = body;
  await performAction(ctx, auth, id, { action, comment, version, data }, ip);
  return recommendationDetail(ctx, auth, id);
}

// ---- figures ----

/** The employment rate of each unit below (or the unit itself when it has none) and the period's recommendations and hires. */
export async function employmentFigures(ctx: AppContext, auth: AuthContext, q: { orgUnitId?: string; from: string; to: string }): Promise<EmploymentFigures> {
  if (q.from > q.to) throw badRequest('结束日期不能早于开始日期', [{ path: 'to', message: '不能早于开始日期' }]);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const children = await childUnitsOf(auth.scope, ctx.db, unit.id);
  const list = children.length ? children : [{ id: unit.id, name: unit.name, path: unit.path }];
  const counts = await employmentByUnit(auth.scope, ctx.db, list);
  const recs = await recommendationFigures(auth.scope, ctx.db, unit.path, q.from, q.to);
  const cohorts = (await employmentByCohort(auth.scope, ctx.db, unit.path)).sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999));
  const declined = new Map((await declinedByReason(auth.scope, ctx.db, unit.path, q.from, q.to)).map((r) => [r.decline_reason ?? 'other', Number(r.n ?? 0)]));
  const rate = (c: { people: number; employed: number }) => (c.people ? Math.round((1000 * c.employed) / c.people) / 10 : 0);
  return {
    from: q.from,
    to: q.to,
    units: list.map((u, i) => ({ id: u.id, name: u.name, people: counts[i].people, employed: counts[i].employed, rate: rate(counts[i]) })),
    cohorts: cohorts.map((c) => ({ ...c, rate: rate(c) })),
    ...recs,
    declined: [...declined.values()].reduce((a, b) => a + b, 0),
    declinedByReason: declineReasons.map((reason) => ({ reason, n: declined.get(reason) ?? 0 })),
    ...(await interestFigures(auth.scope, ctx.db, unit.path, q.from, q.to)),
  };
}

// ---- interests 我有意向 (said by the veteran on the public side) ----

export function toInterestDto(r: InterestRow): InterestDto {
  return { id: r.id, recipientId: r.recipient_id, recipientName: r.recipient_name, orgUnitName: r.org_unit_name, openingId: r.opening_id, position: r.position, employerName: r.employer_name, on: r.interested_on, recommendationId: r.recommendation_id };
}

/** The interests of the people of the range: an opening's (its page) or those not yet recommended. */
export async function searchInterests(ctx: AppContext, auth: AuthContext, q: InterestListQuery) {
  if (q.openingId) await requireOpening(ctx, auth, q.openingId);
  const r = await listInterests(auth.scope, ctx.db, { openingId: q.openingId, pending: q.pending === '1', today: today(ctx), page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map(toInterestDto), page: q.page, pageSize: q.pageSize };
}
