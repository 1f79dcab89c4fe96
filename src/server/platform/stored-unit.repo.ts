// THE chokepoint for stored paths. Every row of a scoped table (platform/jurisdiction.ts
// `scopedTables`) copies its unit's materialized path; that copy is only as good as the moment it
// was read. A writer gets the unit and path to store from here, inside its transaction, after the
// tree lock: a concurrent move or merge of the unit (which takes the lock exclusively) either
// finished before we read, or waits until we commit, and then rewrites our row with the rest.
//
// The compiler enforces it: repo functions that insert or move rows of a scoped table take a
// `StoredUnit` (or rows typed `Stored<…>`, whose path columns are `StoredPath`), and only this
// module can make one (the brand is a unique symbol; a cast is a lint error, see eslint.config.js).
import { PostgresAdapter, sql } from 'kysely';
import type { DialectName } from '../db/client';
import type { SystemDb } from '../db/system';
import type { Tx } from '../db/transaction';
import { notFound } from './errors';
import { pathInScope, type Scope } from './jurisdiction';

declare const storedBrand: unique symbol;

/** A unit path read inside the writing transaction under the tree lock. */
export type StoredPath = string & { readonly [storedBrand]: true };

/** The unit a writer stores a row under (id and path read under the tree lock). */
export type StoredUnit = {
  readonly id: string;
  readonly path: StoredPath;
  readonly parentId: string | null;
  readonly level: string;
  readonly code: string;
  readonly name: string;
} & { readonly [storedBrand]: true };

type PathValue<V> = null extends V ? StoredPath | null : StoredPath;

/** A row of a scoped table whose path columns (`org_path` unless named) come from a StoredUnit. */
export type Stored<T, P extends keyof T = 'org_path' & keyof T> = Omit<T, P> & { [K in P]: PathValue<T[K]> };

/** Proof that the caller's transaction holds the tree lock (shared or exclusive). */
declare const lockBrand: unique symbol;
export type TreeLock = { readonly mode: 'shared' | 'exclusive' } & { readonly [lockBrand]: true };

const TREE_LOCK_KEY = 727_002;

/** The dialect of a handle, for writers that get a bare transaction (kernel effects, generation). */
export function dialectOf(db: Tx | SystemDb): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The org tree lock, held until the transaction ends. Moving, merging and importing units take it
 * exclusively; whoever copies a unit's path into a row (a new unit, a staff account, any scoped
 * record) takes it shared and reads the path inside the same transaction, so a path can never be
 * copied from a unit that a concurrent move is rewriting. SQLite runs one transaction at a time
 * on its one connection, which is the same guarantee; PostgreSQL uses an advisory lock.
 */
export async function lockOrgTree(db: Tx, dialect: DialectName, mode: 'shared' | 'exclusive'): Promise<TreeLock> {
  if (dialect === 'postgres') {
    if (mode === 'shared') await sql`select pg_advisory_xact_lock_shared(${TREE_LOCK_KEY})`.execute(db);
    else await sql`select pg_advisory_xact_lock(${TREE_LOCK_KEY})`.execute(db);
  }
  return { mode } as TreeLock;
}

type UnitRow = { id: string; parent_id: string | null; level: string; code: string; name: string; path: string; active: number; merged_into: string | null };

function stored(u: UnitRow): StoredUnit {
  return { id: u.id, path: u.path as StoredPath, parentId: u.parent_id, level: u.level, code: u.code, name: u.name } as StoredUnit;
}

/**
 * Reads units by id under the lock the caller holds. A unit merged away since the caller learnt its
 * id stands for the unit it was merged into (its records were re-pointed there), so a writer that
 * read a record's unit before a merge still stores the row where the merge put the record.
 */
