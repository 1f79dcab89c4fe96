// Care records 关爱服务记录 (issue 14): legal consultations, counselling, law-education events,
// health checks and insurance for families in hardship, recorded with the persons concerned. Plain
// scoped records (no case type): versioned writes (a stale version is 409), each audited; the
// details are encrypted with ctx.crypto, shown masked, and revealed one record at a time (audited).
import { hasPermission } from '../../../shared/permissions';
import { careRecordKindLabels, careRecordKinds, DETAILS_MASK, type CareInsurance, type CareRecordCreate, type CareRecordDto, type CareRecordFigures, type CareRecordFiguresQuery, type CareRecordKind, type CareRecordLedgerQuery, type CareRecordListQuery, type CareRecordUpdate } from '../../../shared/schemas/care-records';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathIsWithin } from '../../platform/jurisdiction';
import { placedAt, unitForWrite, type StoredUnit } from '../../platform/stored-unit.repo';
import { labelUnitNamesUnscoped } from '../../platform/unit-labels.repo';
import { today } from '../../platform/clock';
import { childUnitsInScope, splitByChild } from './legal-aid.repo';
import {
  careFigureRows,
  deleteCarePeople,
  getCareRecord,
  insertCarePeople,
  insertCareRecord,
  listCareRecords,
  peopleOf,
  recipientsInScope,
  updateCareRecord,
  type CareRecordFilter,
  type CarePersonRow,
  type CareRecordRow,
} from './care-records.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;
const STALE = '该记录已被他人修改，请刷新后再操作（您的修改未保存）';

export function toCareRecordDto(auth: AuthContext, r: CareRecordRow, people: CarePersonRow[]): CareRecordDto {
  const mine = people.filter((p) => p.record_id === r.id);
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    kind: r.kind as CareRecordKind,
    day: r.day,
    title: r.title,
    place: r.place,
    organiser: r.organiser,
    by: r.by_name,
    summary: r.summary,
    hasDetails: r.details_enc !== null,
    detailsMasked: r.details_enc !== null ? DETAILS_MASK : '',
    headcount: Number(r.headcount),
    insurance: r.extra ? (JSON.parse(r.extra) as CareInsurance) : null,
    peopleCount: Number(r.people_count ?? 0),
    people: mine.map((p) => ({ recipientId: p.recipient_id, recipientName: p.recipient_name, recipientIdMasked: p.recipient_id_masked, note: p.note })),
    canEdit: hasPermission(auth.roles, 'legalAid:write'),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function requireRecord(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<CareRecordRow> {
  const r = await getCareRecord(auth.scope, db, id);
  if (!r) throw notFound('关爱服务记录');
  return r;
}

export async function careRecordDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<CareRecordDto> {
  const r = await requireRecord(ctx, auth, id);
  const [dto] = await labelUnitNamesUnscoped(ctx.db, [toCareRecordDto(auth, r, await peopleOf(auth.scope, ctx.db, [r.id]))]);
  return dto;
}

export async function careRecordFilter(ctx: AppContext, auth: AuthContext, q: CareRecordLedgerQuery): Promise<CareRecordFilter> {
  return { kind: q.kind, unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined, recipientId: q.recipientId, from: q.from, to: q.to };
}

/** Records of a unit's range in a period: per kind (every kind, zeros too), per child unit, and law education's attendance. */
export async function careRecordFigures(ctx: AppContext, auth: AuthContext, q: CareRecordFiguresQuery): Promise<CareRecordFigures> {
  const unit = await requireUnit(ctx, auth, q.orgUnitId ?? auth.unit.id);
  const [rows, children] = await Promise.all([careFigureRows(auth.scope, ctx.db, unit.path, q.from, q.to), childUnitsInScope(auth.scope, ctx.db, unit.id)]);
  const sum = (rs: typeof rows) => ({ records: rs.reduce((s, r) => s + r.records, 0), headcount: rs.reduce((s, r) => s + r.headcount, 0), people: rs.reduce((s, r) => s + r.people, 0) });
  const byKind = careRecordKinds.map((kind) => ({ kind, label: careRecordKindLabels[kind], ...sum(rows.filter((r) => r.kind === kind)) }));
  const law = byKind.find((k) => k.kind === 'lawEducation')!;
  return {
    from: q.from,
    to: q.to,
    unitName: unit.name,
    total: sum(rows),
    byKind,
    byUnit: splitByChild(unit, children, rows, ['records', ...careRecordKinds] as const, (r, k) => (k === 'records' || r.kind === k ? r.records : 0)).map(({ key, label, records, ...byKind }) => ({ key, label, records, byKind })),
    lawEducation: { events: law.records, headcount: law.headcount, attendees: law.people },
  };
}

export async function searchCareRecords(ctx: AppContext, auth: AuthContext, q: CareRecordListQuery) {
  const f = await careRecordFilter(ctx, auth, q);
  const r = await listCareRecords(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, order: q.order });
  const people = await peopleOf(auth.scope, ctx.db, r.items.map((x) => x.id));
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, r.items.map((x) => toCareRecordDto(auth, x, people))), page: q.page, pageSize: q.pageSize };
}

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'care-record', targetId, ip, detail);
}

