// Passwords through the real API on every database: expiry after 90 days (configurable), the
// forced change at a new account's first sign-in, and the password rules with Chinese messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, TEST_PASSWORD, type Agent, type TestApp } from '../../../../test/helpers/app';
import { totpCode, totpStep } from '../../platform/totp';
import type { MeDto } from '../../../shared/schemas/auth';
import type { SecurityPolicy } from '../../../shared/schemas/security-policy';
import { expectRefused, MANY_LOGINS, passwordLogin, setPolicy } from './auth-test-support';

const DAY = 86400;
const NEW_PASSWORD = 'Xin#Mima2026';

describe.each(dbKinds)('password expiry on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('after 90 days the next sign-in must change the password; nothing else answers until then', async () => {
    t.clock.advance(89 * DAY);
    const early = await passwordLogin(t, 'township');
    expect(early.me).toMatchObject({ stage: 'active', passwordExpired: false });

    t.clock.advance(DAY + 60); // 90 days and a minute since the demo passwords were set
    const { a, me } = await passwordLogin(t, 'village');
    expect(me).toMatchObject({ stage: 'change-password', passwordExpired: true });
    expectRefused(await a.get('/api/org-units'), 403, /请先修改密码/, 'STAGE_REQUIRED');
    expectRefused(await a.get('/api/work-queue'), 403, /请先修改密码/, 'STAGE_REQUIRED');
    expect((await a.get('/api/me')).statusCode).toBe(200); // the page can still show who is signed in

    // refused changes leave the stage and the password as they were
    expectRefused(await a.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }), 400, /不能与当前密码相同/);
    expectRefused(await a.post('/api/me/password', { currentPassword: 'wrong', newPassword: NEW_PASSWORD }), 400, /当前密码不正确/);
    expect(json<MeDto>(await a.get('/api/me')).stage).toBe('change-password');

    const changed = await a.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(json<MeDto>(changed)).toMatchObject({ stage: 'active', passwordExpired: false });
    expect((await a.get('/api/org-units')).statusCode).toBe(200);

    expectRefused((await passwordLogin(t, 'village', TEST_PASSWORD)).res, 401, /用户名或密码错误/);
    expect((await passwordLogin(t, 'village', NEW_PASSWORD)).me!.stage).toBe('active');
  });

  it('an administrator with an expired password enrols the second factor first, then changes it', async () => {
    const { a, me } = await passwordLogin(t, 'auditor');
    expect(me!.stage).toBe('totp-enrol');
    const setup = json<{ secret: string }>(await a.post('/api/me/totp/setup'));
    const confirmed = await a.post('/api/me/totp/confirm', { code: totpCode(setup.secret, totpStep(t.clock.now())) });
    expect(json<MeDto>(confirmed).stage).toBe('change-password');
    expectRefused(await a.get('/api/audit-logs'), 403, /请先修改密码/, 'STAGE_REQUIRED');
    expect(json<MeDto>(await a.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).stage).toBe('active');
    expect((await a.get('/api/audit-logs')).statusCode).toBe(200);
  });
});

describe.each(dbKinds)('passwordMaxAgeDays on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a shorter maximum age makes a 31-day-old password expire', async () => {
    t.clock.advance(31 * DAY);
    expect((await passwordLogin(t, 'township')).me!.stage).toBe('active');
    const security = await t.login('security');
    await setPolicy(security, { passwordMaxAgeDays: 30 });
    const { me } = await passwordLogin(t, 'township');
    expect(me).toMatchObject({ stage: 'change-password', passwordExpired: true });
    // and a longer one keeps a 100-day-old password valid
    await setPolicy(security, { passwordMaxAgeDays: 120 });
    t.clock.advance(69 * DAY);
    expect((await passwordLogin(t, 'village')).me).toMatchObject({ stage: 'active', passwordExpired: false });
  });
});

