import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Issue 11 (helper: visits): owed-visit generation writes ~200,000 rows for a county over a year,
 * and every row paid for checks that buy nothing here.
 *
 * - The foreign keys of due_visits (recipient, unit, owning unit) go. The table is derived: its
 *   rows are written only by the generator from recipients and units it has just read in the same
 *   transaction, under the tree lock, and neither recipients nor units are ever deleted (a merge
 *   marks them). On PostgreSQL each key was a per-row trigger that looked up and share-locked the
 *   parent row: about half of the server's time for a run (the same kind of derived table,
 *   recipient_name_tokens, never had one). SQLite cannot drop a constraint: the table is rebuilt
 *   without them (nothing references due_visits) and its indexes are made again.
 * - `due_visits_assigned` becomes partial (assigned rows only): a generated row is unassigned, and
 *   every query that reads the index asks for `assigned_user_id = ?`, which implies not null.
 */
export const visitsDueLean: Migration = {
  name: '0021-visits-due-lean',
  async up(db: Kysely<unknown>, k) {
    if (k.dialect === 'postgres') {
      const fks = await sql<{ conname: string }>`select conname from pg_constraint where conrelid = 'due_visits'::regclass and contype = 'f'`.execute(db);
      for (const { conname } of fks.rows) await sql`alter table due_visits drop constraint ${sql.id(conname)}`.execute(db);
      await sql`drop index due_visits_assigned`.execute(db);
      await sql`create index due_visits_assigned on due_visits (assigned_user_id, status) where assigned_user_id is not null`.execute(db);
      return;
    }
    // SQLite runs migrations outside a transaction: the rebuild is all or nothing on its own
    await db.transaction().execute(async (trx) => {
      await trx.schema
        .createTable('due_visits_lean')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('recipient_id', 'text', (c) => c.notNull())
        .addColumn('org_unit_id', 'text', (c) => c.notNull())
        .addColumn('org_path', k.path, (c) => c.notNull())
        .addColumn('owner_unit_id', 'text', (c) => c.notNull())
        .addColumn('owner_path', k.path, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('trigger_id', 'text')
        .addColumn('trigger_kind', 'text')
        .addColumn('occasion_day', k.day, (c) => c.notNull())
        .addColumn('window_start', k.day, (c) => c.notNull())
        .addColumn('window_end', k.day, (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('assigned_user_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('visit_id', 'text')
        .addColumn('done_on', k.day)
        .addColumn('created_at', k.timestamp, (c) => c.notNull())
        .addColumn('updated_at', k.timestamp, (c) => c.notNull())
        .execute();
      const cols = sql.raw(
        'id, recipient_id, org_unit_id, org_path, owner_unit_id, owner_path, reason, trigger_id, trigger_kind, occasion_day, window_start, window_end, dedupe_key, assigned_user_id, status, visit_id, done_on, created_at, updated_at',
      );
      await sql`insert into due_visits_lean (${cols}) select ${cols} from due_visits`.execute(trx);
      await sql`drop table due_visits`.execute(trx);
      await sql`alter table due_visits_lean rename to due_visits`.execute(trx);
      await trx.schema.createIndex('due_visits_dedupe').on('due_visits').column('dedupe_key').unique().execute();
      await trx.schema.createIndex('due_visits_owner').on('due_visits').columns(['owner_path', 'status', 'window_end']).execute();
      await trx.schema.createIndex('due_visits_org_path').on('due_visits').columns(['org_path', 'occasion_day']).execute();
      await trx.schema.createIndex('due_visits_recipient').on('due_visits').columns(['recipient_id', 'status']).execute();
      await sql`create index due_visits_assigned on due_visits (assigned_user_id, status) where assigned_user_id is not null`.execute(trx);
    });
  },
};
