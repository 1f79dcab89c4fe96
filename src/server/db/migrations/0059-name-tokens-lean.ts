import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The name-search index, leaner (issue 11: an import's time went mostly to writing it). Each token
 * row carries the record's whole path (six unit ids, about 220 bytes at a grid), and it was kept
 * four times over: the table itself, its primary key (token, org_path, recipient_id), the name-order
 * index (token, name, recipient_id, org_path) and an index on recipient_id. At 100,000 imported
 * records that was 350 MB of the 470 MB written.
 *
 * - The index on recipient_id goes. A record's tokens are always those of its stored name at its
 *   stored path (every writer goes through syncNameTokensUnscoped, which is told the name and path
 *   they were written for), so they are deleted by their primary key, not looked up by record.
 * - On SQLite the table becomes WITHOUT ROWID: the rows live in the primary key's tree, not beside
 *   it. The name-order index then holds the key's columns instead of a rowid, which it held anyway.
 *   (Tried before with the recipient_id index kept: that index then held the whole key and grew
 *   from 20 to 111 MB per 100,000 records.) SQLite runs migrations outside a transaction: the
 *   rebuild is all or nothing on its own.
 * Measured on 800,000 token rows with 222-byte paths, written in key order and committed: 10.1 s
 * as it was, 5.8 s now.
 */
export const nameTokensLean: Migration = {
  name: '0059-name-tokens-lean',
  async up(db: Kysely<unknown>, k) {
    if (k.dialect === 'postgres') {
      await sql`drop index recipient_name_tokens_recipient`.execute(db);
      return;
    }
    await db.transaction().execute(async (trx) => {
      await sql`create table recipient_name_tokens_lean (
        token text not null,
        org_path text not null,
        recipient_id text not null,
        name text not null default '',
        constraint recipient_name_tokens_pk primary key (token, org_path, recipient_id)
      ) without rowid`.execute(trx);
      await sql`insert into recipient_name_tokens_lean (token, org_path, recipient_id, name) select token, org_path, recipient_id, name from recipient_name_tokens order by token, org_path, recipient_id`.execute(trx);
      await sql`drop table recipient_name_tokens`.execute(trx);
      await sql`alter table recipient_name_tokens_lean rename to recipient_name_tokens`.execute(trx);
      await trx.schema.createIndex('recipient_name_tokens_sort').on('recipient_name_tokens').columns(['token', 'name', 'recipient_id', 'org_path']).execute();
    });
  },
};
