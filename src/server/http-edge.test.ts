// The HTTP edge through the real app on every database: security headers on every answer
// (HSTS only behind TLS), writes from other sites refused by Origin, and Fastify's own errors
// (bad URL, over-long path, bad body, oversized headers) in the Chinese { error, message } shape.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { dbKinds } from '../../test/helpers/db';
import { createTestApp, json, TEST_PASSWORD, type Agent, type TestApp } from '../../test/helpers/app';
import { expectRefused, MANY_LOGINS } from './modules/auth/auth-test-support';

function expectSecurityHeaders(res: LightMyRequestResponse, what: string) {
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['referrer-policy'], what).toBe('same-origin');
}

describe.each(dbKinds)('HTTP edge on %s', (kind) => {
  let t: TestApp;
  let county: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    county = await t.login('county');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every answer carries CSP, nosniff, frame denial and a referrer policy; no HSTS on plain HTTP', async () => {
    const answers: [string, LightMyRequestResponse][] = [
      ['health', await t.app.inject({ method: 'GET', url: '/api/health' })],
      ['signed-in list', await county.get('/api/recipients')],
      ['401', await t.app.inject({ method: 'GET', url: '/api/recipients' })],
      ['404', await county.get('/api/no-such-thing')],
      ['400', await county.get('/api/recipients?page=0')],
      ['bad url', await county.get('/api/staff/%ff')],
    ];
    for (const [what, res] of answers) {
      expectSecurityHeaders(res, what);
      expect(res.headers['strict-transport-security'], what).toBeUndefined();
      expect(String(res.headers['content-security-policy']), what).not.toContain('upgrade-insecure-requests');
    }
  });

  it('writes with a foreign Origin are refused (403, Chinese); same-origin and no Origin are accepted', async () => {
    const login = (origin?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'village', password: TEST_PASSWORD },
        headers: { host: 'rj.example.gov.cn', ...(origin !== undefined && { origin }) },
      });
    for (const origin of ['https://evil.example', 'http://rj.example.gov.cn.evil.example', 'null', 'http://rj.example.gov.cn:8080']) {
      expectRefused(await login(origin), 403, /拒绝来自其他网站的请求/, 'FOREIGN_ORIGIN');
    }
    expect((await login('http://rj.example.gov.cn')).statusCode).toBe(200);
    expect((await login('https://rj.example.gov.cn')).statusCode).toBe(200);
    expect((await login()).statusCode).toBe(200);

    // a signed-in write with a valid CSRF token but sent from another site is refused before it runs
    const logout = await county.request('POST', '/api/auth/logout', {}, { origin: 'https://evil.example' });
    expectRefused(logout, 403, /拒绝来自其他网站的请求/);
    expect((await county.get('/api/me')).statusCode).toBe(200); // still signed in
    // reads are not writes: a GET with a foreign Origin is answered (the browser's CORS rules keep the answer from the other site)
    expect((await county.request('GET', '/api/me', undefined, { origin: 'https://evil.example' })).statusCode).toBe(200);
  });

  it("Fastify's own refusals answer in Chinese in the error shape", async () => {
    const cases: [string, LightMyRequestResponse, number][] = [
      ['bad URL escape', await county.get('/api/staff/%ff'), 400],
      ['bad URL escape, unknown route', await county.get('/api/%ff'), 400],
      ['path parameter too long', await county.get('/api/staff/' + 'a'.repeat(200)), 414],
      ['bad JSON', await county.request('POST', '/api/auth/logout', '{"a":', { 'content-type': 'application/json' }), 400],
      ['body too large', await county.request('POST', '/api/auth/logout', JSON.stringify({ a: 'x'.repeat(3 * 1024 * 1024) }), { 'content-type': 'application/json' }), 413],
      ['unsupported media type', await county.request('POST', '/api/auth/logout', '<a/>', { 'content-type': 'text/xml' }), 415],
    ];
    for (const [what, res, status] of cases) {
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      const body = json<Record<string, unknown>>(res);
      expect(Object.keys(body).sort(), what).toEqual(['error', 'message']);
      expectRefused(res, status);
    }
  });

  it('the audit-log filter refuses days that do not exist (400, Chinese)', async () => {
    const auditor = await t.login('auditor');
    for (const q of ['from=2026-02-30', 'to=2026-13-01', 'from=2026-04-31', 'to=2025-02-29']) {
      expectRefused(await auditor.get(`/api/audit-logs?${q}`), 400, /不存在/);
    }
    expect((await auditor.get('/api/audit-logs?from=2024-02-29&to=2026-02-28')).statusCode).toBe(200);
  });
});

describe('HTTP edge behind TLS (COOKIE_SECURE=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { ...MANY_LOGINS, COOKIE_SECURE: '1' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds HSTS and upgrades insecure requests', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expectSecurityHeaders(res, 'health');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('headers too large for Node are answered 431 in Chinese, on a real socket', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/health?q=' + 'a'.repeat(20_000) }, (r) => {
        let body = '';
        r.on('data', (c: Buffer) => (body += c.toString()));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toEqual({ error: 'HEADERS_TOO_LARGE', message: '请求头过大' });
  });
});
