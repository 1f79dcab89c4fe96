import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The public service portal (seed Part 1 三(七), 四(一)(二); §44): the feedback box's entries
 * 意见簿/监督卡 (one row per entry, the same id as its case of type `feedback`; status-like columns
 * are the case type's mirror), and each unit's service commitments 服务承诺 and service supervisors
 * 服务监督员 (ordered lists, rewritten as a whole). All scoped by the unit's path.
 */
export const portal: Migration = {
  name: '0026-portal',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('feedback_entries')
      .addColumn('id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('rating', 'integer')
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('writer_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phone_enc', 'text')
      .addColumn('phone_hash', 'text')
      .addColumn('public_account_id', 'text')
      .addColumn('query_code_hash', 'text', (c) => c.notNull())
      .addColumn('submitted_at', k.timestamp, (c) => c.notNull())
      .addColumn('submitted_on', k.day, (c) => c.notNull())
      // the case type's mirror (written only by the kernel)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_day', k.day)
      .addColumn('reply', 'text')
      .addColumn('replied_on', k.day)
      .addColumn('replied_by_name', 'text')
      .addColumn('published', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('published_at', k.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('feedback_entries_path').on('feedback_entries').columns(['org_path', 'submitted_at']).execute();
    await db.schema.createIndex('feedback_entries_query_code').on('feedback_entries').columns(['query_code_hash']).unique().execute();
    await db.schema.createIndex('feedback_entries_published').on('feedback_entries').columns(['org_unit_id', 'published', 'replied_on']).execute();

    await db.schema
      .createTable('service_commitments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_by_name', 'text', (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_commitments_unit').on('service_commitments').columns(['org_unit_id', 'position']).execute();
    await db.schema.createIndex('service_commitments_path').on('service_commitments').columns(['org_path']).execute();

    await db.schema
      .createTable('service_supervisors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('affiliation', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('updated_by_name', 'text', (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_supervisors_unit').on('service_supervisors').columns(['org_unit_id', 'position']).execute();
    await db.schema.createIndex('service_supervisors_path').on('service_supervisors').columns(['org_path']).execute();
  },
};
