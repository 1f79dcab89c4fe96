// Honors 荣誉 (seed Part 3 四(四), §18, §40): honors after service with their documents; star-rating
// campaigns 评星级 and nominations (kernel cases, honors.cases.ts: statuses change only through the
// cases' actions, the history is the case log); the honor wall's consent 本人同意 (who recorded it,
// when, how; withdrawn → gone from the public wall); 送喜报 merit notices for serving members'
// families (a kernel case with a due day, in the unit's work queue). Every write is audited.
import { hasPermission } from '../../../shared/permissions';
import {
  honorLevelLabels,
  starLevelLabels,
  type HonorDto,
  type HonorInput,
  type HonorLedgerQuery,
  type HonorLevel,
  type HonorQuery,
  type HonorWallConsentDto,
  type HonorWallConsentInput,
  type HonorWallWithdraw,
  type MeritNoticeCancel,
  type MeritNoticeDeliver,
  type MeritNoticeDetail,
  type MeritNoticeDto,
  type MeritNoticeInput,
  type PublicHonorWall,
  type StarCampaignCancel,
  type StarCampaignDetail,
  type StarCampaignDto,
  type StarCampaignInput,
  type StarCampaignPublish,
  type StarNominationDto,
  type StarNominationInput,
  type StarNominationReview,
} from '../../../shared/schemas/honors';
import type { CaseFileDto } from '../../../shared/schemas/cases';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import { transaction } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { today } from '../../platform/clock';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathInScope, pathIsWithin } from '../../platform/jurisdiction';
import { placedAt, unitForWrite, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { uploadBytes } from '../../platform/uploads';
import { openCase, performAction, performActionIn, readCaseLog } from '../../cases/cases.service';
import { auditedFileBytes, checkedUploads, storeCaseFiles, toCaseFileDto } from '../../cases/case-files';
import { caseFileOf, caseFilesOf } from '../../cases/case-files.repo';
import { MERIT_NOTICE_CASE_TYPE, STAR_CAMPAIGN_CASE_TYPE, STAR_NOMINATION_CASE_TYPE, type CampaignPayload, type MeritPayload, type NominationPayload } from './honors.cases';
import {
  HONOR_FILE_OWNER,
  WALL_PHOTO_OWNER,
  campaignVisibleTo,
  consentOf,
  getHonor,
  getMerit,
  getNomination,
  honorFileOf,
  honorFilesOf,
  honorsOfUnscoped,
  insertCampaign,
  insertFileRow,
  insertHonor,
  insertMerit,
  insertNomination,
  listCampaigns,
  listHonors,
  listMerits,
  liveNominationOf,
  nominationsOf,
  publicUnitUnscoped,
  publishedStarsUnscoped,
  recipientInScope,
  wallPeopleUnscoped,
  wallPhotoUnscoped,
  withdrawConsentRow,
  writeConsent,
  type CampaignRow,
  type HonorFilter,
  type HonorRow,
  type MeritRow,
  type NominationRow,
} from './honors.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

export async function auditHonorExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, 'honor.export', 'honor', null, ip, detail));
}

const mayWrite = (auth: AuthContext) => hasPermission(auth.roles, 'honors:write');

async function requireRecipient(ctx: AppContext, auth: AuthContext, id: string) {
  const r = await recipientInScope(auth.scope, ctx.db, id);
  if (!r) throw notFound('服务对象');
  return r;
}

function notAfterToday(ctx: AppContext, day: string, field: string, label: string) {
  if (day > today(ctx)) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
}

// ---- honors 荣誉 ----

function toHonorDto(h: HonorRow, files: CaseFileDto[]): HonorDto {
  return {
    id: h.id,
    orgUnitId: h.org_unit_id,
    orgUnitName: h.org_unit_name,
    recipientId: h.recipient_id,
    recipientName: h.recipient_name,
    recipientIdMasked: h.recipient_id_masked,
    title: h.title,
    level: h.level as HonorLevel,
    giver: h.giver,
    awardedOn: h.awarded_on,
    note: h.note,
    documents: files,
    createdAt: h.created_at,
  };
}

