// Shared pieces of the bench scripts.
import fs from 'node:fs';
import { sql } from 'kysely';
import type { SystemDb } from '../src/server/db/system';
import type { AuthContext } from '../src/server/platform/auth';
import { demoAuthOf } from '../src/server/cli/demo-auth';

/** The demo county's account as a signed-in caller, for calling services directly (the import); `authOf`: the compiled server's own, when the caller runs that build. */
export async function countyAuth(sys: SystemDb, authOf: typeof demoAuthOf = demoAuthOf): Promise<AuthContext> {
  const user = await sys
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'org_units.id as unit_id', 'org_units.name as unit_name', 'org_units.level', 'org_units.code', 'org_units.path'])
    .where('users.username', '=', 'county')
    .executeTakeFirstOrThrow();
  return authOf(user, new Date().toISOString());
}

/**
 * PostgreSQL's own CPU ticks for this database's backends (local processes: /proc/<pid>/stat,
 * user + system), so a run on a busy machine can still be compared. null when a backend is not on
 * this machine.
 */
export async function pgServerTicks(db: SystemDb): Promise<Map<number, number> | null> {
  const pids = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  const out = new Map<number, number>();
  for (const { pid } of pids.rows) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(pid, Number(f[11]) + Number(f[12]));
    } catch {
      return null;
    }
  }
  return out;
}

/** Seconds of server CPU between two pgServerTicks readings (100 ticks a second). */
export function pgServerSeconds(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks / 100;
}
