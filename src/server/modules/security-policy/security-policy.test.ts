// The security policy through the real API on every database: the 等保 2.0 defaults, the
// security admin's change (stored, audited, in force at once), and what is stored being read
// safely. Each setting's effect is shown in the sign-in tests (lockout, idle timeout, password,
// TOTP) next to the code it drives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb } from '../../db/system';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../../shared/schemas/security-policy';
import type { MeDto } from '../../../shared/schemas/auth';
import { auditLog, expectRefused, MANY_LOGINS } from '../auth/auth-test-support';

describe.each(dbKinds)('security policy on %s', (kind) => {
  let t: TestApp;
  let security: Agent;
  let auditor: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    security = await t.login('security');
    auditor = await t.login('auditor');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts at the 等保 2.0 defaults: 90 days, 5 failures / 300 s, 600 s idle, TOTP for admins', async () => {
    const res = await security.get('/api/security-policy');
    expect(res.statusCode).toBe(200);
    expect(json<SecurityPolicy>(res)).toEqual({
      passwordMinLength: 8,
      passwordMinClasses: 3,
      passwordMaxAgeDays: 90,
      lockThreshold: 5,
      lockSeconds: 300,
      idleTimeoutSeconds: 600,
      adminTotpRequired: true,
    });
  });

  it('stores a change, applies it at once, and audits who changed what', async () => {
    const next: SecurityPolicy = {
      passwordMinLength: 10,
      passwordMinClasses: 4,
      passwordMaxAgeDays: 60,
      lockThreshold: 3,
      lockSeconds: 900,
      idleTimeoutSeconds: 300,
      adminTotpRequired: true,
    };
    const res = await security.put('/api/security-policy', next);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual(next);
    expect(json(await security.get('/api/security-policy'))).toEqual(next);
    // in force for the next request: the signed-in page is told the new idle timeout
    expect(json<MeDto>(await security.get('/api/me')).idleTimeoutSeconds).toBe(300);

    const row = await systemDb(t.db.handle.db).selectFrom('settings').selectAll().where('key', '=', 'security_policy').executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toEqual(next);
    expect(row.updated_by).toBe(security.me!.id);
    expect(row.updated_at).toBe(t.clock.now().toISOString());

    const [entry] = await auditLog(t, auditor, 'action=security-policy.update');
    expect(entry).toMatchObject({ username: 'security', result: 'success', targetId: 'security_policy', ip: '127.0.0.1' });
    expect(JSON.parse(entry.detail!)).toEqual({ before: defaultSecurityPolicy, after: next });

    await security.put('/api/security-policy', defaultSecurityPolicy);
    expect(json(await security.get('/api/security-policy'))).toEqual(defaultSecurityPolicy);
  });

  it('a refused change is not stored and not audited as a success', async () => {
    const before = (await auditLog(t, auditor, 'action=security-policy.update')).length;
    expectRefused(await security.put('/api/security-policy', { ...defaultSecurityPolicy, lockThreshold: 0 }), 400);
    expectRefused(await auditor.put('/api/security-policy', defaultSecurityPolicy), 403);
    expect((await auditLog(t, auditor, 'action=security-policy.update')).length).toBe(before);
    expect(json(await security.get('/api/security-policy'))).toEqual(defaultSecurityPolicy);
  });
});

describe.each(dbKinds)('a stored policy read back on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('fills fields missing from an older stored policy with the defaults, and drops unknown ones', async () => {
    // written before the first request reads (and caches) the policy
    await systemDb(t.db.handle.db)
      .insertInto('settings')
      .values({ key: 'security_policy', value: JSON.stringify({ lockThreshold: 3, retired: true }), updated_at: t.clock.now().toISOString(), updated_by: null })
      .execute();
    const security = await t.login('security');
    expect(json(await security.get('/api/security-policy'))).toEqual({ ...defaultSecurityPolicy, lockThreshold: 3 });
  });
});
