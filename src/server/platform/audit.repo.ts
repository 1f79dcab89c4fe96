// The audit log: append-only, each entry sealed into a keyed hash chain in one order.
// Writers append unsealed entries inside their own transaction, each with a MAC made there with a
// key the database does not hold; one sealer links the entries whose MAC verifies (one sealer at a
// time across processes: a PostgreSQL advisory lock, SQLite's write lock) and records each sealing
// in the anchor file outside the database (audit-anchor.ts).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { anchorLine, appendAnchorLines, checkAgainstAnchor, readAnchorHistory, type AnchorLine } from './audit-anchor';
import type { Db, DialectName } from '../db/client';
import type { Tx } from '../db/transaction';
import type { SystemDb } from '../db/system';
import type { AuditLogTable } from '../db/types';
import { inScope, type Scope } from './jurisdiction';
import { findTopUnitUnscoped } from './top-unit.repo';
import { cappedCount } from '../db/paging';
import { withJobLock } from './job-lock.repo';
import type { AuditAction } from '../../shared/schemas/audit-logs';
import type { Clock } from './clock';

export type AuditEntry = {
  at: string;
  userId: string | null;
  username: string | null;
  orgUnitId: string | null;
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | null;
  result: 'success' | 'failure';
  ip?: string | null;
  detail?: string | null;
};

type Mac = (data: string) => string;

// The audit key of each database handle (and its transactions and connections, which share the
// handle's dialect adapter): registered by buildApp and the CLI, so writers need no key argument.
const keys = new WeakMap<object, Mac>();
const keyOf = (db: Tx) => db.getExecutor().adapter;

/** Makes `mac` (FieldCrypto.auditMac) the key entries written through this database handle are MACed with. */
export function registerAuditKey(db: Db, mac: Mac): void {
  keys.set(keyOf(db), mac);
}

type EntryFields = Pick<AuditLogTable, 'at' | 'user_id' | 'username' | 'org_unit_id' | 'org_path' | 'action' | 'target_type' | 'target_id' | 'result' | 'ip' | 'detail'>;

function entryMacInput(nonce: string, r: EntryFields): string {
  return JSON.stringify(['rongjia-audit-entry', nonce, new Date(r.at).toISOString(), r.user_id, r.username, r.org_unit_id, r.org_path, r.action, r.target_type, r.target_id, r.result, r.ip, r.detail]);
}

/** `nonce.mac`: the nonce makes every entry's MAC unique (a copied row hits the unique index). */
export function makeEntryMac(mac: Mac, r: EntryFields): string {
  const nonce = crypto.randomBytes(9).toString('base64url');
  return `${nonce}.${mac(entryMacInput(nonce, r))}`;
}

export function entryMacValid(mac: Mac, r: EntryFields & { entry_mac: string | null }): boolean {
  if (!r.entry_mac) return false;
  const dot = r.entry_mac.indexOf('.');
  if (dot <= 0) return false;
  const want = mac(entryMacInput(r.entry_mac.slice(0, dot), r));
  const got = r.entry_mac.slice(dot + 1);
  return got.length === want.length && crypto.timingSafeEqual(Buffer.from(got), Buffer.from(want));
}

/**
 * Appends an unsealed entry in the caller's transaction, with its MAC. The entry carries the path
 * of its unit (read here, in the same transaction, so callers pass only the unit id): an auditor
 * sees the entries of their range. An entry without a unit (a public sign-in, a failed sign-in
 * under an unknown name) has no path and is shown to the top unit's auditor only.
 */
export async function appendAudit(db: Tx, e: AuditEntry): Promise<void> {
  const mac = keys.get(keyOf(db));
  if (!mac) throw new Error('audit key not registered for this database (registerAuditKey)');
  const unit = e.orgUnitId ? await db.selectFrom('org_units').select('path').where('id', '=', e.orgUnitId).executeTakeFirst() : undefined;
  const fields: EntryFields = {
    at: e.at,
    user_id: e.userId,
    username: e.username,
    org_unit_id: e.orgUnitId,
    org_path: unit?.path ?? null,
    action: e.action,
    target_type: e.targetType ?? null,
    target_id: e.targetId ?? null,
    result: e.result,
    ip: e.ip ?? null,
    detail: e.detail ?? null,
  };
  await db
    .insertInto('audit_logs')
    .values({ ...fields, chain_index: null, hash_version: 2, prev_hash: null, hash: null, entry_mac: makeEntryMac(mac, fields), sealing: null })
    .execute();
}