async function withFiles(ctx: AppContext, auth: AuthContext, rows: HonorRow[]): Promise<HonorDto[]> {
  const files = await honorFilesOf(auth.scope, ctx.db, rows.map((r) => r.id));
  return rows.map((h) => toHonorDto(h, files.filter((f) => f.owner_id === h.id).map(toCaseFileDto)));
}

export async function honorFilter(ctx: AppContext, auth: AuthContext, q: HonorLedgerQuery): Promise<HonorFilter> {
  return { unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined, recipientId: q.recipientId, level: q.level, year: q.year };
}

export async function searchHonors(ctx: AppContext, auth: AuthContext, q: HonorQuery) {
  const f = await honorFilter(ctx, auth, q);
  const r = await listHonors(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: await withFiles(ctx, auth, r.items), page: q.page, pageSize: q.pageSize };
}

export async function honorDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<HonorDto> {
  const h = await getHonor(auth.scope, ctx.db, id);
  if (!h) throw notFound('荣誉');
  return (await withFiles(ctx, auth, [h]))[0];
}

/** Records an honor of a recipient of the caller's range, kept under the recipient's unit, with its documents (all or nothing). */
export async function createHonor(ctx: AppContext, auth: AuthContext, input: HonorInput, ip: Ip): Promise<HonorDto> {
  const r = await requireRecipient(ctx, auth, input.recipientId);
  notAfterToday(ctx, input.awardedOn, 'awardedOn', '授予日期');
  const bytes = checkedUploads(input.documents, 'documents');
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, r.org_unit_id);
    await insertHonor(auth.scope, trx, { id, ...placedAt(unit), recipient_id: r.id, title: input.title, level: input.level, giver: input.giver, awarded_on: input.awardedOn, note: input.note, created_by: auth.userId, created_at: at });
    for (const [n, f] of input.documents.entries()) {
      const b = bytes[n];
      await insertFileRow(auth.scope, trx, { id: newId(), ...placedAt(unit), owner_type: HONOR_FILE_OWNER, owner_id: id, kind: 'document', name: f.name, mime: f.mime, size: b.length, data_enc: ctx.crypto.encrypt(b.toString('base64')), created_by: auth.userId, created_at: at });
    }
    await auditAction(trx, ctx, auth, 'honor.create', 'honor', id, ip, `${r.name} ${honorLevelLabels[input.level]} ${input.title}（${input.giver}，${input.awardedOn}）`);
  });
  return honorDetail(ctx, auth, id);
}

export async function honorFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  const f = await honorFileOf(auth.scope, ctx.db, id, fileId);
  if (!f) throw notFound('文件');
  return transaction(ctx.db, (trx) => auditedFileBytes(trx, ctx, auth, f, { action: 'honor.file-view', targetType: 'honor', targetId: id, ip }));
}

// ---- star-rating campaigns 评星级 ----

const levelsOf = (s: string) => s.split(',').filter(Boolean).map(Number);

function toCampaignDto(c: CampaignRow): StarCampaignDto {
  return {
    id: c.id,
    version: c.version,
    orgUnitId: c.org_unit_id,
    orgUnitName: c.org_unit_name,
    title: c.title,
    criteria: c.criteria,
    levels: levelsOf(c.levels),
    periodFrom: c.period_from,
    periodTo: c.period_to,
    status: c.status as StarCampaignDto['status'],
    publishedOn: c.published_on,
    counts: { nominated: Number(c.n_nominated ?? 0), approved: Number(c.n_approved ?? 0), rejected: Number(c.n_rejected ?? 0) },
    createdAt: c.created_at,
  };
}

function toNominationDto(auth: AuthContext, n: NominationRow, campaign: CampaignRow): StarNominationDto {
  return {
    id: n.id,
    version: n.version,
    campaignId: n.campaign_id,
    orgUnitId: n.org_unit_id,
    orgUnitName: n.org_unit_name,
    recipientId: n.recipient_id,
    recipientName: n.recipient_name,
    recipientIdMasked: n.recipient_id_masked,
    level: n.level,
    reason: n.reason,
    status: n.status as StarNominationDto['status'],
    reviewComment: n.review_comment,
    canReview: n.status === 'nominated' && campaign.status === 'open' && pathInScope(auth.scope, campaign.org_path) && mayWrite(auth),
  };
}

