// Assistance applications 帮扶援助申请 (seed Part 6 三, §28, SPEC §5): opened for a registry
// recipient of the caller's range under a village or township (or county) unit that holds the
// person; everything after the opening is an action of the case (assistance.cases.ts): the
// kernel checks state, permission, range and version, logs, writes the mirror and audits.
import { today } from '../../platform/clock';
import {
  ASSISTANCE_CASE_TYPE,
  assistanceFormLabels,
  assistanceGroundLabels,
  assistanceGroundShort,
  monthsBefore,
  type AssistanceAction,
  type AssistanceCreate,
  type AssistanceDetail,
  type AssistanceDto,
  type AssistanceFigures,
  type AssistanceForm,
  type AssistanceGround,
  type AssistanceListQuery,
  type AssistanceStatus,
  type PublicAidList,
} from '../../../shared/schemas/assistance';
import { maskNameForNotice } from '../../../shared/schemas/public-notice';
import { periodDays } from '../../../shared/rules/periods';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import type { Db } from '../../db/client';
import { transaction, type Tx } from '../../db/transaction';
import type { FieldCrypto } from '../../platform/crypto';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { publish } from '../../platform/events';
import { pathIsWithin } from '../../platform/jurisdiction';
import { userHolds } from '../../platform/roles';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { caseDetail, openCase, performAction } from '../../cases/cases.service';
import { prevDto, repeatAidRefusal, type AssistancePayload } from './assistance.cases';
import { assistanceOpened } from './assistance.events';
import { sealNarrativeUnscoped, unsealedNarrativesUnscoped, aidByChild, aidFigures, chainUnitsUnscoped, getAid, insertAid, listAid, previousAidUnscoped, publicAidUnscoped, publicUnitUnscoped, recipientInScope, referralsOf, verifiersFor, type AidFilter, type AidRow } from './assistance.repo';
import { approvalLimitOf, assistanceSettingsOf } from './assistance.settings';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

export function toAidDto(r: AidRow): AssistanceDto {
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    recipientIdMasked: r.recipient_id_masked,
    ground: r.ground as AssistanceGround,
    status: r.status as AssistanceStatus,
    openedOn: r.opened_on,
    monthlyIncomeFen: Number(r.monthly_income_fen),
    members: Number(r.members),
    form: (r.form as AssistanceForm | null) ?? null,
    amountFen: Number(r.amount_fen),
    goodsValueFen: Number(r.goods_value_fen),
    decidedOn: r.decided_on,
    verified: Number(r.verified) === 1,
    waitingUnitName: r.waiting_unit_name,
    dueDay: r.due_day,
    repeatReason: r.repeat_reason,
    source: r.source === 'online' ? 'online' : 'staff',
    repeatFlagged: Number(r.repeat_flagged) === 1,
    updatedAt: r.updated_at,
  };
}

// ---- reads ----

