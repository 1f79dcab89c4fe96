import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Issue 11: an account's failed sign-ins lock it (423) while an unknown name kept answering 401,
 * which told an attacker which names exist. Failures under names with no account are counted here,
 * by a keyed hash of the name (no table of guessed names in clear), and lock the same way.
 */
export const unknownNameFailures: Migration = {
  name: '0019-unknown-name-failures',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('unknown_name_failures')
      .addColumn('name_hash', 'text', (c) => c.primaryKey())
      .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', k.timestamp)
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('unknown_name_failures_updated').on('unknown_name_failures').column('updated_at').execute();
  },
};
