import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Job fairs and trainings 招聘会、培训 (issue 15; seed Part 4 四(一)(三)(六), 五(一)): a fair held by a
 * unit with the employers taking part (the employment module's employers) and their openings offered,
 * the veterans registered and whether they attended, and the results; a training (适应性培训 /
 * 技能培训) kept by a unit with its enrolled veterans, their attendance, completion and certificate.
 * Fairs and trainings are scoped tables; a registration or an enrolment follows its fair or training
 * (read through the parent's guard) and names its person.
 */
export const trainings: Migration = {
  name: '0043-trainings',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('job_fairs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('held_on', k.day, (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('intent_count', 'integer')
      .addColumn('hired_count', 'integer')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('job_fairs_org_path').on('job_fairs').columns(['org_path', 'held_on']).execute();

    await db.schema
      .createTable('job_fair_employers')
      .addColumn('fair_id', 'text', (c) => c.notNull().references('job_fairs.id'))
      .addColumn('employer_id', 'text', (c) => c.notNull().references('employers.id'))
      .addColumn('openings', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('job_fair_employers_pk', ['fair_id', 'employer_id'])
      .execute();

    await db.schema
      .createTable('job_fair_people')
      .addColumn('fair_id', 'text', (c) => c.notNull().references('job_fairs.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('registered_on', k.day, (c) => c.notNull())
      .addColumn('attended', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('registered_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('job_fair_people_pk', ['fair_id', 'recipient_id'])
      .execute();
    await db.schema.createIndex('job_fair_people_recipient').on('job_fair_people').column('recipient_id').execute();

    await db.schema
      .createTable('trainings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('course', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('start_on', k.day, (c) => c.notNull())
      .addColumn('end_on', k.day, (c) => c.notNull())
      .addColumn('places', 'integer', (c) => c.notNull())
      .addColumn('sessions', 'integer', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('trainings_org_path').on('trainings').columns(['org_path', 'start_on']).execute();

    await db.schema
      .createTable('training_enrolments')
      .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('enrolled_on', k.day, (c) => c.notNull())
      .addColumn('attended_sessions', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('completed_on', k.day)
      .addColumn('certificate_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('certificate_no', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('enrolled_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('training_enrolments_pk', ['training_id', 'recipient_id'])
      .execute();
    await db.schema.createIndex('training_enrolments_recipient').on('training_enrolments').columns(['recipient_id', 'completed_on']).execute();
  },
};
