// The layout of the signed-in app: header (brand, unit, user, 我的待办, 退出) and a side menu built
// from the declared module list; on a phone the menu is a drawer opened from the header.
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Grid, Layout, Menu, Spin, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { useLogout } from '../../api/auth';
import { holds, useCurrentUser } from '../../components/session';
import { WorkQueueBadge } from '../../components/work-queue-badge';
import { NotificationBell } from '../../components/notification-bell';
import { menuModulesFor, menuTreeOf, moduleAt, workQueuePermissions } from '../../modules';

const COLLAPSE_KEY = 'rj:sider-collapsed';

export function AppLayout() {
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  // Before the first measurement all breakpoints are undefined: treat as desktop.
  const isPhone = screens.md === false;
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(() => window.localStorage.getItem(COLLAPSE_KEY) === '1');

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const entries = menuModulesFor(me.permissions);
  const current = moduleAt(location.pathname);
  const items: MenuProps['items'] = menuTreeOf(entries).map((n) =>
    n.kind === 'entry'
      ? { key: n.entry.path, icon: n.entry.icon, label: n.entry.label }
      : { key: `group:${n.label}`, icon: n.entries[0].icon, label: n.label, children: n.entries.map((m) => ({ key: m.path, icon: m.icon, label: m.label })) },
  );
  const openGroup = current?.group ? [`group:${current.group}`] : [];
  const menu = (
    <Menu
      mode="inline"
      items={items}
      defaultOpenKeys={openGroup}
      selectedKeys={current ? [current.path] : []}
      onClick={({ key }) => navigate(key)}
      className="app-menu"
    />
  );

  function toggleCollapsed(): void {
    const next = !collapsed;
    setCollapsed(next);
    window.localStorage.setItem(COLLAPSE_KEY, next ? '1' : '0');
  }

  function signOut(): void {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  }

  return (
    <Layout className="app-root">
      <Layout.Header className="app-header">
        {isPhone ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
            aria-label="打开菜单"
            className="header-button"
          />
        ) : (
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggleCollapsed}
            aria-label={collapsed ? '展开菜单' : '收起菜单'}
            className="header-button"
          />
        )}
        <a
          className="brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          <span className="brand-mark">戎</span>
          <span className="brand-name">戎家</span>
        </a>
        {!isPhone && (
          <Typography.Text className="header-unit" ellipsis title={me.orgUnit.name}>
            {me.orgUnit.name}
          </Typography.Text>
        )}
        <div className="header-spacer" />
        {holds(me.permissions, workQueuePermissions) && <WorkQueueBadge compact={isPhone} />}
        <NotificationBell compact={isPhone} />
        <Typography.Text className="header-user" ellipsis title={`${me.displayName}（${me.username}）`}>
          {me.displayName}
        </Typography.Text>
        <Tooltip title="退出登录">
          <Button
            type="text"
            icon={<LogoutOutlined />}
            onClick={signOut}
            loading={logout.isPending}
            aria-label="退出登录"
            className="header-button"
          >
            {isPhone ? null : '退出'}
          </Button>
        </Tooltip>
      </Layout.Header>
      <Layout className="app-body">
        {!isPhone && (
          <Layout.Sider
            theme="light"
            width={208}
            collapsedWidth={64}
            collapsed={collapsed}
            trigger={null}
            collapsible
            className="app-sider"
          >
            {menu}
          </Layout.Sider>
        )}
        <Drawer
          placement="left"
          open={isPhone && drawerOpen}
          onClose={() => setDrawerOpen(false)}
          // the drawer closes when a page opens: focus stays on that page (moving it back to the
          // menu button would close a dropdown opened there a moment later)
          focusable={{ focusTriggerAfterClose: false }}
          size={260}
          title={
            <div>
              <div>{me.displayName}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {me.orgUnit.name}
              </Typography.Text>
            </div>
          }
          styles={{ body: { padding: 0 } }}
          className="app-drawer"
        >
          {menu}
        </Drawer>
        <Layout.Content className="app-content">
          <Suspense
            fallback={
              <div className="content-center">
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
