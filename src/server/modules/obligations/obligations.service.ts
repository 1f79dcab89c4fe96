// Obligations 工作制度 (issue 16; seed Chapter 2 §5–§13, §34).
// - Definitions are data: the defaults of Chapter 2 (migration 0048) and a county's (or township's)
//   own for its range. What a unit owes is derived — definitions × units × periods minus records —
//   never stored ahead of time; nothing here is a case.
// - A unit records what it did (meeting, training, review with decisions, report with files) for a
//   period of its own; the record is judged on time or late against the period's due day (shared
//   calendar) when first recorded, and can be edited by the unit until the period locks (due day +
//   EDIT_DAYS_AFTER_DUE). Upper levels read, never edit. The monthly dispute summary is read from
//   the disputes module (its submissions), never copied. The county's monthly review of hard
//   problems and the semi-annual summary are recorded from the hard-problems' and summaries' events
//   (obligations.subscriptions.ts); a summary's record is never entered or edited by hand.
// - The upper level's reporting rate per child (DHIS2): one grouped query (`countsByGroup`), which the
//   daily reminder of an upper unit about its late children reads too (obligations.late-children.ts).
import { hasPermission } from '../../../shared/permissions';
import { orgLevels } from '../../../shared/schemas/org-units';
import {
  EDIT_DAYS_AFTER_DUE,
  obligationLevels,
  type ObligationDefCreate,
  type ObligationDefDto,
  type ObligationDefUpdate,
  type ObligationLevel,
  type ObligationRecordCreate,
  type ObligationRecordDto,
  type ObligationRecordKind,
  type ObligationRecordListQuery,
  type ObligationRecordUpdate,
  type OwedItem,
  type OwedList,
  type ReportingDto,
  type ReportingQuery,
  type ReportingRow,
} from '../../../shared/schemas/obligations';
import { obligationDueDay, periodEnd, periodStart, previousPeriod } from '../../../shared/rules/obligation-periods';
import { periodKind, periodLabel, periodOf, type PeriodKind } from '../../../shared/rules/periods';
import { shiftDay } from '../../../shared/rules/calendar';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import type { HolidayTable } from '../../../shared/rules/calendar';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathInScope } from '../../platform/jurisdiction';
import { ratioOf } from '../../platform/figures';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { today } from '../../platform/clock';
import { holidayTable } from '../../cases/deadlines';
import { auditedFileBytes, checkedUploads, toCaseFileDto } from '../../cases/case-files';
import { submittedSummariesUnder } from '../disputes';
import {
  OBLIGATION_FILE_OWNER,
  childUnitsOf,
  defVisible,
  defsOwedBy,
  insertDef,
  insertFileRow,
  insertRecord,
  listRecords,
  owingUnitsByGroup,
  recordFileOf,
  recordFilesOf,
  recordInScope,
  recordsOfUnit,
  reportingGroups,
  updateDef,
  updateRecord,
  visibleDefs,
  type DefRow,
  type RecordRow,
} from './obligations.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;
const STALE = '该记录已被他人修改，请刷新后再操作（您的修改未保存）';

/** The caller's level and the levels below it. */
const belowOf = (auth: AuthContext): string[] => orgLevels.slice(orgLevels.indexOf(auth.unit.level));

const mayWrite = (auth: AuthContext) => hasPermission(auth.roles, 'obligations:write');

export function toDefDto(d: DefRow): ObligationDefDto {
  return {
    id: d.id,
    code: d.code,
    name: d.name,
    basis: d.basis,
    level: d.level as ObligationLevel,
    periodKind: d.period_kind as ObligationDefDto['periodKind'],
    dueDays: Number(d.due_days),
    dueWorking: Number(d.due_working) === 1,
    recordKind: d.record_kind as ObligationRecordKind,
    note: d.note,
    orgUnitId: d.org_unit_id,
    orgUnitName: d.org_unit_name,
    active: Number(d.active) === 1,
    version: Number(d.version),
  };
}

const ruleOf = (d: DefRow) => ({ dueDays: Number(d.due_days), dueWorking: Number(d.due_working) === 1 });

