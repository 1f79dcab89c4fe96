// The applicant's side of applications 办件 (issue 13): the public query by 办件编号 and query code
// (no account; rate-limited; a wrong code and an unknown number are the same 404, both audited),
// the veteran's online application with their public account (the same receiving path as staff,
// source 'online'), and their own applications. A public account's application is the linked
// registry person's (ID number hash AND mobile hash match); an account the registry does not know
// starts a collection record 信息采集 (a draft recipient in the chosen village, SPEC §2), and the
// application is that record's. What the applicant sees: item, stages with their units, next
// step, 公示 period, decision — a masked name, never an ID number or phone.
import { timingSafeEqual } from 'node:crypto';
import { maskName } from '../../../shared/rules/mask';
import {
  applicationStatusLabels,
  type ApplicationQueryBody,
  type ApplicationStatus,
  type PublicApplicationView,
  type PublicApplyBody,
  type PublicApplyCreated,
  type PublicOwnApplication,
} from '../../../shared/schemas/applications';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import type { SystemDb } from '../../db/system';
import { transaction, type Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { accountForUse, type PublicAuthContext } from '../public-accounts';
import { personOfIdHashUnscoped, registryLinkOfIdHashUnscoped, startCollectionIn } from '../recipients';
import { applicationPayload, type ApplicationPayload } from './applications.cases';
import {
  applicationByQueryCodeUnscoped,
  applicationOfOwnerUnscoped,
  applicationPayloadUnscoped,
  applicationsOfOwnerUnscoped,
  villageUnscoped,
  type ApplicantOwner,
  type ApplicationRow,
} from './applications.repo';
import { applicationCodeHash, createApplicationIn } from './applications.service';

type Ip = string | null;

/** The next step an applicant reads, by stage (the waiting unit named where there is one). */
export function nextStepText(status: ApplicationStatus, stepLabel: string, dueDay: string | null, waitingUnit: string | null = null): string | null {
  const by = dueDay ? `（最迟 ${dueDay}）` : '';
  switch (status) {
    case 'returned':
      return '材料需补正：请按告知补齐材料后到服务站办理';
    case 'review':
      return `${waitingUnit ? `${waitingUnit}：` : ''}${stepLabel || '审核'}中${by}`;
    case 'notice':
      return `公示中${dueDay ? `，至 ${dueDay}` : ''}`;
    case 'deciding':
      return `县级中心审批中${by}`;
    case 'approved':
      return '已批准，请按通知领取办理结果';
    default:
      return null;
  }
}

function parsed(payload: string): ApplicationPayload {
  return applicationPayload.parse(JSON.parse(payload));
}

/** What an applicant may see of an application. */
export function publicViewOf(row: ApplicationRow, p: ApplicationPayload): PublicApplicationView {
  const status = row.status as ApplicationStatus;
  const open = !row.closed_on;
  const inReview = status === 'review';
  const steps = p.item.steps.map((s, i) => {
    const opinion = [...p.opinions].reverse().find((o) => o.stepIndex === i);
    const current = i === p.stepIndex && (inReview || status === 'returned');
    return {
      label: s.label,
      unitName: p.stepUnits[i]?.name ?? '',
      state: current ? ('current' as const) : opinion ? ('done' as const) : ('waiting' as const),
      day: opinion && !current ? opinion.day : null,
    };
  });
  const collecting = row.recipient_status !== 'registered';
  const waitingUnit = inReview ? (p.stepUnits[p.stepIndex]?.name ?? null) : null;
  const next = nextStepText(status, row.step_label, open ? row.due_day : null, waitingUnit);
  return {
    registrationNo: row.registration_no,
    itemName: row.item_name,
    unitName: row.org_unit_name,
    applicantName: maskName(row.recipient_name),
    openedOn: row.opened_on,
    source: row.source === 'online' ? 'online' : 'staff',
    status,
    statusLabel: applicationStatusLabels[status] ?? row.status,
    steps,
    nextStep: collecting && open && next ? `${next}；您的信息采集正在办理，经审核入库后方可批准` : next,
    dueDay: open ? row.due_day : null,
    missingTold: status === 'returned' ? p.missingTold : [],
    notice: p.notice ? { startDay: p.notice.startDay, endDay: p.notice.endDay } : null,
    decision: p.decision ? { approved: p.decision.approved, day: p.decision.day, reason: p.decision.reason } : null,
    resultDocument: p.item.resultDocument,
    closedOn: row.closed_on,
    collecting,
  };
}

async function viewOf(db: SystemDb | Tx, row: ApplicationRow): Promise<PublicApplicationView> {
  const payload = await applicationPayloadUnscoped(db, row.id);
  if (!payload) throw notFound('办件');
  return publicViewOf(row, parsed(payload));
}

async function audit(trx: Tx, ctx: AppContext, e: { action: AuditAction; accountId: string | null; orgUnitId: string | null; targetId: string | null; result: 'success' | 'failure'; ip: Ip; detail?: string }) {
  await appendAudit(trx, {
    at: ctx.clock.now().toISOString(),
    userId: null,
    username: e.accountId ? `public:${e.accountId}` : null,
    orgUnitId: e.orgUnitId,
    action: e.action,
    targetType: 'application',
    targetId: e.targetId,
    result: e.result,
    ip: e.ip,
    detail: e.detail ?? null,
  });
}

const NOT_FOUND_MESSAGE = '未找到该办件，请核对办件编号和查询码';
const DUMMY = '0'.repeat(64);

/**
 * One application by its number and query code, or the same 404 for a wrong code or an unknown
 * number: one lookup by the code's keyed hash, the number compared in constant time (as keyed
 * hashes of equal length), every query audited.
 */
export async function queryApplication(ctx: AppContext, q: ApplicationQueryBody, ip: Ip): Promise<PublicApplicationView> {
  const db = ctx.db;
  const row = await applicationByQueryCodeUnscoped(db, applicationCodeHash(ctx, q.code));
  const stored = Buffer.from(row?.registration_no ? ctx.crypto.lookupHash(`application-no:${row.registration_no}`) : DUMMY);
  const given = Buffer.from(ctx.crypto.lookupHash(`application-no:${q.number}`));
  const match = !!row && stored.length === given.length && timingSafeEqual(stored, given);
  await transaction(ctx.db, (trx) =>
    audit(trx, ctx, {
      action: 'public.application-query',
      accountId: null,
      orgUnitId: match ? row.org_unit_id : null,
      targetId: match ? row.id : null,
      result: match ? 'success' : 'failure',
      ip,
      detail: match ? undefined : '办件编号或查询码不符',
    }),
  );
  if (!match || !row) throw new AppError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
  return viewOf(db, row);
}

/**
 * The kernel's actor for a public account applying online: scoped to the applicant's unit (their
 * record's), holding no permission; the case type has no action a public actor may take.
 */
function publicActor(accountId: string, unit: { id: string; path: string }): AuthContext {
  const id = `public:${accountId}`;
  return {
    sessionId: '',
    csrfToken: '',
    stage: 'active',
    userId: id,
    username: id,
    displayName: '网上申请人',
    roles: [],
    permissions: [],
    unit: { id: '', name: '网上申请', level: 'county', code: '', path: unit.path },
    scope: { userId: id, orgUnitId: unit.id, path: unit.path },
    passwordChangedAt: '',
    totpEnabled: false,
  };
}

async function ownerOf(ctx: AppContext, pub: PublicAuthContext): Promise<ApplicantOwner> {
  const a = await accountForUse(ctx, pub);
  const link = await registryLinkOfIdHashUnscoped(ctx.db, a.idHash, a.phoneHash);
  return { accountId: a.id, recipientId: link?.id ?? null };
}

/**
 * 在线申请: the applicant is the linked registry person; else their record in collection (same ID
 * number and mobile); else a new collection record 信息采集 in the chosen village. Then the same
 * receiving path as staff (the item's snapshot at the applicant's unit), source 'online'.
 */
export async function applyOnline(ctx: AppContext, pub: PublicAuthContext, body: PublicApplyBody, ip: Ip): Promise<PublicApplyCreated> {
  const account = await accountForUse(ctx, pub);
  const created = await transaction(ctx.db, async (trx) => {
    let recipientId: string;
    let unitId: string;
    const link = await registryLinkOfIdHashUnscoped(trx, account.idHash, account.phoneHash);
    const known = link ? null : await personOfIdHashUnscoped(trx, account.idHash);
    if (link) {
      const p = await personOfIdHashUnscoped(trx, account.idHash);
      recipientId = link.id;
      unitId = p!.org_unit_id;
    } else if (known) {
      // the ID number is on record: only with the same mobile (the account's ID number is checked for form only)
      if (known.phone_hash !== account.phoneHash)
        throw new AppError(409, 'PHONE_MISMATCH', '您的身份证号已在服务对象档案中登记，但手机号码与档案不一致：请到村（社区）服务站核对手机号码后再在线申请');
      recipientId = known.id;
      unitId = known.org_unit_id;
    } else {
      const village = await villageUnscoped(trx, body.orgUnitId);
      if (!village || village.level !== 'village') throw badRequest('请选择您所在的村（社区）', [{ path: 'orgUnitId', message: '请选择村（社区）' }]);
      const actor = publicActor(account.id, village);
      const started = await startCollectionIn(
        ctx,
        actor,
        trx,
        {
          orgUnitId: village.id,
          name: account.name,
          idNumber: ctx.crypto.decrypt(account.idNumberEnc),
          phone: ctx.crypto.decrypt(account.phoneEnc),
          notes: '本人网上申请办件时建立的信息采集记录：人员类别等信息待工作人员核实补全后提交审核',
        },
        ip,
      );
      recipientId = started.id;
      unitId = started.unitId;
    }
    const unit = await unitForWriteUnscoped(trx, ctx.dialect, unitId);
    const actor = publicActor(account.id, unit);
    const made = await createApplicationIn(trx, ctx, actor, { recipientId, itemId: body.itemId, received: body.received, channel: 'online', note: '', fromFollowUpId: null, publicAccountId: account.id }, ip);
    await audit(trx, ctx, { action: 'public.application-apply', accountId: account.id, orgUnitId: unit.id, targetId: made.id, result: 'success', ip, detail: made.registrationNo });
    return made;
  });
  const db = ctx.db;
  const row = await applicationOfOwnerUnscoped(db, { accountId: account.id, recipientId: null }, created.id);
  return { ...(await viewOf(db, row!)), id: created.id, queryCode: created.queryCode };
}

/** The account's own applications (online ones and the linked person's), newest first. */
export async function ownApplications(ctx: AppContext, pub: PublicAuthContext): Promise<{ items: PublicOwnApplication[] }> {
  const db = ctx.db;
  const rows = await applicationsOfOwnerUnscoped(db, await ownerOf(ctx, pub), 50);
  return { items: await Promise.all(rows.map(async (r) => ({ ...(await viewOf(db, r)), id: r.id }))) };
}

/** One of the account's own applications; another's is 404. */
export async function ownApplication(ctx: AppContext, pub: PublicAuthContext, id: string): Promise<PublicOwnApplication> {
  const db = ctx.db;
  const row = await applicationOfOwnerUnscoped(db, await ownerOf(ctx, pub), id);
  if (!row) throw notFound('办件');
  return { ...(await viewOf(db, row)), id: row.id };
}
