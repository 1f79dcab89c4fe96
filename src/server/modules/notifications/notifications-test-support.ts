// Test helpers for notifications: a notification placed straight into a user's list (the
// cross-jurisdiction suite needs one of the owner's without running a case through the kernel).
import type { FastifyInstance } from 'fastify';
import { transaction } from '../../db/transaction';
import { newId } from '../../platform/ids';
import { insertNotificationsUnscoped } from './notifications.repo';

export async function addNotification(app: FastifyInstance, userId: string, title = '测试消息'): Promise<string> {
  const id = newId();
  const at = app.ctx.clock.now().toISOString();
  await transaction(app.ctx.db, (trx) =>
    insertNotificationsUnscoped(trx, [{ id, user_id: userId, kind: 'waiting', title, body: '', link: null, case_id: null, dedupe_key: null, created_at: at, read_at: null }]),
  );
  return id;
}