/** A period's due day for a definition (shared calendar). */
export function dueDayOf(d: DefRow, period: string, table: HolidayTable): string {
  return obligationDueDay(period, ruleOf(d), table);
}

/** Whether a Shanghai instant's day (an ISO timestamp) is on or before the due day. */
function onTimeAt(submittedAt: string, dueDay: string): boolean {
  // the due day ends at 24:00 in Asia/Shanghai = 16:00 UTC
  return new Date(submittedAt).getTime() < Date.parse(`${dueDay}T16:00:00.000Z`);
}

// ---- definitions ----

export async function listDefs(ctx: AppContext, auth: AuthContext): Promise<{ items: ObligationDefDto[] }> {
  return { items: (await visibleDefs(auth.scope, ctx.db, belowOf(auth))).map(toDefDto) };
}

function checkDefLevel(unitLevel: string, level: ObligationLevel) {
  if (!['county', 'township'].includes(unitLevel)) throw badRequest('只有县级服务中心或乡镇（街道）服务站可以新增本辖区的工作制度', [{ path: 'orgUnitId', message: '请选择县级或乡镇（街道）单位' }]);
  if (obligationLevels.indexOf(level) < obligationLevels.indexOf(unitLevel as ObligationLevel)) throw badRequest('履行单位层级不能高于新增工作制度的单位', [{ path: 'level', message: '层级高于本单位' }]);
}

/** A county (or township) declares an obligation of its own range. */
export async function createDef(ctx: AppContext, auth: AuthContext, input: ObligationDefCreate, ip: Ip): Promise<ObligationDefDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  checkDefLevel(unit.level, input.level);
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertDef(auth.scope, trx, {
      id,
      code: `u-${id}`,
      name: input.name,
      basis: input.basis,
      level: input.level,
      period_kind: input.periodKind,
      due_days: input.dueDays,
      due_working: input.dueWorking ? 1 : 0,
      record_kind: input.recordKind,
      note: input.note,
      ...placedAt(stored),
      active: 1,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await auditAction(trx, ctx, auth, 'obligation.define', 'obligation-def', id, ip, `${unit.name}：${input.name}`);
  });
  const d = await defVisible(auth.scope, ctx.db, id, belowOf(auth));
  return toDefDto(d!);
}

