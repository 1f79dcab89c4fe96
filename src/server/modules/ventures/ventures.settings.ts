// The working age of the zero-employment rule 劳动年龄 (setting `zero_employment`, deployment-wide;
// default 16–60: the seed and RULES.md give no figure). Read by employment users; changed by a
// county-level (or higher) unit head, audited before → after. The candidates list reads it on
// every request, so a change reaches the next list at once.
import { DEFAULT_WORKING_AGE, type WorkingAge } from '../../../shared/rules/zero-employment';
import { ZERO_EMPLOYMENT_SETTING_KEY, zeroEmploymentSettings, type ZeroEmploymentSettings, type ZeroEmploymentSettingsView } from '../../../shared/schemas/ventures';
import type { Db } from '../../db/client';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { isUnitHead } from '../../platform/roles';
import { readSettingUnscoped, writeSettingUnscoped } from '../../platform/settings.repo';

const SETTING_LEVELS = ['province', 'city', 'county'];

export function mayEditZeroEmploymentSettings(auth: AuthContext): boolean {
  return SETTING_LEVELS.includes(auth.unit.level) && isUnitHead(auth);
}

export async function workingAgeOf(db: Db): Promise<WorkingAge> {
  const stored = zeroEmploymentSettings.safeParse(await readSettingUnscoped(db, ZERO_EMPLOYMENT_SETTING_KEY));
  return stored.success ? stored.data : DEFAULT_WORKING_AGE;
}

export async function readZeroEmploymentSettings(ctx: AppContext, auth: AuthContext): Promise<ZeroEmploymentSettingsView> {
  const stored = await readSettingUnscoped(ctx.db, ZERO_EMPLOYMENT_SETTING_KEY);
  return { ...(await workingAgeOf(ctx.db)), mayEdit: mayEditZeroEmploymentSettings(auth), isDefault: stored === undefined };
}

export async function saveZeroEmploymentSettings(ctx: AppContext, auth: AuthContext, s: ZeroEmploymentSettings, ip: string | null): Promise<ZeroEmploymentSettingsView> {
  if (!mayEditZeroEmploymentSettings(auth)) throw forbidden('零就业家庭的劳动年龄范围由县级及以上服务中心负责人修改');
  await transaction(ctx.db, async (trx) => {
    const before = await workingAgeOf(trx);
    const at = ctx.clock.now().toISOString();
    await writeSettingUnscoped(trx, ZERO_EMPLOYMENT_SETTING_KEY, { minAge: s.minAge, maxAge: s.maxAge }, at, auth.userId);
    await appendAudit(trx, {
      at,
      userId: auth.userId,
      username: auth.username,
      orgUnitId: auth.unit.id,
      action: 'zero-employment-settings.update',
      targetType: 'setting',
      targetId: ZERO_EMPLOYMENT_SETTING_KEY,
      result: 'success',
      ip,
      detail: `${before.minAge}–${before.maxAge}岁 → ${s.minAge}–${s.maxAge}岁`,
    });
  });
  return readZeroEmploymentSettings(ctx, auth);
}
