import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Notifications 消息通知 (issue 16): each staff user's notifications (made by the kernel's case
 * events and the daily due/digest job; one per item per day through `dedupe_key`), their
 * preferences per kind (in the app, in the daily digest, to the unit's group robot), each unit's
 * 企业微信 group-robot webhook (the URL encrypted, a masked hint for display), and the outbox that
 * a sender drains after the writing transaction committed (retries with back-off).
 */
export const notifications: Migration = {
  name: '0054-notifications',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('link', 'text')
      .addColumn('case_id', 'text')
      .addColumn('dedupe_key', 'text')
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('read_at', k.timestamp)
      .execute();
    // the list (newest first) and the bell's count of unread (user, read_at is null)
    await db.schema.createIndex('notifications_user_created').on('notifications').columns(['user_id', 'created_at']).execute();
    await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'read_at']).execute();
    await db.schema.createIndex('notifications_user_dedupe').on('notifications').columns(['user_id', 'dedupe_key']).unique().execute();

    await db.schema
      .createTable('notification_preferences')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('in_app', k.flag, (c) => c.notNull())
      .addColumn('digest', k.flag, (c) => c.notNull())
      .addColumn('webhook', k.flag, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
      .execute();

    await db.schema
      .createTable('unit_webhooks')
      .addColumn('org_unit_id', 'text', (c) => c.primaryKey().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('url_enc', 'text', (c) => c.notNull())
      .addColumn('url_hint', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('unit_webhooks_path').on('unit_webhooks').column('org_path').execute();

    await db.schema
      .createTable('notification_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', k.timestamp, (c) => c.notNull())
      .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('dedupe_key', 'text')
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('sent_at', k.timestamp)
      .execute();
    await db.schema.createIndex('notification_outbox_due').on('notification_outbox').columns(['state', 'next_attempt_at']).execute();
    await db.schema.createIndex('notification_outbox_dedupe').on('notification_outbox').columns(['org_unit_id', 'dedupe_key']).unique().execute();
  },
};
