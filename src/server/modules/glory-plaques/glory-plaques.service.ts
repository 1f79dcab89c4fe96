// Glory plaques 光荣牌: which households are eligible (one plaque per household, certificate
// holders without asking, others on application), registration, hanging with date, who hung it
// and a photo, replacement after a move or damage, revocation with a reason. Every write is
// versioned (a stale version is refused with 409), audited, and keeps the 'plaque' roll-ups.
import { placedAt, unitOfRecordForWrite } from '../../platform/stored-unit.repo';
import {
  plaqueBasisLabels,
  plaqueGroundLabels,
  plaqueStatusLabels,
  replaceReasonLabels,
  revokeReasonLabels,
  type EligibleHousehold,
  type EligibleQuery,
  type PlaqueCreate,
  type PlaqueDetail,
  type PlaqueDto,
  type PlaqueEvent,
  type PlaqueGround,
  type PlaqueHang,
  type PlaqueListQuery,
  type PlaquePhoto,
  type PlaqueReplace,
  type PlaqueRevoke,
  type PlaqueStatus,
} from '../../../shared/schemas/glory-plaques';
import { shanghaiDay } from '../../../shared/rules/dates';
import { transaction, type Tx } from '../../db/transaction';
import type { GloryPlaqueTable } from '../../db/types';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { groundOf, holdsCertificate, householdEligibility, plaqueTransitions } from './glory-plaques.rules';
import {
  eligibleHouseholds,
  getHousehold,
  getPlaque,
  getPlaqueFile,
  insertPlaque,
  insertPlaqueFile,
  listPlaques,
  membersOf,
  plaqueOfHousehold,
  unitInScope,
  updatePlaque,
  type HouseholdRow,
  type MemberRow,
  type PlaqueFilter,
  type PlaqueRow,
} from './glory-plaques.repo';

type Ip = string | null;

// ---- mapping ----

/** 所属村(社区): a grid's village, else the unit itself. */
export function villageNameOf(r: { org_unit_level: string; org_unit_name: string; parent_name: string | null }): string {
  return r.org_unit_level === 'grid' && r.parent_name ? r.parent_name : r.org_unit_name;
}

