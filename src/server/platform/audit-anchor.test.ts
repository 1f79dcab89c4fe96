// The audit log against someone who has the database and the anchor file but not the key, on
// every database. Every entry carries a MAC made when it was written; every sealing is a line of
// the append-only anchor file outside the database. Each tampering the outside test tried is
// caught, and `audit:verify` says so and fails:
//   (a) a row INSERTed straight into audit_logs        (b) newest rows deleted + an older anchor file
//   (c) the newest row deleted and the anchor deleted  (d) everything deleted and the anchor deleted
// and so are those caught before (a tail deleted, a tail sealed again, an altered anchor line; an
// edited or deleted middle entry and a made-up hash are in audit.test.ts).
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../test/helpers/db';
import { createTestApp, TEST_KEY, type Agent, type TestApp } from '../../../test/helpers/app';
import { runCli } from '../../../test/cli/run-cli';
import { systemDb, type SystemDb } from '../db/system';
import type { AuditLogTable } from '../db/types';
import { appendAudit, chainHeadUnscoped, sealPendingUnscoped, verifyChainUnscoped } from './audit.repo';
import { readAnchorHistory } from './audit-anchor';
import { createFieldCrypto } from './crypto';
import { ensureAnchorStart } from './sealer';

const mac = createFieldCrypto(TEST_KEY, 'aes-256-gcm').auditMac;

