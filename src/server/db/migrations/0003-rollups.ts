import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/** Roll-up counts per unit (the unit and everything below it), kept with the writes; one active unit per code. */
export const rollups: Migration = {
  name: '0003-rollups',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rollups')
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rollups_pk', ['unit_id', 'metric', 'bucket'])
      .execute();
    // the database itself keeps one active unit per official code
    await db.schema.createIndex('org_units_code_active').on('org_units').column('code').unique().where(sql.ref('active'), '=', 1).execute();
  },
};
