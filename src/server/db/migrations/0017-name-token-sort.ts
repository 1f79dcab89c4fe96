import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Name search in name order without sorting every match (issue 11): each token row carries the
 * person's name (the list's sort key; the id breaks ties), and an index on
 * (token, name, recipient_id, org_path) lets `token = ? and org_path in range order by name,
 * recipient_id limit 20` walk the index and stop after the page — 海涛 matching 20,000 people in
 * a province reads about 20 index entries, not 20,000 rows and a sort. org_path is in the index
 * so the range test needs no table read. The primary key (token, org_path, recipient_id) still
 * serves narrow ranges and the capped count.
 *
 * Backfill: the name of each row's recipient (tokens exist only for live records).
 */
export const nameTokenSort: Migration = {
  name: '0017-name-token-sort',
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('recipient_name_tokens')
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await sql`update recipient_name_tokens set name = coalesce((select r.name from recipients r where r.id = recipient_name_tokens.recipient_id), '')`.execute(db);
    await db.schema
      .createIndex('recipient_name_tokens_sort')
      .on('recipient_name_tokens')
      .columns(['token', 'name', 'recipient_id', 'org_path'])
      .execute();
  },
};