export async function searchCampaigns(ctx: AppContext, auth: AuthContext, q: { status?: string; page: number; pageSize: number }) {
  const r = await listCampaigns(auth.scope, ctx.db, q);
  return { ...r, items: r.items.map(toCampaignDto), page: q.page, pageSize: q.pageSize };
}

async function requireCampaign(ctx: AppContext, auth: AuthContext, id: string): Promise<CampaignRow> {
  const c = await campaignVisibleTo(auth.scope, ctx.db, id);
  if (!c) throw notFound('评星级活动');
  return c;
}

export async function campaignDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<StarCampaignDetail> {
  const c = await requireCampaign(ctx, auth, id);
  const runs = pathInScope(auth.scope, c.org_path);
  const nominations = await nominationsOf(auth.scope, ctx.db, id);
  const log = runs ? await readCaseLog(auth.scope, ctx.db, id) : [];
  return { ...toCampaignDto(c), nominations: nominations.map((n) => toNominationDto(auth, n, c)), log, canManage: runs && c.status === 'open' && mayWrite(auth), canNominate: c.status === 'open' && mayWrite(auth) };
}

/** Opens a campaign run by a unit of the caller's range (a county center, or a township for its own stations). */
export async function createCampaign(ctx: AppContext, auth: AuthContext, input: StarCampaignInput, ip: Ip): Promise<StarCampaignDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (unit.level === 'grid') throw badRequest('评星级活动由县级服务中心或乡镇（街道）服务站组织，不能由网格组织', [{ path: 'orgUnitId', message: '不能由网格组织' }]);
  const at = ctx.clock.now().toISOString();
  const levels = [...input.levels].sort((a, b) => a - b);
  const payload: CampaignPayload = { periodFrom: input.periodFrom, publishedOn: null };
  const id = await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const caseId = await openCase(trx, ctx, auth, {
      type: STAR_CAMPAIGN_CASE_TYPE,
      owner: stored,
      title: `评星级：${input.title}`,
      payload,
      status: 'open',
      action: 'open',
      data: { criteria: input.criteria, levels, periodFrom: input.periodFrom, periodTo: input.periodTo },
      record: (rowId) =>
        insertCampaign(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          title: input.title,
          criteria: input.criteria,
          levels: levels.join(','),
          period_from: input.periodFrom,
          period_to: input.periodTo,
          status: 'open',
          published_on: null,
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await auditAction(trx, ctx, auth, 'star-campaign.create', 'star-campaign', caseId, ip, `${unit.name} ${input.title}（${levels.map((l) => starLevelLabels[l]).join('、')}，${input.periodFrom} 至 ${input.periodTo}）`);
    return caseId;
  });
  return campaignDetail(ctx, auth, id);
}

