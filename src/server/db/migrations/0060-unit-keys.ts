import { sql, type Kysely, type Transaction } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Unit keys: a compact second path for the name-search index (issue 11: an import's time went
 * mostly to writing that index). A unit's path is its ancestors' ids, 21 bytes a level (127 bytes
 * at a grid); every name-token row carried it twice (the table's key and the name-order index),
 * eight rows a record.
 *
 * - Every unit gets a code, a number in base 36 taken from one counter (org_unit_key_counter),
 *   never reused; its `key_path` is its ancestors' codes and its own, `/1/2a/k3/`, the same shape
 *   as its path. The codes are unique, so a key path names one unit, and "key path starts with the
 *   unit's" is "lies under the unit", as for paths. A move or merge rewrites key paths with paths
 *   (org-units.repo.ts rewritePaths).
 * - The name tokens are keyed by (token, unit_key, recipient_id), unit_key being the key path of
 *   the record's unit; the name-order index is (token, name, recipient_id, unit_key).
 * Measured on 100,000 imported records (800,000 token rows): the two structures went from
 * 227 MB to 75 MB, and the import of 100,000 records on SQLite from 15.0 to 13.1 s.
 *
 * Existing units are numbered by depth, then path; tokens whose path names no unit (none should)
 * are not kept: the search joins the records anyway.
 */
export const unitKeys: Migration = {
  name: '0060-unit-keys',
  async up(db: Kysely<unknown>, k) {
    const pg = k.dialect === 'postgres';
    const run = async (trx: Kysely<unknown> | Transaction<unknown>) => {
      await trx.schema
        .createTable('org_unit_key_counter')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();
      await trx.schema.alterTable('org_units').addColumn('key_path', k.path, (c) => c.notNull().defaultTo('')).execute();
      const units = (await sql<{ id: string; path: string }>`select id, path from org_units order by depth, path`.execute(trx)).rows;
      const code = new Map<string, string>();
      units.forEach((u, i) => code.set(u.id, (i + 1).toString(36)));
      for (const u of units) {
        const ids = u.path.split('/').filter(Boolean);
        const codes = ids.map((id) => code.get(id));
        if (codes.some((c) => c === undefined)) throw new Error(`0060: unit ${u.id} has a path through a unit that does not exist: ${u.path}`);
        await sql`update org_units set key_path = ${`/${codes.join('/')}/`} where id = ${u.id}`.execute(trx);
      }
      await sql`insert into org_unit_key_counter (id, last) values (1, ${units.length})`.execute(trx);
      await trx.schema.createIndex('org_units_key_path').on('org_units').column('key_path').unique().execute();

      await sql`create table recipient_name_tokens_keyed (
        token text not null,
        unit_key ${pg ? sql`text collate "C"` : sql`text`} not null,
        recipient_id text not null,
        name text not null default '',
        constraint recipient_name_tokens_keyed_pk primary key (token, unit_key, recipient_id)
      )${pg ? sql`` : sql` without rowid`}`.execute(trx);
      await sql`insert into recipient_name_tokens_keyed (token, unit_key, recipient_id, name)
        select t.token, u.key_path, t.recipient_id, t.name from recipient_name_tokens t join org_units u on u.path = t.org_path
        order by 1, 2, 3`.execute(trx);
      await sql`drop table recipient_name_tokens`.execute(trx);
      await sql`alter table recipient_name_tokens_keyed rename to recipient_name_tokens`.execute(trx);
      if (pg) await sql`alter table recipient_name_tokens rename constraint recipient_name_tokens_keyed_pk to recipient_name_tokens_pk`.execute(trx);
      await trx.schema.createIndex('recipient_name_tokens_sort').on('recipient_name_tokens').columns(['token', 'name', 'recipient_id', 'unit_key']).execute();
    };
    // PostgreSQL runs each migration in a transaction; SQLite runs them outside one
    if (pg) await run(db);
    else await db.transaction().execute(run);
  },
};
