// 消息通知 in the header: a bell with the number of unread notifications (one count query, re-read
// every 30 seconds in the background). Opens the notification center.
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useUnreadCount } from '../api/notifications';

export function NotificationBell({ compact }: { compact?: boolean }) {
  const navigate = useNavigate();
  const count = useUnreadCount().data;
  const unread = count?.unread ?? 0;
  return (
    <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]} color="#cf1322" title={`${unread} 条未读消息`}>
      <Button
        type="text"
        icon={<BellOutlined />}
        onClick={() => navigate('/notifications')}
        aria-label={`消息通知 ${unread} 条未读`}
        className="header-button"
        data-testid="notification-bell"
        // only once the count has come: a check of the bell waits for the server's answer
        data-unread={count ? unread : undefined}
      >
        {compact ? null : '消息'}
      </Button>
    </Badge>
  );
}
