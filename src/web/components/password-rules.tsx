// The password rules of the security policy, as a hint under a new-password field.
import { Alert } from 'antd';
import type { MeDto } from '../../shared/schemas/auth';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../shared/schemas/security-policy';
import { useSecurityPolicy } from '../api/security-policy';

/**
 * The policy in force when the user may read it (security admins); otherwise null, and the
 * server judges the new password (its message tells what is missing).
 */
export function useKnownPolicy(me: MeDto | null | undefined): SecurityPolicy | null {
  const canRead = !!me && me.stage === 'active' && me.permissions.includes('policy:read');
  const q = useSecurityPolicy(canRead);
  return canRead && q.data ? q.data : null;
}

const classNames = ['小写字母', '大写字母', '数字', '符号'];

export function PasswordRulesHint({ policy }: { policy: SecurityPolicy | null }) {
  const p = policy ?? defaultSecurityPolicy;
  return (
    <Alert
      type="info"
      showIcon
      className="password-rules"
      title="密码要求"
      description={
        <ul className="compact-list">
          <li>至少 {p.passwordMinLength} 位{policy ? '' : '（以本单位安全策略为准）'}</li>
          <li>
            须包含{classNames.join('、')}中的至少 {p.passwordMinClasses} 种
          </li>
          <li>不能包含用户名，不能与当前密码相同</li>
          <li>每 {p.passwordMaxAgeDays} 天内须更换一次</li>
        </ul>
      }
    />
  );
}
