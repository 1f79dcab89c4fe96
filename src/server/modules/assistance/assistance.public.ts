// The veteran's side of assistance 帮扶援助 (issue 14: "or the veteran online"): with their public
// account, on a phone, a registered recipient applies on one of the four grounds of Part 6 三(一)
// with the family's situation and may attach evidence; the application is an `assistance` case
// (source 'online') owned by the person's unit (the nearest village, township or county unit that
// holds the record), in state `submitted` 待受理, which waits on that unit: its work queue lists it
// until a worker takes it up (`takeUp`) or declines it (`decline`); from there it runs as a desk
// application. The account must be linked to a registered recipient (ID number hash AND the mobile
// on record, as applications and 我的 decide): otherwise a 409 in Chinese tells the person where to
// go — assistance is for people the registry knows, not a collection start.
//
// Repeat aid: an online application is never refused for it (the person cannot give a worker's
// reason); aid approved for the household within the period marks it `repeatFlagged` and the
// worker must give the reason when taking it up (the check runs again then: see takeUp).
//
// What the applicant sees: ground, unit, stage and next step, the 公示 period and the decision —
// no staff names, no opinions or verification findings, nobody else's applications.
import {
  ASSISTANCE_CASE_TYPE,
  assistanceGroundLabels,
  assistanceGroundShort,
  assistanceStatusLabels,
  monthsBefore,
  type AssistanceStatus,
  type PublicAidApply,
  type PublicOwnAid,
  type PublicOwnAidList,
} from '../../../shared/schemas/assistance';
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import type { OverviewItem, OverviewTone } from '../../../shared/schemas/public-overview';
import { transaction, type Tx } from '../../db/transaction';
import { openCase } from '../../cases/cases.service';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import { today } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { publish } from '../../platform/events';
import { newId } from '../../platform/ids';
import type { OverviewSectionSource } from '../../platform/public-overview';
import { placedAt, unitForWriteUnscoped, unitOfRecordForWriteUnscoped } from '../../platform/stored-unit.repo';
import { materialBytes } from '../applications';
import { accountForUse, type PublicAuthContext } from '../public-accounts';
import { registryLinkOfIdHashUnscoped } from '../recipients';
import type { AssistancePayload } from './assistance.cases';
import { assistanceOpened } from './assistance.events';
import { aidOfOwnerUnscoped, chainUnitsUnscoped, countAidOfOwnerUnscoped, evidenceFilesOfUnscoped, insertAid, insertEvidenceFile, previousAidUnscoped, recipientForOnlineUnscoped, type AidOwner, type AidRow } from './assistance.repo';
import { OWNER_LEVELS } from './assistance.service';
import { assistanceSettingsOf } from './assistance.settings';

type Ip = string | null;
const OPEN = new Set(['submitted', 'verifying', 'review']);

const NOT_LINKED =
  '您的账号尚未关联已登记的服务对象档案，暂不能在线申请帮扶援助：请到户籍或居住所在地的村（社区）退役军人服务站采集信息、核对手机号码，或由服务站工作人员当面受理申请';

/** The kernel's actor for the applicant: scoped to the owning unit, holding no permission (no action of the type is theirs). */
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

async function audit(trx: Tx, ctx: AppContext, accountId: string, action: AuditAction, orgUnitId: string, targetId: string, ip: Ip, detail: string) {
  await appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: null, username: `public:${accountId}`, orgUnitId, action, targetType: 'assistance', targetId, result: 'success', ip, detail });
}

async function ownerOf(ctx: AppContext, pub: PublicAuthContext): Promise<AidOwner & { linked: boolean }> {
  const a = await accountForUse(ctx, pub);
  const link = await registryLinkOfIdHashUnscoped(ctx.db, a.idHash, a.phoneHash);
  return { accountId: a.id, recipientId: link?.id ?? null, linked: !!link };
}

/** The applicant's next step, by stage (units named, never staff). */
export function aidNextStep(status: AssistanceStatus, unitName: string, waitingUnit: string | null, noticeEnd: string | null): string | null {
  switch (status) {
    case 'submitted':
      return `等待${unitName}受理：工作人员会与您联系核实情况`;
    case 'verifying':
      return `${unitName}核实家庭情况中（入户、电话或档案核实）`;
    case 'review':
      return `${waitingUnit ?? '上级'}审核中`;
    case 'notice':
      return `援助决定公示中${noticeEnd ? `，至 ${noticeEnd}` : ''}`;
    case 'followUp':
      return '已批准：援助按决定发放，服务站将回访了解帮扶效果';
    default:
      return null;
  }
}

