// LOGIN_RATE_LIMIT: sign-in attempts per IP per minute, on every database.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/helpers/app';
import { auditLog, expectRefused } from './auth-test-support';

// a fresh unknown name for each attempt: a name with no account is locked after five failures like an
// account (auth.service), and these tests are about the per-IP limit, not the lock
let unknown = 0;
const attempt = (t: TestApp, remoteAddress: string, password = 'wrong-password', username = `nobody${++unknown}`, forwardedFor?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
    ...(forwardedFor && { headers: { 'x-forwarded-for': forwardedFor } }),
  });

describe.each(dbKinds)('login rate limit on %s', (kind) => {
  const apps: TestApp[] = [];
  const app = async (env: Record<string, string> = {}) => {
    const t = await createTestApp(kind, { env });
    apps.push(t);
    return t;
  };
  afterEach(async () => {
    while (apps.length) await apps.pop()!.close();
  });
  /** LOGIN_RATE_LIMIT=3; each test uses its own addresses */
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp(kind, { env: { LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(async () => {
    while (apps.length) await apps.pop()!.close();
    await limited?.close();
  });

  it('LOGIN_RATE_LIMIT=3 refuses the fourth attempt in a minute with 429 and a Chinese message', async () => {
    const t = limited;
    for (let i = 0; i < 3; i++) expectRefused(await attempt(t, '10.0.0.1'), 401, /用户名或密码错误/);
    const fourth = await attempt(t, '10.0.0.1');
    expectRefused(fourth, 429, /请求过于频繁，请稍后再试/);
    // even the right password waits
    expectRefused(await attempt(t, '10.0.0.1', TEST_PASSWORD, 'village'), 429, /请求过于频繁/);
    // per IP: another address is not affected
    expect((await attempt(t, '10.0.0.2', TEST_PASSWORD, 'village')).statusCode).toBe(200);
    // other routes are not limited
    expect((await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
  });

  it('the default (20 a minute) lets the same four attempts through, and stops the 21st', async () => {
    const t = await app();
    expect(t.config.loginRateLimit).toBe(20);
    for (let i = 0; i < 4; i++) expectRefused(await attempt(t, '10.0.0.1'), 401);
    expect((await attempt(t, '10.0.0.1', TEST_PASSWORD, 'village')).statusCode).toBe(200);
    for (let i = 5; i < 20; i++) expect((await attempt(t, '10.0.0.1')).statusCode).toBe(401);
    expectRefused(await attempt(t, '10.0.0.1'), 429, /请求过于频繁/);
  });

  it('a client cannot escape the limit, or choose its logged address, with its own X-Forwarded-For', async () => {
    const t = limited;
    for (let i = 1; i <= 3; i++) expectRefused(await attempt(t, '10.0.0.9', 'wrong', 'village', `203.0.113.${i}`), 401);
    expectRefused(await attempt(t, '10.0.0.9', 'wrong', 'village', '203.0.113.4'), 429);
    const auditor = await t.login('auditor');
    const entries = await auditLog(t, auditor, 'username=village&action=auth.login&result=failure');
    expect(entries.map((e) => e.ip)).toEqual(['10.0.0.9', '10.0.0.9', '10.0.0.9']);
  });

  it('TRUST_PROXY names the proxy whose X-Forwarded-For is believed', async () => {
    const t = await app({ LOGIN_RATE_LIMIT: '3', TRUST_PROXY: '10.0.0.0/24' });
    // through the proxy: each client counts on its own, and is logged with its own address
    for (let i = 1; i <= 4; i++) expectRefused(await attempt(t, '10.0.0.5', 'wrong', 'village', `203.0.113.${i}`), 401);
    for (let i = 0; i < 2; i++) expectRefused(await attempt(t, '10.0.0.5', 'wrong', undefined, '203.0.113.1'), 401);
    expectRefused(await attempt(t, '10.0.0.5', 'wrong', undefined, '203.0.113.1'), 429);
    // a client outside the trusted range that sends the header itself counts by its own address
    for (let i = 1; i <= 3; i++) expectRefused(await attempt(t, '198.51.100.7', 'wrong', undefined, `192.0.2.${i}`), 401);
    expectRefused(await attempt(t, '198.51.100.7', 'wrong', undefined, '192.0.2.99'), 429);
    // a forged hop in front of the real client is ignored: the address the proxy saw counts
    expectRefused(await attempt(t, '10.0.0.5', 'wrong', undefined, '1.2.3.4, 203.0.113.50'), 401);
    const auditor = await t.login('auditor');
    const entries = await auditLog(t, auditor, 'action=auth.login&result=failure');
    expect(entries.map((e) => e.ip).reverse()).toEqual([
      '203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4',
      '203.0.113.1', '203.0.113.1',
      '198.51.100.7', '198.51.100.7', '198.51.100.7',
      '203.0.113.50',
    ]);
  });
});