describe.each(dbKinds)('first sign-in and password rules on %s', (kind) => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  async function newStaff(username: string) {
    const res = await admin.post('/api/staff', { username, displayName: '新同志', orgUnitId: admin.me!.orgUnit.id, roles: ['worker'] });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ initialPassword: string }>(res).initialPassword;
  }

  it('demo accounts sign straight in; a new account must change its initial password first', async () => {
    expect((await passwordLogin(t, 'county')).me).toMatchObject({ stage: 'active', passwordExpired: false });

    const initial = await newStaff('zhang.san');
    expect(initial).toMatch(/^.{12}$/);
    const { a, me } = await passwordLogin(t, 'zhang.san', initial);
    expect(me).toMatchObject({ stage: 'change-password', passwordExpired: false });
    expectRefused(await a.get('/api/org-units'), 403, /请先修改密码/, 'STAGE_REQUIRED');
    expect(json<MeDto>(await a.post('/api/me/password', { currentPassword: initial, newPassword: NEW_PASSWORD })).stage).toBe('active');
    expect((await a.get('/api/org-units')).statusCode).toBe(200);
    // from now on it signs straight in with the new password, and the initial one is dead
    expect((await passwordLogin(t, 'zhang.san', NEW_PASSWORD)).me!.stage).toBe('active');
    expect((await passwordLogin(t, 'zhang.san', initial)).res.statusCode).toBe(401);
  });

  it('applies the password rules with Chinese messages, and a refused password changes nothing', async () => {
    const { a } = await passwordLogin(t, 'village');
    const change = (newPassword: string, currentPassword = TEST_PASSWORD) => a.post('/api/me/password', { currentPassword, newPassword });
    const problem = async (newPassword: string, message: RegExp) => {
      const body = expectRefused(await change(newPassword), 400, message);
      expect(body.details!.map((d) => d.path)).toContain('newPassword');
    };
    await problem('Ab1!xyz', /密码至少 8 位/);
    await problem('abcdefgh12', /密码须包含小写字母、大写字母、数字、符号中的至少 3 种/);
    await problem('ABCDEFGH!!', /至少 3 种/);
    await problem('Xx#village9', /密码不能包含用户名/);
    await problem('Xx#VILLAGE9', /密码不能包含用户名/); // whatever the case
    await problem(TEST_PASSWORD, /新密码不能与当前密码相同/);
    await problem('short', /密码至少 8 位；密码须包含/); // every problem at once
    expectRefused(await change(NEW_PASSWORD, 'not-the-password'), 400, /当前密码不正确/);
    // the password is still the old one
    expect((await passwordLogin(t, 'village')).me!.stage).toBe('active');
    // three classes of at least 8 is enough
    expect((await change('abcdefg1!')).statusCode).toBe(200);
    expect((await passwordLogin(t, 'village', 'abcdefg1!')).res.statusCode).toBe(200);
  });

  it('changing the password ends the account’s other sessions', async () => {
    const first = (await passwordLogin(t, 'village2')).a;
    const second = (await passwordLogin(t, 'village2')).a;
    expect((await second.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).statusCode).toBe(200);
    expect((await second.get('/api/me')).statusCode).toBe(200);
    expectRefused(await first.get('/api/me'), 401);
  });

  it('passwordMinLength and passwordMinClasses change what is accepted', async () => {
    const security = await t.login('security');
    const grid = (await passwordLogin(t, 'grid')).a;
    const change = (currentPassword: string, newPassword: string) => grid.post('/api/me/password', { currentPassword, newPassword });

    await setPolicy(security, { passwordMinLength: 12 });
    expectRefused(await change(TEST_PASSWORD, 'Abcdef12!x'), 400, /密码至少 12 位/); // 10 chars: fine by default
    expect((await change(TEST_PASSWORD, 'Abcdef12!xyz')).statusCode).toBe(200);

    await setPolicy(security, { passwordMinLength: 8, passwordMinClasses: 4 });
    expectRefused(await change('Abcdef12!xyz', 'Abcdefgh12'), 400, /至少 4 种/); // 3 classes: fine by default
    expect((await change('Abcdef12!xyz', 'Abcdefg1@h')).statusCode).toBe(200);

    await setPolicy(security, { passwordMinClasses: 2 });
    expect((await change('Abcdefg1@h', 'abcdefgh12')).statusCode).toBe(200); // 2 classes: refused by default
    expect((await passwordLogin(t, 'grid', 'abcdefgh12')).res.statusCode).toBe(200);
  });

  it('the policy cannot be set below the floor of 8 characters and 2 classes', async () => {
    const security = await t.login('security');
    const cur = await security.get('/api/security-policy');
    expectRefused(await security.put('/api/security-policy', { ...json<SecurityPolicy>(cur), passwordMinLength: 6 }), 400, /8/);
    expectRefused(await security.put('/api/security-policy', { ...json<SecurityPolicy>(cur), passwordMinClasses: 1 }), 400);
  });
});
