// The organisation transfer's time limit 组织关系转接时限, per county (settings key
// `party_transfer_days:<county id>`; default PARTY_TRANSFER_DEFAULT_DAYS natural days, a figure the
// seed and RULES.md do not give). A transfer opened under a unit takes the limit of the county on the
// unit's path (units above county level: the default) in force at its opening, kept in its payload:
// later changes reach new transfers only. Read by party users; changed by county-level (or higher)
// staff with party:write whose range holds the county; each change is audited before → after.
import { hasPermission } from '../../../shared/permissions';
import { PARTY_SETTING_KEY_PREFIX, PARTY_TRANSFER_DEFAULT_DAYS, type PartySettingsBody, type PartySettingsView } from '../../../shared/schemas/party';
import type { Db } from '../../db/client';
import { transaction, type Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest, forbidden, notFound } from '../../platform/errors';
import { readSettingUnscoped, writeSettingUnscoped } from '../../platform/settings.repo';
import { countyOfPathUnscoped, unitInScope } from './party.repo';

const SETTING_LEVELS = ['province', 'city', 'county'];

function daysOf(stored: unknown): number | undefined {
  const d = (stored as { transferDays?: unknown } | undefined)?.transferDays;
  return typeof d === 'number' && Number.isInteger(d) && d > 0 ? d : undefined;
}

/** The limit in days for a transfer kept under the unit at `unitPath`. */
export async function transferDaysFor(db: Db, unitPath: string): Promise<number> {
  const county = await countyOfPathUnscoped(db, unitPath);
  if (!county) return PARTY_TRANSFER_DEFAULT_DAYS;
  return daysOf(await readSettingUnscoped(db, PARTY_SETTING_KEY_PREFIX + county.id)) ?? PARTY_TRANSFER_DEFAULT_DAYS;
}

export function mayEditPartySettings(auth: AuthContext): boolean {
  return SETTING_LEVELS.includes(auth.unit.level) && hasPermission(auth.roles, 'party:write');
}

async function requireCounty(ctx: AppContext, auth: AuthContext, countyId: string, db: Tx = ctx.db) {
  const u = await unitInScope(auth.scope, db, countyId);
  if (!u) throw notFound('单位');
  if (u.level !== 'county') throw badRequest('转接时限按县（市、区）设置，请选择县级单位', [{ path: 'countyId', message: '不是县级单位' }]);
  return u;
}

export async function readPartySettings(ctx: AppContext, auth: AuthContext, countyId: string): Promise<PartySettingsView> {
  const county = await requireCounty(ctx, auth, countyId);
  const stored = daysOf(await readSettingUnscoped(ctx.db, PARTY_SETTING_KEY_PREFIX + county.id));
  return { countyId: county.id, countyName: county.name, transferDays: stored ?? PARTY_TRANSFER_DEFAULT_DAYS, isDefault: stored === undefined, mayEdit: mayEditPartySettings(auth) };
}

export async function savePartySettings(ctx: AppContext, auth: AuthContext, body: PartySettingsBody, ip: string | null): Promise<PartySettingsView> {
  const county = await requireCounty(ctx, auth, body.countyId);
  if (!mayEditPartySettings(auth)) throw forbidden('组织关系转接时限由县级及以上服务中心的工作人员修改');
  await transaction(ctx.db, async (trx) => {
    const key = PARTY_SETTING_KEY_PREFIX + county.id;
    const before = daysOf(await readSettingUnscoped(trx, key)) ?? PARTY_TRANSFER_DEFAULT_DAYS;
    const at = ctx.clock.now().toISOString();
    await writeSettingUnscoped(trx, key, { transferDays: body.transferDays }, at, auth.userId);
    await appendAudit(trx, {
      at,
      userId: auth.userId,
      username: auth.username,
      orgUnitId: county.id,
      action: 'party-settings.update',
      targetType: 'setting',
      targetId: key,
      result: 'success',
      ip,
      detail: `${county.name} ${before}天 → ${body.transferDays}天`,
    });
  });
  return readPartySettings(ctx, auth, county.id);
}
