// The public side (seed Part 7 二(四) 实名注册登记): real-name accounts (ID number checked,
// encrypted, unique by keyed hash; mobile encrypted; argon2id password; the privacy notice version
// accepted), sign-in with lockout, online petitions that land in the chosen unit as registered,
// and the query by code and phone that shows one petition's stages and reply and nothing else.
import { timingSafeEqual } from 'node:crypto';
import { maskName } from '../../../shared/rules/mask';
import { maskIdNumber, parseIdNumber } from '../../../shared/rules/id-number';
import { maskPhone, parsePhone } from '../../../shared/rules/phone';
import { shanghaiDay } from '../../../shared/rules/dates';
import { passwordProblems } from '../../../shared/schemas/security-policy';
import {
  petitionOutcomeLabels,
  petitionStatusLabels,
  type PetitionOutcome,
  type PetitionStatus,
  type PetitionType,
} from '../../../shared/schemas/petitions';
import {
  PUBLIC_PRIVACY_NOTICE_VERSION,
  type PetitionQueryBody,
  type PublicMeDto,
  type PublicPetitionCreate,
  type PublicPetitionView,
  type PublicRegisterBody,
} from '../../../shared/schemas/public-accounts';
import { transaction, type Tx } from '../../db/transaction';
import { systemDb } from '../../db/system';
import type { PublicAccountTable } from '../../db/types';
import { appendAudit } from '../../platform/audit.repo';
import type { AppContext } from '../../platform/context';
import { sha256Hex } from '../../platform/crypto';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId, newToken } from '../../platform/ids';
import { hashPassword, verifyDummy, verifyPassword } from '../../platform/passwords';
import { getSecurityPolicy } from '../security-policy';
import { parsePayload, queryCodeHash, registerPublicPetition } from '../petitions';
import { petitionByQueryCodeUnscoped, petitionsOfPublicAccountUnscoped, ratePetitionUnscoped, type PetitionRow } from '../petitions';
import { registryLinkOfIdHashUnscoped } from '../recipients';
import type { PublicOverviewDto } from '../../../shared/schemas/public-overview';
import { overviewSections } from '../../platform/public-overview';
import { verifyAndSpend } from './pow';
import {
  accountByIdUnscoped,
  accountByPhoneHashUnscoped,
  accountTakenUnscoped,
  deleteSessionUnscoped,
  failSignInUnscoped,
  insertAccountUnscoped,
  insertSessionUnscoped,
  publicUnitUnscoped,
  signedInUnscoped,
} from './public-accounts.repo';
import type { PublicAuthContext } from './public-auth';
import type { AuditAction } from '../../../shared/schemas/audit-logs';

type Ip = string | null;

/**
 * A public-side audit entry. It carries the unit of the petition it concerns (an auditor sees
 * the entries of their range); a sign-in, registration or sign-out concerns no petition and has
 * no unit, so only the top unit's auditor sees it (audit.repo.ts searchAuditLogs).
 */
async function audit(trx: Tx, ctx: AppContext, e: { action: AuditAction; accountId: string | null; orgUnitId?: string | null; targetType?: string; targetId?: string | null; result?: 'success' | 'failure'; ip: Ip; detail?: string }) {
  await appendAudit(trx, {
    at: ctx.clock.now().toISOString(),
    userId: null,
    username: e.accountId ? `public:${e.accountId}` : null,
    orgUnitId: e.orgUnitId ?? null,
    action: e.action,
    targetType: e.targetType ?? 'public-account',
    targetId: e.targetId ?? e.accountId,
    result: e.result ?? 'success',
    ip: e.ip,
    detail: e.detail ?? null,
  });
}

function meOf(ctx: AppContext, a: Pick<PublicAccountTable, 'id' | 'name' | 'phone_enc' | 'id_number_enc' | 'created_at'>): PublicMeDto {
  return {
    id: a.id,
    name: maskName(a.name),
    phoneMasked: maskPhone(ctx.crypto.decrypt(a.phone_enc)),
    idNumberMasked: maskIdNumber(ctx.crypto.decrypt(a.id_number_enc)),
    createdAt: a.created_at,
  };
}

function mobileOrError(value: string, path = 'phone'): string {
  const r = parsePhone(value);
  if (!r.ok || r.kind !== 'mobile') throw badRequest('请填写正确的手机号码', [{ path, message: r.ok ? '请填写手机号码' : r.message }]);
  return r.national;
}

export type Signed = { me: PublicMeDto; sessionToken: string; csrfToken: string };

