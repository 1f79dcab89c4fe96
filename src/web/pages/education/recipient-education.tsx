// A panel of a recipient's page: the learning activities the person was invited to and whether they
// attended (newest first), the exemplar recommendations, the gazetteer mark, and 推荐为优秀典型.
import { Link } from 'react-router';
import { Button, Flex, List, Spin, Tag } from 'antd';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { activityPlaceKindLabels, exemplarKindLabels } from '../../../shared/schemas/education';
import { useRecipientEducation } from '../../api/education';
import { ExemplarStatusTag, GazetteerTag } from './education-tags';

export function RecipientEducation({ recipient }: { recipient: RecipientDetail }) {
  const q = useRecipientEducation(recipient.id);
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">教育管理信息暂时无法读取：{q.error.message}</span>;
  const { activities, exemplars, gazetteer, canEdit } = q.data;
  const attended = activities.filter((a) => a.attended === true).length;
  return (
    <div data-testid="recipient-education">
      <Flex wrap gap={8} align="center">
        <span>
          参加学习教育活动 <strong>{attended}</strong> 次{activities.length > attended ? `（受邀 ${activities.length} 次）` : ''}
        </span>
        <GazetteerTag grounds={gazetteer} />
        {canEdit && recipient.status === 'registered' && !recipient.deathDate && (
          <Link to={`/education/exemplars/new?${new URLSearchParams({ recipient: recipient.id, name: recipient.name }).toString()}`}>
            <Button size="small">推荐为优秀典型</Button>
          </Link>
        )}
      </Flex>
      {exemplars.length > 0 && (
        <List
          size="small"
          dataSource={exemplars}
          renderItem={(e) => (
            <List.Item>
              <Flex wrap gap={6} align="center">
                <Link to={`/education/exemplars/${e.id}`}>{e.title}</Link>
                <span className="muted">{exemplarKindLabels[e.kind]}</span>
                <ExemplarStatusTag e={e} />
              </Flex>
            </List.Item>
          )}
        />
      )}
      {activities.length > 0 && (
        <List
          size="small"
          dataSource={activities}
          renderItem={(a) => (
            <List.Item data-testid="recipient-activity">
              <Flex wrap gap={6} align="center">
                <span>{a.heldOn}</span>
                <Link to={`/education/activities/${a.activityId}`}>{a.topic}</Link>
                <span className="muted">
                  {activityPlaceKindLabels[a.placeKind]} · {a.place}
                </span>
                {a.attended === null ? <Tag>未登记</Tag> : a.attended ? <Tag color="success">已参加</Tag> : <Tag>未参加</Tag>}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
