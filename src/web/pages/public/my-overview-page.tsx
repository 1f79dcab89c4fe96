// 我的 (signed-in public account): on a phone, everything the person has with us — one card per
// section the server gathers (petitions today; applications, appointments, aid… as they land),
// each item with its status and next step — and whether the account is linked to the registry.
import { Link, Navigate, useLocation } from 'react-router';
import { Alert, Button, Empty, Skeleton, Tag } from 'antd';
import { CheckCircleOutlined, InfoCircleOutlined, RightOutlined } from '@ant-design/icons';
import type { OverviewItem, OverviewSection, OverviewTone } from '../../../shared/schemas/public-overview';
import { usePublicMe, usePublicOverview } from '../../api/public-accounts';
import { PublicAccountBar } from './public-account-login-page';

const toneColor: Record<OverviewTone, string> = { processing: 'blue', success: 'green', warning: 'orange', error: 'red', default: 'default' };

function ItemRow({ item }: { item: OverviewItem }) {
  const body = (
    <>
      <div className="pp-card-head">
        <div className="pp-card-title">{item.title}</div>
        {item.link && <RightOutlined style={{ color: '#a0a8b8', fontSize: 12, marginTop: 5 }} />}
      </div>
      <div className="pp-card-line">
        <Tag color={toneColor[item.tone]}>{item.statusLabel}</Tag>
        {item.subtitle}
      </div>
      {item.nextStep && <div className="my-next">下一步：{item.nextStep}</div>}
    </>
  );
  return item.link ? (
    <Link to={item.link} className="my-item" data-testid="my-item">
      {body}
    </Link>
  ) : (
    <div className="my-item" data-testid="my-item">
      {body}
    </div>
  );
}

function SectionCard({ section }: { section: OverviewSection }) {
  return (
    <section className="public-block my-section" aria-label={section.title} data-testid={`my-section-${section.key}`}>
      <div className="my-section-head">
        <span className="my-section-title">{section.title}</span>
        {section.total > 0 && <span className="muted">共 {section.total} 件</span>}
      </div>
      {section.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={section.emptyText} /> : section.items.map((i) => <ItemRow key={i.id} item={i} />)}
      {section.moreLink && (
        <Link to={section.moreLink}>
          <Button block className="my-more">
            {section.moreLabel}
          </Button>
        </Link>
      )}
    </section>
  );
}

export function MyOverviewPage() {
  const me = usePublicMe();
  const location = useLocation();
  const signedIn = !!me.data;
  const overview = usePublicOverview(signedIn);
  if (!me.isPending && !me.data) return <Navigate to={`/public/account/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (me.isPending || overview.isPending) return <Skeleton active />;
  if (overview.isError) return <Alert type="error" showIcon title="加载失败，请稍后再试" description={overview.error.message} />;
  const o = overview.data;
  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">我的</div>
      <div className={`public-block my-registry ${o.registry.linked ? 'my-linked' : ''}`}>
        {o.registry.linked ? (
          <>
            <CheckCircleOutlined /> 已关联服务对象档案（{o.registry.unitName}）
          </>
        ) : (
          <>
            <InfoCircleOutlined /> 尚未关联服务对象档案：如您是退役军人或其他优抚对象，请到户籍所在地的服务站（村、社区）采集信息，采集后自动关联。
          </>
        )}
      </div>
      {o.sections.map((s) => (
        <SectionCard key={s.key} section={s} />
      ))}
    </>
  );
}