export async function changeDef(ctx: AppContext, auth: AuthContext, id: string, input: ObligationDefUpdate, ip: Ip): Promise<ObligationDefDto> {
  const d = await defVisible(auth.scope, ctx.db, id, belowOf(auth));
  if (!d || !d.org_path || !pathInScope(auth.scope, d.org_path)) {
    if (d && !d.org_path) throw forbidden('《工作指南》规定的工作制度不能修改');
    throw notFound('工作制度');
  }
  const unit = await requireUnit(ctx, auth, d.org_unit_id!);
  checkDefLevel(unit.level, input.level);
  await transaction(ctx.db, async (trx) => {
    const n = await updateDef(auth.scope, trx, id, input.version, {
      name: input.name,
      basis: input.basis,
      level: input.level,
      period_kind: input.periodKind,
      due_days: input.dueDays,
      due_working: input.dueWorking ? 1 : 0,
      record_kind: input.recordKind,
      note: input.note,
      active: input.active ? 1 : 0,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (n !== 1) throw conflict(STALE);
    await auditAction(trx, ctx, auth, 'obligation.redefine', 'obligation-def', id, ip, `${unit.name}：${input.name}${input.active ? '' : '（停用）'}`);
  });
  return toDefDto((await defVisible(auth.scope, ctx.db, id, belowOf(auth)))!);
}

// ---- what a unit owes ----

/** The current and the previous period of each obligation a unit owes, with their state and marks. */
export async function owedOf(ctx: AppContext, auth: AuthContext, unitId: string, db: Tx = ctx.db): Promise<OwedList> {
  const unit = await requireUnit(ctx, auth, unitId, db);
  const t = today(ctx);
  const defs = await defsOwedBy(db, unit.level, unit.path);
  const table = await holidayTable(ctx, db);
  const pairs = defs.map((d) => {
    const cur = periodOf(t, d.period_kind as PeriodKind);
    return { d, periods: [previousPeriod(cur), cur] };
  });
  const periods = [...new Set(pairs.flatMap((p) => p.periods))];
  const own = defs.filter((d) => d.record_kind !== 'disputeSummary');
  const records = await recordsOfUnit(auth.scope, db, unit.id, own.map((d) => d.id), periods);
  const disputeMonths = pairs.filter((p) => p.d.record_kind === 'disputeSummary').flatMap((p) => p.periods);
  const subs = disputeMonths.length ? (await submittedSummariesUnder(db, unit.path, disputeMonths)).filter((s) => s.org_unit_id === unit.id) : [];
  const items: OwedItem[] = [];
  for (const { d, periods: ps } of pairs) {
    for (const period of ps) {
      const dueDay = dueDayOf(d, period, table);
      let state: OwedItem['state'] = 'owed';
      let recordId: string | null = null;
      if (d.record_kind === 'disputeSummary') {
        const s = subs.find((x) => x.month === period);
        if (s) state = onTimeAt(s.submitted_at, dueDay) ? 'onTime' : 'late';
      } else {
        const r = records.find((x) => x.def_id === d.id && x.period === period);
        if (r) {
          state = Number(r.on_time) === 1 ? 'onTime' : 'late';
          recordId = r.id;
        }
      }
      const marks = state === 'owed' ? dayDueMarks(dueDay, t) : { overdue: false, dueSoon: false };
      items.push({ definitionId: d.id, definitionName: d.name, basis: d.basis, recordKind: d.record_kind as ObligationRecordKind, period, periodLabel: periodLabel(period), dueDay, state, ...marks, recordId });
    }
  }
  items.sort((a, b) => (a.dueDay < b.dueDay ? -1 : a.dueDay > b.dueDay ? 1 : a.definitionName.localeCompare(b.definitionName)));
  return { orgUnitId: unit.id, orgUnitName: unit.name, today: t, items };
}

// ---- records ----

/** The last day a period's record may be written or edited (its due day + EDIT_DAYS_AFTER_DUE); the one lock rule. */
export function lockDay(dueDay: string): string {
  return shiftDay(dueDay, EDIT_DAYS_AFTER_DUE);
}

/** Whether a period due on `dueDay` is locked on day `t` (no record is written or changed any more). */
export function isLocked(dueDay: string, t: string): boolean {
  return t > lockDay(dueDay);
}

function toRecordDto(auth: AuthContext, r: RecordRow, t: string, files: ObligationRecordDto['files']): ObligationRecordDto {
  const lockedOn = lockDay(r.due_day);
  return {
    id: r.id,
    definitionId: r.def_id,
    definitionName: r.def_name,
    recordKind: r.record_kind as ObligationRecordKind,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    period: r.period,
    periodLabel: periodLabel(r.period),
    heldOn: r.held_on,
    dueDay: r.due_day,
    recordedOn: r.recorded_on,
    onTime: Number(r.on_time) === 1,
    attendees: r.attendees,
    topics: r.topics,
    minutes: r.minutes,
    course: r.course,
    trainer: r.trainer,
    hours: r.hours === null ? null : Number(r.hours),
    decisions: r.decisions,
    body: r.body,
    recordedByName: r.recorded_by_name,
    version: Number(r.version),
    lockedOn,
    canEdit: mayWrite(auth) && r.org_unit_id === auth.unit.id && !isLocked(r.due_day, t) && r.record_kind !== 'summary',
    files,
  };
}

type Fields = Omit<ObligationRecordUpdate, 'version' | 'files'>;

/** What each kind of record must hold (Chinese 400 naming the field). */
function checkFields(kind: string, f: Fields) {
  const need = (field: keyof Fields, label: string) => {
    const v = f[field];
    if (v === null || v === '' || v === undefined) throw badRequest(`请填写${label}`, [{ path: field, message: `请填写${label}` }]);
  };
  if (kind === 'meeting') {
    need('attendees', '参会人员');
    need('topics', '会议议题');
    need('minutes', '会议纪要');
  } else if (kind === 'training') {
    need('course', '培训内容');
    need('trainer', '授课人');
    need('hours', '学时');
    need('attendees', '参训人员');
  } else if (kind === 'review') {
    need('topics', '研究的问题');
    need('decisions', '研究决定（责任人与时限）');
  } else if (kind === 'report') {
    need('body', '报告内容');
  }
}

function checkDay(t: string, period: string, heldOn: string) {
  if (heldOn > t) throw badRequest('日期不能晚于今天', [{ path: 'heldOn', message: '不能晚于今天' }]);
  if (heldOn < periodStart(period) || heldOn > periodEnd(period)) {
    // a report may be written after its period ends, until the period locks
    return false;
  }
  return true;
}

/** Records what the caller's own unit did for one period of an obligation it owes (with files: all or nothing). */
export async function createRecord(ctx: AppContext, auth: AuthContext, input: ObligationRecordCreate, ip: Ip): Promise<ObligationRecordDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (unit.id !== auth.unit.id) throw forbidden('只能登记本单位的履行记录，上级单位只能查看');
  const d = await defVisible(auth.scope, ctx.db, input.definitionId, belowOf(auth));
  const owed = await defsOwedBy(ctx.db, unit.level, unit.path);
  if (!d || !owed.some((o) => o.id === d.id)) throw badRequest('本单位不承担该项工作制度', [{ path: 'definitionId', message: '本单位不承担该项工作制度' }]);
  if (d.record_kind === 'disputeSummary') throw badRequest('矛盾纠纷月报请在“矛盾纠纷”的月报中上报', [{ path: 'definitionId', message: '请在矛盾纠纷月报中上报' }]);
  if (d.record_kind === 'summary') throw badRequest('半年工作总结请在“工作总结”中起草并提交上级审核，提交后自动登记', [{ path: 'definitionId', message: '请在工作总结中提交' }]);
  if (periodKind(input.period) !== d.period_kind) throw badRequest('期间与该工作制度的周期不符', [{ path: 'period', message: '期间与周期不符' }]);
  const t = today(ctx);
  if (periodStart(input.period) > t) throw badRequest('不能登记尚未开始的期间', [{ path: 'period', message: '期间尚未开始' }]);
  const inPeriod = checkDay(t, input.period, input.heldOn);
  if (!inPeriod && d.record_kind !== 'report') throw badRequest('日期须在所登记的期间内', [{ path: 'heldOn', message: '不在期间内' }]);
  checkFields(d.record_kind, input);
  const bytes = checkedUploads(input.files, 'files');
  const table = await holidayTable(ctx);
  const dueDay = dueDayOf(d, input.period, table);
  if (isLocked(dueDay, t)) throw conflict(`${periodLabel(input.period)}已于 ${lockDay(dueDay)} 锁定，不能再登记`);
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    try {
      await insertRecord(auth.scope, trx, {
        id,
        def_id: d.id,
        ...placedAt(stored),
        period: input.period,
        period_end: periodEnd(input.period),
        held_on: input.heldOn,
        due_day: dueDay,
        recorded_on: t,
        on_time: t <= dueDay ? 1 : 0,
        attendees: input.attendees,
        topics: input.topics,
        minutes: input.minutes,
        course: input.course,
        trainer: input.trainer,
        hours: input.hours,
        decisions: input.decisions,
        body: input.body,
        version: 1,
        recorded_by: auth.userId,
        recorded_by_name: auth.displayName,
        created_at: at,
        updated_at: at,
      });
    } catch (e) {
      if (String((e as Error).message).match(/unique|duplicate/i)) throw conflict(`本单位${periodLabel(input.period)}的“${d.name}”已登记，请打开原记录修改`);
      throw e;
    }
    for (const [n, f] of input.files.entries()) {
      const b = bytes[n];
      await insertFileRow(auth.scope, trx, { id: newId(), ...placedAt(stored), owner_type: OBLIGATION_FILE_OWNER, owner_id: id, kind: 'attachment', name: f.name, mime: f.mime, size: b.length, data_enc: ctx.crypto.encrypt(b.toString('base64')), created_by: auth.userId, created_at: at });
    }
    await auditAction(trx, ctx, auth, 'obligation.record', 'obligation-record', id, ip, `${unit.name} ${periodLabel(input.period)} ${d.name}${t <= dueDay ? '' : '（逾期）'}`);
  });
  return recordDetail(ctx, auth, id);
}

