// Dispute screening 矛盾纠纷排查化解 (seed Part 8): 排查 → 登记建账 → 研判 → 制定方案 → 落实责任人和
// 时限 → 化解 (a progress log) → 销号 (one by one, by the responsible person or a unit head) →
// 报告 (a monthly summary per unit, submitted up). Each dispute is a case of the kernel
// (disputes.cases.ts): its status changes only through the case's actions, its progress log is the
// case's action log, and the kernel writes the disputes row's state columns (the mirror). A closed
// dispute is read-only. Every write is versioned (a stale version is refused with 409) and audited.
import { today } from '../../platform/clock';
import { parseJsonList } from '../../platform/json-columns';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { hasPermission } from '../../../shared/permissions';
import {
  disputeMethodLabels,
  disputeMethods,
  riskLevelLabels,
  riskLevels,
  type CountsBy,
  type DisputeClose,
  type DisputeCreate,
  type DisputeDetail,
  type DisputeDto,
  type DisputeLedgerQuery,
  type DisputeListQuery,
  type DisputeMethod,
  type DisputeParty,
  type DisputeProgressCreate,
  type DisputeProgressEntry,
  type DisputeSummary,
  type DisputeUpdate,
  type RiskLevel,
  type SubmissionDto,
  type SubmissionStatus,
  type SummaryRow,
} from '../../../shared/schemas/disputes';
import { shiftDay } from '../../../shared/rules/calendar';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import { userHolds } from '../../platform/roles';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { openCase, performAction, readCaseLog } from '../../cases/cases.service';
import { checkPeople, DISPUTE_CASE_TYPE, mayCloseDispute, type DisputePayload, type DisputeProgressData } from './disputes.cases';
import {
  childUnits,
  getDispute,
  insertDispute,
  insertSubmission,
  listDisputes,
  recipientsInScope,
  replaceSubmission,
  submissionOf,
  submissionsOf,
  summaryCounts,
  usersAbove,
  type AssigneeRow,
  type DisputeFilter,
  type DisputeRow,
  type SubmissionRow,
} from './disputes.repo';
import { labelUnitNamesUnscoped } from '../../platform/unit-labels.repo';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

// ---- mapping ----

/** 所属村(社区): a grid's village, else the unit itself. */
export function villageNameOf(r: { org_unit_level: string; org_unit_name: string; parent_name: string | null }): string {
  return r.org_unit_level === 'grid' && r.parent_name ? r.parent_name : r.org_unit_name;
}

