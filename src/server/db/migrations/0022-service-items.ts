import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The catalog of service items 服务事项 (issue 13): one row per item, scoped by the publishing unit
 * (its subtree inherits the item). Materials and steps are JSON lists (shapes in
 * shared/schemas/service-items.ts); `seed_key` names a starter item the demo catalog wrote, so a
 * second seeding skips it.
 */
export const serviceItems: Migration = {
  name: '0022-service-items',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('service_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('policy_basis', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('eligibility', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('materials', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('steps', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('notice_required', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('notice_days', 'integer')
      .addColumn('decider', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('fee', 'text', (c) => c.notNull().defaultTo('不收费'))
      .addColumn('result_document', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('time_limit_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('handoff', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('seed_key', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    // the catalog of a unit: the items of the unit and of the units above it, by path equality
    await db.schema.createIndex('service_items_path').on('service_items').columns(['org_path', 'status', 'name']).execute();
    await db.schema.createIndex('service_items_seed').on('service_items').columns(['org_unit_id', 'seed_key']).unique().execute();
  },
};
