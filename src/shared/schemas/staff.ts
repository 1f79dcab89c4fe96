import { z } from '../zod-setup';
import { roles } from '../permissions';
import { idSchema, pageOf, pageQuery } from './common';

export const usernameSchema = z
  .string()
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(32, '用户名最多 32 个字符')
  .regex(/^[a-z][a-z0-9_.-]*$/, '用户名以小写字母开头，只能包含小写字母、数字、_ . -');

export const staffDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  roles: z.array(z.enum(roles)),
  title: z.string(),
  workPhone: z.string(),
  showInDirectory: z.boolean(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffDto = z.infer<typeof staffDto>;
export const staffPage = pageOf(staffDto);
export const staffListQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  q: z.string().trim().max(50).optional(),
  role: z.enum(roles).optional(),
  includeDescendants: z.enum(['true', 'false']).default('true'),
});

const rolesField = z.array(z.enum(roles)).min(1, '至少选择一个角色').max(roles.length);
const workPhone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9\-+() ]*$/, '电话只能包含数字、空格和 - + ( )');

export const staffCreate = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, '请填写姓名').max(30),
  orgUnitId: idSchema,
  roles: rolesField,
  title: z.string().trim().max(30).default(''),
  workPhone: workPhone.default(''),
  showInDirectory: z.boolean().default(false),
});
export type StaffCreate = z.infer<typeof staffCreate>;
export const staffUpdate = z.object({
  displayName: z.string().trim().min(1, '请填写姓名').max(30).optional(),
  orgUnitId: idSchema.optional(),
  roles: rolesField.optional(),
  title: z.string().trim().max(30).optional(),
  workPhone: workPhone.optional(),
  showInDirectory: z.boolean().optional(),
});
export type StaffUpdate = z.infer<typeof staffUpdate>;
/** The one-time password given to the person; they must change it at first sign-in. */
export const staffCreated = z.object({ staff: staffDto, initialPassword: z.string() });
export const passwordReset = z.object({ initialPassword: z.string() });