function parseList<T>(s: string): T[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export function toPlaqueDto(r: PlaqueRow): PlaqueDto {
  return {
    id: r.id,
    version: r.version,
    householdId: r.household_id,
    headRecipientId: r.head_recipient_id,
    headName: r.head_name ?? '',
    address: r.address,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    villageName: villageNameOf(r),
    status: r.status as PlaqueDto['status'],
    basis: r.basis as PlaqueDto['basis'],
    grounds: parseList<PlaqueGround>(r.grounds),
    appliedOn: r.applied_on,
    applicant: r.applicant,
    hungOn: r.hung_on,
    hungBy: r.hung_by,
    hasPhoto: !!r.photo_file_id,
    replacedOn: r.replaced_on,
    replaceReason: r.replace_reason as PlaqueDto['replaceReason'],
    replaceCount: r.replace_count,
    revokedOn: r.revoked_on,
    revokeReason: r.revoke_reason as PlaqueDto['revokeReason'],
    revokeNote: r.revoke_note,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function memberDto(m: MemberRow, headId: string | null) {
  return { id: m.id, name: m.name, kind: m.kind, ground: groundOf(m), certificateHolder: holdsCertificate(m), isHead: m.id === headId };
}

/** The household's members, the head first. */
function memberDtos(list: readonly MemberRow[], headId: string | null) {
  return list.map((m) => memberDto(m, headId)).sort((a, b) => Number(b.isHead) - Number(a.isHead));
}

/** Grounds as the ledger writes them: 烈属、退役军人家庭. */
export function groundsText(grounds: readonly PlaqueGround[]): string {
  return grounds.map((g) => plaqueGroundLabels[g]).join('、');
}

// ---- reads ----

async function unitPathOf(ctx: AppContext, auth: AuthContext, orgUnitId: string | undefined): Promise<string | undefined> {
  if (!orgUnitId) return undefined;
  const u = await unitInScope(auth.scope, ctx.db, orgUnitId);
  if (!u) throw notFound('单位');
  return u.path;
}

export async function plaqueFilter(ctx: AppContext, auth: AuthContext, q: Omit<PlaqueListQuery, 'page' | 'pageSize'>): Promise<PlaqueFilter> {
  const waitingOnly = q.waitingOnly === 'true';
  if (waitingOnly && q.status && q.status !== 'waiting') throw badRequest('“只看待悬挂”与所选状态不一致', [{ path: 'status', message: '与“只看待悬挂”不一致' }]);
  return {
    unitPath: await unitPathOf(ctx, auth, q.orgUnitId),
    status: waitingOnly ? 'waiting' : q.status,
    basis: q.basis,
    ground: q.ground,
    householdId: q.householdId,
  };
}

export async function searchPlaques(ctx: AppContext, auth: AuthContext, q: PlaqueListQuery) {
  const f = await plaqueFilter(ctx, auth, q);
  const r = await listPlaques(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: r.items.map(toPlaqueDto), page: q.page, pageSize: q.pageSize };
}

export async function requirePlaque(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<PlaqueRow> {
  const p = await getPlaque(auth.scope, db, id);
  if (!p) throw notFound('光荣牌记录');
  return p;
}

export async function plaqueDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<PlaqueDetail> {
  const p = await requirePlaque(ctx, auth, id);
  const members = await membersOf(auth.scope, ctx.db, [p.household_id]);
  return {
    ...toPlaqueDto(p),
    history: parseList<PlaqueEvent>(p.history),
    members: memberDtos(members, p.head_recipient_id),
  };
}

export async function eligibleList(ctx: AppContext, auth: AuthContext, q: EligibleQuery) {
  const unitPath = await unitPathOf(ctx, auth, q.orgUnitId);
  const r = await eligibleHouseholds(auth.scope, ctx.db, { unitPath, certifiedOnly: q.certified === 'true', page: q.page, pageSize: q.pageSize });
  const members = await membersOf(auth.scope, ctx.db, r.items.map((h) => h.id));
  const byHousehold = new Map<string, MemberRow[]>();
  for (const m of members) byHousehold.set(m.household_id!, [...(byHousehold.get(m.household_id!) ?? []), m]);
  const items: EligibleHousehold[] = r.items.map((h) => {
    const list = byHousehold.get(h.id) ?? [];
    return { ...householdDto(h), ...householdEligibility(list), members: memberDtos(list, h.head_recipient_id) };
  });
  return { ...r, items, page: q.page, pageSize: q.pageSize };
}

function householdDto(h: HouseholdRow) {
  return {
    householdId: h.id,
    headRecipientId: h.head_recipient_id,
    headName: h.head_name ?? '',
    address: h.address,
    orgUnitId: h.org_unit_id,
    orgUnitName: h.org_unit_name,
    villageName: villageNameOf(h),
  };
}

export async function readPhoto(ctx: AppContext, auth: AuthContext, id: string) {
  const p = await requirePlaque(ctx, auth, id);
  const f = p.photo_file_id ? await getPlaqueFile(auth.scope, ctx.db, p.id, p.photo_file_id) : undefined;
  if (!f) throw notFound('悬挂照片');
  return { mime: f.mime, name: f.name, data: Buffer.from(ctx.crypto.decrypt(f.data_enc), 'base64') };
}

// ---- writes ----

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: string, targetId: string | null, ip: Ip, detail?: string) {
  await appendAudit(trx, {
    at: ctx.clock.now().toISOString(),
    userId: auth.userId,
    username: auth.username,
    orgUnitId: auth.unit.id,
    action,
    targetType: 'glory-plaque',
    targetId,
    result: 'success',
    ip,
    detail: detail ?? null,
  });
}

function today(ctx: AppContext): string {
  return shanghaiDay(ctx.clock.now());
}

function notAfterToday(ctx: AppContext, dayValue: string, field: string, label: string): void {
  if (dayValue > today(ctx)) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
}

function notBefore(dayValue: string, earliest: string | null, field: string, label: string, earlierLabel: string): void {
  if (earliest && dayValue < earliest) throw badRequest(`${label}不能早于${earlierLabel}（${earliest}）`, [{ path: field, message: `不能早于${earlierLabel}` }]);
}

const STALE = '该记录已被他人修改，请刷新后再操作（您的操作未保存）';

function checkVersion(p: PlaqueRow, version: number): void {
  if (version !== p.version) throw conflict(STALE);
}

function checkState(p: PlaqueRow, action: keyof typeof plaqueTransitions, what: string): void {
  const from = plaqueTransitions[action] as readonly string[];
  if (!from.includes(p.status)) {
    throw new AppError(409, 'WRONG_STATE', `该光荣牌${plaqueStatusLabels[p.status as PlaqueStatus] ?? p.status}，不能${what}`);
  }
}

function withEvent(p: PlaqueRow, e: PlaqueEvent): string {
  return JSON.stringify([...parseList<PlaqueEvent>(p.history), e]);
}

/** Decodes and checks an uploaded photo (≤ 3 MB, content matches the declared image type). */
function photoBytes(photo: PlaquePhoto): Buffer {
  const bytes = Buffer.from(photo.dataBase64, 'base64');
  if (bytes.length === 0 || bytes.length > 3 * 1024 * 1024) throw badRequest('照片不能为空，且不能超过 3 MB', [{ path: 'photo', message: '照片过大' }]);
  const magic = bytes.subarray(0, 4).toString('hex');
  const ok = { 'image/jpeg': magic.startsWith('ffd8'), 'image/png': magic === '89504e47', 'image/webp': bytes.subarray(8, 12).toString() === 'WEBP' }[photo.mime];
  if (!ok) throw badRequest('照片内容与图片类型不符', [{ path: 'photo', message: '不是有效的图片' }]);
  return bytes;
}

async function storePhoto(ctx: AppContext, auth: AuthContext, trx: Tx, p: PlaqueRow, photo: PlaquePhoto, bytes: Buffer, at: string): Promise<string> {
  const fileId = newId();
  await insertPlaqueFile(auth.scope, trx, {
    id: fileId,
    ...placedAt(await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'glory_plaques', p.id)),
    owner_type: 'glory-plaque',
    owner_id: p.id,
    kind: 'plaque-photo',
    name: photo.name,
    mime: photo.mime,
    size: bytes.length,
    data_enc: ctx.crypto.encrypt(bytes.toString('base64')),
    created_by: auth.userId,
    created_at: at,
  });
  return fileId;
}

export async function createPlaque(ctx: AppContext, auth: AuthContext, input: PlaqueCreate, ip: Ip): Promise<PlaqueDetail> {
  const h = await getHousehold(auth.scope, ctx.db, input.householdId);
  if (!h) throw notFound('家庭户');
  const existing = await plaqueOfHousehold(auth.scope, ctx.db, h.id);
  if (existing) throw new AppError(409, 'PLAQUE_EXISTS', `该家庭已有光荣牌记录（${plaqueStatusLabels[existing.status as PlaqueStatus] ?? existing.status}），一户只发一块`);
  const members = await membersOf(auth.scope, ctx.db, [h.id]);
  const { grounds, certificateHolder } = householdEligibility(members);
  if (!grounds.length) {
    throw badRequest('该家庭没有悬挂光荣牌的依据：须有已入库、在世的烈士（因公牺牲、病故军人）遗属、现役军人家属或退役军人', [{ path: 'householdId', message: '不符合悬挂条件' }]);
  }
  if (input.basis === 'certificate' && !certificateHolder) {
    throw badRequest('该家庭没有烈士证明书、因公牺牲或病故军人证明书、残疾军人证的持证人，请按申请登记并填写申请日期', [{ path: 'basis', message: '无持证人，须按申请登记' }]);
  }
  if (input.appliedOn) notAfterToday(ctx, input.appliedOn, 'appliedOn', '申请日期');
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newId(now.getTime());
  const row: Omit<GloryPlaqueTable, 'org_unit_id' | 'org_path'> = {
    id,
    household_id: h.id,
    status: 'waiting',
    basis: input.basis,
    grounds: JSON.stringify(grounds),
    applied_on: input.basis === 'application' ? input.appliedOn : null,
    applicant: input.applicant,
    hung_on: null,
    hung_by: '',
    photo_file_id: null,
    replaced_on: null,
    replace_reason: null,
    replace_count: 0,
    revoked_on: null,
    revoke_reason: null,
    revoke_note: '',
    note: input.note,
    history: JSON.stringify([
      {
        action: 'register',
        at,
        actorName: auth.displayName,
        day: input.basis === 'application' ? input.appliedOn : null,
        detail: `${plaqueBasisLabels[input.basis]}；依据：${groundsText(grounds)}${input.applicant ? `；申请人：${input.applicant}` : ''}`,
      } satisfies PlaqueEvent,
    ]),
    version: 1,
    created_by: auth.userId,
    created_at: at,
    updated_at: at,
  };
  await transaction(ctx.db, async (trx) => {
    try {
      // stored under the household's unit as it is now (read under the tree lock)
      await insertPlaque(auth.scope, trx, { ...row, ...placedAt(await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'households', h.id)) });
    } catch (e) {
      // the unique index on the household: someone registered it a moment ago
      if (String((e as Error).message).match(/unique|duplicate/i)) throw new AppError(409, 'PLAQUE_EXISTS', '该家庭已有光荣牌记录，一户只发一块');
      throw e;
    }
    await audit(trx, ctx, auth, 'glory-plaque.create', id, ip, `${h.head_name ?? ''} ${h.address}：${plaqueBasisLabels[input.basis]}`);
  });
  return plaqueDetail(ctx, auth, id);
}

export async function hangPlaque(ctx: AppContext, auth: AuthContext, id: string, input: PlaqueHang, ip: Ip): Promise<PlaqueDetail> {
  const p = await requirePlaque(ctx, auth, id);
  checkState(p, 'hang', '再次悬挂');
  checkVersion(p, input.version);
  notAfterToday(ctx, input.hungOn, 'hungOn', '悬挂日期');
  notBefore(input.hungOn, p.applied_on, 'hungOn', '悬挂日期', '申请日期');
  const bytes = input.photo ? photoBytes(input.photo) : null;
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const photoId = input.photo && bytes ? await storePhoto(ctx, auth, trx, p, input.photo, bytes, at) : null;
    const n = await updatePlaque(auth.scope, trx, id, p.version, {
      status: 'hung',
      hung_on: input.hungOn,
      hung_by: input.hungBy,
      photo_file_id: photoId ?? p.photo_file_id,
      note: input.note || p.note,
      history: withEvent(p, { action: 'hang', at, actorName: auth.displayName, day: input.hungOn, detail: `悬挂人：${input.hungBy}${photoId ? '；附照片' : ''}${input.note ? `；${input.note}` : ''}` }),
      updated_at: at,
    });
    if (n !== 1) throw conflict(STALE);
    await audit(trx, ctx, auth, 'glory-plaque.hang', id, ip, `${input.hungOn} ${input.hungBy}`);
  });
  return plaqueDetail(ctx, auth, id);
}

