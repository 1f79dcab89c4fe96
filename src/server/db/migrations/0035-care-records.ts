import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Care records 关爱服务记录 (issue 14, "Also from the seed"): legal consultations 法律咨询 (Part 10
 * 五(一)), psychological counselling 心理疏导 (Part 9 四(三)), law-education events 普法活动 (§37),
 * health checks 健康体检 of priority-care recipients (Part 6 四(三)) and insurance arranged for families
 * in hardship 困难家庭保险 (§31). Plain records, not workflows: one row per record and one row per
 * person concerned (attendance). `details_enc` holds the sensitive part (counselling notes,
 * health-check results) encrypted; `extra` is JSON text for a kind's own fields (insurance: insurer,
 * product, period, premium in fen, paid by). Both are scoped tables.
 */
export const careRecords: Migration = {
  name: '0035-care-records',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('care_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('day', k.day, (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('organiser', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('by_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('details_enc', 'text')
      .addColumn('headcount', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('extra', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('care_records_org_path').on('care_records').columns(['org_path', 'kind', 'day']).execute();

    await db.schema
      .createTable('care_record_people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('record_id', 'text', (c) => c.notNull().references('care_records.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('care_record_people_record').on('care_record_people').columns(['record_id', 'recipient_id']).unique().execute();
    await db.schema.createIndex('care_record_people_recipient').on('care_record_people').column('recipient_id').execute();
  },
};
