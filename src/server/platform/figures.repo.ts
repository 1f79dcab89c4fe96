// The count every counted figure ends in (platform/figures.ts): the module's figure builds the query.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/types';

/** The number of rows a figure's query selects (its table, joins and filters of range and period). */
export async function countOf<TB extends keyof Database>(qb: SelectQueryBuilder<Database, TB, object>): Promise<number> {
  const r = await qb.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
