import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Party members 退役军人党员 (issue 15; seed §16, Part 3 四(六)): the party branches 党支部 kept by
 * a unit, a recipient's membership facts (joined day, branch; whether the person is a member at all
 * is the registry's 政治面貌, not repeated here) and one row per organisation transfer 组织关系转接
 * (same id as the kernel's case: the letter's facts and, as the type's mirror, the state).
 * Branches and transfers are scoped tables; a membership is keyed by the recipient and scoped through
 * the recipient's row (it follows the person when the registry moves them).
 */
export const party: Migration = {
  name: '0041-party',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('party_branches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('secretary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', k.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('party_branches_org_path').on('party_branches').columns(['org_path', 'active']).execute();

    await db.schema
      .createTable('party_memberships')
      .addColumn('recipient_id', 'text', (c) => c.primaryKey().references('recipients.id'))
      .addColumn('joined_on', k.day)
      .addColumn('branch_id', 'text', (c) => c.references('party_branches.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('party_memberships_branch').on('party_memberships').column('branch_id').execute();

    await db.schema
      .createTable('party_transfers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('from_branch_id', 'text', (c) => c.references('party_branches.id'))
      .addColumn('from_name', 'text', (c) => c.notNull())
      .addColumn('to_branch_id', 'text', (c) => c.references('party_branches.id'))
      .addColumn('to_name', 'text', (c) => c.notNull())
      .addColumn('letter_no', 'text', (c) => c.notNull())
      .addColumn('letter_issued_on', k.day, (c) => c.notNull())
      .addColumn('limit_days', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_day', k.day)
      .addColumn('reported_on', k.day)
      .addColumn('done_on', k.day)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('party_transfers_org_path').on('party_transfers').columns(['org_path', 'status']).execute();
    await db.schema.createIndex('party_transfers_recipient').on('party_transfers').column('recipient_id').execute();
  },
};
