import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Issue 12 (helper: letters): the 受理告知书 a letter petitioner receives carries the query code, so
 * the code is kept encrypted (like a phone number) beside its lookup hash. Petitions registered
 * before this keep only the hash: their notice says the code was given at registration.
 */
export const petitionQueryCode: Migration = {
  name: '0020-petition-query-code',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('petitions').addColumn('query_code_enc', 'text').execute();
  },
};
