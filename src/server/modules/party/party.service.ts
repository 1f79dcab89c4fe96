// Party members 退役军人党员 (seed §16, Part 3 四(六)): branches 党支部 kept by units, each member's
// branch and joined day, the members without a branch, and the organisation transfer 组织关系转接
// (a kernel case, party.cases.ts: its status changes only through the case's actions, its history is
// the case's log, the kernel writes the mirror columns and keeps the due day). Every write is
// versioned (a stale version is refused with 409) and audited.
import { today } from '../../platform/clock';
import { hasPermission } from '../../../shared/permissions';
import {
  partyBranchKindLabels,
  type PartyBranchDto,
  type PartyBranchInput,
  type PartyBranchQuery,
  type PartyBranchUpdate,
  type PartyMemberDto,
  type PartyMemberLedgerQuery,
  type PartyMemberQuery,
  type PartyMembershipInput,
  type PartyOfRecipient,
  type PartyTransferCancel,
  type PartyTransferComplete,
  type PartyTransferCreate,
  type PartyTransferDetail,
  type PartyTransferDto,
  type PartyTransferFigures,
  type PartyTransferFiguresQuery,
  type PartyTransferLedgerQuery,
  type PartyTransferReport,
} from '../../../shared/schemas/party';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import { periodDays } from '../../../shared/rules/periods';
import { transaction } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathInScope, pathIsWithin } from '../../platform/jurisdiction';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { openCase, performActionOfType, readCaseLog } from '../../cases/cases.service';
import { PARTY_TRANSFER_CASE_TYPE, type PartyTransferPayload } from './party.cases';
import { transferDaysFor } from './party.settings';
import {
  PARTY_POLITICAL_STATUSES,
  branchForPerson,
  branchInScope,
  branchVisibleTo,
  childUnitsOf,
  doneTransfersIn,
  getTransfer,
  insertBranch,
  insertTransfer,
  listBranches,
  listMembers,
  listTransfers,
  memberInScope,
  openTransferOf,
  overdueOpenCount,
  recipientInScope,
  updateBranch,
  writeMembership,
  type BranchRow,
  type MemberFilter,
  type MemberRow,
  type TransferFilter,
  type TransferRow,
} from './party.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

export async function auditPartyExport(ctx: AppContext, auth: AuthContext, action: 'party-member.export' | 'party-transfer.export', ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, action, action === 'party-member.export' ? 'party-member' : 'party-transfer', null, ip, detail));
}

const mayWrite = (auth: AuthContext) => hasPermission(auth.roles, 'party:write');

// ---- branches 党支部 ----

export function toBranchDto(auth: AuthContext, b: BranchRow): PartyBranchDto {
  return {
    id: b.id,
    version: b.version,
    orgUnitId: b.org_unit_id,
    orgUnitName: b.org_unit_name,
    name: b.name,
    kind: b.kind as PartyBranchDto['kind'],
    secretary: b.secretary,
    contact: b.contact,
    active: b.active === 1,
    memberCount: Number(b.member_count ?? 0),
    canEdit: pathInScope(auth.scope, b.org_path) && mayWrite(auth),
    updatedAt: b.updated_at,
  };
}

export async function searchBranches(ctx: AppContext, auth: AuthContext, q: PartyBranchQuery) {
  const forUnitPath = q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined;
  const rows = await listBranches(auth.scope, ctx.db, { forUnitPath, active: q.active === undefined ? undefined : q.active === 'true' });
  return { items: rows.map((b) => toBranchDto(auth, b)) };
}

export async function branchDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<PartyBranchDto> {
  const b = await branchVisibleTo(auth.scope, ctx.db, id);
  if (!b) throw notFound('党支部');
  return toBranchDto(auth, b);
}

export async function createBranch(ctx: AppContext, auth: AuthContext, input: PartyBranchInput, ip: Ip): Promise<PartyBranchDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertBranch(auth.scope, trx, {
      id,
      ...placedAt(stored),
      name: input.name,
      kind: input.kind,
      secretary: input.secretary,
      contact: input.contact,
      active: 1,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await auditAction(trx, ctx, auth, 'party-branch.create', 'party-branch', id, ip, `${unit.name} ${partyBranchKindLabels[input.kind]} ${input.name}`);
  });
  return branchDetail(ctx, auth, id);
}

const STALE_BRANCH = '该党支部信息已被他人修改，请刷新后再操作（您的修改未保存）';

