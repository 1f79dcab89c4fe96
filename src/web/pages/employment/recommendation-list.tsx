// Recommendations of a person or an opening, with their outcome buttons (登记面试 / 录用 / 未成功:
// kernel actions; a hire makes the person 在岗就业).
import { App, Button, List, Space, Tag, Typography } from 'antd';
import { recommendationStatusLabels, type RecommendationDto } from '../../../shared/schemas/employment';
import { useRecommendationAction, useRecommendations } from '../../api/employment';
import { isApiError } from '../../api/client';
import { todayDay } from '../../components/day-picker';

const color = { recommended: 'blue', interviewed: 'cyan', hired: 'green', declined: 'default' } as const;

export function RecommendationList({ query, show }: { query: { recipientId?: string; openingId?: string }; show: 'opening' | 'person' }) {
  const q = useRecommendations(query);
  const act = useRecommendationAction();
  const { message } = App.useApp();
  async function run(r: RecommendationDto, action: 'interview' | 'hire' | 'decline') {
    try {
      const on = todayDay();
      await act.mutateAsync({ id: r.id, body: action === 'decline' ? { action, version: r.version, comment: '', on, reason: 'employer' } : { action, version: r.version, comment: '', on } });
      void message.success(action === 'hire' ? '已登记录用，就业状况已改为在岗就业' : '已登记');
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  if (!q.data) return null;
  if (!q.data.items.length) return <div className="muted">尚无推荐记录</div>;
  return (
    <List
      size="small"
      data-testid="employment-recommendations"
      dataSource={q.data.items}
      renderItem={(r) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <Space wrap size={6}>
              <Typography.Text strong>{show === 'opening' ? `${r.employerName} ${r.position}` : r.recipientName}</Typography.Text>
              <Tag color={color[r.status]}>{recommendationStatusLabels[r.status]}</Tag>
              <span className="muted">
                推荐 {r.recommendedOn} · 匹配度 {r.score}
                {r.outcomeOn ? ` · ${r.outcomeOn}` : ''}
              </span>
            </Space>
            {r.actions.length > 0 && (
              <Space wrap size={6} style={{ marginTop: 6 }}>
                {r.actions.includes('interview') && (
                  <Button size="small" onClick={() => run(r, 'interview')} loading={act.isPending}>
                    登记面试
                  </Button>
                )}
                {r.actions.includes('hire') && (
                  <Button size="small" type="primary" onClick={() => run(r, 'hire')} loading={act.isPending}>
                    登记录用
                  </Button>
                )}
                {r.actions.includes('decline') && (
                  <Button size="small" danger onClick={() => run(r, 'decline')} loading={act.isPending}>
                    未录用
                  </Button>
                )}
              </Space>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
