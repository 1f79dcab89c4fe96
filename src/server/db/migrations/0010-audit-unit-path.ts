import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Audit entries carry the unit path of what they concern (issue 10, item 4), so an auditor sees
 * only the entries of their range. `org_path` existed since 0001 but was never filled.
 *
 * - `hash_version`: 1 = sealed before this migration, its hash does not cover `org_path`; 2 = the
 *   hash covers `org_path` too (every entry written or sealed from now on). Flipping it breaks the
 *   hash either way, so it needs no seal of its own.
 * - Backfill: an entry's path is its unit's current path; a public-side entry without a unit takes
 *   the path of the petition it names. Entries with neither keep a null path (visible to the top
 *   unit's auditor only). The backfilled path of an already sealed entry (version 1) is not covered
 *   by its hash: it decides visibility only, and `audit:verify` of those entries is unchanged.
 * - The append-only guards forbid exactly this update, so they step aside for it and come back
 *   guarding the new column too (same trigger names on both databases).
 */
export const auditUnitPath: Migration = {
  name: '0010-audit-unit-path',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .alterTable('audit_logs')
      .addColumn('hash_version', 'integer', (c) => c.notNull().defaultTo(2))
      .execute();
    if (k.dialect === 'postgres') await sql`alter table audit_logs disable trigger audit_logs_guard`.execute(db);
    else await sql`drop trigger audit_logs_seal_only`.execute(db);

    await sql`update audit_logs set hash_version = 1 where hash is not null`.execute(db);
    await sql`update audit_logs set org_path = (select u.path from org_units u where u.id = audit_logs.org_unit_id)
      where org_path is null and org_unit_id is not null`.execute(db);
    await sql`update audit_logs set org_path = (select p.org_path from petitions p where p.id = audit_logs.target_id)
      where org_path is null and org_unit_id is null and target_type = 'petition' and target_id is not null`.execute(db);

    if (k.dialect === 'postgres') {
      await sql`
        create or replace function audit_logs_guard() returns trigger language plpgsql as $$
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
             or new.ip is distinct from old.ip or new.detail is distinct from old.detail
             or new.hash_version is distinct from old.hash_version then
            raise exception 'audit log is append-only';
          end if;
          return new;
        end $$`.execute(db);
      await sql`alter table audit_logs enable trigger audit_logs_guard`.execute(db);
    } else {
      await sql`create trigger audit_logs_seal_only before update on audit_logs
        when old.hash is not null
          or new.seq is not old.seq or new.at is not old.at
          or new.user_id is not old.user_id or new.username is not old.username
          or new.org_unit_id is not old.org_unit_id or new.org_path is not old.org_path
          or new.action is not old.action or new.target_type is not old.target_type
          or new.target_id is not old.target_id or new.result is not old.result
          or new.ip is not old.ip or new.detail is not old.detail
          or new.hash_version is not old.hash_version
        begin select raise(abort, 'audit log is append-only'); end`.execute(db);
    }
  },
};
