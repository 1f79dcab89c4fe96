// 我的待办: the count of the user's work queue. The count comes from the case kernel later;
// until then the header passes 0.
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';

type Props = { count: number; onClick?: () => void; compact?: boolean };

export function WorkQueueBadge({ count, onClick, compact }: Props) {
  return (
    <Badge count={count} size="small" overflowCount={99} offset={[-4, 4]}>
      <Button
        type="text"
        icon={<BellOutlined />}
        onClick={onClick}
        aria-label={`我的待办 ${count} 项`}
        className="header-button"
      >
        {compact ? null : '我的待办'}
      </Button>
    </Badge>
  );
}
