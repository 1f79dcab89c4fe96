import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Satisfaction surveys 满意度调查 (issue 16; seed Part 12 五(二), Part 1): questionnaires kept by a unit
 * (draft until `published_at`, then frozen), survey runs (a questionnaire over a unit's range and a
 * period, with the sample drawn from the people served in it) and one invitation per sampled person,
 * kept under the person's unit (a scoped table: moves rewrite it), with a token (its keyed hash to find
 * it, the token encrypted to print it again), the sources that served the person (a bit mask), and the
 * answer once given (JSON; never changed after) with the rating counts the results sum.
 */
export const surveys: Migration = {
  name: '0053-surveys',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('questionnaires')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('questions', 'text', (c) => c.notNull())
      .addColumn('published_at', k.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('questionnaires_org_path').on('questionnaires').columns(['org_path', 'created_at']).execute();

    await db.schema
      .createTable('survey_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('questionnaire_id', 'text', (c) => c.notNull().references('questionnaires.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('period_from', k.day, (c) => c.notNull())
      .addColumn('period_to', k.day, (c) => c.notNull())
      .addColumn('sources', 'text', (c) => c.notNull())
      .addColumn('sample_mode', 'text', (c) => c.notNull())
      .addColumn('sample_value', 'integer')
      .addColumn('served', 'integer', (c) => c.notNull())
      .addColumn('closes_on', k.day, (c) => c.notNull())
      .addColumn('closed_at', k.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('survey_runs_org_path').on('survey_runs').columns(['org_path', 'created_at']).execute();

    await db.schema
      .createTable('survey_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('run_id', 'text', (c) => c.notNull().references('survey_runs.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('source_mask', 'integer', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('token_enc', 'text', (c) => c.notNull())
      .addColumn('invited_on', k.day, (c) => c.notNull())
      .addColumn('answered_at', k.timestamp)
      .addColumn('answered_via', 'text')
      .addColumn('answered_by', 'text')
      .addColumn('answers', 'text')
      .addColumn('rating_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('satisfied_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rating_sum', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('survey_invitations_run_person').on('survey_invitations').columns(['run_id', 'recipient_id']).unique().execute();
    await db.schema.createIndex('survey_invitations_org_path').on('survey_invitations').columns(['org_path', 'invited_on']).execute();
    await db.schema.createIndex('survey_invitations_recipient').on('survey_invitations').column('recipient_id').execute();
  },
};
