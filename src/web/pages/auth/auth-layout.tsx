// The frame of the sign-in steps: a centered card under the brand.
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { Spin, Typography } from 'antd';

export function AuthLayout() {
  return (
    <div className="auth-root">
      <div className="auth-box">
        <div className="auth-brand">
          <span className="brand-mark brand-mark-large">戎</span>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              戎家
            </Typography.Title>
            <Typography.Text type="secondary">基层退役军人服务中心（站）工作平台</Typography.Text>
          </div>
        </div>
        <div className="auth-card">
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </div>
        <div className="auth-foot">
          <Link to="/public">退役军人服务中心（站）公开信息</Link>
        </div>
      </div>
    </div>
  );
}
