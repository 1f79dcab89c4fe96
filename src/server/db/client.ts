// The Kysely client for both dialects. Only *.repo.ts files, db/, main.ts and cli/ import this.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type LogConfig, type PostgresPool, type SqliteDialectConfig } from 'kysely';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { planOnceStatements, preparedStatementNames } from './prepared';
import type { Database } from './types';

export type DialectName = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;

export type DbHandle = {
  db: Db;
  dialect: DialectName;
  /** SQLite file path, when embedded */
  sqliteFile?: string;
  /** PostgreSQL URL, when on PostgreSQL */
  postgresUrl?: string;
  /** SQLite's checkpoints in a worker thread, when opened with `backgroundCheckpoints` (db/checkpointer.ts) */
  checkpointer?: Checkpointer;
  close: () => Promise<void>;
};

let pgTypesSet = false;
function setPgTypes(): void {
  if (pgTypesSet) return;
  pgTypesSet = true;
  // timestamptz and timestamp back to ISO strings, like SQLite's text
  pg.types.setTypeParser(1184, (v: string) => new Date(v).toISOString());
  pg.types.setTypeParser(1114, (v: string) => new Date(v + 'Z').toISOString());
  // date stays YYYY-MM-DD
  pg.types.setTypeParser(1082, (v: string) => v);
  // bigint counts as number (counts and sequences stay far below 2^53)
  pg.types.setTypeParser(20, (v: string) => Number(v));
  pg.types.setTypeParser(1700, (v: string) => Number(v));
}

/**
 * SQLite transactions begin IMMEDIATE: the write lock is taken at BEGIN, so a transaction that
 * reads and then writes cannot fail half-way with SQLITE_BUSY because another process (the CLI, a
 * backup) wrote in between; it waits up to busy_timeout at BEGIN instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * Kysely prepares every query anew; a signed-in list page runs the same four statements each time,
 * and preparing was a tenth of its cost (issue 11 profile). Statements are kept by their SQL text
 * (at most STATEMENT_CACHE, the oldest dropped first). Safe on the one connection: Kysely runs one
 * query at a time on it, and no caller changes a statement's mode (pluck/raw/expand).
 */
const STATEMENT_CACHE = 1000;

const ROW_BY_ROW = /^\/\* row by row: (\d+) \*\/ /;
/**
 * SQLite: the SQL of a one-row statement with `width` parameters, to be run by one executeQuery
 * once for each row of its parameters, which are the rows' values, one array of `width` per row
 * (a bulk insert of wide rows). A multi-row VALUES list of a wide table costs SQLite more than the
 * same rows inserted one by one through one prepared statement (measured on the import's
 * 53-column recipients: 100,000 rows took about 7 s of CPU in 256-row statements, about 4.5 s row
 * by row), and one call keeps the per-query cost of Kysely and the driver to one per batch. The
 * rows come as arrays of their own, bound as they are: one flat list cut into a new array per row
 * allocated each row's values twice (an import of 100,000 rows: ~40 MB more for the collector).
 * PostgreSQL never sees such SQL.
 */
export function rowByRowSql(singleRowSql: string, width: number): string {
  return `/* row by row: ${width} */ ${singleRowSql}`;
}
/** A statement that runs `st` once per row of its parameters (see rowByRowSql). */
function rowByRow(st: BetterSqlite3.Statement, width: number): BetterSqlite3.Statement {
  const run = (rows: unknown[][]) => {
    let changes = 0;
    let lastInsertRowid: number | bigint = 0;
    for (const row of rows) {
      if (!Array.isArray(row) || row.length !== width) throw new Error(`row-by-row statement: each row must be an array of ${width} values`);
      const r = st.run(row);
      changes += r.changes;
      lastInsertRowid = r.lastInsertRowid;
    }
    return { changes, lastInsertRowid };
  };
  return { reader: false, run } as unknown as BetterSqlite3.Statement;
}

/** A statement that changes the schema: rows read afterwards may have other columns. */
const SCHEMA_CHANGE = /^\s*(?:\/\*[\s\S]*?\*\/\s*)*(?:create|alter|drop)\b/i;

