import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Dispute screening 矛盾纠纷排查化解 (seed Part 8): one row per dispute, scoped by its unit, with its
 * progress log as JSON; the monthly summaries each unit submits up. Public-opinion reports 舆情
 * (§12): one row per report, scoped by the reporting unit, and one signing entry per level from
 * the reporting unit up to the county.
 */
export const disputesOpinions: Migration = {
  name: '0008-disputes-opinions',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('disputes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('found_on', k.day, (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('parties', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('risk_level', 'text', (c) => c.notNull())
      .addColumn('responsible_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('leader_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('deadline', k.day, (c) => c.notNull())
      .addColumn('plan', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('progress', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('closed_on', k.day)
      .addColumn('closed_by', 'text')
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('disputes_org_path').on('disputes').columns(['org_path', 'status']).execute();
    await db.schema.createIndex('disputes_found_on').on('disputes').columns(['found_on']).execute();
    await db.schema.createIndex('disputes_responsible').on('disputes').columns(['responsible_user_id', 'status']).execute();
    await db.schema.createIndex('disputes_leader').on('disputes').columns(['leader_user_id', 'status']).execute();

    await db.schema
      .createTable('dispute_submissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('summary', k.json, (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('submitted_by_name', 'text', (c) => c.notNull())
      .addColumn('submitted_at', k.timestamp, (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('dispute_submissions_unit_month').on('dispute_submissions').columns(['org_unit_id', 'month']).unique().execute();
    await db.schema.createIndex('dispute_submissions_path').on('dispute_submissions').columns(['org_path', 'month']).execute();

    await db.schema
      .createTable('opinion_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('found_at', k.timestamp, (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('people', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('link', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('acting_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reported_by', 'text', (c) => c.notNull())
      .addColumn('reported_by_name', 'text', (c) => c.notNull())
      .addColumn('reported_at', k.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('opinion_reports_org_path').on('opinion_reports').columns(['org_path', 'reported_at']).execute();

    await db.schema
      .createTable('opinion_report_levels')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('report_id', 'text', (c) => c.notNull().references('opinion_reports.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('level_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('level_path', k.path, (c) => c.notNull())
      .addColumn('acknowledged_at', k.timestamp)
      .addColumn('acknowledged_by_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('decision', 'text')
      .addColumn('measures', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('decided_at', k.timestamp)
      .addColumn('decided_by_name', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('opinion_report_levels_report').on('opinion_report_levels').columns(['report_id', 'seq']).unique().execute();
    await db.schema.createIndex('opinion_report_levels_unit').on('opinion_report_levels').columns(['level_unit_id', 'acknowledged_at']).execute();
  },
};
