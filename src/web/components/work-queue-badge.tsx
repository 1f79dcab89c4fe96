// 我的待办 in the header: the count of the user's work queue, counted on the server without reading
// the items (re-read every minute and after every action that changes it); overdue items turn the
// badge red. Opens the queue.
import { Badge, Button } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useWorkQueueCount } from '../api/cases';

type Props = { compact?: boolean };

export function WorkQueueBadge({ compact }: Props) {
  const navigate = useNavigate();
  const queue = useWorkQueueCount();
  const count = queue.data?.count ?? 0;
  const overdue = queue.data?.overdue ?? 0;
  return (
    <Badge
      count={count}
      size="small"
      overflowCount={99}
      offset={[-4, 4]}
      color={overdue > 0 ? '#cf1322' : '#1f4e8c'}
      title={overdue > 0 ? `${count} 项待办，其中 ${overdue} 项逾期` : `${count} 项待办`}
    >
      <Button
        type="text"
        icon={<InboxOutlined />}
        onClick={() => navigate('/work-queue')}
        aria-label={`我的待办 ${count} 项`}
        className="header-button"
        data-testid="work-queue-badge"
      >
        {compact ? null : '我的待办'}
      </Button>
    </Badge>
  );
}
