// The modules of the work platform, declared once: the side menu, the home-page cards and the
// routes all come from this list. Adding a module is one line here.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  StarOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '../shared/permissions';

export type ModuleEntry = {
  key: string;
  label: string;
  icon: ReactNode;
  /** absolute path of the module's main page; sub-pages live under it */
  path: string;
  /** who sees it; undefined = every signed-in user */
  permission?: Permission;
  /** one line on the home-page card; no card when absent */
  description?: string;
  page: LazyExoticComponent<ComponentType>;
};

/** React.lazy for a named export, so that every page module keeps named exports. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

export const modules: ModuleEntry[] = [
  { key: 'home', label: '首页', icon: <HomeOutlined />, path: '/', page: page(() => import('./pages/home/home-page'), 'HomePage') },
  { key: 'glory-plaques', label: '光荣牌', icon: <StarOutlined />, path: '/glory-plaques', permission: 'case:read', description: '可申请家庭、待悬挂与已悬挂，八一、春节前提醒，悬挂台账', page: page(() => import('./pages/glory-plaques/glory-plaques-page'), 'GloryPlaquesPage') },
  { key: 'org-units', label: '组织机构', icon: <ApartmentOutlined />, path: '/org-units', permission: 'org:read', description: '中心（站）及网格的层级、信息维护', page: page(() => import('./pages/org-units/org-units-page'), 'OrgUnitsPage') },
  { key: 'staff', label: '工作人员', icon: <TeamOutlined />, path: '/staff', permission: 'staff:read', description: '账号、角色、重置密码与停用', page: page(() => import('./pages/staff/staff-page'), 'StaffPage') },
  { key: 'security-policy', label: '安全策略', icon: <SafetyCertificateOutlined />, path: '/security-policy', permission: 'policy:read', description: '密码、锁定、会话超时与动态口令（等保三级）', page: page(() => import('./pages/security-policy/security-policy-page'), 'SecurityPolicyPage') },
  { key: 'audit-logs', label: '审计日志', icon: <AuditOutlined />, path: '/audit-logs', permission: 'audit:read', description: '登录、操作与敏感数据查看记录', page: page(() => import('./pages/audit-logs/audit-logs-page'), 'AuditLogsPage') },
  { key: 'dashboard', label: '统计看板', icon: <BarChartOutlined />, path: '/dashboard', permission: 'case:read', description: '服务对象构成、采集完整度，逐级下钻', page: page(() => import('./pages/dashboards/registry-dashboard-page'), 'RegistryDashboardPage') },
  { key: 'profile', label: '个人中心', icon: <UserOutlined />, path: '/profile', description: '本人信息、修改密码、动态口令', page: page(() => import('./pages/profile/profile-page'), 'ProfilePage') },
];

export function modulesFor(permissions: readonly string[]): ModuleEntry[] {
  return modules.filter((m) => !m.permission || permissions.includes(m.permission));
}

/** The module whose path is the longest prefix of a location, for the selected menu entry. */
export function moduleAt(pathname: string): ModuleEntry | undefined {
  let best: ModuleEntry | undefined;
  for (const m of modules) {
    const hit = m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`);
    if (hit && (!best || m.path.length > best.path.length)) best = m;
  }
  return best;
}
