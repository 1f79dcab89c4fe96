// The feedback box's reply deadline 答复期限 (settings key `feedback`, default 15 natural days): read
// by every feedback user, changed by a county-level (or higher) unit head or services reviewer —
// the same people who keep the booking limits and schedules. Deployment-wide; each change is
// audited with the figures before and after. A new entry takes the setting in force when it comes
// in (its due day is set then, on the kernel's calendar); entries already in keep theirs.
import { FEEDBACK_SETTING_KEY, type FeedbackSettings, type FeedbackSettingsView } from '../../../shared/schemas/feedback';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { isUnitHead, mayReview } from '../../platform/roles';
import { readSettingUnscoped, writeSettingUnscoped } from '../../platform/settings.repo';
import { feedbackSettingsOf } from './feedback.cases';

const SETTING_LEVELS = ['province', 'city', 'county'];

/** Who changes the reply deadline: a unit head or services reviewer at county level or above. */
export function mayEditFeedbackSettings(auth: AuthContext): boolean {
  return SETTING_LEVELS.includes(auth.unit.level) && (isUnitHead(auth) || mayReview(auth, 'services'));
}

export async function readFeedbackSettings(ctx: AppContext, auth: AuthContext): Promise<FeedbackSettingsView> {
  const s = await feedbackSettingsOf(ctx.db);
  return { ...s, mayEdit: mayEditFeedbackSettings(auth), isDefault: (await readSettingUnscoped(ctx.db, FEEDBACK_SETTING_KEY)) === undefined };
}

const describe = (s: FeedbackSettings) => `${s.replyDays}${s.replyDayKind === 'working' ? '个工作日' : '个自然日'}`;

export async function saveFeedbackSettings(ctx: AppContext, auth: AuthContext, s: FeedbackSettings, ip: string | null): Promise<FeedbackSettingsView> {
  if (!mayEditFeedbackSettings(auth)) throw forbidden('意见簿答复期限由县级及以上服务中心负责人或审核人员修改');
  await transaction(ctx.db, async (trx) => {
    const before = await feedbackSettingsOf(trx);
    const at = ctx.clock.now().toISOString();
    await writeSettingUnscoped(trx, FEEDBACK_SETTING_KEY, { replyDays: s.replyDays, replyDayKind: s.replyDayKind }, at, auth.userId);
    await appendAudit(trx, {
      at,
      userId: auth.userId,
      username: auth.username,
      orgUnitId: auth.unit.id,
      action: 'feedback-settings.update',
      targetType: 'setting',
      targetId: FEEDBACK_SETTING_KEY,
      result: 'success',
      ip,
      detail: `${describe(before)} → ${describe(s)}`,
    });
  });
  return readFeedbackSettings(ctx, auth);
}

