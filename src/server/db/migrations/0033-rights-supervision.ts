import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Rights cases 权益维护 (seed Part 9) and the kernel's supervision mechanism 督办/交办
 * (cases/supervision.ts, Part 7 四 and 五(二), Part 9 三(三), §36):
 * - `rights_cases`: one row per rights case (same id as the case): the ledger facts and the type's
 *   mirror (status, due day, conclusion, outcome), scoped by the handling unit.
 * - `case_supervisions`: one row per supervision notice 督办通知 (an upper unit on a lower unit's
 *   case) or assignment 交办 (down to a lower unit, or out to another department by name), with
 *   its reply deadline and the reply received. Scoped twice: the unit that must answer (the work
 *   queue's unit) and the issuing unit.
 */
export const rightsSupervision: Migration = {
  name: '0033-rights-supervision',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('rights_cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_name', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('request', 'text', (c) => c.notNull())
      .addColumn('source_kind', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text')
      .addColumn('opened_on', k.day, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_day', k.day)
      .addColumn('conclusion', 'text')
      .addColumn('notice_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('closed_on', k.day)
      .addColumn('outcome', 'text')
      .addColumn('on_time', k.flag)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rights_cases_org_path').on('rights_cases').columns(['org_path', 'status']).execute();
    await db.schema.createIndex('rights_cases_recipient').on('rights_cases').columns(['recipient_id']).execute();
    await db.schema.createIndex('rights_cases_opened').on('rights_cases').columns(['opened_on']).execute();

    await db.schema
      .createTable('case_supervisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('case_type', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      // the unit that must answer: the supervised case's unit, the lower unit an item is assigned
      // to, or (assigned out to another department) the assigning unit, which records the reply
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('external_body', 'text')
      .addColumn('issuer_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('issuer_path', k.path, (c) => c.notNull())
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('issued_by_name', 'text', (c) => c.notNull())
      .addColumn('issued_on', k.day, (c) => c.notNull())
      .addColumn('due_day', k.day, (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('reply', 'text')
      .addColumn('replied_on', k.day)
      .addColumn('replied_by_name', 'text')
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_supervisions_case').on('case_supervisions').columns(['case_id', 'seq']).unique().execute();
    await db.schema.createIndex('case_supervisions_unit').on('case_supervisions').columns(['org_path', 'replied_on', 'due_day']).execute();
    await db.schema.createIndex('case_supervisions_issuer').on('case_supervisions').columns(['issuer_path']).execute();
  },
};
