// Ventures 创业项目 (Part 4 四(五), §22), the founders' network 创业导师 (Part 4 五(三)) and
// zero-employment households 零就业家庭 (§23).
// - A venture is a plain record of the unit that keeps it: founders (registry people of the range),
//   sector (the controlled industry list of shared/rules/job-matching.ts), stage, jobs; the support
//   given 扶持 (amount, day, giver) and mentoring pairs follow it. A venture may name the employment
//   module's employer it is (through employment's face): its 退役军人创办 mark is then the employer's.
// - Zero-employment households are FOUND from the registry's data (shared/rules/zero-employment.ts
//   over each household's registered people and their family members), CONFIRMED by a worker (a
//   kernel case, ventures.cases.ts, owned by the household's unit and a named worker), helped with
//   measures until 上岗再就业. The monthly count comes from the cases' confirmed and closed days.
import { hasPermission } from '../../../shared/permissions';
import { employmentStatuses } from '../../../shared/schemas/recipients';
import { zeroEmploymentVerdict, isWorkingAge, type HouseholdMember, type WorkingAge } from '../../../shared/rules/zero-employment';
import {
  ZERO_EMPLOYMENT_CASE_TYPE,
  ventureStageLabels,
  ventureSupportKindLabels,
  type VentureCreate,
  type VentureDetail,
  type VentureDto,
  type VentureLedgerQuery,
  type VentureListQuery,
  type VentureMentorCreate,
  type VentureMentorDto,
  type VentureMentorshipCreate,
  type VentureSupportCreate,
  type VentureUpdate,
  type ZeroEmploymentCandidate,
  type ZeroEmploymentConfirm,
  type ZeroEmploymentDetail,
  type ZeroEmploymentDto,
  type ZeroEmploymentFigures,
  type ZeroEmploymentLedgerQuery,
  type ZeroEmploymentMeasure,
  type ZeroEmploymentReassign,
  type ZeroEmploymentReemploy,
  type ZeroEmploymentRevoke,
  type ZeroEmploymentStatus,
} from '../../../shared/schemas/ventures';
import type { IndustryCode } from '../../../shared/rules/job-matching';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { today } from '../../platform/clock';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathIsWithin } from '../../platform/jurisdiction';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { openCase, performActionOfType, readCaseLog } from '../../cases/cases.service';
import { employerForLink } from '../employment';
import type { ZeroEmploymentPayload } from './ventures.cases';
import { workingAgeOf } from './ventures.settings';
import {
  assigneesOf,
  candidatePeople,
  childUnitsOf,
  foundersOf,
  getVenture,
  getZero,
  householdOf,
  householdsWithEmployedUnscoped,
  insertMentor,
  insertMentorship,
  insertSupport,
  insertVenture,
  insertZero,
  listMentors,
  listVentures,
  listZero,
  mentorOfRecipientUnscoped,
  mentorVisibleTo,
  mentorshipExists,
  mentorshipsOf,
  peopleInScope,
  supportsOf,
  touchVenture,
  updateVenture,
  writeFounders,
  zeroCasesOfUnscoped,
  zeroSpans,
  type MentorRow,
  type PersonFacts,
  type VentureFilter,
  type VentureRow,
  type ZeroFilter,
  type ZeroRow,
} from './ventures.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

export async function auditVenturesExport(ctx: AppContext, auth: AuthContext, action: 'venture.export' | 'zero-employment.export', ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, action, action === 'venture.export' ? 'venture' : 'zero-employment', null, ip, detail));
}

const mayWrite = (auth: AuthContext) => hasPermission(auth.roles, 'employment:write');
const fen = (yuan: number) => Math.round(yuan * 100);
const yuanOf = (f: number | string) => Number(f) / 100;

// ---- ventures 创业项目 ----

export function toVentureDto(auth: AuthContext, v: VentureRow, founders: { id: string; name: string }[]): VentureDto {
  return {
    id: v.id,
    version: v.version,
    orgUnitId: v.org_unit_id,
    orgUnitName: v.org_unit_name,
    name: v.name,
    sector: v.sector as IndustryCode,
    place: v.place,
    stage: v.stage as VentureDto['stage'],
    startedOn: v.started_on,
    founders,
    jobsCreated: v.jobs_created,
    veteransEmployed: v.veterans_employed,
    employerId: v.employer_id,
    employerName: v.employer_name,
    veteranFounded: v.employer_id ? v.employer_veteran_founded === 1 : v.veteran_founded === 1,
    note: v.note,
    supportCount: Number(v.support_count),
    supportTotal: yuanOf(v.support_fen),
    canEdit: mayWrite(auth),
    updatedAt: v.updated_at,
  };
}

