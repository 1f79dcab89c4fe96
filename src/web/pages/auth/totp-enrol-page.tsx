// Step 2 for administrators without an authenticator yet: enrol one (等保 requires it).
import { useNavigate } from 'react-router';
import { Alert, Typography } from 'antd';
import { usePageTitle } from '../../components/page-shell';
import { TotpEnrol } from '../../components/totp-enrol';
import { afterStage } from './stage';
import { BackToLogin, StageGate } from './stage-gate';

export function TotpEnrolPage() {
  usePageTitle('绑定动态口令');
  const navigate = useNavigate();
  return (
    <StageGate stage="totp-enrol">
      {() => (
        <>
          <Typography.Title level={4} className="auth-title">
            绑定动态口令
          </Typography.Title>
          <Alert
            type="info"
            showIcon
            title="管理员账号须使用“密码 + 动态口令”双因素登录。请先完成绑定。"
            style={{ marginBottom: 16 }}
          />
          <TotpEnrol onDone={(me) => navigate(afterStage(me), { replace: true })} />
          <BackToLogin />
        </>
      )}
    </StageGate>
  );
}
