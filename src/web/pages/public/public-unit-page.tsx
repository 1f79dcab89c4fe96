// Public page of one center or station: contact details, staff, parent and subordinate units.
import { useEffect, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Button, Empty, Skeleton, Tag } from 'antd';
import { PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { usePublicUnit } from '../../api/public';
import { PUBLIC_TITLE } from './public-layout';
import { UnitCard } from './unit-card';
import { PortalSections } from './portal-sections';
import './portal.css';

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

function Phone({ phone }: { phone: string }) {
  if (!phone) return <span className="muted">未公布</span>;
  return (
    <a href={telHref(phone)}>
      <PhoneOutlined /> {phone}
    </a>
  );
}

function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="info-row">
      <div className="info-label">{label}</div>
      <div className="info-value">{children}</div>
    </div>
  );
}

export function PublicUnitPage() {
  const { id } = useParams();
  const unit = usePublicUnit(id);
  const u = unit.data;
  useEffect(() => {
    document.title = u ? `${u.name} · ${PUBLIC_TITLE}` : PUBLIC_TITLE;
  }, [u]);

  if (unit.isPending) return <Skeleton active />;
  if (unit.isError || !u)
    return (
      <Alert
        type="error"
        showIcon
        title="未找到该服务中心（站）"
        description={<Link to="/public">返回查找</Link>}
      />
    );

  return (
    <>
      <Breadcrumb
        style={{ margin: '4px 4px 8px' }}
        items={[
          { key: 'home', title: <Link to="/public">全部</Link> },
          ...u.ancestors.map((a) => ({ key: a.id, title: <Link to={`/public/units/${encodeURIComponent(a.id)}`}>{a.name}</Link> })),
        ]}
      />
      <div className="public-block">
        <Tag color="red">{orgLevelLabels[u.level]}</Tag>
        <div className="public-unit-name">{u.name}</div>
        <InfoRow label="地址">{u.address || <span className="muted">未公布</span>}</InfoRow>
        <InfoRow label="电话">
          <Phone phone={u.phone} />
        </InfoRow>
        <InfoRow label="办公时间">{u.officeHours || <span className="muted">未公布</span>}</InfoRow>
        <InfoRow label="负责人">{u.headName || <span className="muted">未公布</span>}</InfoRow>
        {u.parent && (
          <InfoRow label="上级">
            <Link to={`/public/units/${encodeURIComponent(u.parent.id)}`}>{u.parent.name}</Link>
          </InfoRow>
        )}
      </div>
      {/* 一次性告知: the unit's service catalog */}
      <Link to={`/public/units/${encodeURIComponent(u.id)}/items`} className="unit-card" data-testid="unit-catalog-link">
        <div className="unit-card-name">
          <span>服务事项（一次性告知）</span>
          <RightOutlined style={{ color: '#a0a8b8', fontSize: 12 }} />
        </div>
        <div className="unit-card-line">可办理的事项、所需材料清单、办理环节和时限</div>
      </Link>
      {/* 光荣墙/荣誉榜: rated and honored people who agreed to be shown (issue 15) */}
      <Link to={`/public/units/${encodeURIComponent(u.id)}/honor-wall`} className="unit-card" data-testid="unit-honor-wall-link">
        <div className="unit-card-name">
          <span>光荣墙 · 荣誉榜</span>
          <RightOutlined style={{ color: '#a0a8b8', fontSize: 12 }} />
        </div>
        <div className="unit-card-line">星级退役军人与荣誉获得者（经本人同意展示）</div>
      </Link>
      {/* 考评结果公开 (Part 12 四(五)): the rounds this unit or a unit below it organized */}
      {!['village', 'grid'].includes(u.level) && (
        <Link to={`/public/units/${encodeURIComponent(u.id)}/evaluations`} className="unit-card" data-testid="unit-evaluations-link">
          <div className="unit-card-name">
            <span>考评结果公开</span>
            <RightOutlined style={{ color: '#a0a8b8', fontSize: 12 }} />
          </div>
          <div className="unit-card-line">已公布的考核评估：各服务中心（站）的总分与名次</div>
        </Link>
      )}
      <PortalSections unitId={u.id} />
      {['county', 'township', 'village'].includes(u.level) && (
        <Link to={`/public/units/${encodeURIComponent(u.id)}/book`} className="no-print">
          <Button type="primary" block size="large" style={{ margin: '4px 0 12px' }} data-testid="book-link">
            预约办理
          </Button>
        </Link>
      )}
      <div className="public-section-title">工作人员</div>
      <div className="public-block">
        {u.staff.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无公开的工作人员信息" />
        ) : (
          u.staff.map((s, i) => (
            <div className="staff-row" key={`${s.displayName}-${i}`}>
              <div>
                <div style={{ fontWeight: 600 }}>{s.displayName}</div>
                {s.title && <div className="muted" style={{ fontSize: 13 }}>{s.title}</div>}
              </div>
              <div>{s.workPhone ? <Phone phone={s.workPhone} /> : null}</div>
            </div>
          ))
        )}
      </div>
      {u.children.length > 0 && (
        <>
          <div className="public-section-title">下设服务站（{u.children.length}）</div>
          {u.children.map((c) => (
            <UnitCard key={c.id} unit={c} />
          ))}
        </>
      )}
    </>
  );
}
