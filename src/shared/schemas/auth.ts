import { z } from '../zod-setup';
import { roles, permissions } from '../permissions';
import { orgLevels } from './org-units';

/**
 * Set on every answer to a signed-in staff request: the whole seconds left before the session
 * ends for idleness, counted on the server after this request (so the page needs no clock of its own).
 */
export const IDLE_REMAINING_HEADER = 'x-idle-remaining';

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

/** What the session still needs before the user can work. */
export const sessionStages = ['active', 'totp', 'totp-enrol', 'change-password'] as const;
export type SessionStage = (typeof sessionStages)[number];
/** The steps a sign-in may still need, in Chinese (the audit log's sign-in entries name them). */
export const sessionStageLabels: Record<SessionStage, string> = {
  active: '无',
  totp: '动态口令验证',
  'totp-enrol': '绑定动态口令',
  'change-password': '修改初始密码',
};

export const meDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  permissions: z.array(z.enum(permissions)),
  orgUnit: z.object({ id: z.string(), name: z.string(), level: z.enum(orgLevels), code: z.string() }),
  stage: z.enum(sessionStages),
  passwordExpired: z.boolean(),
  totpEnabled: z.boolean(),
  idleTimeoutSeconds: z.number().int(),
});
export type MeDto = z.infer<typeof meDto>;

export const totpCodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字动态码') });
export const totpSetupDto = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});

/** The key the browser encrypts the user's local drafts with (raw AES-256 key, base64url). */
export const draftKeyDto = z.object({ algorithm: z.literal('AES-GCM'), key: z.string() });
export type DraftKeyDto = z.infer<typeof draftKeyDto>;
