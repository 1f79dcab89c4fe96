import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Employment 就业创业 (issue 15 part 1; seed Part 4, §20–§22):
 * - `employment_profiles`: one row per registry person (key recipient_id): intention (industries and
 *   skills as bit masks of shared/rules/job-matching.ts, places as unit ids, pay, full/part time),
 *   training wishes, entrepreneurship intention and help wanted, last confirmed day. Not a scoped
 *   table: it follows its person, every read joins `recipients` and filters on the person's path.
 *   The status itself stays in `recipients.employment_status` (one column, the registry's and the
 *   profile's; see ARCHITECTURE "Employment").
 * - `employers` 用人单位 and `job_openings` 岗位, scoped by the owning unit; the contact phone is
 *   encrypted (masked copy for lists).
 * - `job_opening_shares`: an opening shared with another unit (a county or city outside the
 *   owner's line); scoped by the unit shared with.
 * - `job_recommendations`: the mirror of the kernel case `jobRecommendation` (same id), scoped by
 *   the person's unit.
 */
export const employment: Migration = {
  name: '0039-employment',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('employment_profiles')
      .addColumn('recipient_id', 'text', (c) => c.primaryKey().references('recipients.id'))
      .addColumn('seeking', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('industries_mask', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('skills_mask', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('work_time', 'text', (c) => c.notNull().defaultTo('any'))
      .addColumn('place_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('pay_min', 'integer')
      .addColumn('employer_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('training_wishes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('venture_intent', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('venture_help', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('confirmed_on', k.day)
      .addColumn('confirmed_by', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('employment_profiles_seeking').on('employment_profiles').columns(['seeking', 'recipient_id']).execute();

    await db.schema
      .createTable('employers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('credit_code', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('veteran_founded', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('contact_phone_enc', 'text')
      .addColumn('contact_phone_masked', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('employers_org_path').on('employers').columns(['org_path', 'name']).execute();

    await db.schema
      .createTable('job_openings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('employer_id', 'text', (c) => c.notNull().references('employers.id'))
      .addColumn('position', 'text', (c) => c.notNull())
      .addColumn('skills_mask', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('industry', 'text', (c) => c.notNull())
      .addColumn('place_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('place_path', k.path, (c) => c.notNull())
      .addColumn('work_time', 'text', (c) => c.notNull())
      .addColumn('pay_min', 'integer', (c) => c.notNull())
      .addColumn('pay_max', 'integer', (c) => c.notNull())
      .addColumn('headcount', 'integer', (c) => c.notNull())
      .addColumn('valid_from', k.day, (c) => c.notNull())
      .addColumn('valid_to', k.day, (c) => c.notNull())
      .addColumn('veterans_preferred', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('job_openings_org_path').on('job_openings').columns(['org_path', 'valid_to']).execute();
    await db.schema.createIndex('job_openings_employer').on('job_openings').columns(['employer_id']).execute();

    await db.schema
      .createTable('job_opening_shares')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('opening_id', 'text', (c) => c.notNull().references('job_openings.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('shared_by', 'text', (c) => c.notNull())
      .addColumn('shared_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('job_opening_shares_opening').on('job_opening_shares').columns(['opening_id', 'org_unit_id']).unique().execute();
    await db.schema.createIndex('job_opening_shares_path').on('job_opening_shares').columns(['org_path']).execute();

    await db.schema
      .createTable('job_recommendations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('opening_id', 'text', (c) => c.notNull().references('job_openings.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('recommended_on', k.day, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('outcome_on', k.day)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('job_recommendations_org_path').on('job_recommendations').columns(['org_path', 'recommended_on']).execute();
    await db.schema.createIndex('job_recommendations_pair').on('job_recommendations').columns(['opening_id', 'recipient_id']).execute();
    await db.schema.createIndex('job_recommendations_recipient').on('job_recommendations').columns(['recipient_id']).execute();
  },
};