/**
 * A reading statement whose rows come from SQLite as arrays (better-sqlite3's raw mode) and are
 * made into objects here by a function compiled once per statement from its column names. The
 * driver building each row object itself, one property at a time, was the larger part of a list
 * page's statement (a 20-row, 21-column page: 120 µs as objects, 71 µs as arrays made into objects
 * here). The rows are the same: keys in column order, a later column of the same name winning.
 * Column names are read again (`columns()` costs 15 µs, so not per call) when the schema may have
 * changed since: a DDL statement ran on this connection (`schema.changed`), or a row comes back
 * with another number of values.
 */
function rowsAsObjects(st: BetterSqlite3.Statement, schema: { changed: number }): BetterSqlite3.Statement {
  let names: string[] = [];
  let seenAt = -1;
  let make: (values: unknown[]) => Record<string, unknown> = () => ({});
  const learn = () => {
    names = st.columns().map((c) => c.name);
    seenAt = schema.changed;
    // a name such as __proto__ would set the prototype in a literal: such rows get own properties one by one
    make = names.some((n) => n === '__proto__')
      ? (values) => {
          const o: Record<string, unknown> = {};
          names.forEach((n, i) => Object.defineProperty(o, n, { value: values[i], enumerable: true, writable: true, configurable: true }));
          return o;
        }
      : // the names are the statement's own column names, each quoted by JSON.stringify
        (new Function('v', `return {${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')}};`) as typeof make);
  };
  st.raw(true);
  const objects = (rows: unknown[][]) => {
    if (seenAt !== schema.changed || (rows.length && rows[0].length !== names.length)) learn();
    const out = new Array<Record<string, unknown>>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = make(rows[i]);
    return out;
  };
  return {
    reader: true,
    all: (params: unknown[]) => objects(st.all(params) as unknown[][]),
    *iterate(params: unknown[]) {
      for (const row of st.iterate(params) as IterableIterator<unknown[]>) yield objects([row])[0];
    },
  } as unknown as BetterSqlite3.Statement;
}

function cachedStatements(sqlite: BetterSqlite3.Database): SqliteDialectConfig['database'] {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const schema = { changed: 0 };
  return {
    close: () => sqlite.close(),
    prepare: (source: string) => {
      if (SCHEMA_CHANGE.test(source)) schema.changed += 1;
      let st = statements.get(source);
      if (!st) {
        const each = ROW_BY_ROW.exec(source);
        st = each ? rowByRow(sqlite.prepare(source.slice(each[0].length)), Number(each[1])) : sqlite.prepare(source);
        if (st.reader) st = rowsAsObjects(st, schema);
        if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
        statements.set(source, st);
      }
      return st;
    },
  };
}

/**
 * The size the WAL file is cut back to once it has been copied into the database and starts over.
 * Without a limit SQLite keeps the file as large as it ever grew: an import of 100,000 records left
 * ~230 MB of WAL on disk for as long as the server ran.
 */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens the SQLite file. `backgroundCheckpoints`: the WAL is copied into the file by a worker thread
 * instead of inside the commits of this connection (db/checkpointer.ts): for the long-running server.
 * `walSizeLimitBytes` (tests): instead of WAL_SIZE_LIMIT_BYTES; -1 for none.
 */
