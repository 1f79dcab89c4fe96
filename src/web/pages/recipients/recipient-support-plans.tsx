// A panel of a recipient's page: the person's support plans 一人一策 (GET /api/support-plans
// ?recipientId=, through the plans' range guard), and 制定帮扶计划 for the person.
import { Link, useNavigate } from 'react-router';
import { Button, Flex, List, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { difficultyKindLabels } from '../../../shared/schemas/support-plans';
import { useRecipientSupportPlans } from '../../api/support-plans';
import { useCan } from '../../components/session';
import { PlanStatusTag } from '../support-plans/plan-tags';

export function RecipientSupportPlans({ recipient }: { recipient: RecipientDetail }) {
  const navigate = useNavigate();
  const canWrite = useCan('supportPlans:write');
  const q = useRecipientSupportPlans(recipient.id);
  const add =
    canWrite && recipient.status === 'registered' && !recipient.deceased ? (
      <Link to={`/support-plans/new?${new URLSearchParams({ recipient: recipient.id, name: recipient.name }).toString()}`} className="no-print">
        <Button size="small" icon={<PlusOutlined />}>
          制定帮扶计划
        </Button>
      </Link>
    ) : null;
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">帮扶计划暂时无法读取：{q.error.message}</span>;
  const items = q.data.items;
  return (
    <div data-testid="recipient-support-plans">
      {items.length === 0 ? (
        <div className="muted">尚无一人一策帮扶计划</div>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(p) => (
            <List.Item>
              <Flex wrap gap={6} align="center" style={{ width: '100%' }}>
                <Typography.Link onClick={() => navigate(`/support-plans/${encodeURIComponent(p.id)}`)}>{p.openedOn} 帮扶计划</Typography.Link>
                <span>{difficultyKindLabels[p.difficulty]}</span>
                <PlanStatusTag p={p} />
                <span className="muted">
                  措施 {p.measuresDone}/{p.measureCount} · {p.status === 'closed' ? `结案 ${p.closedOn ?? ''}` : `下次评估 ${p.nextReviewOn ?? ''}`} · 责任人 {p.responsibleName}
                </span>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {q.data.total > items.length && <div className="muted">另有 {q.data.total - items.length} 件，请在一人一策中查看</div>}
      {add && <div style={{ marginTop: 8 }}>{add}</div>}
    </div>
  );
}