export async function recordDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<ObligationRecordDto> {
  const r = await recordInScope(auth.scope, ctx.db, id);
  if (!r) throw notFound('履行记录');
  const files = await recordFilesOf(auth.scope, ctx.db, id);
  return toRecordDto(auth, r, today(ctx), files.map(toCaseFileDto));
}

/** The unit's own record, until the period locks; new files are added (all or nothing). */
export async function changeRecord(ctx: AppContext, auth: AuthContext, id: string, input: ObligationRecordUpdate, ip: Ip): Promise<ObligationRecordDto> {
  const r = await recordInScope(auth.scope, ctx.db, id);
  if (!r) throw notFound('履行记录');
  if (r.org_unit_id !== auth.unit.id) throw forbidden('只能修改本单位的履行记录，上级单位只能查看');
  if (r.record_kind === 'summary') throw forbidden('半年工作总结的履行记录由提交工作总结自动登记，不能修改');
  const t = today(ctx);
  if (isLocked(r.due_day, t)) throw conflict(`${periodLabel(r.period)}已于 ${lockDay(r.due_day)} 锁定，不能再修改`);
  const inPeriod = checkDay(t, r.period, input.heldOn);
  if (!inPeriod && r.record_kind !== 'report') throw badRequest('日期须在所登记的期间内', [{ path: 'heldOn', message: '不在期间内' }]);
  checkFields(r.record_kind, input);
  const existing = await recordFilesOf(auth.scope, ctx.db, id);
  if (existing.length + input.files.length > 10) throw badRequest('每条记录最多 10 个附件', [{ path: 'files', message: '附件过多' }]);
  const bytes = checkedUploads(input.files, 'files');
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const n = await updateRecord(auth.scope, trx, id, input.version, {
      held_on: input.heldOn,
      attendees: input.attendees,
      topics: input.topics,
      minutes: input.minutes,
      course: input.course,
      trainer: input.trainer,
      hours: input.hours,
      decisions: input.decisions,
      body: input.body,
      updated_at: at,
    });
    if (n !== 1) throw conflict(STALE);
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, r.org_unit_id);
    for (const [k, f] of input.files.entries()) {
      const b = bytes[k];
      await insertFileRow(auth.scope, trx, { id: newId(), ...placedAt(stored), owner_type: OBLIGATION_FILE_OWNER, owner_id: id, kind: 'attachment', name: f.name, mime: f.mime, size: b.length, data_enc: ctx.crypto.encrypt(b.toString('base64')), created_by: auth.userId, created_at: at });
    }
    await auditAction(trx, ctx, auth, 'obligation.record-update', 'obligation-record', id, ip, `${r.org_unit_name} ${periodLabel(r.period)} ${r.def_name}`);
  });
  return recordDetail(ctx, auth, id);
}

