// Org units through the real API as the county's system admin, on every database: listing and
// search, creating grids and villages (codes), editing, moving and merging with everything below,
// the refusals (Chinese messages, nothing changed) and the audit trail of every write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, TEST_KEY, type Agent, type TestApp } from '../../../../test/helpers/app';
import { verifyChainUnscoped } from '../../platform/audit.repo';
import { createFieldCrypto } from '../../platform/crypto';
import { generateRecipients } from '../../cli/demo-recipients';
import { insertGeneratedUnscoped } from '../recipients';
import { systemDb, type SystemDb } from '../../db/system';
import type { OrgUnitDto } from '../../../shared/schemas/org-units';
import type { AuditLogDto } from '../../../shared/schemas/audit-logs';
import type { MeDto } from '../../../shared/schemas/auth';

type Page<T> = { items: T[]; total: number; totalCapped: boolean; page: number; pageSize: number };
type ErrorBody = { error: string; message: string; details?: { path: string; message: string }[] };

const COUNTY = '330523';
const XIAOFENG = '330523105'; // 孝丰镇
const HANGGAI = '330523104'; // 杭垓镇
const chinese = /[\u4e00-\u9fa5]/;

describe.each(dbKinds)('org units on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let admin: Agent;
  let auditor: Agent;

  const unit = (code: string) =>
    sys.selectFrom('org_units').selectAll().where('code', '=', code).where('active', '=', 1).executeTakeFirstOrThrow();
  const unitById = (id: string) => sys.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const userByName = (username: string) => sys.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  /** every org unit and user row, and the audit entry count: a refused request changes none of it */
  const snapshot = async () =>
    JSON.stringify([
      await sys.selectFrom('org_units').selectAll().orderBy('id').execute(),
      await sys.selectFrom('users').select(['id', 'org_unit_id', 'org_path', 'roles', 'disabled']).orderBy('id').execute(),
      await sys.selectFrom('access_grants').selectAll().orderBy('id').execute(),
      (await sys.selectFrom('audit_logs').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'org-unit.%').executeTakeFirstOrThrow()).n,
    ]);
  const audits = async (targetId: string) => {
    await t.app.sealer.sealNow();
    const res = await auditor.get(`/api/audit-logs?targetId=${targetId}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    return json<Page<AuditLogDto>>(res).items;
  };
  const expectRefused = async (res: { statusCode: number; body: string }, status: number | RegExp, message?: RegExp) => {
    if (typeof status === 'number') expect(res.statusCode, res.body).toBe(status);
    else expect(String(res.statusCode)).toMatch(status);
    const body = JSON.parse(res.body) as ErrorBody;
    expect(body.message).toMatch(chinese);
    if (message) expect(body.message).toMatch(message);
    return body;
  };
  /** depth agrees with the path, and the path is the parent's path plus the own id */
  const expectConsistentTree = async () => {
    const rows = await sys.selectFrom('org_units').select(['id', 'parent_id', 'path', 'key_path', 'depth', 'active']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const codes = new Map<string, string>();
    for (const r of rows.filter((x) => x.active === 1)) {
      expect(r.path.endsWith(`/${r.id}/`)).toBe(true);
      expect(r.depth).toBe(r.path.split('/').filter(Boolean).length - 1);
      if (r.parent_id) expect(r.path).toBe(`${byId.get(r.parent_id)!.path}${r.id}/`);
      // the key path (0060) follows the path: the parent's key path and the unit's own code, never another's
      const code = r.key_path.split('/').at(-2)!;
      expect(codes.get(code), r.id).toBeUndefined();
      codes.set(code, r.id);
      expect(r.key_path.split('/').length).toBe(r.path.split('/').length);
      if (r.parent_id) expect(r.key_path).toBe(`${byId.get(r.parent_id)!.key_path}${code}/`);
    }
    // the name tokens of every record are keyed by its unit's key path
    const stale = await sql<{ n: number }>`select count(*) as n from recipient_name_tokens x join recipients r on r.id = x.recipient_id
      join org_units u on u.id = r.org_unit_id where x.unit_key <> u.key_path`.execute(sys);
    expect(Number(stale.rows[0].n)).toBe(0);
    const users = await sys
      .selectFrom('users')
      .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .select(['users.username', 'users.org_path', 'org_units.path', 'org_units.active'])
      .execute();
    for (const u of users) {
      expect(u.org_path, u.username).toBe(u.path);
      expect(u.active, u.username).toBe(1);
    }
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    sys = systemDb(t.db.handle.db);
    admin = await t.login('admin');
    auditor = await t.login('auditor');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('listing and search', () => {
    it('lists only the own root without a filter', async () => {
      const page = json<Page<OrgUnitDto>>(await admin.get('/api/org-units'));
      expect(page.items.map((u) => u.code)).toEqual([COUNTY]);
      expect(page.items[0]).toMatchObject({ level: 'county', name: '安吉县', childCount: 15, active: true });
      expect(page.total).toBe(1);
      // the city viewer's root is the city; the county admin cannot see the city
      const city = await t.login('city');
      const cityRoot = json<Page<OrgUnitDto>>(await city.get('/api/org-units')).items;
      expect(cityRoot.map((u) => u.code)).toEqual(['3305']);
      expect((await admin.get(`/api/org-units/${cityRoot[0].id}`)).statusCode).toBe(404);
    });

    it('lists children by parentId, in code order, with paging', async () => {
      const county = await unit(COUNTY);
      const page = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?parentId=${county.id}&pageSize=50`));
      expect(page.total).toBe(15);
      expect(page.items.every((u) => u.level === 'township' && u.parentId === county.id)).toBe(true);
      const codes = page.items.map((u) => u.code);
      expect(codes).toEqual([...codes].sort());
      const xf = page.items.find((u) => u.code === XIAOFENG)!;
      expect(xf).toMatchObject({ name: '孝丰镇', childCount: 21 });
      const second = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?parentId=${county.id}&pageSize=10&page=2`));
      expect(second.items.map((u) => u.code)).toEqual(codes.slice(10));
      expect(second.total).toBe(15);
      const villages = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?parentId=${xf.id}&pageSize=100`));
      expect(villages.total).toBe(21);
      expect(villages.items.every((v) => v.level === 'village' && v.code.startsWith(XIAOFENG) && v.childCount === 3)).toBe(true);
    });

    it('searches by a name fragment and finds only names that contain it', async () => {
      const page = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?q=${encodeURIComponent('孝丰')}&pageSize=200`));
      expect(page.items.map((u) => u.name).sort()).toEqual(['孝丰社区居委会', '孝丰镇'].sort());
      expect(page.total).toBe(2);
      const one = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?q=${encodeURIComponent('潴口溪')}`));
      expect(one.items.map((u) => u.code)).toEqual(['330523105200']);
      // a fragment that is nowhere finds nothing; LIKE wildcards are taken literally
      for (const q of ['不存在的村', '%', '_', '孝丰%']) {
        const none = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?q=${encodeURIComponent(q)}`));
        expect(none.items, q).toEqual([]);
        expect(none.total, q).toBe(0);
      }
    });

    it('searches by a code prefix', async () => {
      const page = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?q=${XIAOFENG}&pageSize=200`));
      // the township, its 21 villages and their 63 grids
      expect(page.total).toBe(1 + 21 + 63);
      expect(page.items.every((u) => u.code.startsWith(XIAOFENG))).toBe(true);
      const villages = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?q=${XIAOFENG}&level=village&pageSize=200`));
      expect(villages.total).toBe(21);
      const exact = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?q=330523105200001`));
      expect(exact.items.map((u) => [u.code, u.level])).toEqual([['330523105200001', 'grid']]);
      // a village worker searching the whole county finds only what is in their range
      const village = await t.login('village');
      const mine = json<Page<OrgUnitDto>>(await village.get(`/api/org-units?q=${COUNTY}&pageSize=200`));
      expect(mine.items.map((u) => u.code).sort()).toEqual(['330523105003', '330523105003001', '330523105003002', '330523105003003']);
    });

    it('answers 404 for a parent outside the range and for an unknown id', async () => {
      const township = await t.login('township');
      const other = await unit(HANGGAI);
      await expectRefused(await township.get(`/api/org-units?parentId=${other.id}`), 404, /未找到/);
      await expectRefused(await township.get(`/api/org-units/${other.id}`), 404, /未找到/);
      await expectRefused(await admin.get('/api/org-units/nosuchunit0000000000'), 404, /未找到/);
      await expectRefused(await admin.get(`/api/org-units/${encodeURIComponent('bad id!')}`), 400, /编号格式不正确/);
      await expectRefused(await admin.get(`/api/org-units?parentId=${encodeURIComponent("x' or 1=1 --")}`), 400, /编号格式不正确/);
      await expectRefused(await admin.get('/api/org-units?level=town'), 400, /输入有误/);
      await expectRefused(await admin.get('/api/org-units?pageSize=201'), 400, /输入有误/);
      await expectRefused(await admin.get(`/api/org-units?q=${'长'.repeat(51)}`), 400, /输入有误/);
      // without a session nothing is listed
      await expectRefused(await t.agent().get('/api/org-units'), 401, /请先登录/);
    });
  });

  describe('creating', () => {
    it('creates grids under a village with the next local number', async () => {
      const village = await unit('330523105003');
      const res = await admin.post('/api/org-units', { parentId: village.id, name: '第四网格', headName: '孙丽' });
      expect(res.statusCode, res.body).toBe(200);
      const g = json<OrgUnitDto>(res);
      expect(g).toMatchObject({ level: 'grid', code: '330523105003004', parentId: village.id, name: '第四网格', headName: '孙丽', childCount: 0 });
      expect(g.path).toBe(`${village.path}${g.id}/`);
      const g2 = json<OrgUnitDto>(await admin.post('/api/org-units', { parentId: village.id, name: '第五网格' }));
      expect(g2.code).toBe('330523105003005');
      const v = json<OrgUnitDto>(await admin.get(`/api/org-units/${village.id}`));
      expect(v.childCount).toBe(5);
      expect((await audits(g.id)).map((a) => a.action)).toEqual(['org-unit.create']);
      // a village worker cannot create units (no org:write)
      const worker = await t.login('village');
      const before = await snapshot();
      await expectRefused(await worker.post('/api/org-units', { parentId: village.id, name: '越权网格' }), 403);
      expect(await snapshot()).toBe(before);
    });

    it('gives parallel grid creations under one village distinct numbers', async () => {
      const village = await unit('330523105008');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => admin.post('/api/org-units', { parentId: village.id, name: `并发网格${i + 1}` })),
      );
      for (const r of results) expect(r.statusCode, r.body).toBe(200);
      const codes = results.map((r) => json<OrgUnitDto>(r).code).sort();
      expect(codes).toEqual(Array.from({ length: 8 }, (_, i) => `330523105008${String(i + 4).padStart(3, '0')}`));
      const rows = await sys.selectFrom('org_units').select('code').where('parent_id', '=', village.id).execute();
      expect(new Set(rows.map((r) => r.code)).size).toBe(11);
    });

    it('answers 409 in Chinese when a village has used up its grid numbers', async () => {
      const village = await unit('330523105004');
      const last = await admin.post('/api/org-units', { parentId: village.id, code: '330523105004999', name: '第九九九网格' });
      expect(last.statusCode, last.body).toBe(200);
      const before = await snapshot();
      await expectRefused(await admin.post('/api/org-units', { parentId: village.id, name: '再多一个' }), 409, /网格编号.*已用完/);
      // an explicit grid code must still belong to the village
      await expectRefused(await admin.post('/api/org-units', { parentId: village.id, code: '330523105003998', name: '别村编号' }), 400, /应以上级代码 330523105004 开头/);
      expect(await snapshot()).toBe(before);
    });

    it('creates a village under a township with its 12-digit code', async () => {
      const township = await unit(XIAOFENG);
      const res = await admin.post('/api/org-units', {
        parentId: township.id,
        code: '330523105999',
        name: '新建村',
        address: '孝丰镇新建路 1 号',
        phone: '0572-5555555',
        officeHours: '周一至周五',
        unknownField: 'ignored',
      });
      expect(res.statusCode, res.body).toBe(200);
      const v = json<OrgUnitDto>(res);
      expect(v).toMatchObject({ level: 'village', code: '330523105999', parentId: township.id, address: '孝丰镇新建路 1 号', phone: '0572-5555555' });
      const row = await unitById(v.id);
      expect(row.depth).toBe(township.depth + 1);
      expect((await audits(v.id)).map((a) => a.action)).toEqual(['org-unit.create']);
      // its first grid gets 001
      const g = json<OrgUnitDto>(await admin.post('/api/org-units', { parentId: v.id, name: '第一网格' }));
      expect(g.code).toBe('330523105999001');
      await expectConsistentTree();
    });

    it('refuses bad codes and bad parents with a Chinese message, changing nothing', async () => {
      const township = await unit(XIAOFENG);
      const grid = await unit('330523105003001');
      const city = await unit('3305');
      const before = await snapshot();
      const body = (over: Record<string, unknown>) => ({ parentId: township.id, name: '坏村', ...over });
      const cases: [Record<string, unknown>, number, RegExp][] = [
        [body({}), 400, /请填写村\(社区\)的区划代码/],
        [body({ code: '3305231059' }), 400, /区划代码应为/], // 10 digits
        [body({ code: '33052310599a' }), 400, /区划代码应为/],
        [body({ code: '330523105' }), 400, /12 位/], // a township's length
        [body({ code: '330523105999001' }), 400, /12 位/], // a grid's length
        [body({ code: '330523104999' }), 400, /应以上级代码 330523105 开头/],
        [body({ code: '330523105003' }), 409, /已被其他单位使用/],
        [body({ code: '330523105999' }), 409, /已被其他单位使用/], // created just before
        [{ parentId: grid.id, name: '网格下级' }, 400, /网格下不能再设下级单位/],
        [body({ parentId: city.id, code: '330599' }), 404, /未找到/],
        [body({ parentId: 'nosuchunit0000000000', code: '330523105998' }), 404, /未找到/],
        [body({ code: '330523105998', name: '' }), 400, /请填写名称/],
        [body({ code: '330523105998', name: '   ' }), 400, /请填写名称/],
        [body({ code: '330523105998', name: '长'.repeat(61) }), 400, /输入有误/],
        [body({ code: '330523105998', name: 12345 }), 400, /输入有误/],
        [body({ code: 330523105998 }), 400, /输入有误/],
        [body({ code: '330523105998', phone: '电话号码' }), 400, /电话只能包含/],
        [body({ code: '330523105998', parentId: '../../etc' }), 400, /编号格式不正确/],
        [body({ code: '330523105998', parentId: 'x'.repeat(65) }), 400, /输入有误/],
        [body({ code: '330523105998', address: '址'.repeat(201) }), 400, /输入有误/],
        [{ name: '无上级' }, 400, /输入有误/],
      ];
      for (const [b, status, message] of cases) {
        const res = await admin.post('/api/org-units', b);
        await expectRefused(res, status, message);
      }
      // not JSON at all
      const raw = await admin.request('POST', '/api/org-units', '{"parentId":', { 'content-type': 'application/json' });
      await expectRefused(raw, 400);
      const text = await admin.request('POST', '/api/org-units', 'name=x', { 'content-type': 'text/plain' });
      await expectRefused(text, /^4\d\d$/);
      const form = await admin.request('POST', '/api/org-units', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
      await expectRefused(form, 415);
      expect(await snapshot()).toBe(before);
    });
  });

  describe('editing', () => {
    it('edits the published facts of a unit and audits the change', async () => {
      const v = await unit('330523105006');
      const res = await admin.patch(`/api/org-units/${v.id}`, {
        name: '城东社区',
        address: '孝丰镇城东路 8 号',
        phone: '0572-5123456',
        officeHours: '周一至周六 8:30-17:00',
        headName: '钱主任',
        // not editable: ignored
        code: '999999999999',
        level: 'county',
        path: '/x/',
        parentId: (await unit(COUNTY)).id,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(json<OrgUnitDto>(res)).toMatchObject({
        name: '城东社区',
        address: '孝丰镇城东路 8 号',
        phone: '0572-5123456',
        officeHours: '周一至周六 8:30-17:00',
        headName: '钱主任',
        code: '330523105006',
        level: 'village',
        parentId: v.parent_id,
        path: v.path,
      });
      const after = await unitById(v.id);
      expect(after).toMatchObject({ name: '城东社区', code: v.code, path: v.path, parent_id: v.parent_id, level: 'village' });
      // a partial edit leaves the rest alone
      json<OrgUnitDto>(await admin.patch(`/api/org-units/${v.id}`, { phone: '0572-5000000' }));
      expect(await unitById(v.id)).toMatchObject({ name: '城东社区', phone: '0572-5000000', head_name: '钱主任' });
      const log = await audits(v.id);
      expect(log.map((a) => a.action)).toEqual(['org-unit.update', 'org-unit.update']);
      expect(log.every((a) => a.username === 'admin' && a.result === 'success')).toBe(true);
    });

    it('refuses bad edits with a Chinese message, changing nothing', async () => {
      const v = await unit('330523105007');
      const before = await snapshot();
      const cases: [string, unknown, number, RegExp][] = [
        [v.id, { name: '' }, 400, /请填写名称/],
        [v.id, { name: '名'.repeat(61) }, 400, /输入有误/],
        [v.id, { name: ['数组'] }, 400, /输入有误/],
        [v.id, { phone: 'call me' }, 400, /电话只能包含/],
        [v.id, { officeHours: '时'.repeat(101) }, 400, /输入有误/],
        [v.id, { headName: 7 }, 400, /输入有误/],
        [v.id, [], 400, /输入有误/],
        ['bad id!', { name: '好名' }, 400, /编号格式不正确/],
        ['x'.repeat(65), { name: '好名' }, 400, /输入有误/],
        ['nosuchunit0000000000', { name: '好名' }, 404, /未找到该单位/],
        [(await unit('3305')).id, { name: '好名' }, 404, /未找到该单位/],
      ];
      for (const [id, b, status, message] of cases) {
        const res = await admin.request('PATCH', `/api/org-units/${encodeURIComponent(id)}`, b as never);
        await expectRefused(res, status, message);
      }
      expect(await snapshot()).toBe(before);
      // a township worker cannot edit (no org:write), and another township's admin sees nothing
      const township = await t.login('township');
      await expectRefused(await township.patch(`/api/org-units/${v.id}`, { name: '改名' }), 403);
      expect(await snapshot()).toBe(before);
    });
  });

  describe('moving', () => {
    it('moves a village with its grids and staff to another township, rewriting every path', async () => {
      const village = await unit('330523105200'); // 潴口溪村
      const from = await unit(XIAOFENG);
      const to = await unit(HANGGAI);
      const grids = await sys.selectFrom('org_units').selectAll().where('parent_id', '=', village.id).orderBy('code').execute();
      expect(grids).toHaveLength(3);
      // staff in the village and in one of its grids; a worker at the receiving township
      const mk = async (username: string, orgUnitId: string) => {
        const res = await admin.post('/api/staff', { username, displayName: username, orgUnitId, roles: ['worker'] });
        expect(res.statusCode, res.body).toBe(200);
        const pw = json<{ initialPassword: string }>(res).initialPassword;
        const a = t.agent(username);
        await a.post('/api/auth/login', { username, password: pw });
        const ch = await a.post('/api/me/password', { currentPassword: pw, newPassword: 'Moved#Village2026' });
        expect(ch.statusCode, ch.body).toBe(200);
        return a;
      };
      const villageWorker = await mk('mv-village', village.id);
      await mk('mv-grid', grids[0].id);
      const hanggaiWorker = await t.createUser({ username: 'mv-hanggai', roles: ['worker'], orgUnitId: to.id }).then(() => t.login('mv-hanggai'));
      const xiaofengWorker = await t.login('township');

      expect((await xiaofengWorker.get(`/api/org-units/${village.id}`)).statusCode).toBe(200);
      expect((await hanggaiWorker.get(`/api/org-units/${village.id}`)).statusCode).toBe(404);

      // a person registered in one of the village's grids, found by name by the township it belongs to
      const [generated] = [...generateRecipients(1, [{ id: grids[1].id, path: grids[1].path, name: grids[1].name, villageName: village.name }], { seed: 11, today: '2026-06-30', crypto: createFieldCrypto(TEST_KEY, 'aes-256-gcm'), at: new Date().toISOString(), createdBy: 'test' })];
      await insertGeneratedUnscoped(sys, [generated]);
      const person = generated.recipient;
      const foundBy = async (a: Agent) => json<Page<{ id: string }>>(await a.get(`/api/recipients?q=${encodeURIComponent(person.name)}&pageSize=100`)).items.map((r) => r.id);
      expect(await foundBy(xiaofengWorker)).toContain(person.id);
      expect(await foundBy(hanggaiWorker)).not.toContain(person.id);

      const res = await admin.post(`/api/org-units/${village.id}/move`, { newParentId: to.id });
      expect(res.statusCode, res.body).toBe(200);
      const moved = json<OrgUnitDto>(res);
      // the name search follows the move (its index is keyed by unit key paths, 0060)
      expect(await foundBy(hanggaiWorker)).toContain(person.id);
      expect(await foundBy(xiaofengWorker)).not.toContain(person.id);
      const newPath = `${to.path}${village.id}/`;
      expect(moved).toMatchObject({ id: village.id, parentId: to.id, path: newPath, code: village.code, childCount: 3 });

      // every path below is rewritten, depths kept
      for (const g of grids) {
        const after = await unitById(g.id);
        expect(after.path).toBe(`${newPath}${g.id}/`);
        expect(after.depth).toBe(g.depth);
        expect(after.parent_id).toBe(village.id);
      }
      expect((await userByName('mv-village')).org_path).toBe(newPath);
      expect((await userByName('mv-grid')).org_path).toBe(`${newPath}${grids[0].id}/`);
      await expectConsistentTree();

      // the village's worker sees the new position at once (same session)
      const root = json<Page<OrgUnitDto>>(await villageWorker.get('/api/org-units')).items;
      expect(root.map((u) => [u.id, u.parentId, u.path])).toEqual([[village.id, to.id, newPath]]);
      const me = json<MeDto>(await villageWorker.get('/api/me'));
      expect(me.orgUnit.id).toBe(village.id);
      // the former township's worker no longer sees it; the new township's does
      await expectRefused(await xiaofengWorker.get(`/api/org-units/${village.id}`), 404);
      await expectRefused(await xiaofengWorker.get(`/api/org-units/${grids[1].id}`), 404);
      expect(json<Page<OrgUnitDto>>(await xiaofengWorker.get(`/api/org-units?parentId=${from.id}&pageSize=100`)).items.map((u) => u.id)).not.toContain(village.id);
      expect((await hanggaiWorker.get(`/api/org-units/${village.id}`)).statusCode).toBe(200);
      expect((await hanggaiWorker.get(`/api/org-units/${grids[2].id}`)).statusCode).toBe(200);
      // staff lists follow too
      const townshipHead = await t.login('townshiphead');
      const xfStaff = json<Page<{ username: string }>>(await townshipHead.get('/api/staff?pageSize=200')).items.map((s) => s.username);
      expect(xfStaff).not.toContain('mv-village');
      expect(xfStaff).not.toContain('mv-grid');
      // a new grid under the moved village still continues its own numbers
      const g4 = json<OrgUnitDto>(await admin.post('/api/org-units', { parentId: village.id, name: '第四网格' }));
      expect(g4.code).toBe('330523105200004');
      expect(g4.path).toBe(`${newPath}${g4.id}/`);

      const log = await audits(village.id);
      expect(log.map((a) => a.action)).toContain('org-unit.move');
      expect(JSON.parse(log.find((a) => a.action === 'org-unit.move')!.detail!)).toEqual({ from: from.id, to: to.id });
    });

    it('moves a grid to another village of the same township', async () => {
      const grid = await unit('330523105201003');
      const to = await unit('330523105202');
      const res = await admin.post(`/api/org-units/${grid.id}/move`, { newParentId: to.id });
      expect(res.statusCode, res.body).toBe(200);
      expect(json<OrgUnitDto>(res)).toMatchObject({ parentId: to.id, path: `${to.path}${grid.id}/`, code: '330523105201003' });
      // the old village never hands out 003 again, the new one continues its own numbers
      const old = await unit('330523105201');
      expect(json<OrgUnitDto>(await admin.post('/api/org-units', { parentId: old.id, name: '补充网格' })).code).toBe('330523105201004');
      expect(json<OrgUnitDto>(await admin.post('/api/org-units', { parentId: to.id, name: '补充网格' })).code).toBe('330523105202004');
      await expectConsistentTree();
    });

    it('refuses to move the own unit, into the own subtree, across levels or to the same parent', async () => {
      const county = await unit(COUNTY);
      const township = await unit(XIAOFENG);
      const village = await unit('330523105205');
      const grid = await unit('330523105205001');
      const other = await unit(HANGGAI);
      const otherVillage = await unit('330523104200');
      const before = await snapshot();
      const cases: [string, unknown, number, RegExp][] = [
        [county.id, { newParentId: township.id }, 400, /不能移动本人所在单位/],
        [township.id, { newParentId: village.id }, 400, /不能移动到自身或自身的下级单位之下/],
        [township.id, { newParentId: township.id }, 400, /不能移动/],
        [village.id, { newParentId: grid.id }, 400, /不能移动到自身或自身的下级单位之下/],
        [village.id, { newParentId: county.id }, 400, /村\(社区\)只能放在乡镇\(街道\)之下/],
        [village.id, { newParentId: otherVillage.id }, 400, /只能放在/],
        [grid.id, { newParentId: other.id }, 400, /网格只能放在村\(社区\)之下/],
        [township.id, { newParentId: other.id }, 400, /只能放在县\(区\)之下/],
        [village.id, { newParentId: township.id }, 400, /已在该上级单位之下/],
        [village.id, { newParentId: (await unit('3305')).id }, 404, /未找到/],
        [village.id, { newParentId: 'nosuchunit0000000000' }, 404, /未找到/],
        [village.id, { newParentId: '' }, 400, /输入有误/],
        [village.id, { newParentId: 42 }, 400, /输入有误/],
        [village.id, {}, 400, /输入有误/],
        ['a/b', { newParentId: other.id }, 404, /未找到/],
      ];
      for (const [id, b, status, message] of cases) {
        await expectRefused(await admin.post(`/api/org-units/${id}/move`, b as never), status, message);
      }
      expect(await snapshot()).toBe(before);
    });
  });

  describe('merging', () => {
    it('merges a village into another: grids and staff follow, the merged unit disappears', async () => {
      const township = await unit(XIAOFENG);
      const from = await unit('330523105203'); // 大河村
      const into = await unit('330523105205'); // 大竹竿村
      const fromGrids = await sys.selectFrom('org_units').selectAll().where('parent_id', '=', from.id).execute();
      const staffRes = await admin.post('/api/staff', { username: 'mg-worker', displayName: '并村人员', orgUnitId: from.id, roles: ['worker'], showInDirectory: true });
      expect(staffRes.statusCode, staffRes.body).toBe(200);
      await t.createUser({ username: 'mg-grid', roles: ['worker'], orgUnitId: fromGrids[0].id });
      const mgGrid = await t.login('mg-grid');
      const beforeChildren = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?parentId=${township.id}&pageSize=100`)).items;

      const res = await admin.post(`/api/org-units/${from.id}/merge`, { targetId: into.id });
      expect(res.statusCode, res.body).toBe(200);
      expect(json<OrgUnitDto>(res)).toMatchObject({ id: into.id, childCount: 6 });

      for (const g of fromGrids) {
        const after = await unitById(g.id);
        expect(after.parent_id).toBe(into.id);
        expect(after.path).toBe(`${into.path}${g.id}/`);
        expect(after.active).toBe(1);
      }
      const worker = await userByName('mg-worker');
      expect(worker.org_unit_id).toBe(into.id);
      expect(worker.org_path).toBe(into.path);
      expect((await userByName('mg-grid')).org_path).toBe(`${into.path}${fromGrids[0].id}/`);
      const gone = await unitById(from.id);
      expect(gone).toMatchObject({ active: 0, merged_into: into.id });
      await expectConsistentTree();

      // gone from lists, details, search and the public directory
      const afterChildren = json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?parentId=${township.id}&pageSize=100`)).items;
      expect(afterChildren.map((u) => u.id).sort()).toEqual(beforeChildren.map((u) => u.id).filter((id) => id !== from.id).sort());
      await expectRefused(await admin.get(`/api/org-units/${from.id}`), 404);
      expect(json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?q=${encodeURIComponent('大河村')}`)).items).toEqual([]);
      expect(json<Page<OrgUnitDto>>(await admin.get(`/api/org-units?parentId=${into.id}`)).items.map((u) => u.id).sort()).toEqual(
        [...fromGrids.map((g) => g.id), ...(await sys.selectFrom('org_units').select('id').where('parent_id', '=', into.id).execute()).map((r) => r.id)]
          .filter((v, i, a) => a.indexOf(v) === i)
          .sort(),
      );
      expect((await t.agent().get(`/api/public/org-units/${from.id}`)).statusCode).toBe(404);
      const pub = json<{ staff: { displayName: string }[] }>(await t.agent().get(`/api/public/org-units/${into.id}`));
      expect(pub.staff.map((s) => s.displayName)).toContain('并村人员');
      // the merged unit can take nothing new, and cannot be merged or moved again
      const before = await snapshot();
      await expectRefused(await admin.post('/api/org-units', { parentId: from.id, name: '新网格' }), 404);
      await expectRefused(await admin.post(`/api/org-units/${from.id}/merge`, { targetId: into.id }), 404);
      await expectRefused(await admin.post(`/api/org-units/${into.id}/merge`, { targetId: from.id }), 404);
      await expectRefused(await admin.post(`/api/org-units/${from.id}/move`, { newParentId: township.id }), 404);
      expect(await snapshot()).toBe(before);
      // the grid worker keeps working, now under the target village
      const seen = json<Page<OrgUnitDto>>(await mgGrid.get('/api/org-units')).items;
      expect(seen.map((u) => [u.id, u.parentId])).toEqual([[fromGrids[0].id, into.id]]);
      // grid numbers: the target continues its own, the merged village's numbers stay taken
      const g = json<OrgUnitDto>(await admin.post('/api/org-units', { parentId: into.id, name: '并入后新网格' }));
      expect(g.code).toBe('330523105205004');

      expect((await audits(from.id)).map((a) => a.action)).toContain('org-unit.merge');
    });

    it('refuses to merge the own unit, across levels, into itself or into the own subtree', async () => {
      const county = await unit(COUNTY);
      const township = await unit(XIAOFENG);
      const village = await unit('330523105206');
      const grid = await unit('330523105206001');
      const otherTownship = await unit(HANGGAI);
      const before = await snapshot();
      const cases: [string, unknown, number, RegExp][] = [
        [county.id, { targetId: township.id }, 400, /不能合并本人所在单位/],
        [village.id, { targetId: village.id }, 400, /不能合并到自身/],
        [village.id, { targetId: township.id }, 400, /只能合并到同一层级的单位/],
        [township.id, { targetId: village.id }, 400, /只能合并到同一层级的单位|不能合并到自身的下级单位/],
        [village.id, { targetId: grid.id }, 400, /只能合并到同一层级的单位|不能合并到自身的下级单位/],
        [grid.id, { targetId: otherTownship.id }, 400, /只能合并到同一层级的单位/],
        [village.id, { targetId: (await unit('3305')).id }, 404, /未找到/],
        [village.id, { targetId: 'bad id' }, 400, /编号格式不正确/],
        [village.id, { into: township.id }, 400, /输入有误/],
      ];
      for (const [id, b, status, message] of cases) {
        await expectRefused(await admin.post(`/api/org-units/${id}/merge`, b as never), status, message);
      }
      expect(await snapshot()).toBe(before);
      // a township's admin cannot move or merge its own township either
      // (administrator accounts are created by the top unit's security admin: separation-of-duties.test.ts)
      await t.createUser({ username: 'xf-admin', roles: ['sys_admin'], orgUnitId: township.id });
      const xfAdmin = await t.login('xf-admin');
      const before2 = await snapshot();
      await expectRefused(await xfAdmin.post(`/api/org-units/${township.id}/move`, { newParentId: county.id }), 404);
      await expectRefused(await xfAdmin.post(`/api/org-units/${township.id}/merge`, { targetId: otherTownship.id }), 404);
      await expectRefused(await xfAdmin.post(`/api/org-units/${village.id}/move`, { newParentId: otherTownship.id }), 404);
      await expectRefused(await xfAdmin.post(`/api/org-units/${village.id}/merge`, { targetId: (await unit('330523104200')).id }), 404);
      await expectRefused(await xfAdmin.post(`/api/org-units/${township.id}/merge`, { targetId: township.id }), 400, /不能合并/);
      expect(await snapshot()).toBe(before2);
    });
  });

  describe('concurrent changes to the tree', () => {
    it('keeps every path consistent when the same village is moved twice at once', async () => {
      const village = await unit('330523105208');
      const targets = [await unit('330523106'), await unit('330523107')];
      for (let round = 0; round < 3; round++) {
        const rs = await Promise.all(targets.map((to) => admin.post(`/api/org-units/${village.id}/move`, { newParentId: to.id })));
        expect(rs.some((r) => r.statusCode === 200), rs.map((r) => r.body).join('\n')).toBe(true);
        for (const r of rs) expect([200, 400, 404, 409], r.body).toContain(r.statusCode);
        await expectConsistentTree();
        targets.reverse();
      }
    });

    it('keeps paths consistent when grids and staff are added to a village while it moves', async () => {
      const village = await unit('330523105211');
      let n = 0;
      for (const to of [await unit('330523108'), await unit(XIAOFENG), await unit('330523110')]) {
        const rs = await Promise.all([
          admin.post('/api/org-units', { parentId: village.id, name: `移动中网格${++n}` }),
          admin.post('/api/staff', { username: `race-${kind}-${n}`, displayName: '并发人员', orgUnitId: village.id, roles: ['worker'] }),
          admin.post(`/api/org-units/${village.id}/move`, { newParentId: to.id }),
          admin.post('/api/org-units', { parentId: village.id, name: `移动中网格${++n}` }),
        ]);
        for (const r of rs) expect(r.statusCode, r.body).toBe(200);
        await expectConsistentTree();
      }
    });

    it('keeps paths consistent when a village is merged while grids are added and it is moved', async () => {
      const from = await unit('330523105212');
      const into = await unit('330523105214');
      const rs = await Promise.all([
        admin.post('/api/org-units', { parentId: from.id, name: '合并中网格' }),
        admin.post(`/api/org-units/${into.id}/move`, { newParentId: (await unit(HANGGAI)).id }),
        admin.post(`/api/org-units/${from.id}/merge`, { targetId: into.id }),
        admin.post('/api/staff', { username: `race-merge-${kind}`, displayName: '并发人员', orgUnitId: from.id, roles: ['worker'] }),
      ]);
      expect(rs[1].statusCode, rs[1].body).toBe(200);
      for (const r of rs) expect([200, 400, 404], r.body).toContain(r.statusCode);
      await expectConsistentTree();
      // nothing was left under the merged village
      const left = await sys.selectFrom('org_units').select('id').where('parent_id', '=', from.id).where('active', '=', 1).execute();
      expect(left).toEqual([]);
      const staffLeft = await sys.selectFrom('users').select('id').where('org_unit_id', '=', from.id).execute();
      expect(staffLeft).toEqual([]);
    });
  });

  it('records every write in the audit chain, which verifies', async () => {
    await t.app.sealer.sealNow();
    const res = await auditor.get('/api/audit-logs?action=org-unit.&pageSize=200');
    const items = json<Page<AuditLogDto>>(res).items;
    const counts = items.reduce<Record<string, number>>((m, a) => ({ ...m, [a.action]: (m[a.action] ?? 0) + 1 }), {});
    const rows = await sys.selectFrom('audit_logs').select(['action']).where('action', 'like', 'org-unit.%').execute();
    expect(items).toHaveLength(rows.length);
    expect(counts['org-unit.move']).toBeGreaterThanOrEqual(2 + 3 + 3 + 1);
    expect(counts['org-unit.merge']).toBeGreaterThanOrEqual(1);
    expect(counts['org-unit.update']).toBe(2);
    expect(items.every((a) => a.sealed && a.result === 'success')).toBe(true);
    const report = await verifyChainUnscoped(sys, createFieldCrypto(TEST_KEY, 'aes-256-gcm').auditMac);
    expect(report).toMatchObject({ ok: true, unsealed: 0 });
  });
});