export async function changeBranch(ctx: AppContext, auth: AuthContext, id: string, input: PartyBranchUpdate, ip: Ip): Promise<PartyBranchDto> {
  const b = await branchInScope(auth.scope, ctx.db, id);
  if (!b) throw notFound('党支部');
  if (b.version !== input.version) throw conflict(STALE_BRANCH);
  await transaction(ctx.db, async (trx) => {
    const done = await updateBranch(auth.scope, trx, id, input.version, {
      name: input.name,
      kind: input.kind,
      secretary: input.secretary,
      contact: input.contact,
      active: input.active ? 1 : 0,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!done) throw conflict(STALE_BRANCH);
    await auditAction(trx, ctx, auth, 'party-branch.update', 'party-branch', id, ip, `${b.org_unit_name} ${input.name}${input.active ? '' : '（停用）'}`);
  });
  return branchDetail(ctx, auth, id);
}

// ---- members 党员 ----

export function toMemberDto(m: MemberRow): PartyMemberDto {
  return {
    recipientId: m.recipient_id,
    name: m.name,
    idMasked: m.id_number_masked,
    orgUnitId: m.org_unit_id,
    orgUnitName: m.org_unit_name,
    kind: PARTY_POLITICAL_STATUSES[m.political_status as keyof typeof PARTY_POLITICAL_STATUSES],
    joinedOn: m.joined_on,
    branchId: m.branch_id,
    branchName: m.branch_name,
    version: Number(m.version ?? 0),
    openTransferId: m.open_transfer_id,
  };
}

export async function memberFilter(ctx: AppContext, auth: AuthContext, q: PartyMemberLedgerQuery): Promise<MemberFilter> {
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    branchId: q.branchId,
    withoutBranch: q.withoutBranch === undefined ? undefined : q.withoutBranch === 'true',
    kind: q.kind,
    name: q.name || undefined,
  };
}

export async function searchMembers(ctx: AppContext, auth: AuthContext, q: PartyMemberQuery) {
  const f = await memberFilter(ctx, auth, q);
  const r = await listMembers(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map(toMemberDto), page: q.page, pageSize: q.pageSize };
}

/** The party panel of a recipient's page: membership (null when the registry's 政治面貌 is not a party member) and transfers. */
export async function partyOfRecipient(ctx: AppContext, auth: AuthContext, recipientId: string): Promise<PartyOfRecipient> {
  const r = await recipientInScope(auth.scope, ctx.db, recipientId);
  if (!r) throw notFound('服务对象');
  const m = await memberInScope(auth.scope, ctx.db, recipientId);
  const t = today(ctx);
  const list = await listTransfers(auth.scope, ctx.db, { recipientId, today: t, page: 1, pageSize: 50 });
  return { member: m ? toMemberDto(m) : null, transfers: list.items.map((x) => toTransferDto(x, t)), canEdit: mayWrite(auth) };
}

/** Places a member in a branch of the member's unit or above (or none) and records the joined day. */
export async function setMembership(ctx: AppContext, auth: AuthContext, recipientId: string, input: PartyMembershipInput, ip: Ip): Promise<PartyOfRecipient> {
  const m = await memberInScope(auth.scope, ctx.db, recipientId);
  if (!m) {
    if (await recipientInScope(auth.scope, ctx.db, recipientId)) throw badRequest('该服务对象在信息采集中登记的政治面貌不是中共党员（预备党员），请先在信息采集中更正', [{ path: 'recipientId', message: '不是党员' }]);
    throw notFound('服务对象');
  }
  if (input.joinedOn && input.joinedOn > today(ctx)) throw badRequest('入党日期不能晚于今天', [{ path: 'joinedOn', message: '不能晚于今天' }]);
  if (m.open_transfer_id && input.branchId !== m.branch_id) throw conflict('该党员的组织关系正在转接中，转接完成后支部自动变更，请勿手工修改');
  let branchName = '（未编入支部）';
  if (input.branchId) {
    const b = await branchForPerson(auth.scope, ctx.db, input.branchId, m.org_path);
    if (!b) throw badRequest('所选党支部须是党员所在单位或其上级单位的党支部', [{ path: 'branchId', message: '不可选的党支部' }]);
    if (b.active !== 1 && b.id !== m.branch_id) throw badRequest(`“${b.name}”已停用，不能编入`, [{ path: 'branchId', message: '党支部已停用' }]);
    branchName = b.name;
  }
  await transaction(ctx.db, async (trx) => {
    const done = await writeMembership(auth.scope, trx, recipientId, input.version, { joined_on: input.joinedOn, branch_id: input.branchId, updated_by: auth.userId, updated_at: ctx.clock.now().toISOString() });
    if (!done) throw conflict('该党员信息已被他人修改，请刷新后再操作（您的修改未保存）');
    await auditAction(trx, ctx, auth, 'party-member.update', 'recipient', recipientId, ip, `${m.org_unit_name} ${m.name} → ${branchName}${input.joinedOn ? `，入党日期 ${input.joinedOn}` : ''}`);
  });
  return partyOfRecipient(ctx, auth, recipientId);
}

