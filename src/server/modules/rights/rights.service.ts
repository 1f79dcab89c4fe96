// Rights cases 权益维护 (seed Part 9): opened at the desk, from a petition of the caller's range or
// from a visit's follow-up; every step is an action of the case (rights.cases.ts) run by the
// kernel, which logs, audits, keeps the due day and writes the mirror columns of rights_cases.
import { today } from '../../platform/clock';
import {
  RIGHTS_CASE_TYPE,
  rightsKindLabels,
  rightsKinds,
  rightsStatusLabels,
  type RightsAction,
  type RightsActionBody,
  type RightsCreate,
  type RightsDetail,
  type RightsFigures,
  type RightsFiguresQuery,
  type RightsLedgerQuery,
  type RightsListItem,
  type RightsListQuery,
} from '../../../shared/schemas/rights';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { publish } from '../../platform/events';
import { pathIsWithin } from '../../platform/jurisdiction';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { labelUnitNamesUnscoped } from '../../platform/unit-labels.repo';
import { availableActions, openCase, performAction, readCaseLog } from '../../cases/cases.service';
import { getCase } from '../../cases/cases.repo';
import { caseSupervisions } from '../../cases/supervision';
import { dueDayWith, holidayTable } from '../../cases/deadlines';
import { petitionInRange } from '../petitions';
import { rightsPayload, type RightsPayload } from './rights.cases';
import { rightsCaseOpened } from './rights.events';
import { caseFilesOf } from '../../cases/case-files.repo';
import { toCaseFileDto } from '../../cases/case-files';
import { getRightsCase, insertRightsCase, listRightsCases, recipientInScope, rightsFigureRows, type RightsFilter, type RightsRow } from './rights.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

export function toRightsItem(r: RightsRow, todayDay: string): RightsListItem {
  const open = r.status === 'verifying' || r.status === 'supervising';
  const marks = dayDueMarks(r.due_day, todayDay);
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    recipientIdMasked: r.recipient_id_masked,
    kind: r.kind as RightsListItem['kind'],
    partyKind: r.party_kind as RightsListItem['partyKind'],
    partyName: r.party_name,
    source: r.source_kind as RightsListItem['source'],
    openedOn: r.opened_on,
    status: r.status as RightsListItem['status'],
    statusLabel: rightsStatusLabels[r.status as RightsListItem['status']] ?? r.status,
    dueDay: open ? r.due_day : null,
    overdue: open && marks.overdue,
    dueSoon: open && marks.dueSoon,
    conclusion: r.conclusion as RightsListItem['conclusion'],
    noticeCount: Number(r.notice_count),
    closedOn: r.closed_on,
    outcome: r.outcome as RightsListItem['outcome'],
    onTime: r.on_time === null ? null : Number(r.on_time) === 1,
    updatedAt: r.updated_at,
  };
}

