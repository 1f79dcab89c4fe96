// 信访人登录 with the registered mobile and password (a public session, never a staff one), and
// the bar that shows who is signed in with 退出.
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input, Skeleton } from 'antd';
import { publicLoginBody } from '../../../shared/schemas/public-accounts';
import { usePublicLogin, usePublicLogout, usePublicMe } from '../../api/public-accounts';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { publicNext } from './public-account-register-page';

type Values = { phone?: string; password?: string };

export function PublicAccountLoginPage() {
  const [form] = Form.useForm<Values>();
  const me = usePublicMe();
  const login = usePublicLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);

  if (me.isPending) return <Skeleton active />;
  if (me.data) return <Navigate to={publicNext(params)} replace />;

  function submit(values: Values): void {
    setError(null);
    const body = parseWithSchema(form, publicLoginBody, values);
    if (!body) return;
    login.mutate(body, {
      onSuccess: () => navigate(publicNext(params), { replace: true }),
      onError: (e) => {
        form.setFieldValue('password', '');
        if (!applyServerErrors(form, e)) setError(e.message);
      },
    });
  }
  const next = params.get('next');
  return (
    <>
      <div className="pp-title">信访人登录</div>
      <p className="pp-hint">登录后可网上提出信访事项，查看本人全部信访事项的办理进度。</p>
      <div className="public-block">
        <Form<Values> form={form} layout="vertical" className="pp-form" requiredMark={false} onFinish={submit} size="large">
          <Form.Item name="phone" label="手机号码" rules={[{ required: true, whitespace: true, message: '请输入手机号码' }]}>
            <Input autoComplete="username" inputMode="tel" maxLength={20} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </div>
      <p className="pp-hint" style={{ textAlign: 'center' }}>
        还没有账号？<Link to={`/public/account/register${next ? `?next=${encodeURIComponent(next)}` : ''}`}>实名注册</Link>
        <br />
        没有账号也可以凭查询码<Link to="/public/petition-query">查询信访事项</Link>
      </p>
    </>
  );
}

/** Who is signed in, with 退出; nothing when no one is. */
export function PublicAccountBar() {
  const me = usePublicMe();
  const logout = usePublicLogout();
  const navigate = useNavigate();
  if (!me.data) return null;
  return (
    <div className="pp-account-bar" data-testid="public-account-bar">
      <span>
        {me.data.name}（{me.data.phoneMasked}）
      </span>
      <Button size="small" loading={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/public/account/login', { replace: true }) })}>
        退出登录
      </Button>
    </div>
  );
}
