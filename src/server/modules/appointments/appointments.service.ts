// Appointments 预约办理 (§44): a unit's weekly schedule and closures (kept by its head or a
// reviewer in range), the open slots by the legal calendar, online bookings by public accounts
// for an item of the unit's catalog (per-person limits against hoarding), and the staff's day list
// with confirm / complete / no-show. Every booking is a case of the kernel (appointments.cases.ts).
import { today } from '../../platform/clock';
import {
  APPOINTMENT_CASE_TYPE,
  appointmentSettingsSchema,
  appointmentStatusLabels,
  defaultAppointmentSettings,
  type AppointmentDto,
  type AppointmentListQuery,
  type AppointmentSettings,
  type AppointmentStatsDto,
  type AppointmentStatus,
  type ClosureBody,
  type ClosureDto,
  type DayDto,
  type PublicAppointmentDto,
  type PublicBookBody,
  type ScheduleBody,
  type ScheduleDto,
  type SlotsDto,
} from '../../../shared/schemas/appointments';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { closedReason, daysFrom, isoWeekday, slotsOfDay, type Schedule } from '../../../shared/rules/appointment-slots';
import { shiftDay } from '../../../shared/rules/calendar';
import { maskPhone } from '../../../shared/rules/phone';
import { openCase, performActionIn } from '../../cases/cases.service';
import { holidayTable } from '../../cases/deadlines';
import { transaction, type Tx } from '../../db/transaction';
import type { AppointmentClosureTable, AppointmentScheduleTable } from '../../db/types';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { isUnitHead, mayReview } from '../../platform/roles';
import { readSettingUnscoped, writeSettingUnscoped } from '../../platform/settings.repo';
import { placedAt, unitForWrite, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { labelUnitNamesUnscoped } from '../../platform/unit-labels.repo';
import { accountForUse, type PublicAuthContext } from '../public-accounts';
import { appointmentTransitions, publicActorId, type AppointmentPayload } from './appointments.cases';
import { bookableItems, itemForBooking } from './appointments.catalog';
import {
  bookedCountsUnscoped,
  bookingsOfAccountUnscoped,
  closuresOf,
  closuresOfUnscoped,
  countsByUnit,
  countsOwnUnit,
  dayList,
  deleteClosure,
  getAppointment,
  getAppointmentOfAccountUnscoped,
  getClosure,
  insertAppointment,
  insertClosure,
  insertSchedule,
  linkApplication,
  listAppointments,
  lockScheduleUnscoped,
  openBookingsOfAccountUnscoped,
  publicUnitUnscoped,
  recipientByIdHash,
  scheduleOf,
  scheduleOfUnscoped,
  unitAndChildren,
  unitInScope,
  updateSchedule,
  type AppointmentFilter,
  type AppointmentRow,
} from './appointments.repo';

type Ip = string | null;


async function audit(trx: Tx, ctx: AppContext, who: { userId: string | null; username: string | null }, orgUnitId: string | null, action: AuditAction, targetId: string | null, ip: Ip, detail?: string) {
  await appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: who.userId, username: who.username, orgUnitId, action, targetType: 'appointment', targetId, result: 'success', ip, detail: detail ?? null });
}

// ---- settings (per-person limits) ----

export const APPOINTMENT_SETTINGS_KEY = 'appointment_settings';

export async function readAppointmentSettings(db: Tx): Promise<AppointmentSettings> {
  const stored = await readSettingUnscoped(db, APPOINTMENT_SETTINGS_KEY);
  const parsed = appointmentSettingsSchema.safeParse({ ...defaultAppointmentSettings, ...(stored && typeof stored === 'object' ? stored : {}) });
  return parsed.success ? parsed.data : defaultAppointmentSettings;
}

const SETTING_LEVELS = ['province', 'city', 'county'];

export async function saveAppointmentSettings(ctx: AppContext, auth: AuthContext, s: AppointmentSettings, ip: Ip): Promise<AppointmentSettings> {
  if (!SETTING_LEVELS.includes(auth.unit.level) || !mayReview(auth, 'services')) throw forbidden('预约限制由县级及以上服务中心的审核人员修改');
  await transaction(ctx.db, async (trx) => {
    const before = await readAppointmentSettings(trx);
    await writeSettingUnscoped(trx, APPOINTMENT_SETTINGS_KEY, s, ctx.clock.now().toISOString(), auth.userId);
    await audit(trx, ctx, auth, auth.unit.id, 'appointment-settings.update', APPOINTMENT_SETTINGS_KEY, ip, JSON.stringify({ before, after: s }));
  });
  return s;
}

