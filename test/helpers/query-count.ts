// Counts the SQL statements a piece of work issues (N+1 checks): every statement of every Kysely
// instance in this process passes through the query executor, transactions and plugins included.
import type { Kysely } from 'kysely';

type Executor = { executeQuery: (...args: unknown[]) => Promise<unknown> };

/** Runs `work` and returns its result with the statements issued meanwhile (their SQL text). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database
export async function countQueries<T>(db: Kysely<any>, work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const proto = Object.getPrototypeOf(db.getExecutor()) as Executor;
  const own = Object.prototype.hasOwnProperty.call(proto, 'executeQuery');
  const original = proto.executeQuery;
  const queries: string[] = [];
  proto.executeQuery = function (this: unknown, ...args: unknown[]) {
    queries.push((args[0] as { sql: string }).sql);
    return original.apply(this, args);
  };
  try {
    const result = await work();
    return { result, queries };
  } finally {
    if (own) proto.executeQuery = original;
    else delete (proto as Partial<Executor>).executeQuery;
  }
}