export function openSqlite(file: string, opts: { busyTimeoutMs?: number; log?: LogConfig; backgroundCheckpoints?: boolean; walSizeLimitBytes?: number } = {}): DbHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
  // the writer cuts the WAL file back when it starts it over (after a complete checkpoint)
  sqlite.pragma(`journal_size_limit = ${Math.trunc(opts.walSizeLimitBytes ?? WAL_SIZE_LIMIT_BYTES)}`);
  const checkpointer = opts.backgroundCheckpoints && file !== ':memory:' ? startCheckpointer(sqlite, file) : undefined;
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cachedStatements(sqlite) }), log: opts.log });
  return {
    db,
    dialect: 'sqlite',
    sqliteFile: file,
    checkpointer,
    close: async () => {
      // the worker's connection first: the last one to close copies what is left and removes the WAL
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

const namedClients = new WeakSet<pg.PoolClient>();
/**
 * A client that runs the SQL of prepared queries (db/prepared.ts) as named statements: parsed by
 * the server once per connection. Every other query goes as before. Needs session pooling; a
 * transaction-pooling proxy in front of PostgreSQL would lose the names between transactions.
 */
function nameStatements(client: pg.PoolClient): pg.PoolClient {
  if (namedClients.has(client)) return client;
  namedClients.add(client);
  // A connection lost while it is checked out (the server restarted, pg_terminate_backend) is an
  // 'error' event on the client, which the pool listens for only while the client is idle: unheard,
  // it would end the process. Its statement fails with the error, the connection is not queryable
  // any more, and the pool drops it when it comes back.
  client.on('error', () => undefined);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown) => {
    const name = typeof text === 'string' ? preparedStatementNames.get(text) : undefined;
    return name ? query({ name, text, values }) : values === undefined ? query(text) : query(text, values);
  };
  return client;
}

/**
 * What Kysely gets from the pool: a connection taken on its first statement, from one of two pools.
 *
 * A prepared query declared `planOnce` (db/prepared.ts) run on its own, outside a transaction, goes
 * to connections that plan every statement once for all values (plan_cache_mode=force_generic_plan).
 * PostgreSQL's own choice kept planning the list page anew for every call, because its generic plan
 * looked dearer than the custom ones: 0.3–1 ms of the server's CPU a request, more than running it
 * (issue 11: 1.3 ms of PostgreSQL CPU per signed-in list page, 0.21 ms planned once). Every other
 * statement, and everything inside a transaction or on a pinned connection (its first statement
 * decides), is planned by PostgreSQL's default with the values it is given.
 */
class RoutedClient {
  #client: pg.PoolClient | undefined;
  constructor(
    private readonly pools: { planned: pg.Pool; generic: pg.Pool },
    private readonly idle: RoutedClient[],
  ) {}
  async query(text: unknown, values?: unknown): Promise<unknown> {
    if (!this.#client) {
      const generic = typeof text === 'string' && planOnceStatements.has(text);
      this.#client = nameStatements(await (generic ? this.pools.generic : this.pools.planned).connect());
    }
    return (this.#client.query as (t: unknown, v?: unknown) => Promise<unknown>)(text, values);
  }
  release(discard?: boolean): void {
    const c = this.#client;
    this.#client = undefined;
    c?.release(discard);
    // used again by the next statement (Kysely keeps its connection object per client); one that
    // Kysely has marked discarded (a failed rollback) stays so for good, and is dropped
    if (!discard) this.idle.push(this);
  }
}

/** `-c` options every connection starts with */
const SESSION_OPTIONS =
  // No parallel workers for a query: requests are short, and a worker's start cost more than the
  // query. A name search's gated branch that never runs still launched two (8 ms of a 9 ms search
  // for 红 in a province of 1,000,000; 0.9 ms without). Every core serves requests instead.
  '-c max_parallel_workers_per_gather=0';

export function openPostgres(url: string, max = 10, opts: { log?: LogConfig } = {}): DbHandle {
  setPgTypes();
  const planned = new pg.Pool({ connectionString: url, max, options: SESSION_OPTIONS });
  const generic = new pg.Pool({ connectionString: url, max, options: `${SESSION_OPTIONS} -c plan_cache_mode=force_generic_plan` });
  // an idle connection killed by the server (restart, pg_terminate_backend) must not crash the
  // process: the pool drops it and the next query opens a new one
  for (const pool of [planned, generic]) {
    pool.on('error', (err) => {
      process.stderr.write(`postgres pool: ${err.message}\n`);
    });
  }
  const pools = { planned, generic };
  const idle: RoutedClient[] = [];
  const routed: PostgresPool = {
    connect: async () => (idle.pop() ?? new RoutedClient(pools, idle)) as unknown as pg.PoolClient,
    end: async () => {
      await Promise.all([planned.end(), generic.end()]);
    },
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: routed }), log: opts.log });
  return {
    db,
    dialect: 'postgres',
    postgresUrl: url,
    close: async () => {
      await db.destroy();
    },
  };
}

/** `backgroundCheckpoints`: see openSqlite (the server's; the CLI's short runs keep SQLite's own). */
export function openDatabase(opts: { databaseUrl?: string; dataDir: string; backgroundCheckpoints?: boolean }): DbHandle {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openSqlite(path.join(opts.dataDir, 'rongjia.sqlite'), { backgroundCheckpoints: opts.backgroundCheckpoints });
}