export async function recordFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  const f = await recordFileOf(auth.scope, ctx.db, id, fileId);
  if (!f) throw notFound('附件');
  return transaction(ctx.db, (trx) => auditedFileBytes(trx, ctx, auth, f, { action: 'obligation.file-view', targetType: 'obligation-record', targetId: id, ip }));
}

export async function searchRecords(ctx: AppContext, auth: AuthContext, q: ObligationRecordListQuery) {
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : null;
  const { rows, total, totalCapped } = await listRecords(auth.scope, ctx.db, { unitPath: unit?.path, defId: q.definitionId, period: q.period }, q.page, q.pageSize);
  const t = today(ctx);
  return { items: rows.map((r) => toRecordDto(auth, r, t, [])).map(({ files: _files, ...rest }) => rest), total, totalCapped, page: q.page, pageSize: q.pageSize };
}

// ---- reporting rate ----

export type GroupCount = { expected: number; on_time: number; late: number; record_id: string | null; recorded_on: string | null };

/**
 * Per group unit (the children of a unit, or the unit itself when it owes the definition): its owing
 * units and how many recorded the period on time or late — one grouped query (`reportingGroups`), or
 * for the dispute summary the owing units and disputes' submissions under `unitPath`.
 */
export async function countsByGroup(db: Tx, unitPath: string, groups: { parentId: string } | { unitId: string }, d: DefRow, period: string, dueDay: string): Promise<Map<string, GroupCount>> {
  if (d.record_kind !== 'disputeSummary') return new Map((await reportingGroups(db, groups, d, period)).map((g) => [g.group_id, g]));
  const [owing, subs] = await Promise.all([owingUnitsByGroup(db, groups, d.level, d.org_path), submittedSummariesUnder(db, unitPath, [period])]);
  const subOf = new Map(subs.map((s) => [s.org_unit_id, s.submitted_at]));
  const byGroup = new Map<string, GroupCount>();
  for (const o of owing) {
    const g = byGroup.get(o.group_id) ?? { expected: 0, on_time: 0, late: 0, record_id: null, recorded_on: null };
    g.expected++;
    const at = subOf.get(o.unit_id);
    if (at) {
      if (onTimeAt(at, dueDay)) g.on_time++;
      else g.late++;
      g.recorded_on = at.slice(0, 10);
    }
    byGroup.set(o.group_id, g);
  }
  return byGroup;
}

