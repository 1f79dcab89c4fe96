import { z } from '../zod-setup';

/** 等保 2.0 level 3 defaults: change within 90 days, lock 300 s after 5 failures, idle 600 s. */
export const securityPolicySchema = z.object({
  passwordMinLength: z.number().int().min(8, '密码最短不能少于 8 位').max(64),
  /** how many of: lower case, upper case, digits, symbols */
  passwordMinClasses: z.number().int().min(2).max(4),
  passwordMaxAgeDays: z.number().int().min(1).max(365),
  lockThreshold: z.number().int().min(1).max(20),
  lockSeconds: z.number().int().min(60).max(86400),
  idleTimeoutSeconds: z.number().int().min(60).max(3600),
  adminTotpRequired: z.boolean(),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;
export const defaultSecurityPolicy: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  lockThreshold: 5,
  lockSeconds: 300,
  idleTimeoutSeconds: 600,
  adminTotpRequired: true,
};

export function passwordProblems(password: string, policy: SecurityPolicy, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < policy.passwordMinLength) problems.push(`密码至少 ${policy.passwordMinLength} 位`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < policy.passwordMinClasses)
    problems.push(`密码须包含小写字母、大写字母、数字、符号中的至少 ${policy.passwordMinClasses} 种`);
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}
