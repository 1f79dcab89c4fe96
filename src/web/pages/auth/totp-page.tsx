// Step 2 for users with a TOTP authenticator: the 6-digit code.
import { useNavigate } from 'react-router';
import { Button, Form, Input, Typography } from 'antd';
import { totpCodeBody } from '../../../shared/schemas/auth';
import { useTotpLogin } from '../../api/auth';
import { usePageTitle } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema, zodRule } from '../../components/zod-form';
import { afterStage } from './stage';
import { BackToLogin, StageGate } from './stage-gate';

export function TotpPage() {
  usePageTitle('动态口令验证');
  return <StageGate stage="totp">{() => <TotpForm />}</StageGate>;
}

function TotpForm() {
  const [form] = Form.useForm<{ code: string }>();
  const totp = useTotpLogin();
  const navigate = useNavigate();

  function submit(values: { code: string }): void {
    const body = parseWithSchema(form, totpCodeBody, values);
    if (!body) return;
    totp.mutate(body.code, {
      onSuccess: (me) => navigate(afterStage(me), { replace: true }),
      onError: (e) => {
        applyServerErrors(form, e);
        form.setFieldValue('code', '');
      },
    });
  }

  return (
    <>
      <Typography.Title level={4} className="auth-title">
        动态口令验证
      </Typography.Title>
      <Typography.Paragraph type="secondary">请打开手机上的动态口令应用，输入显示的 6 位数字。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
        <Form.Item
          name="code"
          label="动态码"
          rules={[{ required: true, message: '请输入 6 位数字动态码' }, zodRule(totpCodeBody, 'code')]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus className="otp-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={totp.isPending}>
          验证
        </Button>
      </Form>
      <BackToLogin />
    </>
  );
}
