import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Appointments 预约办理 (issue 13, §44): a unit's weekly schedule (one row per unit: slot length,
 * capacity per slot, the weekday time ranges as JSON), its closures (a day or a range, with a
 * reason), and the bookings — each a case of the kernel (`appointment`) with its list-friendly
 * row here (same id; status and version are the case's mirror). The public account that booked
 * is `account_id`; the item's id and name are kept as they were at booking.
 */
export const appointments: Migration = {
  name: '0024-appointments',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('appointment_schedules')
      .addColumn('org_unit_id', 'text', (c) => c.primaryKey().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('slot_minutes', 'integer', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('ranges', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('appointment_schedules_path').on('appointment_schedules').columns(['org_path']).execute();
    await db.schema
      .createTable('appointment_closures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('from_day', 'text', (c) => c.notNull())
      .addColumn('to_day', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('appointment_closures_unit').on('appointment_closures').columns(['org_unit_id', 'to_day']).execute();
    await db.schema.createIndex('appointment_closures_path').on('appointment_closures').columns(['org_path']).execute();
    await db.schema
      .createTable('appointments')
      .addColumn('id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('recipient_id', 'text')
      .addColumn('person_name', 'text', (c) => c.notNull())
      .addColumn('phone_enc', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('item_name', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('application_id', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    // the day list and the ledger (range, day), the slot's bookings (capacity), the person's limits,
    // and the dashboard's count by status (index only)
    await db.schema.createIndex('appointments_path_day').on('appointments').columns(['org_path', 'day', 'status']).execute();
    await db.schema.createIndex('appointments_slot').on('appointments').columns(['org_unit_id', 'day', 'start_time', 'status']).execute();
    await db.schema.createIndex('appointments_account').on('appointments').columns(['account_id', 'status', 'day']).execute();
  },
};