// ---- schedules and closures ----

type ScheduleRowLike = Pick<AppointmentScheduleTable, 'slot_minutes' | 'capacity' | 'ranges'>;
function scheduleOfRow(r: ScheduleRowLike): Schedule {
  return { slotMinutes: r.slot_minutes, capacity: r.capacity, ranges: JSON.parse(r.ranges) as Schedule['ranges'] };
}

/** Who may change a unit's schedule and closures: a unit head, or a reviewer of the services domain (in range). */
export function mayEditSchedule(auth: AuthContext): boolean {
  return isUnitHead(auth) || mayReview(auth, 'services');
}

async function requireUnit(ctx: AppContext, auth: AuthContext, unitId: string | undefined, db: Tx = ctx.db) {
  const u = await unitInScope(auth.scope, db, unitId ?? auth.unit.id);
  if (!u) throw notFound('单位');
  return u;
}

export async function readSchedule(ctx: AppContext, auth: AuthContext, unitId: string | undefined): Promise<ScheduleDto> {
  const u = await requireUnit(ctx, auth, unitId);
  const s = await scheduleOf(auth.scope, ctx.db, u.id);
  const sc = s ? scheduleOfRow(s) : { slotMinutes: 30, capacity: 1, ranges: [] };
  return { orgUnitId: u.id, orgUnitName: u.name, officeHours: u.office_hours, ...sc, ranges: [...sc.ranges], version: s?.version ?? 0, updatedAt: s?.updated_at ?? null, canEdit: mayEditSchedule(auth) };
}

export async function saveSchedule(ctx: AppContext, auth: AuthContext, unitId: string, body: ScheduleBody, ip: Ip): Promise<ScheduleDto> {
  if (!mayEditSchedule(auth)) throw forbidden('预约时段由单位负责人或审核人员设置');
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, unitId);
    const at = ctx.clock.now().toISOString();
    const ranges = JSON.stringify([...body.ranges].sort((a, b) => a.weekday - b.weekday || (a.start < b.start ? -1 : 1)));
    const existing = await scheduleOf(auth.scope, trx, unit.id);
    if (!existing) {
      if (body.version !== 0) throw conflict('预约时段已被他人修改，请刷新后再保存');
      await insertSchedule(auth.scope, trx, { ...placedAt(unit), slot_minutes: body.slotMinutes, capacity: body.capacity, ranges, version: 1, updated_by: auth.userId, updated_at: at });
    } else {
      const n = await updateSchedule(auth.scope, trx, unit.id, body.version, { slot_minutes: body.slotMinutes, capacity: body.capacity, ranges, updated_by: auth.userId, updated_at: at });
      if (n !== 1) throw conflict('预约时段已被他人修改，请刷新后再保存');
    }
    await audit(trx, ctx, auth, unit.id, 'appointment-schedule.update', unit.id, ip, `每段 ${body.slotMinutes} 分钟，每段 ${body.capacity} 人，${body.ranges.length} 个时间段`);
  });
  return readSchedule(ctx, auth, unitId);
}

function closureDto(c: AppointmentClosureTable): ClosureDto {
  return { id: c.id, orgUnitId: c.org_unit_id, from: c.from_day, to: c.to_day, reason: c.reason, createdAt: c.created_at };
}

export async function listClosures(ctx: AppContext, auth: AuthContext, unitId: string | undefined) {
  const u = await requireUnit(ctx, auth, unitId);
  return { items: (await closuresOf(auth.scope, ctx.db, u.id, today(ctx))).map(closureDto) };
}

export async function addClosure(ctx: AppContext, auth: AuthContext, unitId: string, body: ClosureBody, ip: Ip): Promise<ClosureDto> {
  if (!mayEditSchedule(auth)) throw forbidden('暂停预约由单位负责人或审核人员登记');
  if (body.to < today(ctx)) throw badRequest('暂停预约的结束日期不能早于今天', [{ path: 'to', message: '不能早于今天' }]);
  return transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, unitId);
    const row = { id: newId(ctx.clock.now().getTime()), ...placedAt(unit), from_day: body.from, to_day: body.to, reason: body.reason, created_by: auth.userId, created_at: ctx.clock.now().toISOString() };
    await insertClosure(auth.scope, trx, row);
    await audit(trx, ctx, auth, unit.id, 'appointment-closure.create', row.id, ip, `${body.from} 至 ${body.to}：${body.reason}`);
    return closureDto(row);
  });
}

