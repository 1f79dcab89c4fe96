import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Legal aid 法律援助 (seed Part 10): the directory 名录 of partner law firms, legal aid centers and
 * judicial departments (each entry under the unit that keeps it, normally the county), and one row
 * per legal-aid case (same id as the kernel's case: the application's facts and, as the type's
 * mirror, the referral, its acknowledgement 回执 and the closing 案结事了). Both are scoped tables.
 */
export const legalAid: Migration = {
  name: '0034-legal-aid',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('legal_aid_partners')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('lawyers', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('areas', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', k.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('legal_aid_partners_org_path').on('legal_aid_partners').columns(['org_path', 'active']).execute();

    await db.schema
      .createTable('legal_aid_cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('applied_on', k.day, (c) => c.notNull())
      .addColumn('matter_kind', 'text', (c) => c.notNull())
      .addColumn('matter', 'text', (c) => c.notNull())
      .addColumn('opposing_party', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('claims', 'text', (c) => c.notNull())
      .addColumn('prior_steps', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('partner_id', 'text', (c) => c.references('legal_aid_partners.id'))
      .addColumn('referred_on', k.day)
      .addColumn('ack_due_day', k.day)
      .addColumn('acknowledged_on', k.day)
      .addColumn('ack_receiver', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('follow_up_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('closed_on', k.day)
      .addColumn('outcome_kind', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('legal_aid_cases_org_path').on('legal_aid_cases').columns(['org_path', 'status']).execute();
    await db.schema.createIndex('legal_aid_cases_recipient').on('legal_aid_cases').column('recipient_id').execute();
    await db.schema.createIndex('legal_aid_cases_partner').on('legal_aid_cases').column('partner_id').execute();
  },
};
