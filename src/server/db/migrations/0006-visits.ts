import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';
import { keyGroupMaskOfStored } from '../../../shared/rules/visit-rules';

/**
 * Visits and condolences 走访慰问: visit records, the events that require a visit (六必访), the
 * generated visits owed (one row per dedupe key: generation is idempotent), follow-ups of needs,
 * the county's contact persons for key persons, and the key-group mask on recipients (computed
 * by the recipients repo on every write; backfilled here). Every table is scoped by the
 * recipient's unit; due_visits also carry the owing unit's path.
 */
export const visits: Migration = {
  name: '0006-visits',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('visits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('visited_on', k.day, (c) => c.notNull())
      .addColumn('visit_type', 'text', (c) => c.notNull())
      .addColumn('visitors', 'text', (c) => c.notNull())
      .addColumn('visitor_user_ids', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('situations', k.json, (c) => c.notNull().defaultTo('{}'))
      .addColumn('needs', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('money_cents', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('goods', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('follow_up', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('photo_file_ids', k.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('due_visit_id', 'text')
      .addColumn('late', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('client_key', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('visits_client_key').on('visits').column('client_key').unique().execute();
    await db.schema.createIndex('visits_org_path').on('visits').columns(['org_path', 'visited_on']).execute();
    await db.schema.createIndex('visits_recipient').on('visits').columns(['recipient_id', 'visited_on']).execute();

    await db.schema
      .createTable('visit_triggers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('event_day', k.day, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('visit_triggers_recipient').on('visit_triggers').columns(['recipient_id', 'event_day']).execute();
    await db.schema.createIndex('visit_triggers_org_path').on('visit_triggers').columns(['org_path', 'event_day']).execute();

    await db.schema
      .createTable('due_visits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('owner_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('owner_path', k.path, (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('trigger_id', 'text')
      .addColumn('trigger_kind', 'text')
      .addColumn('occasion_day', k.day, (c) => c.notNull())
      .addColumn('window_start', k.day, (c) => c.notNull())
      .addColumn('window_end', k.day, (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('assigned_user_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('visit_id', 'text')
      .addColumn('done_on', k.day)
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('due_visits_dedupe').on('due_visits').column('dedupe_key').unique().execute();
    await db.schema.createIndex('due_visits_owner').on('due_visits').columns(['owner_path', 'status', 'window_end']).execute();
    await db.schema.createIndex('due_visits_org_path').on('due_visits').columns(['org_path', 'occasion_day']).execute();
    await db.schema.createIndex('due_visits_recipient').on('due_visits').columns(['recipient_id', 'status']).execute();
    await db.schema.createIndex('due_visits_assigned').on('due_visits').columns(['assigned_user_id', 'status']).execute();

    await db.schema
      .createTable('visit_follow_ups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('need', 'text', (c) => c.notNull())
      .addColumn('owner_user_id', 'text', (c) => c.notNull())
      .addColumn('due_day', k.day)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('passed_to', 'text')
      .addColumn('closed_at', k.timestamp)
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('visit_follow_ups_owner').on('visit_follow_ups').columns(['owner_user_id', 'status']).execute();
    await db.schema.createIndex('visit_follow_ups_org_path').on('visit_follow_ups').columns(['org_path', 'status']).execute();
    await db.schema.createIndex('visit_follow_ups_visit').on('visit_follow_ups').column('visit_id').execute();

    await db.schema
      .createTable('key_person_contacts')
      .addColumn('recipient_id', 'text', (c) => c.primaryKey().references('recipients.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('contact_user_id', 'text', (c) => c.notNull())
      .addColumn('assigned_at', k.timestamp, (c) => c.notNull())
      .addColumn('assigned_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('key_person_contacts_org_path').on('key_person_contacts').column('org_path').execute();

    // the key groups of Part 5 三(三) as a bit mask, kept by the recipients repo on every write
    await db.schema.alterTable('recipients').addColumn('key_groups', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    // key persons of a range (the county's list) without scanning the range's other records
    await db.schema
      .createIndex('recipients_key_groups')
      .on('recipients')
      .columns(['org_path', 'key_groups'])
      .where(sql.ref('key_groups'), '<>', 0)
      .execute();
    await backfillKeyGroups(db);
  },
};

type Row = { id: string; kind: string; recipient_group: string; care_mask: number; enlistment_date: string | null; disability_grade: number | null; merits: string; situations: string };

/** Existing records get their mask: 2,000 rows at a time, one update per distinct mask. */
async function backfillKeyGroups(db: Kysely<unknown>): Promise<void> {
  const d = db as unknown as Kysely<{ recipients: Row & { key_groups: number } }>;
  let after = '';
  for (;;) {
    const rows = await d
      .selectFrom('recipients')
      .select(['id', 'kind', 'recipient_group', 'care_mask', 'enlistment_date', 'disability_grade', 'merits', 'situations'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(2000)
      .execute();
    if (!rows.length) return;
    const byMask = new Map<number, string[]>();
    for (const r of rows) {
      const mask = keyGroupMaskOfStored(r);
      if (mask) byMask.set(mask, [...(byMask.get(mask) ?? []), r.id]);
    }
    for (const [mask, ids] of byMask) {
      for (let i = 0; i < ids.length; i += 500) await d.updateTable('recipients').set({ key_groups: mask }).where('id', 'in', ids.slice(i, i + 500)).execute();
    }
    after = rows[rows.length - 1].id;
  }
}
