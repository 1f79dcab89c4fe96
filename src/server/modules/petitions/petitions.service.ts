// Petitions 信访: registration (any channel, the registration number, Art. 28 routing of an
// accusation against a unit to the level above, confidentiality of 检举控告), the staff views,
// the actions (run by the case kernel with the petition's clocks), repeats, letters and reveals.
// Every write is audited.
import { unitForWriteUnscoped, unitOfRecordForWrite } from '../../platform/stored-unit.repo';
import { randomInt } from 'node:crypto';
import { userHolds } from '../../platform/roles';
import { parseIdNumber, maskIdNumber } from '../../../shared/rules/id-number';
import { maskPhone, parsePhone } from '../../../shared/rules/phone';
import { shanghaiDay } from '../../../shared/rules/dates';
import { dayDueMarks, dueSoonLastDay, dueWarning } from '../../../shared/rules/due-marks';
import {
  MAX_REPRESENTATIVES,
  PETITION_CASE_TYPE,
  petitionActionLabels,
  petitionChannelLabels,
  petitionStatusLabels,
  type PetitionActionBody,
  type PetitionCategory,
  type PetitionChannel,
  type PetitionCreate,
  type PetitionCreated,
  type PetitionDetail,
  type PetitionListItem,
  type PetitionListQuery,
  type PetitionOutcome,
  type PetitionStatus,
  type PetitionType,
  type PetitionWarning,
} from '../../../shared/schemas/petitions';
import { QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH } from '../../../shared/schemas/public-accounts';
import { transaction, type Tx } from '../../db/transaction';
import { caseSupervisions } from '../../cases/supervision';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { publish } from '../../platform/events';
import { petitionRegistered } from './petitions.events';
import { caseDetail, openCase, performAction, performActionIn } from '../../cases/cases.service';
import { lastSeqUnscoped } from '../../cases/cases.repo';
import { auditedFileBytes, checkedUploads, storeCaseFiles, toCaseFileDto } from '../../cases/case-files';
import { caseFileOf, caseFilesOf } from '../../cases/case-files.repo';
import { petitionPayload, type PetitionPayload } from './petitions.cases';
import {
  getPetition,
  insertPetition,
  listPetitions as listRows,
  nextRegistrationNoUnscoped,
  recipientByIdHash,
  recipientInScope,
  samePetitionerCandidates,
  unitByIdUnscoped,
  unitInScope,
  updateVisiblePetition,
  usersAboveUnscoped,
  usersByIdsUnscoped,
  usersOfUnitUnscoped,
  type PersonRow,
  type PetitionFilter,
  type PetitionRow,
} from './petitions.repo';
import { labelUnitNamesUnscoped } from '../../platform/unit-labels.repo';
import type { AuditAction } from '../../../shared/schemas/audit-logs';

type Ip = string | null;
type Unit = { id: string; path: string; name: string; code: string; parent_id: string | null };

export function todayOf(ctx: AppContext): string {
  return shanghaiDay(ctx.clock.now());
}

/** `unitId`: the petition's unit, for an actor without one (an online petition from the public side) */
async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail?: string, unitId?: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'petition', targetId, ip, detail, unitId);
}

export function auditPetition(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail?: string) {
  return audit(trx, ctx, auth, action, targetId, ip, detail);
}

// ---- mapping ----

export function parsePayload(row: { payload: string }): PetitionPayload {
  return petitionPayload.parse(JSON.parse(row.payload));
}

export function warningOf(row: { open: number; due_day: string | null }, today: string): PetitionWarning {
  return row.open === 1 ? dueWarning(dayDueMarks(row.due_day, today)) : 'none';
}

