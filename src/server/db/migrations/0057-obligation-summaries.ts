import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The semi-annual summary as an obligation 工作制度 (seed §45: 每半年对工作情况和成效集中开展一次总结
 * 评估，逐级上报): each county, township and village unit owes its summary of every half-year,
 * fulfilled by submitting it to the upper level in the summaries module (record kind `summary`: the
 * obligations module records it from the summaries' `submitted` event; it is never entered by hand).
 * The seed names no due day; the product's default staggers it up the chain so that each level can
 * read its children's summaries before writing its own: a village 5 working days after the half-year
 * ends, a township 10, a county 15 (shared calendar). A county may deactivate them or declare its own.
 */
type Def = [code: string, name: string, level: string, dueDays: number];
const DEFAULTS: Def[] = [
  ['county-summary', '县级中心半年工作总结', 'county', 15],
  ['township-summary', '乡镇（街道）服务站半年工作总结', 'township', 10],
  ['village-summary', '村（社区）服务站半年工作总结', 'village', 5],
];

export const obligationSummaries: Migration = {
  name: '0057-obligation-summaries',
  async up(db: Kysely<unknown>) {
    const at = new Date(0).toISOString();
    const rows = DEFAULTS.map(([code, name, level, dueDays]) => ({
      id: `obl-${code}`,
      code,
      name,
      basis: '第四十五条',
      level,
      period_kind: 'half',
      due_days: dueDays,
      due_working: 1,
      record_kind: 'summary',
      note: '每半年对工作情况和成效集中开展一次总结评估，逐级上报（在“工作总结”中提交上级审核即为履行）',
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