/** A station nominates a person of its range (living under the campaign's unit) with a level the campaign offers and a reason. */
export async function nominate(ctx: AppContext, auth: AuthContext, campaignId: string, input: StarNominationInput, ip: Ip): Promise<StarCampaignDetail> {
  const c = await requireCampaign(ctx, auth, campaignId);
  if (c.status !== 'open') throw new AppError(409, 'CLOSED', '该评星级活动已公布或撤销，不能再推荐');
  const day = today(ctx);
  if (day < c.period_from || day > c.period_to) throw badRequest(`不在推荐期内（${c.period_from} 至 ${c.period_to}）`, [{ path: 'campaignId', message: '不在推荐期内' }]);
  const r = await requireRecipient(ctx, auth, input.recipientId);
  if (r.status !== 'registered') throw badRequest('只能推荐已入库的服务对象', [{ path: 'recipientId', message: '未入库' }]);
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!pathIsWithin(r.org_path, unit.path)) throw badRequest('推荐单位须是被推荐人所在单位或其上级单位', [{ path: 'orgUnitId', message: '不是被推荐人所在单位或其上级' }]);
  if (!pathIsWithin(unit.path, c.org_path)) throw badRequest('推荐单位不在该评星级活动的范围内', [{ path: 'orgUnitId', message: '不在活动范围内' }]);
  if (!levelsOf(c.levels).includes(input.level)) throw badRequest(`本次活动只评${levelsOf(c.levels).map((l) => starLevelLabels[l]).join('、')}`, [{ path: 'level', message: '活动不评该星级' }]);
  const at = ctx.clock.now().toISOString();
  const payload: NominationPayload = { campaignId: c.id, recipientId: r.id, level: input.level, reviewComment: '' };
  await transaction(ctx.db, async (trx) => {
    if (await liveNominationOf(trx, c.id, r.id)) throw conflict(`${r.name}已被推荐参加本次评星级，不能重复推荐`);
    const owner = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const counterpart = await unitForWriteUnscoped(trx, ctx.dialect, c.org_unit_id);
    const caseId = await openCase(trx, ctx, auth, {
      type: STAR_NOMINATION_CASE_TYPE,
      owner,
      counterpart,
      subject: { type: 'star-campaign', id: c.id },
      title: `评星级推荐：${r.name}（${starLevelLabels[input.level]}，${c.title}）`,
      payload,
      status: 'nominated',
      action: 'open',
      data: { level: input.level, reason: input.reason },
      record: (rowId) =>
        insertNomination(auth.scope, trx, {
          id: rowId,
          campaign_id: c.id,
          ...placedAt(owner),
          recipient_id: r.id,
          level: input.level,
          reason: input.reason,
          status: 'nominated',
          review_comment: '',
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await auditAction(trx, ctx, auth, 'star-nomination.create', 'star-nomination', caseId, ip, `${unit.name} 推荐 ${r.name} ${starLevelLabels[input.level]}（${c.title}）`);
  });
  return campaignDetail(ctx, auth, c.id);
}

/** The running unit approves or rejects a nomination (a reason is required to reject). */
export async function reviewNomination(ctx: AppContext, auth: AuthContext, campaignId: string, nominationId: string, input: StarNominationReview, ip: Ip): Promise<StarCampaignDetail> {
  const c = await requireCampaign(ctx, auth, campaignId);
  const n = await getNomination(auth.scope, ctx.db, nominationId);
  if (!n || n.campaign_id !== c.id) throw notFound('评星级推荐');
  if (n.status !== 'nominated') throw new AppError(409, 'CLOSED', '该推荐已评审，不能再修改');
  if (n.version !== input.version) throw conflict('该推荐已被他人修改，请刷新后再操作（您的操作未保存）');
  if (input.decision === 'reject' && !input.comment) throw badRequest('评审不通过须填写意见', [{ path: 'comment', message: '请填写意见' }]);
  await performAction(ctx, auth, n.id, { action: input.decision, comment: input.comment, version: input.version, data: {} }, ip);
  return campaignDetail(ctx, auth, c.id);
}

async function campaignAction(ctx: AppContext, auth: AuthContext, id: string, action: 'publish' | 'cancel', version: number, comment: string, data: Record<string, unknown>, ip: Ip): Promise<StarCampaignDetail> {
  const c = await requireCampaign(ctx, auth, id);
  if (!pathInScope(auth.scope, c.org_path)) throw notFound('评星级活动');
  if (c.status !== 'open') throw new AppError(409, 'CLOSED', '该评星级活动已公布或撤销');
  if (c.version !== version) throw conflict('该评星级活动已被他人修改，请刷新后再操作（您的操作未保存）');
  await performAction(ctx, auth, id, { action, comment, version, data }, ip);
  return campaignDetail(ctx, auth, id);
}

export async function publishCampaign(ctx: AppContext, auth: AuthContext, id: string, input: StarCampaignPublish, ip: Ip) {
  return campaignAction(ctx, auth, id, 'publish', input.version, '', { publishedOn: input.publishedOn }, ip);
}
export async function cancelCampaign(ctx: AppContext, auth: AuthContext, id: string, input: StarCampaignCancel, ip: Ip) {
  return campaignAction(ctx, auth, id, 'cancel', input.version, input.reason, {}, ip);
}

// ---- the honor wall's consent 本人同意 ----

export async function consentView(ctx: AppContext, auth: AuthContext, recipientId: string): Promise<HonorWallConsentDto> {
  const r = await requireRecipient(ctx, auth, recipientId);
  const w = await consentOf(auth.scope, ctx.db, recipientId);
  return {
    recipientId: r.id,
    recipientName: r.name,
    version: w?.version ?? 0,
    active: w?.active === 1,
    method: (w?.method as HonorWallConsentDto['method']) ?? null,
    consentedOn: w?.consented_on ?? null,
    recordedByName: w?.recorded_by_name ?? null,
    recordedAt: w?.recorded_at ?? null,
    citation: w?.citation ?? '',
    hasPhoto: !!w?.photo_file_id,
    withdrawnAt: w?.withdrawn_at ?? null,
    withdrawnByName: w?.withdrawn_by_name ?? null,
    withdrawReason: w?.withdraw_reason ?? '',
  };
}

/** Records (or renews) the person's consent: how, when, by whom, the citation shown and a photo. */
export async function recordConsent(ctx: AppContext, auth: AuthContext, recipientId: string, input: HonorWallConsentInput, ip: Ip): Promise<HonorWallConsentDto> {
  const r = await requireRecipient(ctx, auth, recipientId);
  notAfterToday(ctx, input.consentedOn, 'consentedOn', '同意日期');
  const bytes = input.photo ? uploadBytes(input.photo, 'photo') : null;
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, r.org_unit_id);
    const prior = await consentOf(auth.scope, trx, r.id);
    let photoId = prior?.photo_file_id ?? null;
    if (input.photo && bytes) {
      photoId = newId();
      await insertFileRow(auth.scope, trx, { id: photoId, ...placedAt(unit), owner_type: WALL_PHOTO_OWNER, owner_id: r.id, kind: 'photo', name: input.photo.name, mime: input.photo.mime, size: bytes.length, data_enc: ctx.crypto.encrypt(bytes.toString('base64')), created_by: auth.userId, created_at: at });
    }
    const done = await writeConsent(trx, input.version, {
      recipient_id: r.id,
      active: 1,
      method: input.method,
      consented_on: input.consentedOn,
      citation: input.citation,
      photo_file_id: photoId,
      recorded_by: auth.userId,
      recorded_by_name: auth.displayName || auth.username,
      recorded_at: at,
      withdrawn_by_name: null,
      withdrawn_at: null,
      withdraw_reason: '',
    });
    if (!done) throw conflict('本人同意记录已被他人修改，请刷新后再操作（您的修改未保存）');
    await auditAction(trx, ctx, auth, 'honor-wall.consent', 'recipient', r.id, ip, `${r.name} ${input.method} ${input.consentedOn}`);
  });
  return consentView(ctx, auth, r.id);
}

