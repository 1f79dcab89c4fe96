// LOGIN_RATE_LIMIT: sign-in attempts per IP per minute, on every database.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/helpers/app';
import { expectRefused } from './auth-test-support';

const attempt = (t: TestApp, remoteAddress: string, password = 'wrong-password', username = 'nobody') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

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
  afterAll(async () => {
    while (apps.length) await apps.pop()!.close();
  });

  it('LOGIN_RATE_LIMIT=3 refuses the fourth attempt in a minute with 429 and a Chinese message', async () => {
    const t = await app({ LOGIN_RATE_LIMIT: '3' });
    for (let i = 0; i < 3; i++) expectRefused(await attempt(t, '10.0.0.1'), 401, /用户名或密码错误/);
    const limited = await attempt(t, '10.0.0.1');
    expectRefused(limited, 429, /请求过于频繁，请稍后再试/);
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
});
