// Prepared queries: a query built with Kysely and compiled once per dialect and shape, then run
// with each call's values bound into the compiled SQL.
//
// Kysely builds and compiles every query anew; on a signed-in list page that was a fifth of the
// request's CPU (the session lookup alone, run on every request, is a three-table join of sixteen
// columns). A hot query is written once as a builder over its parameters:
//
//   const sessionById = prepared((db, p: { id: string }) => db.selectFrom('sessions')…where('sessions.id', '=', p.id));
//   const row = await sessionById.first(db, { id });
//
// The builder is first called with stand-ins for the values (each string or number leaf of the
// parameters becomes a marker string) and compiled; the markers are then found among the compiled
// parameters and replaced by the call's values on every later call. So the builder must treat its
// values as opaque:
//   - concatenation is fine (`path + '~'`, `'%' + q + '%'`): the bound value is rebuilt the same way;
//   - any other computation on a value (arithmetic, slicing, parsing) is refused when the query is
//     first compiled (a marker that is no longer whole, or NaN), as is a marker in the SQL text;
//   - the shape may depend on values that are not bound: a leaf that is undefined, null, a
//     boolean, '' or 0 (falsy values, so that `if (p.x)` takes the same branch), and an array's length, are part of the cache key and passed to the builder as they
//     are, so `if (p.status)` and `where('id', 'in', p.ids)` work;
//   - a value the builder compares or switches on (a sort order) is not a parameter: it goes in
//     the call's `shape` (the builder's third argument, part of the cache key, never bound). A
//     stand-in compared with a literal is simply unequal, so a test that runs the prepared query
//     against the plain one for every shape is the check (test/prepared.test.ts).
import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './types';

type AnyDb = Kysely<Database>;
type Leaf = { path: (string | number)[] };
type Slot = { constant: unknown } | { parts: (string | number)[] };
type Template = { sql: string; query: CompiledQuery['query']; slots: Slot[]; leaves: Leaf[] };

/** Shapes kept per query and dialect (an `in` list of each length is a shape); past it, compiled per call. */
export const MAX_SHAPES = 256;
const OPEN = '\u0000';
const CLOSE = '\u0001';
const marker = (i: number) => `${OPEN}${i}${CLOSE}`;
const MARKER = /\u0000(\d+)\u0001/g;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** The cache key of a call: the shape of its parameters (what is bound is written as `?`). */
function shapeKey(v: unknown): string {
  if (isBound(v)) return '?';
  if (v === '') return 'e';
  if (typeof v === 'number' || typeof v === 'bigint') return `#${v}`; // 0 and NaN
  if (v === undefined) return 'u';
  if (v === null) return 'n';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (Array.isArray(v)) {
    // runs of one shape written once with their length (`?*500,`): an `in` list of 500 values, or
    // 90,000 roll-up rows of one shape, would otherwise make a key as long as the list, hashed and
    // compared whole on every call
    let s = '[';
    let prev = '';
    let run = 0;
    for (let i = 0; i < v.length; i++) {
      if (run && sameShape(v[i - 1], v[i])) {
        run++;
        continue;
      }
      const k = shapeKey(v[i]);
      if (run && k === prev) run++;
      else {
        if (run) s += run > 1 ? `${prev}*${run},` : `${prev},`;
        prev = k;
        run = 1;
      }
    }
    if (run) s += run > 1 ? `${prev}*${run},` : `${prev},`;
    return s + ']';
  }
  if (isPlainObject(v)) {
    let s = '{';
    for (const k in v) s += `${k}:${shapeKey(v[k])},`;
    return s + '}';
  }
  throw new Error(`prepared query: a parameter of type ${typeof v} cannot be bound`);
}

/**
 * Whether two values have one shape (shapeKey would give both the same key), found without making
 * the keys: the rows of a bulk statement are thousands of objects of one shape.
 */
function sameShape(a: unknown, b: unknown): boolean {
  const bound = isBound(a);
  if (bound !== isBound(b)) return false;
  if (bound) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShape(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    // the same keys (values are bound by name, so their order does not matter), of one shape each
    let n = 0;
    for (const k in a) {
      if (!Object.hasOwn(b, k) || !sameShape(a[k], b[k])) return false;
      n++;
    }
    for (const _ in b) n--;
    return n === 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return a === b;
}

/** The parameters with every bound leaf replaced by its marker; the leaves' paths in order. */
/** A leaf that is bound: a non-empty string or a non-zero number. Falsy ones are shape ('' and 0 fail `if (p.x)`). */
function isBound(v: unknown): boolean {
  return (typeof v === 'string' && v !== '') || ((typeof v === 'number' || typeof v === 'bigint') && !!v);
}

function standIns(v: unknown, path: (string | number)[], leaves: Leaf[]): unknown {
  if (isBound(v)) {
    leaves.push({ path });
    return marker(leaves.length - 1);
  }
  if (Array.isArray(v)) return v.map((x, i) => standIns(x, [...path, i], leaves));
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = standIns(v[k], [...path, k], leaves);
    return out;
  }
  return v;
}

function slotOf(p: unknown, leafCount: number): Slot {
  if (typeof p === 'number' && Number.isNaN(p)) throw new Error('prepared query: a parameter was computed from a stand-in (NaN); compute it before the call');
  if (typeof p !== 'string') return { constant: p };
  if (!p.includes(OPEN) && !p.includes(CLOSE)) return { constant: p };
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of p.matchAll(MARKER)) {
    const i = Number(m[1]);
    if (i >= leafCount) throw new Error('prepared query: unknown stand-in');
    if (m.index > last) parts.push(p.slice(last, m.index));
    parts.push(i);
    last = m.index + m[0].length;
  }
  if (last < p.length) parts.push(p.slice(last));
  if (parts.some((x) => typeof x === 'string' && (x.includes(OPEN) || x.includes(CLOSE))))
    throw new Error('prepared query: a parameter was computed from a stand-in other than by concatenation');
  return { parts };
}