/** Withdraws the consent: the person leaves the public wall at once. */
export async function withdrawConsent(ctx: AppContext, auth: AuthContext, recipientId: string, input: HonorWallWithdraw, ip: Ip): Promise<HonorWallConsentDto> {
  const r = await requireRecipient(ctx, auth, recipientId);
  const w = await consentOf(auth.scope, ctx.db, r.id);
  if (!w || w.active !== 1) throw conflict('该服务对象没有有效的本人同意记录');
  await transaction(ctx.db, async (trx) => {
    const done = await withdrawConsentRow(trx, r.id, input.version, auth.displayName || auth.username, ctx.clock.now().toISOString(), input.reason);
    if (!done) throw conflict('本人同意记录已被他人修改，请刷新后再操作（您的修改未保存）');
    await auditAction(trx, ctx, auth, 'honor-wall.withdraw', 'recipient', r.id, ip, `${r.name}：${input.reason}`);
  });
  return consentView(ctx, auth, r.id);
}

// ---- the public honor wall 光荣墙 ----

const WALL_MAX = 200;

export async function publicHonorWall(ctx: AppContext, unitId: string): Promise<PublicHonorWall> {
  const unit = await publicUnitUnscoped(ctx.db, unitId);
  if (!unit) throw notFound('单位');
  const people = await wallPeopleUnscoped(ctx.db, unit.path, WALL_MAX);
  const ids = people.map((p) => p.recipient_id);
  const [stars, honors] = await Promise.all([publishedStarsUnscoped(ctx.db, ids), honorsOfUnscoped(ctx.db, ids)]);
  const entries = people
    .map((p) => ({
      key: p.photo_file_id ?? `p${ids.indexOf(p.recipient_id)}`,
      name: p.name,
      unitName: p.unit_name,
      citation: p.citation,
      photoUrl: p.photo_file_id ? `/api/public/honor-wall/photos/${p.photo_file_id}` : null,
      stars: stars.filter((s) => s.recipient_id === p.recipient_id).map((s) => ({ level: Number(s.level), campaign: s.title, publishedOn: s.published_on ?? '' })),
      honors: honors.filter((h) => h.recipient_id === p.recipient_id).map((h) => ({ title: h.title, level: h.level as HonorLevel, awardedOn: h.awarded_on })),
    }))
    // the wall shows rated or honored people: a consent alone puts nobody on it
    .filter((e) => e.stars.length > 0 || e.honors.length > 0);
  return { unitId: unit.id, unitName: unit.name, entries };
}