/** Per child of a unit (or the unit itself when it owes the obligation): expected, on time, late, missing. */
export async function reporting(ctx: AppContext, auth: AuthContext, q: ReportingQuery): Promise<ReportingDto> {
  const unit = await requireUnit(ctx, auth, q.orgUnitId ?? auth.unit.id);
  const d = await defVisible(auth.scope, ctx.db, q.definitionId, belowOf(auth));
  if (!d) throw notFound('工作制度');
  if (periodKind(q.period) !== d.period_kind) throw badRequest('期间与该工作制度的周期不符', [{ path: 'period', message: '期间与周期不符' }]);
  const table = await holidayTable(ctx);
  const dueDay = dueDayOf(d, q.period, table);
  const groups = unit.level === d.level ? { unitId: unit.id } : { parentId: unit.id };
  const units = 'unitId' in groups ? [{ id: unit.id, name: unit.name, level: unit.level }] : await childUnitsOf(ctx.db, unit.id);
  const byGroup = await countsByGroup(ctx.db, unit.path, groups, d, q.period, dueDay);
  const rowOf = (g: { expected: number; on_time: number; late: number }) => ({
    expected: g.expected,
    onTime: g.on_time,
    late: g.late,
    missing: g.expected - g.on_time - g.late,
    rate: ratioOf(g.on_time + g.late, g.expected),
    onTimeRate: ratioOf(g.on_time, g.expected),
  });
  const children: ReportingRow[] = units
    .map((c) => {
      const g = byGroup.get(c.id);
      const single = c.level === d.level;
      return { orgUnitId: c.id, orgUnitName: c.name, level: c.level, ...rowOf(g ?? { expected: 0, on_time: 0, late: 0 }), recordId: single && g?.record_id ? g.record_id : null, recordedOn: single ? (g?.recorded_on ?? null) : null };
    })
    .filter((c) => c.expected > 0);
  const sum = children.reduce((a, c) => ({ expected: a.expected + c.expected, on_time: a.on_time + c.onTime, late: a.late + c.late }), { expected: 0, on_time: 0, late: 0 });
  return { orgUnitId: unit.id, orgUnitName: unit.name, definition: toDefDto(d), period: q.period, periodLabel: periodLabel(q.period), dueDay, total: rowOf(sum), children };
}
