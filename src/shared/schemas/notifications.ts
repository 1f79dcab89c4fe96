// Notifications 消息通知 (issue 16): a staff user's own notifications (the bell and the center),
// their preferences per kind, and each unit's 企业微信 group-robot webhook.
import { z } from '../zod-setup';
import { pageOf, pageQuery } from './common';

/** The kinds a user receives; `digest` is the daily summary itself (its preferences are not set per kind). */
export const notificationKinds = ['waiting', 'returned', 'dueSoon', 'overdue', 'digest'] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationKindLabels: Record<NotificationKind, string> = {
  waiting: '待您处理',
  returned: '退回给您',
  dueSoon: '即将到期',
  overdue: '已超期',
  digest: '每日汇总',
};
/**
 * The kinds whose preferences a user sets. For `digest` itself: `inApp` = the daily digest reaches the
 * bell, `webhook` = it also goes to the unit's 企业微信 group (off unless the user turns it on); its
 * `digest` flag means nothing.
 */
export const preferenceKinds = ['waiting', 'returned', 'dueSoon', 'overdue', 'digest'] as const;
export type PreferenceKind = (typeof preferenceKinds)[number];
/** What a user who never changed a kind gets. */
export function defaultPreference(kind: PreferenceKind | NotificationKind): { inApp: boolean; digest: boolean; webhook: boolean } {
  return kind === 'digest' ? { inApp: true, digest: false, webhook: false } : { inApp: true, digest: true, webhook: true };
}

export const notificationDto = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationDto = z.infer<typeof notificationDto>;
export const notificationPage = pageOf(notificationDto);
export type NotificationPage = z.infer<typeof notificationPage>;

export const notificationListQuery = pageQuery.extend({
  kind: z.enum(notificationKinds, { message: '消息类型不正确' }).optional(),
  unread: z.enum(['true', 'false'], { message: '请选择是否只看未读' }).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

/** The bell's number (polled): one count query. */
export const unreadCountDto = z.object({ unread: z.number().int() });
export const readAllResult = z.object({ updated: z.number().int() });

const flag = (label: string) => z.boolean({ message: `请选择是否${label}` });
export const preferenceDto = z.object({
  kind: z.enum(preferenceKinds, { message: '消息类型不正确' }),
  kindLabel: z.string(),
  inApp: flag('站内提醒'),
  digest: flag('纳入每日汇总'),
  webhook: flag('推送到单位企业微信群'),
});
export type PreferenceDto = z.infer<typeof preferenceDto>;
export const preferencesDto = z.object({ items: z.array(preferenceDto) });
export const preferencesUpdate = z.object({
  items: z
    .array(preferenceDto.omit({ kindLabel: true }))
    .min(1, '请至少设置一类消息')
    .max(preferenceKinds.length, '消息类型重复')
    .refine((xs) => new Set(xs.map((x) => x.kind)).size === xs.length, '消息类型重复'),
});
export type PreferencesUpdate = z.infer<typeof preferencesUpdate>;

/** A unit's group-robot webhook as others see it: set or not, and a masked hint. */
export const webhookDto = z.object({
  orgUnitId: z.string(),
  configured: z.boolean(),
  urlHint: z.string().nullable(),
  updatedAt: z.string().nullable(),
  mayChange: z.boolean(),
});
export type WebhookDto = z.infer<typeof webhookDto>;
export const webhookUpdate = z.object({
  /** an http(s) URL; empty clears it */
  url: z
    .string({ message: '请填写推送地址' })
    .trim()
    .max(500, '推送地址最多 500 个字符')
    .refine((u) => u === '' || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/i.test(u), '推送地址须以 http:// 或 https:// 开头'),
});
export type WebhookUpdate = z.infer<typeof webhookUpdate>;
