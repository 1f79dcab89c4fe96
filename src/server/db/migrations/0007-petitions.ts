import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Petitions 信访 (issue 6): the registration columns beside the case (`cases.id` = `petitions.id`),
 * the gap-free registration number counters, and the public side: real-name public accounts, their
 * own sessions (never the staff `sessions` table) and the used bot challenges.
 */
export const petitions: Migration = {
  name: '0007-petitions',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('petitions')
      .addColumn('id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('registration_no', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('petition_type', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('received_on', k.day, (c) => c.notNull())
      .addColumn('petitioner_name', 'text', (c) => c.notNull())
      .addColumn('id_number_enc', 'text')
      .addColumn('id_hash', 'text')
      .addColumn('phone_enc', 'text')
      .addColumn('phone_hash', 'text')
      .addColumn('discharge_cert_checked', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('headcount', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('representatives', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('request', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reasons', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('oral', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('recipient_id', 'text')
      .addColumn('handler_user_id', 'text')
      .addColumn('leader_user_id', 'text')
      .addColumn('repeat_of', 'text')
      .addColumn('accused_user_ids', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('accused_org_unit_id', 'text')
      .addColumn('restricted', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('public_account_id', 'text')
      .addColumn('query_code_hash', 'text')
      .addColumn('accept_due', k.day)
      .addColumn('accept_decided_on', k.day)
      .addColumn('accepted_on', k.day)
      .addColumn('handle_due', k.day)
      .addColumn('replied_on', k.day)
      .addColumn('reply_received_on', k.day)
      .addColumn('outcome', 'text')
      .addColumn('reply_text', 'text')
      .addColumn('satisfaction', 'integer')
      .addColumn('rated_at', k.timestamp)
      .addColumn('closed_on', k.day)
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('petitions_registration_no').on('petitions').column('registration_no').unique().execute();
    await db.schema.createIndex('petitions_query_code').on('petitions').column('query_code_hash').unique().execute();
    await db.schema.createIndex('petitions_org_path').on('petitions').columns(['org_path', 'received_on']).execute();
    await db.schema.createIndex('petitions_id_hash').on('petitions').column('id_hash').execute();
    await db.schema.createIndex('petitions_phone_hash').on('petitions').column('phone_hash').execute();
    await db.schema.createIndex('petitions_public_account').on('petitions').column('public_account_id').execute();

    // one row per unit, channel and year; incremented inside the registering transaction
    await db.schema
      .createTable('petition_counters')
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_no', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('petition_counters_pk', ['org_unit_id', 'channel', 'year'])
      .execute();

    await db.schema
      .createTable('public_accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('id_number_enc', 'text', (c) => c.notNull())
      .addColumn('id_hash', 'text', (c) => c.notNull())
      .addColumn('phone_enc', 'text', (c) => c.notNull())
      .addColumn('phone_hash', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('privacy_notice_version', 'text', (c) => c.notNull())
      .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', k.timestamp)
      .addColumn('disabled', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('last_login_at', k.timestamp)
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('public_accounts_id_hash').on('public_accounts').column('id_hash').unique().execute();
    await db.schema.createIndex('public_accounts_phone_hash').on('public_accounts').column('phone_hash').unique().execute();

    await db.schema
      .createTable('public_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('public_accounts.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', k.timestamp, (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('public_sessions_account').on('public_sessions').column('account_id').execute();

    // a solved bot challenge is spent once: its id is kept until it would have expired anyway
    await db.schema
      .createTable('pow_spent')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', k.timestamp, (c) => c.notNull())
      .execute();
  },
};
