// Sign-in step for a first sign-in or an expired password: set a new password.
import { useNavigate } from 'react-router';
import { Alert, Typography } from 'antd';
import { usePageTitle } from '../../components/page-shell';
import { ChangePasswordForm } from '../../components/change-password-form';
import { afterStage } from './stage';
import { BackToLogin, StageGate } from './stage-gate';

export function ChangePasswordPage() {
  usePageTitle('设置新密码');
  const navigate = useNavigate();
  return (
    <StageGate stage="change-password">
      {(me) => (
        <>
          <Typography.Title level={4} className="auth-title">
            设置新密码
          </Typography.Title>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              me.passwordExpired
                ? '您的密码已超过有效期，请设置新密码后继续使用。'
                : '首次登录或密码已被重置，请设置只有您本人知道的新密码。'
            }
          />
          <ChangePasswordForm
            me={me}
            currentLabel={me.passwordExpired ? '当前密码' : '初始密码（管理员给您的一次性密码）'}
            onDone={(next) => navigate(afterStage(next), { replace: true })}
          />
          <BackToLogin />
        </>
      )}
    </StageGate>
  );
}
