// Glory plaques 光荣牌: which households are eligible (one plaque per household, certificate
// holders without asking, others on application), registration, hanging with date, who hung it
// and a photo, replacement after a move or damage, revocation with a reason. A plaque is a case of
// the kernel (glory-plaques.cases.ts): registration opens it, hanging, replacing and revoking are its
// actions (versioned: a stale version is refused with 409; audited by the kernel), and its history
// is the case's action log. The 'plaque' roll-ups follow every write.
import { today } from '../../platform/clock';
import { parseJsonList } from '../../platform/json-columns';
import { placedAt, unitOfRecordForWrite, type Stored } from '../../platform/stored-unit.repo';
import {
  plaqueBasisLabels,
  plaqueEventLabels,
  plaqueGroundLabels,
  plaqueStatusLabels,
  type EligibleHousehold,
  type EligibleQuery,
  type PlaqueCreate,
  type PlaqueDetail,
  type PlaqueDto,
  type PlaqueGround,
  type PlaqueHang,
  type PlaqueListQuery,
  type PlaquePhoto,
  type PlaqueReplace,
  type PlaqueRevoke,
  type PlaqueStatus,
  PLAQUE_CASE_TYPE,
} from '../../../shared/schemas/glory-plaques';
import type { CaseLogEntryDto } from '../../../shared/schemas/cases';
import { plaqueEventText } from '../../../shared/rules/plaque-events';
import { openCase, performActionIn, readCaseLog } from '../../cases/cases.service';
import { transaction, type Tx } from '../../db/transaction';
import type { GloryPlaqueTable } from '../../db/types';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { groundOf, holdsCertificate, householdEligibility } from './glory-plaques.rules';
import { plaqueTransitions, type PlaquePayload, type PlaqueRegisterData } from './glory-plaques.cases';
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
  type HouseholdRow,
  type MemberRow,
  type PlaqueFilter,
  type PlaqueRow,
} from './glory-plaques.repo';
import { labelUnitNamesUnscoped } from '../../platform/unit-labels.repo';
import type { AuditAction } from '../../../shared/schemas/audit-logs';

type Ip = string | null;

// ---- mapping ----

/** 所属村(社区): a grid's village, else the unit itself. */
export function villageNameOf(r: { org_unit_level: string; org_unit_name: string; parent_name: string | null }): string {
  return r.org_unit_level === 'grid' && r.parent_name ? r.parent_name : r.org_unit_name;
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
    grounds: parseJsonList<PlaqueGround>(r.grounds),
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
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, r.items.map(toPlaqueDto)), page: q.page, pageSize: q.pageSize };
}

export async function requirePlaque(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<PlaqueRow> {
  const p = await getPlaque(auth.scope, db, id);
  if (!p) throw notFound('光荣牌记录');
  return p;
}

const EVENT_ACTIONS = new Set(['register', 'hang', 'replace', 'revoke']);

/** The case log read as the plaque's events: the day each names and its detail. */
function historyOf(log: readonly CaseLogEntryDto[]): PlaqueDetail['history'] {
  return log
    .filter((l) => EVENT_ACTIONS.has(l.action))
    .map((l) => ({ action: l.action as PlaqueDetail['history'][number]['action'], at: l.at, actorName: l.actorName, ...plaqueEventText(l.action, l.data) }));
}

export async function plaqueDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<PlaqueDetail> {
  const p = await requirePlaque(ctx, auth, id);
  const members = await membersOf(auth.scope, ctx.db, [p.household_id]);
  // the opening entry is registration 登记 (the kernel names an opening it has no action for 发起)
  const log = (await readCaseLog(auth.scope, ctx.db, p.id)).map((l) => (l.action === 'register' ? { ...l, actionLabel: plaqueEventLabels.register } : l));
  return {
    ...toPlaqueDto(p),
    history: historyOf(log),
    log,
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
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, items), page: q.page, pageSize: q.pageSize };
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

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail?: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'glory-plaque', targetId, ip, detail);
}

function notAfterToday(ctx: AppContext, dayValue: string, field: string, label: string): void {
  if (dayValue > today(ctx)) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
}

const STALE = '该记录已被他人修改，请刷新后再操作（您的操作未保存）';

function checkVersion(p: PlaqueRow, version: number): void {
  if (version !== p.version) throw conflict(STALE);
}

