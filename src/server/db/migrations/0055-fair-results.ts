import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Job fair results per person 招聘会逐人结果 (issue 15; Part 4 四(一)): for each veteran registered
 * for a fair, the outcome the worker recorded (达成意向 / 已录用 / 未达成), the employer and, when
 * known, the opening, a note, and who recorded it when. The outcome's employer is one taking part in
 * the fair and its opening one of that employer's (checked by the trainings module on write).
 */
export const fairResults: Migration = {
  name: '0055-fair-results',
  async up(db: Kysely<unknown>, k) {
    await db.schema.alterTable('job_fair_people').addColumn('outcome', 'text').execute();
    await db.schema.alterTable('job_fair_people').addColumn('outcome_employer_id', 'text').execute();
    await db.schema.alterTable('job_fair_people').addColumn('outcome_opening_id', 'text').execute();
    await db.schema.alterTable('job_fair_people').addColumn('outcome_note', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('job_fair_people').addColumn('outcome_on', k.day).execute();
    await db.schema.alterTable('job_fair_people').addColumn('outcome_by', 'text').execute();
  },
};