export async function requireRightsCase(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<RightsRow> {
  const r = await getRightsCase(auth.scope, db, id);
  if (!r) throw notFound('权益维护案件');
  return r;
}

export async function rightsDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<RightsDetail> {
  const r = await requireRightsCase(ctx, auth, id);
  const t = today(ctx);
  const p = rightsPayload.parse(JSON.parse(r.payload));
  const [log, supervisions, c, evidence] = await Promise.all([readCaseLog(auth.scope, ctx.db, id), caseSupervisions(auth.scope, ctx.db, id, t), getCase(auth.scope, ctx.db, id), caseFilesOf(auth.scope, ctx.db, id, 'evidence')]);
  const table = await holidayTable(ctx);
  return {
    ...toRightsItem(r, t),
    policy: p.policy,
    facts: p.facts,
    request: p.request,
    sourceId: p.sourceId,
    verification: p.verification,
    notices: p.notices.map((n) => ({ ...n, dueDay: dueDayWith(table, n.sentOn, { days: n.replyDays, kind: 'working' }) })),
    contacts: log
      .filter((l) => l.action === 'contact')
      .map((l) => {
        const d = l.data as { contactedOn: string; contactWith: string; way: string; content: string };
        return { contactedOn: d.contactedOn, contactWith: d.contactWith, way: d.way, content: d.content, actorName: l.actorName };
      }),
    escalations: p.escalations.map((e) => ({ fromUnitName: e.fromUnitName, toUnitName: e.toUnitName, on: e.on, reason: e.reason })),
    explanation: p.explanation,
    reports: log
      .filter((l) => l.action === 'reportUp')
      .map((l) => {
        const d = l.data as { reportedOn: string; reportTo: string; suggestion: string };
        return { reportedOn: d.reportedOn, reportTo: d.reportTo, suggestion: d.suggestion, actorName: l.actorName };
      }),
    result: p.result,
    supervisions,
    evidence: evidence.map(toCaseFileDto),
    log,
    actions: c ? availableActions(c, auth).map((a) => ({ name: a.name as RightsAction, label: a.label })) : [],
  };
}

export async function rightsFilter(ctx: AppContext, auth: AuthContext, q: RightsLedgerQuery): Promise<RightsFilter> {
  if (q.openedFrom && q.openedTo && q.openedFrom > q.openedTo) throw badRequest('结束日期不能早于开始日期', [{ path: 'openedTo', message: '不能早于开始日期' }]);
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    recipientId: q.recipientId,
    status: q.status,
    kind: q.kind,
    partyKind: q.partyKind,
    open: q.open === undefined ? undefined : q.open === 'true',
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    openedFrom: q.openedFrom,
    openedTo: q.openedTo,
    today: today(ctx),
  };
}

export async function searchRightsCases(ctx: AppContext, auth: AuthContext, q: RightsListQuery) {
  const f = await rightsFilter(ctx, auth, q);
  const r = await listRightsCases(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
  const t = today(ctx);
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, r.items.map((x) => toRightsItem(x, t))), page: q.page, pageSize: q.pageSize };
}

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail?: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'rights-case', targetId, ip, detail);
}

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'rights.export', null, ip, detail));
}

/**
 * Opens a rights case for a registry recipient of the caller's range, under the person's unit or one
 * above it. From a petition: the petition must be in the caller's range, and of the same person when
 * it is linked to one. From a follow-up: visits closes it as passed on (in the same transaction).
 */