export async function requireAid(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<AidRow> {
  const r = await getAid(auth.scope, db, id);
  if (!r) throw notFound('帮扶援助申请');
  return r;
}

/** The kernel's per-state names (refer_review …) shown as one. */
const publicName = (name: string) => name.replace(/_(verifying|review|notice|followUp|closed)$/, '');

/** The narrative in clear for a reader in range: the row's ciphertext (a row written before 0036 and not yet sealed: the payload's). */
export function narrativeOf(ctx: AppContext, row: Pick<AidRow, 'narrative_enc' | 'payload'>): string {
  return row.narrative_enc ? ctx.crypto.decrypt(row.narrative_enc) : ((JSON.parse(row.payload) as Pick<AssistancePayload, 'narrative'>).narrative ?? '');
}

export async function aidDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<AssistanceDetail> {
  const row = await requireAid(ctx, auth, id);
  const c = await caseDetail(ctx, auth, id);
  const p = c.payload as unknown as AssistancePayload;
  const settings = await assistanceSettingsOf(ctx.db);
  const referrals = await referralsOf(auth.scope, ctx.db, [id]);
  const fromDay = monthsBefore(p.openedOn, settings.repeatMonths);
  const previous = await previousAidUnscoped(ctx.db, row.household_key, fromDay, id);
  const waitingLevel = row.status === 'review' ? (p.steps[p.stepIndex]?.level ?? '') : '';
  const limit = approvalLimitOf(settings, waitingLevel);
  const seen = new Set<string>();
  const actions = c.actions
    .map((a) => ({ ...a, name: publicName(a.name) }))
    .filter((a) => (seen.has(a.name) ? false : (seen.add(a.name), true)));
  return {
    ...toAidDto(row),
    policies: p.policies,
    narrative: narrativeOf(ctx, row),
    place: p.place,
    verifications: p.verifications,
    opinions: p.opinions,
    decision: p.decision,
    notice: p.notice,
    returnVisit: p.returnVisit,
    referrals: referrals.map((r) => ({ id: r.id, agency: r.agency as 'dibao', referredOn: r.referred_on, note: r.note, outcome: r.outcome, outcomeOn: r.outcome_on })),
    steps: p.steps,
    stepIndex: p.stepIndex,
    previousAid: previous.map(prevDto),
    actions,
    approvalLimitFen: limit === undefined ? null : limit,
    log: c.log,
  };
}

export async function aidFilter(ctx: AppContext, auth: AuthContext, q: Omit<AssistanceListQuery, 'page' | 'pageSize' | 'sort' | 'order'>): Promise<AidFilter> {
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    recipientId: q.recipientId,
    status: q.status,
    ground: q.ground,
    form: q.form,
  };
}

export async function searchAid(ctx: AppContext, auth: AuthContext, q: AssistanceListQuery) {
  const f = await aidFilter(ctx, auth, q);
  const r = await listAid(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
  return { ...r, items: r.items.map(toAidDto), page: q.page, pageSize: q.pageSize };
}

/** Who may verify an application of this unit: assistance staff at the unit or above, or below it in the caller's range. */
export async function verifierCandidates(ctx: AppContext, auth: AuthContext, orgUnitId: string) {
  const unit = await requireUnit(ctx, auth, orgUnitId);
  const rows = await verifiersFor(auth.scope, ctx.db, unit.path);
  return { items: rows.filter((u) => userHolds(u.roles, 'assistance:write')).map((u) => ({ id: u.id, name: u.display_name, unitName: u.unit_name })) };
}

// ---- writes ----

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail?: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'assistance', targetId, ip, detail);
}

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'assistance.export', null, ip, detail));
}

export const OWNER_LEVELS = ['village', 'township', 'county'];

/**
 * Opens an application for a registered recipient of the caller's range under a village,
 * township or county unit that holds the person. Aid approved for the same household (else the
 * same person) within the repeat period refuses the opening (409, the previous aid listed)
 * unless the request says why (`repeatReason`, kept on the case).
 */
