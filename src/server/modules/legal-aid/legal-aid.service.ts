// Legal aid 法律援助 (seed Part 10): the application of Part 10 二 for a registry recipient with the
// route advised by 四(二)(三); referral 转介 to an entry of the directory, its acknowledgement 回执
// (a kernel deadline), follow-up entries and the closing 案结事了 (四(四)). Each application is a case
// of the kernel (legal-aid.cases.ts): its status changes only through the case's actions, its
// history is the case's log, the kernel writes the mirror columns and keeps the due day. Every
// write is versioned (a stale version is refused with 409) and audited. The directory 名录 of
// partner institutions is plain rows kept by a unit (normally the county).
import { today } from '../../platform/clock';
import { hasPermission } from '../../../shared/permissions';
import {
  legalAidMatterKindLabels,
  legalAidPartnerKindLabels,
  legalAidRouteLabels,
  type LegalAidAck,
  type LegalAidClose,
  type LegalAidCreate,
  type LegalAidDetail,
  type LegalAidDto,
  type LegalAidFigures,
  type LegalAidFiguresQuery,
  type LegalAidFollowUp,
  type LegalAidFollowUpEntry,
  type LegalAidLedgerQuery,
  type LegalAidListQuery,
  type LegalAidPartnerDto,
  type LegalAidPartnerInput,
  type LegalAidPartnerQuery,
  type LegalAidPartnerUpdate,
  type LegalAidRefer,
} from '../../../shared/schemas/legal-aid';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { publish } from '../../platform/events';
import { newId } from '../../platform/ids';
import { pathInScope, pathIsWithin } from '../../platform/jurisdiction';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { labelUnitNamesUnscoped } from '../../platform/unit-labels.repo';
import { openCase, performActionOfType, readCaseLog } from '../../cases/cases.service';
import { LEGAL_AID_CASE_TYPE, type LegalAidPayload } from './legal-aid.cases';
import { legalAidOpened } from './legal-aid.events';
import {
  getLegalAid,
  insertLegalAid,
  insertPartner,
  legalAidFigureRows,
  childUnitsInScope,
  splitByChild,
  listLegalAid,
  listPartners,
  partnerInScope,
  partnerVisibleTo,
  recipientInScope,
  updatePartner,
  type LegalAidFilter,
  type LegalAidRow,
  type PartnerRow,
} from './legal-aid.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

export function toLegalAidDto(r: LegalAidRow, todayDay: string): LegalAidDto {
  const waiting = r.status === 'referred';
  const marks = dayDueMarks(r.ack_due_day, todayDay);
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    recipientIdMasked: r.recipient_id_masked,
    appliedOn: r.applied_on,
    matterKind: r.matter_kind as LegalAidDto['matterKind'],
    matter: r.matter,
    opposingParty: r.opposing_party,
    claims: r.claims,
    priorSteps: r.prior_steps === 1,
    route: r.route as LegalAidDto['route'],
    status: r.status as LegalAidDto['status'],
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    referredOn: r.referred_on,
    ackDueDay: r.ack_due_day,
    acknowledgedOn: r.acknowledged_on,
    ackReceiver: r.ack_receiver,
    followUpCount: Number(r.follow_up_count),
    closedOn: r.closed_on,
    outcomeKind: r.outcome_kind as LegalAidDto['outcomeKind'],
    outcome: r.outcome,
    ackOverdue: waiting && marks.overdue,
    ackDueSoon: waiting && marks.dueSoon,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// ---- reads ----

export async function requireLegalAid(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<LegalAidRow> {
  const r = await getLegalAid(auth.scope, db, id);
  if (!r) throw notFound('法律援助案件');
  return r;
}

export async function legalAidDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<LegalAidDetail> {
  const r = await requireLegalAid(ctx, auth, id);
  const log = await readCaseLog(auth.scope, ctx.db, id);
  const followUps = log
    .filter((l) => l.action === 'followUp')
    .map((l): LegalAidFollowUpEntry => {
      const d = l.data as { on: string; progress: string };
      return { on: d.on, progress: d.progress, actorName: l.actorName, at: l.at };
    });
  return { ...toLegalAidDto(r, today(ctx)), followUps, log, canEdit: r.status !== 'closed' && hasPermission(auth.roles, 'legalAid:write') };
}

export async function legalAidFilter(ctx: AppContext, auth: AuthContext, q: LegalAidLedgerQuery): Promise<LegalAidFilter> {
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    recipientId: q.recipientId,
    status: q.status,
    route: q.route,
    matterKind: q.matterKind,
    partnerId: q.partnerId,
    ackOverdue: q.ackOverdue === undefined ? undefined : q.ackOverdue === 'true',
    today: today(ctx),
  };
}

export async function searchLegalAid(ctx: AppContext, auth: AuthContext, q: LegalAidListQuery) {
  const f = await legalAidFilter(ctx, auth, q);
  const r = await listLegalAid(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
  const t = today(ctx);
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, r.items.map((x) => toLegalAidDto(x, t))), page: q.page, pageSize: q.pageSize };
}

