import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

export const foundation: Migration = {
  name: '0001-foundation',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('org_units')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('parent_id', 'text', (c) => c.references('org_units.id'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('path', k.path, (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('office_hours', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('head_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', k.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('merged_into', 'text')
      .addColumn('dataset_year', 'integer')
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('org_units_path').on('org_units').column('path').execute();
    await db.schema.createIndex('org_units_parent').on('org_units').column('parent_id').execute();
    // one active unit per official code
    await db.schema.createIndex('org_units_code').on('org_units').column('code').execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('roles', k.json, (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('work_phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('show_in_directory', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('password_changed_at', k.timestamp, (c) => c.notNull())
      .addColumn('must_change_password', k.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', k.timestamp)
      .addColumn('disabled', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('totp_secret_enc', 'text')
      .addColumn('totp_enabled', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('totp_last_step', 'bigint')
      .addColumn('is_demo', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('last_login_at', k.timestamp)
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('users_org_path').on('users').column('org_path').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', k.timestamp, (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', k.json, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();

    await db.schema
      .createTable('audit_logs')
      .addColumn('seq', k.serial, (c) => (k.dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('chain_index', 'bigint', (c) => c.unique())
      .addColumn('at', k.timestamp, (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('username', 'text')
      .addColumn('org_unit_id', 'text')
      .addColumn('org_path', k.path)
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('detail', 'text')
      .addColumn('prev_hash', 'text')
      .addColumn('hash', 'text')
      .execute();
    await db.schema.createIndex('audit_logs_at').on('audit_logs').column('at').execute();
    await db.schema.createIndex('audit_logs_org_path').on('audit_logs').column('org_path').execute();
    await db.schema.createIndex('audit_logs_target').on('audit_logs').columns(['target_id']).execute();

    // The audit log is append-only: no delete, and an update may only seal an unsealed entry.
    if (k.dialect === 'postgres') {
      await sql`
        create function audit_logs_guard() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' then
            raise exception 'audit log is append-only';
          end if;
          if old.hash is not null
             or new.seq is distinct from old.seq or new.at is distinct from old.at
             or new.user_id is distinct from old.user_id or new.username is distinct from old.username
             or new.org_unit_id is distinct from old.org_unit_id or new.org_path is distinct from old.org_path
             or new.action is distinct from old.action or new.target_type is distinct from old.target_type
             or new.target_id is distinct from old.target_id or new.result is distinct from old.result
             or new.ip is distinct from old.ip or new.detail is distinct from old.detail then
            raise exception 'audit log is append-only';
          end if;
          return new;
        end $$`.execute(db);
      await sql`create trigger audit_logs_guard before update or delete on audit_logs
        for each row execute function audit_logs_guard()`.execute(db);
    } else {
      await sql`create trigger audit_logs_no_delete before delete on audit_logs
        begin select raise(abort, 'audit log is append-only'); end`.execute(db);
      await sql`create trigger audit_logs_seal_only before update on audit_logs
        when old.hash is not null
          or new.seq is not old.seq or new.at is not old.at
          or new.user_id is not old.user_id or new.username is not old.username
          or new.org_unit_id is not old.org_unit_id or new.org_path is not old.org_path
          or new.action is not old.action or new.target_type is not old.target_type
          or new.target_id is not old.target_id or new.result is not old.result
          or new.ip is not old.ip or new.detail is not old.detail
        begin select raise(abort, 'audit log is append-only'); end`.execute(db);
    }

    await db.schema
      .createTable('access_grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('record_type', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('grantee_user_id', 'text')
      .addColumn('grantee_org_unit_id', 'text')
      .addColumn('grantee_path', k.path)
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('access_grants_record')
      .on('access_grants')
      .columns(['record_type', 'record_id'])
      .execute();
    await db.schema.createIndex('access_grants_user').on('access_grants').column('grantee_user_id').execute();
    await db.schema.createIndex('access_grants_path').on('access_grants').column('grantee_path').execute();
  },
};
