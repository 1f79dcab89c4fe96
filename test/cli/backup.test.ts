// Backup and restore on every database: a backup taken while the server keeps writing holds every
// row committed before it started, restores into a fresh database, and its audit chain verifies;
// and the CLI commands `backup FILE` / `restore FILE` (SQLite) do the same end to end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds, type TestDb } from '../helpers/db';
import { createTestApp, json, TEST_KEY, TEST_PASSWORD, type Agent, type TestApp } from '../helpers/app';
import { backupDatabase, restoreDatabase } from '../../src/server/cli/backup';
import { openPostgres, openSqlite, type DbHandle } from '../../src/server/db/client';
import { migrateToLatest } from '../../src/server/db/migrate';
import { systemDb } from '../../src/server/db/system';
import { sealPendingUnscoped, verifyChainUnscoped } from '../../src/server/platform/audit.repo';
import { createFieldCrypto } from '../../src/server/platform/crypto';
import { runCli } from './run-cli';

const mac = createFieldCrypto(TEST_KEY, 'aes-256-gcm').auditMac;

describe.each(dbKinds)('backup and restore on %s', (kind) => {
  let t: TestApp;
  let admin: Agent;
  let tmp: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('admin');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-backup-'));
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** a fresh, empty database to restore into (PostgreSQL: not migrated, as after createdb) */
  const freshTarget = async (): Promise<{ handle: () => DbHandle; target: { sqliteFile?: string; postgresUrl?: string }; db?: TestDb }> => {
    if (kind === 'postgres') {
      const db = await createTestDb(kind, { migrate: false });
      cleanups.push(db.drop);
      return { handle: () => db.handle, target: { postgresUrl: db.handle.postgresUrl }, db };
    }
    const dir = fs.mkdtempSync(path.join(tmp, 'restore-'));
    const file = path.join(dir, 'rongjia.sqlite');
    let h: DbHandle | undefined;
    cleanups.push(async () => h?.close());
    return { handle: () => (h ??= openSqlite(file)), target: { sqliteFile: file } };
  };

  it('backs up while writes continue and restores every row committed before the backup began', async () => {
    const sys = systemDb(t.db.handle.db);
    const villages = await sys.selectFrom('org_units').select('id').where('level', '=', 'village').orderBy('code').limit(20).execute();
    const committed: { kind: 'unit' | 'staff'; id: string }[] = [];
    let stop = false;
    let i = 0;
    const writer = (async () => {
      while (!stop) {
        const n = i++;
        const parentId = villages[n % villages.length].id;
        const res =
          n % 5 === 4
            ? await admin.post('/api/staff', { username: `bk.${kind}.${n}`, displayName: `备份${n}`, orgUnitId: parentId, roles: ['worker'] })
            : await admin.post('/api/org-units', { parentId, name: `备份网格${n}` });
        if (res.statusCode !== 200) throw new Error(res.body);
        const body = json<{ id?: string; staff?: { id: string } }>(res);
        committed.push(body.staff ? { kind: 'staff', id: body.staff.id } : { kind: 'unit', id: body.id! });
      }
    })();
    while (committed.length < 15) await new Promise((r) => setTimeout(r, 5));
    const before = [...committed];
    const file = path.join(tmp, `online.${kind === 'postgres' ? 'dump' : 'sqlite'}`);
    await backupDatabase({ sqliteFile: t.db.handle.sqliteFile, postgresUrl: t.db.handle.postgresUrl }, file);
    const during = committed.length - before.length;
    stop = true;
    await writer;
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    // writes went on while the backup ran
    expect(during).toBeGreaterThan(0);

    const fresh = await freshTarget();
    await restoreDatabase(fresh.target, file);
    const restored = fresh.handle();
    await migrateToLatest(restored);
    const rdb = systemDb(restored.db);
    const unitIds = new Set((await rdb.selectFrom('org_units').select('id').execute()).map((r) => r.id));
    const userIds = new Set((await rdb.selectFrom('users').select('id').execute()).map((r) => r.id));
    for (const c of before) expect(c.kind === 'unit' ? unitIds.has(c.id) : userIds.has(c.id), `${c.kind} ${c.id}`).toBe(true);
    expect(before.some((c) => c.kind === 'staff')).toBe(true);
    // and the demo county as a whole
    expect((await rdb.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).where('level', '=', 'village').executeTakeFirstOrThrow()).n).toBe(218);
    // a restored audit chain verifies, also after sealing what was in flight
    const report = await verifyChainUnscoped(rdb, mac);
    expect(report.problems).toEqual([]);
    expect(report.checked).toBeGreaterThan(before.length);
    await sealPendingUnscoped(rdb, restored.dialect, mac);
    expect((await verifyChainUnscoped(rdb, mac)).ok).toBe(true);
    // the database guards came back with the data
    const err = await rdb.deleteFrom('audit_logs').execute().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(String(err?.message)).toMatch(/append-only/);
    // the restored database serves the app: a demo account signs in
    const { buildApp } = await import('../../src/server/app');
    const app = await buildApp({ config: t.config, handle: restored, clock: t.clock, crypto: createFieldCrypto(TEST_KEY, 'aes-256-gcm'), logger: false });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'village', password: TEST_PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('finishes an online backup of a larger database under constant writes', async () => {
    const sys = systemDb(t.db.handle.db);
    await sys.schema.createTable('bk_filler').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('pad', 'text').execute();
    const pad = 'x'.repeat(1000);
    await sys.transaction().execute(async (trx) => {
      for (let i = 0; i < 20_000; i += 500) {
        await trx.insertInto('bk_filler' as never).values(Array.from({ length: 500 }, (_, j) => ({ id: i + j, pad })) as never).execute();
      }
    });
    let stop = false;
    let writes = 0;
    const writer = (async () => {
      while (!stop) {
        await sys.insertInto('bk_filler' as never).values({ id: 100_000 + writes, pad: 'w' } as never).execute();
        writes++;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const file = path.join(tmp, `big.${kind === 'postgres' ? 'dump' : 'sqlite'}`);
    const started = Date.now();
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000));
    const result = await Promise.race([backupDatabase({ sqliteFile: t.db.handle.sqliteFile, postgresUrl: t.db.handle.postgresUrl }, file).then(() => 'done' as const), timeout]);
    stop = true;
    await writer;
    expect(result, `backup still running after ${Date.now() - started} ms and ${writes} writes`).toBe('done');
    expect(writes).toBeGreaterThan(0);
    expect(fs.statSync(file).size).toBeGreaterThan(kind === 'sqlite' ? 20_000_000 : 10_000);
  });
});

describe.each(dbKinds)('backup and restore CLI commands on %s', (kind) => {
  let t: TestApp;
  let admin: Agent;
  let tmp: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('admin');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-backup-cli-'));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('backs up with `backup FILE` and restores over the database with `restore FILE`', async () => {
    const target = { dataDir: t.db.dataDir, postgresUrl: t.db.handle.postgresUrl };
    const sys = systemDb(t.db.handle.db);
    const village = (await sys.selectFrom('org_units').select('id').where('code', '=', '330523105003').executeTakeFirstOrThrow()).id;
    const mark = async (name: string) => json<{ id: string }>(await admin.post('/api/org-units', { parentId: village, name })).id;
    const kept = await mark('备份前的网格');
    const file = path.join(tmp, kind === 'postgres' ? 'cli.dump' : 'cli.sqlite');
    const backup = await runCli(['backup', file], target);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('已备份到');
    const lost = await mark('备份后的网格');

    // refusals, in Chinese, that leave the database alone
    const missing = await runCli(['restore', path.join(tmp, 'nope.bak')], target);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到备份文件');
    const junk = path.join(tmp, 'junk.bak');
    fs.writeFileSync(junk, 'not a backup');
    const bad = await runCli(['restore', junk], target);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(kind === 'postgres' ? /pg_restore 失败/ : /该文件不是戎家的备份/);
    if (kind === 'sqlite') {
      const other = path.join(tmp, 'other.sqlite');
      const o = openSqlite(other);
      await systemDb(o.db).schema.createTable('things').addColumn('id', 'text').execute();
      await o.close();
      const notOurs = await runCli(['restore', other], target);
      expect(notOurs.code).toBe(1);
      expect(notOurs.stderr).toContain('该文件不是戎家的备份');
    }
    expect(await sys.selectFrom('org_units').select('id').where('id', 'in', [kept, lost]).execute()).toHaveLength(2);

    // restore: the server is stopped first (SQLite requires it)
    await t.app.close();
    await t.db.handle.close();
    const restore = await runCli(['restore', file], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`已从 ${file} 恢复`);
    const h = kind === 'postgres' ? openPostgres(t.db.handle.postgresUrl!, 2) : openSqlite(t.db.handle.sqliteFile!);
    try {
      const ids = (await systemDb(h.db).selectFrom('org_units').select('id').where('id', 'in', [kept, lost]).execute()).map((r) => r.id);
      expect(ids).toEqual([kept]);
    } finally {
      await h.close();
    }
    const verify = await runCli(['audit:verify'], target);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('审计日志完整');
    // six CLI processes (each loads the compiled server, and restore boots it): on a machine
    // busy with other work each start can take several seconds
  }, 240_000);
});
