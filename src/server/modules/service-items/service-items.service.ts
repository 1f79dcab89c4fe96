// The catalog of service items 服务事项 (Part 2, §38 一次性告知, §44). A unit's catalog is its own
// items and those of the units above it; a reviewer (services:review) keeps the items published
// inside their range. Items are data: an application reads its item's steps and materials when it
// is created (serviceItemForUse) and keeps that snapshot, so later edits reach new applications only.
import { parseJsonList } from '../../platform/json-columns';
import {
  serviceItemSnapshot,
  type PublicServiceItemDto,
  type ServiceItemBody,
  type ServiceItemCreate,
  type ServiceItemDto,
  type ServiceItemListQuery,
  type ServiceItemSnapshot,
  type ServiceItemUpdate,
  type Material,
  type Step,
} from '../../../shared/schemas/service-items';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import type { Db } from '../../db/client';
import { transaction, type Tx } from '../../db/transaction';
import type { ServiceItemTable } from '../../db/types';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathInScope, type Scope } from '../../platform/jurisdiction';
import { unitInScope } from '../../platform/scope-units.repo';
import { placedAt, unitForWrite, unitForWriteUnscoped, dialectOf } from '../../platform/stored-unit.repo';
import { adaptationAtUnscoped, adaptationKey, catalogItemUnscoped, catalogPageUnscoped, insertItem, itemInScope, seededKeysUnscoped, updateItem, type ServiceItemRow } from './service-items.repo';
import type { StarterItem } from './service-items.starter';

type Ip = string | null;

/** What the sources leave for the county to fill and is still empty, in the form's words. */
export function fieldsToFill(r: { policy_basis: string; eligibility: string; decider: string; result_document: string; notice_required: number; notice_days: number | null; steps: Step[] }): string[] {
  const out: string[] = [];
  if (!r.policy_basis) out.push('政策依据');
  if (!r.eligibility) out.push('受理条件');
  if (r.steps.some((s) => s.days === null)) out.push('各环节办理时限');
  if (r.notice_required && r.notice_days === null) out.push('公示天数');
  if (!r.decider) out.push('决定机关');
  if (!r.result_document) out.push('办理结果');
  return out;
}

/** `scope`: the caller's, for `mine` (none: false). */
export function toItemDto(r: ServiceItemRow, scope?: Scope): ServiceItemDto {
  const steps = parseJsonList<Step>(r.steps);
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    name: r.name,
    kind: r.kind as ServiceItemDto['kind'],
    policyBasis: r.policy_basis,
    eligibility: r.eligibility,
    materials: parseJsonList<Material>(r.materials),
    steps,
    noticeRequired: r.notice_required === 1,
    noticeDays: r.notice_days,
    decider: r.decider,
    fee: r.fee,
    resultDocument: r.result_document,
    timeLimitNote: r.time_limit_note,
    handoff: r.handoff as ServiceItemDto['handoff'],
    status: r.status as ServiceItemDto['status'],
    toFill: fieldsToFill({ ...r, steps }),
    updatedAt: r.updated_at,
    mine: !!scope && pathInScope(scope, r.org_path),
  };
}

function toPublicDto(r: ServiceItemRow): PublicServiceItemDto {
  const { version: _v, status: _s, toFill: _t, updatedAt: _u, mine: _m, ...rest } = toItemDto(r);
  return rest;
}

function columnsOf(b: ServiceItemBody) {
  return {
    name: b.name,
    kind: b.kind,
    policy_basis: b.policyBasis,
    eligibility: b.eligibility,
    materials: JSON.stringify(b.materials),
    steps: JSON.stringify(b.steps),
    notice_required: b.noticeRequired ? 1 : 0,
    notice_days: b.noticeRequired ? b.noticeDays : null,
    decider: b.decider,
    fee: b.fee,
    result_document: b.resultDocument,
    time_limit_note: b.timeLimitNote,
    handoff: b.handoff,
  } satisfies Partial<ServiceItemTable>;
}

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string, ip: Ip, detail: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'service-item', targetId, ip, detail);
}

// ---- reads ----

/** The catalog as seen from a unit of the caller's range (default: the caller's own unit). */
export async function listCatalog(ctx: AppContext, auth: AuthContext, q: ServiceItemListQuery) {
  const unitPath = q.orgUnitId ? (await unitInScope(auth.scope, ctx.db, q.orgUnitId))?.path : auth.scope.path;
  if (!unitPath) throw notFound('单位');
  const r = await catalogPageUnscoped(ctx.db, unitPath, q);
  return { ...r, items: r.items.map((i) => toItemDto(i, auth.scope)), page: q.page, pageSize: q.pageSize };
}

/** An item of the caller's catalog (their unit's or above), or one published inside their range. */
export async function itemDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<ServiceItemDto> {
  const r = (await catalogItemUnscoped(ctx.db, auth.scope.path, id)) ?? (await itemInScope(auth.scope, ctx.db, id));
  if (!r) throw notFound('服务事项');
  return toItemDto(r, auth.scope);
}

/**
 * What an application or a booking keeps of its item: the item as it is now, if it is active and
 * in the catalog of the unit at `unitPath`; else 404.
 */