async function openSession(trx: Tx, ctx: AppContext, accountId: string, ip: Ip, userAgent: string | null) {
  const sessionToken = newToken();
  const csrfToken = newToken();
  const at = ctx.clock.now().toISOString();
  await insertSessionUnscoped(trx, { id: sha256Hex(sessionToken), account_id: accountId, csrf_token: csrfToken, created_at: at, last_seen_at: at, ip, user_agent: userAgent });
  return { sessionToken, csrfToken };
}

export async function registerAccount(ctx: AppContext, body: PublicRegisterBody, ip: Ip, userAgent: string | null): Promise<Signed> {
  const today = shanghaiDay(ctx.clock.now());
  const id = parseIdNumber(body.idNumber, today);
  if (!id.ok) throw badRequest(`公民身份号码：${id.message}`, [{ path: 'idNumber', message: id.message }]);
  const phone = mobileOrError(body.phone);
  if (body.privacyNoticeVersion !== PUBLIC_PRIVACY_NOTICE_VERSION) {
    throw badRequest('请阅读并同意最新的个人信息收集告知', [{ path: 'privacyNoticeVersion', message: '告知版本已更新，请刷新页面重新阅读' }]);
  }
  const policy = await getSecurityPolicy(ctx);
  const problems = passwordProblems(body.password, policy);
  if (problems.length) throw badRequest(`密码不符合要求：${problems.join('；')}`, [{ path: 'password', message: problems.join('；') }]);
  const passwordHash = await hashPassword(body.password);
  const idHash = ctx.crypto.lookupHash(id.id18);
  const phoneHash = ctx.crypto.lookupHash(phone);
  const at = ctx.clock.now().toISOString();
  const accountId = newId(ctx.clock.now().getTime());
  return transaction(ctx.db, async (trx) => {
    await verifyAndSpend(ctx, trx, body.pow);
    const taken = await accountTakenUnscoped(trx, idHash, phoneHash);
    if (taken.id) throw conflict('该身份证号已注册，请直接登录');
    if (taken.phone) throw conflict('该手机号码已注册，请直接登录');
    const row: PublicAccountTable = {
      id: accountId,
      name: body.name,
      id_number_enc: ctx.crypto.encrypt(id.id18),
      id_hash: idHash,
      phone_enc: ctx.crypto.encrypt(phone),
      phone_hash: phoneHash,
      password_hash: passwordHash,
      privacy_notice_version: body.privacyNoticeVersion,
      failed_count: 0,
      locked_until: null,
      disabled: 0,
      last_login_at: at,
      created_at: at,
      updated_at: at,
    };
    await insertAccountUnscoped(trx, row);
    const s = await openSession(trx, ctx, accountId, ip, userAgent);
    await audit(trx, ctx, { action: 'public.register', accountId, ip, detail: `实名注册（个人信息收集告知 ${body.privacyNoticeVersion}）` });
    return { me: meOf(ctx, row), ...s };
  });
}

export async function signIn(ctx: AppContext, body: { phone: string; password: string }, ip: Ip, userAgent: string | null): Promise<Signed> {
  const r = parsePhone(body.phone);
  const wrong = () => new AppError(401, 'BAD_CREDENTIALS', '手机号码或密码错误');
  const account = r.ok ? await accountByPhoneHashUnscoped(systemDb(ctx.db), ctx.crypto.lookupHash(r.national)) : undefined;
  const now = ctx.clock.now();
  const at = now.toISOString();
  if (!account) {
    await verifyDummy(body.password);
    await transaction(ctx.db, (trx) => audit(trx, ctx, { action: 'public.login', accountId: null, result: 'failure', ip, detail: '账号不存在' }));
    throw wrong();
  }
  if (account.locked_until && new Date(account.locked_until) > now) {
    const seconds = Math.ceil((new Date(account.locked_until).getTime() - now.getTime()) / 1000);
    throw new AppError(423, 'LOCKED', `密码错误次数过多，账号已锁定，请 ${seconds} 秒后再试`);
  }
  if (account.disabled) throw new AppError(401, 'ACCOUNT_DISABLED', '账号已停用');
  if (!(await verifyPassword(account.password_hash, body.password))) {
    const policy = await getSecurityPolicy(ctx);
    const f = await failSignInUnscoped(ctx.db, account.id, policy.lockThreshold, new Date(now.getTime() + policy.lockSeconds * 1000).toISOString(), at);
    await transaction(ctx.db, (trx) => audit(trx, ctx, { action: 'public.login', accountId: account.id, result: 'failure', ip, detail: f.locked ? `密码错误，账号锁定 ${policy.lockSeconds} 秒` : `密码错误（第 ${f.count} 次）` }));
    if (f.locked) throw new AppError(423, 'LOCKED', `密码错误次数过多，账号已锁定 ${policy.lockSeconds} 秒`);
    throw wrong();
  }
  return transaction(ctx.db, async (trx) => {
    await signedInUnscoped(trx, account.id, at);
    const s = await openSession(trx, ctx, account.id, ip, userAgent);
    await audit(trx, ctx, { action: 'public.login', accountId: account.id, ip });
    return { me: meOf(ctx, account), ...s };
  });
}