async function readUnits(db: Tx | SystemDb, ids: readonly string[]): Promise<Map<string, StoredUnit>> {
  const out = new Map<string, StoredUnit>();
  let want = [...new Set(ids)];
  const alias = new Map<string, string>(want.map((id) => [id, id]));
  for (let hop = 0; hop < 8 && want.length; hop++) {
    const rows: UnitRow[] = [];
    for (let i = 0; i < want.length; i += 1000) {
      rows.push(
        ...(await db
          .selectFrom('org_units')
          .select(['id', 'parent_id', 'level', 'code', 'name', 'path', 'active', 'merged_into'])
          .where('id', 'in', want.slice(i, i + 1000))
          .execute()),
      );
    }
    const next: string[] = [];
    for (const r of rows) {
      for (const [asked, current] of alias) {
        if (current !== r.id) continue;
        if (r.active === 1) out.set(asked, stored(r));
        else if (r.merged_into) {
          alias.set(asked, r.merged_into);
          next.push(r.merged_into);
        }
      }
    }
    want = [...new Set(next)];
  }
  return out;
}

/** For a writer serving a signed-in user: the unit (inside the scope, else 404) and path to store. */
export async function unitForWrite(trx: Tx, dialect: DialectName, scope: Scope, unitId: string): Promise<StoredUnit> {
  await lockOrgTree(trx, dialect, 'shared');
  const u = (await readUnits(trx, [unitId])).get(unitId);
  if (!u || !pathInScope(scope, u.path)) throw notFound('单位');
  return u;
}

/** For system and public writers and for units outside the caller's range (a parent, a counterpart). */
export async function unitForWriteUnscoped(trx: Tx | SystemDb, dialect: DialectName, unitId: string): Promise<StoredUnit> {
  await lockOrgTree(trx as Tx, dialect, 'shared');
  const u = (await readUnits(trx, [unitId])).get(unitId);
  if (!u) throw notFound('单位');
  return u;
}

/**
 * Bulk writers (visit generation, imports, the demo seed): many units at once, under the lock the
 * caller took in the same transaction (`lockOrgTree`, the TreeLock proves it). Units not found are
 * missing from the map.
 */
export async function unitsForWriteUnscoped(trx: Tx | SystemDb, _lock: TreeLock, unitIds: readonly string[]): Promise<Map<string, StoredUnit>> {
  return readUnits(trx, unitIds);
}

/** The `org_unit_id` and `org_path` columns of a row stored under `unit`. */
export function placedAt(unit: StoredUnit): { org_unit_id: string; org_path: StoredPath } {
  return { org_unit_id: unit.id, org_path: unit.path };
}

/** Scoped tables whose rows have an `id` and an `org_unit_id`: a record other rows follow. */
export type RecordTable = 'recipients' | 'households' | 'petitions' | 'disputes' | 'opinion_reports' | 'glory_plaques' | 'cases';

async function unitIdOfRecord(trx: Tx, table: RecordTable, id: string): Promise<string | undefined> {
  const row = await trx.selectFrom(table).select('org_unit_id').where('id', '=', id).executeTakeFirst();
  return row?.org_unit_id;
}

/**
 * For a row that follows a record (a document, a visit, name tokens of a recipient): the record's
 * unit as it is now, read under the tree lock inside the writing transaction (404 outside scope).
 */
export async function unitOfRecordForWrite(trx: Tx, dialect: DialectName, scope: Scope, table: RecordTable, id: string): Promise<StoredUnit> {
  await lockOrgTree(trx, dialect, 'shared');
  const unitId = await unitIdOfRecord(trx, table, id);
  const u = unitId ? (await readUnits(trx, [unitId])).get(unitId) : undefined;
  if (!u || !pathInScope(scope, u.path)) throw notFound();
  return u;
}

/** The same for system writers and kernel effects (the kernel has checked the caller's access). */
export async function unitOfRecordForWriteUnscoped(trx: Tx, dialect: DialectName, table: RecordTable, id: string): Promise<StoredUnit> {
  await lockOrgTree(trx, dialect, 'shared');
  const unitId = await unitIdOfRecord(trx, table, id);
  const u = unitId ? (await readUnits(trx, [unitId])).get(unitId) : undefined;
  if (!u) throw notFound();
  return u;
}
