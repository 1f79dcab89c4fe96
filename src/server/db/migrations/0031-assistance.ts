import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Assistance applications 帮扶援助申请 (seed Part 6 三, §28): one row per application (the case's
 * mirror and its ledger facts, same id as the case; `household_key` = the household's id, else the
 * person's, for the repeat-aid warning), and one row per referral 转介 to another agency (低保,
 * 特困供养, 专项救助, 临时救助) with its outcome. Both scoped by the application's unit.
 */
export const assistance: Migration = {
  name: '0031-assistance',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('assistance_applications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('household_key', 'text', (c) => c.notNull())
      .addColumn('ground', 'text', (c) => c.notNull())
      // the person's village (or the unit they are registered at) as the 公示 names it
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('monthly_income_fen', 'integer', (c) => c.notNull())
      .addColumn('members', 'integer', (c) => c.notNull())
      .addColumn('opened_on', k.day, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('verified', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('form', 'text')
      .addColumn('amount_fen', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('goods_value_fen', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('approved', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('decided_on', k.day)
      .addColumn('notice_start', k.day)
      .addColumn('notice_end', k.day)
      .addColumn('repeat_reason', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('assistance_applications_org_path').on('assistance_applications').columns(['org_path', 'updated_at']).execute();
    await db.schema.createIndex('assistance_applications_recipient').on('assistance_applications').columns(['recipient_id']).execute();
    await db.schema.createIndex('assistance_applications_household').on('assistance_applications').columns(['household_key', 'decided_on']).execute();
    await db.schema.createIndex('assistance_applications_decided').on('assistance_applications').columns(['approved', 'decided_on', 'org_path']).execute();

    await db.schema
      .createTable('assistance_referrals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('assistance_applications.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('agency', 'text', (c) => c.notNull())
      .addColumn('referred_on', k.day, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('outcome', 'text')
      .addColumn('outcome_on', k.day)
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('assistance_referrals_case').on('assistance_referrals').columns(['case_id']).execute();
    await db.schema.createIndex('assistance_referrals_org_path').on('assistance_referrals').column('org_path').execute();
  },
};