function viewOf(r: AidRow, files: { id: string; name: string; size: number; created_at: string }[]): PublicOwnAid {
  const p = JSON.parse(r.payload) as Pick<AssistancePayload, 'decision' | 'notice'>;
  const status = r.status as AssistanceStatus;
  const d = p.decision;
  return {
    id: r.id,
    openedOn: r.opened_on,
    source: r.source === 'online' ? 'online' : 'staff',
    ground: r.ground as PublicOwnAid['ground'],
    groundLabel: assistanceGroundLabels[r.ground as PublicOwnAid['ground']] ?? r.ground,
    unitName: r.org_unit_name,
    status,
    statusLabel: assistanceStatusLabels[status] ?? r.status,
    nextStep: aidNextStep(status, r.org_unit_name, r.waiting_unit_name, p.notice?.endDay ?? null),
    notice: p.notice ? { startDay: p.notice.startDay, endDay: p.notice.endDay } : null,
    decision: d ? { approved: d.approved && status !== 'rejected', day: d.day, form: d.form, amountFen: d.amountFen, goodsValueFen: d.goods.reduce((s, g) => s + g.valueFen, 0), reason: d.reason } : null,
    open: OPEN.has(status),
    files: files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size), createdAt: f.created_at })),
  };
}

/**
 * 在线申请帮扶援助: the linked registry person applies; the case opens in `submitted` under the
 * person's unit (the nearest village, township or county above a grid) and waits there.
 */
