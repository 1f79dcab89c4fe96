import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Education 教育管理 (issue 15; seed Part 3 四(二)(五), 五(二)(三), §18):
 * - `exemplars`: one row per recommendation of an outstanding veteran 优秀退役军人典型 (same id as the
 *   kernel's case `exemplar`: the recommending unit, the person, kind, category, honor after service,
 *   title and reason, and, as the type's mirror, its state, the unit reviewing it and the pool level
 *   that took it in). Scoped by the recommending unit.
 * - `activities`: learning and education activities 学习教育活动 (topic, kind, place, day), scoped by the
 *   organiser unit; `activity_attendees`: who was invited and whether they attended, keyed by
 *   (activity, recipient) and reached through the activity (or, on a person's page, through the person).
 */
export const education: Migration = {
  name: '0046-education',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('exemplars')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('honor_level', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reviewing_unit_id', 'text')
      .addColumn('accepted_level', 'text')
      .addColumn('accepted_unit_name', 'text')
      .addColumn('accepted_on', k.day)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('exemplars_org_path').on('exemplars').columns(['org_path', 'status']).execute();
    await db.schema.createIndex('exemplars_recipient').on('exemplars').column('recipient_id').execute();
    await db.schema.createIndex('exemplars_reviewing').on('exemplars').column('reviewing_unit_id').execute();

    await db.schema
      .createTable('activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('place_kind', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('held_on', k.day, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('activities_org_path').on('activities').columns(['org_path', 'held_on']).execute();

    await db.schema
      .createTable('activity_attendees')
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('attended', 'integer')
      .addColumn('invited_by', 'text', (c) => c.notNull())
      .addColumn('invited_at', k.timestamp, (c) => c.notNull())
      .addColumn('marked_by', 'text')
      .addColumn('marked_at', k.timestamp)
      .addPrimaryKeyConstraint('activity_attendees_pk', ['activity_id', 'recipient_id'])
      .execute();
    await db.schema.createIndex('activity_attendees_recipient').on('activity_attendees').column('recipient_id').execute();
  },
};
