import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Hard problems 疑难问题 (issue 16; seed §8): one row per problem a station reports up (same id as the
 * kernel's case `hardProblem`): the raising unit (scope), the person concerned if any, category,
 * title, description and what was tried, the level that got it first and the day it was reported;
 * as the type's mirror: its state, the unit handling it now, the due day, the last monthly review,
 * the closing day and the resolution with the level that resolved it.
 */
export const hardProblems: Migration = {
  name: '0049-hard-problems',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('hard_problems')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.references('recipients.id'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('tried', 'text', (c) => c.notNull())
      .addColumn('first_level', 'text', (c) => c.notNull())
      .addColumn('reported_on', k.day, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('at_unit_id', 'text')
      .addColumn('due_day', k.day)
      .addColumn('last_review_on', k.day)
      .addColumn('closed_on', k.day)
      .addColumn('resolved_level', 'text')
      .addColumn('resolved_unit_name', 'text')
      .addColumn('resolution', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('hard_problems_org_path').on('hard_problems').columns(['org_path', 'reported_on']).execute();
    await db.schema.createIndex('hard_problems_closed').on('hard_problems').columns(['closed_on', 'org_path']).execute();
    await db.schema.createIndex('hard_problems_at_unit').on('hard_problems').columns(['at_unit_id', 'status']).execute();
  },
};