export function toListItem(r: PetitionRow, today: string): PetitionListItem {
  return {
    id: r.id,
    registrationNo: r.registration_no,
    channel: r.channel as PetitionChannel,
    type: r.petition_type as PetitionType,
    category: r.category as PetitionCategory,
    receivedOn: r.received_on,
    petitionerName: r.petitioner_name,
    headcount: r.headcount,
    request: r.request,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    handlerUserId: r.handler_user_id ?? '',
    handlerName: r.handler_name ?? '（待指定）',
    leaderUserId: r.leader_user_id,
    leaderName: r.leader_name,
    status: r.status as PetitionStatus,
    statusLabel: petitionStatusLabels[r.status as PetitionStatus] ?? r.status,
    open: r.open === 1,
    dueDay: r.due_day,
    warning: warningOf(r, today),
    restricted: r.restricted === 1,
    repeatOf: r.repeat_of,
    outcome: r.outcome as PetitionOutcome | null,
    satisfaction: r.satisfaction,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// ---- registration ----

export type RegistrationInput = {
  unit: Unit;
  channel: PetitionChannel;
  receivedOn: string;
  petitionerName: string;
  id18: string | null;
  phone: string | null;
  dischargeCertChecked: boolean;
  address: string;
  headcount: number;
  representatives: { name: string; id18: string }[];
  type: PetitionType;
  category: PetitionCategory;
  request: string;
  facts: string;
  reasons: string;
  oral: boolean;
  recipientId: string | null;
  handlerUserId: string | null;
  leaderUserId: string | null;
  repeatOf: string | null;
  accusedUserIds: string[];
  accusedOrgUnitId: string | null;
  note: string;
  publicAccountId: string | null;
  /** the visit follow-up this petition is opened from (反映问题转办) */
  fromFollowUpId?: string | null;
};

function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) s += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return s;
}

export function queryCodeHash(ctx: AppContext, code: string): string {
  return ctx.crypto.lookupHash(`petition-query:${code}`);
}

function idsOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * Art. 28: when an accusation names the unit (or a unit above it), or the head of such a unit,
 * the level above the highest unit named handles it. Returns the owner unit.
 */
async function ownerFor(trx: Tx, unit: Unit, input: RegistrationInput, accused: PersonRow[]): Promise<{ owner: Unit; named: Unit | null }> {
  if (input.type !== 'accusation') return { owner: unit, named: null };
  const chain = idsOfPath(unit.path);
  let highest = input.accusedOrgUnitId ? chain.indexOf(input.accusedOrgUnitId) : -1;
  for (const a of accused) {
    if (!userHolds(a.roles, 'unit:head')) continue;
    const i = chain.indexOf(a.org_unit_id);
    if (i >= 0 && (highest === -1 || i < highest)) highest = i;
  }
  if (highest === -1) return { owner: unit, named: null };
  if (highest === 0) throw new AppError(409, 'NO_UPPER', '被检举的单位没有上一级机关，无法依照信访工作条例第二十八条回避办理');
  const [upper, named] = [await unitByIdUnscoped(trx, chain[highest - 1]), await unitByIdUnscoped(trx, chain[highest])];
  if (!upper || !named) throw notFound('上一级单位');
  return { owner: upper, named };
}

/**
 * Registers a petition inside the caller's transaction (a seam for other modules, e.g. visits'
 * follow-ups): the petitions row, its case (with the clock), the registration number, grants of a
 * restricted case, and the audit entry. `auth` is the registering user (or the public pseudo-user).
 */