export async function legalAidFigures(ctx: AppContext, auth: AuthContext, q: LegalAidFiguresQuery): Promise<LegalAidFigures> {
  const unit = await requireUnit(ctx, auth, q.orgUnitId ?? auth.unit.id);
  const period = q.from && q.to ? { from: q.from, to: q.to } : undefined;
  const [rows, children] = await Promise.all([legalAidFigureRows(auth.scope, ctx.db, unit.path, today(ctx), period), childUnitsInScope(auth.scope, ctx.db, unit.id)]);
  const byStatus: Record<string, number> = {};
  const byRoute: Record<string, number> = {};
  let total = 0;
  for (const g of rows.groups) {
    total += g.n;
    byStatus[g.status] = (byStatus[g.status] ?? 0) + g.n;
    byRoute[g.route] = (byRoute[g.route] ?? 0) + g.n;
  }
  const closed = byStatus.closed ?? 0;
  return {
    from: period?.from ?? null,
    to: period?.to ?? null,
    unitName: unit.name,
    closedInPeriod: rows.closed,
    byUnit: splitByChild(unit, children, rows.byPath, ['applied', 'closed'] as const, (r, k) => r[k]),
    total,
    open: total - closed,
    closed,
    byStatus,
    byRoute,
    ackOnTime: rows.onTime,
    ackLate: rows.late,
    ackOverdueOpen: rows.overdue,
  };
}

// ---- writes ----

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, 'legal-aid.export', 'legal-aid', null, ip, detail));
}

/**
 * Registers an application for a registry recipient of the caller's range, under a unit of the
 * range that holds the person (the person's own unit or one above it). One opened from a visit's
 * follow-up publishes it, and visits closes the follow-up as passed on.
 */
export async function createLegalAid(ctx: AppContext, auth: AuthContext, input: LegalAidCreate, ip: Ip): Promise<LegalAidDetail> {
  const recipient = await recipientInScope(auth.scope, ctx.db, input.recipientId);
  if (!recipient) throw notFound('服务对象');
  if (recipient.status === 'draft' || recipient.status === 'returned') throw badRequest('该服务对象的信息尚未审核入库，请先完成信息采集', [{ path: 'recipientId', message: '尚未入库' }]);
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!pathIsWithin(recipient.org_path, unit.path)) throw badRequest('法律援助申请须由服务对象所在单位或其上级单位登记', [{ path: 'orgUnitId', message: '不是服务对象所在单位或其上级' }]);
  if (input.appliedOn > today(ctx)) throw badRequest('申请日期不能晚于今天', [{ path: 'appliedOn', message: '不能晚于今天' }]);
  const at = ctx.clock.now().toISOString();
  const payload: LegalAidPayload = {
    recipientId: recipient.id,
    appliedOn: input.appliedOn,
    matterKind: input.matterKind,
    route: input.route,
    priorSteps: input.priorSteps,
    partnerId: null,
    referredOn: null,
    acknowledgedOn: null,
    ackReceiver: '',
    followUpCount: 0,
    closedOn: null,
    ackWorkingDays: null,
    outcomeKind: null,
    outcome: '',
  };
  const id = await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const caseId = await openCase(trx, ctx, auth, {
      type: LEGAL_AID_CASE_TYPE,
      owner: stored,
      subject: { type: 'recipient', id: recipient.id },
      title: `法律援助：${recipient.name}（${legalAidMatterKindLabels[input.matterKind]}）`,
      payload,
      status: 'registered',
      action: 'open',
      data: { matter: input.matter, claims: input.claims, route: input.route },
      record: (rowId) =>
        insertLegalAid(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          recipient_id: recipient.id,
          applied_on: input.appliedOn,
          matter_kind: input.matterKind,
          matter: input.matter,
          opposing_party: input.opposingParty,
          claims: input.claims,
          prior_steps: input.priorSteps ? 1 : 0,
          route: input.route,
          status: 'registered',
          partner_id: null,
          referred_on: null,
          ack_due_day: null,
          acknowledged_on: null,
          ack_receiver: '',
          follow_up_count: 0,
          closed_on: null,
          outcome_kind: null,
          outcome: '',
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await auditAction(trx, ctx, auth, 'legal-aid.create', 'legal-aid', caseId, ip, `${unit.name} ${recipient.name} ${legalAidMatterKindLabels[input.matterKind]}，建议途径：${legalAidRouteLabels[input.route]}`);
    await publish(trx, ctx, legalAidOpened, { caseId, recipientId: recipient.id, orgUnit: { id: stored.id, path: stored.path }, fromFollowUpId: input.fromFollowUpId, auth, ip, at });
    return caseId;
  });
  return legalAidDetail(ctx, auth, id);
}

