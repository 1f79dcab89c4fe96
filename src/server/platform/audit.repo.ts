// The audit log: append-only, each entry sealed into a keyed hash chain in one order.
// Writers append unsealed entries inside their own transaction; one sealer links them
// (serialised in process, and across processes by an advisory lock on PostgreSQL).
import { sql } from 'kysely';
import { checkAgainstAnchor, readAnchor } from './audit-anchor';
import type { Db, DialectName } from '../db/client';
import type { Tx } from '../db/transaction';
import type { SystemDb } from '../db/system';
import type { AuditLogTable } from '../db/types';
import { ancestorPaths, inScope, type Scope } from './jurisdiction';
import { cappedCount } from '../db/paging';

export type AuditEntry = {
  at: string;
  userId: string | null;
  username: string | null;
  orgUnitId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  result: 'success' | 'failure';
  ip?: string | null;
  detail?: string | null;
};

/**
 * Appends an unsealed entry in the caller's transaction. The entry carries the path of its unit
 * (read here, in the same transaction, so callers pass only the unit id): an auditor sees the
 * entries of their range. An entry without a unit (a public sign-in, a failed sign-in under an
 * unknown name) has no path and is shown to the top unit's auditor only.
 */
export async function appendAudit(db: Tx, e: AuditEntry): Promise<void> {
  const unit = e.orgUnitId ? await db.selectFrom('org_units').select('path').where('id', '=', e.orgUnitId).executeTakeFirst() : undefined;
  await db
    .insertInto('audit_logs')
    .values({
      chain_index: null,
      at: e.at,
      user_id: e.userId,
      username: e.username,
      org_unit_id: e.orgUnitId,
      org_path: unit?.path ?? null,
      hash_version: 2,
      action: e.action,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      result: e.result,
      ip: e.ip ?? null,
      detail: e.detail ?? null,
      prev_hash: null,
      hash: null,
    })
    .execute();
}

type Row = Omit<AuditLogTable, 'seq' | 'hash_version'> & { seq: number; hash_version?: number | null };

/**
 * What the hash covers. Version 1 (entries sealed before migration 0010) leaves `org_path` out;
 * version 2 adds it as a 14th element, so the two forms never collide and flipping the version
 * breaks the hash.
 */
export function canonicalAudit(r: Row): string {
  const fields: unknown[] = [
    r.seq,
    r.chain_index,
    new Date(r.at).toISOString(),
    r.user_id,
    r.username,
    r.org_unit_id,
    r.action,
    r.target_type,
    r.target_id,
    r.result,
    r.ip,
    r.detail,
    r.prev_hash,
  ];
  if (Number(r.hash_version ?? 1) >= 2) fields.push(r.org_path);
  return JSON.stringify(fields);
}

const ADVISORY_KEY = 727_001;

/**
 * Links every unsealed entry into the chain. Returns how many were sealed.
 * One sealer at a time across processes: PostgreSQL takes an advisory lock; SQLite begins with
 * the write lock (BEGIN IMMEDIATE), because a deferred transaction that reads the chain's head and
 * then writes fails with "database is locked" whenever another process (the server, the CLI)
 * holds a write transaction at that moment.
 */
