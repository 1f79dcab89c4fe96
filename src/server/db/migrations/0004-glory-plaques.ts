import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/** Glory plaques 光荣牌: one row per household (unique), scoped by the household's unit. */
export const gloryPlaques: Migration = {
  name: '0004-glory-plaques',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('glory_plaques')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('grounds', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('applied_on', k.day)
      .addColumn('applicant', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('hung_on', k.day)
      .addColumn('hung_by', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('photo_file_id', 'text')
      .addColumn('replaced_on', k.day)
      .addColumn('replace_reason', 'text')
      .addColumn('replace_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('revoked_on', k.day)
      .addColumn('revoke_reason', 'text')
      .addColumn('revoke_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('history', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    // one plaque per household, whatever the number of grounds
    await db.schema.createIndex('glory_plaques_household').on('glory_plaques').column('household_id').unique().execute();
    await db.schema.createIndex('glory_plaques_org_path').on('glory_plaques').columns(['org_path', 'status']).execute();
  },
};