export async function removeClosure(ctx: AppContext, auth: AuthContext, id: string, ip: Ip): Promise<void> {
  await transaction(ctx.db, async (trx) => {
    const c = await getClosure(auth.scope, trx, id);
    if (!c) throw notFound('暂停预约记录');
    if (!mayEditSchedule(auth)) throw forbidden('暂停预约由单位负责人或审核人员撤销');
    if ((await deleteClosure(auth.scope, trx, id)) !== 1) throw notFound('暂停预约记录');
    await audit(trx, ctx, auth, c.org_unit_id, 'appointment-closure.delete', id, ip, `${c.from_day} 至 ${c.to_day}：${c.reason}`);
  });
}

// ---- slots ----

/** The days from `from` (default tomorrow… today's remaining day is not offered) with their open slots. */
async function daysOf(ctx: AppContext, db: Tx, unitId: string, schedule: Schedule | null, closures: readonly { from_day: string; to_day: string; reason: string }[], from: string, n: number): Promise<DayDto[]> {
  const table = await holidayTable(ctx, db);
  const days = daysFrom(from, n);
  const counts = await bookedCountsUnscoped(db, unitId, days[0], days[days.length - 1]);
  const booked = new Map(counts.map((c) => [`${c.day} ${c.start_time}`, Number(c.n)]));
  const cl = closures.map((c) => ({ from: c.from_day, to: c.to_day, reason: c.reason }));
  return days.map((day) => {
    const closed = schedule ? closedReason(day, table, cl) : '未开放预约';
    const slots = schedule && !closed ? slotsOfDay(day, schedule, table, cl) : [];
    return {
      day,
      weekday: isoWeekday(day),
      closed: closed ?? (slots.length ? null : '当日无预约时段'),
      slots: slots.map((s) => {
        const b = booked.get(`${day} ${s.start}`) ?? 0;
        return { ...s, capacity: schedule!.capacity, booked: b, left: Math.max(0, schedule!.capacity - b) };
      }),
    };
  });
}

/** The booking window: from tomorrow, `bookAheadDays` days. */
function window(ctx: AppContext, s: AppointmentSettings) {
  const first = shiftDay(today(ctx), 1);
  return { first, last: shiftDay(first, s.bookAheadDays - 1) };
}

export async function publicSlots(ctx: AppContext, unitId: string): Promise<SlotsDto> {
  const u = await publicUnitUnscoped(ctx.db, unitId);
  if (!u) throw notFound('单位');
  const s = await scheduleOfUnscoped(ctx.db, u.id);
  const settings = await readAppointmentSettings(ctx.db);
  const w = window(ctx, settings);
  const closures = await closuresOfUnscoped(ctx.db, u.id, w.first);
  return { orgUnitId: u.id, orgUnitName: u.name, days: await daysOf(ctx, ctx.db, u.id, s ? scheduleOfRow(s) : null, closures, w.first, settings.bookAheadDays) };
}

export async function staffSlots(ctx: AppContext, auth: AuthContext, unitId: string | undefined, from: string | undefined, n: number): Promise<SlotsDto> {
  const u = await requireUnit(ctx, auth, unitId);
  const s = await scheduleOf(auth.scope, ctx.db, u.id);
  const first = from ?? today(ctx);
  const closures = await closuresOf(auth.scope, ctx.db, u.id, first);
  return { orgUnitId: u.id, orgUnitName: u.name, days: await daysOf(ctx, ctx.db, u.id, s ? scheduleOfRow(s) : null, closures, first, n) };
}

export async function publicItems(ctx: AppContext, unitId: string) {
  const u = await publicUnitUnscoped(ctx.db, unitId);
  if (!u) throw notFound('单位');
  return { items: await bookableItems(ctx.db, u.path) };
}

// ---- the public side: book, list, cancel ----

/**
 * The kernel's actor for a public account acting on its own booking: scoped to the booked unit,
 * holding the services write permission only so the kernel runs the action; the case type's
 * `mayAct` lets a public actor cancel its own booking and nothing else. Never used outside this file.
 */
