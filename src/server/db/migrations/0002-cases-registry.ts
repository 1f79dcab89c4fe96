import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

export const casesRegistry: Migration = {
  name: '0002-cases-registry',
  async up(db: Kysely<unknown>, k) {
    // ---- the case kernel ----
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('open', k.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('counterpart_unit_id', 'text', (c) => c.references('org_units.id'))
      .addColumn('counterpart_path', k.path)
      .addColumn('waiting_unit_id', 'text')
      .addColumn('waiting_path', k.path)
      .addColumn('restricted', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('subject_type', 'text')
      .addColumn('subject_id', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('payload', k.json, (c) => c.notNull())
      .addColumn('due_day', k.day)
      .addColumn('waiting_since', k.timestamp, (c) => c.notNull())
      .addColumn('opened_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .addColumn('closed_at', k.timestamp)
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('cases_org_path').on('cases').column('org_path').execute();
    await db.schema.createIndex('cases_waiting').on('cases').columns(['waiting_path', 'open']).execute();
    await db.schema.createIndex('cases_subject').on('cases').columns(['subject_id', 'case_type']).execute();

    await db.schema
      .createTable('case_actions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('actor_unit_name', 'text', (c) => c.notNull())
      .addColumn('at', k.timestamp, (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('data', k.json)
      .addUniqueConstraint('case_actions_case_seq', ['case_id', 'seq'])
      .execute();

    // admin-loaded holiday schedules for years the shipped table lacks
    await db.schema
      .createTable('holiday_years')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('data', k.json, (c) => c.notNull())
      .addColumn('loaded_at', k.timestamp, (c) => c.notNull())
      .addColumn('loaded_by', 'text')
      .execute();

    // ---- registry ----
    await db.schema
      .createTable('households')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('head_recipient_id', 'text')
      .addColumn('zero_employment', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('hardship', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('households_org_path').on('households').column('org_path').execute();

    await db.schema
      .createTable('recipients')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('household_id', 'text', (c) => c.references('households.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text', (c) => c.notNull())
      .addColumn('ethnicity', 'text', (c) => c.notNull().defaultTo('汉族'))
      .addColumn('birth_date', k.day, (c) => c.notNull())
      .addColumn('id_number_enc', 'text', (c) => c.notNull())
      .addColumn('id_number_hash', 'text', (c) => c.notNull())
      .addColumn('id_number_masked', 'text', (c) => c.notNull())
      .addColumn('phone_enc', 'text')
      .addColumn('phone_hash', 'text')
      .addColumn('phone_masked', 'text')
      .addColumn('bank_account_enc', 'text')
      .addColumn('political_status', 'text')
      .addColumn('recipient_group', 'text', (c) => c.notNull())
      .addColumn('care_mask', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('enlistment_date', k.day)
      .addColumn('discharge_date', k.day)
      .addColumn('discharge_type', 'text')
      .addColumn('branch', 'text')
      .addColumn('last_unit', 'text')
      .addColumn('rank', 'text')
      .addColumn('disability_grade', 'integer')
      .addColumn('disability_cause', 'text')
      .addColumn('disability_cert_enc', 'text')
      .addColumn('medical_enc', 'text')
      .addColumn('education', 'text')
      .addColumn('employment_status', 'text')
      .addColumn('skills', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('merits', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('situations', k.json, (c) => c.notNull().defaultTo('{}'))
      .addColumn('family_members', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('deceased_soldier', k.json)
      .addColumn('certificates', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('household_address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('current_address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('lunar_birthday', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('deceased', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('death_date', k.day)
      .addColumn('merged_into', 'text')
      .addColumn('situations_filled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .addColumn('registered_at', k.timestamp)
      .execute();
    // serves the default list order (unit, name, id) for any scope's path range
    await db.schema.createIndex('recipients_org_path').on('recipients').columns(['org_path', 'name', 'id']).execute();
    // one live record per person, across every unit (a merged duplicate keeps its hash)
    await db.schema
      .createIndex('recipients_id_hash')
      .on('recipients')
      .column('id_number_hash')
      .unique()
      .where(sql.ref('merged_into'), 'is', null)
      .execute();
    await db.schema.createIndex('recipients_phone_hash').on('recipients').column('phone_hash').execute();
    await db.schema.createIndex('recipients_birth').on('recipients').columns(['birth_date', 'name']).execute();
    await db.schema.createIndex('recipients_household').on('recipients').column('household_id').execute();

    await db.schema
      .createTable('recipient_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('at', k.timestamp, (c) => c.notNull())
      .addColumn('actor_user_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('changes', k.json, (c) => c.notNull())
      .addColumn('case_id', 'text')
      .execute();
    await db.schema.createIndex('recipient_versions_recipient').on('recipient_versions').columns(['recipient_id', 'version']).execute();

    // name search: each character, each adjacent pair and the pinyin initials as tokens
    await db.schema
      .createTable('recipient_name_tokens')
      .addColumn('token', 'text', (c) => c.notNull())
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('recipient_name_tokens_pk', ['token', 'org_path', 'recipient_id'])
      .execute();
    await db.schema.createIndex('recipient_name_tokens_recipient').on('recipient_name_tokens').column('recipient_id').execute();

    // files (scans, photos) stored in the database, encrypted
    await db.schema
      .createTable('files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull())
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('owner_type', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('data_enc', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('files_owner').on('files').columns(['owner_type', 'owner_id']).execute();
  },
};