export async function createRightsCase(ctx: AppContext, auth: AuthContext, input: RightsCreate, ip: Ip): Promise<RightsDetail> {
  if (input.fromPetitionId && input.fromFollowUpId) throw badRequest('一个案件只能来自一件信访事项或一项走访后续事项', [{ path: 'fromFollowUpId', message: '不能同时填写' }]);
  const recipient = await recipientInScope(auth.scope, ctx.db, input.recipientId);
  if (!recipient) throw notFound('服务对象');
  if (recipient.status === 'draft' || recipient.status === 'returned') throw badRequest('该服务对象的信息尚未审核入库，请先完成信息采集', [{ path: 'recipientId', message: '尚未入库' }]);
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!pathIsWithin(recipient.org_path, unit.path)) throw badRequest('权益维护案件须由服务对象所在单位或其上级单位办理', [{ path: 'orgUnitId', message: '不是服务对象所在单位或其上级' }]);
  const t = today(ctx);
  if (input.openedOn > t) throw badRequest('登记日期不能晚于今天', [{ path: 'openedOn', message: '不能晚于今天' }]);
  let petitionNo: string | null = null;
  if (input.fromPetitionId) {
    const p = await petitionInRange(ctx, auth, input.fromPetitionId);
    if (p.recipientId && p.recipientId !== recipient.id) throw badRequest('该信访事项关联的不是此服务对象', [{ path: 'fromPetitionId', message: '不是此服务对象的信访事项' }]);
    petitionNo = p.registrationNo;
  }
  const source = input.fromPetitionId ? 'petition' : input.fromFollowUpId ? 'followUp' : 'desk';
  const sourceId = input.fromPetitionId ?? input.fromFollowUpId ?? null;
  const at = ctx.clock.now().toISOString();
  const payload: RightsPayload = rightsPayload.parse({
    recipientId: recipient.id,
    kind: input.kind,
    policy: input.policy,
    partyKind: input.partyKind,
    partyName: input.partyName,
    facts: input.facts,
    request: input.request,
    source,
    sourceId,
    openedOn: input.openedOn,
  });
  const id = await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const caseId = await openCase(trx, ctx, auth, {
      type: RIGHTS_CASE_TYPE,
      owner: stored,
      subject: { type: 'recipient', id: recipient.id },
      title: `权益维护：${recipient.name}（${rightsKindLabels[input.kind]}，${input.partyName}）`,
      payload,
      status: 'verifying',
      action: 'open',
      data: { source, sourceId, petitionNo, partyName: input.partyName, request: input.request },
      record: (rowId) =>
        insertRightsCase(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          recipient_id: recipient.id,
          kind: input.kind,
          party_kind: input.partyKind,
          party_name: input.partyName,
          facts: input.facts,
          request: input.request,
          source_kind: source,
          source_id: sourceId,
          opened_on: input.openedOn,
          status: 'verifying',
          due_day: null,
          conclusion: null,
          notice_count: 0,
          closed_on: null,
          outcome: null,
          on_time: null,
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await audit(trx, ctx, auth, 'rights.create', caseId, ip, `${unit.name} ${recipient.name} ${rightsKindLabels[input.kind]} ${input.partyName}${petitionNo ? `（信访 ${petitionNo}）` : ''}`);
    await publish(trx, ctx, rightsCaseOpened, { caseId, recipientId: recipient.id, orgUnit: { id: stored.id, path: stored.path }, fromFollowUpId: input.fromFollowUpId, auth, ip, at });
    return caseId;
  });
  return rightsDetail(ctx, auth, id);
}

/**
 * Runs one action of the case: the module's own refusals first (closed, stale), then the kernel
 * checks everything again in its transaction and runs it.
 */
export async function runRightsAction(ctx: AppContext, auth: AuthContext, id: string, body: RightsActionBody, ip: Ip): Promise<RightsDetail> {
  const r = await requireRightsCase(ctx, auth, id);
  if (r.status === 'closed' || (r.status === 'explained' && body.action !== 'reportUp')) throw new AppError(409, 'CLOSED', `该案件${rightsStatusLabels[r.status]}，不能再办理`);
  if (body.version !== r.version) throw conflict('该案件已被他人办理，请刷新后再操作（您的操作未保存）');
  const { action, comment, version, ...data } = body;
  await performAction(ctx, auth, id, { action, comment, version, data }, ip);
  return rightsDetail(ctx, auth, id);
}

export async function rightsFigures(ctx: AppContext, auth: AuthContext, q: RightsFiguresQuery): Promise<RightsFigures> {
  if (q.from > q.to) throw badRequest('结束日期不能早于开始日期', [{ path: 'to', message: '不能早于开始日期' }]);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const { totals, byKind } = await rightsFigureRows(auth.scope, ctx.db, unit.path, q.from, q.to, today(ctx));
  const n = (v: unknown) => Number(v ?? 0);
  const kinds = new Map(byKind.map((k) => [k.kind, n(k.n)]));
  return {
    from: q.from,
    to: q.to,
    opened: n(totals.opened),
    closed: n(totals.closed),
    closedOnTime: n(totals.closed_on_time),
    closedLate: n(totals.closed) - n(totals.closed_on_time),
    open: n(totals.open),
    openOverdue: n(totals.open_overdue),
    byKind: rightsKinds.map((k) => ({ kind: k, label: rightsKindLabels[k], opened: kinds.get(k) ?? 0 })),
  };
}