function publicActor(accountId: string, unit: { id: string; path: string }): AuthContext {
  const id = publicActorId(accountId);
  return {
    sessionId: '',
    csrfToken: '',
    stage: 'active',
    userId: id,
    username: id,
    displayName: '网上预约人',
    roles: ['worker'],
    permissions: [],
    unit: { id: '', name: '网上预约', level: 'county', code: '', path: unit.path },
    scope: { userId: id, orgUnitId: unit.id, path: unit.path },
    passwordChangedAt: '',
    totpEnabled: false,
  };
}

function publicDto(ctx: AppContext, r: AppointmentRow): PublicAppointmentDto {
  const status = r.status as AppointmentStatus;
  return {
    id: r.id,
    unitName: r.org_unit_name,
    itemId: r.item_id,
    itemName: r.item_name,
    day: r.day,
    start: r.start_time,
    end: r.end_time,
    status,
    statusLabel: appointmentStatusLabels[status] ?? status,
    canCancel: (status === 'booked' || status === 'confirmed') && r.day >= today(ctx),
    version: r.version,
  };
}

export async function book(ctx: AppContext, pub: PublicAuthContext, body: PublicBookBody, ip: Ip): Promise<PublicAppointmentDto> {
  const account = await accountForUse(ctx, pub);
  const id = await transaction(ctx.db, async (trx) => {
    const u = await publicUnitUnscoped(trx, body.orgUnitId);
    if (!u) throw badRequest('请选择县、乡镇（街道）或村（社区）的服务中心（站）', [{ path: 'orgUnitId', message: '单位不存在' }]);
    await lockScheduleUnscoped(trx, ctx.dialect, u.id);
    const settings = await readAppointmentSettings(trx);
    const w = window(ctx, settings);
    if (body.day < w.first || body.day > w.last) throw badRequest(`只能预约 ${w.first} 至 ${w.last} 的时段`, [{ path: 'day', message: '不在可预约的日期内' }]);
    const s = await scheduleOfUnscoped(trx, u.id);
    if (!s) throw badRequest('该单位尚未开放网上预约', [{ path: 'orgUnitId', message: '未开放预约' }]);
    const schedule = scheduleOfRow(s);
    const closures = (await closuresOfUnscoped(trx, u.id, body.day)).map((c) => ({ from: c.from_day, to: c.to_day, reason: c.reason }));
    const table = await holidayTable(ctx, trx);
    const closed = closedReason(body.day, table, closures);
    if (closed) throw badRequest(`${body.day} 不能预约（${closed}）`, [{ path: 'day', message: closed }]);
    const slot = slotsOfDay(body.day, schedule, table, closures).find((x) => x.start === body.start);
    if (!slot) throw badRequest('所选时段不在该单位的预约时段内', [{ path: 'start', message: '时段不存在' }]);
    const item = await itemForBooking(trx, u.path, body.itemId);
    // per-person limits (settings): open future bookings, and one item per day
    const mine = await openBookingsOfAccountUnscoped(trx, account.id, today(ctx));
    if (mine.length >= settings.maxOpenPerAccount) throw new AppError(409, 'LIMIT', `每人最多同时有 ${settings.maxOpenPerAccount} 个未办理的预约，请先办理或取消已有预约`);
    if (mine.filter((m) => m.item_id === item.id && m.day === body.day).length >= settings.maxPerItemPerDay) throw new AppError(409, 'LIMIT', `同一事项每天最多预约 ${settings.maxPerItemPerDay} 次`);
    const taken = (await bookedCountsUnscoped(trx, u.id, body.day, body.day)).find((c) => c.start_time === body.start);
    if (Number(taken?.n ?? 0) >= schedule.capacity) throw new AppError(409, 'FULL', `${body.day} ${slot.start}–${slot.end} 已约满，请选择其他时段`);
    const owner = await unitForWriteUnscoped(trx, ctx.dialect, u.id);
    const actor = publicActor(account.id, owner);
    const recipient = await recipientByIdHash(actor.scope, trx, account.idHash);
    const at = ctx.clock.now().toISOString();
    const payload: AppointmentPayload = { accountId: account.id, itemId: item.id, itemName: item.name, day: body.day, start: slot.start, end: slot.end, applicationId: null };
    const caseId = await openCase(trx, ctx, actor, {
      type: APPOINTMENT_CASE_TYPE,
      owner,
      subject: recipient ? { type: 'recipient', id: recipient.id } : undefined,
      title: `预约：${item.name}（${body.day} ${slot.start}）`,
      payload,
      status: 'booked',
      action: 'book',
      data: { day: body.day, start: slot.start, itemName: item.name },
      record: async (newId) => {
        await insertAppointment(actor.scope, trx, {
          id: newId,
          ...placedAt(owner),
          account_id: account.id,
          recipient_id: recipient?.id ?? null,
          person_name: account.name,
          phone_enc: account.phoneEnc,
          item_id: item.id,
          item_name: item.name,
          day: body.day,
          start_time: slot.start,
          end_time: slot.end,
          note: body.note,
          status: 'booked',
          application_id: null,
          version: 1,
          created_at: at,
          updated_at: at,
        });
      },
    });
    await audit(trx, ctx, { userId: null, username: publicActorId(account.id) }, u.id, 'public.appointment-book', caseId, ip, `${item.name} ${body.day} ${slot.start}`);
    return caseId;
  });
  return publicDto(ctx, (await getAppointmentOfAccountUnscoped(ctx.db, account.id, id))!);
}

