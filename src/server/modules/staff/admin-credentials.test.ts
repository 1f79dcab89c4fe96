// 三员分立 for credentials: the system admin cannot reset, disable or re-enrol another
// administrator; the security admin does (password, second factor), never for their own account
// and never for a business account. Through the real API on every database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, TEST_PASSWORD, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { StaffDto } from '../../../shared/schemas/staff';
import type { MeDto } from '../../../shared/schemas/auth';
import type { AuditLogDto } from '../../../shared/schemas/audit-logs';

type Page<T> = { items: T[] };

describe.each(dbKinds)('administrator credentials on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let admin: Agent;
  let auditor: Agent;
  let village1: { id: string };

  const userRow = (username: string) => sys.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const sessionsOf = async (username: string) =>
    (await sys.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('sessions.id').where('users.username', '=', username).execute()).length;
  const snapshot = async () =>
    JSON.stringify([
      await sys.selectFrom('users').selectAll().orderBy('id').execute(),
      await sys.selectFrom('sessions').select(['id', 'user_id', 'stage']).orderBy('id').execute(),
    ]);
  const expectRefused = async (res: { statusCode: number; body: string }, status: number, message?: RegExp) => {
    expect(res.statusCode, res.body).toBe(status);
    const body = JSON.parse(res.body) as { message: string };
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
    if (message) expect(body.message).toMatch(message);
  };
  const create = async (by: Agent, b: Record<string, unknown>) => {
    const res = await by.post('/api/staff', b);
    expect(res.statusCode, res.body).toBe(200);
    return json<{ staff: StaffDto; initialPassword: string }>(res);
  };
  const signIn = (username: string, password: string) => t.agent(username).post('/api/auth/login', { username, password });
  const audits = async (targetId: string) => {
    await t.app.sealer.sealNow();
    return json<Page<AuditLogDto>>(await auditor.get(`/api/audit-logs?targetId=${targetId}&pageSize=100`)).items.map((a) => a.action);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    sys = systemDb(t.db.handle.db);
    admin = await t.login('admin');
    auditor = await t.login('auditor');
    village1 = await sys.selectFrom('org_units').select('id').where('code', '=', '330523105003').executeTakeFirstOrThrow();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("leaves administrators' credentials to the security admin (三员分立), not to the system admin", async () => {
    const security = await t.login('security');
    const securityRow = await userRow('security');
    const sysId = await t.createUser({ username: 'st.sys2', roles: ['sys_admin'], orgUnitId: village1.id });
    const audId = await t.createUser({ username: 'st.aud2', roles: ['audit_admin'], orgUnitId: village1.id });
    await t.login('st.sys2'); // enrols a second factor
    // the system admin can neither reset nor disable another administrator; nothing changes
    const before = await snapshot();
    // (the security admin sits at the top unit, outside the county admin's range: separation-of-duties.test.ts)
    for (const id of [audId, sysId]) {
      await expectRefused(await admin.post(`/api/staff/${id}/reset-password`), 403, /安全管理员/);
      await expectRefused(await admin.post(`/api/staff/${id}/disable`), 403, /安全管理员/);
    }
    expect(await snapshot()).toBe(before);
    // a worker still can be reset by the system admin
    const { staff: worker } = await create(admin, { username: 'st.jin', displayName: '金珊', orgUnitId: village1.id, roles: ['worker'] });
    expect((await admin.post(`/api/staff/${worker.id}/reset-password`)).statusCode).toBe(200);

    // the security admin sees the administrator accounts only
    const list = json<Page<StaffDto>>(await security.get('/api/admin-accounts'));
    expect(list.items.map((i) => i.username)).toEqual(expect.arrayContaining(['admin', 'security', 'auditor', 'st.sys2', 'st.aud2']));
    expect(list.items.map((i) => i.username)).not.toContain('st.jin');
    // … acts on them but not on business accounts, nor on their own account
    const before2 = await snapshot();
    await expectRefused(await security.post(`/api/admin-accounts/${worker.id}/reset-password`), 404);
    await expectRefused(await security.post(`/api/admin-accounts/${securityRow.id}/reset-totp`), 400, /自己/);
    // … and cannot use the system admin's staff routes; a worker cannot use these
    await expectRefused(await security.post(`/api/staff/${worker.id}/reset-password`), 403);
    await expectRefused(await auditor.post(`/api/admin-accounts/${sysId}/reset-totp`), 403);
    expect(await snapshot()).toBe(before2);

    // a lost phone: the second factor is cleared, sessions end, enrolment again at the next sign-in
    expect((await userRow('st.sys2')).totp_enabled).toBe(1);
    expect(await sessionsOf('st.sys2')).toBeGreaterThan(0);
    const cleared = await security.post(`/api/admin-accounts/${sysId}/reset-totp`);
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(json<StaffDto>(cleared).totpEnabled).toBe(false);
    expect((await userRow('st.sys2')).totp_secret_enc).toBeNull();
    expect(await sessionsOf('st.sys2')).toBe(0);
    const relog = await t.agent('st.sys2').post('/api/auth/login', { username: 'st.sys2', password: TEST_PASSWORD });
    expect(json<MeDto>(relog).stage).toBe('totp-enrol');

    // a forgotten password: a one-time password that must be changed; the old one stops working
    const reset = await security.post(`/api/admin-accounts/${audId}/reset-password`);
    expect(reset.statusCode, reset.body).toBe(200);
    const { initialPassword } = json<{ initialPassword: string }>(reset);
    expect((await signIn('st.aud2', TEST_PASSWORD)).statusCode).toBe(401);
    const fresh = await signIn('st.aud2', initialPassword);
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(['totp-enrol', 'change-password']).toContain(json<MeDto>(fresh).stage);
    expect((await userRow('st.aud2')).must_change_password).toBe(1);
    expect(await audits(sysId)).toContain('staff.reset-totp');
    expect(await audits(audId)).toContain('staff.reset-password');
  });

});
