import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Support plans 一人一策 (§29, Part 2 四(二)): one row per plan (the case's mirror and its ledger
 * facts, same id as the case), and one row per measure 帮扶措施, scoped by the plan's unit. And the
 * §44 home-service mark 上门服务对象 on the registry record: a bit mask of its reasons (年龄偏大,
 * 行动不便, 鳏寡孤独), with a partial index so the registry list filters it without a scan.
 */
export const supportPlans: Migration = {
  name: '0025-support-plans',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('support_plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('difficulty', 'text', (c) => c.notNull())
      .addColumn('situation', 'text', (c) => c.notNull())
      .addColumn('goals', 'text', (c) => c.notNull())
      .addColumn('responsible_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('opened_on', k.day, (c) => c.notNull())
      .addColumn('next_review_on', k.day)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('measure_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('measures_done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('closed_on', k.day)
      .addColumn('closed_by', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('support_plans_org_path').on('support_plans').columns(['org_path', 'status']).execute();
    await db.schema.createIndex('support_plans_recipient').on('support_plans').columns(['recipient_id']).execute();
    await db.schema.createIndex('support_plans_responsible').on('support_plans').columns(['responsible_user_id', 'status', 'next_review_on']).execute();

    await db.schema
      .createTable('support_plan_measures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('support_plans.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('owner_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('due_on', k.day, (c) => c.notNull())
      .addColumn('done', k.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('done_on', k.day)
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('support_plan_measures_plan').on('support_plan_measures').columns(['plan_id', 'seq']).unique().execute();
    await db.schema.createIndex('support_plan_measures_owner').on('support_plan_measures').columns(['owner_user_id', 'done', 'due_on']).execute();
    await db.schema.createIndex('support_plan_measures_org_path').on('support_plan_measures').column('org_path').execute();

    // §44 上门服务、全程代办: the reasons as a bit mask (shared/schemas/recipients homeServiceReasons)
    await db.schema.alterTable('recipients').addColumn('home_service', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema
      .createIndex('recipients_home_service')
      .on('recipients')
      .columns(['org_path', 'home_service'])
      .where(sql.ref('home_service'), '<>', 0)
      .execute();
  },
};