export async function auditCareExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'care-record.export', null, ip, detail));
}

/** The persons must be entered recipients of the caller's range held by the record's unit. */
async function checkPeople(ctx: AppContext, auth: AuthContext, unitPath: string, people: { recipientId: string }[]) {
  const found = await recipientsInScope(auth.scope, ctx.db, people.map((p) => p.recipientId));
  const byId = new Map(found.map((r) => [r.id, r]));
  people.forEach((p, i) => {
    const r = byId.get(p.recipientId);
    if (!r) throw notFound('服务对象');
    if (r.status === 'draft' || r.status === 'returned') throw badRequest(`服务对象“${r.name}”的信息尚未审核入库`, [{ path: `people.${i}.recipientId`, message: '尚未入库' }]);
    if (!pathIsWithin(r.org_path, unitPath)) throw badRequest(`服务对象“${r.name}”不在本记录所属单位的范围内`, [{ path: `people.${i}.recipientId`, message: '不在所属单位范围内' }]);
  });
}

function checkDay(ctx: AppContext, d: string) {
  if (d > today(ctx)) throw badRequest('日期不能晚于今天', [{ path: 'day', message: '不能晚于今天' }]);
}

const peopleRows = (stored: StoredUnit, recordId: string, people: { recipientId: string; note: string }[]) =>
  people.map((p) => ({ id: newId(), record_id: recordId, recipient_id: p.recipientId, ...placedAt(stored), note: p.note }));

export async function createCareRecord(ctx: AppContext, auth: AuthContext, input: CareRecordCreate, ip: Ip): Promise<CareRecordDto> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  checkDay(ctx, input.day);
  await checkPeople(ctx, auth, unit.path, input.people);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    await insertCareRecord(auth.scope, trx, {
      id,
      ...placedAt(stored),
      kind: input.kind,
      day: input.day,
      title: input.title,
      place: input.place,
      organiser: input.organiser,
      by_name: input.by,
      summary: input.summary,
      details_enc: input.details ? ctx.crypto.encrypt(input.details) : null,
      headcount: input.headcount,
      extra: input.insurance ? JSON.stringify(input.insurance) : null,
      version: 1,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await insertCarePeople(auth.scope, trx, peopleRows(stored, id, input.people));
    await audit(trx, ctx, auth, 'care-record.create', id, ip, `${unit.name} ${careRecordKindLabels[input.kind]} ${input.day} ${input.title}（${input.people.length} 名服务对象）`);
  });
  return careRecordDetail(ctx, auth, id);
}

export async function changeCareRecord(ctx: AppContext, auth: AuthContext, id: string, input: CareRecordUpdate, ip: Ip): Promise<CareRecordDto> {
  const r = await requireRecord(ctx, auth, id);
  if (r.version !== input.version) throw conflict(STALE);
  if (r.kind === 'insurance' && !input.insurance) throw badRequest('请填写保险信息', [{ path: 'insurance', message: '请填写保险信息' }]);
  if (r.kind !== 'insurance' && input.insurance) throw badRequest('只有困难家庭保险记录填写保险信息', [{ path: 'insurance', message: '只有困难家庭保险记录填写保险信息' }]);
  checkDay(ctx, input.day);
  const unitPath = (await requireUnit(ctx, auth, r.org_unit_id)).path;
  await checkPeople(ctx, auth, unitPath, input.people);
  await transaction(ctx.db, async (trx) => {
    const stored = await unitForWrite(trx, ctx.dialect, auth.scope, r.org_unit_id);
    const details_enc = input.details === undefined ? r.details_enc : input.details ? ctx.crypto.encrypt(input.details) : null;
    const done = await updateCareRecord(auth.scope, trx, id, input.version, {
      day: input.day,
      title: input.title,
      place: input.place,
      organiser: input.organiser,
      by_name: input.by,
      summary: input.summary,
      details_enc,
      headcount: input.headcount,
      extra: input.insurance ? JSON.stringify(input.insurance) : null,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!done) throw conflict(STALE);
    await deleteCarePeople(auth.scope, trx, id);
    await insertCarePeople(auth.scope, trx, peopleRows(stored, id, input.people));
    await audit(trx, ctx, auth, 'care-record.update', id, ip, `${r.org_unit_name} ${careRecordKindLabels[r.kind as CareRecordKind]} ${input.day} ${input.title}${input.details === undefined ? '' : '（含详情）'}`);
  });
  return careRecordDetail(ctx, auth, id);
}

/** The details in clear, for one record of the range (sensitive:reveal at the route); audited. */
export async function revealCareDetails(ctx: AppContext, auth: AuthContext, id: string, ip: Ip): Promise<string> {
  const r = await requireRecord(ctx, auth, id);
  if (!hasPermission(auth.roles, 'legalAid:read')) throw new AppError(403, 'FORBIDDEN', '没有查看法律援助的权限');
  if (!r.details_enc) throw notFound('记录详情');
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'care-record.reveal', id, ip, `${careRecordKindLabels[r.kind as CareRecordKind]} ${r.day} ${r.title}`));
  return ctx.crypto.decrypt(r.details_enc);
}
