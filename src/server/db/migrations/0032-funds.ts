import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Funds and disbursement 资金与发放 (Part 6 三(四), 四(一); issue 14): funds 资金来源 of a unit, their
 * movements 资金流水 (the only source of a balance), each unit's share balance as a roll-up written in
 * the movement's transaction, payables 待发放 (approved aid waiting to be paid), payment batches
 * 发放批次 (a case of the kernel; this row is its mirror) and their items.
 */
export const funds: Migration = {
  name: '0032-funds',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('funds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('donor', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('earmark_kind', 'text', (c) => c.notNull().defaultTo('none'))
      .addColumn('earmark_recipient_id', 'text', (c) => c.references('recipients.id'))
      .addColumn('earmark_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('funds_org_path').on('funds').column('org_path').execute();

    // one row per (fund, unit share): the sum of the share's movements, kept in the same transaction
    await db.schema
      .createTable('fund_balances')
      .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('balance_fen', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('fund_balances_pk', ['fund_id', 'org_unit_id'])
      .execute();
    await db.schema.createIndex('fund_balances_org_path').on('fund_balances').column('org_path').execute();

    await db.schema
      .createTable('fund_movements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id'))
      // the share credited or debited (for an allocation: the receiving share)
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      // an allocation's giving share
      .addColumn('from_unit_id', 'text', (c) => c.references('org_units.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('on_day', k.day, (c) => c.notNull())
      .addColumn('method', 'text')
      .addColumn('payable_id', 'text')
      .addColumn('batch_id', 'text')
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('details', k.json)
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('fund_movements_fund').on('fund_movements').columns(['fund_id', 'on_day']).execute();
    await db.schema.createIndex('fund_movements_org_path').on('fund_movements').column('org_path').execute();

    await db.schema
      .createTable('payables')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('source_kind', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('goods', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('account_enc', 'text')
      .addColumn('account_masked', 'text')
      .addColumn('approved_on', k.day, (c) => c.notNull())
      .addColumn('batch_id', 'text')
      .addColumn('paid_movement_id', 'text')
      .addColumn('paid_on', k.day)
      .addColumn('last_failure', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('payables_source').on('payables').columns(['source_kind', 'source_id']).unique().execute();
    await db.schema.createIndex('payables_org_path').on('payables').column('org_path').execute();
    await db.schema.createIndex('payables_batch').on('payables').column('batch_id').execute();

    await db.schema
      .createTable('payment_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('total_fen', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('paid_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('paid_fen', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('payment_batches_org_path').on('payment_batches').columns(['org_path', 'status']).execute();

    await db.schema
      .createTable('payment_batch_items')
      .addColumn('batch_id', 'text', (c) => c.notNull().references('payment_batches.id'))
      .addColumn('payable_id', 'text', (c) => c.notNull().references('payables.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('result', 'text')
      .addColumn('bank_reply', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('movement_id', 'text')
      .addPrimaryKeyConstraint('payment_batch_items_pk', ['batch_id', 'payable_id'])
      .execute();
    await db.schema.createIndex('payment_batch_items_org_path').on('payment_batch_items').column('org_path').execute();
  },
};
