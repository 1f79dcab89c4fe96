// Notifications 消息通知 routes (issue 16): the caller's own notifications (list, the bell's count,
// mark read, all read) and preferences, and a unit's 企业微信 group-robot webhook (within range).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import {
  notificationListQuery,
  notificationPage,
  preferencesDto,
  preferencesUpdate,
  readAllResult,
  unreadCountDto,
  webhookDto,
  webhookUpdate,
} from '../../../shared/schemas/notifications';
import { clientIp, requireAuth } from '../../platform/auth';
import { changePreferences, changeWebhook, listNotifications, markAllRead, markRead, preferences, unreadCount, webhookOf } from './notifications.service';

const tags = ['消息通知'];
/** every signed-in staff user has their own notifications */
const own = { permission: 'authenticated' } as const;
const webhookPermission = { permission: ['unit:head', 'staff:write'] } as const;

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/api/notifications', { config: own, schema: { tags, summary: '我的消息（最新在前，可按类型、未读筛选）', querystring: notificationListQuery, response: { 200: notificationPage } } }, async (req) =>
    listNotifications(ctx, requireAuth(req), req.query),
  );
  app.get('/api/notifications/unread-count', { config: own, schema: { tags, summary: '未读消息数（铃铛轮询）', response: { 200: unreadCountDto } } }, async (req) => unreadCount(ctx, requireAuth(req)));
  app.post('/api/notifications/:id/read', { config: own, schema: { tags, summary: '标记一条消息已读', params: idParams, response: { 200: unreadCountDto } } }, async (req) => markRead(ctx, requireAuth(req), req.params.id));
  app.post('/api/notifications/read-all', { config: own, schema: { tags, summary: '全部标记已读', response: { 200: readAllResult } } }, async (req) => markAllRead(ctx, requireAuth(req)));
  app.get('/api/notifications/preferences', { config: own, schema: { tags, summary: '我的消息设置（按类型：站内提醒、每日汇总、推送到单位企业微信群）', response: { 200: preferencesDto } } }, async (req) =>
    preferences(ctx, requireAuth(req)),
  );
  app.put('/api/notifications/preferences', { config: own, schema: { tags, summary: '修改我的消息设置', body: preferencesUpdate, response: { 200: preferencesDto } } }, async (req) =>
    changePreferences(ctx, requireAuth(req), req.body),
  );
  app.get('/api/org-units/:id/notification-webhook', { config: webhookPermission, schema: { tags, summary: '单位企业微信群机器人推送地址（只显示部分）', params: idParams, response: { 200: webhookDto } } }, async (req) =>
    webhookOf(ctx, requireAuth(req), req.params.id),
  );
  app.put('/api/org-units/:id/notification-webhook', { config: webhookPermission, schema: { tags, summary: '设置或删除单位企业微信群机器人推送地址（本单位负责人或系统管理员）', params: idParams, body: webhookUpdate, response: { 200: webhookDto } } }, async (req) =>
    changeWebhook(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
};