export async function registerPetition(trx: Tx, ctx: AppContext, auth: AuthContext, input: RegistrationInput, ip: Ip): Promise<PetitionCreated> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = shanghaiDay(now);
  const restricted = input.type === 'accusation';
  const accused = restricted ? await usersByIdsUnscoped(trx, input.accusedUserIds) : [];
  if (accused.length !== (restricted ? new Set(input.accusedUserIds).size : 0)) throw badRequest('被检举人不存在', [{ path: 'accusedUserIds', message: '被检举人不存在' }]);
  if (restricted && input.accusedOrgUnitId && !(await unitByIdUnscoped(trx, input.accusedOrgUnitId))) throw badRequest('被检举单位不存在', [{ path: 'accusedOrgUnitId', message: '被检举单位不存在' }]);
  // the registering unit and the owner as they are now, under the tree lock: the case and row store the owner's path
  const here = await unitForWriteUnscoped(trx, ctx.dialect, input.unit.id);
  const { owner: ownerRef, named } = await ownerFor(trx, { ...input.unit, path: here.path }, input, accused);
  const owner = ownerRef.id === here.id ? here : await unitForWriteUnscoped(trx, ctx.dialect, ownerRef.id);
  const accusedIds = new Set(input.accusedUserIds);
  /** the named unit sees nothing (Art. 28): nobody of the named unit's subtree is a participant */
  const accusedUnit = named ?? (restricted && input.accusedOrgUnitId ? await unitByIdUnscoped(trx, input.accusedOrgUnitId) : undefined);
  const inAccusedUnit = (p: { org_path: string }) => !!accusedUnit && p.org_path.startsWith(accusedUnit.path);

  const person = async (id: string, label: string, field: string, needWrite: boolean) => {
    const [named] = await usersByIdsUnscoped(trx, [id]);
    if (named && (accusedIds.has(named.id) || inAccusedUnit(named))) {
      throw badRequest(`被检举人及被检举单位的人员不能作为${label}，应当回避（信访工作条例第二十八条、第三十条）`, [{ path: field, message: '应当回避' }]);
    }
    const [u] = await usersAboveUnscoped(trx, owner.path, id);
    if (!u) throw badRequest(`${label}须为办理单位或其上级单位的工作人员`, [{ path: field, message: `${label}不在办理单位的范围内` }]);
    if (needWrite && !userHolds(u.roles, 'petitions:write')) throw badRequest(`${label}须为能办理业务的工作人员`, [{ path: field, message: `${label}没有办理权限` }]);
    return u;
  };
  const handler = input.handlerUserId ? await person(input.handlerUserId, '首办责任人', 'handlerUserId', true) : null;
  const leader = input.leaderUserId ? await person(input.leaderUserId, '包案领导', 'leaderUserId', false) : null;

  const no = await nextRegistrationNoUnscoped(trx, owner.id, input.channel, Number(today.slice(0, 4)));
  const registrationNo = `${owner.code}〔${today.slice(0, 4)}〕${petitionChannelLabels[input.channel]}第${String(no).padStart(4, '0')}号`;
  const queryCode = newQueryCode();
  const payload: PetitionPayload = petitionPayload.parse({
    registrationNo,
    petitionType: input.type,
    channel: input.channel,
    handlerUserId: handler?.id ?? null,
    leaderUserId: leader?.id ?? null,
    accusedUserIds: [...accusedIds],
    receivedOn: input.receivedOn,
    acceptClockFrom: input.receivedOn,
    stages: [{ action: 'register', status: 'registered', day: input.receivedOn }],
  });

  // participants of a restricted case: registrar, handler, leader and the owner unit's heads — never the accused
  const participants = new Set<string>();
  if (restricted) {
    const registrar = auth.userId.startsWith('public:') ? [] : await usersByIdsUnscoped(trx, [auth.userId]);
    for (const r of registrar) if (!accusedIds.has(r.id) && !inAccusedUnit(r)) participants.add(r.id);
    if (handler) participants.add(handler.id);
    if (leader) participants.add(leader.id);
    for (const u of await usersOfUnitUnscoped(trx, owner.id)) {
      if (userHolds(u.roles, 'unit:head') && !accusedIds.has(u.id) && !inAccusedUnit(u)) participants.add(u.id);
    }
  }
  const title = restricted
    ? `检举控告 ${registrationNo}`
    : `${petitionChannelLabels[input.channel]}｜${input.petitionerName}：${input.request.slice(0, 30)}`;
  const enc = (v: string | null) => (v ? ctx.crypto.encrypt(v) : null);
  const hash = (v: string | null) => (v ? ctx.crypto.lookupHash(v) : null);
  const insertRow = (id: string) =>
    insertPetition(auth.scope, trx, {
      id,
      org_unit_id: owner.id,
      org_path: owner.path,
      registration_no: registrationNo,
      channel: input.channel,
      petition_type: input.type,
      category: input.category,
      received_on: input.receivedOn,
      petitioner_name: input.petitionerName,
      id_number_enc: enc(input.id18),
      id_hash: hash(input.id18),
      phone_enc: enc(input.phone),
      phone_hash: hash(input.phone),
      discharge_cert_checked: input.dischargeCertChecked ? 1 : 0,
      address: input.address,
      headcount: input.headcount,
      representatives: JSON.stringify(input.representatives.map((r) => ({ name: r.name, idEnc: ctx.crypto.encrypt(r.id18), idHash: ctx.crypto.lookupHash(r.id18) }))),
      request: input.request,
      facts: input.facts,
      reasons: input.reasons,
      oral: input.oral ? 1 : 0,
      note: input.note,
      recipient_id: input.recipientId,
      leader_user_id: leader?.id ?? null,
      repeat_of: input.repeatOf,
      accused_user_ids: JSON.stringify([...accusedIds]),
      accused_org_unit_id: restricted ? input.accusedOrgUnitId : null,
      restricted: restricted ? 1 : 0,
      public_account_id: input.publicAccountId,
      query_code_hash: queryCodeHash(ctx, queryCode),
      query_code_enc: ctx.crypto.encrypt(queryCode),
      // status-like columns: written by the kernel from the case (petitions.cases.ts petitionMirror)
      handler_user_id: null,
      accept_due: null,
      accept_decided_on: null,
      accepted_on: null,
      handle_due: null,
      replied_on: null,
      reply_received_on: null,
      outcome: null,
      reply_text: null,
      satisfaction: null,
      rated_at: null,
      closed_on: null,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
  const id = await openCase(trx, ctx, auth, {
    type: PETITION_CASE_TYPE,
    owner,
    title,
    payload,
    status: 'registered',
    action: 'register',
    comment: input.publicAccountId ? '网上提交' : '',
    restricted,
    participants: [...participants],
    // the petitions row goes in right after the case row (it references it); the kernel then writes its mirror columns
    record: insertRow,
  });
  await audit(trx, ctx, auth, 'petition.register', id, ip, `${registrationNo}${owner.id !== input.unit.id ? `（回避：由${owner.name}办理）` : ''}`, owner.id);
  // subscribers (visits: a follow-up this petition comes from closes as passed on, naming it)
  await publish(trx, ctx, petitionRegistered, { petitionId: id, registrationNo, orgUnit: { id: owner.id, path: owner.path }, recipientId: input.recipientId, fromFollowUpId: input.fromFollowUpId ?? null, auth, ip, at });
  return { id, registrationNo, queryCode };
}

/** What an online petition from a public account brings (public-accounts reads the account). */
export type PublicPetitionInput = {
  accountId: string;
  /** the account's ID number lookup hash: links the petition to the registry within the unit's range */
  idHash: string;
  unit: Unit;
  petitionerName: string;
  id18: string;
  phone: string;
  address: string;
  type: PetitionType;
  category: PetitionCategory;
  request: string;
  facts: string;
  reasons: string;
};

/**
 * Online registration by a public account (in the caller's transaction). The registering "user"
 * is the account, not a staff member: the kernel's actor is built here, scoped to the chosen unit.
 */
export async function registerPublicPetition(trx: Tx, ctx: AppContext, input: PublicPetitionInput, ip: Ip): Promise<PetitionCreated> {
  const actor: AuthContext = {
    sessionId: '',
    csrfToken: '',
    stage: 'active',
    userId: `public:${input.accountId}`,
    username: `public:${input.accountId}`,
    displayName: '网上信访人',
    roles: [],
    permissions: [],
    unit: { id: '', name: '网上信访', level: 'county', code: '', path: input.unit.path },
    scope: { userId: `public:${input.accountId}`, orgUnitId: input.unit.id, path: input.unit.path },
    passwordChangedAt: '',
    totpEnabled: false,
  };
  // linked to the registry when the petitioner is a recipient of the chosen unit's range
  const recipient = await recipientByIdHash(actor.scope, trx, input.idHash);
  return registerPetition(
    trx,
    ctx,
    actor,
    {
      unit: input.unit,
      channel: 'online',
      receivedOn: shanghaiDay(ctx.clock.now()),
      petitionerName: input.petitionerName,
      id18: input.id18,
      phone: input.phone,
      dischargeCertChecked: false,
      address: input.address,
      headcount: 1,
      representatives: [],
      type: input.type,
      category: input.category,
      request: input.request,
      facts: input.facts,
      reasons: input.reasons,
      oral: false,
      recipientId: recipient?.id ?? null,
      handlerUserId: null,
      leaderUserId: null,
      repeatOf: null,
      accusedUserIds: [],
      accusedOrgUnitId: null,
      note: '',
      publicAccountId: input.accountId,
    },
    ip,
  );
}

function idOrError(value: string, today: string, path: string, label: string): string {
  const r = parseIdNumber(value, today);
  if (!r.ok) throw badRequest(`${label}：${r.message}`, [{ path, message: r.message }]);
  return r.id18;
}

export function phoneOrError(value: string, path: string): string {
  const r = parsePhone(value);
  if (!r.ok) throw badRequest(`联系电话：${r.message}`, [{ path, message: r.message }]);
  return r.national;
}

/** Staff registration: checks the input against RULES.md, then registers in one transaction. */
export async function createPetition(ctx: AppContext, auth: AuthContext, body: PetitionCreate, ip: Ip): Promise<PetitionCreated> {
  const today = todayOf(ctx);
  if (body.receivedOn > today) throw badRequest('收到日期不能晚于今天', [{ path: 'receivedOn', message: '不能晚于今天' }]);
  if (body.channel === 'visit' && !body.idNumber) {
    throw badRequest('来访登记须核验并填写信访人的公民身份号码', [{ path: 'idNumber', message: '请填写公民身份号码' }]);
  }
  const id18 = body.idNumber ? idOrError(body.idNumber, today, 'idNumber', '公民身份号码') : null;
  const phone = body.phone ? phoneOrError(body.phone, 'phone') : null;
  if (body.channel === 'visit' && body.headcount >= MAX_REPRESENTATIVES && body.representatives.length === 0) {
    throw badRequest(`集体访（${MAX_REPRESENTATIVES} 人及以上）须登记推选的代表（最多 ${MAX_REPRESENTATIVES} 名）`, [{ path: 'representatives', message: '请登记代表' }]);
  }
  const representatives = body.representatives.map((r, i) => ({ name: r.name, id18: idOrError(r.idNumber, today, `representatives.${i}.idNumber`, `代表${r.name}的公民身份号码`) }));
  if (body.type !== 'accusation' && (body.accusedUserIds.length || body.accusedOrgUnitId)) {
    throw badRequest('只有检举控告类事项才填写被检举人', [{ path: 'accusedUserIds', message: '只有检举控告类事项才填写' }]);
  }
  return transaction(ctx.db, async (trx) => {
    const unit = await unitInScope(auth.scope, trx, body.orgUnitId);
    if (!unit) throw notFound('单位');
    let recipientId = body.recipientId;
    if (recipientId) {
      if (!(await recipientInScope(auth.scope, trx, recipientId))) throw badRequest('关联的服务对象不存在或不在本单位范围内', [{ path: 'recipientId', message: '服务对象不存在' }]);
    } else if (id18) {
      recipientId = (await recipientByIdHash(auth.scope, trx, ctx.crypto.lookupHash(id18)))?.id ?? null;
    }
    if (body.repeatOf && !(await getPetition(auth.scope, trx, body.repeatOf))) throw badRequest('所关联的首次信访事项不存在', [{ path: 'repeatOf', message: '信访事项不存在' }]);
    const created = await registerPetition(
      trx,
      ctx,
      auth,
      {
        unit,
        channel: body.channel,
        receivedOn: body.receivedOn,
        petitionerName: body.petitionerName,
        id18,
        phone,
        dischargeCertChecked: body.dischargeCertChecked,
        address: body.address,
        headcount: body.headcount,
        representatives,
        type: body.type,
        category: body.category,
        request: body.request,
        facts: body.facts,
        reasons: body.reasons,
        oral: body.oral,
        recipientId,
        handlerUserId: body.handlerUserId,
        leaderUserId: body.leaderUserId,
        repeatOf: body.repeatOf,
        accusedUserIds: body.accusedUserIds,
        accusedOrgUnitId: body.accusedOrgUnitId,
        note: body.note,
        publicAccountId: null,
        // a need raised in a visit, passed on in one step: the follow-up closes naming this petition
        fromFollowUpId: body.fromFollowUpId,
      },
      ip,
    );
    return created;
  });
}

// ---- reading ----

export async function petitionFilter(ctx: AppContext, auth: AuthContext, q: Omit<PetitionListQuery, 'page' | 'pageSize' | 'sort'>): Promise<PetitionFilter> {
  const today = todayOf(ctx);
  let unitPath: string | undefined;
  if (q.orgUnitId) {
    const unit = await unitInScope(auth.scope, ctx.db, q.orgUnitId);
    if (!unit) throw notFound('单位');
    unitPath = unit.path;
  }
  return {
    unitPath,
    recipientId: q.recipientId,
    status: q.status,
    open: q.open === undefined ? undefined : q.open === 'true',
    channel: q.channel,
    type: q.type,
    warning: q.warning,
    today,
    soonDay: dueSoonLastDay(today),
    mineUserId: q.mine === 'true' ? auth.userId : undefined,
    q: q.q,
    receivedFrom: q.receivedFrom,
    receivedTo: q.receivedTo,
  };
}

export async function listPetitions(ctx: AppContext, auth: AuthContext, q: PetitionListQuery) {
  const f = await petitionFilter(ctx, auth, q);
  const r = await listRows(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort });
  return { items: await labelUnitNamesUnscoped(ctx.db, r.items.map((x) => toListItem(x, f.today))), total: r.total, totalCapped: r.totalCapped, page: q.page, pageSize: q.pageSize };
}

