import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Applications 办件 for service items (issue 13): one row per application, same id as its case
 * (type `application`); the kernel writes the status columns (mirror). The item as it was at
 * creation is kept in the case's payload. `application_visits` records each in-person visit of
 * the applicant (最多跑一次) and each home service or delegated handling (上门服务、全程代办, zero runs).
 */
export const applications: Migration = {
  name: '0023-applications',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('applications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('item_name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('review'))
      .addColumn('step_label', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('due_day', 'text')
      .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('home_services', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('opened_on', 'text', (c) => c.notNull())
      .addColumn('closed_on', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('applications_path').on('applications').columns(['org_path', 'updated_at']).execute();
    await db.schema.createIndex('applications_recipient').on('applications').columns(['recipient_id']).execute();
    await db.schema
      .createTable('application_visits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('handled_by', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('application_visits_app').on('application_visits').columns(['application_id', 'day']).execute();
  },
};