export async function signOut(ctx: AppContext, pub: PublicAuthContext, ip: Ip) {
  await transaction(ctx.db, async (trx) => {
    await deleteSessionUnscoped(trx, pub.sessionId);
    await audit(trx, ctx, { action: 'public.logout', accountId: pub.accountId, ip });
  });
}

export async function publicMe(ctx: AppContext, pub: PublicAuthContext): Promise<PublicMeDto> {
  const a = await accountByIdUnscoped(ctx.db, pub.accountId);
  if (!a) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return meOf(ctx, a);
}

// ---- petitions of the public ----

export async function submitPetition(ctx: AppContext, pub: PublicAuthContext, body: PublicPetitionCreate, ip: Ip) {
  const account = await accountByIdUnscoped(ctx.db, pub.accountId);
  if (!account) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return transaction(ctx.db, async (trx) => {
    const unit = await publicUnitUnscoped(trx, body.orgUnitId);
    if (!unit) throw badRequest('请选择县、乡镇（街道）或村（社区）的服务中心（站）', [{ path: 'orgUnitId', message: '单位不存在' }]);
    return registerPublicPetition(
      trx,
      ctx,
      {
        accountId: account.id,
        idHash: account.id_hash,
        unit,
        petitionerName: account.name,
        id18: ctx.crypto.decrypt(account.id_number_enc),
        phone: ctx.crypto.decrypt(account.phone_enc),
        address: body.address,
        type: body.type,
        category: body.category,
        request: body.request,
        facts: body.facts,
        reasons: body.reasons,
      },
      ip,
    );
  });
}

const publicStageLabels: Record<string, string> = {
  register: '已登记',
  accept: '已受理',
  notAccept: '不予受理',
  transfer: '已转送有权处理的机关',
  escalate: '已交上级机关办理',
  extend: '延期办理',
  reply: '已答复',
  requestReview: '已申请复查',
  review: '已作出复查意见',
  requestReReview: '已申请复核',
  startHearing: '复核听证',
  endHearing: '听证结束',
  reReview: '已作出复核意见',
  close: '已办结',
};

/** What a petitioner may see of a petition: stages, dates, the next expected date, the reply. */
export function publicView(row: PetitionRow): PublicPetitionView {
  const p = parsePayload(row);
  const reply = p.reply && row.outcome ? { outcome: row.outcome as PetitionOutcome, outcomeLabel: petitionOutcomeLabels[row.outcome as PetitionOutcome], text: p.reply.text, repliedOn: p.reply.repliedOn } : null;
  return {
    registrationNo: row.registration_no,
    unitName: row.org_unit_name,
    type: row.petition_type as PetitionType,
    receivedOn: row.received_on,
    status: row.status as PetitionStatus,
    statusLabel: petitionStatusLabels[row.status as PetitionStatus] ?? row.status,
    stages: p.stages.map((s) => ({ label: publicStageLabels[s.action] ?? s.action, day: s.day })),
    nextExpectedDay: row.open === 1 ? row.due_day : null,
    reply,
    satisfaction: row.satisfaction,
    canRate: !!row.replied_on && row.satisfaction === null,
  };
}

export async function ownPetitions(ctx: AppContext, pub: PublicAuthContext) {
  const rows = await petitionsOfPublicAccountUnscoped(systemDb(ctx.db), pub.accountId);
  return { items: rows.map((r) => ({ ...publicView(r), id: r.id, request: r.request })) };
}

export async function rateOwn(ctx: AppContext, pub: PublicAuthContext, id: string, satisfaction: number, ip: Ip) {
  const rows = await petitionsOfPublicAccountUnscoped(systemDb(ctx.db), pub.accountId);
  const row = rows.find((r) => r.id === id);
  if (!row) throw notFound('信访事项');
  await rate(ctx, row, satisfaction, ip, pub.accountId);
  const again = (await petitionsOfPublicAccountUnscoped(systemDb(ctx.db), pub.accountId)).find((r) => r.id === id)!;
  return { ...publicView(again), id: again.id, request: again.request };
}