export async function requirePetition(ctx: AppContext, auth: AuthContext, id: string): Promise<PetitionRow> {
  const row = await getPetition(auth.scope, ctx.db, id);
  if (!row) throw notFound('信访事项');
  return row;
}

export async function petitionDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<PetitionDetail> {
  const row = await requirePetition(ctx, auth, id);
  const p = parsePayload(row);
  const kernel = await caseDetail(ctx, auth, id);
  const handlingFiles = await caseFilesOf(auth.scope, ctx.db, id, 'handling:');
  const reps = JSON.parse(row.representatives) as { name: string; idEnc: string }[];
  return {
    ...toListItem(row, todayOf(ctx)),
    version: row.version,
    idNumberMasked: row.id_number_enc ? maskIdNumber(ctx.crypto.decrypt(row.id_number_enc)) : '',
    phoneMasked: row.phone_enc ? maskPhone(ctx.crypto.decrypt(row.phone_enc)) : '',
    dischargeCertChecked: row.discharge_cert_checked === 1,
    address: row.address,
    representatives: reps.map((r) => ({ name: r.name, idNumberMasked: maskIdNumber(ctx.crypto.decrypt(r.idEnc)) })),
    facts: row.facts,
    reasons: row.reasons,
    oral: row.oral === 1,
    recipientId: row.recipient_id,
    note: row.note,
    acceptDueDay: row.accept_due,
    acceptedOn: row.accepted_on,
    handleDueDay: row.handle_due,
    notAcceptedReason: p.notAcceptedReason,
    transfer: p.transfer,
    escalations: p.escalations.map((e) => ({ fromUnitName: e.fromUnitName, toUnitName: e.toUnitName, on: e.on, reason: e.reason })),
    extension: p.extension ? { days: p.extension.days, reason: p.extension.reason, approvedByName: p.extension.approvedByName, approvedOn: p.extension.approvedOn } : null,
    replyText: p.reply?.text ?? null,
    repliedOn: p.reply?.repliedOn ?? null,
    replyReceivedOn: p.reply?.receivedOn ?? null,
    review: p.review ? { requestedOn: p.review.requestedOn, unitName: p.review.unitName, decision: p.review.decision, opinion: p.review.opinion, decidedOn: p.review.decidedOn, receivedOn: p.review.receivedOn } : null,
    reReview: p.reReview
      ? { requestedOn: p.reReview.requestedOn, unitName: p.reReview.unitName, decision: p.reReview.decision, opinion: p.reReview.opinion, decidedOn: p.reReview.decidedOn, hearings: p.reReview.hearings }
      : null,
    closedOn: row.closed_on,
    fromPublic: row.public_account_id !== null,
    stages: stagesOf(p),
    log: kernel.log.map((l) => (l.seq === 1 ? { ...l, actionLabel: '登记' } : l)),
    actions: kernel.actions.map((a) => ({ name: a.name as PetitionActionBody['action'], label: a.label })),
    handlings: kernel.log
      .filter((l) => l.action === 'handle')
      .map((l) => {
        const d = l.data as { handledOn: string; what: string; withWhom: string };
        return { seq: l.seq, handledOn: d.handledOn, what: d.what, withWhom: d.withWhom, actorName: l.actorName, at: l.at, files: handlingFiles.filter((f) => f.kind === `handling:${l.seq}`).map(toCaseFileDto) };
      }),
    supervisions: await caseSupervisions(auth.scope, ctx.db, id, todayOf(ctx)),
    keyContact: p.keyContact,
    team: p.team,
  };
}

