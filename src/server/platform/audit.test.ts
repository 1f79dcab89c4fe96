// The audit chain on every database: writes are sealed into one linked chain that verifies (in
// process and with `npm run cli -- audit:verify`); the database itself refuses to edit a sealed
// entry or delete any; concurrent writers and sealers (another process too) never fork it; and an
// attacker who drops the guards and edits or deletes an entry is caught.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../test/helpers/db';
import { createTestApp, json, TEST_KEY, type Agent, type TestApp } from '../../../test/helpers/app';
import { runCli } from '../../../test/cli/run-cli';
import { openPostgres } from '../db/client';
import { systemDb, type SystemDb } from '../db/system';
import { appendAudit, sealPendingUnscoped, verifyChainUnscoped } from './audit.repo';
import { createFieldCrypto } from './crypto';

const mac = createFieldCrypto(TEST_KEY, 'aes-256-gcm').auditMac;

describe.each(dbKinds)('audit chain on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let admin: Agent;
  const target = () => ({ dataDir: t.db.dataDir, postgresUrl: t.db.handle.postgresUrl });
  const chain = () =>
    sys.selectFrom('audit_logs').selectAll().where('chain_index', 'is not', null).orderBy('chain_index').execute();
  /** one line, no fork: indexes 1..n without a hole or a repeat, each entry linked to the one before */
  const expectOneChain = async () => {
    const rows = await chain();
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((r, i) => {
      expect(Number(r.chain_index)).toBe(i + 1);
      expect(r.prev_hash).toBe(i === 0 ? null : rows[i - 1].hash);
      expect(r.hash).toMatch(/^[0-9a-f]{32,}$/);
    });
    const unsealed = await sys.selectFrom('audit_logs').select('seq').where('hash', 'is', null).execute();
    expect(unsealed).toEqual([]);
    return rows;
  };
  const unitId = async (code: string) => (await sys.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const refused = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err, 'the database accepted the change').not.toBeNull();
    expect(String(err?.message)).toMatch(/append-only/);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    sys = systemDb(t.db.handle.db);
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seals a series of writes into one linked chain that verifies', async () => {
    const village = await unitId('330523105003');
    const grid = json<{ id: string }>(await admin.post('/api/org-units', { parentId: village, name: '审计网格' }));
    expect((await admin.patch(`/api/org-units/${grid.id}`, { headName: '网格长' })).statusCode).toBe(200);
    const created = await admin.post('/api/staff', { username: 'au.one', displayName: '审计一', orgUnitId: village, roles: ['worker'] });
    const staffId = json<{ staff: { id: string } }>(created).staff.id;
    expect((await admin.patch(`/api/staff/${staffId}`, { title: '专干' })).statusCode).toBe(200);
    expect((await admin.post(`/api/staff/${staffId}/disable`)).statusCode).toBe(200);
    expect((await admin.post(`/api/staff/${staffId}/enable`)).statusCode).toBe(200);
    expect((await admin.post(`/api/staff/${staffId}/reset-password`)).statusCode).toBe(200);
    // an entry appended now is unsealed until the sealer links it
    await appendAudit(t.db.handle.db, { at: t.clock.now().toISOString(), userId: null, username: 'test', orgUnitId: null, action: 'case.test.pending', result: 'success' });
    expect((await sys.selectFrom('audit_logs').select('seq').where('hash', 'is', null).execute()).length).toBeGreaterThan(0);
    await t.app.sealer.sealNow();

    const rows = await expectOneChain();
    const actions = rows.map((r) => r.action);
    for (const a of ['auth.login', 'org-unit.create', 'org-unit.update', 'staff.create', 'staff.update', 'staff.disable', 'staff.enable', 'staff.reset-password', 'case.test.pending']) {
      expect(actions).toContain(a);
    }
    // the chain is in the order of writing
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const report = await verifyChainUnscoped(sys, mac);
    expect(report).toEqual({ ok: true, checked: rows.length, unsealed: 0, problems: [] });
    // a different key does not verify it
    const other = await verifyChainUnscoped(sys, createFieldCrypto(Buffer.alloc(32, 8), 'aes-256-gcm').auditMac);
    expect(other.ok).toBe(false);

    const cli = await runCli(['audit:verify'], target());
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`审计日志完整：已校验 ${rows.length} 条`);
    const wrongKey = await runCli(['audit:verify'], target(), { ENCRYPTION_KEY: '08'.repeat(32) });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('审计日志被改动');
  });

  it('lets the database refuse an edit of a sealed entry and any delete', async () => {
    const rows = await expectOneChain();
    const mid = rows[Math.floor(rows.length / 2)];
    const db = t.db.handle.db;
    await refused(db.updateTable('audit_logs').set({ detail: 'changed' }).where('seq', '=', mid.seq).execute());
    await refused(db.updateTable('audit_logs').set({ hash: 'ff'.repeat(32) }).where('seq', '=', mid.seq).execute());
    await refused(db.updateTable('audit_logs').set({ chain_index: null, hash: null, prev_hash: null }).where('seq', '=', mid.seq).execute());
    await refused(db.updateTable('audit_logs').set({ username: 'someone' }).where('seq', '=', mid.seq).execute());
    await refused(db.deleteFrom('audit_logs').where('seq', '=', mid.seq).execute());
    await refused(db.deleteFrom('audit_logs').execute());
    // an unsealed entry cannot be edited or deleted either, only sealed
    await appendAudit(db, { at: t.clock.now().toISOString(), userId: null, username: 'test', orgUnitId: null, action: 'case.test.unsealed', result: 'success', detail: 'original' });
    const fresh = await sys.selectFrom('audit_logs').selectAll().where('action', '=', 'case.test.unsealed').executeTakeFirstOrThrow();
    expect(fresh.hash).toBeNull();
    await refused(db.updateTable('audit_logs').set({ detail: 'changed' }).where('seq', '=', fresh.seq).execute());
    await refused(db.updateTable('audit_logs').set({ action: 'test.other' }).where('seq', '=', fresh.seq).execute());
    await refused(db.deleteFrom('audit_logs').where('seq', '=', fresh.seq).execute());
    expect(await t.app.sealer.sealNow()).toBeGreaterThanOrEqual(1);
    const after = await expectOneChain();
    expect(after.map((r) => r.detail)).toContain('original');
    expect(after.find((r) => r.seq === mid.seq)).toEqual(mid);
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);
  });

  it('keeps one unforked chain under concurrent writers and concurrent sealers', async () => {
    const village = await unitId('330523105004');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await admin.post('/api/staff', { username: `au.par${i}`, displayName: `并发${i}`, orgUnitId: village, roles: ['worker'] });
      ids.push(json<{ staff: { id: string } }>(r).staff.id);
    }
    const before = (await sys.selectFrom('audit_logs').select('seq').where('action', '=', 'staff.update').execute()).length;
    // a second server instance's sealer on its own connections (PostgreSQL: the advisory lock),
    // appending its sealings to the same anchor file
    const second = kind === 'postgres' ? openPostgres(t.db.handle.postgresUrl!, 3) : null;
    let stop = false;
    const otherSealer = (async () => {
      let n = 0;
      while (!stop && second) {
        n += await sealPendingUnscoped(systemDb(second.db), 'postgres', mac, { anchorFile: t.config.auditAnchorFile });
        await new Promise((r) => setTimeout(r, 2));
      }
      return n;
    })();
    try {
      const edits = await Promise.all(
        Array.from({ length: 20 }, (_, i) => admin.patch(`/api/staff/${ids[i % ids.length]}`, { title: `第${i}次`, workPhone: `0572-${1000 + i}` })),
      );
      for (const e of edits) expect(e.statusCode, e.body).toBe(200);
      // and the CLI in its own process sealing and verifying while more writes come in
      const cli = runCli(['audit:verify'], target());
      let done = false;
      void cli.then(() => (done = true));
      let k = 0;
      while (!done) {
        const r = await admin.patch(`/api/staff/${ids[k % ids.length]}`, { title: `循环${k++}` });
        expect(r.statusCode, r.body).toBe(200);
      }
      const res = await cli;
      expect(res.code, res.stderr).toBe(0);
      expect(k).toBeGreaterThan(0);
      stop = true;
      await otherSealer;
      await t.app.sealer.sealNow();
      const after = (await sys.selectFrom('audit_logs').select('seq').where('action', '=', 'staff.update').execute()).length;
      expect(after - before).toBe(20 + k);
    } finally {
      stop = true;
      await otherSealer.catch(() => 0);
      await second?.close();
    }
    const rows = await expectOneChain();
    const indexes = new Set(rows.map((r) => Number(r.chain_index)));
    expect(indexes.size).toBe(rows.length);
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);
  });

  it('lets the CLI seal and verify while the server keeps writing in its own transactions', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const cli = runCli(['audit:verify'], target());
    let done = false;
    void cli.then(() => (done = true));
    let n = 0;
    // the server's write transactions, each held open a while, back to back until the CLI is done
    while (!done) {
      await t.db.handle.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { at: t.clock.now().toISOString(), userId: null, username: 'test', orgUnitId: null, action: 'case.test.held', result: 'success', detail: String(n++) });
        await sleep(100);
      });
      // short gaps, as between real requests: SQLite's busy handler polls, it does not queue
      await sleep(60);
    }
    const res = await cli;
    expect(res.code, res.stderr).toBe(0);
    expect(n).toBeGreaterThan(1);
    await t.app.sealer.sealNow();
    await expectOneChain();
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);
  });

  it('catches an attacker who drops the guards and edits or deletes an entry', async () => {
    if (kind === 'postgres') await sql`drop trigger audit_logs_guard on audit_logs`.execute(sys);
    else {
      await sql`drop trigger audit_logs_no_delete`.execute(sys);
      await sql`drop trigger audit_logs_seal_only`.execute(sys);
    }
    const rows = await expectOneChain();
    expect(rows.length).toBeGreaterThan(10);

    // edit one entry's detail
    const victim = rows.find((r) => r.action === 'staff.update')!;
    const index = Number(victim.chain_index);
    await sys.updateTable('audit_logs').set({ detail: '{"title":"无事发生"}' }).where('seq', '=', victim.seq).execute();
    const edited = await verifyChainUnscoped(sys, mac);
    expect(edited.ok).toBe(false);
    expect(edited.problems).toEqual([`内容被改动：第 ${index} 条 (seq ${victim.seq})`]);
    const cli = await runCli(['audit:verify'], target());
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('审计日志被改动');
    expect(cli.stderr).toContain(`内容被改动：第 ${index} 条`);
    // put it back: the chain verifies again, so it was the edit that was caught
    await sys.updateTable('audit_logs').set({ detail: victim.detail }).where('seq', '=', victim.seq).execute();
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);

    // other columns are covered too
    for (const patch of [{ username: 'nobody' }, { at: '2020-01-01T00:00:00.000Z' }, { result: 'failure' }, { target_id: 'x' }]) {
      await sys.updateTable('audit_logs').set(patch).where('seq', '=', victim.seq).execute();
      expect((await verifyChainUnscoped(sys, mac)).ok, JSON.stringify(patch)).toBe(false);
      await sys
        .updateTable('audit_logs')
        .set({ username: victim.username, at: victim.at, result: victim.result, target_id: victim.target_id })
        .where('seq', '=', victim.seq)
        .execute();
    }
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);

    // a forged entry with a made-up hash
    await sys.updateTable('audit_logs').set({ detail: 'forged', hash: 'ab'.repeat(32) }).where('seq', '=', victim.seq).execute();
    const forged = await verifyChainUnscoped(sys, mac);
    expect(forged.ok).toBe(false);
    expect(forged.problems.join('\n')).toContain(`第 ${index + 1} 条`);
    await sys.updateTable('audit_logs').set({ detail: victim.detail, hash: victim.hash }).where('seq', '=', victim.seq).execute();
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);

    // delete a middle entry
    const middle = rows[Math.floor(rows.length / 2)];
    const m = Number(middle.chain_index);
    await sys.deleteFrom('audit_logs').where('seq', '=', middle.seq).execute();
    const gap = await verifyChainUnscoped(sys, mac);
    expect(gap.ok).toBe(false);
    expect(gap.problems.some((p) => p.includes(`第 ${m} 条至第 ${m} 条缺失`))).toBe(true);
    expect(gap.checked).toBe(rows.length - 1);
    const cliGap = await runCli(['audit:verify'], target());
    expect(cliGap.code).toBe(1);
    expect(cliGap.stderr).toContain('缺失');
    // the first entry too
    await sys.deleteFrom('audit_logs').where('chain_index', '=', 1).execute();
    const head = await verifyChainUnscoped(sys, mac);
    expect(head.problems.some((p) => p.includes('第 1 条至第 1 条缺失'))).toBe(true);
  });
});
