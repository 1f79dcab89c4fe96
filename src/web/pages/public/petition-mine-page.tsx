// 我的信访 (signed in): all the account's petitions as cards, and one petition's progress with
// the rating once it is answered.
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { Alert, App, Button, Empty, Skeleton, Tag } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { petitionTypeLabels } from '../../../shared/schemas/petitions';
import { useOwnPetition, useOwnPetitions, usePublicMe, useRateOwn } from '../../api/public-accounts';
import { PublicAccountBar } from './public-account-login-page';
import { PetitionProgress } from './petition-progress';

function useSignedIn(): { ready: boolean; redirect: string | null } {
  const me = usePublicMe();
  const location = useLocation();
  if (me.isPending) return { ready: false, redirect: null };
  if (!me.data) return { ready: false, redirect: `/public/account/login?next=${encodeURIComponent(location.pathname)}` };
  return { ready: true, redirect: null };
}

export function PetitionMinePage() {
  const auth = useSignedIn();
  const list = useOwnPetitions(auth.ready);
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (!auth.ready || list.isPending) return <Skeleton active />;
  if (list.isError) return <Alert type="error" showIcon title="加载失败，请稍后再试" description={list.error.message} />;
  const items = list.data.items;
  return (
    <>
      <PublicAccountBar />
      <div className="pp-account-bar">
        <span className="pp-title" style={{ margin: 0 }}>
          我的信访
        </span>
        <Link to="/public/petitions/new">
          <Button type="primary" size="small">
            网上信访
          </Button>
        </Link>
      </div>
      {items.length === 0 ? (
        <div className="public-block">
          <Empty description="还没有信访事项" />
        </div>
      ) : (
        items.map((p) => (
          <Link key={p.id} to={`/public/petitions/${encodeURIComponent(p.id)}`} className="pp-card" data-testid="own-petition">
            <div className="pp-card-head">
              <div className="pp-card-title">{p.request.length > 40 ? `${p.request.slice(0, 40)}…` : p.request}</div>
              <RightOutlined style={{ color: '#a0a8b8', fontSize: 12, marginTop: 5 }} />
            </div>
            <div className="pp-card-line">
              <Tag color={p.reply ? 'green' : 'blue'}>{p.statusLabel}</Tag>
              {petitionTypeLabels[p.type]} · {p.unitName}
            </div>
            <div className="pp-card-line">
              {p.registrationNo} · 收到 {p.receivedOn}
              {p.nextExpectedDay ? ` · 预计 ${p.nextExpectedDay} 前${p.status === 'registered' ? '告知是否受理' : '办理答复'}` : ''}
            </div>
            {p.canRate && !p.satisfaction && <div className="pp-card-line" style={{ color: '#b71c1c' }}>已答复，请评价</div>}
          </Link>
        ))
      )}
    </>
  );
}

export function PetitionMineDetailPage() {
  const { id } = useParams();
  const auth = useSignedIn();
  const q = useOwnPetition(id, auth.ready);
  const rate = useRateOwn();
  const { message } = App.useApp();
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (!auth.ready || q.isPending) return <Skeleton active />;
  const p = q.data;
  if (q.isError || !p) return <Alert type="error" showIcon title="未找到该信访事项" description={<Link to="/public/petitions">返回我的信访</Link>} />;
  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">
        <Link to="/public/petitions">我的信访</Link> / 办理进度
      </div>
      <div className="public-block">
        <div className="muted" style={{ fontSize: 13 }}>
          信访请求
        </div>
        <div className="pp-reply">{p.request}</div>
      </div>
      <PetitionProgress
        p={p}
        rating={rate.isPending}
        onRate={(n) => rate.mutate({ id: p.id, satisfaction: n }, { onSuccess: () => void message.success('感谢您的评价') })}
      />
    </>
  );
}
