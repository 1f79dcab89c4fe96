// Planner statistics after a bulk write. PostgreSQL plans from sampled statistics; until
// autovacuum's analyze runs (a minute or more after the write), a table that just grew by
// thousands of rows is planned as if it were empty: the name search then walks a county's every
// record instead of the token index (6.9 s instead of 6 ms for 建国 in a county of 56,000 at
// 200,000 recipients, measured). So a write that adds many rows refreshes them itself. SQLite
// plans from its index shapes and needs nothing.
//
// Outside a transaction the refresh is VACUUM (ANALYZE): it also marks the new pages all-visible,
// which an index-only scan needs to answer from the index alone. Without it every index entry
// costs a heap visit, so the planner prefers a sequential scan: the capped count of 国 in a
// province took 17–44 ms (a scan of 64,000 rows) instead of 0.7 ms at 200,000 recipients, until
// autovacuum came by (and where autovacuum is off, as in CI, never).
import { sql, type QueryExecutorProvider } from 'kysely';
import type { DialectName } from './client';

/** Rows a single write must add before it refreshes the statistics itself. */
export const ANALYZE_AFTER_ROWS = 500;

/** Tables whose statistics the registry's lists and name search are planned from. */
export const registryTables = ['recipients', 'recipient_name_tokens', 'households'] as const;

/** Refreshes the planner statistics of `tables` when `rows` reached the threshold; true when it did. */
export async function refreshStatistics(
  db: QueryExecutorProvider & { readonly isTransaction: boolean },
  dialect: DialectName,
  tables: readonly string[],
  rows: number,
): Promise<boolean> {
  if (dialect !== 'postgres' || rows < ANALYZE_AFTER_ROWS) return false;
  const names = sql.join(tables.map((t) => sql.table(t)));
  // VACUUM cannot run inside a transaction block
  if (db.isTransaction) await sql`analyze ${names}`.execute(db);
  else await sql`vacuum (analyze) ${names}`.execute(db);
  return true;
}