function leafValue(params: unknown, leaf: Leaf): unknown {
  let v = params;
  for (const k of leaf.path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/**
 * The SQL text of every compiled template, with a statement name: on PostgreSQL the pool's clients
 * run these as named prepared statements (db/client.ts), so the server parses them once per
 * connection as SQLite's statement cache does.
 */
export const preparedStatementNames = new Map<string, string>();

/**
 * The SQL text of the prepared queries declared `planOnce`: on PostgreSQL, run on their own (not in
 * a transaction), they go to connections that plan a statement once for all its values
 * (db/client.ts).
 */
export const planOnceStatements = new Set<string>();

export type PreparedOptions<P = unknown, S = unknown> = {
  /**
   * PostgreSQL: plan the statement once for all values (plan_cache_mode=force_generic_plan) instead
   * of for each call's values. For a query whose best plan does not depend on its values, because
   * what changes the plan (sort, limit, offset, which filters) is in its shape: the session lookup,
   * the list page. PostgreSQL's own choice kept planning the list page anew on every call (0.3–1 ms
   * of the server's CPU, more than running it). Not for a query whose plan rests on how common a
   * value is (the name search: 1.5–4 ms slower planned once). A function decides per shape: it is
   * asked once, when the shape is first compiled, so it may look only at what the shape holds (the
   * call's `shape`, and which parameters are undefined, null, false, '' or 0).
   */
  planOnce?: boolean | ((params: P, shape: S) => boolean);
};

function compileTemplate<P, S>(db: AnyDb, build: (db: AnyDb, p: P, shape: S) => Compilable<unknown>, params: P, shape: S, options: PreparedOptions<P, S>): Template {
  const leaves: Leaf[] = [];
  const compiled = build(db, standIns(params, [], leaves) as P, shape).compile();
  if (compiled.sql.includes(OPEN) || compiled.sql.includes(CLOSE)) throw new Error('prepared query: a parameter was written into the SQL text');
  if (!preparedStatementNames.has(compiled.sql)) preparedStatementNames.set(compiled.sql, `rj_prepared_${preparedStatementNames.size + 1}`);
  if (typeof options.planOnce === 'function' ? options.planOnce(params, shape) : options.planOnce) planOnceStatements.add(compiled.sql);
  return { sql: compiled.sql, query: compiled.query, slots: compiled.parameters.map((p) => slotOf(p, leaves.length)), leaves };
}

function bind(t: Template, params: unknown): unknown[] {
  const values = t.leaves.map((l) => leafValue(params, l));
  return t.slots.map((s) => {
    if ('constant' in s) return s.constant;
    if (s.parts.length === 1 && typeof s.parts[0] === 'number') return values[s.parts[0]];
    return s.parts.map((x) => (typeof x === 'number' ? String(values[x]) : x)).join('');
  });
}

type ShapeArg<S> = S extends undefined ? [] : [shape: S];
export type PreparedQuery<P, S, R> = {
  /** every row */
  all(db: AnyDb, params: P, ...shape: ShapeArg<S>): Promise<R[]>;
  /** the first row, or undefined */
  first(db: AnyDb, params: P, ...shape: ShapeArg<S>): Promise<R | undefined>;
  /** how many compiled shapes are kept for this database's dialect (at most MAX_SHAPES) */
  shapesKept(db: AnyDb): number;
};

/**
 * A query compiled once per dialect (and per shape of its parameters), bound per call. See the
 * head of this file for what the builder may do with its parameters.
 */
export function prepared<P, R, S = undefined>(build: (db: AnyDb, p: P, shape: S) => Compilable<R>, options: PreparedOptions<P, S> = {}): PreparedQuery<P, S, R> {
  // per dialect adapter (a transaction shares its database's), then per shape
  const templates = new WeakMap<object, Map<string, Template>>();
  async function run(db: AnyDb, params: P, shape: S): Promise<QueryResult<R>> {
    const adapter = db.getExecutor().adapter;
    let byShape = templates.get(adapter);
    if (!byShape) templates.set(adapter, (byShape = new Map()));
    const key = (shape === undefined ? '' : JSON.stringify(shape)) + shapeKey(params);
    let t = byShape.get(key);
    if (!t) {
      t = compileTemplate(db, build, params, shape, options);
      if (byShape.size < MAX_SHAPES) byShape.set(key, t);
    }
    const query: CompiledQuery<R> = { sql: t.sql, query: t.query, queryId: createQueryId(), parameters: bind(t, params) };
    return db.executeQuery(query);
  }
  return {
    all: async (db, params, ...shape) => (await run(db, params, shape[0] as S)).rows,
    first: async (db, params, ...shape) => (await run(db, params, shape[0] as S)).rows[0],
    shapesKept: (db) => templates.get(db.getExecutor().adapter)?.size ?? 0,
  };
}

/**
 * `rows` cut into parts of power-of-two sizes, `max` (a power of two) first, then the largest that
 * fits what is left: a write of any length runs through at most log2(max) + 1 statement shapes, so
 * their SQL is compiled once each (SQLite VALUES lists, prepared upserts, PostgreSQL named statements).
 */
export function* powerOfTwoParts<T>(rows: readonly T[], max: number): Generator<T[]> {
  for (let i = 0; i < rows.length; ) {
    let size = max;
    while (size > rows.length - i) size >>= 1;
    yield rows.slice(i, i + size);
    i += size;
  }
}
