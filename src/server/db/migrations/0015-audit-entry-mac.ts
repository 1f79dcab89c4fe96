import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Tamper-proof audit (issue 11, security 2).
 *
 * - `entry_mac`: a MAC made when the entry is written, in the writer's transaction, with a key
 *   derived from the master key (never in the database). The sealer links only entries whose MAC
 *   verifies: a row INSERTed straight into the table stays out of the chain and `audit:verify`
 *   names it. It carries a random nonce, so a copied row collides with the unique index.
 * - `sealing`: the number of the sealing that linked the entry (covered by its hash). Each sealing
 *   is also a line in the anchor file outside the database; `audit:verify` checks that every
 *   sealing in the chain is in the file and every line of the file in the chain.
 * - `job_runs`: one row per run of a scheduled job (who ran it, when), taken under the job's
 *   advisory lock so that several server instances run each job once at a time.
 * - The append-only guards come back covering `entry_mac` (set once; the boot after this migration
 *   gives entries still waiting for the sealer theirs) and `sealing` (set by the sealer only).
 */
export const auditEntryMac: Migration = {
  name: '0015-audit-entry-mac',
  async up(db: Kysely<unknown>, k) {
    await db.schema.alterTable('audit_logs').addColumn('entry_mac', 'text').execute();
    await db.schema.alterTable('audit_logs').addColumn('sealing', 'integer').execute();
    await db.schema.createIndex('audit_logs_entry_mac').unique().on('audit_logs').column('entry_mac').execute();
    await db.schema
      .createTable('job_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('instance', 'text', (c) => c.notNull())
      .addColumn('started_at', k.timestamp, (c) => c.notNull())
      .addColumn('finished_at', k.timestamp)
      .execute();
    await db.schema.createIndex('job_runs_name').on('job_runs').columns(['name', 'started_at']).execute();

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
             or new.hash_version is distinct from old.hash_version
             or (old.entry_mac is not null and new.entry_mac is distinct from old.entry_mac) then
            raise exception 'audit log is append-only';
          end if;
          return new;
        end $$`.execute(db);
    } else {
      await sql`drop trigger audit_logs_seal_only`.execute(db);
      await sql`create trigger audit_logs_seal_only before update on audit_logs
        when old.hash is not null
          or new.seq is not old.seq or new.at is not old.at
          or new.user_id is not old.user_id or new.username is not old.username
          or new.org_unit_id is not old.org_unit_id or new.org_path is not old.org_path
          or new.action is not old.action or new.target_type is not old.target_type
          or new.target_id is not old.target_id or new.result is not old.result
          or new.ip is not old.ip or new.detail is not old.detail
          or new.hash_version is not old.hash_version
          or (old.entry_mac is not null and new.entry_mac is not old.entry_mac)
        begin select raise(abort, 'audit log is append-only'); end`.execute(db);
    }
  },
};
