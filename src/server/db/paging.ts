// List totals are capped ("10,000+") so a list request never counts a whole table.
import { sql, type SelectQueryBuilder } from 'kysely';
import { TOTAL_CAP } from '../../shared/schemas/common';

export async function cappedCount<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
): Promise<{ total: number; totalCapped: boolean }> {
  const rows = await q
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`1`.as('one'))
    .limit(TOTAL_CAP + 1)
    .execute();
  return { total: Math.min(rows.length, TOTAL_CAP), totalCapped: rows.length > TOTAL_CAP };
}
