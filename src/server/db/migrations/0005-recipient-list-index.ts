import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Lists and their capped counts filter live records (merged_into is null) over a scope's path
 * range: a partial index makes both index-only, so a county of 200,000 counts its first 10,001
 * rows without touching the table.
 */
export const recipientListIndex: Migration = {
  name: '0005-recipient-list-index',
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('recipients_org_path').execute();
    await db.schema
      .createIndex('recipients_org_path')
      .on('recipients')
      .columns(['org_path', 'name', 'id'])
      .where(sql.ref('merged_into'), 'is', null)
      .execute();
  },
};