/** Who acted, as a module's service knows them (the signed-in context). */
export type AuditActor = { userId: string; username: string | null; unit: { id: string } };

/**
 * The entry of a successful action by a signed-in user: the one way modules audit what staff do.
 * A public account acting through a staff path (`public:<id>` pseudo-user: an online application
 * that starts a collection record) is written with no user id; `unitId` is the unit when the actor
 * has none (an online petition).
 */
export async function auditAction(db: Tx, ctx: { clock: Clock }, auth: AuditActor, action: AuditAction, targetType: string, targetId: string | null, ip: string | null, detail?: string | null, unitId?: string | null): Promise<void> {
  await appendAudit(db, {
    at: ctx.clock.now().toISOString(),
    userId: auth.userId.startsWith('public:') ? null : auth.userId,
    username: auth.username,
    orgUnitId: auth.unit.id || unitId || null,
    action,
    targetType,
    targetId,
    result: 'success',
    ip,
    detail: detail ?? null,
  });
}

/**
 * Entries still waiting for the sealer when migration 0015 ran were written under the old rules,
 * without a MAC: the first boot after it gives them theirs (boot.ts), before any server seals.
 */
export async function macEntriesBefore0015Unscoped(db: Db, mac: Mac): Promise<number> {
  const rows = await db.selectFrom('audit_logs').selectAll().where('hash', 'is', null).where('entry_mac', 'is', null).execute();
  for (const r of rows) await db.updateTable('audit_logs').set({ entry_mac: makeEntryMac(mac, r) }).where('seq', '=', r.seq).execute();
  return rows.length;
}

type Row = Omit<AuditLogTable, 'seq' | 'hash_version' | 'entry_mac' | 'sealing'> & {
  seq: number;
  hash_version?: number | null;
  entry_mac?: string | null;
  sealing?: number | null;
};

/**
 * What the hash covers. Version 1 (entries sealed before migration 0010) leaves `org_path` out;
 * version 2 adds it as a 14th element, so the two forms never collide and flipping the version
 * breaks the hash. Entries sealed since 0015 carry their sealing's number, and their hash covers
 * it and the entry's MAC as well.
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
  if (r.sealing != null) fields.push(r.entry_mac ?? null, Number(r.sealing));
  return JSON.stringify(fields);
}

export type SealOptions = {
  /** the anchor file each sealing is appended to (under the sealing lock); none: not anchored (tests) */
  anchorFile?: string;
  /** entries refused for want of a valid MAC (their seq): left out of the chain */
  onRejected?: (seqs: number[]) => void;
  now?: () => string;
};

/**
 * Links every unsealed entry whose MAC verifies into the chain; returns how many were sealed.
 * Entries without a valid MAC (written straight into the table) are refused: they stay unsealed,
 * out of the chain, and `audit:verify` names them. Each batch is one sealing, one anchor line.
 * One sealer at a time across processes: PostgreSQL holds an advisory lock across the commit and
 * the anchor line; SQLite begins with the write lock (BEGIN IMMEDIATE — a deferred transaction
 * that reads the head and then writes fails with "database is locked" whenever another process
 * holds a write transaction) and appends the line before it commits.
 */
export async function sealPendingUnscoped(db: SystemDb, dialect: DialectName, mac: Mac, opts: SealOptions = {}): Promise<number> {
  const now = opts.now ?? (() => new Date().toISOString());
  const anchor = (lines: AnchorLine[]) => {
    if (opts.anchorFile) appendAnchorLines(opts.anchorFile, lines);
  };
  const r = await withJobLock({ db, dialect }, 'audit.seal', async (conn) => {
    if (dialect === 'postgres') {
      const res = await conn.transaction().execute((trx) => sealIn(trx, mac, now));
      anchor(res.lines);
      return res;
    }
    await sql`begin immediate`.execute(conn);
    try {
      const res = await sealIn(conn, mac, now);
      anchor(res.lines);
      await sql`commit`.execute(conn);
      return res;
    } catch (e) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw e;
    }
  }, { wait: true });
  if (!r.ran) return 0;
  if (r.value.rejected.length) opts.onRejected?.(r.value.rejected);
  return r.value.sealed;
}