export async function myAppointments(ctx: AppContext, pub: PublicAuthContext) {
  return { items: (await bookingsOfAccountUnscoped(ctx.db, pub.accountId)).map((r) => publicDto(ctx, r)) };
}

export async function cancelOwn(ctx: AppContext, pub: PublicAuthContext, id: string, version: number, ip: Ip): Promise<PublicAppointmentDto> {
  await transaction(ctx.db, async (trx) => {
    const r = await getAppointmentOfAccountUnscoped(trx, pub.accountId, id);
    if (!r) throw notFound('预约');
    checkState(r, 'cancel', '取消');
    if (r.day < today(ctx)) throw new AppError(409, 'PAST', '预约日期已过，不能取消');
    const owner = await unitForWriteUnscoped(trx, ctx.dialect, r.org_unit_id);
    await performActionIn(trx, ctx, publicActor(pub.accountId, owner), id, { action: 'cancel', comment: '本人网上取消', version }, ip);
    await audit(trx, ctx, { userId: null, username: publicActorId(pub.accountId) }, r.org_unit_id, 'public.appointment-cancel', id, ip);
  });
  return publicDto(ctx, (await getAppointmentOfAccountUnscoped(ctx.db, pub.accountId, id))!);
}

// ---- the staff side ----

function checkState(r: { status: string }, action: keyof typeof appointmentTransitions, what: string) {
  const from: readonly string[] = appointmentTransitions[action];
  if (!from.includes(r.status)) throw new AppError(409, 'WRONG_STATE', `该预约${appointmentStatusLabels[r.status as AppointmentStatus] ?? r.status}，不能${what}`);
}

export function toDto(ctx: AppContext, r: AppointmentRow): AppointmentDto {
  const status = r.status as AppointmentStatus;
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    personName: r.person_name,
    phoneMasked: maskPhone(ctx.crypto.decrypt(r.phone_enc)),
    recipientId: r.recipient_id,
    itemId: r.item_id,
    itemName: r.item_name,
    day: r.day,
    start: r.start_time,
    end: r.end_time,
    note: r.note,
    status,
    statusLabel: appointmentStatusLabels[status] ?? status,
    applicationId: r.application_id,
    createdAt: r.created_at,
  };
}

async function unitPathOf(ctx: AppContext, auth: AuthContext, unitId: string | undefined): Promise<string | undefined> {
  if (!unitId) return undefined;
  return (await requireUnit(ctx, auth, unitId)).path;
}

export async function staffDayList(ctx: AppContext, auth: AuthContext, q: { day?: string; orgUnitId?: string }) {
  const day = q.day ?? today(ctx);
  const rows = await dayList(auth.scope, ctx.db, { day, unitPath: await unitPathOf(ctx, auth, q.orgUnitId) });
  return { day, items: await labelUnitNamesUnscoped(ctx.db, rows.map((r) => toDto(ctx, r))) };
}

export async function appointmentFilter(ctx: AppContext, auth: AuthContext, q: Omit<AppointmentListQuery, 'page' | 'pageSize' | 'sort'>): Promise<AppointmentFilter> {
  if (q.from && q.to && q.from > q.to) throw badRequest('结束日期不能早于开始日期', [{ path: 'to', message: '不能早于开始日期' }]);
  return { unitPath: await unitPathOf(ctx, auth, q.orgUnitId), from: q.from, to: q.to, status: q.status, itemId: q.itemId };
}

