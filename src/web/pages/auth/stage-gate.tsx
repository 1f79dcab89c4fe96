// Each sign-in step page is only for a session in that stage.
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { Button } from 'antd';
import type { MeDto, SessionStage } from '../../../shared/schemas/auth';
import { useLogout, useMe } from '../../api/auth';
import { FullPageSpin } from '../../components/session';
import { afterStage } from './stage';

export function StageGate({ stage, children }: { stage: SessionStage; children: (me: MeDto) => ReactNode }) {
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (!me.data) return <Navigate to="/login" replace />;
  // the step is done (or another is due): go on, to the page first asked for when active
  if (me.data.stage !== stage) return <Navigate to={afterStage(me.data)} replace />;
  return <>{children(me.data)}</>;
}

/** Gives up the half-finished sign-in and goes back to the login form. */
export function BackToLogin() {
  const logout = useLogout();
  return (
    <Button type="link" block loading={logout.isPending} onClick={() => logout.mutate()}>
      使用其他账号登录
    </Button>
  );
}