export function toDisputeDto(r: DisputeRow, todayDay: string): DisputeDto {
  const open = r.status === 'open';
  const marks = dayDueMarks(r.deadline, todayDay);
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    villageName: villageNameOf(r),
    foundOn: r.found_on,
    method: r.method as DisputeMethod,
    parties: parseJsonList<DisputeParty>(r.parties),
    summary: r.summary,
    riskLevel: r.risk_level as RiskLevel,
    responsibleUserId: r.responsible_user_id,
    responsibleName: r.responsible_name,
    leaderUserId: r.leader_user_id,
    leaderName: r.leader_name ?? '',
    deadline: r.deadline,
    plan: r.plan,
    status: r.status as DisputeDto['status'],
    result: r.result,
    closedOn: r.closed_on,
    note: r.note,
    overdue: open && marks.overdue,
    dueSoon: open && marks.dueSoon,
    progressCount: Number(r.progress_count),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Closing is for the responsible person, or a unit head (站长/主任) whose range holds the dispute (the case type's `mayAct`). */
export function mayClose(auth: AuthContext, r: DisputeRow): boolean {
  return r.status === 'open' && hasPermission(auth.roles, 'disputes:write') && mayCloseDispute(r, auth, { responsibleUserId: r.responsible_user_id });
}

// ---- reads ----

export async function requireDispute(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<DisputeRow> {
  const d = await getDispute(auth.scope, db, id);
  if (!d) throw notFound('矛盾纠纷');
  return d;
}

export async function disputeDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<DisputeDetail> {
  const d = await requireDispute(ctx, auth, id);
  const log = await readCaseLog(auth.scope, ctx.db, id);
  const progress = log
    .filter((l) => l.action === 'progress')
    .map((l): DisputeProgressEntry => {
      const data = l.data as DisputeProgressData;
      return { day: data.day, measure: data.measure, progress: data.progress ?? '', at: l.at, actorName: l.actorName };
    });
  return {
    ...toDisputeDto(d, today(ctx)),
    progress,
    log,
    closedByName: d.closed_by_name ?? '',
    canClose: mayClose(auth, d),
  };
}

export async function disputeFilter(ctx: AppContext, auth: AuthContext, q: DisputeLedgerQuery): Promise<DisputeFilter> {
  if (q.foundFrom && q.foundTo && q.foundFrom > q.foundTo) throw badRequest('开始日期不能晚于结束日期', [{ path: 'foundFrom', message: '不能晚于结束日期' }]);
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    status: q.status,
    riskLevel: q.riskLevel,
    method: q.method,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    today: today(ctx),
    mineUserId: q.mine === 'true' ? auth.userId : undefined,
    q: q.q || undefined,
    foundFrom: q.foundFrom,
    foundTo: q.foundTo,
  };
}

export async function searchDisputes(ctx: AppContext, auth: AuthContext, q: DisputeListQuery) {
  const f = await disputeFilter(ctx, auth, q);
  const r = await listDisputes(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
  const t = today(ctx);
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, r.items.map((d) => toDisputeDto(d, t))), page: q.page, pageSize: q.pageSize };
}

function mayAct(a: AssigneeRow): boolean {
  return userHolds(a.roles, 'disputes:write');
}

/** Who can be responsible for (or lead) a dispute of this unit: staff of the caller's range at the unit or above it. */
export async function assignees(ctx: AppContext, auth: AuthContext, orgUnitId: string) {
  const unit = await requireUnit(ctx, auth, orgUnitId);
  const rows = await usersAbove(auth.scope, ctx.db, unit.path);
  return {
    items: rows.filter(mayAct).map((a) => ({ id: a.id, name: a.display_name, unitName: a.unit_name, title: a.title, isHead: userHolds(a.roles, 'unit:head') })),
  };
}

// ---- writes ----

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail?: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'dispute', targetId, ip, detail);
}

const STALE = '该记录已被他人修改，请刷新后再操作（您的操作未保存）';
const CLOSED = '该矛盾纠纷已销号，不能再修改';

function checkOpen(d: DisputeRow): void {
  if (d.status !== 'open') throw new AppError(409, 'CLOSED', CLOSED);
}
function checkVersion(d: DisputeRow, version: number): void {
  if (version !== d.version) throw conflict(STALE);
}
function notAfterToday(ctx: AppContext, value: string, field: string, label: string): void {
  if (value > today(ctx)) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
}

async function checkParties(ctx: AppContext, auth: AuthContext, parties: DisputeParty[]): Promise<DisputeParty[]> {
  const ids = [...new Set(parties.map((p) => p.recipientId).filter((x): x is string => !!x))];
  const found = new Map((await recipientsInScope(auth.scope, ctx.db, ids)).map((r) => [r.id, r.name]));
  return parties.map((p, i) => {
    if (p.recipientId && !found.has(p.recipientId)) throw badRequest('关联的服务对象不存在或不在您的管辖范围内', [{ path: `parties.${i}.recipientId`, message: '服务对象不存在' }]);
    return { name: p.name, recipientId: p.recipientId };
  });
}