export async function createAid(ctx: AppContext, auth: AuthContext, input: AssistanceCreate, ip: Ip): Promise<AssistanceDetail> {
  const recipient = await recipientInScope(auth.scope, ctx.db, input.recipientId);
  if (!recipient) throw notFound('服务对象');
  if (recipient.status !== 'registered') throw badRequest('该服务对象的信息尚未审核入库，请先完成信息采集', [{ path: 'recipientId', message: '尚未入库' }]);
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!OWNER_LEVELS.includes(unit.level)) throw badRequest('帮扶援助申请由村（社区）、乡镇（街道）或县级服务中心（站）受理', [{ path: 'orgUnitId', message: '请选择村、乡镇或县级单位' }]);
  if (!pathIsWithin(recipient.org_path, unit.path)) throw badRequest('帮扶援助申请须由服务对象所在单位或其上级单位受理', [{ path: 'orgUnitId', message: '不是服务对象所在单位或其上级' }]);
  const t = today(ctx);
  const settings = await assistanceSettingsOf(ctx.db);
  const householdKey = recipient.household_id ?? recipient.id;
  const previous = await previousAidUnscoped(ctx.db, householdKey, monthsBefore(t, settings.repeatMonths));
  if (previous.length && !input.repeatReason) throw repeatAidRefusal(previous, settings.repeatMonths);
  const place = recipient.unit_level === 'grid' ? (recipient.parent_name ?? recipient.unit_name) : recipient.unit_name;
  const at = ctx.clock.now().toISOString();
  const id = await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const chain = (await chainUnitsUnscoped(trx, stored.path)).filter((u) => OWNER_LEVELS.includes(u.level));
    const steps = chain.map((u) => ({ id: u.id, name: u.name, level: u.level }));
    const payload: AssistancePayload = {
      recipientId: recipient.id,
      recipientName: recipient.name,
      place,
      ground: input.ground,
      monthlyIncomeFen: input.monthlyIncomeFen,
      members: input.members,
      policies: input.policies,
      source: 'staff',
      repeatFlagged: false,
      repeatReason: previous.length ? input.repeatReason : null,
      openedOn: t,
      steps,
      stepIndex: 0,
      verifications: [],
      opinions: [],
      decision: null,
      notice: null,
      returnVisit: null,
    };
    const caseId = await openCase(trx, ctx, auth, {
      type: ASSISTANCE_CASE_TYPE,
      owner: stored,
      subject: { type: 'recipient', id: recipient.id },
      title: `帮扶援助：${recipient.name}（${assistanceGroundShort[input.ground]}）`,
      payload,
      status: 'verifying',
      action: 'open',
      data: { ground: input.ground, monthlyIncomeFen: input.monthlyIncomeFen, members: input.members, repeatReason: payload.repeatReason },
      record: (rowId) =>
        insertAid(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          recipient_id: recipient.id,
          household_key: householdKey,
          ground: input.ground,
          place,
          monthly_income_fen: input.monthlyIncomeFen,
          members: input.members,
          opened_on: t,
          status: 'verifying',
          verified: 0,
          form: null,
          amount_fen: 0,
          goods_value_fen: 0,
          approved: 0,
          decided_on: null,
          notice_start: null,
          notice_end: null,
          repeat_reason: payload.repeatReason,
          source: 'staff',
          public_account_id: null,
          repeat_flagged: 0,
          narrative_enc: ctx.crypto.encrypt(input.narrative),
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await audit(trx, ctx, auth, 'assistance.create', caseId, ip, `${unit.name} ${recipient.name} ${assistanceGroundLabels[input.ground]}${payload.repeatReason ? `（重复申请：${payload.repeatReason}）` : ''}`);
    await publish(trx, ctx, assistanceOpened, { caseId, recipientId: recipient.id, orgUnit: { id: stored.id, path: stored.path }, fromFollowUpId: input.fromFollowUpId, auth, ip, at });
    return caseId;
  });
  return aidDetail(ctx, auth, id);
}

const PER_STATE = new Set(['refer', 'referralOutcome']);

/** Runs one action of the application's case; `refer` and `referralOutcome` take the state's own name. */
export async function actOnAid(ctx: AppContext, auth: AuthContext, id: string, body: AssistanceAction, ip: Ip): Promise<AssistanceDetail> {
  const row = await requireAid(ctx, auth, id);
  const action = PER_STATE.has(body.action) ? `${body.action}_${row.status}` : body.action;
  if (PER_STATE.has(body.action) && row.status === 'rejected') throw new AppError(409, 'REJECTED', '该申请已决定不予援助，不能再转介');
  await performAction(ctx, auth, id, { action, comment: body.comment, version: body.version, data: body.data as Record<string, unknown> | undefined }, ip);
  return aidDetail(ctx, auth, id);
}

// ---- figures and the public list ----

function periodRange(period: string): { from: string; to: string } {
  const r = periodDays(period);
  if (!r) throw badRequest('期间格式应为 YYYY、YYYY-MM 或 YYYY-Qn', [{ path: 'period', message: '期间格式不正确' }]);
  return r;
}

