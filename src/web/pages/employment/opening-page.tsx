// An opening: its facts (修改 opens the form), the interests 我有意向 veterans of the caller's range
// said on their phones (推荐 turns one into a recommendation in one click), the job seekers of the
// range ranked for it with the reasons (推荐 records a recommendation), and its recommendations with
// their outcomes.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, List, Pagination, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { employmentStatusLabels } from '../../../shared/schemas/recipients';
import { industryLabels, skillLabels } from '../../../shared/rules/job-matching';
import { useOpening, useOpeningInterests, useOpeningMatches, useRecommend } from '../../api/employment';
import { isApiError } from '../../api/client';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { RecommendationList } from './recommendation-list';
import { OpeningForm } from './openings-page';

/** The interests veterans said for the opening; one click recommends the person. */
function Interests({ openingId, open }: { openingId: string; open: boolean }) {
  const q = useOpeningInterests(openingId);
  const recommend = useRecommend();
  const { message } = App.useApp();
  const canWrite = useCan('employment:write') && open;
  if (!q.data) return <Spin size="small" />;
  if (!q.data.items.length) return <div className="muted">尚无退役军人在网上表示意向</div>;
  return (
    <List
      size="small"
      data-testid="employment-opening-interests"
      dataSource={q.data.items}
      renderItem={(i) => (
        <List.Item>
          <Space wrap size={6}>
            <Link to={`/employment/profiles/${i.recipientId}`}>
              <Typography.Text strong>{i.recipientName}</Typography.Text>
            </Link>
            <span className="muted">
              {i.orgUnitName} · {i.on} 网上表示有意向
            </span>
            {i.recommendationId ? (
              <Tag color="blue">已推荐</Tag>
            ) : (
              canWrite && (
                <Button
                  size="small"
                  type="primary"
                  loading={recommend.isPending}
                  onClick={async () => {
                    try {
                      await recommend.mutateAsync({ openingId, recipientId: i.recipientId, note: '本人网上表示有意向' });
                      void message.success('已推荐');
                    } catch (e) {
                      void message.error(isApiError(e) ? e.message : '推荐失败，请稍后重试');
                    }
                  }}
                >
                  推荐
                </Button>
              )
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}

function Seekers({ openingId, open }: { openingId: string; open: boolean }) {
  const [page, setPage] = useState(1);
  const q = useOpeningMatches(openingId, page);
  const recommend = useRecommend();
  const { message } = App.useApp();
  const canWrite = useCan('employment:write') && open;
  if (!q.data) return <Spin size="small" />;
  if (!q.data.items.length) return <div className="muted">管辖范围内暂无有求职意向的人员</div>;
  return (
    <>
      <List
        size="small"
        data-testid="employment-opening-matches"
        dataSource={q.data.items}
        renderItem={(m) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Link to={`/employment/profiles/${m.recipientId}`}>
                  <Typography.Text strong>{m.recipientName}</Typography.Text>
                </Link>
                <span className="muted">{m.orgUnitName}</span>
                <Tag color={m.score >= 80 ? 'green' : m.score >= 60 ? 'blue' : 'default'}>匹配度 {m.score}</Tag>
                {m.status && <span className="muted">{employmentStatusLabels[m.status]}</span>}
              </Space>
              <div className="employment-reasons">{m.reasons.join(' · ')}</div>
              {canWrite && !m.recommendationId && (
                <Button
                  size="small"
                  style={{ marginTop: 4 }}
                  loading={recommend.isPending}
                  onClick={async () => {
                    try {
                      await recommend.mutateAsync({ openingId, recipientId: m.recipientId });
                      void message.success('已推荐');
                    } catch (e) {
                      void message.error(isApiError(e) ? e.message : '推荐失败，请稍后重试');
                    }
                  }}
                >
                  推荐
                </Button>
              )}
              {m.recommendationId && <Tag style={{ marginTop: 4 }}>已推荐</Tag>}
            </div>
          </List.Item>
        )}
      />
      {q.data.total > q.data.pageSize && <Pagination size="small" current={page} pageSize={q.data.pageSize} total={q.data.total} onChange={setPage} style={{ marginTop: 8 }} />}
    </>
  );
}

export function OpeningPage() {
  const { id } = useParams();
  const q = useOpening(id);
  const [editing, setEditing] = useState(false);
  if (q.isError) return <Alert type="error" message={q.error.message} />;
  if (!q.data) return <Spin />;
  const o = q.data;
  return (
    <PageShell
      title={`岗位：${o.position}`}
      subtitle={`${o.employerName}${o.employerVeteranFounded ? '（退役军人创办）' : ''} · ${o.orgUnitName} 发布`}
      extra={
        o.canEdit &&
        !editing && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            修改
          </Button>
        )
      }
    >
      {editing && <OpeningForm opening={o} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="月薪">{`${o.payMin}–${o.payMax} 元`}</Descriptions.Item>
          <Descriptions.Item label="招聘人数">{o.headcount}</Descriptions.Item>
          <Descriptions.Item label="工作地点">{o.placeName}</Descriptions.Item>
          <Descriptions.Item label="行业">{industryLabels[o.industry]}</Descriptions.Item>
          <Descriptions.Item label="技能要求">{o.skills.map((s) => skillLabels[s]).join('、') || '不限'}</Descriptions.Item>
          <Descriptions.Item label="有效期">
            {o.validFrom} 至 {o.validTo} {!o.open && <Tag>不在有效期</Tag>}
          </Descriptions.Item>
          {o.sharedWith.length > 0 && <Descriptions.Item label="已共享给">{o.sharedWith.map((s) => s.name).join('、')}</Descriptions.Item>}
        </Descriptions>
        {o.description && <Typography.Paragraph style={{ marginTop: 8 }}>{o.description}</Typography.Paragraph>}
      </Card>
      <Card size="small" title="网上表示意向的退役军人" style={{ marginBottom: 12 }}>
        <Interests openingId={o.id} open={o.open} />
      </Card>
      <Card size="small" title="匹配的求职人员" style={{ marginBottom: 12 }}>
        <Seekers openingId={o.id} open={o.open} />
      </Card>
      <Card size="small" title="推荐记录">
        <RecommendationList query={{ openingId: o.id }} show="person" />
      </Card>
    </PageShell>
  );
}
