import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Ventures 创业项目 and zero-employment households 零就业家庭 (issue 15; seed Part 4 四(五)、五(三),
 * §22, §23). Ventures (scoped by the unit that keeps them) with their founders (registry
 * recipients), the support given 扶持 (amount in fen) and mentoring pairs; mentors 创业导师
 * (scoped: a veteran entrepreneur of the unit's range); one row per zero-employment household case
 * (same id as the kernel's case, its mirror).
 */
export const ventures: Migration = {
  name: '0044-ventures',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('ventures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sector', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('started_on', k.day)
      .addColumn('jobs_created', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('veterans_employed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('employer_id', 'text', (c) => c.references('employers.id'))
      .addColumn('veteran_founded', k.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ventures_org_path').on('ventures').columns(['org_path', 'id']).execute();

    await db.schema
      .createTable('venture_founders')
      .addColumn('venture_id', 'text', (c) => c.notNull().references('ventures.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('venture_founders_pk', ['venture_id', 'recipient_id'])
      .execute();
    await db.schema.createIndex('venture_founders_recipient').on('venture_founders').column('recipient_id').execute();

    await db.schema
      .createTable('venture_supports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('venture_id', 'text', (c) => c.notNull().references('ventures.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('given_on', k.day, (c) => c.notNull())
      .addColumn('giver', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('venture_supports_venture').on('venture_supports').column('venture_id').execute();

    await db.schema
      .createTable('venture_mentors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('sectors', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('enterprise', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('expertise', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('venture_mentors_org_path').on('venture_mentors').column('org_path').execute();
    await db.schema.createIndex('venture_mentors_recipient').on('venture_mentors').column('recipient_id').unique().execute();

    await db.schema
      .createTable('venture_mentorships')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mentor_id', 'text', (c) => c.notNull().references('venture_mentors.id'))
      .addColumn('venture_id', 'text', (c) => c.notNull().references('ventures.id'))
      .addColumn('from_on', k.day, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('venture_mentorships_venture').on('venture_mentorships').column('venture_id').execute();
    await db.schema.createIndex('venture_mentorships_mentor').on('venture_mentorships').column('mentor_id').execute();

    await db.schema
      .createTable('zero_employment_households')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('household_id', 'text', (c) => c.references('households.id'))
      .addColumn('worker_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('confirmed_on', k.day, (c) => c.notNull())
      .addColumn('closed_on', k.day)
      .addColumn('reemployed_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('employer_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('measure_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('zero_employment_households_org_path').on('zero_employment_households').columns(['org_path', 'status']).execute();
    await db.schema.createIndex('zero_employment_households_recipient').on('zero_employment_households').column('recipient_id').execute();
    await db.schema.createIndex('zero_employment_households_household').on('zero_employment_households').column('household_id').execute();
  },
};