export async function replacePlaque(ctx: AppContext, auth: AuthContext, id: string, input: PlaqueReplace, ip: Ip): Promise<PlaqueDetail> {
  const p = await requirePlaque(ctx, auth, id);
  checkState(p, 'replace', '更换');
  checkVersion(p, input.version);
  notAfterToday(ctx, input.replacedOn, 'replacedOn', '更换日期');
  notBefore(input.replacedOn, p.replaced_on ?? p.hung_on, 'replacedOn', '更换日期', p.replaced_on ? '上次更换日期' : '悬挂日期');
  const bytes = input.photo ? photoBytes(input.photo) : null;
  const at = ctx.clock.now().toISOString();
  const reason = replaceReasonLabels[input.reason];
  await transaction(ctx.db, async (trx) => {
    const photoId = input.photo && bytes ? await storePhoto(ctx, auth, trx, p, input.photo, bytes, at) : null;
    const n = await updatePlaque(auth.scope, trx, id, p.version, {
      status: 'replaced',
      replaced_on: input.replacedOn,
      replace_reason: input.reason,
      replace_count: p.replace_count + 1,
      hung_by: input.hungBy || p.hung_by,
      photo_file_id: photoId ?? p.photo_file_id,
      history: withEvent(p, {
        action: 'replace',
        at,
        actorName: auth.displayName,
        day: input.replacedOn,
        detail: `原因：${reason}${input.note ? `（${input.note}）` : ''}${input.hungBy ? `；悬挂人：${input.hungBy}` : ''}${photoId ? '；附照片' : ''}`,
      }),
      updated_at: at,
    });
    if (n !== 1) throw conflict(STALE);
    await audit(trx, ctx, auth, 'glory-plaque.replace', id, ip, `${input.replacedOn} ${reason}${input.note ? ` ${input.note}` : ''}`);
  });
  return plaqueDetail(ctx, auth, id);
}

