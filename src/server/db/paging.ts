// List totals are capped ("10,000+") so a list request never counts a whole table.
import { sql, type QueryExecutorProvider, type SelectQueryBuilder } from 'kysely';
import { TOTAL_CAP } from '../../shared/schemas/common';

//
// Counted in SQL over a limited subquery — `select count(*) from (select 1 from … where … limit
// cap + 1)` — so the database stops after cap + 1 rows and one number comes back, not the rows.
export async function cappedCount<DB, TB extends keyof DB, O>(
  db: QueryExecutorProvider,
  q: SelectQueryBuilder<DB, TB, O>,
  cap: number = TOTAL_CAP,
): Promise<{ total: number; totalCapped: boolean }> {
  const limited = cappedRows(q, cap);
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${limited}) as capped`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  return { total: Math.min(n, cap), totalCapped: n > cap };
}

/** The rows a capped count counts: the query's own rows, one column, at most cap + 1 of them. */
export function cappedRows<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, cap: number = TOTAL_CAP) {
  return q
    .clearSelect()
    .clearOrderBy()
    .clearLimit()
    .clearOffset()
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1);
}