type ActionName = 'refer' | 'acknowledge' | 'followUp' | 'close';

/** Runs one action of the case; the kernel refuses in the case type's words (not found, closed, stale). */
async function act(ctx: AppContext, auth: AuthContext, id: string, action: ActionName, version: number, data: Record<string, unknown>, comment: string, ip: Ip): Promise<LegalAidDetail> {
  await performActionOfType(ctx, auth, LEGAL_AID_CASE_TYPE, id, { action, comment, version, data }, ip);
  return legalAidDetail(ctx, auth, id);
}

export async function referLegalAid(ctx: AppContext, auth: AuthContext, id: string, input: LegalAidRefer, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'refer', version, data, input.note, ip);
}
export async function acknowledgeLegalAid(ctx: AppContext, auth: AuthContext, id: string, input: LegalAidAck, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'acknowledge', version, data, input.note, ip);
}
export async function followUpLegalAid(ctx: AppContext, auth: AuthContext, id: string, input: LegalAidFollowUp, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'followUp', version, data, '', ip);
}
export async function closeLegalAid(ctx: AppContext, auth: AuthContext, id: string, input: LegalAidClose, ip: Ip) {
  const { version, ...data } = input;
  return act(ctx, auth, id, 'close', version, data, input.outcome, ip);
}

// ---- the directory 名录 ----

export function toPartnerDto(auth: AuthContext, p: PartnerRow): LegalAidPartnerDto {
  return {
    id: p.id,
    version: p.version,
    orgUnitId: p.org_unit_id,
    orgUnitName: p.org_unit_name,
    name: p.name,
    kind: p.kind as LegalAidPartnerDto['kind'],
    address: p.address,
    phone: p.phone,
    lawyers: p.lawyers,
    areas: p.areas,
    active: p.active === 1,
    canEdit: pathInScope(auth.scope, p.org_path) && hasPermission(auth.roles, 'legalAid:write'),
    updatedAt: p.updated_at,
  };
}

export async function searchPartners(ctx: AppContext, auth: AuthContext, q: LegalAidPartnerQuery) {
  const forUnitPath = q.forUnitId ? (await requireUnit(ctx, auth, q.forUnitId)).path : undefined;
  const rows = await listPartners(auth.scope, ctx.db, { forUnitPath, kind: q.kind, active: q.active === undefined ? undefined : q.active === 'true' });
  return { items: rows.map((p) => toPartnerDto(auth, p)) };
}

export async function partnerDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<LegalAidPartnerDto> {
  const p = await partnerVisibleTo(auth.scope, ctx.db, id);
  if (!p) throw notFound('法律援助机构');
  return toPartnerDto(auth, p);
}

export async function createPartner(ctx: AppContext, auth: AuthContext, input: LegalAidPartnerInput, ip: Ip): Promise<LegalAidPartnerDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertPartner(auth.scope, trx, {
      id,
      ...placedAt(stored),
      name: input.name,
      kind: input.kind,
      address: input.address,
      phone: input.phone,
      lawyers: input.lawyers,
      areas: input.areas,
      active: 1,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await auditAction(trx, ctx, auth, 'legal-aid-partner.create', 'legal-aid-partner', id, ip, `${unit.name} ${legalAidPartnerKindLabels[input.kind]} ${input.name}`);
  });
  return partnerDetail(ctx, auth, id);
}

export async function changePartner(ctx: AppContext, auth: AuthContext, id: string, input: LegalAidPartnerUpdate, ip: Ip): Promise<LegalAidPartnerDto> {
  const p = await partnerInScope(auth.scope, ctx.db, id);
  if (!p) throw notFound('法律援助机构');
  if (p.version !== input.version) throw conflict('该机构信息已被他人修改，请刷新后再操作（您的修改未保存）');
  await transaction(ctx.db, async (trx) => {
    const done = await updatePartner(auth.scope, trx, id, input.version, {
      name: input.name,
      kind: input.kind,
      address: input.address,
      phone: input.phone,
      lawyers: input.lawyers,
      areas: input.areas,
      active: input.active ? 1 : 0,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!done) throw conflict('该机构信息已被他人修改，请刷新后再操作（您的修改未保存）');
    await auditAction(trx, ctx, auth, 'legal-aid-partner.update', 'legal-aid-partner', id, ip, `${p.org_unit_name} ${input.name}${input.active ? '' : '（停用）'}`);
  });
  return partnerDetail(ctx, auth, id);
}
