// Visit settings 走访设置: the window of each reason, who owes routine and key-person visits, how
// far ahead owed visits are generated, and the birthday age. Stored as one JSON setting (like the
// security policy); a stored value is merged over the defaults, so a setting added later has its
// default until someone saves it.
import { defaultVisitSettings, visitSettingsSchema, windowReasons, type VisitSettings } from '../../../shared/schemas/visits';
import { transaction, type Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { writeSettingUnscoped } from '../../platform/settings.repo';
import { readSettingInUnscoped } from './visits.repo';

export const VISIT_SETTINGS_KEY = 'visit_settings';

export function mergeVisitSettings(stored: unknown): VisitSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<VisitSettings>;
  const windows = Object.fromEntries(windowReasons.map((r) => [r, { ...defaultVisitSettings.windows[r], ...(s.windows?.[r] ?? {}) }])) as VisitSettings['windows'];
  const parsed = visitSettingsSchema.safeParse({ ...defaultVisitSettings, ...s, windows });
  return parsed.success ? parsed.data : defaultVisitSettings;
}

/** The settings, read on the given handle (a transaction's, when called from one). */
export async function readVisitSettings(db: Tx): Promise<VisitSettings> {
  return mergeVisitSettings(await readSettingInUnscoped(db, VISIT_SETTINGS_KEY));
}

/** The levels whose staff may change the settings: a county (or higher) centre sets the rules of its deployment. */
const SETTING_LEVELS = ['province', 'city', 'county'];

export async function saveVisitSettings(ctx: AppContext, auth: AuthContext, settings: VisitSettings, ip: string | null): Promise<VisitSettings> {
  if (!SETTING_LEVELS.includes(auth.unit.level)) throw forbidden('走访设置由县级及以上服务中心的审核人员修改');
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const before = await readVisitSettings(trx);
    await writeSettingUnscoped(trx, VISIT_SETTINGS_KEY, settings, at, auth.userId);
    await appendAudit(trx, {
      at,
      userId: auth.userId,
      username: auth.username,
      orgUnitId: auth.unit.id,
      action: 'visit-settings.update',
      targetType: 'setting',
      targetId: VISIT_SETTINGS_KEY,
      result: 'success',
      ip,
      detail: JSON.stringify({ before, after: settings }),
    });
  });
  return settings;
}