/** The kernel checks the state too; this answers first, in the plaque's words. */
function checkState(p: PlaqueRow, action: keyof typeof plaqueTransitions, what: string): void {
  const from: readonly string[] = plaqueTransitions[action];
  if (!from.includes(p.status)) {
    throw new AppError(409, 'WRONG_STATE', `该光荣牌${plaqueStatusLabels[p.status as PlaqueStatus] ?? p.status}，不能${what}`);
  }
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
  if (input.appliedOn) notAfterToday(ctx, input.appliedOn, 'appliedOn', '申请日期');
  const id = await transaction(ctx.db, async (trx) => {
    // the household's unit and path, read in the transaction that stores them
    const h = await getHousehold(auth.scope, trx, input.householdId);
    if (!h) throw notFound('家庭户');
    const existing = await plaqueOfHousehold(auth.scope, trx, h.id);
    if (existing) throw new AppError(409, 'PLAQUE_EXISTS', `该家庭已有光荣牌记录（${plaqueStatusLabels[existing.status as PlaqueStatus] ?? existing.status}），一户只发一块`);
    const members = await membersOf(auth.scope, trx, [h.id]);
    const { grounds, certificateHolder } = householdEligibility(members);
    if (!grounds.length) {
      throw badRequest('该家庭没有悬挂光荣牌的依据：须有已入库、在世的烈士（因公牺牲、病故军人）遗属、现役军人家属或退役军人', [{ path: 'householdId', message: '不符合悬挂条件' }]);
    }
    if (input.basis === 'certificate' && !certificateHolder) {
      throw badRequest('该家庭没有烈士证明书、因公牺牲或病故军人证明书、残疾军人证的持证人，请按申请登记并填写申请日期', [{ path: 'basis', message: '无持证人，须按申请登记' }]);
    }
    const at = ctx.clock.now().toISOString();
    const appliedOn = input.basis === 'application' ? input.appliedOn : null;
    const payload: PlaquePayload = {
      householdId: h.id,
      basis: input.basis,
      grounds,
      appliedOn,
      applicant: input.applicant,
      hungOn: null,
      hungBy: '',
      photoFileId: null,
      replacedOn: null,
      replaceReason: null,
      replaceCount: 0,
      revokedOn: null,
      revokeReason: null,
      revokeNote: '',
      note: input.note,
    };
    const data: PlaqueRegisterData = { basis: input.basis, grounds, appliedOn, applicant: input.applicant, note: input.note };
    // the household's unit as it is now, under the tree lock: the case and the row store its path
    const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'households', h.id);
    const caseId = await openCase(trx, ctx, auth, {
      type: PLAQUE_CASE_TYPE,
      owner: unit,
      subject: { type: 'household', id: h.id },
      title: `光荣牌：${h.head_name ?? '（未指定户主）'}家${h.address ? `（${h.address}）` : ''}`,
      payload,
      status: 'waiting',
      action: 'register',
      data,
      record: async (newCaseId) => {
        const row: Stored<GloryPlaqueTable> = {
          id: newCaseId,
          ...placedAt(unit),
          household_id: h.id,
          status: 'waiting',
          basis: input.basis,
          grounds: JSON.stringify(grounds),
          applied_on: appliedOn,
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
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        };
        try {
          await insertPlaque(auth.scope, trx, row);
        } catch (e) {
          // the unique index on the household: someone registered it a moment ago
          if (String((e as Error).message).match(/unique|duplicate/i)) throw new AppError(409, 'PLAQUE_EXISTS', '该家庭已有光荣牌记录，一户只发一块');
          throw e;
        }
      },
    });
    await audit(trx, ctx, auth, 'glory-plaque.create', caseId, ip, `${h.head_name ?? ''} ${h.address}：${plaqueBasisLabels[input.basis]}`);
    return caseId;
  });
  return plaqueDetail(ctx, auth, id);
}

/**
 * Runs one action of the plaque's case: the module's own checks first (state and version, in its
 * words), then the photo stored and the kernel's action in one transaction.
 */
async function act(
  ctx: AppContext,
  auth: AuthContext,
  id: string,
  action: keyof typeof plaqueTransitions,
  what: string,
  input: { version: number; photo?: PlaquePhoto | null },
  data: (photoFileId: string | null) => Record<string, unknown>,
  ip: Ip,
): Promise<PlaqueDetail> {
  const p = await requirePlaque(ctx, auth, id);
  checkState(p, action, what);
  checkVersion(p, input.version);
  const bytes = input.photo ? photoBytes(input.photo) : null;
  await transaction(ctx.db, async (trx) => {
    const at = ctx.clock.now().toISOString();
    const photoId = input.photo && bytes ? await storePhoto(ctx, auth, trx, p, input.photo, bytes, at) : null;
    await performActionIn(trx, ctx, auth, id, { action, comment: '', version: input.version, data: data(photoId) }, ip);
  });
  return plaqueDetail(ctx, auth, id);
}

export async function hangPlaque(ctx: AppContext, auth: AuthContext, id: string, input: PlaqueHang, ip: Ip): Promise<PlaqueDetail> {
  return act(ctx, auth, id, 'hang', '再次悬挂', input, (photoFileId) => ({ hungOn: input.hungOn, hungBy: input.hungBy, note: input.note, photoFileId }), ip);
}

export async function replacePlaque(ctx: AppContext, auth: AuthContext, id: string, input: PlaqueReplace, ip: Ip): Promise<PlaqueDetail> {
  return act(ctx, auth, id, 'replace', '更换', input, (photoFileId) => ({ replacedOn: input.replacedOn, reason: input.reason, hungBy: input.hungBy, note: input.note, photoFileId }), ip);
}

export async function revokePlaque(ctx: AppContext, auth: AuthContext, id: string, input: PlaqueRevoke, ip: Ip): Promise<PlaqueDetail> {
  return act(ctx, auth, id, 'revoke', '撤销', input, () => ({ revokedOn: input.revokedOn, reason: input.reason, note: input.note }), ip);
}

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'glory-plaque.export', null, ip, detail));
}
