// 三员分立 (issue 11): the security admin sits at the deployment's top unit only and alone grants or
// changes administrator roles and administrator accounts; system and audit admins may sit lower,
// limited to their range; the security policy is the top unit's security admin's. Entries without
// a unit go to the top unit's audit admins. Through the real API on every database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, TEST_PASSWORD, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { StaffDto } from '../../../shared/schemas/staff';
import type { AuditLogDto } from '../../../shared/schemas/audit-logs';
import { defaultSecurityPolicy } from '../../../shared/schemas/security-policy';
import { expectRefused, MANY_LOGINS } from '../auth/auth-test-support';

const ADMIN_RULE = /顶层单位的安全管理员/;

describe.each(dbKinds)('separation of duties (三员分立) on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let top: { id: string; name: string };
  let county: { id: string };
  let township: { id: string };
  let security: Agent;
  const unit = (code: string) => sys.selectFrom('org_units').select(['id', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
  const userRow = (id: string) => sys.selectFrom('users').select(['roles', 'disabled', 'org_unit_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const userCount = async () => Number((await sys.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    top = await unit('33');
    county = await unit('330523');
    township = await unit('330523105');
    security = await t.login('security');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the demo security admin sits at the top unit (the root of the tree)', async () => {
    expect(security.me!.orgUnit.id).toBe(top.id);
  });

  it("a system admin cannot demote the security admin and then disable it (the issue's bypass)", async () => {
    // a system admin whose range covers the security admin: at the top unit itself
    await t.createUser({ username: 'sod.topsys', roles: ['sys_admin'], orgUnitId: top.id });
    const topSys = await t.login('sod.topsys');
    const securityId = security.me!.id;
    expectRefused(await topSys.patch(`/api/staff/${securityId}`, { roles: ['worker'] }), 403, ADMIN_RULE);
    expectRefused(await topSys.post(`/api/staff/${securityId}/disable`), 403, ADMIN_RULE);
    expectRefused(await topSys.patch(`/api/staff/${securityId}`, { displayName: '改名' }), 403, ADMIN_RULE);
    expect(await userRow(securityId)).toMatchObject({ roles: '["security_admin"]', disabled: 0 });
    // nor a county's own audit admin, nor another system admin
    const countyAuditor = await t.createUser({ username: 'sod.countyaudit', roles: ['audit_admin'], orgUnitId: county.id });
    const admin = await t.login('admin');
    const otherSys = await t.createUser({ username: 'sod.topsys2', roles: ['sys_admin'], orgUnitId: top.id });
    for (const target of [countyAuditor, otherSys]) {
      expectRefused(await topSys.patch(`/api/staff/${target}`, { roles: ['worker'] }), 403);
      expectRefused(await topSys.post(`/api/staff/${target}/disable`), 403);
    }
    expectRefused(await admin.patch(`/api/staff/${countyAuditor}`, { roles: ['worker'] }), 403, ADMIN_RULE);
    expectRefused(await admin.post(`/api/staff/${countyAuditor}/disable`), 403, ADMIN_RULE);
    expect(await userRow(countyAuditor)).toMatchObject({ roles: '["audit_admin"]', disabled: 0 });
    // nor give a business account an administrator role
    const worker = await t.createUser({ username: 'sod.worker', roles: ['worker'], orgUnitId: township.id });
    expectRefused(await admin.patch(`/api/staff/${worker}`, { roles: ['sys_admin'] }), 403, ADMIN_RULE);
    expect((await userRow(worker)).roles).toBe('["worker"]');
    // business accounts stay the system admin's
    expect((await admin.patch(`/api/staff/${worker}`, { roles: ['worker', 'mediator'] })).statusCode).toBe(200);
    expect((await admin.post(`/api/staff/${worker}/disable`)).statusCode).toBe(200);
  });

  it('a township system admin cannot create administrator accounts', async () => {
    await t.createUser({ username: 'sod.townsys', roles: ['sys_admin'], orgUnitId: township.id });
    const townSys = await t.login('sod.townsys');
    const before = await userCount();
    for (const role of ['security_admin', 'audit_admin', 'sys_admin'] as const) {
      const res = await townSys.post('/api/staff', { username: `sod.new.${role}`, displayName: '新管理员', orgUnitId: township.id, roles: [role] });
      expectRefused(res, 403, ADMIN_RULE);
    }
    expect(await userCount()).toBe(before);
    // a business account in its range it may create
    const ok = await townSys.post('/api/staff', { username: 'sod.townworker', displayName: '新人', orgUnitId: township.id, roles: ['worker'] });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('the top security admin grants and changes administrator roles and accounts; a security admin only at the top unit', async () => {
    const created = await security.post('/api/staff', { username: 'sod.countyaudit2', displayName: '县审计', orgUnitId: county.id, roles: ['audit_admin'] });
    expect(created.statusCode, created.body).toBe(200);
    const id = json<{ staff: StaffDto }>(created).staff.id;
    expect((await security.post(`/api/staff/${id}/disable`)).statusCode).toBe(200);
    expect((await security.post(`/api/staff/${id}/enable`)).statusCode).toBe(200);
    const patched = await security.patch(`/api/staff/${id}`, { roles: ['sys_admin'] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await userRow(id)).roles).toBe('["sys_admin"]');

    // no security admin below the top unit: neither created there nor moved or promoted there
    expectRefused(
      await security.post('/api/staff', { username: 'sod.lowsec', displayName: '县安全', orgUnitId: county.id, roles: ['security_admin'] }),
      400,
      /安全管理员只能设在顶层单位/,
    );
    expectRefused(await security.patch(`/api/staff/${id}`, { roles: ['security_admin'] }), 400, /安全管理员只能设在顶层单位/);
    const second = await security.post('/api/staff', { username: 'sod.topsec2', displayName: '安全二', orgUnitId: top.id, roles: ['security_admin'] });
    expect(second.statusCode, second.body).toBe(200);
    const secondId = json<{ staff: StaffDto }>(second).staff.id;
    expectRefused(await security.patch(`/api/staff/${secondId}`, { orgUnitId: county.id }), 400, /安全管理员只能设在顶层单位/);

    // business accounts are not the security admin's
    expectRefused(await security.post('/api/staff', { username: 'sod.secworker', displayName: '业务', orgUnitId: county.id, roles: ['worker'] }), 403);
    const worker = await t.createUser({ username: 'sod.worker2', roles: ['worker'], orgUnitId: county.id });
    expectRefused(await security.post(`/api/staff/${worker}/disable`), 403);
  });

  it('a security admin below the top unit (stored before the rule) cannot change the policy or touch administrators', async () => {
    await t.createUser({ username: 'sod.lowsec2', roles: ['security_admin'], orgUnitId: township.id });
    const low = await t.login('sod.lowsec2');
    expectRefused(await low.put('/api/security-policy', { ...defaultSecurityPolicy, lockThreshold: 10 }), 403, /安全策略只能由顶层单位/);
    const townAdmin = await t.createUser({ username: 'sod.townsys2', roles: ['sys_admin'], orgUnitId: township.id });
    expectRefused(await low.post(`/api/admin-accounts/${townAdmin}/reset-password`), 403, ADMIN_RULE);
    expectRefused(await low.post(`/api/staff/${townAdmin}/disable`), 403, ADMIN_RULE);
    expectRefused(await low.post('/api/staff', { username: 'sod.lowcreated', displayName: '审计', orgUnitId: township.id, roles: ['audit_admin'] }), 403, ADMIN_RULE);
    // the top unit's security admin can
    const res = await security.put('/api/security-policy', { ...defaultSecurityPolicy, lockThreshold: 6 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await security.put('/api/security-policy', defaultSecurityPolicy)).statusCode).toBe(200);
  });

  it('entries without a unit go to the audit admins of the top unit, not to a county auditor', async () => {
    await t.agent().post('/api/auth/login', { username: 'sod-nobody', password: TEST_PASSWORD + 'x' });
    await t.app.sealer.sealNow();
    const seen = async (a: Agent) => json<{ items: AuditLogDto[] }>(await a.get('/api/audit-logs?username=sod-nobody')).items.length;
    const topAuditor = await t.login('auditor');
    expect(topAuditor.me!.orgUnit.id).toBe(top.id);
    expect(await seen(topAuditor)).toBe(1);
    await t.createUser({ username: 'sod.countyaudit3', roles: ['audit_admin'], orgUnitId: county.id });
    expect(await seen(await t.login('sod.countyaudit3'))).toBe(0);
  });
});
