// Legal-aid settings 法律援助设置, per county (settings key `legal_aid_ack_days:<county id>`): the working
// days the receiving institution has for its acknowledgement 回执 after a referral (default
// LEGAL_AID_ACK_WORKING_DAYS). A referral takes the figure of the county on its case's unit path
// (units above county level: the default) in force when it is made, kept in the case's payload: later
// changes reach new referrals only. Read by legal-aid users; changed, as assistance settings are, by a
// county-level (or higher) unit head (or the domain's reviewer, should legal aid get one) whose range
// holds the county; each change is audited before → after.
import { LEGAL_AID_ACK_WORKING_DAYS, LEGAL_AID_SETTING_KEY_PREFIX, type LegalAidSettingsBody, type LegalAidSettingsView } from '../../../shared/schemas/legal-aid';
import type { Db } from '../../db/client';
import { transaction, type Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest, forbidden, notFound } from '../../platform/errors';
import { isUnitHead, mayReview } from '../../platform/roles';
import { readSettingUnscoped, writeSettingUnscoped } from '../../platform/settings.repo';
import { countyOfPathUnscoped, unitInScope } from './legal-aid.repo';

const SETTING_LEVELS = ['province', 'city', 'county'];

function daysOf(stored: unknown): number | undefined {
  const d = (stored as { ackWorkingDays?: unknown } | undefined)?.ackWorkingDays;
  return typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 30 ? d : undefined;
}

/** The acknowledgement's working days for a referral of a case kept under the unit at `unitPath`. */
export async function ackWorkingDaysFor(db: Db | Tx, unitPath: string): Promise<number> {
  const county = await countyOfPathUnscoped(db as Tx, unitPath);
  if (!county) return LEGAL_AID_ACK_WORKING_DAYS;
  return daysOf(await readSettingUnscoped(db as Db, LEGAL_AID_SETTING_KEY_PREFIX + county.id)) ?? LEGAL_AID_ACK_WORKING_DAYS;
}

export function mayEditLegalAidSettings(auth: AuthContext): boolean {
  return SETTING_LEVELS.includes(auth.unit.level) && (isUnitHead(auth) || mayReview(auth, 'legalAid'));
}

/**
 * The county the settings are asked of (default: the county on the caller's own unit's path). Read:
 * a county in the caller's range or on the caller's own path (the county a township works under);
 * written: one in the caller's range only.
 */
async function requireCounty(ctx: AppContext, auth: AuthContext, countyId: string | undefined, forWrite: boolean) {
  const own = await countyOfPathUnscoped(ctx.db, auth.unit.path);
  const id = countyId ?? own?.id;
  if (!id) throw badRequest('法律援助设置按县（市、区）设置，请选择县级单位', [{ path: 'countyId', message: '请选择县级单位' }]);
  const u = (await unitInScope(auth.scope, ctx.db, id)) ?? (!forWrite && own?.id === id ? { ...own, level: 'county' } : undefined);
  if (!u) throw notFound('单位');
  if (u.level !== 'county') throw badRequest('法律援助设置按县（市、区）设置，请选择县级单位', [{ path: 'countyId', message: '不是县级单位' }]);
  return u;
}

export async function readLegalAidSettings(ctx: AppContext, auth: AuthContext, countyId: string | undefined, forUnitId?: string): Promise<LegalAidSettingsView> {
  let id = countyId;
  if (!id && forUnitId) {
    // the county a referral of a case kept at this unit (of the caller's range) takes its figure from
    const unit = await unitInScope(auth.scope, ctx.db, forUnitId);
    if (!unit) throw notFound('单位');
    const c = await countyOfPathUnscoped(ctx.db, unit.path);
    if (!c) throw badRequest('该单位在县级以上，其转介按默认时限计算', [{ path: 'forUnitId', message: '不在县级单位之下' }]);
    id = c.id;
  }
  const county = await requireCounty(ctx, auth, id, false);
  const stored = daysOf(await readSettingUnscoped(ctx.db, LEGAL_AID_SETTING_KEY_PREFIX + county.id));
  return { countyId: county.id, countyName: county.name, ackWorkingDays: stored ?? LEGAL_AID_ACK_WORKING_DAYS, isDefault: stored === undefined, mayEdit: mayEditLegalAidSettings(auth) };
}

export async function saveLegalAidSettings(ctx: AppContext, auth: AuthContext, body: LegalAidSettingsBody, ip: string | null): Promise<LegalAidSettingsView> {
  if (!mayEditLegalAidSettings(auth)) throw forbidden('法律援助设置由县级及以上服务中心负责人修改');
  const county = await requireCounty(ctx, auth, body.countyId, true);
  await transaction(ctx.db, async (trx) => {
    const key = LEGAL_AID_SETTING_KEY_PREFIX + county.id;
    const before = daysOf(await readSettingUnscoped(trx, key)) ?? LEGAL_AID_ACK_WORKING_DAYS;
    const at = ctx.clock.now().toISOString();
    await writeSettingUnscoped(trx, key, { ackWorkingDays: body.ackWorkingDays }, at, auth.userId);
    await appendAudit(trx, {
      at,
      userId: auth.userId,
      username: auth.username,
      orgUnitId: county.id,
      action: 'legal-aid-settings.update',
      targetType: 'setting',
      targetId: key,
      result: 'success',
      ip,
      detail: `${county.name} 转介回执时限 ${before} 个工作日 → ${body.ackWorkingDays} 个工作日`,
    });
  });
  return readLegalAidSettings(ctx, auth, county.id);
}
