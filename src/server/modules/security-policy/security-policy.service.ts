import { defaultSecurityPolicy, securityPolicySchema, type SecurityPolicy } from '../../../shared/schemas/security-policy';
import { readSettingUnscoped, writeSettingUnscoped } from '../../platform/settings.repo';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AppContext } from '../../platform/context';
import type { Actor } from '../../platform/auth';

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

export async function setSecurityPolicy(ctx: AppContext, actor: Actor, policy: SecurityPolicy): Promise<SecurityPolicy> {
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
