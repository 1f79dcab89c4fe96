// The public pages (no sign-in): phone first, no menu.
import { Suspense, useEffect } from 'react';
import { Link, Outlet } from 'react-router';
import { Spin } from 'antd';

export const PUBLIC_TITLE = '退役军人服务中心（站）公开信息';

export function PublicLayout() {
  useEffect(() => {
    document.title = PUBLIC_TITLE;
  }, []);
  return (
    <div className="public-root">
      <header className="public-header">
        <Link to="/public" className="public-header-title">
          <span className="brand-mark">戎</span>
          <span>{PUBLIC_TITLE}</span>
        </Link>
        <div className="public-header-sub">机构地址、联系电话、办公时间与工作人员，方便退役军人及家属就近办事</div>
      </header>
      <main className="public-main">
        <Suspense
          fallback={
            <div className="content-center">
              <Spin />
            </div>
          }
        >
          <Outlet />
        </Suspense>
        <div className="public-foot">
          <Link to="/login">工作人员登录</Link>
        </div>
      </main>
    </div>
  );
}