/** Aid approved in a period under the caller's unit (or one below it): by unit, ground and form, count and amount (money + goods value). */
export async function figuresOf(ctx: AppContext, auth: AuthContext, period: string, orgUnitId?: string): Promise<AssistanceFigures> {
  const { from, to } = periodRange(period);
  const unit = orgUnitId ? await requireUnit(ctx, auth, orgUnitId) : await requireUnit(ctx, auth, auth.unit.id);
  const [grounds, forms, byChild] = await Promise.all([
    aidFigures(auth.scope, ctx.db, unit.path, from, to, 'ground'),
    aidFigures(auth.scope, ctx.db, unit.path, from, to, 'form'),
    aidByChild(auth.scope, ctx.db, unit, from, to),
  ]);
  const total = grounds.reduce((s, r) => ({ count: s.count + r.count, amountFen: s.amountFen + r.amount }), { count: 0, amountFen: 0 });
  const byUnit = byChild.children.map((c) => {
    const rs = byChild.rows.filter((r) => pathIsWithin(r.path, c.path));
    return { key: c.id, label: c.name, count: rs.reduce((s, r) => s + r.count, 0), amountFen: rs.reduce((s, r) => s + r.amount, 0) };
  });
  const own = byChild.rows.filter((r) => r.path === unit.path);
  if (own.length) byUnit.unshift({ key: unit.id, label: `${unit.name}（本级）`, count: own.reduce((s, r) => s + r.count, 0), amountFen: own.reduce((s, r) => s + r.amount, 0) });
  return {
    period,
    unitName: unit.name,
    total,
    byUnit,
    byGround: grounds.map((r) => ({ key: r.key, label: assistanceGroundShort[r.key as AssistanceGround] ?? r.key, count: r.count, amountFen: r.amount })),
    byForm: forms.map((r) => ({ key: r.key, label: assistanceFormLabels[r.key as AssistanceForm] ?? r.key, count: r.count, amountFen: r.amount })),
  };
}

/** The public 公示 list of a unit and period (§28): masked name, village, ground, form, amount — nothing else. */
export async function publicAidList(ctx: AppContext, unitId: string, period: string): Promise<PublicAidList> {
  const { from, to } = periodRange(period);
  const unit = await publicUnitUnscoped(ctx.db, unitId);
  if (!unit) throw notFound('单位');
  const rows = await publicAidUnscoped(ctx.db, unit.path, from, to);
  return {
    unitName: unit.name,
    period,
    items: rows.map((r) => ({
      maskedName: maskNameForNotice(r.name),
      place: r.place,
      ground: assistanceGroundShort[r.ground as AssistanceGround] ?? '',
      form: r.form ? assistanceFormLabels[r.form as AssistanceForm] : '',
      amountFen: Number(r.amount_fen) + Number(r.goods_value_fen),
      noticeStart: r.notice_start,
      noticeEnd: r.notice_end,
    })),
  };
}

// ---- the narrative at rest ----

/**
 * Rows written before migration 0036 kept the narrative 困难情况 in clear in the case payload: at
 * start each gets it encrypted into `narrative_enc` and the clear text removed from the payload, one
 * application per transaction (a row already sealed is left alone, so two starting instances agree).
 * Run by boot.ts after migrating; idempotent and cheap once done (one query finding nothing).
 */
export async function sealAidNarratives(db: Db, crypto: FieldCrypto): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = await unsealedNarrativesUnscoped(db, 200);
    if (!rows.length) return sealed;
    for (const r of rows) {
      const { narrative, ...rest } = JSON.parse(r.payload) as { narrative?: string } & Record<string, unknown>;
      if (await transaction(db, (trx) => sealNarrativeUnscoped(trx, r.id, crypto.encrypt(narrative ?? ''), JSON.stringify(rest)))) sealed++;
    }
  }
}
