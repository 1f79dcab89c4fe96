import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The funds figures (`GET /api/funds/figures`, the dashboard's 帮扶维权 tab) read a period of
 * payments: disbursements by day and payables by the day paid. Without these they scanned every
 * movement and payable of the range (bench/aid-funds-bench.ts: a county with a year of aid).
 */
export const fundsFiguresIndexes: Migration = {
  name: '0038-funds-figures-indexes',
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('fund_movements_kind_day').on('fund_movements').columns(['kind', 'on_day', 'org_path']).execute();
    await db.schema.createIndex('payables_paid_on').on('payables').columns(['paid_on', 'org_path']).execute();
  },
};
