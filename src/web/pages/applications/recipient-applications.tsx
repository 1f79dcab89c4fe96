// The recipient page's panel of the person's applications (GET /api/applications?recipientId=).
import { Link, useNavigate } from 'react-router';
import { Button, Flex, List, Spin, Typography } from 'antd';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { useRecipientApplications } from '../../api/applications';
import { useCan } from '../../components/session';
import { ApplicationStatusTag } from './application-tags';

export function RecipientApplications({ recipient }: { recipient: RecipientDetail }) {
  const navigate = useNavigate();
  const canWrite = useCan('services:write');
  const q = useRecipientApplications(recipient.id);
  const newLink = `/applications/new?${new URLSearchParams({ recipient: recipient.id, name: recipient.name }).toString()}`;
  const add = canWrite && recipient.status === 'registered' && (
    <Link to={newLink} className="no-print">
      <Button size="small">受理办件</Button>
    </Link>
  );
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">办件记录暂时无法读取：{q.error.message}</span>;
  const items = q.data.items;
  return (
    <div data-testid="recipient-applications">
      {items.length === 0 ? (
        <div className="muted">没有本人的办件</div>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item>
              <Flex wrap gap={6} align="center">
                <Typography.Link onClick={() => navigate(`/applications/${encodeURIComponent(a.id)}`)}>{a.itemName}</Typography.Link>
                <span className="muted">{a.openedOn}</span>
                <ApplicationStatusTag a={a} />
              </Flex>
            </List.Item>
          )}
        />
      )}
      {add}
    </div>
  );
}
