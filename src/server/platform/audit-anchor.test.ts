// The audit chain's head anchored outside the database: deleting the newest entries — which
// leaves a chain that verifies on its own — is caught, so is a tail deleted and sealed again, and
// an altered anchor file; `audit:verify` says so and fails. On every database.
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../test/helpers/db';
import { createTestApp, TEST_KEY, type Agent, type TestApp } from '../../../test/helpers/app';
import { runCli } from '../../../test/cli/run-cli';
import { systemDb, type SystemDb } from '../db/system';
import { appendAudit, chainHeadUnscoped, sealPendingUnscoped, verifyChainUnscoped } from './audit.repo';
import { readAnchor } from './audit-anchor';
import { createFieldCrypto } from './crypto';

const mac = createFieldCrypto(TEST_KEY, 'aes-256-gcm').auditMac;

describe.each(dbKinds)('audit anchor on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let admin: Agent;
  let file: string;
  const target = () => ({ dataDir: t.db.dataDir, postgresUrl: t.db.handle.postgresUrl });

  beforeAll(async () => {
    t = await createTestApp(kind);
    sys = systemDb(t.db.handle.db);
    admin = await t.login('admin');
    file = t.config.auditAnchorFile;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('follows the head of the chain after each sealing', async () => {
    const unit = await sys.selectFrom('org_units').select('id').where('code', '=', '330523105003').executeTakeFirstOrThrow();
    for (let i = 0; i < 5; i++) expect((await admin.post('/api/org-units', { parentId: unit.id, name: `锚点网格${i}` })).statusCode).toBe(200);
    await t.app.sealer.sealNow();
    const head = await chainHeadUnscoped(sys);
    const anchor = readAnchor(file, mac);
    expect(anchor).not.toBeNull();
    expect(anchor).not.toBe('invalid');
    expect(anchor).toMatchObject({ chainIndex: head!.chainIndex, hash: head!.hash });
    expect((await verifyChainUnscoped(sys, mac, file)).ok).toBe(true);
  });

  it('catches the newest entries deleted, a tail sealed again, and an altered anchor', async () => {
    if (kind === 'postgres') await sql`drop trigger audit_logs_guard on audit_logs`.execute(sys);
    else {
      await sql`drop trigger audit_logs_no_delete`.execute(sys);
      await sql`drop trigger audit_logs_seal_only`.execute(sys);
    }
    const head = (await chainHeadUnscoped(sys))!;
    // delete the newest three entries: what is left is a chain that verifies by itself
    await sys.deleteFrom('audit_logs').where('chain_index', '>', head.chainIndex - 3).execute();
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);
    const cut = await verifyChainUnscoped(sys, mac, file);
    expect(cut.ok).toBe(false);
    expect(cut.problems).toEqual([`链尾被截断：锚点记录已封存至第 ${head.chainIndex} 条，数据库中只到第 ${head.chainIndex - 3} 条 (newest entries deleted)`]);
    const cli = await runCli(['audit:verify'], target());
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('链尾被截断');

    // …and new entries sealed over the gap (with the key, but not through the app's sealer)
    for (let i = 0; i < 4; i++)
      await appendAudit(sys, { at: t.clock.now().toISOString(), userId: null, username: 'x', orgUnitId: null, action: 'test.cover', result: 'success', detail: String(i) });
    await sealPendingUnscoped(sys, t.db.handle.dialect, mac);
    expect((await chainHeadUnscoped(sys))!.chainIndex).toBe(head.chainIndex + 1);
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);
    const resealed = await verifyChainUnscoped(sys, mac, file);
    expect(resealed.problems).toEqual([`第 ${head.chainIndex} 条与锚点记录不符：链尾被删除后重新封存 (chain re-sealed after the anchor)`]);

    // an anchor file moved back by hand does not verify
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { chainIndex: number };
    fs.writeFileSync(file, JSON.stringify({ ...stored, chainIndex: 1 }));
    expect(readAnchor(file, mac)).toBe('invalid');
    expect((await verifyChainUnscoped(sys, mac, file)).problems).toEqual(['审计锚点文件被改动或损坏（其校验码不符）']);
  });
});
