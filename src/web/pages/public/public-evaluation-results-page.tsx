// 考评结果公开 (Part 12 四(五)) without signing in: the rounds a unit or a unit below it organized
// whose results are published, each with its published units' totals and ranks — units and scores
// only (with the grade 等次 and the bands it follows), never people, notes, problems or evidence. Phone first.
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Empty, Skeleton, Tag } from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import { setKindLabels } from '../../../shared/schemas/evaluations';
import { usePublicEvaluationResults } from '../../api/evaluations';
import { GradeTag, bandsText } from '../evaluations/grade-tag';
import { PUBLIC_TITLE } from './public-layout';
import './portal.css';

const medal = ['#d4a017', '#a0a8b8', '#b87333'];

export function PublicEvaluationResultsPage() {
  const { id } = useParams();
  const q = usePublicEvaluationResults(id);
  const r = q.data;
  useEffect(() => {
    document.title = r ? `${r.unitName}考评结果公开 · ${PUBLIC_TITLE}` : PUBLIC_TITLE;
  }, [r]);
  if (q.isPending) return <Skeleton active />;
  if (q.isError || !r) return <Alert type="error" showIcon title="未找到该服务中心（站）" description={<Link to="/public">返回查找</Link>} />;
  return (
    <>
      <div style={{ margin: '4px 4px 8px' }}>
        <Link to={`/public/units/${encodeURIComponent(r.unitId)}`}>← {r.unitName}</Link>
      </div>
      <div className="public-block" style={{ textAlign: 'center', background: '#f0f5ff' }}>
        <BarChartOutlined style={{ fontSize: 28, color: '#1d39c4' }} />
        <div className="public-unit-name">{r.unitName}考评结果公开</div>
        <div className="muted">已公布的考核评估结果（满分 100 分），接受社会监督</div>
      </div>
      {r.rounds.length === 0 ? (
        <div className="public-block">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无已公布的考评结果" />
        </div>
      ) : (
        r.rounds.map((round) => (
          <div className="public-block" key={round.id} data-testid="public-round">
            <div style={{ fontWeight: 600, fontSize: 16 }}>{round.title}</div>
            <div className="muted" style={{ fontSize: 13, marginBottom: 8 }}>
              {round.organizerName} · {round.periodLabel} · <Tag style={{ marginInlineEnd: 0 }}>{setKindLabels[round.setKind]}</Tag>
              <br />
              {round.publishedOn} 公布 · 已公布 {round.rows.length} / {round.units} 个单位
              <br />
              等次：{bandsText(round.grades)}
            </div>
            <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {round.rows.map((x) => (
                <li key={`${x.rank}-${x.orgUnitName}`} data-testid="public-result" style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
                  <span
                    aria-label={`第 ${x.rank} 名`}
                    style={{ flex: 'none', width: 28, height: 28, borderRadius: 14, display: 'flex', alignItems: 'center', justifyContent: 'center', fontWeight: 600, color: x.rank <= 3 ? '#fff' : '#555', background: x.rank <= 3 ? medal[x.rank - 1] : '#f5f5f5' }}
                  >
                    {x.rank}
                  </span>
                  <span style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{x.orgUnitName}</span>
                  <span style={{ flex: 'none', fontWeight: 600, fontSize: 16 }}>{x.total === null ? '未评分' : `${x.total} 分`}</span>
                  {x.grade !== null && (
                    <span style={{ flex: 'none' }}>
                      <GradeTag grade={x.grade} bands={round.grades} />
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </div>
        ))
      )}
    </>
  );
}