export async function foundersByVenture(ctx: AppContext, ids: readonly string[]) {
  const m = new Map<string, { id: string; name: string }[]>();
  for (const f of await foundersOf(ctx.db, ids)) {
    const list = m.get(f.venture_id) ?? [];
    list.push({ id: f.id, name: f.name });
    m.set(f.venture_id, list);
  }
  return m;
}

export async function ventureFilter(ctx: AppContext, auth: AuthContext, q: VentureLedgerQuery): Promise<VentureFilter> {
  return { unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined, stage: q.stage, sector: q.sector, veteranFounded: q.veteranFounded === '1', name: q.name || undefined };
}

export async function searchVentures(ctx: AppContext, auth: AuthContext, q: VentureListQuery) {
  const f = await ventureFilter(ctx, auth, q);
  const r = await listVentures(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  const founders = await foundersByVenture(ctx, r.items.map((v) => v.id));
  return { ...r, items: r.items.map((v) => toVentureDto(auth, v, founders.get(v.id) ?? [])), page: q.page, pageSize: q.pageSize };
}

async function requireVenture(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<VentureRow> {
  const v = await getVenture(auth.scope, db, id);
  if (!v) throw notFound('创业项目');
  return v;
}

export async function ventureDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<VentureDetail> {
  const v = await requireVenture(ctx, auth, id);
  const founders = await foundersByVenture(ctx, [id]);
  const supports = await supportsOf(ctx.db, [id]);
  const pairs = await mentorshipsOf(ctx.db, id);
  return {
    ...toVentureDto(auth, v, founders.get(id) ?? []),
    supports: supports.map((s) => ({ id: s.id, kind: s.kind as VentureDetail['supports'][number]['kind'], amount: yuanOf(s.amount_fen), givenOn: s.given_on, giver: s.giver, note: s.note, createdAt: s.created_at })),
    mentorships: pairs.map((p) => ({ id: p.id, mentorId: p.mentor_id, mentorName: p.mentor_name, ventureId: p.venture_id, ventureName: p.venture_name, fromOn: p.from_on, note: p.note })),
  };
}

/** Checks a venture's facts: founders of the range, a start day not in the future, the employer the caller sees. */
async function checkVenture(ctx: AppContext, auth: AuthContext, input: VentureCreate | VentureUpdate) {
  const ids = [...new Set(input.founderIds)];
  if (ids.length !== input.founderIds.length) throw badRequest('创办人重复', [{ path: 'founderIds', message: '创办人重复' }]);
  const found = await peopleInScope(auth.scope, ctx.db, ids);
  if (found.length !== ids.length) throw badRequest('创办人须是本辖区已入库的服务对象', [{ path: 'founderIds', message: '有创办人不在本辖区或未入库' }]);
  if (input.startedOn && input.startedOn > today(ctx)) throw badRequest('创办日期不能晚于今天', [{ path: 'startedOn', message: '不能晚于今天' }]);
  let employerName: string | null = null;
  if (input.employerId) {
    const e = await employerForLink(auth.scope, ctx.db, input.employerId);
    if (!e) throw badRequest('所选用人单位不存在或不可见', [{ path: 'employerId', message: '不可选的用人单位' }]);
    employerName = e.name;
  }
  return { founderNames: found.map((f) => f.name), employerName };
}

export async function createVenture(ctx: AppContext, auth: AuthContext, input: VentureCreate, ip: Ip): Promise<VentureDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const { founderNames } = await checkVenture(ctx, auth, input);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertVenture(auth.scope, trx, {
      id,
      ...placedAt(stored),
      name: input.name,
      sector: input.sector,
      place: input.place,
      stage: input.stage,
      started_on: input.startedOn,
      jobs_created: input.jobsCreated,
      veterans_employed: input.veteransEmployed,
      employer_id: input.employerId,
      veteran_founded: input.veteranFounded ? 1 : 0,
      note: input.note,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await writeFounders(trx, id, input.founderIds);
    await auditAction(trx, ctx, auth, 'venture.create', 'venture', id, ip, `${unit.name} ${input.name}（${founderNames.join('、')}）${ventureStageLabels[input.stage]}`);
  });
  return ventureDetail(ctx, auth, id);
}

const STALE_VENTURE = '该创业项目已被他人修改，请刷新后再操作（您的修改未保存）';

export async function changeVenture(ctx: AppContext, auth: AuthContext, id: string, input: VentureUpdate, ip: Ip): Promise<VentureDetail> {
  const v = await requireVenture(ctx, auth, id);
  if (v.version !== input.version) throw conflict(STALE_VENTURE);
  const { founderNames } = await checkVenture(ctx, auth, input);
  await transaction(ctx.db, async (trx) => {
    const done = await updateVenture(auth.scope, trx, id, input.version, {
      name: input.name,
      sector: input.sector,
      place: input.place,
      stage: input.stage,
      started_on: input.startedOn,
      jobs_created: input.jobsCreated,
      veterans_employed: input.veteransEmployed,
      employer_id: input.employerId,
      veteran_founded: input.veteranFounded ? 1 : 0,
      note: input.note,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!done) throw conflict(STALE_VENTURE);
    await writeFounders(trx, id, input.founderIds);
    await auditAction(trx, ctx, auth, 'venture.update', 'venture', id, ip, `${v.org_unit_name} ${input.name}（${founderNames.join('、')}）${ventureStageLabels[input.stage]}`);
  });
  return ventureDetail(ctx, auth, id);
}

export async function addSupport(ctx: AppContext, auth: AuthContext, id: string, input: VentureSupportCreate, ip: Ip): Promise<VentureDetail> {
  const v = await requireVenture(ctx, auth, id);
  if (input.givenOn > today(ctx)) throw badRequest('扶持日期不能晚于今天', [{ path: 'givenOn', message: '不能晚于今天' }]);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    if (!(await touchVenture(auth.scope, trx, id, at))) throw notFound('创业项目');
    const sid = newId();
    await insertSupport(auth.scope, trx, v, { id: sid, venture_id: id, kind: input.kind, amount_fen: fen(input.amount), given_on: input.givenOn, giver: input.giver, note: input.note, created_by: auth.userId, created_at: at });
    await auditAction(trx, ctx, auth, 'venture-support.create', 'venture', id, ip, `${v.name} ${ventureSupportKindLabels[input.kind]} ${input.amount}元 ${input.givenOn} ${input.giver}`);
  });
  return ventureDetail(ctx, auth, id);
}

