import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Issue 13 (helper: apply-online): every application 办件 gets a registration number and a query
 * code at creation, as petitions do (the code's keyed hash for the public query, an encrypted
 * copy for the printed 受理回执), and says where it came from: `source` 'staff' (received at a
 * service station) or 'online' (the veteran's public account, `public_account_id`). Applications
 * made before this keep null number and code. `application_counters` numbers them per year.
 */
export const applicationQueryCode: Migration = {
  name: '0027-application-query-code',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('applications').addColumn('registration_no', 'text').execute();
    await db.schema.alterTable('applications').addColumn('query_code_hash', 'text').execute();
    await db.schema.alterTable('applications').addColumn('query_code_enc', 'text').execute();
    await db.schema.alterTable('applications').addColumn('source', 'text', (c) => c.notNull().defaultTo('staff')).execute();
    await db.schema.alterTable('applications').addColumn('public_account_id', 'text').execute();
    await db.schema.createIndex('applications_query_code').on('applications').column('query_code_hash').unique().execute();
    await db.schema.createIndex('applications_registration_no').on('applications').column('registration_no').unique().execute();
    await db.schema.createIndex('applications_public_account').on('applications').column('public_account_id').execute();
    // one row per year; incremented inside the receiving transaction
    await db.schema
      .createTable('application_counters')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last_no', 'integer', (c) => c.notNull())
      .execute();
  },
};