async function rate(ctx: AppContext, row: PetitionRow, satisfaction: number, ip: Ip, accountId: string | null) {
  if (!row.replied_on) throw new AppError(409, 'NOT_REPLIED', '该信访事项尚未答复，答复后才能评价');
  await transaction(ctx.db, async (trx) => {
    const n = await ratePetitionUnscoped(trx, row.id, satisfaction, ctx.clock.now().toISOString());
    if (n !== 1) throw new AppError(409, 'RATED', '已经评价过了，每件信访事项只能评价一次');
    await audit(trx, ctx, { action: 'public.petition-rate', accountId, orgUnitId: row.org_unit_id, targetType: 'petition', targetId: row.id, ip, detail: `满意度 ${satisfaction}` });
  });
}

const NOT_FOUND_MESSAGE = '未找到该信访事项，请核对查询码和手机号码';
const DUMMY_HASH = '0'.repeat(64);

/**
 * The petition of a code and phone, or the same 404 for a wrong code or a wrong phone. The work
 * is the same either way (one lookup, one keyed hash, one constant-time comparison), and every
 * query is audited.
 */
async function byCodeAndPhone(ctx: AppContext, q: PetitionQueryBody, ip: Ip, action: AuditAction): Promise<PetitionRow> {
  const phone = parsePhone(q.phone);
  const phoneHash = ctx.crypto.lookupHash(phone.ok ? phone.national : `invalid:${q.phone}`);
  const row = await petitionByQueryCodeUnscoped(systemDb(ctx.db), queryCodeHash(ctx, q.code));
  const stored = Buffer.from(row?.phone_hash ?? DUMMY_HASH);
  const given = Buffer.from(phoneHash);
  const match = stored.length === given.length && timingSafeEqual(stored, given) && !!row && phone.ok;
  await transaction(ctx.db, (trx) =>
    audit(trx, ctx, { action, accountId: null, orgUnitId: match ? row.org_unit_id : null, targetType: 'petition', targetId: match ? row.id : null, result: match ? 'success' : 'failure', ip, detail: match ? undefined : '查询码或手机号码不符' }),
  );
  if (!match || !row) throw new AppError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
  return row;
}

export async function queryPetition(ctx: AppContext, q: PetitionQueryBody, ip: Ip): Promise<PublicPetitionView> {
  return publicView(await byCodeAndPhone(ctx, q, ip, 'public.petition-query'));
}

export async function rateByQuery(ctx: AppContext, q: PetitionQueryBody & { satisfaction: number }, ip: Ip): Promise<PublicPetitionView> {
  const row = await byCodeAndPhone(ctx, q, ip, 'public.petition-query');
  await rate(ctx, row, q.satisfaction, ip, null);
  return publicView((await petitionByQueryCodeUnscoped(systemDb(ctx.db), queryCodeHash(ctx, q.code)))!);
}


// ---- 我的: the account's own page ----

/**
 * Everything the account has with us, one section per module (registered with platform/public-overview.ts), and
 * whether its ID number matches a registry record (linked by the keyed ID hash, as petitions are).
 */
export async function publicOverview(ctx: AppContext, pub: PublicAuthContext): Promise<PublicOverviewDto> {
  const account = await accountByIdUnscoped(ctx.db, pub.accountId);
  if (!account) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  const db = systemDb(ctx.db);
  const link = await registryLinkOfIdHashUnscoped(db, account.id_hash, account.phone_hash);
  const owner = { accountId: account.id, idHash: account.id_hash, recipientId: link?.id ?? null };
  const sections = await Promise.all(overviewSections().map((s) => s.load(ctx, db, owner)));
  return { name: maskName(account.name), registry: { linked: !!link, unitName: link?.unit_name ?? null }, sections };
}

/** The signed-in account as other modules use it (online bookings and applications): name, ID hash and encrypted ID number, mobile hash and encrypted mobile. */
export async function accountForUse(
  ctx: AppContext,
  pub: PublicAuthContext,
): Promise<{ id: string; name: string; idHash: string; idNumberEnc: string; phoneHash: string; phoneEnc: string }> {
  const a = await accountByIdUnscoped(ctx.db, pub.accountId);
  if (!a) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return { id: a.id, name: a.name, idHash: a.id_hash, idNumberEnc: a.id_number_enc, phoneHash: a.phone_hash, phoneEnc: a.phone_enc };
}