// ---- mentors 创业导师 ----

export function toMentorDto(m: MentorRow): VentureMentorDto {
  let sectors: IndustryCode[] = [];
  try {
    sectors = JSON.parse(m.sectors) as IndustryCode[];
  } catch {
    sectors = [];
  }
  return { id: m.id, orgUnitId: m.org_unit_id, orgUnitName: m.org_unit_name, recipientId: m.recipient_id, name: m.recipient_name, sectors, enterprise: m.enterprise, expertise: m.expertise, menteeCount: Number(m.mentee_count) };
}

export async function searchMentors(ctx: AppContext, auth: AuthContext, q: { sector?: string }) {
  return { items: (await listMentors(auth.scope, ctx.db, q)).map(toMentorDto) };
}

export async function createMentor(ctx: AppContext, auth: AuthContext, input: VentureMentorCreate, ip: Ip): Promise<VentureMentorDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const [p] = await peopleInScope(auth.scope, ctx.db, [input.recipientId]);
  if (!p) throw badRequest('创业导师须是本辖区已入库的服务对象', [{ path: 'recipientId', message: '不在本辖区或未入库' }]);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    if (await mentorOfRecipientUnscoped(trx, p.id)) throw conflict(`${p.name}已是创业导师`);
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertMentor(auth.scope, trx, { id, ...placedAt(stored), recipient_id: p.id, sectors: JSON.stringify(input.sectors), enterprise: input.enterprise, expertise: input.expertise, created_by: auth.userId, created_at: at });
    await auditAction(trx, ctx, auth, 'venture-mentor.create', 'venture-mentor', id, ip, `${unit.name} ${p.name} ${input.enterprise}`);
  });
  const m = await mentorVisibleTo(auth.scope, ctx.db, id);
  if (!m) throw notFound('创业导师');
  return toMentorDto(m);
}