async function sealIn(trx: Tx, mac: Mac, now: () => string): Promise<{ sealed: number; rejected: number[]; lines: AnchorLine[] }> {
  const last = await trx
    .selectFrom('audit_logs')
    .select(['chain_index', 'hash', 'sealing'])
    .where('chain_index', 'is not', null)
    .orderBy('chain_index', 'desc')
    .limit(1)
    .executeTakeFirst();
  let index = Number(last?.chain_index ?? 0);
  let prev = last?.hash ?? null;
  let sealing = Number(last?.sealing ?? 0);
  let sealed = 0;
  let cursor = 0;
  const rejected: number[] = [];
  const lines: AnchorLine[] = [];
  for (;;) {
    const batch = (await trx
      .selectFrom('audit_logs')
      .selectAll()
      .where('hash', 'is', null)
      .where('seq', '>', cursor)
      .orderBy('seq')
      .limit(500)
      .execute()) as Row[];
    if (batch.length === 0) break;
    cursor = Number(batch[batch.length - 1]!.seq);
    const valid = batch.filter((r) => {
      const ok = entryMacValid(mac, { ...r, entry_mac: r.entry_mac ?? null });
      if (!ok) rejected.push(Number(r.seq));
      return ok;
    });
    if (!valid.length) continue;
    sealing += 1;
    for (const r of valid) {
      index += 1;
      const row: Row = { ...r, chain_index: index, prev_hash: prev, sealing };
      const hash = mac(canonicalAudit(row));
      await trx.updateTable('audit_logs').set({ chain_index: index, prev_hash: prev, hash, sealing }).where('seq', '=', r.seq).execute();
      prev = hash;
      sealed += 1;
    }
    lines.push(anchorLine({ sealing, count: index, hash: prev, at: now() }, mac));
  }
  return { sealed, rejected, lines };
}

