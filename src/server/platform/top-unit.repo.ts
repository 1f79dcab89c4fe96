// The deployment's top unit (三员分立): the security admin sits here and only here; its audit
// admins see the entries that have no unit. TOP_UNIT_CODE names it; unset, it is the root of the
// org tree (the one unit without a parent; with several roots TOP_UNIT_CODE must be set).
import type { Db } from '../db/client';
import type { Tx } from '../db/transaction';
import type { SystemDb } from '../db/system';
import { AppError } from './errors';

export type TopUnit = { id: string; code: string; name: string; path: string };

export async function findTopUnitUnscoped(db: Db | Tx | SystemDb, topUnitCode: string | undefined): Promise<TopUnit | undefined> {
  const q = db.selectFrom('org_units').select(['id', 'code', 'name', 'path']).where('active', '=', 1);
  if (topUnitCode) return q.where('code', '=', topUnitCode).executeTakeFirst();
  const roots = await q.where('parent_id', 'is', null).limit(2).execute();
  return roots.length === 1 ? roots[0] : undefined;
}

/** The top unit, or a refusal saying the deployment has none (several roots and no TOP_UNIT_CODE, or an unknown code). */
export async function requireTopUnitUnscoped(db: Db | Tx | SystemDb, topUnitCode: string | undefined): Promise<TopUnit> {
  const top = await findTopUnitUnscoped(db, topUnitCode);
  if (!top) throw new AppError(409, 'NO_TOP_UNIT', topUnitCode ? `未找到顶层单位（TOP_UNIT_CODE=${topUnitCode}）` : '组织机构有多个根单位，请以 TOP_UNIT_CODE 指定顶层单位');
  return top;
}
