// Bad input on the sign-in, password, TOTP and security-policy routes, on every database:
// always 400 (or 413/415 for the body itself) with a Chinese message, never a 500, and nothing
// changes — no failure counted, no password changed, no policy changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, TEST_PASSWORD, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb } from '../../db/system';
import type { SecurityPolicy } from '../../../shared/schemas/security-policy';
import { expectRefused, MANY_LOGINS, passwordLogin, rawRequest } from './auth-test-support';

type Bad = { name: string; body?: unknown; raw?: string; type?: string };

/** The same bad bodies for every route: malformed, empty, not an object, wrong JSON types. */
const shapeless: Bad[] = [
  { name: 'malformed JSON', raw: '{"username": "village", ' },
  { name: 'not JSON at all', raw: 'username=village&password=x' },
  { name: 'empty body', raw: '' },
  { name: 'null', raw: 'null' },
  { name: 'an array', body: [1, 2] },
  { name: 'a string', raw: '"village"' },
  { name: 'a number', raw: '42' },
  { name: '__proto__ key', raw: '{"__proto__": {"isAdmin": true}, "username": "village", "password": "x"}' },
];

function send(t: TestApp, a: Agent | null, url: string, b: Bad, method: 'POST' | 'PUT' = 'POST') {
  const cookie = a ? Object.entries(a.cookies).map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  return t.app.inject({
    method,
    url,
    payload: b.raw ?? JSON.stringify(b.body),
    headers: {
      'content-type': b.type ?? 'application/json',
      ...(cookie && { cookie }),
      ...(a?.cookies.rj_csrf && { 'x-csrf-token': a.cookies.rj_csrf }),
    },
  });
}

async function expectBadInput(res: Awaited<ReturnType<typeof send>>, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
  expectRefused(res, 400);
}

