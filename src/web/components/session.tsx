// Session guards: pages under RequireSession have an active, signed-in user (useCurrentUser).
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import type { MeDto } from '../../shared/schemas/auth';
import type { Permission } from '../../shared/permissions';
import { useMe } from '../api/auth';
import { loginPathFor, sessionResumed, stagePath } from '../api/query-client';
import { forgetNext } from '../pages/auth/stage';
import { IdleWarning } from './idle-warning';

const MeContext = createContext<MeDto | null>(null);

/** The signed-in user of a page under RequireSession. */
export function useCurrentUser(): MeDto {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser outside RequireSession');
  return me;
}

export function FullPageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const active = me.data?.stage === 'active';
  useEffect(() => {
    // signed in and arrived: the page asked for before signing in has been served
    if (active) {
      forgetNext();
      sessionResumed();
    }
  }, [active]);
  if (me.isPending) return <FullPageSpin />;
  if (me.isError)
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={me.error.message}
        extra={<Button onClick={() => void me.refetch()}>重试</Button>}
      />
    );
  if (!me.data) {
    return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
  }
  if (me.data.stage !== 'active') return <Navigate to={stagePath(me.data.stage)} replace />;
  return (
    <MeContext.Provider value={me.data}>
      <IdleWarning idleTimeoutSeconds={me.data.idleTimeoutSeconds} />
      {children}
    </MeContext.Provider>
  );
}

/** Whether the permissions include the one asked for, or (given a list) any one of them. */
export function holds(held: readonly string[], wanted: Permission | readonly Permission[]): boolean {
  return typeof wanted === 'string' ? held.includes(wanted) : wanted.some((p) => held.includes(p));
}

export function RequirePermission({ permission, children }: { permission?: Permission | readonly Permission[]; children: ReactNode }) {
  const me = useCurrentUser();
  if (permission && !holds(me.permissions, permission))
    return <Result status="403" title="无权访问" subTitle="您的角色没有使用此功能的权限，如需使用请联系系统管理员。" />;
  return <>{children}</>;
}

export function useCan(permission: Permission): boolean {
  return useCurrentUser().permissions.includes(permission);
}