export function stagesOf(p: PetitionPayload) {
  return p.stages.map((s) => ({
    action: s.action,
    label: s.action === 'register' ? '登记' : (petitionActionLabels[s.action as PetitionActionBody['action']] ?? s.action),
    status: s.status as PetitionStatus,
    statusLabel: petitionStatusLabels[s.status as PetitionStatus] ?? s.status,
    day: s.day,
  }));
}

// ---- actions ----

export async function runAction(ctx: AppContext, auth: AuthContext, id: string, body: PetitionActionBody, ip: Ip): Promise<PetitionDetail> {
  await requirePetition(ctx, auth, id);
  if (body.action === 'handle') {
    // a handling entry's attachments: checked first, stored as files of the case under its unit in
    // the entry's transaction, named by the entry's log seq (the log keeps the entry, not the bytes)
    const { action, comment, version, files, ...data } = body;
    const bytes = checkedUploads(files);
    await transaction(ctx.db, async (trx) => {
      await performActionIn(trx, ctx, auth, id, { action, comment, version, data }, ip);
      if (!files.length) return;
      const seq = await lastSeqUnscoped(trx, id);
      const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'cases', id);
      await storeCaseFiles(trx, ctx, auth, id, unit, `handling:${seq}`, files, bytes);
    });
    return petitionDetail(ctx, auth, id);
  }
  const { action, comment, version, ...data } = body;
  await performAction(ctx, auth, id, { action, comment, version, data }, ip);
  return petitionDetail(ctx, auth, id);
}