export async function publicWallPhoto(ctx: AppContext, fileId: string): Promise<{ mime: string; data: Buffer }> {
  const f = await wallPhotoUnscoped(ctx.db, fileId);
  if (!f) throw notFound('照片');
  return { mime: f.mime, data: Buffer.from(ctx.crypto.decrypt(f.data_enc), 'base64') };
}

// ---- 送喜报 merit notices ----

function toMeritDto(m: MeritRow, day: string): MeritNoticeDto {
  const open = m.status === 'pending';
  return {
    id: m.id,
    version: m.version,
    orgUnitId: m.org_unit_id,
    orgUnitName: m.org_unit_name,
    recipientId: m.recipient_id,
    recipientName: m.recipient_name,
    servingName: m.serving_name,
    merit: m.merit,
    servingUnit: m.serving_unit,
    awardedOn: m.awarded_on,
    status: m.status as MeritNoticeDto['status'],
    dueDay: m.due_day,
    deliveredOn: m.delivered_on,
    deliveredBy: m.delivered_by,
    overdue: open && dayDueMarks(m.due_day, day).overdue,
    createdAt: m.created_at,
  };
}

export async function searchMerits(ctx: AppContext, auth: AuthContext, q: { status?: string; page: number; pageSize: number }) {
  const r = await listMerits(auth.scope, ctx.db, q);
  const day = today(ctx);
  return { ...r, items: r.items.map((m) => toMeritDto(m, day)), page: q.page, pageSize: q.pageSize };
}

export async function meritDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<MeritNoticeDetail> {
  const m = await getMerit(auth.scope, ctx.db, id);
  if (!m) throw notFound('喜报');
  const [files, log] = await Promise.all([caseFilesOf(auth.scope, ctx.db, id, 'delivery'), readCaseLog(auth.scope, ctx.db, id)]);
  return { ...toMeritDto(m, today(ctx)), files: files.map(toCaseFileDto), log, canEdit: m.status === 'pending' && mayWrite(auth) };
}