export async function sealPendingUnscoped(
  db: SystemDb,
  dialect: DialectName,
  mac: (data: string) => string,
): Promise<number> {
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${ADVISORY_KEY})`.execute(trx);
      return sealIn(trx, mac);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const sealed = await sealIn(conn, mac);
      await sql`commit`.execute(conn);
      return sealed;
    } catch (e) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw e;
    }
  });
}

async function sealIn(trx: Tx, mac: (data: string) => string): Promise<number> {
  const last = await trx
    .selectFrom('audit_logs')
    .select(['chain_index', 'hash'])
    .where('chain_index', 'is not', null)
    .orderBy('chain_index', 'desc')
    .limit(1)
    .executeTakeFirst();
  let index = last?.chain_index ?? 0;
  let prev = last?.hash ?? null;
  let sealed = 0;
  for (;;) {
    const batch = (await trx
      .selectFrom('audit_logs')
      .selectAll()
      .where('hash', 'is', null)
      .orderBy('seq')
      .limit(500)
      .execute()) as Row[];
    if (batch.length === 0) break;
    for (const r of batch) {
      index += 1;
      const row: Row = { ...r, chain_index: index, prev_hash: prev };
      const hash = mac(canonicalAudit(row));
      await trx
        .updateTable('audit_logs')
        .set({ chain_index: index, prev_hash: prev, hash })
        .where('seq', '=', r.seq)
        .execute();
      prev = hash;
      sealed += 1;
    }
  }
  return sealed;
}

/** The newest sealed entry: what the anchor outside the database records. */
export async function chainHeadUnscoped(db: SystemDb): Promise<{ chainIndex: number; hash: string } | undefined> {
  const r = await db
    .selectFrom('audit_logs')
    .select(['chain_index', 'hash'])
    .where('chain_index', 'is not', null)
    .orderBy('chain_index', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && r.hash ? { chainIndex: Number(r.chain_index), hash: r.hash } : undefined;
}

export type ChainReport = { ok: boolean; checked: number; unsealed: number; problems: string[] };

/**
 * Walks the whole chain: a gap, an edited entry or a broken link is reported; with the anchor kept
 * outside the database (audit-anchor.ts), also newest entries deleted or re-sealed.
 */
export async function verifyChainUnscoped(db: SystemDb, mac: (data: string) => string, anchorFile?: string): Promise<ChainReport> {
  const problems: string[] = [];
  let lastIndex = 0;
  const byIndex = new Map<number, string | null>();
  const anchor = anchorFile ? readAnchor(anchorFile, mac) : null;
  const anchorIndex = anchor && anchor !== 'invalid' ? anchor.chainIndex : -1;
  let expectedIndex = 1;
  let prev: string | null = null;
  let checked = 0;
  for (;;) {
    const batch = (await db
      .selectFrom('audit_logs')
      .selectAll()
      .where('chain_index', '>=', expectedIndex)
      .orderBy('chain_index')
      .limit(2000)
      .execute()) as Row[];
    if (batch.length === 0) break;
    for (const r of batch) {
      if (r.chain_index !== expectedIndex) {
        problems.push(`第 ${expectedIndex} 条至第 ${Number(r.chain_index) - 1} 条缺失 (entries missing before chain index ${r.chain_index})`);
        expectedIndex = Number(r.chain_index);
      }
      if (r.prev_hash !== prev) problems.push(`链接断开：第 ${r.chain_index} 条 (seq ${r.seq}) 的前序哈希不符`);
      const want = mac(canonicalAudit({ ...r, prev_hash: r.prev_hash }));
      if (want !== r.hash) problems.push(`内容被改动：第 ${r.chain_index} 条 (seq ${r.seq})`);
      prev = r.hash;
      lastIndex = Number(r.chain_index);
      if (lastIndex === anchorIndex) byIndex.set(lastIndex, r.hash);
      expectedIndex += 1;
      checked += 1;
    }
  }
  const unsealedRow = await db
    .selectFrom('audit_logs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hash', 'is', null)
    .executeTakeFirstOrThrow();
  problems.push(...checkAgainstAnchor(anchor, lastIndex, byIndex.has(anchorIndex) ? { hash: byIndex.get(anchorIndex) ?? null } : undefined));
  return { ok: problems.length === 0, checked, unsealed: Number(unsealedRow.n), problems };
}

export type AuditQuery = {
  from?: string;
  to?: string;
  username?: string;
  action?: string;
  result?: 'success' | 'failure';
  targetId?: string;
  page: number;
  pageSize: number;
};

/**
 * Entries without a unit (public sign-ins and registrations, failed sign-ins under unknown names,
 * queries with a wrong code) belong to the deployment: its highest auditors see them, those with no
 * active audit administrator in a unit above theirs (the county's in a county deployment, the
 * province's once a province has one).
 */
async function seesEntriesWithoutUnit(scope: Scope, db: Db): Promise<boolean> {
  const above = ancestorPaths(scope);
  if (!above.length) return true;
  const higher = await db
    .selectFrom('users')
    .select('id')
    .where('org_path', 'in', above)
    .where('disabled', '=', 0)
    .where('roles', 'like', '%"audit_admin"%')
    .limit(1)
    .executeTakeFirst();
  return !higher;
}

/**
 * Entries whose unit path (stored with the entry: where the unit was when it was written) lies in
 * the auditor's range, and those without a unit for the deployment's highest auditors.
 */
export async function searchAuditLogs(scope: Scope, db: Db, q: AuditQuery) {
  const withoutUnit = await seesEntriesWithoutUnit(scope, db);
  let query = db
    .selectFrom('audit_logs')
    .where((eb) => (withoutUnit ? eb.or([inScope(scope, 'audit_logs.org_path'), eb('audit_logs.org_path', 'is', null)]) : inScope(scope, 'audit_logs.org_path')));
  // days are Asia/Shanghai dates: [from 00:00+08, to+1 00:00+08)
  if (q.from) query = query.where('audit_logs.at', '>=', new Date(`${q.from}T00:00:00+08:00`).toISOString());
  if (q.to) {
    const end = new Date(`${q.to}T00:00:00+08:00`);
    end.setUTCDate(end.getUTCDate() + 1);
    query = query.where('audit_logs.at', '<', end.toISOString());
  }
  if (q.username) query = query.where('audit_logs.username', '=', q.username);
  if (q.action) query = query.where('audit_logs.action', 'like', `${q.action}%`);
  if (q.result) query = query.where('audit_logs.result', '=', q.result);
  if (q.targetId) query = query.where('audit_logs.target_id', '=', q.targetId);
  const items = await query
    .selectAll('audit_logs')
    .orderBy('audit_logs.seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, ...(await cappedCount(db, query)) };
}