export async function addMentorship(ctx: AppContext, auth: AuthContext, ventureId: string, input: VentureMentorshipCreate, ip: Ip): Promise<VentureDetail> {
  const v = await requireVenture(ctx, auth, ventureId);
  const m = await mentorVisibleTo(auth.scope, ctx.db, input.mentorId);
  if (!m) throw badRequest('所选创业导师不存在或不可见', [{ path: 'mentorId', message: '不可选的创业导师' }]);
  if (input.fromOn > today(ctx)) throw badRequest('结对日期不能晚于今天', [{ path: 'fromOn', message: '不能晚于今天' }]);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    if (await mentorshipExists(trx, m.id, v.id)) throw conflict(`${m.recipient_name}已与该项目结对`);
    if (!(await touchVenture(auth.scope, trx, v.id, at))) throw notFound('创业项目');
    await insertMentorship(auth.scope, trx, v, { id: newId(), mentor_id: m.id, venture_id: v.id, from_on: input.fromOn, note: input.note, created_by: auth.userId, created_at: at });
    await auditAction(trx, ctx, auth, 'venture-mentorship.create', 'venture', v.id, ip, `${v.name} ← ${m.recipient_name} ${input.fromOn}`);
  });
  return ventureDetail(ctx, auth, v.id);
}

// ---- zero-employment households 零就业家庭 ----

type Member = HouseholdMember & { relation: string };
const statusOf = (s: unknown) => ((employmentStatuses as readonly unknown[]).includes(s) ? (s as HouseholdMember['status']) : null);

/** Everyone of a household the registry knows: its registered people and each one's family members. */
export function membersOf(group: readonly PersonFacts[]): Member[] {
  const out: Member[] = [];
  for (const p of group) {
    out.push({ name: p.name, relation: out.length === 0 ? '本人' : '户内成员', birthYear: p.birth_date ? Number(p.birth_date.slice(0, 4)) : null, status: statusOf(p.employment_status) });
    let fam: { name?: string; relation?: string; birthYear?: number | null; employmentStatus?: string | null }[] = [];
    try {
      fam = JSON.parse(p.family_members) as typeof fam;
    } catch {
      fam = [];
    }
    for (const f of Array.isArray(fam) ? fam : []) out.push({ name: String(f.name ?? ''), relation: String(f.relation ?? ''), birthYear: typeof f.birthYear === 'number' ? f.birthYear : null, status: statusOf(f.employmentStatus) });
  }
  return out;
}

function memberDtos(members: readonly Member[], year: number, age: WorkingAge) {
  return members.map((m) => ({ name: m.name, relation: m.relation, age: m.birthYear === null ? null : year - m.birthYear, workingAge: isWorkingAge(m.birthYear, year, age), status: m.status ?? null }));
}

const bornRange = (year: number, age: WorkingAge) => ({ bornFrom: `${year - age.maxAge}-01-01`, bornTo: `${year - age.minAge}-12-31` });
const addressOf = (p: { current_address: string; household_address: string }) => p.current_address || p.household_address;

/** Households of the range found to have no working-age member employed, not yet confirmed (no open case). */
export async function zeroCandidates(ctx: AppContext, auth: AuthContext, q: { orgUnitId?: string; name?: string; page: number; pageSize: number }) {
  const unit = await requireUnit(ctx, auth, q.orgUnitId ?? auth.unit.id);
  const age = await workingAgeOf(ctx.db);
  const year = Number(today(ctx).slice(0, 4));
  const { bornFrom, bornTo } = bornRange(year, age);
  const rows = await candidatePeople(auth.scope, ctx.db, ctx.dialect, unit.path, bornFrom, bornTo);
  const groups = new Map<string, PersonFacts[]>();
  for (const r of rows) {
    const key = r.household_id ?? r.id;
    const g = groups.get(key) ?? [];
    g.push(r);
    groups.set(key, g);
  }
  const householdIds = rows.flatMap((r) => (r.household_id ? [r.household_id] : []));
  const employed = await householdsWithEmployedUnscoped(ctx.db, [...new Set(householdIds)], bornFrom, bornTo);
  const cases = await zeroCasesOfUnscoped(ctx.db, [...new Set(householdIds)], rows.filter((r) => !r.household_id).map((r) => r.id));
  const found: ZeroEmploymentCandidate[] = [];
  for (const [key, group] of groups) {
    if (employed.has(key)) continue;
    // an open case: already confirmed; a closed one (上岗再就业, 撤销) hides the household until the registry's facts of its people change
    const c = cases.get(key);
    if (c?.open || (c?.closedAt && group.every((p) => p.updated_at <= c.closedAt!))) continue;
    if (q.name && !group.some((p) => p.name.includes(q.name as string))) continue;
    const members = membersOf(group);
    const v = zeroEmploymentVerdict(members, year, age);
    if (!v.zero) continue;
    const head = group[0];
    found.push({
      recipientId: head.id,
      householdId: head.household_id,
      headName: head.name,
      orgUnitId: head.org_unit_id,
      orgUnitName: head.org_unit_name,
      address: addressOf(head),
      members: memberDtos(members, year, age),
      workingAge: v.workingAge,
      unemployed: v.unemployed,
    });
  }
  return { items: found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: found.length, page: q.page, pageSize: q.pageSize };
}