// ---- organisation transfers 组织关系转接 ----

export function toTransferDto(r: TransferRow, todayDay: string): PartyTransferDto {
  const open = r.status === 'issued' || r.status === 'reported';
  const marks = dayDueMarks(r.due_day, todayDay);
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    recipientIdMasked: r.recipient_id_masked,
    fromBranchId: r.from_branch_id,
    fromName: r.from_name,
    toBranchId: r.to_branch_id,
    toName: r.to_name,
    letterNo: r.letter_no,
    letterIssuedOn: r.letter_issued_on,
    limitDays: Number(r.limit_days),
    status: r.status as PartyTransferDto['status'],
    dueDay: r.due_day,
    reportedOn: r.reported_on,
    doneOn: r.done_on,
    overdue: open && marks.overdue,
    dueSoon: open && marks.dueSoon,
    onTime: r.status === 'done' && r.done_on && r.due_day ? r.done_on <= r.due_day : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function requireTransfer(ctx: AppContext, auth: AuthContext, id: string): Promise<TransferRow> {
  const r = await getTransfer(auth.scope, ctx.db, id);
  if (!r) throw notFound('组织关系转接');
  return r;
}

export async function transferDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<PartyTransferDetail> {
  const r = await requireTransfer(ctx, auth, id);
  const log = await readCaseLog(auth.scope, ctx.db, id);
  const open = r.status === 'issued' || r.status === 'reported';
  return { ...toTransferDto(r, today(ctx)), log, canEdit: open && mayWrite(auth) };
}

export async function transferFilter(ctx: AppContext, auth: AuthContext, q: PartyTransferLedgerQuery): Promise<TransferFilter> {
  const period = q.donePeriod ? periodDays(q.donePeriod) : null;
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    recipientId: q.recipientId,
    status: q.status,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    doneFrom: period?.from,
    doneTo: period?.to,
    onTime: q.onTime === undefined ? undefined : q.onTime === 'true',
    today: today(ctx),
  };
}

export async function searchTransfers(ctx: AppContext, auth: AuthContext, q: PartyTransferLedgerQuery & { page: number; pageSize: number }) {
  const f = await transferFilter(ctx, auth, q);
  const r = await listTransfers(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map((x) => toTransferDto(x, f.today)), page: q.page, pageSize: q.pageSize };
}

/**
 * Opens a transfer for a party member of the caller's range, under a unit of the range that holds the
 * person. The from-branch defaults to nothing chosen: a branch of the tree (seen by the caller) or a
 * named organisation outside it; likewise the to-branch. One open transfer per member.
 */