export async function searchAppointments(ctx: AppContext, auth: AuthContext, q: AppointmentListQuery) {
  const f = await appointmentFilter(ctx, auth, q);
  const r = await listAppointments(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort });
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, r.items.map((x) => toDto(ctx, x))), page: q.page, pageSize: q.pageSize };
}

export async function appointmentDetail(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<AppointmentDto> {
  const r = await getAppointment(auth.scope, db, id);
  if (!r) throw notFound('预约');
  return toDto(ctx, r);
}

const WHAT: Record<keyof typeof appointmentTransitions, string> = { confirm: '确认', complete: '办结', noShow: '登记未到场', cancel: '取消' };

/** One staff action of the booking's case, in the caller's transaction (the module's refusals first, in its words). */
export async function actIn(trx: Tx, ctx: AppContext, auth: AuthContext, id: string, action: keyof typeof appointmentTransitions, input: { version: number; comment: string; data?: Record<string, unknown> }, ip: Ip): Promise<void> {
  const r = await getAppointment(auth.scope, trx, id);
  if (!r) throw notFound('预约');
  checkState(r, action, WHAT[action]);
  if (input.version !== r.version) throw conflict('该预约已被他人处理，请刷新后再操作');
  if (action === 'cancel' && !input.comment) throw badRequest('工作人员取消预约须填写原因', [{ path: 'comment', message: '请填写取消原因' }]);
  await performActionIn(trx, ctx, auth, id, { action, comment: input.comment, version: input.version, data: input.data }, ip);
}

export async function act(ctx: AppContext, auth: AuthContext, id: string, action: keyof typeof appointmentTransitions, input: { version: number; comment: string; data?: Record<string, unknown> }, ip: Ip): Promise<AppointmentDto> {
  await transaction(ctx.db, (trx) => actIn(trx, ctx, auth, id, action, input, ip));
  return appointmentDetail(ctx, auth, id);
}

/**
 * Completes a booking and links the application it led to (applications calls this in its own
 * transaction when an application is started from a booking). The application must be in the
 * caller's range — the caller (applications) has checked it.
 */
export async function completeAppointmentWithApplication(trx: Tx, ctx: AppContext, auth: AuthContext, appointmentId: string, applicationId: string): Promise<void> {
  const r = await getAppointment(auth.scope, trx, appointmentId);
  if (!r) throw notFound('预约');
  if (r.status === 'completed') {
    if ((await linkApplication(auth.scope, trx, r.id, applicationId)) !== 1) throw notFound('预约');
    return;
  }
  await actIn(trx, ctx, auth, appointmentId, 'complete', { version: r.version, comment: '', data: { applicationId } }, null);
}

// ---- the dashboard figure ----

export async function appointmentStats(ctx: AppContext, auth: AuthContext, q: { orgUnitId?: string; from: string; to: string }): Promise<AppointmentStatsDto> {
  if (q.from > q.to) throw badRequest('结束日期不能早于开始日期', [{ path: 'to', message: '不能早于开始日期' }]);
  const u = await requireUnit(ctx, auth, q.orgUnitId);
  const units = await unitAndChildren(auth.scope, ctx.db, u.id);
  const children = units.filter((x) => x.id !== u.id);
  const counts = await countsByUnit(auth.scope, ctx.db, children, q.from, q.to);
  const own = await countsOwnUnit(auth.scope, ctx.db, u.id, q.from, q.to);
  const zero = () => ({ bookings: 0, noShows: 0, completed: 0, cancelled: 0 });
  const add = (acc: ReturnType<typeof zero>, status: string, n: number) => {
    acc.bookings += n;
    if (status === 'noShow') acc.noShows += n;
    if (status === 'completed') acc.completed += n;
    if (status === 'cancelled') acc.cancelled += n;
  };
  const rows = children.map((c) => {
    const acc = zero();
    for (const x of counts.filter((k) => k.unitId === c.id)) add(acc, x.status, x.n);
    return { orgUnitId: c.id, orgUnitName: c.name, ...acc };
  });
  const ownAcc = zero();
  for (const x of own) add(ownAcc, x.status, x.n);
  rows.unshift({ orgUnitId: u.id, orgUnitName: `${u.name}（本级）`, ...ownAcc });
  const total = zero();
  for (const r of rows) {
    total.bookings += r.bookings;
    total.noShows += r.noShows;
    total.completed += r.completed;
    total.cancelled += r.cancelled;
  }
  return { from: q.from, to: q.to, rows, total };
}
