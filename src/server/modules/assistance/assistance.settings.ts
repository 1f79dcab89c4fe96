// Assistance settings (settings key `assistance`, deployment-wide): the approval limit of each level
// (default: a township approves no money or goods, the county decides all of it), the repeat-aid
// period (default 12 months) and the 公示 days (default 7 natural days). Read by every assistance
// user; changed by a county-level (or higher) unit head or assistance reviewer, audited with the
// figures before and after. A decision takes the limits in force when it is made.
import { ASSISTANCE_SETTING_KEY, assistanceSettings, defaultAssistanceSettings, yuan, type AssistanceSettings, type AssistanceSettingsView } from '../../../shared/schemas/assistance';
import type { Db } from '../../db/client';
import { transaction, type Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { isUnitHead, mayReview } from '../../platform/roles';
import { readSettingUnscoped, writeSettingUnscoped } from '../../platform/settings.repo';

const SETTING_LEVELS = ['province', 'city', 'county'];

export async function assistanceSettingsOf(db: Db | Tx): Promise<AssistanceSettings> {
  const parsed = assistanceSettings.safeParse(await readSettingUnscoped(db as Db, ASSISTANCE_SETTING_KEY));
  return parsed.success ? parsed.data : defaultAssistanceSettings;
}

/** The most a unit of this level may approve (fen); null: no limit; undefined: the level does not approve. */
export function approvalLimitOf(s: AssistanceSettings, level: string): number | null | undefined {
  if (level === 'township') return s.townshipLimitFen;
  if (level === 'county') return s.countyLimitFen;
  return undefined;
}

export function mayEditAssistanceSettings(auth: AuthContext): boolean {
  return SETTING_LEVELS.includes(auth.unit.level) && (isUnitHead(auth) || mayReview(auth, 'assistance'));
}

export async function readAssistanceSettings(ctx: AppContext, auth: AuthContext): Promise<AssistanceSettingsView> {
  const s = await assistanceSettingsOf(ctx.db);
  return { ...s, mayEdit: mayEditAssistanceSettings(auth), isDefault: (await readSettingUnscoped(ctx.db, ASSISTANCE_SETTING_KEY)) === undefined };
}

const describe = (s: AssistanceSettings) =>
  `乡镇审批限额 ${yuan(s.townshipLimitFen)} 元，县级 ${s.countyLimitFen === null ? '不限' : `${yuan(s.countyLimitFen)} 元`}，重复申请提醒 ${s.repeatMonths} 个月，公示 ${s.noticeDays} 天`;

export async function saveAssistanceSettings(ctx: AppContext, auth: AuthContext, s: AssistanceSettings, ip: string | null): Promise<AssistanceSettingsView> {
  if (!mayEditAssistanceSettings(auth)) throw forbidden('帮扶援助设置由县级及以上服务中心负责人或帮扶援助审批人员修改');
  await transaction(ctx.db, async (trx) => {
    const before = await assistanceSettingsOf(trx);
    const at = ctx.clock.now().toISOString();
    await writeSettingUnscoped(trx, ASSISTANCE_SETTING_KEY, assistanceSettings.parse(s), at, auth.userId);
    await appendAudit(trx, {
      at,
      userId: auth.userId,
      username: auth.username,
      orgUnitId: auth.unit.id,
      action: 'assistance-settings.update',
      targetType: 'setting',
      targetId: ASSISTANCE_SETTING_KEY,
      result: 'success',
      ip,
      detail: `${describe(before)} → ${describe(s)}`,
    });
  });
  return readAssistanceSettings(ctx, auth);
}
