import { defaultSecurityPolicy, securityPolicySchema, type SecurityPolicy } from '../../../shared/schemas/security-policy';
import { readSettingUnscoped, writeSettingUnscoped } from '../../platform/settings.repo';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AppContext } from '../../platform/context';
import type { Actor, AuthContext } from '../../platform/auth';
import { forbidden } from '../../platform/errors';
import { requireTopUnitUnscoped } from '../../platform/top-unit.repo';

const KEY = 'security_policy';
const CACHE_MS = 5000;
const cache = new WeakMap<object, { at: number; value: SecurityPolicy }>();

/** The policy, cached for a few seconds per database handle (it is read on every request). */
export async function getSecurityPolicy(ctx: AppContext): Promise<SecurityPolicy> {
  const hit = cache.get(ctx.db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const stored = await readSettingUnscoped(ctx.db, KEY);
  const parsed = securityPolicySchema.safeParse({ ...defaultSecurityPolicy, ...(stored as object | undefined) });
  const value = parsed.success ? parsed.data : defaultSecurityPolicy;
  cache.set(ctx.db, { at: Date.now(), value });
  return value;
}

/** The policy is the deployment's: only the top unit's security admin changes it (三员分立). */
export async function setSecurityPolicy(ctx: AppContext, actor: Actor, who: Pick<AuthContext, 'unit'>, policy: SecurityPolicy): Promise<SecurityPolicy> {
  const top = await requireTopUnitUnscoped(ctx.db, ctx.config.topUnitCode);
  if (who.unit.id !== top.id) throw forbidden(`安全策略只能由顶层单位（${top.name}）的安全管理员修改`);
  const at = ctx.clock.now().toISOString();
  const before = await getSecurityPolicy(ctx);
  await transaction(ctx.db, async (trx) => {
    await writeSettingUnscoped(trx, KEY, policy, at, actor.userId);
    await appendAudit(trx, {
      ...actor,
      at,
      action: 'security-policy.update',
      targetType: 'setting',
      targetId: KEY,
      result: 'success',
      detail: JSON.stringify({ before, after: policy }),
    });
  });
  cache.delete(ctx.db);
  return policy;
}
