import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Evaluation 考核评估 and rectification 整改 (issue 16; seed Part 12). Scores and points are stored
 * in tenths (integers: 87.5 → 875) so both databases keep them exact; a figure's frozen value is
 * kept as its JSON number text.
 * - evaluation_sets: a unit's indicator set (a copy of a default set or of another, edited); the
 *   default sets live in code and are never stored.
 * - evaluation_rounds: a round 考评 run by a unit over a period, with the set's indicators copied in.
 * - evaluations: one per evaluated unit (the kernel case's row; status, totals, due day and
 *   publication are its mirror).
 * - evaluation_items: an evaluation's indicators: the figure's value (frozen at scoring), the
 *   self-assessment, the final score and the problem found.
 * - evaluation_scores: each scorer's sheet (the upper level's reviewers, or a named group).
 * - rectifications: 整改 items (the kernel case's row).
 */
export const evaluations: Migration = {
  name: '0052-evaluations',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('evaluation_sets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('based_on', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('indicators', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('evaluation_sets_org_path').on('evaluation_sets').column('org_path').execute();

    await db.schema
      .createTable('evaluation_rounds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('set_id', 'text', (c) => c.notNull())
      .addColumn('set_name', 'text', (c) => c.notNull())
      .addColumn('set_kind', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('indicators', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('period_from', k.day, (c) => c.notNull())
      .addColumn('period_to', k.day, (c) => c.notNull())
      .addColumn('self_due_day', k.day, (c) => c.notNull())
      .addColumn('scorer_mode', 'text', (c) => c.notNull())
      .addColumn('scorer_ids', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('evaluation_rounds_org_path').on('evaluation_rounds').columns(['org_path', 'created_at']).execute();

    await db.schema
      .createTable('evaluations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'text', (c) => c.notNull().references('evaluation_rounds.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_day', k.day)
      .addColumn('self_total10', 'integer')
      .addColumn('total10', 'integer')
      .addColumn('published_at', k.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('evaluations_round').on('evaluations').columns(['round_id', 'status']).execute();
    await db.schema.createIndex('evaluations_org_path').on('evaluations').columns(['org_path', 'status', 'published_at']).execute();

    await db.schema
      .createTable('evaluation_items')
      .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id'))
      .addColumn('indicator_key', 'text', (c) => c.notNull())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('value', 'text')
      .addColumn('frozen', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('self_score10', 'integer')
      .addColumn('self_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('score10', 'integer')
      .addColumn('problem', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('evaluation_items_pk', ['evaluation_id', 'indicator_key'])
      .execute();

    await db.schema
      .createTable('evaluation_scores')
      .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id'))
      .addColumn('scorer_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('indicator_key', 'text', (c) => c.notNull())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('score10', 'integer')
      .addColumn('problem', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('evaluation_scores_pk', ['evaluation_id', 'scorer_id', 'indicator_key'])
      .execute();

    await db.schema
      .createTable('rectifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('indicator_key', 'text', (c) => c.notNull())
      .addColumn('indicator_name', 'text', (c) => c.notNull())
      .addColumn('problem', 'text', (c) => c.notNull())
      .addColumn('owner_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('due_day', k.day, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('done_on', k.day)
      .addColumn('report', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rectifications_org_path').on('rectifications').columns(['org_path', 'status', 'due_day']).execute();
    await db.schema.createIndex('rectifications_evaluation').on('rectifications').column('evaluation_id').execute();
  },
};