/** Registers a notice for the family (a 现役军人家属 of the caller's range) of a serving member's merit. */
export async function createMerit(ctx: AppContext, auth: AuthContext, input: MeritNoticeInput, ip: Ip): Promise<MeritNoticeDetail> {
  const r = await requireRecipient(ctx, auth, input.recipientId);
  if (r.kind !== 'militaryFamily' && r.recipient_group !== 'militaryFamily') throw badRequest('喜报送给现役军人家属：该服务对象不是现役军人家属', [{ path: 'recipientId', message: '不是现役军人家属' }]);
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!pathIsWithin(r.org_path, unit.path)) throw badRequest('送达单位须是家属所在单位或其上级单位', [{ path: 'orgUnitId', message: '不是家属所在单位或其上级' }]);
  notAfterToday(ctx, input.awardedOn, 'awardedOn', '立功受奖日期');
  const at = ctx.clock.now().toISOString();
  const payload: MeritPayload = { recipientId: r.id, registeredOn: today(ctx), deliveredOn: null, deliveredBy: null, photoFileId: null };
  const id = await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const caseId = await openCase(trx, ctx, auth, {
      type: MERIT_NOTICE_CASE_TYPE,
      owner: stored,
      subject: { type: 'recipient', id: r.id },
      title: `送喜报：${input.servingName}${input.merit}（家属 ${r.name}）`,
      payload,
      status: 'pending',
      action: 'open',
      data: { servingName: input.servingName, merit: input.merit, servingUnit: input.servingUnit, awardedOn: input.awardedOn, note: input.note },
      record: (rowId) =>
        insertMerit(auth.scope, trx, {
          id: rowId,
          ...placedAt(stored),
          recipient_id: r.id,
          serving_name: input.servingName,
          merit: input.merit,
          serving_unit: input.servingUnit,
          awarded_on: input.awardedOn,
          status: 'pending',
          due_day: null,
          delivered_on: null,
          delivered_by: null,
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await auditAction(trx, ctx, auth, 'merit-notice.create', 'merit-notice', caseId, ip, `${unit.name} ${input.servingName} ${input.merit} → ${r.name}`);
    return caseId;
  });
  return meritDetail(ctx, auth, id);
}

async function requireOpenMerit(ctx: AppContext, auth: AuthContext, id: string, version: number) {
  const m = await getMerit(auth.scope, ctx.db, id);
  if (!m) throw notFound('喜报');
  if (m.status !== 'pending') throw new AppError(409, 'CLOSED', '该喜报已送达或撤销，不能再修改');
  if (m.version !== version) throw conflict('该喜报已被他人修改，请刷新后再操作（您的操作未保存）');
  return m;
}

/** Records the delivery (date, who, an optional photo stored as the case's file) in one transaction. */
export async function deliverMerit(ctx: AppContext, auth: AuthContext, id: string, input: MeritNoticeDeliver, ip: Ip): Promise<MeritNoticeDetail> {
  const m = await requireOpenMerit(ctx, auth, id, input.version);
  const bytes = input.photo ? checkedUploads([input.photo], 'photo') : [];
  await transaction(ctx.db, async (trx) => {
    let photoFileId: string | null = null;
    if (input.photo) {
      const unit = await unitForWrite(trx, ctx.dialect, auth.scope, m.org_unit_id);
      photoFileId = (await storeCaseFiles(trx, ctx, auth, id, unit, 'delivery', [input.photo], bytes))[0].id;
    }
    await performActionIn(trx, ctx, auth, id, { action: 'deliver', comment: input.note, version: input.version, data: { deliveredOn: input.deliveredOn, deliveredBy: input.deliveredBy, note: input.note, photoFileId } }, ip);
  });
  return meritDetail(ctx, auth, id);
}

export async function cancelMerit(ctx: AppContext, auth: AuthContext, id: string, input: MeritNoticeCancel, ip: Ip): Promise<MeritNoticeDetail> {
  await requireOpenMerit(ctx, auth, id, input.version);
  await performAction(ctx, auth, id, { action: 'cancel', comment: input.reason, version: input.version, data: {} }, ip);
  return meritDetail(ctx, auth, id);
}

export async function meritFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  const f = await caseFileOf(auth.scope, ctx.db, id, fileId);
  if (!f || !(await getMerit(auth.scope, ctx.db, id))) throw notFound('文件');
  return transaction(ctx.db, (trx) => auditedFileBytes(trx, ctx, auth, f, { action: 'merit-notice.file-view', targetType: 'merit-notice', targetId: id, ip }));
}
