import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Figures by month (issue 16, the dashboards of every level): the value of each flow figure for each
 * unit down to the township and each month, written by the dashboards' job (under its job lock) for
 * the months it has closed and refreshed for the open month, so a province's dashboard reads a few
 * thousand rows instead of counting a year of a million people's records. Units below read live
 * (their ranges are small). Plus the (org_path, day) indexes the figures' live queries range on.
 */
export const figureMonths: Migration = {
  name: '0050-figure-months',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('figure_months')
      .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('figure', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addColumn('computed_at', k.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('figure_months_pk', ['unit_id', 'month', 'figure'])
      .execute();
    const indexes: [string, string, string[]][] = [
      ['recipients_registered_at', 'recipients', ['org_path', 'registered_at']],
      ['petitions_replied_on', 'petitions', ['org_path', 'replied_on']],
      ['petitions_closed_on', 'petitions', ['org_path', 'closed_on']],
      ['disputes_path_found_on', 'disputes', ['org_path', 'found_on']],
      ['disputes_path_closed_on', 'disputes', ['org_path', 'closed_on']],
      ['applications_path_opened_on', 'applications', ['org_path', 'opened_on']],
      ['assistance_applications_path_opened_on', 'assistance_applications', ['org_path', 'opened_on']],
      ['legal_aid_cases_path_applied_on', 'legal_aid_cases', ['org_path', 'applied_on']],
      ['legal_aid_cases_path_closed_on', 'legal_aid_cases', ['org_path', 'closed_on']],
      ['rights_cases_path_opened_on', 'rights_cases', ['org_path', 'opened_on']],
      ['rights_cases_path_closed_on', 'rights_cases', ['org_path', 'closed_on']],
      ['job_recommendations_path_outcome_on', 'job_recommendations', ['org_path', 'outcome_on']],
      ['ventures_path_started_on', 'ventures', ['org_path', 'started_on']],
      ['feedback_entries_path_submitted_on', 'feedback_entries', ['org_path', 'submitted_on']],
    ];
    for (const [name, table, columns] of indexes) await db.schema.createIndex(name).on(table).columns(columns).execute();
  },
};