/** The newest sealed entry. */
export async function chainHeadUnscoped(db: SystemDb): Promise<{ chainIndex: number; hash: string; sealing: number | null } | undefined> {
  const r = await db
    .selectFrom('audit_logs')
    .select(['chain_index', 'hash', 'sealing'])
    .where('chain_index', 'is not', null)
    .orderBy('chain_index', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && r.hash ? { chainIndex: Number(r.chain_index), hash: r.hash, sealing: r.sealing == null ? null : Number(r.sealing) } : undefined;
}

/**
 * The anchor history that matches the chain as it stands (restore: the restored chain is the
 * record): a start line at the head before the first numbered sealing, then one line per sealing.
 */
export async function anchorLinesFromChainUnscoped(db: SystemDb, mac: Mac, at: string): Promise<AnchorLine[]> {
  const ends = await db
    .selectFrom('audit_logs')
    .select((eb) => ['sealing', eb.fn.max('chain_index').as('last'), eb.fn.min('chain_index').as('first')])
    .where('sealing', 'is not', null)
    .groupBy('sealing')
    .orderBy('sealing')
    .execute();
  const hashAt = async (i: number) =>
    i === 0 ? null : ((await db.selectFrom('audit_logs').select('hash').where('chain_index', '=', i).executeTakeFirst())?.hash ?? null);
  const head = await chainHeadUnscoped(db);
  const base = ends.length ? Number(ends[0]!.first) - 1 : (head?.chainIndex ?? 0);
  const lines = [anchorLine({ sealing: 0, count: base, hash: await hashAt(base), at }, mac)];
  for (const e of ends) lines.push(anchorLine({ sealing: Number(e.sealing), count: Number(e.last), hash: await hashAt(Number(e.last)), at }, mac));
  return lines;
}

export type ChainReport = { ok: boolean; checked: number; unsealed: number; problems: string[] };

/**
 * Walks the whole chain: a gap, an edited entry, a broken link, an entry sealed without a valid
 * MAC is reported, and so is every unsealed entry without one (written straight into the table).
 * With the anchor file (audit-anchor.ts; required when named), also newest entries deleted,
 * re-sealed, or a rollback of the database or of the file.
 */
export async function verifyChainUnscoped(db: SystemDb, mac: Mac, anchorFile?: string, dialect?: DialectName): Promise<ChainReport> {
  const problems: string[] = [];
  // the indexes the anchor names before the walk (lines appended during it are sealings' ends)
  const before = anchorFile ? readAnchorHistory(anchorFile, mac) : null;
  const wanted = new Set<number>([...(before?.lines.map((l) => l.count) ?? []), ...(before?.legacy.map((l) => l.chainIndex) ?? [])]);
  const hashAt = new Map<number, string | null>();
  const sealings = new Map<number, { last: number; hash: string | null }>();
  let lastIndex = 0;
  let lastSealing = 0;
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
      const index = Number(r.chain_index);
      if (index !== expectedIndex) {
        problems.push(`第 ${expectedIndex} 条至第 ${index - 1} 条缺失 (entries missing before chain index ${index})`);
        expectedIndex = index;
      }
      if (r.prev_hash !== prev) problems.push(`链接断开：第 ${index} 条 (seq ${r.seq}) 的前序哈希不符`);
      const want = mac(canonicalAudit({ ...r, prev_hash: r.prev_hash }));
      if (want !== r.hash) problems.push(`内容被改动：第 ${index} 条 (seq ${r.seq})`);
      if (r.sealing != null) {
        const n = Number(r.sealing);
        if (want === r.hash && !entryMacValid(mac, { ...r, entry_mac: r.entry_mac ?? null })) problems.push(`第 ${index} 条 (seq ${r.seq}) 没有有效的写入校验码：伪造的条目被封存`);
        if (n < lastSealing) problems.push(`第 ${index} 条的封存次序倒退（第 ${n} 次在第 ${lastSealing} 次之后）`);
        lastSealing = n;
        sealings.set(n, { last: index, hash: r.hash });
      }
      prev = r.hash;
      lastIndex = index;
      if (wanted.has(index)) hashAt.set(index, r.hash);
      expectedIndex += 1;
      checked += 1;
    }
  }
  const unsealed = (await db.selectFrom('audit_logs').selectAll().where('hash', 'is', null).orderBy('seq').execute()) as Row[];
  const forged = unsealed.filter((r) => !entryMacValid(mac, { ...r, entry_mac: r.entry_mac ?? null }));
  if (forged.length)
    problems.push(`${forged.length} 条未封存的条目没有有效的写入校验码（被直接写入数据库）：seq ${forged.slice(0, 20).map((r) => r.seq).join(', ')}${forged.length > 20 ? ' …' : ''}`);

  if (anchorFile) {
    // the file as it stands once no sealing is between its commit and its line, and the head then
    const read = async (conn: Db) => ({ h: readAnchorHistory(anchorFile, mac), head: await chainHeadUnscoped(conn as SystemDb) });
    const { h, head } = dialect ? ((await withJobLock({ db, dialect }, 'audit.seal', read, { wait: true })) as { ran: true; value: Awaited<ReturnType<typeof read>> }).value : await read(db);
    const max = Math.max(lastIndex, head?.chainIndex ?? 0);
    // sealings made after the walk passed: checked next time
    if (h) h.lines = h.lines.filter((l) => !(l.count > lastIndex && l.count <= max));
    problems.push(...checkAgainstAnchor(h, { max: lastIndex, hashAt, sealings }));
  }
  return { ok: problems.length === 0, checked, unsealed: unsealed.length, problems };
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
 * queries with a wrong code) belong to the deployment: the audit admins of its top unit see them
 * (TOP_UNIT_CODE, else the root of the org tree: platform/top-unit.repo.ts).
 */
async function seesEntriesWithoutUnit(scope: Scope, db: Db, topUnitCode: string | undefined): Promise<boolean> {
  const top = await findTopUnitUnscoped(db, topUnitCode);
  return !!top && top.id === scope.orgUnitId;
}

/**
 * Entries whose unit path (stored with the entry: where the unit was when it was written) lies in
 * the auditor's range, and those without a unit for the deployment's highest auditors.
 */
export async function searchAuditLogs(scope: Scope, db: Db, q: AuditQuery, topUnitCode: string | undefined) {
  const withoutUnit = await seesEntriesWithoutUnit(scope, db, topUnitCode);
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