export async function createTransfer(ctx: AppContext, auth: AuthContext, input: PartyTransferCreate, ip: Ip): Promise<PartyTransferDetail> {
  const m = await memberInScope(auth.scope, ctx.db, input.recipientId);
  if (!m) {
    if (await recipientInScope(auth.scope, ctx.db, input.recipientId)) throw badRequest('该服务对象不是已入库的中共党员（预备党员），不能办理组织关系转接', [{ path: 'recipientId', message: '不是党员' }]);
    throw notFound('服务对象');
  }
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!pathIsWithin(m.org_path, unit.path)) throw badRequest('组织关系转接须由党员所在单位或其上级单位办理', [{ path: 'orgUnitId', message: '不是党员所在单位或其上级' }]);
  if (input.letterIssuedOn > today(ctx)) throw badRequest('介绍信开具日期不能晚于今天', [{ path: 'letterIssuedOn', message: '不能晚于今天' }]);
  if (m.open_transfer_id) throw conflict('该党员已有正在办理的组织关系转接，请先办结或撤销');
  let fromName = input.fromName;
  if (input.fromBranchId) {
    const b = await branchVisibleTo(auth.scope, ctx.db, input.fromBranchId);
    if (!b) throw badRequest('转出支部不存在或不可见', [{ path: 'fromBranchId', message: '不可选的党支部' }]);
    fromName = b.name;
  }
  let toName = input.toName;
  if (input.toBranchId) {
    const b = await branchVisibleTo(auth.scope, ctx.db, input.toBranchId);
    if (!b) throw badRequest('转入支部不存在或不可见；系统外的党组织请填写名称', [{ path: 'toBranchId', message: '不可选的党支部' }]);
    if (b.active !== 1) throw badRequest(`“${b.name}”已停用，不能转入`, [{ path: 'toBranchId', message: '党支部已停用' }]);
    toName = b.name;
  }
  const limitDays = await transferDaysFor(ctx.db, unit.path);
  const at = ctx.clock.now().toISOString();
  const payload: PartyTransferPayload = {
    recipientId: m.recipient_id,
    fromBranchId: input.fromBranchId,
    toBranchId: input.toBranchId,
    letterIssuedOn: input.letterIssuedOn,
    limitDays,
    reportedOn: null,
    doneOn: null,
  };
  const id = await transaction(ctx.db, async (trx) => {
    if (await openTransferOf(trx, m.recipient_id)) throw conflict('该党员已有正在办理的组织关系转接，请先办结或撤销');
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const caseId = await openCase(trx, ctx, auth, {
      type: PARTY_TRANSFER_CASE_TYPE,
      owner: stored,
      subject: { type: 'recipient', id: m.recipient_id },
      title: `组织关系转接：${m.name}（${fromName} → ${toName}）`,
      payload,
      status: 'issued',
      action: 'open',
      data: { letterNo: input.letterNo, letterIssuedOn: input.letterIssuedOn, fromName, toName, note: input.note },
      record: (rowId) =>
        insertTransfer(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          recipient_id: m.recipient_id,
          from_branch_id: input.fromBranchId,
          from_name: fromName,
          to_branch_id: input.toBranchId,
          to_name: toName,
          letter_no: input.letterNo,
          letter_issued_on: input.letterIssuedOn,
          limit_days: limitDays,
          status: 'issued',
          due_day: null,
          reported_on: null,
          done_on: null,
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await auditAction(trx, ctx, auth, 'party-transfer.create', 'party-transfer', caseId, ip, `${unit.name} ${m.name} ${fromName} → ${toName}，介绍信 ${input.letterNo}`);
    return caseId;
  });
  return transferDetail(ctx, auth, id);
}

type ActionName = 'report' | 'complete' | 'cancel';

async function act(ctx: AppContext, auth: AuthContext, id: string, action: ActionName, version: number, data: Record<string, unknown>, comment: string, ip: Ip): Promise<PartyTransferDetail> {
  await performActionOfType(ctx, auth, PARTY_TRANSFER_CASE_TYPE, id, { action, comment, version, data }, ip);
  return transferDetail(ctx, auth, id);
}

export async function reportTransfer(ctx: AppContext, auth: AuthContext, id: string, input: PartyTransferReport, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'report', version, data, input.note, ip);
}
export async function completeTransfer(ctx: AppContext, auth: AuthContext, id: string, input: PartyTransferComplete, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'complete', version, data, input.note, ip);
}
export async function cancelTransfer(ctx: AppContext, auth: AuthContext, id: string, input: PartyTransferCancel, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'cancel', version, data, input.reason, ip);
}

/**
 * Transfers done in the period, by child unit of the chosen unit (a row 本级 for the unit's own):
 * each row is what the list gives with `orgUnitId` = the row's unit, `donePeriod` and `onTime`.
 */
export async function transferFigures(ctx: AppContext, auth: AuthContext, q: PartyTransferFiguresQuery): Promise<PartyTransferFigures> {
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : await requireUnit(ctx, auth, auth.unit.id);
  const days = periodDays(q.period);
  if (!days) throw badRequest('期间格式应为 YYYY-MM、YYYY-Q1 至 Q4 或 YYYY', [{ path: 'period', message: '期间格式不正确' }]);
  const children = await childUnitsOf(auth.scope, ctx.db, unit.id);
  const rows = [{ orgUnitId: unit.id, orgUnitName: `${unit.name}（本级）`, path: unit.path, done: 0, onTime: 0, late: 0 }, ...children.map((c) => ({ orgUnitId: c.id, orgUnitName: c.name, path: c.path, done: 0, onTime: 0, late: 0 }))];
  for (const t of await doneTransfersIn(auth.scope, ctx.db, unit.path, days.from, days.to)) {
    const row = rows.slice(1).find((r) => pathIsWithin(t.org_path, r.path)) ?? rows[0];
    row.done++;
    if (t.on_time) row.onTime++;
    else row.late++;
  }
  const total = { done: 0, onTime: 0, late: 0 };
  for (const r of rows) {
    total.done += r.done;
    total.onTime += r.onTime;
    total.late += r.late;
  }
  return {
    orgUnitId: unit.id,
    period: q.period,
    rows: rows.map(({ path: _path, ...r }) => r),
    total,
    overdueOpen: await overdueOpenCount(auth.scope, ctx.db, unit.path, today(ctx)),
  };
}
