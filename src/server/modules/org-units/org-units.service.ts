import {
  childLevelOf,
  codeLengthByLevel,
  orgLevelLabels,
  orgLevels,
  type OrgLevel,
  type OrgUnitCreate,
  type OrgUnitDto,
  type OrgUnitUpdate,
} from '../../../shared/schemas/org-units';
import { transaction, type Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { Actor } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Scope } from '../../platform/jurisdiction';
import { lockOrgTree } from '../../platform/stored-unit.repo';
import {
  codeInUseUnscoped,
  getUnit,
  insertUnit,
  listUnits,
  lockUnitForChildren,
  mergeUnits,
  moveSubtree,
  nextGridCode,
  updateUnit,
  type OrgUnitRow,
  type UnitListFilter,
} from './org-units.repo';

export function toOrgUnitDto(r: Omit<OrgUnitRow, 'key_path'>): OrgUnitDto {
  return {
    id: r.id,
    parentId: r.parent_id,
    level: r.level as OrgLevel,
    code: r.code,
    name: r.name,
    path: r.path,
    address: r.address,
    phone: r.phone,
    officeHours: r.office_hours,
    headName: r.head_name,
    active: r.active === 1,
    childCount: Number(r.child_count ?? 0),
    datasetYear: r.dataset_year,
  };
}

export async function requireUnit(ctx: AppContext, scope: Scope, id: string, db: Tx = ctx.db): Promise<OrgUnitRow> {
  const u = await getUnit(scope, db, id);
  if (!u) throw notFound('单位');
  return u;
}

export async function listOrgUnits(ctx: AppContext, scope: Scope, f: UnitListFilter) {
  if (f.parentId) await requireUnit(ctx, scope, f.parentId);
  const r = await listUnits(scope, ctx.db, f);
  return { ...r, items: r.items.map(toOrgUnitDto), page: f.page, pageSize: f.pageSize };
}

export async function createOrgUnit(ctx: AppContext, scope: Scope, actor: Actor, input: OrgUnitCreate): Promise<OrgUnitDto> {
  await requireUnit(ctx, scope, input.parentId);
  const at = ctx.clock.now().toISOString();
  const id = newId(ctx.clock.now().getTime());
  return transaction(ctx.db, async (trx) => {
    // the parent as it is now, under the tree lock: a concurrent move cannot leave our path stale
    await lockOrgTree(trx, ctx.dialect, 'shared');
    const parent = await lockUnitForChildren(scope, trx, input.parentId, ctx.dialect);
    if (!parent) throw notFound('单位');
    const level = childLevelOf(parent.level as OrgLevel);
    if (!level) throw badRequest('网格下不能再设下级单位');
    let code = input.code ?? '';
    if (level === 'grid' && !code) {
      const next = await nextGridCode(scope, trx, parent);
      if (!next) throw conflict(`${parent.name}的网格编号（001–999）已用完`);
      code = next;
    }
    const codeError = (m: string) => new AppError(400, 'BAD_CODE', m, [{ path: 'code', message: m }]);
    if (!code) throw codeError(`请填写${orgLevelLabels[level]}的区划代码`);
    if (code.length !== codeLengthByLevel[level])
      throw codeError(`${orgLevelLabels[level]}的区划代码应为 ${codeLengthByLevel[level]} 位`);
    if (!code.startsWith(parent.code)) throw codeError(`区划代码应以上级代码 ${parent.code} 开头`);
    if (await codeInUseUnscoped(trx, code)) throw conflict(`区划代码 ${code} 已被其他单位使用`);
    const row = {
      id,
      parent_id: parent.id,
      level,
      code,
      name: input.name,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      address: input.address,
      phone: input.phone,
      office_hours: input.officeHours,
      head_name: input.headName,
      active: 1,
      merged_into: null,
      dataset_year: null,
      created_at: at,
      updated_at: at,
    };
    await insertUnit(scope, trx, row);
    await appendAudit(trx, { ...actor, at, action: 'org-unit.create', targetType: 'org_unit', targetId: id, result: 'success', detail: `${orgLevelLabels[level]} ${code} ${input.name}` });
    return toOrgUnitDto({ ...row, child_count: 0 });
  });
}

export async function updateOrgUnit(ctx: AppContext, scope: Scope, actor: Actor, id: string, input: OrgUnitUpdate): Promise<OrgUnitDto> {
  const before = await requireUnit(ctx, scope, id);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const n = await updateUnit(scope, trx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.officeHours !== undefined && { office_hours: input.officeHours }),
      ...(input.headName !== undefined && { head_name: input.headName }),
      updated_at: at,
    });
    if (n !== 1) throw notFound('单位');
    await appendAudit(trx, { ...actor, at, action: 'org-unit.update', targetType: 'org_unit', targetId: id, result: 'success', detail: JSON.stringify({ before: { name: before.name }, changes: input }) });
  });
  return toOrgUnitDto(await requireUnit(ctx, scope, id));
}

export async function moveOrgUnit(ctx: AppContext, scope: Scope, actor: Actor, id: string, newParentId: string): Promise<OrgUnitDto> {
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    // read and check both units under the exclusive tree lock: they are as they are now
    await lockOrgTree(trx, ctx.dialect, 'exclusive');
    const unit = await requireUnit(ctx, scope, id, trx);
    const parent = await requireUnit(ctx, scope, newParentId, trx);
    if (unit.id === scope.orgUnitId) throw badRequest('不能移动本人所在单位');
    if (unit.parent_id === parent.id) throw badRequest('已在该上级单位之下');
    if (parent.path.startsWith(unit.path)) throw badRequest('不能移动到自身或自身的下级单位之下');
    const wantParentLevel = orgLevels[orgLevels.indexOf(unit.level as OrgLevel) - 1];
    if (parent.level !== wantParentLevel)
      throw badRequest(`${orgLevelLabels[unit.level as OrgLevel]}只能放在${orgLevelLabels[wantParentLevel]}之下`);
    await moveSubtree(scope, trx, unit, parent, at);
    await appendAudit(trx, { ...actor, at, action: 'org-unit.move', targetType: 'org_unit', targetId: id, result: 'success', detail: JSON.stringify({ from: unit.parent_id, to: parent.id }) });
  });
  return toOrgUnitDto(await requireUnit(ctx, scope, id));
}

export async function mergeOrgUnit(ctx: AppContext, scope: Scope, actor: Actor, id: string, targetId: string): Promise<OrgUnitDto> {
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    await lockOrgTree(trx, ctx.dialect, 'exclusive');
    const from = await requireUnit(ctx, scope, id, trx);
    const into = await requireUnit(ctx, scope, targetId, trx);
    if (from.id === into.id) throw badRequest('不能合并到自身');
    if (from.id === scope.orgUnitId) throw badRequest('不能合并本人所在单位');
    if (from.level !== into.level) throw badRequest('只能合并到同一层级的单位');
    if (into.path.startsWith(from.path)) throw badRequest('不能合并到自身的下级单位');
    await mergeUnits(scope, trx, from, into, at);
    await appendAudit(trx, { ...actor, at, action: 'org-unit.merge', targetType: 'org_unit', targetId: id, result: 'success', detail: JSON.stringify({ into: into.id, name: from.name }) });
  });
  return toOrgUnitDto(await requireUnit(ctx, scope, targetId));
}
