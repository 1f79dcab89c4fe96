import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Assistance applications 帮扶援助申请, issue 14 gaps: a veteran applies online with their public
 * account (`source` 'online', `public_account_id` the account; the application waits in the
 * owner's work queue to be taken up 受理, `repeat_flagged` when aid was approved for the household
 * within the repeat period at submission), and the narrative 困难情况 is stored encrypted
 * (`narrative_enc`, ctx.crypto) instead of in clear in the case payload. Rows written before
 * have `narrative_enc` null: the assistance module moves their narrative out of the payload at
 * start (`sealAidNarratives`, main.ts), since a migration holds no key.
 */
export const assistanceOnline: Migration = {
  name: '0036-assistance-online',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('assistance_applications').addColumn('source', 'text', (c) => c.notNull().defaultTo('staff')).execute();
    await db.schema.alterTable('assistance_applications').addColumn('public_account_id', 'text').execute();
    await db.schema.alterTable('assistance_applications').addColumn('repeat_flagged', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('assistance_applications').addColumn('narrative_enc', 'text').execute();
    await db.schema.createIndex('assistance_applications_account').on('assistance_applications').column('public_account_id').execute();
  },
};
