// The portal part of a unit's public page (seed Part 1 三–四, §44): its service commitments, its
// service supervisors, the services list (the feedback box, the contact card; the catalog and
// booking join it), and the replies the unit chose to publish.
import { Link } from 'react-router';
import { Empty, Tag } from 'antd';
import { CreditCardOutlined, EditOutlined, FileSearchOutlined, GiftOutlined, PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { feedbackKindLabels } from '../../../shared/schemas/feedback';
import { usePublicPortal } from '../../api/portal';

function tel(phone: string) {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

/** One entry of the services list: a tappable row. */
function ServiceLink({ to, icon, title, hint }: { to: string; icon: React.ReactNode; title: string; hint: string }) {
  return (
    <Link to={to} className="portal-service">
      <span className="portal-service-icon">{icon}</span>
      <span className="portal-service-text">
        <span className="portal-service-title">{title}</span>
        <span className="portal-service-hint">{hint}</span>
      </span>
      <RightOutlined style={{ color: '#a0a8b8', fontSize: 12 }} />
    </Link>
  );
}

export function PortalSections({ unitId }: { unitId: string }) {
  const portal = usePublicPortal(unitId);
  const p = portal.data;
  const enc = encodeURIComponent(unitId);
  return (
    <>
      <div className="public-section-title">办事服务</div>
      {/* The services of this unit. The service catalog 服务事项 and booking 预约办理 are linked here as they land. */}
      <div className="public-block portal-services" data-section="services">
        <ServiceLink to={`/public/units/${enc}/feedback`} icon={<EditOutlined />} title="意见簿 · 监督卡" hint="提意见、建议、投诉或表扬，可匿名" />
        <ServiceLink to="/public/feedback-query" icon={<FileSearchOutlined />} title="意见答复查询" hint="凭查询码查看答复" />
        <ServiceLink to="/public/application-query" icon={<FileSearchOutlined />} title="办件查询" hint="凭办件编号和查询码查看政策服务办理进度" />
        <ServiceLink to={`/public/units/${enc}/card`} icon={<CreditCardOutlined />} title="便民服务卡" hint="联系电话与二维码，可打印" />
        <ServiceLink to={`/public/units/${enc}/assistance`} icon={<GiftOutlined />} title="帮扶援助公示" hint="本单位给予的帮扶援助，接受社会监督" />
      </div>

      <div className="public-section-title">服务承诺</div>
      <div className="public-block" data-section="commitments">
        {p && p.commitments.length > 0 ? (
          <ol className="portal-commitments">
            {p.commitments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ol>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂未公布服务承诺" />
        )}
      </div>

      <div className="public-section-title">服务监督员</div>
      <div className="public-block" data-section="supervisors">
        {p && p.supervisors.length > 0 ? (
          p.supervisors.map((s, i) => (
            <div className="staff-row" key={`${s.name}-${i}`}>
              <div>
                <div style={{ fontWeight: 600 }}>{s.name}</div>
                <div className="muted" style={{ fontSize: 13 }}>
                  {s.affiliation}
                </div>
              </div>
              <a href={tel(s.phone)}>
                <PhoneOutlined /> {s.phone}
              </a>
            </div>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂未公布服务监督员" />
        )}
      </div>

      {p && p.published.length > 0 && (
        <>
          <div className="public-section-title">意见答复公开</div>
          <div className="public-block" data-section="published">
            {p.published.map((f, i) => (
              <div className="portal-reply" key={i}>
                <div className="portal-reply-head">
                  <Tag>{feedbackKindLabels[f.kind]}</Tag>
                  <span className="muted">{f.submittedOn}</span>
                </div>
                <div className="portal-reply-text">{f.text}</div>
                <div className="portal-reply-answer">
                  <span className="portal-reply-label">答复（{f.repliedOn}）：</span>
                  {f.reply}
                </div>
              </div>
            ))}
          </div>
        </>
      )}
    </>
  );
}
