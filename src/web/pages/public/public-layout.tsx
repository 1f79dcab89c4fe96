// The public pages (no sign-in): phone first, no menu.
import { Suspense, useEffect } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { Spin } from 'antd';
import './petition-public.css';

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
        <div className="public-header-sub">机构地址、联系电话与工作人员，网上信访与办理进度查询，方便退役军人及家属就近办事</div>
      </header>
      <nav className="public-nav" aria-label="公开服务">
        <NavLink to="/public" end>
          找服务站
        </NavLink>
        <NavLink to="/public/petitions/new">网上信访</NavLink>
        <NavLink to="/public/petitions" end>
          我的信访
        </NavLink>
        <NavLink to="/public/petition-query">信访查询</NavLink>
        <NavLink to="/public/application-query">办件查询</NavLink>
        <NavLink to="/public/me">我的</NavLink>
        <NavLink to="/public/appointments">我的预约</NavLink>
      </nav>
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