export async function createDispute(ctx: AppContext, auth: AuthContext, input: DisputeCreate, ip: Ip): Promise<DisputeDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  notAfterToday(ctx, input.foundOn, 'foundOn', '排查日期');
  if (input.deadline < input.foundOn) throw badRequest('化解时限不能早于排查日期', [{ path: 'deadline', message: '不能早于排查日期' }]);
  await checkPeople(ctx.db, auth.scope, unit.path, input.responsibleUserId, input.leaderUserId);
  const parties = await checkParties(ctx, auth, input.parties);
  const at = ctx.clock.now().toISOString();
  const payload: DisputePayload = {
    foundOn: input.foundOn,
    riskLevel: input.riskLevel,
    responsibleUserId: input.responsibleUserId,
    leaderUserId: input.leaderUserId,
    deadline: input.deadline,
    plan: input.plan,
    note: input.note,
    closedOn: null,
    closedBy: null,
    result: '',
  };
  const linked = parties.find((p) => p.recipientId);
  const id = await transaction(ctx.db, async (trx) => {
    // the unit as it is now, under the tree lock: the case and the row store its path
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const caseId = await openCase(trx, ctx, auth, {
      type: DISPUTE_CASE_TYPE,
      owner: stored,
      subject: linked?.recipientId ? { type: 'recipient', id: linked.recipientId } : undefined,
      title: `矛盾纠纷：${parties.map((p) => p.name).join('、')}`,
      payload,
      status: 'open',
      action: 'register',
      // the ledger facts; the state columns are the kernel's mirror, written right after
      record: (rowId) =>
        insertDispute(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          found_on: input.foundOn,
          method: input.method,
          parties: JSON.stringify(parties),
          summary: input.summary,
          risk_level: input.riskLevel,
          responsible_user_id: input.responsibleUserId,
          leader_user_id: input.leaderUserId,
          deadline: input.deadline,
          plan: input.plan,
          status: 'open',
          result: '',
          closed_on: null,
          closed_by: null,
          note: input.note,
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await audit(trx, ctx, auth, 'dispute.create', caseId, ip, `${unit.name} ${input.foundOn} ${disputeMethodLabels[input.method]} ${riskLevelLabels[input.riskLevel]}：${parties.map((p) => p.name).join('、')}`);
    return caseId;
  });
  return disputeDetail(ctx, auth, id);
}

/**
 * Runs one action of the dispute's case. The module's own refusals come first, with its words
 * (closed, not yours to close, stale); the kernel then checks everything again in its transaction,
 * runs the action, logs it with its data, writes the mirror and the audit entry.
 */
async function act(ctx: AppContext, auth: AuthContext, id: string, action: 'progress' | 'plan' | 'close', version: number, data: Record<string, unknown>, comment: string, ip: Ip): Promise<DisputeDetail> {
  const d = await requireDispute(ctx, auth, id);
  checkOpen(d);
  if (action === 'close' && !mayClose(auth, d)) throw forbidden('只有责任人或单位负责人可以销号');
  checkVersion(d, version);
  await performAction(ctx, auth, id, { action, comment, version, data }, ip);
  return disputeDetail(ctx, auth, id);
}

export async function updateDisputePlan(ctx: AppContext, auth: AuthContext, id: string, input: DisputeUpdate, ip: Ip): Promise<DisputeDetail> {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'plan', version, data, '', ip);
}

export async function addProgress(ctx: AppContext, auth: AuthContext, id: string, input: DisputeProgressCreate, ip: Ip): Promise<DisputeDetail> {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'progress', version, data, '', ip);
}

export async function closeDispute(ctx: AppContext, auth: AuthContext, id: string, input: DisputeClose, ip: Ip): Promise<DisputeDetail> {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'close', version, data, input.result, ip);
}

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, action: AuditAction, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, action, null, ip, detail));
}

// ---- the monthly summary ----

export function monthBounds(month: string): { start: string; end: string } {
  const start = `${month}-01`;
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { start, end: shiftDay(next, -1) };
}

function zero(): CountsBy {
  return { found: 0, closed: 0, open: 0 };
}
function emptyRow(orgUnitId: string, orgUnitName: string, ownLevel: boolean): SummaryRow {
  return {
    orgUnitId,
    orgUnitName,
    ownLevel,
    total: zero(),
    byRisk: Object.fromEntries(riskLevels.map((r) => [r, zero()])) as SummaryRow['byRisk'],
    byMethod: Object.fromEntries(disputeMethods.map((m) => [m, zero()])) as SummaryRow['byMethod'],
  };
}
function addTo(c: CountsBy, n: CountsBy): void {
  c.found += n.found;
  c.closed += n.closed;
  c.open += n.open;
}

function checkMonth(ctx: AppContext, month: string): void {
  if (month > today(ctx).slice(0, 7)) throw badRequest('不能统计未来的月份', [{ path: 'month', message: '不能是未来的月份' }]);
}