export async function revokePlaque(ctx: AppContext, auth: AuthContext, id: string, input: PlaqueRevoke, ip: Ip): Promise<PlaqueDetail> {
  const p = await requirePlaque(ctx, auth, id);
  checkState(p, 'revoke', '撤销');
  checkVersion(p, input.version);
  notAfterToday(ctx, input.revokedOn, 'revokedOn', '撤销日期');
  notBefore(input.revokedOn, p.applied_on, 'revokedOn', '撤销日期', '申请日期');
  const at = ctx.clock.now().toISOString();
  const reason = revokeReasonLabels[input.reason];
  await transaction(ctx.db, async (trx) => {
    const n = await updatePlaque(auth.scope, trx, id, p.version, {
      status: 'revoked',
      revoked_on: input.revokedOn,
      revoke_reason: input.reason,
      revoke_note: input.note,
      history: withEvent(p, { action: 'revoke', at, actorName: auth.displayName, day: input.revokedOn, detail: `原因：${reason}${input.note ? `（${input.note}）` : ''}` }),
      updated_at: at,
    });
    if (n !== 1) throw conflict(STALE);
    await audit(trx, ctx, auth, 'glory-plaque.revoke', id, ip, `${input.revokedOn} ${reason}${input.note ? ` ${input.note}` : ''}`);
  });
  return plaqueDetail(ctx, auth, id);
}

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'glory-plaque.export', null, ip, detail));
}
