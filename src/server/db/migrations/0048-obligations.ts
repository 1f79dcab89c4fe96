import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Obligations 工作制度 (issue 16; seed Chapter 2 §5–§13, §34) and ledgers' responsible persons (§10):
 * - `obligation_defs`: the recurring duties declared as data — which unit level owes it, its period
 *   kind (month/quarter/half/year), its due day (N natural or working days after the period ends) and
 *   what a record holds (meeting, training, review, report, or the disputes module's monthly summary).
 *   The defaults of Chapter 2 are rows without a unit (they apply everywhere); a county's own have its
 *   unit and path (they apply to the units of its range).
 * - `obligation_records`: one per (definition, owing unit, period): what was done, the due day it was
 *   judged against and whether it was recorded on time. What is owed is never stored ahead of time:
 *   it is definitions × units × periods minus these rows.
 * - `ledger_responsibles`: the named responsible person 专人负责 of each ledger at each unit (§10).
 */
type Def = [code: string, name: string, basis: string, level: string, periodKind: string, dueDays: number, dueWorking: number, recordKind: string, note: string];
const DEFAULTS: Def[] = [
  ['county-meeting', '县级中心服务站负责人会议', '第六条', 'county', 'quarter', 10, 0, 'meeting', '县级退役军人服务中心每季度至少召开一次乡镇（街道）退役军人服务站负责人会议'],
  ['township-meeting', '乡镇（街道）服务站负责人会议', '第六条', 'township', 'month', 5, 0, 'meeting', '乡镇（街道）退役军人服务站每月召开一次村（社区）退役军人服务站负责人会议'],
  ['county-training', '县级中心工作人员业务培训', '第七条', 'county', 'half', 15, 0, 'training', '每半年至少组织一次工作人员业务培训'],
  ['township-training', '乡镇（街道）服务站工作人员业务培训', '第七条', 'township', 'half', 15, 0, 'training', '每半年至少组织一次工作人员业务培训'],
  ['county-review', '疑难问题月度专题研究', '第八条', 'county', 'month', 5, 1, 'review', '县级退役军人服务中心原则上每月专题研究下级服务站上报的问题和困难'],
  ['county-petition-report', '信访形势分析报告（县级）', '第三十四条', 'county', 'quarter', 10, 1, 'report', '梳理汇总突出敏感信访问题，分析研判信访稳定形势，定期上报'],
  ['township-petition-report', '信访情况报告（乡镇）', '第三十四条', 'township', 'month', 5, 1, 'report', '梳理汇总辖区信访情况，定期上报'],
  ['village-petition-report', '信访情况报告（村、社区）', '第三十四条', 'village', 'month', 5, 1, 'report', '梳理汇总本村（社区）信访情况，定期上报'],
  ['dispute-summary', '矛盾纠纷排查化解月报', '第三十五条', 'village', 'month', 5, 0, 'disputeSummary', '每月向上级报送矛盾纠纷排查化解情况（在“矛盾纠纷”中上报）'],
];

export const obligations: Migration = {
  name: '0048-obligations',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('obligation_defs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('period_kind', 'text', (c) => c.notNull())
      .addColumn('due_days', 'integer', (c) => c.notNull())
      .addColumn('due_working', 'integer', (c) => c.notNull())
      .addColumn('record_kind', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('org_unit_id', 'text', (c) => c.references('org_units.id'))
      .addColumn('org_path', k.path)
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('obligation_defs_path').on('obligation_defs').column('org_path').execute();

    await db.schema
      .createTable('obligation_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('def_id', 'text', (c) => c.notNull().references('obligation_defs.id'))
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('period_end', k.day, (c) => c.notNull())
      .addColumn('held_on', k.day, (c) => c.notNull())
      .addColumn('due_day', k.day, (c) => c.notNull())
      .addColumn('recorded_on', k.day, (c) => c.notNull())
      .addColumn('on_time', 'integer', (c) => c.notNull())
      .addColumn('attendees', 'text', (c) => c.notNull())
      .addColumn('topics', 'text', (c) => c.notNull())
      .addColumn('minutes', 'text', (c) => c.notNull())
      .addColumn('course', 'text', (c) => c.notNull())
      .addColumn('trainer', 'text', (c) => c.notNull())
      .addColumn('hours', 'real')
      .addColumn('decisions', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_by_name', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('obligation_records_once').on('obligation_records').columns(['def_id', 'org_unit_id', 'period']).unique().execute();
    await db.schema.createIndex('obligation_records_rate').on('obligation_records').columns(['def_id', 'period', 'org_path']).execute();
    await db.schema.createIndex('obligation_records_path').on('obligation_records').columns(['org_path', 'period_end']).execute();

    await db.schema
      .createTable('ledger_responsibles')
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('ledger', 'text', (c) => c.notNull())
      .addColumn('person_name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_by_name', 'text', (c) => c.notNull())
      .addColumn('set_at', k.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_responsibles_pk', ['org_unit_id', 'ledger'])
      .execute();
    await db.schema.createIndex('ledger_responsibles_path').on('ledger_responsibles').column('org_path').execute();

    const at = new Date(0).toISOString();
    const rows = DEFAULTS.map(([code, name, basis, level, periodKind, dueDays, dueWorking, recordKind, note]) => ({
      id: `obl-${code}`,
      code,
      name,
      basis,
      level,
      period_kind: periodKind,
      due_days: dueDays,
      due_working: dueWorking,
      record_kind: recordKind,
      note,
      org_unit_id: null,
      org_path: null,
      active: 1,
      version: 1,
      created_by: 'system',
      created_at: at,
      updated_at: at,
    }));
    await (db as Kysely<{ obligation_defs: (typeof rows)[number] }>).insertInto('obligation_defs').values(rows).execute();
  },
};
