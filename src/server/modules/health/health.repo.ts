import { sql } from 'kysely';
import type { Db } from '../../db/client';

/** A trivial query: the database answers. */
export async function pingUnscoped(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