describe.each(dbKinds)('audit anchor and entry MACs on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let admin: Agent;
  let file: string;
  let grid = 0;
  const target = () => ({ dataDir: t.db.dataDir, postgresUrl: t.db.handle.postgresUrl });
  const verify = () => verifyChainUnscoped(sys, mac, file, t.db.handle.dialect);
  /** a write through the API, sealed by the app's sealer (one sealing, one anchor line) */
  const write = async () => {
    const unit = await sys.selectFrom('org_units').select('id').where('code', '=', '330523105003').executeTakeFirstOrThrow();
    expect((await admin.post('/api/org-units', { parentId: unit.id, name: `锚点网格${grid++}` })).statusCode).toBe(200);
    await t.app.sealer.sealNow();
  };
  type Snapshot = { rows: AuditLogTable[]; anchor: string };
  const snapshot = async (): Promise<Snapshot> => ({
    rows: (await sys.selectFrom('audit_logs').selectAll().orderBy('seq').execute()) as unknown as AuditLogTable[],
    anchor: fs.readFileSync(file, 'utf8'),
  });
  /** puts the log and the anchor back as they were (the attacker's tools, used to undo) */
  const putBack = async (s: Snapshot) => {
    await sys.deleteFrom('audit_logs').execute();
    for (const r of s.rows) await sys.insertInto('audit_logs').values(r as never).execute();
    fs.writeFileSync(file, s.anchor);
    expect(await verify()).toMatchObject({ ok: true, problems: [] });
  };
  /** the attacker in these tests has the database: the append-only guards are gone */
  const dropGuards = async () => {
    if (kind === 'postgres') await sql`drop trigger if exists audit_logs_guard on audit_logs`.execute(sys);
    else {
      await sql`drop trigger if exists audit_logs_no_delete`.execute(sys);
      await sql`drop trigger if exists audit_logs_seal_only`.execute(sys);
    }
  };
  const cliFails = async (text: string) => {
    const cli = await runCli(['audit:verify'], target());
    expect(cli.code, cli.stdout).toBe(1);
    expect(cli.stderr).toContain(text);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    sys = systemDb(t.db.handle.db);
    admin = await t.login('admin');
    file = t.config.auditAnchorFile;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  }, 240_000);

  it('writes the start line on first start and one MACed line per sealing, in order', async () => {
    for (let i = 0; i < 3; i++) await write();
    const h = readAnchorHistory(file, mac)!;
    expect(h.invalid).toEqual([]);
    expect(h.lines[0]).toMatchObject({ sealing: 0, count: 0, hash: null });
    expect(h.lines.map((l) => l.sealing)).toEqual(h.lines.map((_, i) => i));
    const head = (await chainHeadUnscoped(sys))!;
    expect(h.lines.at(-1)).toMatchObject({ sealing: head.sealing, count: head.chainIndex, hash: head.hash });
    // every entry was written with a MAC and carries its sealing's number
    const rows = await sys.selectFrom('audit_logs').select(['entry_mac', 'sealing']).execute();
    expect(rows.every((r) => /^[\w-]{12}\.[0-9a-f]{64}$/.test(r.entry_mac ?? '') && r.sealing !== null)).toBe(true);
    expect(await verify()).toMatchObject({ ok: true, problems: [] });
    const cli = await runCli(['audit:verify'], target());
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('审计日志完整');
  }, 240_000);

  it('(a) refuses to seal a row INSERTed straight into audit_logs, and verify reports it', async () => {
    await dropGuards();
    const s = await snapshot();
    const at = t.clock.now().toISOString();
    const forged = { at, user_id: null, username: 'admin', org_unit_id: null, org_path: null, action: 'staff.delete', target_type: 'user', target_id: 'x', result: 'success', ip: null, detail: null, chain_index: null, prev_hash: null, hash: null };
    await sys.insertInto('audit_logs').values({ ...forged, entry_mac: null, sealing: null }).execute();
    await sys.insertInto('audit_logs').values({ ...forged, target_id: 'y', entry_mac: `AAAAAAAAAAAA.${'0'.repeat(64)}`, sealing: null }).execute();
    // a copy of a real entry, MAC and all, collides with the unique index
    const real = s.rows.find((r) => r.action === 'org-unit.create')!;
    const copy = await sys
      .insertInto('audit_logs')
      .values({ ...real, seq: undefined, chain_index: null, prev_hash: null, hash: null, sealing: null } as never)
      .execute()
      .then(() => null, (e: unknown) => e);
    expect(copy, 'a copied entry was accepted').not.toBeNull();
    // the sealer links the real entries written meanwhile, not the forged ones
    await write();
    const left = await sys.selectFrom('audit_logs').select(['seq', 'hash']).where('target_id', 'in', ['x', 'y']).execute();
    expect(left).toHaveLength(2);
    expect(left.every((r) => r.hash === null)).toBe(true);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([`2 条未封存的条目没有有效的写入校验码（被直接写入数据库）：seq ${left.map((x) => x.seq).sort((a, b) => a - b).join(', ')}`]);
    await cliFails('没有有效的写入校验码');
    // the row sealed by someone with the database alone (not the key) breaks the chain instead
    await sys.deleteFrom('audit_logs').where('target_id', 'in', ['x', 'y']).execute();
    expect((await verify()).ok).toBe(true);
  }, 240_000);

  it('(b) catches the newest rows deleted and an older anchor file put back', async () => {
    await dropGuards();
    const older = fs.readFileSync(file, 'utf8');
    const s0 = await snapshot();
    for (let i = 0; i < 3; i++) await write();
    await dropGuards();
    const s = await snapshot();
    const head = (await chainHeadUnscoped(sys))!;
    // delete the newest two entries (inside the last sealing) and put back the older file
    await sys.deleteFrom('audit_logs').where('chain_index', '>', head.chainIndex - 2).execute();
    fs.writeFileSync(file, older);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^数据库中有 \d+ 次封存（第 \d+(–\d+)? 次）不在锚点文件中：锚点文件被换成旧版本或被删改/);
    await cliFails('不在锚点文件中');
    // the same with more deleted: every sealing after the older file's last one
    const lastOld = readAnchorHistory(file, mac)!.lines.at(-1)!;
    await sys.deleteFrom('audit_logs').where('chain_index', '>', lastOld.count + 1).execute();
    expect((await verify()).problems[0]).toContain('不在锚点文件中');
    // with the current file instead, the cut shows as a cut
    await putBack(s);
    await sys.deleteFrom('audit_logs').where('chain_index', '>', head.chainIndex - 2).execute();
    expect((await verify()).problems).toEqual([`链尾被截断：锚点记录已封存至第 ${head.chainIndex} 条，数据库中只到第 ${head.chainIndex - 2} 条 (newest entries deleted)`]);
    await putBack(s);
    expect(s0.rows.length).toBeLessThan(s.rows.length);
  }, 240_000);

  it('(c) catches the newest row deleted together with the anchor file', async () => {
    await dropGuards();
    const s = await snapshot();
    const head = (await chainHeadUnscoped(sys))!;
    await sys.deleteFrom('audit_logs').where('chain_index', '=', head.chainIndex).execute();
    fs.rmSync(file);
    expect((await verify()).problems).toEqual(['审计锚点文件缺失：无法确认链尾未被删除或回退 (anchor file missing)']);
    await cliFails('审计锚点文件缺失');
    // a server starting now does not write a new start over a chain that has entries…
    expect(await ensureAnchorStart(t.app.ctx)).toContain('审计锚点文件缺失');
    expect(fs.existsSync(file)).toBe(false);
    // …and the lines sealings append from here on do not make a history that verifies
    await write();
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toBe('审计锚点文件缺少起始记录：文件被删除后重建或被替换 (anchor start line missing)');
    expect(r.problems.join('\n')).toContain('不在锚点文件中');
    await putBack(s);
  }, 240_000);

  it('(d) catches everything deleted together with the anchor file', async () => {
    await dropGuards();
    const s = await snapshot();
    await sys.deleteFrom('audit_logs').execute();
    fs.rmSync(file);
    expect((await verify()).problems).toEqual(['审计锚点文件缺失：无法确认链尾未被删除或回退 (anchor file missing)']);
    await cliFails('审计锚点文件缺失');
    // the running server keeps sealing new entries: still no start line, still reported
    await write();
    expect((await verify()).problems).toEqual(['审计锚点文件缺少起始记录：文件被删除后重建或被替换 (anchor start line missing)']);
    await putBack(s);
  }, 240_000);

  it('still catches a tail deleted, a tail sealed again, and an altered anchor line', async () => {
    await dropGuards();
    const s = await snapshot();
    const head = (await chainHeadUnscoped(sys))!;
    // delete the newest three entries: what is left is a chain that verifies by itself
    await sys.deleteFrom('audit_logs').where('chain_index', '>', head.chainIndex - 3).execute();
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);
    expect((await verify()).problems).toEqual([`链尾被截断：锚点记录已封存至第 ${head.chainIndex} 条，数据库中只到第 ${head.chainIndex - 3} 条 (newest entries deleted)`]);
    await cliFails('链尾被截断');

    // …and new entries sealed over the gap (with the key, but not through the app's sealer)
    for (let i = 0; i < 4; i++)
      await appendAudit(sys, { at: t.clock.now().toISOString(), userId: null, username: 'x', orgUnitId: null, action: 'case.test.cover', result: 'success', detail: String(i) });
    await sealPendingUnscoped(sys, t.db.handle.dialect, mac);
    expect((await chainHeadUnscoped(sys))!.chainIndex).toBe(head.chainIndex + 1);
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);
    expect((await verify()).problems[0]).toBe(`第 ${head.chainIndex - 2} 条与锚点记录不符：链尾被删除后重新封存 (chain re-sealed after the anchor)`);
    await putBack(s);

    // an anchor line moved back by hand does not verify
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { count: number };
    lines[lines.length - 1] = JSON.stringify({ ...last, count: 1 });
    fs.writeFileSync(file, lines.join('\n') + '\n');
    expect((await verify()).problems[0]).toBe(`审计锚点文件第 ${lines.length} 行被改动或损坏（其校验码不符）`);
    await putBack(s);
  }, 240_000);
});