/** Found, closed and open (at the month's end) per child unit, by risk and method. */
export async function monthlySummary(ctx: AppContext, auth: AuthContext, orgUnitId: string, month: string): Promise<DisputeSummary> {
  checkMonth(ctx, month);
  const unit = await requireUnit(ctx, auth, orgUnitId);
  const { start, end } = monthBounds(month);
  const children = await childUnits(auth.scope, ctx.db, unit.id);
  const counts = await summaryCounts(auth.scope, ctx.db, unit, start, end);
  const rows = new Map<string, SummaryRow>();
  const own = emptyRow(unit.id, `${unit.name}（本级）`, true);
  for (const c of children) rows.set(c.id, emptyRow(c.id, c.name, false));
  const total = emptyRow(unit.id, '合计', false);
  for (const c of counts) {
    const row = (c.child_id ? rows.get(c.child_id) : own) ?? own;
    const n = { found: c.found, closed: c.closed, open: c.open };
    for (const target of [row, total]) {
      addTo(target.total, n);
      if ((riskLevels as readonly string[]).includes(c.risk_level)) addTo(target.byRisk[c.risk_level as RiskLevel], n);
      if ((disputeMethods as readonly string[]).includes(c.method)) addTo(target.byMethod[c.method as DisputeMethod], n);
    }
  }
  const list = [...rows.values()];
  if (own.total.found + own.total.closed + own.total.open > 0 || !children.length) list.push(own);
  return { orgUnitId: unit.id, orgUnitName: unit.name, month, rows: list, total };
}

function toSubmissionDto(s: SubmissionRow): SubmissionDto {
  return {
    id: s.id,
    orgUnitId: s.org_unit_id,
    orgUnitName: s.org_unit_name,
    month: s.month,
    submittedByName: s.submitted_by_name,
    submittedAt: s.submitted_at,
    revision: s.revision,
    summary: JSON.parse(s.summary) as DisputeSummary,
  };
}

/** Submits the caller's own unit's summary of a month up; submitting again replaces it (revision + 1). */
export async function submitSummary(ctx: AppContext, auth: AuthContext, month: string, ip: Ip): Promise<SubmissionDto> {
  const summary = await monthlySummary(ctx, auth, auth.unit.id, month);
  const at = ctx.clock.now().toISOString();
  const existing = await submissionOf(auth.scope, ctx.db, auth.unit.id, month);
  await transaction(ctx.db, async (trx) => {
    const patch = { summary: JSON.stringify(summary), submitted_by: auth.userId, submitted_by_name: auth.displayName, submitted_at: at };
    if (existing) {
      const n = await replaceSubmission(auth.scope, trx, existing.id, existing.revision, patch);
      if (n !== 1) throw conflict('该月报刚被他人重新上报，请刷新后再操作');
    } else {
      try {
        await insertSubmission(auth.scope, trx, { id: newId(), ...placedAt(await unitForWrite(trx, ctx.dialect, auth.scope, auth.unit.id)), month, revision: 1, ...patch });
      } catch (e) {
        if (String((e as Error).message).match(/unique|duplicate/i)) throw conflict('该月报刚被他人上报，请刷新后再操作');
        throw e;
      }
    }
    await audit(trx, ctx, auth, 'dispute.submit', null, ip, `${auth.unit.name} ${month}：排查 ${summary.total.total.found}，销号 ${summary.total.total.closed}，在办 ${summary.total.total.open}`);
  });
  const s = await submissionOf(auth.scope, ctx.db, auth.unit.id, month);
  return toSubmissionDto(s!);
}

/** A unit's own submission of a month and each child's (or that it is missing). */
export async function submissionStatus(ctx: AppContext, auth: AuthContext, orgUnitId: string, month: string): Promise<SubmissionStatus> {
  const unit = await requireUnit(ctx, auth, orgUnitId);
  const children = await childUnits(auth.scope, ctx.db, unit.id);
  const subs = await submissionsOf(auth.scope, ctx.db, [unit.id, ...children.map((c) => c.id)], month);
  const byUnit = new Map(subs.map((s) => [s.org_unit_id, toSubmissionDto(s)]));
  const list = children.map((c) => ({ orgUnitId: c.id, orgUnitName: c.name, submission: byUnit.get(c.id) ?? null }));
  return { orgUnitId: unit.id, month, own: byUnit.get(unit.id) ?? null, children: list, missing: list.filter((c) => !c.submission).length };
}
