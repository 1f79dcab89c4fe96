// Staff accounts through the real API on every database: creation with a one-time password that
// must be changed, edits of roles/title/unit, password reset and disabling (sessions end), the
// separation of the three administrators, duplicate names, bad input, and a township's admin who
// cannot see or touch another township's staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { insertUserUnscoped, isUniqueViolation } from './staff.repo';
import type { StaffDto } from '../../../shared/schemas/staff';
import type { MeDto } from '../../../shared/schemas/auth';
import type { AuditLogDto } from '../../../shared/schemas/audit-logs';
import type { OrgUnitDto } from '../../../shared/schemas/org-units';

type Page<T> = { items: T[]; total: number; totalCapped: boolean; page: number; pageSize: number };
type Created = { staff: StaffDto; initialPassword: string };
type ErrorBody = { error: string; message: string; details?: { path: string; message: string }[] };

const XIAOFENG = '330523105';
const HANGGAI = '330523104';
const NEW_PASSWORD = 'Station#Work2026';
const chinese = /[\u4e00-\u9fa5]/;
const staffKeys = [
  'createdAt',
  'disabled',
  'displayName',
  'id',
  'lastLoginAt',
  'locked',
  'mustChangePassword',
  'orgUnitId',
  'orgUnitName',
  'roles',
  'showInDirectory',
  'title',
  'totpEnabled',
  'username',
  'workPhone',
];