export async function zeroAssignees(ctx: AppContext, auth: AuthContext, orgUnitId: string) {
  const unit = await requireUnit(ctx, auth, orgUnitId);
  return { items: (await assigneesOf(auth.scope, ctx.db, unit.path)).map((u) => ({ id: u.id, name: u.display_name, unitName: u.unit_name })) };
}

export function toZeroDto(r: ZeroRow): ZeroEmploymentDto {
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    recipientId: r.recipient_id,
    householdId: r.household_id,
    headName: r.head_name,
    address: addressOf(r),
    workerUserId: r.worker_user_id,
    workerName: r.worker_name,
    status: r.status as ZeroEmploymentStatus,
    confirmedOn: r.confirmed_on,
    closedOn: r.closed_on,
    reemployedName: r.reemployed_name,
    employerName: r.employer_name,
    measureCount: Number(r.measure_count),
    updatedAt: r.updated_at,
  };
}

export async function zeroFilter(ctx: AppContext, auth: AuthContext, q: ZeroEmploymentLedgerQuery): Promise<ZeroFilter> {
  return { unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined, status: q.status, workerUserId: q.mine === '1' ? auth.userId : undefined };
}

export async function searchZero(ctx: AppContext, auth: AuthContext, q: ZeroEmploymentLedgerQuery & { page: number; pageSize: number }) {
  const f = await zeroFilter(ctx, auth, q);
  const r = await listZero(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map(toZeroDto), page: q.page, pageSize: q.pageSize };
}

async function requireZero(ctx: AppContext, auth: AuthContext, id: string): Promise<ZeroRow> {
  const r = await getZero(auth.scope, ctx.db, id);
  if (!r) throw notFound('零就业家庭');
  return r;
}

export async function zeroDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<ZeroEmploymentDetail> {
  const r = await requireZero(ctx, auth, id);
  const age = await workingAgeOf(ctx.db);
  const year = Number(today(ctx).slice(0, 4));
  const group = await householdOf(auth.scope, ctx.db, r.recipient_id);
  const log = await readCaseLog(auth.scope, ctx.db, id);
  return { ...toZeroDto(r), members: memberDtos(membersOf(group), year, age), log, canEdit: r.status === 'helping' && mayWrite(auth) };
}

