import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Honors 荣誉 (issue 15; seed Part 3 四(四), §18, §40): honors after service (a plain record of a
 * unit), star-rating campaigns 评星级 and their nominations (same ids as their kernel cases; the
 * state columns are the types' mirrors), a recipient's consent to the public honor wall 光荣墙
 * (keyed by the recipient and scoped through the recipient's row, like a party membership) and the
 * merit notices 喜报 delivered to serving members' families (a kernel case's row).
 */
export const honors: Migration = {
  name: '0045-honors',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('honors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('giver', 'text', (c) => c.notNull())
      .addColumn('awarded_on', k.day, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('honors_org_path').on('honors').columns(['org_path', 'awarded_on']).execute();
    await db.schema.createIndex('honors_recipient').on('honors').column('recipient_id').execute();

    await db.schema
      .createTable('star_rating_campaigns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('criteria', 'text', (c) => c.notNull())
      .addColumn('levels', 'text', (c) => c.notNull())
      .addColumn('period_from', k.day, (c) => c.notNull())
      .addColumn('period_to', k.day, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('published_on', k.day)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('star_rating_campaigns_org_path').on('star_rating_campaigns').columns(['org_path', 'status']).execute();

    await db.schema
      .createTable('star_rating_nominations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('star_rating_campaigns.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('review_comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('star_rating_nominations_campaign').on('star_rating_nominations').columns(['campaign_id', 'status']).execute();
    await db.schema.createIndex('star_rating_nominations_recipient').on('star_rating_nominations').column('recipient_id').execute();

    await db.schema
      .createTable('honor_wall_consents')
      .addColumn('recipient_id', 'text', (c) => c.primaryKey().references('recipients.id'))
      .addColumn('active', k.flag, (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('consented_on', k.day, (c) => c.notNull())
      .addColumn('citation', 'text', (c) => c.notNull())
      .addColumn('photo_file_id', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_by_name', 'text', (c) => c.notNull())
      .addColumn('recorded_at', k.timestamp, (c) => c.notNull())
      .addColumn('withdrawn_by_name', 'text')
      .addColumn('withdrawn_at', k.timestamp)
      .addColumn('withdraw_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    await db.schema
      .createTable('merit_notices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('serving_name', 'text', (c) => c.notNull())
      .addColumn('merit', 'text', (c) => c.notNull())
      .addColumn('serving_unit', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('awarded_on', k.day, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_day', k.day)
      .addColumn('delivered_on', k.day)
      .addColumn('delivered_by', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('merit_notices_org_path').on('merit_notices').columns(['org_path', 'status']).execute();
  },
};