describe.each(dbKinds)('staff on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let admin: Agent;
  let auditor: Agent;
  let security: Agent; // administrator accounts and roles are the top unit's security admin's
  let village1: { id: string; path: string; name: string };
  let village2: { id: string; path: string; name: string };

  const unit = (code: string) =>
    sys.selectFrom('org_units').select(['id', 'path', 'name']).where('code', '=', code).where('active', '=', 1).executeTakeFirstOrThrow();
  const userRow = (username: string) => sys.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const sessionsOf = async (username: string) =>
    (await sys.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('sessions.id').where('users.username', '=', username).execute()).length;
  const snapshot = async () =>
    JSON.stringify([
      await sys.selectFrom('users').selectAll().orderBy('id').execute(),
      await sys.selectFrom('sessions').select(['id', 'user_id', 'stage']).orderBy('id').execute(),
      (await sys.selectFrom('audit_logs').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'staff.%').executeTakeFirstOrThrow()).n,
    ]);
  const expectRefused = async (res: { statusCode: number; body: string }, status: number, message?: RegExp) => {
    expect(res.statusCode, res.body).toBe(status);
    const body = JSON.parse(res.body) as ErrorBody;
    expect(body.message).toMatch(chinese);
    if (message) expect(body.message).toMatch(message);
    return body;
  };
  const audits = async (targetId: string) => {
    await t.app.sealer.sealNow();
    return json<Page<AuditLogDto>>(await auditor.get(`/api/audit-logs?targetId=${targetId}&pageSize=100`)).items.map((a) => a.action).reverse();
  };
  const create = async (by: Agent, body: Record<string, unknown>) => {
    const res = await by.post('/api/staff', body);
    expect(res.statusCode, res.body).toBe(200);
    return json<Created>(res);
  };
  /** signs in with a one-time password and changes it; returns the working agent */
  const firstSignIn = async (username: string, initialPassword: string) => {
    const a = t.agent(username);
    const login = await a.post('/api/auth/login', { username, password: initialPassword });
    expect(login.statusCode, login.body).toBe(200);
    expect(json<MeDto>(login).stage).toBe('change-password');
    const res = await a.post('/api/me/password', { currentPassword: initialPassword, newPassword: NEW_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<MeDto>(res).stage).toBe('active');
    return a;
  };
  const signIn = (username: string, password: string) => t.agent(username).post('/api/auth/login', { username, password });

  beforeAll(async () => {
    t = await createTestApp(kind);
    sys = systemDb(t.db.handle.db);
    admin = await t.login('admin');
    auditor = await t.login('auditor');
    security = await t.login('security');
    village1 = await unit('330523105003');
    village2 = await unit('330523105004');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a worker with a one-time password that must be changed at first sign-in', async () => {
    const { staff, initialPassword } = await create(admin, {
      username: 'st.zhou',
      displayName: '周强',
      orgUnitId: village1.id,
      roles: ['worker'],
      title: '村服务站专干',
      workPhone: '138 0572 0000',
      showInDirectory: true,
      // not part of the request: ignored
      password: 'Chosen#ByAdmin1',
      disabled: true,
      isDemo: true,
    });
    expect(Object.keys(staff).sort()).toEqual(staffKeys);
    expect(staff).toMatchObject({
      username: 'st.zhou',
      displayName: '周强',
      orgUnitId: village1.id,
      orgUnitName: village1.name,
      roles: ['worker'],
      title: '村服务站专干',
      workPhone: '138 0572 0000',
      showInDirectory: true,
      disabled: false,
      locked: false,
      mustChangePassword: true,
      totpEnabled: false,
      lastLoginAt: null,
    });
    expect(initialPassword.length).toBeGreaterThanOrEqual(12);
    const row = await userRow('st.zhou');
    expect(row.org_path).toBe(village1.path);
    expect(row.password_hash).not.toContain(initialPassword);
    expect(row.is_demo).toBe(0);
    // the admin's choice of password was not taken
    expect((await signIn('st.zhou', 'Chosen#ByAdmin1')).statusCode).toBe(401);

    // the person signs in: nothing works until the password is changed
    const a = t.agent('st.zhou');
    const login = await a.post('/api/auth/login', { username: 'st.zhou', password: initialPassword });
    expect(json<MeDto>(login).stage).toBe('change-password');
    await expectRefused(await a.get('/api/org-units'), 403, /请先修改密码/);
    const weak = await a.post('/api/me/password', { currentPassword: initialPassword, newPassword: 'short' });
    await expectRefused(weak, 400, /密码至少/);
    const changed = await a.post('/api/me/password', { currentPassword: initialPassword, newPassword: NEW_PASSWORD });
    expect(json<MeDto>(changed).stage).toBe('active');
    const root = json<Page<OrgUnitDto>>(await a.get('/api/org-units')).items;
    expect(root.map((u) => u.id)).toEqual([village1.id]);
    // the one-time password is spent
    expect((await signIn('st.zhou', initialPassword)).statusCode).toBe(401);
    expect(json<MeDto>(await signIn('st.zhou', NEW_PASSWORD)).stage).toBe('active');
    const dto = json<StaffDto>(await admin.get(`/api/staff/${staff.id}`));
    expect(dto.mustChangePassword).toBe(false);
    expect(dto.lastLoginAt).not.toBeNull();
    expect(await audits(staff.id)).toEqual(expect.arrayContaining(['staff.create', 'auth.login', 'auth.password-change']));
    expect((await audits(staff.id))[0]).toBe('staff.create');
  });

  it('edits roles, title and unit; the person works in the new unit at once', async () => {
    const { staff, initialPassword } = await create(admin, { username: 'st.wu', displayName: '吴敏', orgUnitId: village1.id, roles: ['worker'] });
    const a = await firstSignIn('st.wu', initialPassword);
    await expectRefused(await a.get('/api/staff'), 403);

    const res = await admin.patch(`/api/staff/${staff.id}`, {
      roles: ['worker', 'station_head'],
      title: '村服务站站长',
      orgUnitId: village2.id,
      workPhone: '0572-1234567',
      displayName: '吴敏华',
      showInDirectory: true,
      username: 'renamed', // not editable: ignored
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<StaffDto>(res)).toMatchObject({
      username: 'st.wu',
      displayName: '吴敏华',
      roles: ['worker', 'station_head'],
      title: '村服务站站长',
      orgUnitId: village2.id,
      orgUnitName: village2.name,
      workPhone: '0572-1234567',
      showInDirectory: true,
    });
    expect((await userRow('st.wu')).org_path).toBe(village2.path);
    // same session: the new unit and the new role's permission
    expect(json<Page<OrgUnitDto>>(await a.get('/api/org-units')).items.map((u) => u.id)).toEqual([village2.id]);
    expect((await a.get(`/api/org-units/${village1.id}`)).statusCode).toBe(404);
    const list = json<Page<StaffDto>>(await a.get('/api/staff'));
    expect(list.items.map((s) => s.username)).toEqual(expect.arrayContaining(['st.wu', 'village2']));
    expect(list.items.map((s) => s.username)).not.toContain('village');
    // a partial edit changes only what it names
    json<StaffDto>(await admin.patch(`/api/staff/${staff.id}`, { title: '站长' }));
    expect(json<StaffDto>(await admin.get(`/api/staff/${staff.id}`))).toMatchObject({ title: '站长', workPhone: '0572-1234567', displayName: '吴敏华', orgUnitId: village2.id });
    expect(await audits(staff.id)).toEqual(expect.arrayContaining(['staff.create', 'staff.update', 'staff.update']));
  });

  it('resets a password: old sessions end, the old password stops working, the new one must be changed', async () => {
    const { staff, initialPassword } = await create(admin, { username: 'st.zheng', displayName: '郑洁', orgUnitId: village2.id, roles: ['worker'] });
    const a = await firstSignIn('st.zheng', initialPassword);
    const b = t.agent('st.zheng');
    expect((await b.post('/api/auth/login', { username: 'st.zheng', password: NEW_PASSWORD })).statusCode).toBe(200);
    expect(await sessionsOf('st.zheng')).toBe(2);

    const res = await admin.post(`/api/staff/${staff.id}/reset-password`);
    expect(res.statusCode, res.body).toBe(200);
    const { initialPassword: fresh } = json<{ initialPassword: string }>(res);
    expect(Object.keys(json(res))).toEqual(['initialPassword']);
    expect(fresh).not.toBe(initialPassword);
    expect(await sessionsOf('st.zheng')).toBe(0);
    await expectRefused(await a.get('/api/me'), 401);
    await expectRefused(await b.get('/api/org-units'), 401);
    expect((await signIn('st.zheng', NEW_PASSWORD)).statusCode).toBe(401);
    await firstSignIn('st.zheng', fresh);
    expect(await audits(staff.id)).toContain('staff.reset-password');
  });

  it('disables an account (sessions end, sign-in refused) and enables it again', async () => {
    const { staff, initialPassword } = await create(admin, { username: 'st.feng', displayName: '冯刚', orgUnitId: village1.id, roles: ['worker'], showInDirectory: true });
    const a = await firstSignIn('st.feng', initialPassword);
    const res = await admin.post(`/api/staff/${staff.id}/disable`);
    expect(res.statusCode, res.body).toBe(200);
    expect(json<StaffDto>(res).disabled).toBe(true);
    expect(await sessionsOf('st.feng')).toBe(0);
    await expectRefused(await a.get('/api/me'), 401);
    await expectRefused(await signIn('st.feng', NEW_PASSWORD), 403, /账号已停用/);
    // a disabled person is not in the public directory
    const pub = json<{ staff: { displayName: string }[] }>(await t.agent().get(`/api/public/org-units/${village1.id}`));
    expect(pub.staff.map((s) => s.displayName)).not.toContain('冯刚');

    const en = await admin.post(`/api/staff/${staff.id}/enable`);
    expect(en.statusCode, en.body).toBe(200);
    expect(json<StaffDto>(en).disabled).toBe(false);
    expect(json<MeDto>(await signIn('st.feng', NEW_PASSWORD)).stage).toBe('active');
    const pub2 = json<{ staff: { displayName: string }[] }>(await t.agent().get(`/api/public/org-units/${village1.id}`));
    expect(pub2.staff.map((s) => s.displayName)).toContain('冯刚');
    expect(await audits(staff.id)).toEqual(expect.arrayContaining(['staff.disable', 'staff.enable']));
  });

  it('keeps the three administrators apart and away from business roles', async () => {
    const before = await snapshot();
    const base = { displayName: '管理员', orgUnitId: village1.id };
    const bad: string[][] = [
      ['sys_admin', 'security_admin'],
      ['sys_admin', 'audit_admin'],
      ['security_admin', 'audit_admin'],
      ['sys_admin', 'security_admin', 'audit_admin'],
      ['sys_admin', 'worker'],
      ['audit_admin', 'county_reviewer'],
      ['security_admin', 'upper_viewer'],
    ];
    // administrator roles are given by the top unit's security admin (separation-of-duties.test.ts)
    for (const [i, roles] of bad.entries()) {
      const body = await expectRefused(await security.post('/api/staff', { ...base, username: `st.adm${i}`, roles }), 400, /三员|管理员/);
      expect(body.details?.[0]?.path).toBe('roles');
    }
    const { staff } = await create(security, { ...base, username: 'st.sec', roles: ['sys_admin'] });
    const before2 = await snapshot();
    for (const roles of bad) await expectRefused(await security.patch(`/api/staff/${staff.id}`, { roles }), 400, /三员|管理员/);
    expect(await snapshot()).toBe(before2);
    // one admin role alone, and business roles together, are fine
    expect(json<StaffDto>(await security.patch(`/api/staff/${staff.id}`, { roles: ['audit_admin'] })).roles).toEqual(['audit_admin']);
    expect(json<StaffDto>(await security.patch(`/api/staff/${staff.id}`, { roles: ['worker', 'station_head', 'county_reviewer'] })).roles).toEqual([
      'worker',
      'station_head',
      'county_reviewer',
    ]);
    expect(before).not.toBe(before2);
  });

  it('ends the sessions of a person who is given an administrator role, so the second factor applies', async () => {
    const { staff, initialPassword } = await create(admin, { username: 'st.promo', displayName: '晋升', orgUnitId: village1.id, roles: ['worker'] });
    const a = await firstSignIn('st.promo', initialPassword);
    json<StaffDto>(await security.patch(`/api/staff/${staff.id}`, { roles: ['sys_admin'] }));
    // the old session, signed in without a second factor, must not carry administrator rights
    const res = await a.get('/api/staff');
    expect(res.statusCode).toBe(401);
    const again = json<MeDto>(await signIn('st.promo', NEW_PASSWORD));
    expect(again.stage).toBe('totp-enrol');
  });

  it('refuses a duplicate username with 409, also when two requests race', async () => {
    const before = await snapshot();
    await expectRefused(await admin.post('/api/staff', { username: 'village', displayName: '重名', orgUnitId: village1.id, roles: ['worker'] }), 409, /用户名 village 已被使用/);
    await expectRefused(await admin.post('/api/staff', { username: '  village  ', displayName: '重名', orgUnitId: village1.id, roles: ['worker'] }), 409);
    expect(await snapshot()).toBe(before);
    const rs = await Promise.all(
      Array.from({ length: 4 }, () => admin.post('/api/staff', { username: 'st.race', displayName: '并发', orgUnitId: village1.id, roles: ['worker'] })),
    );
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    for (const r of rs.filter((x) => x.statusCode === 409)) expect(json<ErrorBody>(r).message).toMatch(/已被使用/);
  });

  it('recognises the database refusing a second account of the same name', async () => {
    const row = await userRow('village');
    const err = await insertUserUnscoped(sys, { ...row, id: 'dup-' + row.id }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('refuses bad input with a Chinese message, changing nothing', async () => {
    const target = (await userRow('village2')).id;
    const ok = { username: 'st.good', displayName: '正常', orgUnitId: village1.id, roles: ['worker'] };
    const before = await snapshot();
    const creates: [Record<string, unknown>, number, RegExp][] = [
      [{ ...ok, username: 'ab' }, 400, /用户名至少 3 个字符/],
      [{ ...ok, username: 'Zhang' }, 400, /用户名以小写字母开头/],
      [{ ...ok, username: '张三丰' }, 400, /用户名以小写字母开头/],
      [{ ...ok, username: 'a'.repeat(33) }, 400, /用户名最多 32 个字符/],
      [{ ...ok, username: 'st good' }, 400, /用户名/],
      [{ ...ok, displayName: '' }, 400, /请填写姓名/],
      [{ ...ok, displayName: '名'.repeat(31) }, 400, /输入有误/],
      [{ ...ok, roles: [] }, 400, /至少选择一个角色/],
      [{ ...ok, roles: ['superuser'] }, 400, /输入有误/],
      [{ ...ok, roles: 'worker' }, 400, /输入有误/],
      [{ ...ok, workPhone: '电话' }, 400, /电话只能包含/],
      [{ ...ok, showInDirectory: 'yes' }, 400, /输入有误/],
      [{ ...ok, orgUnitId: 'no such unit' }, 400, /编号格式不正确/],
      [{ ...ok, orgUnitId: 'nosuchunit0000000000' }, 404, /未找到该单位/],
      [{ ...ok, orgUnitId: (await unit('3305')).id }, 404, /未找到该单位/],
      [{ ...ok, orgUnitId: undefined }, 400, /输入有误/],
    ];
    for (const [body, status, message] of creates) await expectRefused(await admin.post('/api/staff', body), status, message);
    const edits: [string, unknown, number, RegExp][] = [
      [target, { displayName: '' }, 400, /请填写姓名/],
      [target, { roles: [] }, 400, /至少选择一个角色/],
      [target, { orgUnitId: 'nosuchunit0000000000' }, 404, /未找到该单位/],
      [target, { orgUnitId: (await unit('3305')).id }, 404, /未找到该单位/],
      [target, { title: 5 }, 400, /输入有误/],
      ['bad!id', { title: '好' }, 400, /编号格式不正确/],
      ['nosuchuser0000000000', { title: '好' }, 404, /未找到该工作人员/],
    ];
    for (const [id, body, status, message] of edits) await expectRefused(await admin.request('PATCH', `/api/staff/${encodeURIComponent(id)}`, body as never), status, message);
    for (const action of ['reset-password', 'disable', 'enable']) {
      await expectRefused(await admin.post(`/api/staff/nosuchuser0000000000/${action}`), 404, /未找到该工作人员/);
    }
    expect(await snapshot()).toBe(before);
  });

  it('does not let an admin change their own roles or disable themselves', async () => {
    const self = (await userRow('admin')).id;
    const before = await snapshot();
    await expectRefused(await admin.patch(`/api/staff/${self}`, { roles: ['worker'] }), 400, /不能修改自己的角色/);
    await expectRefused(await admin.post(`/api/staff/${self}/disable`), 400, /不能停用自己的账号/);
    expect(await snapshot()).toBe(before);
  });

  it('lists staff by unit, with or without the units below, by name and by role', async () => {
    const township = await unit(XIAOFENG);
    const all = json<Page<StaffDto>>(await admin.get(`/api/staff?orgUnitId=${township.id}&pageSize=200`)).items.map((s) => s.username);
    expect(all).toEqual(expect.arrayContaining(['township', 'townshiphead', 'village', 'village2', 'grid', 'st.zhou']));
    expect(all).not.toContain('admin');
    const own = json<Page<StaffDto>>(await admin.get(`/api/staff?orgUnitId=${township.id}&includeDescendants=false&pageSize=200`)).items.map((s) => s.username);
    expect(own.sort()).toEqual(['township', 'townshiphead']);
    const byName = json<Page<StaffDto>>(await admin.get(`/api/staff?q=${encodeURIComponent('周')}`)).items.map((s) => s.username);
    expect(byName).toEqual(['st.zhou']);
    const heads = json<Page<StaffDto>>(await admin.get('/api/staff?role=station_head&pageSize=200')).items;
    expect(heads.length).toBeGreaterThan(0);
    expect(heads.every((s) => s.roles.includes('station_head'))).toBe(true);
    // LIKE wildcards in a query are taken literally
    await create(admin, { username: 'st_under', displayName: '下划线', orgUnitId: village1.id, roles: ['worker'] });
    expect(json<Page<StaffDto>>(await admin.get('/api/staff?q=st_')).items.map((s) => s.username)).toEqual(['st_under']);
    expect(json<Page<StaffDto>>(await admin.get(`/api/staff?q=${encodeURIComponent('%')}`)).items).toEqual([]);
    // a station head of the township sees its staff, not the county's
    const head = await t.login('townshiphead');
    const seen = json<Page<StaffDto>>(await head.get('/api/staff?pageSize=200')).items.map((s) => s.username);
    expect(seen).toContain('village');
    expect(seen).not.toContain('admin');
    expect(seen).not.toContain('county');
    await expectRefused(await head.post('/api/staff', { username: 'st.byhead', displayName: '站长建', orgUnitId: village1.id, roles: ['worker'] }), 403);
  });

  it("confines a township's admin to that township (404 outside, nothing changed)", async () => {
    const township = await unit(XIAOFENG);
    const other = await unit(HANGGAI);
    const { staff, initialPassword } = await create(security, { username: 'xf.admin', displayName: '孝丰镇管理员', orgUnitId: township.id, roles: ['sys_admin'] });
    expect(staff.roles).toEqual(['sys_admin']);
    // first sign-in: second factor, then the password
    const xf = await t.login('xf.admin', initialPassword);
    expect(xf.me?.stage).toBe('change-password');
    const ch = await xf.post('/api/me/password', { currentPassword: initialPassword, newPassword: NEW_PASSWORD });
    expect(json<MeDto>(ch).stage).toBe('active');

    const outsider = await create(admin, { username: 'hg.worker', displayName: '杭垓人员', orgUnitId: other.id, roles: ['worker'] });
    const inside = await create(xf, { username: 'xf.worker', displayName: '孝丰人员', orgUnitId: village2.id, roles: ['worker'] });
    expect(inside.staff.orgUnitId).toBe(village2.id);

    const listed = json<Page<StaffDto>>(await xf.get('/api/staff?pageSize=200')).items.map((s) => s.username);
    expect(listed).toEqual(expect.arrayContaining(['xf.admin', 'xf.worker', 'township', 'village']));
    expect(listed).not.toContain('hg.worker');
    expect(listed).not.toContain('admin');

    const before = await snapshot();
    const id = outsider.staff.id;
    await expectRefused(await xf.get(`/api/staff/${id}`), 404, /未找到该工作人员/);
    await expectRefused(await xf.patch(`/api/staff/${id}`, { title: '越权' }), 404);
    await expectRefused(await xf.post(`/api/staff/${id}/reset-password`), 404);
    await expectRefused(await xf.post(`/api/staff/${id}/disable`), 404);
    await expectRefused(await xf.post(`/api/staff/${id}/enable`), 404);
    await expectRefused(await xf.get(`/api/staff?orgUnitId=${other.id}`), 404);
    await expectRefused(await xf.post('/api/staff', { username: 'xf.into.hg', displayName: '越权', orgUnitId: other.id, roles: ['worker'] }), 404);
    await expectRefused(await xf.patch(`/api/staff/${inside.staff.id}`, { orgUnitId: other.id }), 404);
    // nor the county's admins above it
    await expectRefused(await xf.post(`/api/staff/${(await userRow('admin')).id}/reset-password`), 404);
    await expectRefused(await xf.post(`/api/staff/${(await userRow('auditor')).id}/disable`), 404);
    expect(await snapshot()).toBe(before);
  });
});
