// Step 1 of signing in: username and password.
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { loginBody } from '../../../shared/schemas/auth';
import { useLogin, useMe } from '../../api/auth';
import { IDLE_REASON } from '../../api/query-client';
import { usePageTitle } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { afterStage, rememberNext } from './stage';

type Values = { username: string; password: string };

export function LoginPage() {
  usePageTitle('登录');
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();

  if (me.data && me.data.stage === 'active') return <Navigate to={afterStage(me.data)} replace />;

  function submit(values: Values): void {
    const body = parseWithSchema(form, loginBody, values);
    if (!body) return;
    rememberNext(params.get('next'));
    login.mutate(body, {
      onSuccess: (next) => navigate(afterStage(next), { replace: true }),
      onError: (e) => {
        applyServerErrors(form, e);
        form.setFieldValue('password', '');
      },
    });
  }

  return (
    <>
      <Typography.Title level={4} className="auth-title">
        登录
      </Typography.Title>
      {params.get('reason') === IDLE_REASON && (
        <Alert
          type="warning"
          showIcon
          className="auth-reason"
          data-testid="idle-signed-out"
          title="因长时间未操作，已安全退出"
          description={params.get('next') ? '重新登录后将回到刚才的页面，本机保存的草稿会自动恢复。' : '请重新登录。'}
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" autoFocus />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          登录
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" className="auth-note">
        忘记密码请联系本单位系统管理员重置。连续输错密码将暂时锁定账号。
      </Typography.Paragraph>
    </>
  );
}