/** A handling entry's attachment, for whoever reads the petition (a restricted one: its named users only); audited. */
export async function readHandlingFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  await requirePetition(ctx, auth, id);
  const f = await caseFileOf(auth.scope, ctx.db, id, fileId);
  if (!f || !f.kind.startsWith('handling:')) throw notFound('文件');
  return transaction(ctx.db, (trx) => auditedFileBytes(trx, ctx, auth, f, { action: 'petition.file-view', targetType: 'petition', targetId: id, ip }));
}

export async function revealField(ctx: AppContext, auth: AuthContext, id: string, field: 'idNumber' | 'phone', ip: Ip): Promise<string> {
  const row = await requirePetition(ctx, auth, id);
  const stored = field === 'idNumber' ? row.id_number_enc : row.phone_enc;
  if (!stored) throw notFound(field === 'idNumber' ? '公民身份号码' : '联系电话');
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'petition.reveal', id, ip, field === 'idNumber' ? '查看公民身份号码' : '查看联系电话'));
  return ctx.crypto.decrypt(stored);
}

// ---- repeats ----

/** Character bigrams of the text (Chinese has no spaces): the tokens of the similarity. */
function bigrams(text: string): Set<string> {
  const s = text.replace(/[\s\p{P}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

/** Overlap of two requests, 0..1 (Jaccard of bigrams). */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let both = 0;
  for (const t of x) if (y.has(t)) both++;
  return both / (x.size + y.size - both);
}

export async function suggestRepeats(ctx: AppContext, auth: AuthContext, q: { orgUnitId: string; petitionerName: string; idNumber: string; phone: string; request: string }) {
  if (!(await unitInScope(auth.scope, ctx.db, q.orgUnitId))) throw notFound('单位');
  const today = todayOf(ctx);
  const id = q.idNumber ? parseIdNumber(q.idNumber, today) : null;
  const phone = q.phone ? parsePhone(q.phone) : null;
  const idHash = id?.ok ? ctx.crypto.lookupHash(id.id18) : null;
  const phoneHash = phone?.ok ? ctx.crypto.lookupHash(phone.national) : null;
  const rows = await samePetitionerCandidates(auth.scope, ctx.db, { idHash, phoneHash, name: q.petitionerName || null }, 50);
  const items = rows
    .map((r) => {
      const matchedBy: ('idNumber' | 'phone' | 'name')[] = [];
      if (idHash && r.id_hash === idHash) matchedBy.push('idNumber');
      if (phoneHash && r.phone_hash === phoneHash) matchedBy.push('phone');
      if (q.petitionerName && r.petitioner_name === q.petitionerName) matchedBy.push('name');
      return {
        id: r.id,
        registrationNo: r.registration_no,
        receivedOn: r.received_on,
        petitionerName: r.petitioner_name,
        request: r.request,
        status: r.status as PetitionStatus,
        statusLabel: petitionStatusLabels[r.status as PetitionStatus] ?? r.status,
        matchedBy,
        similarity: Math.round(similarity(q.request, r.request) * 100) / 100,
        first: r.repeat_of === null,
      };
    })
    // a name alone is weak: keep it only with similar content
    .filter((s) => s.matchedBy.some((m) => m !== 'name') || s.similarity >= 0.3)
    .sort((a, b) => b.similarity - a.similarity || (a.receivedOn < b.receivedOn ? -1 : 1))
    .slice(0, 10)
    .map(({ first: _first, ...s }) => s);
  return { items };
}

/** Links a petition as a repeat of the first one on the same matter (or unlinks with null). */
export async function linkRepeat(ctx: AppContext, auth: AuthContext, id: string, repeatOf: string | null, version: number, ip: Ip): Promise<PetitionDetail> {
  const row = await requirePetition(ctx, auth, id);
  if (row.version !== version) throw new AppError(409, 'CONFLICT', '该信访事项已被他人处理，请刷新后再操作');
  if (repeatOf) {
    if (repeatOf === id) throw badRequest('不能关联自身');
    const first = await getPetition(auth.scope, ctx.db, repeatOf);
    if (!first) throw badRequest('所关联的首次信访事项不存在', [{ path: 'repeatOf', message: '信访事项不存在' }]);
    // link to the first of the chain, so a repeat is never counted twice
    if (first.repeat_of) repeatOf = first.repeat_of;
    if (repeatOf === id) throw badRequest('不能关联为自身的重复件');
  }
  await transaction(ctx.db, async (trx) => {
    const n = await updateVisiblePetition(auth.scope, trx, id, { repeat_of: repeatOf, updated_at: ctx.clock.now().toISOString() });
    if (n !== 1) throw notFound('信访事项');
    await audit(trx, ctx, auth, 'petition.repeat', id, ip, repeatOf ? `关联为重复信访：${repeatOf}` : '取消重复信访关联');
  });
  return petitionDetail(ctx, auth, id);
}

/** Satisfaction told to staff (a letter, a call): once, after the reply. */
export async function recordSatisfaction(ctx: AppContext, auth: AuthContext, id: string, satisfaction: number, ip: Ip): Promise<PetitionDetail> {
  const row = await requirePetition(ctx, auth, id);
  if (!row.replied_on) throw new AppError(409, 'NOT_REPLIED', '尚未答复，不能评价满意度');
  if (row.satisfaction !== null) throw new AppError(409, 'RATED', '该信访事项已评价过满意度');
  await transaction(ctx.db, async (trx) => {
    const at = ctx.clock.now().toISOString();
    const n = await updateVisiblePetition(auth.scope, trx, id, { satisfaction, rated_at: at, updated_at: at });
    if (n !== 1) throw notFound('信访事项');
    await audit(trx, ctx, auth, 'petition.rate', id, ip, `满意度 ${satisfaction}（工作人员代为登记）`);
  });
  return petitionDetail(ctx, auth, id);
}

/**
 * Staff who may be named handler or leader of a petition in a unit: the users of the unit and of the
 * units above it (a leader 包案领导 is often at the county), who read petitions. The registration checks
 * the handler can act (petitions:write).
 */
export async function assignees(ctx: AppContext, auth: AuthContext, orgUnitId: string) {
  const unit = await unitInScope(auth.scope, ctx.db, orgUnitId);
  if (!unit) throw notFound('单位');
  const rows = await usersAboveUnscoped(ctx.db, unit.path);
  return {
    items: rows
      .filter((u) => userHolds(u.roles, 'petitions:read'))
      .map((u) => ({ id: u.id, name: u.display_name, unitName: u.unit_name, title: u.title, isHead: userHolds(u.roles, 'unit:head') })),
  };
}

/** A petition the caller sees, as another module opening a case from it needs it (rights cases): 404 otherwise. */
export async function petitionInRange(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<{ id: string; registrationNo: string; recipientId: string | null; orgUnitId: string }> {
  const p = await getPetition(auth.scope, db, id);
  if (!p) throw notFound('信访事项');
  return { id: p.id, registrationNo: p.registration_no, recipientId: p.recipient_id, orgUnitId: p.org_unit_id };
}