/** Confirms a candidate: the household (as the registry has it now) must be zero-employment and have no open case. */
export async function confirmZero(ctx: AppContext, auth: AuthContext, input: ZeroEmploymentConfirm, ip: Ip): Promise<ZeroEmploymentDetail> {
  const age = await workingAgeOf(ctx.db);
  const day = today(ctx);
  const year = Number(day.slice(0, 4));
  const at = ctx.clock.now().toISOString();
  const id = await transaction(ctx.db, async (trx) => {
    const group = await householdOf(auth.scope, trx, input.recipientId);
    if (!group.length) throw notFound('服务对象');
    const head = group[0];
    const { bornFrom, bornTo } = bornRange(year, age);
    const v = zeroEmploymentVerdict(membersOf(group), year, age);
    if (!v.zero || (head.household_id && (await householdsWithEmployedUnscoped(trx, [head.household_id], bornFrom, bornTo)).size)) {
      throw conflict(`按目前登记的就业状况，${head.name}家不是零就业家庭（劳动年龄内须无人就业且至少一人失业），请先核实并更新家庭成员就业状况`);
    }
    const key = head.household_id ?? head.id;
    if ((await zeroCasesOfUnscoped(trx, head.household_id ? [head.household_id] : [], head.household_id ? [] : [head.id])).get(key)?.open) throw conflict(`${head.name}家已确认为零就业家庭，正在帮扶中`);
    const workerUserId = input.workerUserId ?? auth.userId;
    const [w] = await assigneesOf(auth.scope, trx, head.org_path, workerUserId);
    if (!w) throw badRequest('包联人员须是该家庭所在单位或其上级单位的在岗工作人员', [{ path: 'workerUserId', message: '不可选的工作人员' }]);
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, head.org_unit_id);
    const payload: ZeroEmploymentPayload = { recipientId: head.id, householdId: head.household_id, workerUserId, confirmedOn: day, measureCount: 0, closedOn: null, reemployedName: '', employerName: '' };
    const caseId = await openCase(trx, ctx, auth, {
      type: ZERO_EMPLOYMENT_CASE_TYPE,
      owner: stored,
      subject: { type: 'recipient', id: head.id },
      title: `零就业家庭：${head.name}家`,
      payload,
      status: 'helping',
      action: 'open',
      comment: input.note,
      data: { workingAge: v.workingAge, unemployed: v.unemployed, workerName: w.display_name },
      record: (rowId) =>
        insertZero(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          recipient_id: head.id,
          household_id: head.household_id,
          worker_user_id: workerUserId,
          status: 'helping',
          confirmed_on: day,
          closed_on: null,
          reemployed_name: '',
          employer_name: '',
          measure_count: 0,
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await auditAction(trx, ctx, auth, 'zero-employment.confirm', 'zero-employment', caseId, ip, `${head.org_unit_name} ${head.name}家，劳动年龄${v.workingAge}人、失业${v.unemployed}人，包联 ${w.display_name}`);
    return caseId;
  });
  return zeroDetail(ctx, auth, id);
}

/** The zero-employment case's actions a module route runs, and the input field that is the log's comment. */
export const zeroActions = { measure: 'note', reassign: 'note', reemploy: 'note', revoke: 'reason' } as const;
export type ZeroAction = keyof typeof zeroActions;

/** One action of the case: the kernel refuses in the case type's words (closed, stale, not found). */
export async function zeroAct(ctx: AppContext, auth: AuthContext, id: string, action: ZeroAction, input: ZeroEmploymentMeasure | ZeroEmploymentReassign | ZeroEmploymentReemploy | ZeroEmploymentRevoke, ip: Ip): Promise<ZeroEmploymentDetail> {
  const { version, ...data } = input;
  const comment = (data as Record<string, string | undefined>)[zeroActions[action]] ?? '';
  await performActionOfType(ctx, auth, ZERO_EMPLOYMENT_CASE_TYPE, id, { action, comment, version, data }, ip);
  return zeroDetail(ctx, auth, id);
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

/** Flagged households at the end of each of the last `months` months (this month: today), for the unit and each unit below it. */
export async function zeroFigures(ctx: AppContext, auth: AuthContext, q: { orgUnitId?: string; months: number }): Promise<ZeroEmploymentFigures> {
  const unit = await requireUnit(ctx, auth, q.orgUnitId ?? auth.unit.id);
  const day = today(ctx);
  const months: string[] = [];
  let y = Number(day.slice(0, 4));
  let m = Number(day.slice(5, 7));
  for (let i = 0; i < q.months; i++) {
    months.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  const ends = months.map((mo, i) => (i === months.length - 1 ? day : monthEnd(mo)));
  const from = `${months[0]}-01`;
  const children = await childUnitsOf(auth.scope, ctx.db, unit.id);
  const rows = [{ orgUnitId: unit.id, orgUnitName: `${unit.name}（本级）`, path: unit.path, counts: ends.map(() => 0) }, ...children.map((c) => ({ orgUnitId: c.id, orgUnitName: c.name, path: c.path, counts: ends.map(() => 0) }))];
  let reemployedInPeriod = 0;
  for (const s of await zeroSpans(auth.scope, ctx.db, unit.path, from, day)) {
    const row = rows.slice(1).find((r) => pathIsWithin(s.org_path, r.path)) ?? rows[0];
    ends.forEach((end, i) => {
      if (s.confirmed_on <= end && (s.closed_on === null || s.closed_on > end)) row.counts[i]++;
    });
    if (s.status === 'reemployed' && s.closed_on && s.closed_on >= from && s.closed_on <= day) reemployedInPeriod++;
  }
  const total = ends.map((_, i) => rows.reduce((n, r) => n + r.counts[i], 0));
  return { orgUnitId: unit.id, months, rows: rows.map(({ path: _p, ...r }) => r), total, reemployedInPeriod };
}
