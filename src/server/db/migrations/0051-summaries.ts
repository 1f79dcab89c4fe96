import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The semi-annual summary 半年工作总结 (issue 16; seed §45): one row per unit and half-year, the same
 * id as its kernel case (status, version, submitted/accepted times and the last review comment are
 * the case type's mirror). The unit's own text is edited here while the summary is with its owner;
 * the figures are stored as they were counted at submission (`figures_json`) and never recomputed
 * once accepted. A row stays its unit's after a merge (one per unit and half-year stays unique).
 */
export const summaries: Migration = {
  name: '0051-summaries',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('semi_annual_summaries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('half_year', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('work', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('problems', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('plans', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('edit_version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('figures_json', 'text')
      .addColumn('figures_at', k.timestamp)
      .addColumn('submitted_at', k.timestamp)
      .addColumn('accepted_at', k.timestamp)
      .addColumn('review_comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('semi_annual_summaries_unit_half').on('semi_annual_summaries').columns(['org_unit_id', 'half_year']).unique().execute();
    await db.schema.createIndex('semi_annual_summaries_org_path').on('semi_annual_summaries').columns(['org_path', 'half_year']).execute();
  },
};