export async function applyAidOnline(ctx: AppContext, pub: PublicAuthContext, body: PublicAidApply, ip: Ip): Promise<PublicOwnAid> {
  const account = await accountForUse(ctx, pub);
  const id = await transaction(ctx.db, async (trx) => {
    const link = await registryLinkOfIdHashUnscoped(trx, account.idHash, account.phoneHash);
    const recipient = link ? await recipientForOnlineUnscoped(trx, link.id) : undefined;
    if (!recipient) throw new AppError(409, 'NOT_LINKED', NOT_LINKED);
    if (Number(recipient.deceased) === 1) throw new AppError(409, 'NOT_LINKED', NOT_LINKED);
    const chain = (await chainUnitsUnscoped(trx, recipient.org_path)).filter((u) => OWNER_LEVELS.includes(u.level));
    if (!chain.length) throw new AppError(409, 'NO_UNIT', '未找到受理您申请的村（社区）、乡镇（街道）或县级服务站，请到服务站当面申请');
    const owner = await unitForWriteUnscoped(trx, ctx.dialect, chain[0].id);
    const actor = publicActor(account.id, owner);
    const t = today(ctx);
    const settings = await assistanceSettingsOf(trx);
    const householdKey = recipient.household_id ?? recipient.id;
    const previous = await previousAidUnscoped(trx, householdKey, monthsBefore(t, settings.repeatMonths));
    const place = recipient.unit_level === 'grid' ? (recipient.parent_name ?? recipient.unit_name) : recipient.unit_name;
    const at = ctx.clock.now().toISOString();
    const payload: AssistancePayload = {
      recipientId: recipient.id,
      recipientName: recipient.name,
      place,
      ground: body.ground,
      monthlyIncomeFen: body.monthlyIncomeFen,
      members: body.members,
      policies: body.policies,
      source: 'online',
      repeatFlagged: previous.length > 0,
      repeatReason: null,
      openedOn: t,
      steps: chain.map((u) => ({ id: u.id, name: u.name, level: u.level })),
      stepIndex: 0,
      verifications: [],
      opinions: [],
      decision: null,
      notice: null,
      returnVisit: null,
    };
    const caseId = await openCase(trx, ctx, actor, {
      type: ASSISTANCE_CASE_TYPE,
      owner,
      subject: { type: 'recipient', id: recipient.id },
      title: `帮扶援助（网上申请）：${recipient.name}（${assistanceGroundShort[body.ground]}）`,
      payload,
      status: 'submitted',
      action: 'open',
      comment: '网上申请',
      data: { ground: body.ground, monthlyIncomeFen: body.monthlyIncomeFen, members: body.members, repeatFlagged: payload.repeatFlagged },
      record: (rowId) =>
        insertAid(actor.scope, trx, {
          id: rowId,
          ...placedAt(owner),
          recipient_id: recipient.id,
          household_key: householdKey,
          ground: body.ground,
          place,
          monthly_income_fen: body.monthlyIncomeFen,
          members: body.members,
          opened_on: t,
          status: 'submitted',
          verified: 0,
          form: null,
          amount_fen: 0,
          goods_value_fen: 0,
          approved: 0,
          decided_on: null,
          notice_start: null,
          notice_end: null,
          repeat_reason: null,
          source: 'online',
          public_account_id: account.id,
          repeat_flagged: payload.repeatFlagged ? 1 : 0,
          narrative_enc: ctx.crypto.encrypt(body.narrative),
          version: 1,
          created_by: actor.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await audit(trx, ctx, account.id, 'public.assistance-apply', owner.id, caseId, ip, `${chain[0].name} ${assistanceGroundLabels[body.ground]}${payload.repeatFlagged ? '（期限内已获援助，待受理时说明理由）' : ''}`);
    await publish(trx, ctx, assistanceOpened, { caseId, recipientId: recipient.id, orgUnit: { id: owner.id, path: owner.path }, fromFollowUpId: null, auth: actor, ip, at });
    return caseId;
  });
  return ownAid(ctx, pub, id);
}

/** The account's own applications (online ones and the linked person's), newest first. */
export async function ownAids(ctx: AppContext, pub: PublicAuthContext): Promise<PublicOwnAidList> {
  const owner = await ownerOf(ctx, pub);
  const rows = await aidOfOwnerUnscoped(ctx.db, owner, 50);
  return { linked: owner.linked, items: await Promise.all(rows.map(async (r) => viewOf(r, await evidenceFilesOfUnscoped(ctx.db, r.id)))) };
}

/** One of the account's own applications; anyone else's is 404. */
export async function ownAid(ctx: AppContext, pub: PublicAuthContext, id: string): Promise<PublicOwnAid> {
  const [row] = await aidOfOwnerUnscoped(ctx.db, await ownerOf(ctx, pub), 1, id);
  if (!row) throw notFound('帮扶援助申请');
  return viewOf(row, await evidenceFilesOfUnscoped(ctx.db, id));
}

/** The applicant attaches evidence to their own application until the decision (encrypted, audited, as a worker's upload). */
export async function addOwnEvidence(ctx: AppContext, pub: PublicAuthContext, id: string, input: MaterialFileUpload, ip: Ip): Promise<PublicOwnAid> {
  const bytes = materialBytes(input);
  const owner = await ownerOf(ctx, pub);
  await transaction(ctx.db, async (trx) => {
    const [row] = await aidOfOwnerUnscoped(trx, owner, 1, id);
    if (!row) throw notFound('帮扶援助申请');
    if (!OPEN.has(row.status)) throw new AppError(409, 'DECIDED', '该申请已作出决定，不能再上传证明材料');
    if ((await evidenceFilesOfUnscoped(trx, id)).length >= 10) throw new AppError(409, 'TOO_MANY_FILES', '每件申请最多上传 10 份证明材料，其余请交服务站工作人员');
    const unit = await unitOfRecordForWriteUnscoped(trx, ctx.dialect, 'cases', id);
    const actor = publicActor(owner.accountId, unit);
    await insertEvidenceFile(actor.scope, trx, {
      id: newId(),
      ...placedAt(unit),
      owner_type: 'assistance',
      owner_id: id,
      kind: 'evidence',
      name: input.name,
      mime: input.mime,
      size: bytes.length,
      data_enc: ctx.crypto.encrypt(bytes.toString('base64')),
      created_by: actor.userId,
      created_at: ctx.clock.now().toISOString(),
    });
    await audit(trx, ctx, owner.accountId, 'public.assistance-evidence-add', unit.id, id, ip, input.name);
  });
  return ownAid(ctx, pub, id);
}

// ---- 我的: the assistance section of the account's own page ----

const tones: Record<AssistanceStatus, OverviewTone> = { submitted: 'warning', verifying: 'processing', review: 'processing', notice: 'processing', followUp: 'success', closed: 'success', rejected: 'default' };

export const assistanceOverviewSection: OverviewSectionSource = {
  key: 'assistance',
  title: '我的帮扶援助申请',
  load: async (_ctx, db, account) => {
    const owner = { accountId: account.accountId, recipientId: account.recipientId };
    const [rows, total] = await Promise.all([aidOfOwnerUnscoped(db, owner, 5), countAidOfOwnerUnscoped(db, owner)]);
    return {
      key: 'assistance',
      title: '我的帮扶援助申请',
      total,
      moreLink: account.recipientId ? '/public/assistance' : null,
      moreLabel: account.recipientId ? '申请帮扶援助 / 全部申请' : null,
      emptyText: account.recipientId ? '您还没有帮扶援助申请：生活遇到困难的，可以在线申请' : '帮扶援助须由已登记的服务对象申请：关联档案后可在线申请',
      items: rows.map((r): OverviewItem => {
        const status = r.status as AssistanceStatus;
        const notice = (JSON.parse(r.payload) as Pick<AssistancePayload, 'notice'>).notice;
        return {
          id: r.id,
          title: `帮扶援助：${assistanceGroundShort[r.ground as PublicOwnAid['ground']] ?? r.ground}`,
          subtitle: `${r.org_unit_name} · ${r.opened_on} ${r.source === 'online' ? '网上申请' : '受理'}`,
          statusLabel: assistanceStatusLabels[status] ?? r.status,
          tone: tones[status] ?? 'default',
          nextStep: aidNextStep(status, r.org_unit_name, r.waiting_unit_name, notice?.endDay ?? null),
          dueDay: null,
          link: `/public/assistance/${r.id}`,
        };
      }),
    };
  },
};
