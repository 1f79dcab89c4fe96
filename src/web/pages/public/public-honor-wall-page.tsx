// Public honor wall 光荣墙/荣誉榜 of a unit and the units below it (seed §18): the star-rated and
// honored veterans who agreed to be shown, with photo and citation; phone first.
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Empty, Skeleton, Tag } from 'antd';
import { StarFilled, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { honorLevelLabels, starLevelLabels } from '../../../shared/schemas/honors';
import { usePublicHonorWall } from '../../api/honors';
import { PUBLIC_TITLE } from './public-layout';
import './portal.css';

export function PublicHonorWallPage() {
  const { id } = useParams();
  const q = usePublicHonorWall(id);
  const w = q.data;
  useEffect(() => {
    document.title = w ? `${w.unitName}光荣墙 · ${PUBLIC_TITLE}` : PUBLIC_TITLE;
  }, [w]);
  if (q.isPending) return <Skeleton active />;
  if (q.isError || !w) return <Alert type="error" showIcon title="未找到该服务中心（站）" description={<Link to="/public">返回查找</Link>} />;
  return (
    <>
      <div style={{ margin: '4px 4px 8px' }}>
        <Link to={`/public/units/${encodeURIComponent(w.unitId)}`}>← {w.unitName}</Link>
      </div>
      <div className="public-block" style={{ textAlign: 'center', background: '#fff1f0' }}>
        <TrophyOutlined style={{ fontSize: 28, color: '#cf1322' }} />
        <div className="public-unit-name">{w.unitName}光荣墙</div>
        <div className="muted">星级退役军人与荣誉获得者，经本人同意展示</div>
      </div>
      {w.entries.length === 0 ? (
        <div className="public-block">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无展示" />
        </div>
      ) : (
        w.entries.map((e) => (
          <div className="public-block" key={e.key} data-testid="honor-wall-entry" style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
            {e.photoUrl ? (
              <img src={e.photoUrl} alt={e.name} style={{ width: 72, height: 96, objectFit: 'cover', borderRadius: 6, flex: 'none', background: '#f5f5f5' }} />
            ) : (
              <div style={{ width: 72, height: 96, borderRadius: 6, flex: 'none', background: '#f5f5f5', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                <UserOutlined style={{ fontSize: 32, color: '#bfbfbf' }} />
              </div>
            )}
            <div style={{ minWidth: 0 }}>
              <div style={{ fontWeight: 600, fontSize: 16 }}>{e.name}</div>
              <div className="muted" style={{ fontSize: 13 }}>
                {e.unitName}
              </div>
              {e.stars.map((s) => (
                <div key={`${s.campaign}-${s.publishedOn}`} style={{ marginTop: 4 }}>
                  <span style={{ color: '#d4a017' }} aria-label={starLevelLabels[s.level]}>
                    {Array.from({ length: s.level }, (_, i) => (
                      <StarFilled key={i} />
                    ))}
                  </span>{' '}
                  <Tag color="gold">{starLevelLabels[s.level]}退役军人</Tag>
                  <span className="muted" style={{ fontSize: 12 }}>
                    {s.campaign}
                  </span>
                </div>
              ))}
              {e.honors.map((h) => (
                <div key={`${h.title}-${h.awardedOn}`} style={{ marginTop: 4 }}>
                  <Tag color="red">{honorLevelLabels[h.level]}</Tag>
                  {h.title}
                </div>
              ))}
              <div style={{ marginTop: 6, wordBreak: 'break-word' }}>{e.citation}</div>
            </div>
          </div>
        ))
      )}
    </>
  );
}
