// Notifications' public face (issue 16). Importing it subscribes notifications to the kernel's case events.
import { subscribeNotifications } from './notifications.subscriptions';

subscribeNotifications();

export { notificationRoutes } from './notifications.routes';
export { startNotificationJobs, deliverOutbox, channelOf, RETRY_MINUTES, type NotificationJobs } from './notifications.sender';
export { wecomChannel, logChannel, type OutboundChannel, type OutboundMessage } from './notifications.channels';
export { runDailyNotifications } from './notifications.service';