export async function serviceItemForUse(trx: Tx, unitPath: string, itemId: string): Promise<ServiceItemSnapshot> {
  const r = await catalogItemUnscoped(trx, unitPath, itemId, true);
  if (!r || r.status !== 'active') throw notFound('服务事项（该单位目录中没有此事项或已停用）');
  const d = toItemDto(r);
  return serviceItemSnapshot.parse(d);
}

/** The public catalog of a unit: its active items and those of the units above it. */
export async function publicCatalogOf(db: Db, unitPath: string, q: { page: number; pageSize: number; q?: string }) {
  const r = await catalogPageUnscoped(db, unitPath, { ...q, status: 'active' });
  return { ...r, items: r.items.map(toPublicDto), page: q.page, pageSize: q.pageSize };
}

export async function publicCatalogItem(db: Db, unitPath: string, id: string): Promise<PublicServiceItemDto> {
  const r = await catalogItemUnscoped(db, unitPath, id, true);
  if (!r || r.status !== 'active') throw notFound('服务事项');
  return toPublicDto(r);
}

// ---- writes ----

export async function createItem(ctx: AppContext, auth: AuthContext, body: ServiceItemCreate, ip: Ip): Promise<ServiceItemDto> {
  const id = newId();
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, dialectOf(trx), auth.scope, body.orgUnitId);
    const at = ctx.clock.now().toISOString();
    // 本地版本: a unit's own version of an item published above it stands in for it below
    let key: string | null = null;
    if (body.adaptsItemId) {
      const upper = await catalogItemUnscoped(trx, unit.path, body.adaptsItemId);
      if (!upper || upper.org_path === unit.path) throw badRequest('只能为上级发布的事项制定本地版本', [{ path: 'adaptsItemId', message: '不是上级发布的事项' }]);
      key = adaptationKey(upper);
      const existing = await adaptationAtUnscoped(trx, unit.id, key);
      if (existing) throw conflict(`本单位已有该事项的本地版本（${existing.name}），请直接修改`);
    }
    await insertItem(auth.scope, trx, { id, ...placedAt(unit), ...columnsOf(body), status: 'active', seed_key: key, version: 1, created_by: auth.userId, created_at: at, updated_at: at });
    await audit(trx, ctx, auth, 'service-item.create', id, ip, `${unit.name}：${body.name}`);
  });
  return itemDetail(ctx, auth, id);
}

async function requireOwnItem(ctx: AppContext, auth: AuthContext, trx: Tx, id: string, version: number): Promise<ServiceItemRow> {
  const r = await itemInScope(auth.scope, trx, id);
  if (!r) {
    // an inherited item is readable but belongs to the unit above: 404 keeps the rule "outside the range" simple
    throw notFound('服务事项（只能修改本单位及下级发布的事项）');
  }
  if (r.version !== version) throw conflict('该服务事项已被他人修改，请刷新后重试');
  return r;
}

export async function editItem(ctx: AppContext, auth: AuthContext, id: string, body: ServiceItemUpdate, ip: Ip): Promise<ServiceItemDto> {
  await transaction(ctx.db, async (trx) => {
    const r = await requireOwnItem(ctx, auth, trx, id, body.version);
    const ok = await updateItem(auth.scope, trx, id, body.version, { ...columnsOf(body), updated_at: ctx.clock.now().toISOString() });
    if (!ok) throw conflict('该服务事项已被他人修改，请刷新后重试');
    await audit(trx, ctx, auth, 'service-item.update', id, ip, r.name === body.name ? body.name : `${r.name} → ${body.name}`);
  });
  return itemDetail(ctx, auth, id);
}

export async function retireItem(ctx: AppContext, auth: AuthContext, id: string, body: { version: number; retired: boolean }, ip: Ip): Promise<ServiceItemDto> {
  await transaction(ctx.db, async (trx) => {
    const r = await requireOwnItem(ctx, auth, trx, id, body.version);
    const ok = await updateItem(auth.scope, trx, id, body.version, { status: body.retired ? 'retired' : 'active', updated_at: ctx.clock.now().toISOString() });
    if (!ok) throw conflict('该服务事项已被他人修改，请刷新后重试');
    await audit(trx, ctx, auth, 'service-item.retire', id, ip, `${r.name}：${body.retired ? '停用' : '启用'}`);
  });
  return itemDetail(ctx, auth, id);
}

/**
 * Writes the starter items a unit does not hold yet (by seed key), as the system: the demo's
 * catalog, and a new deployment's. Returns how many were written.
 */
export async function seedStarterItems(trx: Tx, unitId: string, items: readonly StarterItem[], at: string, createdBy: string): Promise<number> {
  const unit = await unitForWriteUnscoped(trx, dialectOf(trx), unitId);
  const have = await seededKeysUnscoped(trx, unit.id);
  let n = 0;
  for (const it of items) {
    if (have.has(it.key)) continue;
    await insertItem(null, trx, { id: newId(), ...placedAt(unit), ...columnsOf(it.body), status: 'active', seed_key: it.key, version: 1, created_by: createdBy, created_at: at, updated_at: at });
    n += 1;
  }
  return n;
}
