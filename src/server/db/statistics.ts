// Planner statistics after a bulk write. PostgreSQL plans from sampled statistics; until
// autovacuum's analyze runs (a minute or more after the write), a table that just grew by
// thousands of rows is planned as if it were empty: the name search then walks a county's every
// record instead of the token index (6.9 s instead of 6 ms for 建国 in a county of 56,000 at
// 200,000 recipients, measured). So a write that adds many rows refreshes them itself. SQLite
// plans from its index shapes and needs nothing.
import { sql, type QueryExecutorProvider } from 'kysely';
import type { DialectName } from './client';

/** Rows a single write must add before it refreshes the statistics itself. */
export const ANALYZE_AFTER_ROWS = 500;

/** Tables whose statistics the registry's lists and name search are planned from. */
export const registryTables = ['recipients', 'recipient_name_tokens', 'households'] as const;

/** Refreshes the planner statistics of `tables` when `rows` reached the threshold; true when it did. */
export async function refreshStatistics(
  db: QueryExecutorProvider,
  dialect: DialectName,
  tables: readonly string[],
  rows: number,
): Promise<boolean> {
  if (dialect !== 'postgres' || rows < ANALYZE_AFTER_ROWS) return false;
  await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
  return true;
}