describe.each(dbKinds)('bad input on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  });
  afterAll(async () => {
    await t?.close();
  });

  const userRow = (username: string) =>
    systemDb(t.db.handle.db)
      .selectFrom('users')
      .select(['failed_count', 'locked_until', 'password_hash', 'totp_enabled', 'totp_secret_enc', 'totp_last_step'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
  const sessions = async () =>
    Number((await systemDb(t.db.handle.db).selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('sign-in: 400 with a Chinese message, no session, no failure counted', async () => {
    const before = [await userRow('village'), await sessions()];
    const bad: Bad[] = [
      ...shapeless,
      { name: 'missing password', body: { username: 'village' } },
      { name: 'missing username', body: { password: TEST_PASSWORD } },
      { name: 'blank username', body: { username: '   ', password: TEST_PASSWORD } },
      { name: 'empty password', body: { username: 'village', password: '' } },
      { name: 'number username', body: { username: 12345, password: TEST_PASSWORD } },
      { name: 'object password', body: { username: 'village', password: { $ne: '' } } },
      { name: 'array password', body: { username: 'village', password: [TEST_PASSWORD] } },
      { name: 'boolean password', body: { username: 'village', password: true } },
      { name: 'null password', body: { username: 'village', password: null } },
      { name: 'over-long username', body: { username: 'v'.repeat(65), password: TEST_PASSWORD } },
      { name: 'over-long password', body: { username: 'village', password: 'P@ss1' + 'x'.repeat(252) } },
      { name: 'NUL in the username', body: { username: 'vil\u0000lage', password: TEST_PASSWORD } },
      { name: 'control character in the username', body: { username: 'village\u0007', password: TEST_PASSWORD } },
    ];
    for (const b of bad) {
      const res = await send(t, null, '/api/auth/login', b);
      if (b.name === 'not JSON at all') {
        // the content type says JSON; the body is not
        await expectBadInput(res, b.name);
        continue;
      }
      await expectBadInput(res, b.name);
      expect(res.cookies.find((c) => c.name === 'rj_session'), b.name).toBeUndefined();
    }
    expect([await userRow('village'), await sessions()]).toEqual(before);
    // a form post is refused as an unsupported type, not parsed
    const form = await send(t, null, '/api/auth/login', { name: 'form', raw: 'username=village&password=x', type: 'application/x-www-form-urlencoded' });
    expectRefused(form, 415, /不支持的内容类型/);
    // a body over the size limit
    const huge = await send(t, null, '/api/auth/login', { name: 'huge', body: { username: 'village', password: 'x'.repeat(3 * 1024 * 1024) } });
    expectRefused(huge, 413, /请求内容过大/);
    // all of it is still a working account
    expect((await passwordLogin(t, 'village')).res.statusCode).toBe(200);
  });

  it('password change: 400 with a Chinese message, the password unchanged', async () => {
    const { a } = await passwordLogin(t, 'village2');
    const before = await userRow('village2');
    const bad: Bad[] = [
      ...shapeless,
      { name: 'missing newPassword', body: { currentPassword: TEST_PASSWORD } },
      { name: 'missing currentPassword', body: { newPassword: 'Xin#Mima2026' } },
      { name: 'number newPassword', body: { currentPassword: TEST_PASSWORD, newPassword: 12345678 } },
      { name: 'null newPassword', body: { currentPassword: TEST_PASSWORD, newPassword: null } },
      { name: 'empty newPassword', body: { currentPassword: TEST_PASSWORD, newPassword: '' } },
      { name: 'over-long newPassword', body: { currentPassword: TEST_PASSWORD, newPassword: 'Aa1!' + 'x'.repeat(253) } },
      { name: 'over-long currentPassword', body: { currentPassword: 'x'.repeat(257), newPassword: 'Xin#Mima2026' } },
    ];
    for (const b of bad) await expectBadInput(await send(t, a, '/api/me/password', b), b.name);
    expect(await userRow('village2')).toEqual(before);
    expect((await a.get('/api/me')).statusCode).toBe(200);
  });

  it('TOTP routes: 400 with a Chinese message, nothing enrolled, no step used', async () => {
    const { a: enrolling } = await passwordLogin(t, 'admin');
    expect((await enrolling.post('/api/me/totp/setup')).statusCode).toBe(200);
    const before = await userRow('admin');
    const codes: Bad[] = [
      ...shapeless,
      { name: 'missing code', body: {} },
      { name: 'number code', body: { code: 123456 } },
      { name: 'five digits', body: { code: '12345' } },
      { name: 'seven digits', body: { code: '1234567' } },
      { name: 'letters', body: { code: 'abcdef' } },
      { name: 'full-width digits', body: { code: '１２３４５６' } },
      { name: 'Arabic-Indic digits', body: { code: '١٢٣٤٥٦' } },
      { name: 'very long', body: { code: '1'.repeat(10000) } },
    ];
    for (const b of codes) {
      const res = await send(t, enrolling, '/api/me/totp/confirm', b);
      await expectBadInput(res, `confirm: ${b.name}`);
      expect(res.body).not.toMatch(/动态验证码不正确/); // refused by the schema, not by a comparison
    }
    expect(await userRow('admin')).toEqual(before);

    const security = await t.login('security');
    await security.post('/api/auth/logout');
    t.clock.advance(30);
    const { a: half } = await passwordLogin(t, 'security');
    const secBefore = await userRow('security');
    for (const b of codes) await expectBadInput(await send(t, half, '/api/auth/totp', b), `totp: ${b.name}`);
    expect(await userRow('security')).toEqual(secBefore); // no failure counted, no step used
    expect(json(await half.get('/api/me')).stage).toBe('totp');
  });

  it('security policy: 400 with a Chinese message, the policy unchanged', async () => {
    const security = await t.login('security');
    const policy = json<SecurityPolicy>(await security.get('/api/security-policy'));
    const bad: Bad[] = [
      ...shapeless,
      { name: 'empty object', body: {} },
      { name: 'a field missing', body: { ...policy, lockSeconds: undefined } },
      { name: 'string number', body: { ...policy, lockThreshold: '3' } },
      { name: 'string boolean', body: { ...policy, adminTotpRequired: 'false' } },
      { name: 'number boolean', body: { ...policy, adminTotpRequired: 0 } },
      { name: 'fraction', body: { ...policy, passwordMinLength: 8.5 } },
      { name: 'null', body: { ...policy, idleTimeoutSeconds: null } },
      { name: 'min length under 8', body: { ...policy, passwordMinLength: 7 } },
      { name: 'min length over 64', body: { ...policy, passwordMinLength: 65 } },
      { name: 'one class', body: { ...policy, passwordMinClasses: 1 } },
      { name: 'five classes', body: { ...policy, passwordMinClasses: 5 } },
      { name: 'max age 0', body: { ...policy, passwordMaxAgeDays: 0 } },
      { name: 'max age over a year', body: { ...policy, passwordMaxAgeDays: 366 } },
      { name: 'threshold 0', body: { ...policy, lockThreshold: 0 } },
      { name: 'threshold 21', body: { ...policy, lockThreshold: 21 } },
      { name: 'lock under a minute', body: { ...policy, lockSeconds: 59 } },
      { name: 'lock over a day', body: { ...policy, lockSeconds: 86401 } },
      { name: 'idle under a minute', body: { ...policy, idleTimeoutSeconds: 59 } },
      { name: 'idle over an hour', body: { ...policy, idleTimeoutSeconds: 3601 } },
      { name: 'huge number', body: { ...policy, lockSeconds: 1e308 } },
      { name: 'negative', body: { ...policy, lockThreshold: -5 } },
    ];
    for (const b of bad) {
      const res = await send(t, security, '/api/security-policy', b, 'PUT');
      await expectBadInput(res, b.name);
    }
    const res = await send(t, security, '/api/security-policy', { name: 'min length 7', body: { ...policy, passwordMinLength: 7 } }, 'PUT');
    expect(json(res).message).toMatch(/passwordMinLength：密码最短不能少于 8 位/);
    expect(json<SecurityPolicy>(await security.get('/api/security-policy'))).toEqual(policy);
    // unknown fields are dropped, not stored
    const extra = await rawRequest(t, security, 'PUT', '/api/security-policy', { body: { ...policy, evil: 'x' }, csrf: security.cookies.rj_csrf });
    expect(extra.statusCode).toBe(200);
    expect(json(extra)).toEqual(policy);
  });
});
