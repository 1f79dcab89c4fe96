// The auth hook through the real API on every database: deny by default (every route in the
// OpenAPI document, however its path is spelled), CSRF on writes, the cookie flags, and the
// separated administrators (三员分立) and least privilege.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../test/helpers/db';
import { createTestApp, json, TEST_PASSWORD, type Agent, type TestApp } from '../../../test/helpers/app';
import { systemDb } from '../db/system';
import { adminRoles, domains, permissionsOf } from '../../shared/permissions';
import type { MeDto } from '../../shared/schemas/auth';
import type { SecurityPolicy } from '../../shared/schemas/security-policy';
import { expectRefused, MANY_LOGINS, rawRequest } from '../modules/auth/auth-test-support';

type OpenApi = { paths: Record<string, Record<string, unknown>> };
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const httpMethods = ['get', 'post', 'put', 'patch', 'delete'];
/** routes meant to answer without a session */
const openPaths = ['/api/health', '/api/openapi.json', '/api/auth/login'];
/** what is not case data: sign-in, own profile and own notifications, org units, staff, policy, audit, calendar */
const nonCasePrefixes = ['/api/auth/', '/api/me', '/api/notifications', '/api/org-units', '/api/staff', '/api/admin-accounts', '/api/security-policy', '/api/audit-logs', '/api/public/', '/api/health', '/api/openapi.json', '/api/holiday'];

async function routes(t: TestApp): Promise<{ method: Method; path: string; url: string }[]> {
  const res = await t.agent().get('/api/openapi.json');
  expect(res.statusCode).toBe(200);
  const spec = json<OpenApi>(res);
  const out: { method: Method; path: string; url: string }[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const m of Object.keys(ops).filter((k) => httpMethods.includes(k))) {
      out.push({ method: m.toUpperCase() as Method, path, url: path.replace(/\{[^}]+\}/g, 'x1') });
    }
  }
  return out;
}

/** "/api/staff/x1" → "/%61pi/%73taff/x1": the router decodes it to the same route */
const encoded = (url: string) =>
  url
    .split('/')
    .map((seg) => (seg ? `%${seg.charCodeAt(0).toString(16)}${seg.slice(1)}` : seg))
    .join('/');

describe.each(dbKinds)('the auth hook on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('deny by default', () => {
    it('answers 401 without a session on every route of the OpenAPI document but the public ones', async () => {
      const all = await routes(t);
      const guarded = all.filter((r) => !r.path.startsWith('/api/public/') && !openPaths.includes(r.path));
      expect(guarded.length).toBeGreaterThan(15);
      expect(guarded.map((r) => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining(['GET /api/staff', 'PUT /api/security-policy', 'GET /api/audit-logs', 'POST /api/me/password']),
      );
      for (const r of guarded) {
        // an empty body: a validation answer (400) before the session check would tell the schema
        const res = await t.app.inject({ method: r.method, url: r.url, ...(r.method !== 'GET' && { payload: {} }) });
        expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(401);
        expectRefused(res, 401, /登录/, 'UNAUTHENTICATED');
        if (r.method === 'GET') {
          const head = await t.app.inject({ method: 'HEAD', url: r.url });
          expect(head.statusCode, `HEAD ${r.url}`).toBe(401);
        }
      }
    });

    it('answers 401 however the path is spelled (percent-encoded, trailing slash)', async () => {
      const before = json<SecurityPolicy>(await (await t.login('security')).get('/api/security-policy'));
      const guarded = (await routes(t)).filter((r) => !r.path.startsWith('/api/public/') && !openPaths.includes(r.path));
      for (const r of guarded) {
        for (const url of [encoded(r.url), r.url + '/']) {
          const res = await t.app.inject({ method: r.method, url, ...(r.method !== 'GET' && { payload: {} }) });
          expect(res.statusCode, `${r.method} ${url}: ${res.body}`).toBe(401);
        }
      }
      // a full, valid policy under an encoded path: refused, and the policy is unchanged
      const weakened = { ...before, adminTotpRequired: false, lockThreshold: 20, passwordMinClasses: 2 };
      const put = await t.app.inject({ method: 'PUT', url: '/%61pi/security-policy', payload: weakened });
      expect(put.statusCode).toBe(401);
      const get = await t.app.inject({ method: 'GET', url: '/%61pi/security-%70olicy' });
      expect(get.statusCode).toBe(401);
      expect(json<SecurityPolicy>(await (await t.login('security')).get('/api/security-policy'))).toEqual(before);
    });

    it('public routes answer without a session', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/public/directory' })).statusCode).toBe(200);
    });

    it('an unknown /api path is 401 without a session and 404 with one', async () => {
      expectRefused(await t.app.inject({ method: 'GET', url: '/api/xyz' }), 401, /登录/);
      expectRefused(await t.app.inject({ method: 'POST', url: '/api/xyz', payload: {} }), 401, /登录/);
      expectRefused(await t.app.inject({ method: 'GET', url: '/%61pi/xyz' }), 401, /登录/);
      const a = await t.login('village');
      expectRefused(await a.get('/api/xyz'), 404, /未找到/, 'NOT_FOUND');
      expectRefused(await a.post('/api/xyz', {}), 404, /未找到/);
    });

    it('a forged or stale session cookie is 401 and the cookies are cleared', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'rj_session=forged-token; rj_csrf=x' } });
      expectRefused(res, 401, /登录已失效/);
      const cleared = res.cookies.filter((c) => c.value === '').map((c) => c.name).sort();
      expect(cleared).toEqual(['rj_csrf', 'rj_session']);

      const a = await t.login('village2');
      expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
      const stale = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `rj_session=${a.cookies.rj_session ?? 'gone'}` } });
      expect(stale.statusCode).toBe(401);
    });

    it('a NUL character anywhere in the input is 400 on every database, never a 500', async () => {
      const admin = await t.login('admin');
      const auditor = await t.login('auditor');
      const cases: [Agent, Method, string, unknown][] = [
        [admin, 'GET', '/api/staff?q=a%00b', undefined],
        [admin, 'GET', '/api/org-units?q=a%00b', undefined],
        [admin, 'GET', '/api/staff/a%00b', undefined],
        [admin, 'POST', '/api/staff', { username: 'nul.test', displayName: '张\u0000三', orgUnitId: admin.me!.orgUnit.id, roles: ['worker'] }],
        [admin, 'POST', '/api/staff', { username: 'nul.test', displayName: '张三', orgUnitId: admin.me!.orgUnit.id, roles: ['worker'], ['x\u0000']: 1 }],
        [auditor, 'GET', '/api/audit-logs?username=a%00b', undefined],
        [auditor, 'GET', '/api/audit-logs?action=auth%00', undefined],
      ];
      for (const [a, method, url, body] of cases) {
        expectRefused(await a.request(method, url, body as never), 400, /空字符/, 'VALIDATION');
      }
      expectRefused(await t.agent().post('/api/auth/login', { username: 'adm\u0000in', password: TEST_PASSWORD }), 400, /空字符/);
      // without a session the answer is still 401
      expectRefused(await t.app.inject({ method: 'GET', url: '/api/staff?q=a%00b' }), 401);
      const users = await systemDb(t.db.handle.db).selectFrom('users').select('username').where('username', '=', 'nul.test').execute();
      expect(users).toEqual([]);
    });

    it('a caller without the permission gets 403 before the body is even looked at', async () => {
      const village = await t.login('village');
      expectRefused(await village.post('/api/staff', {}), 403, /没有权限/, 'FORBIDDEN');
      expectRefused(await village.put('/api/security-policy', { lockThreshold: 'x' }), 403, /没有权限/, 'FORBIDDEN');
    });
  });

  describe('CSRF and cookies', () => {
    const staffCount = async () =>
      Number(
        (await systemDb(t.db.handle.db).selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      );

    it('refuses a write without the x-csrf-token header, or with a wrong one, and changes nothing', async () => {
      const admin = await t.login('admin');
      const body = { username: 'csrf.victim', displayName: '测试', orgUnitId: admin.me!.orgUnit.id, roles: ['worker'] };
      const before = await staffCount();
      expectRefused(await rawRequest(t, admin, 'POST', '/api/staff', { body }), 403, /请求来源校验失败/, 'CSRF');
      expectRefused(await rawRequest(t, admin, 'POST', '/api/staff', { body, csrf: '' }), 403, /请求来源校验失败/, 'CSRF');
      expectRefused(await rawRequest(t, admin, 'POST', '/api/staff', { body, csrf: admin.cookies.rj_csrf + 'x' }), 403, undefined, 'CSRF');
      // another session's valid token is not this session's
      const other = await t.login('village');
      expectRefused(await rawRequest(t, admin, 'POST', '/api/staff', { body, csrf: other.cookies.rj_csrf }), 403, undefined, 'CSRF');
      // the token in the cookie alone does not do: it must come back in the header
      expect(admin.cookies.rj_csrf).toBeTruthy();
      expect(await staffCount()).toBe(before);

      // the same request with the token goes through
      expect((await rawRequest(t, admin, 'POST', '/api/staff', { body, csrf: admin.cookies.rj_csrf })).statusCode).toBe(200);
      expect(await staffCount()).toBe(before + 1);
    });

    it('refuses a policy change and a sign-out without the token; reads need none', async () => {
      const security = await t.login('security');
      const policy = json<SecurityPolicy>(await rawRequest(t, security, 'GET', '/api/security-policy'));
      const changed = { ...policy, lockThreshold: policy.lockThreshold + 1 };
      expectRefused(await rawRequest(t, security, 'PUT', '/api/security-policy', { body: changed }), 403, undefined, 'CSRF');
      expect(json<SecurityPolicy>(await security.get('/api/security-policy'))).toEqual(policy);

      const v = await t.login('village2');
      expectRefused(await rawRequest(t, v, 'POST', '/api/auth/logout', { body: {} }), 403, undefined, 'CSRF');
      expect((await v.get('/api/me')).statusCode).toBe(200); // still signed in
      expect((await v.post('/api/auth/logout')).statusCode).toBe(200);
      expect((await rawRequest(t, v, 'GET', '/api/me')).statusCode).toBe(401);
    });

    it('sets the session cookie httpOnly and both cookies SameSite=Strict, without Secure by default', async () => {
      const res = await t.agent().post('/api/auth/login', { username: 'grid', password: TEST_PASSWORD });
      expect(res.statusCode).toBe(200);
      const session = res.cookies.find((c) => c.name === 'rj_session')!;
      const csrf = res.cookies.find((c) => c.name === 'rj_csrf')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/' });
      expect(csrf.httpOnly).toBeFalsy(); // the page reads it to send the header
      expect(session.secure).toBeFalsy();
      expect(csrf.secure).toBeFalsy();
      expect(session.value).not.toBe(csrf.value);
      const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(raw.find((c) => c.startsWith('rj_session='))).toMatch(/HttpOnly/);
      expect(raw.join('\n')).not.toMatch(/Secure/);
    });
  });

  describe('separated administrators and least privilege', () => {
    let admin: Agent;
    let security: Agent;
    let auditor: Agent;
    beforeAll(async () => {
      admin = await t.login('admin');
      security = await t.login('security');
      auditor = await t.login('auditor');
    });

    it('each administrator works only on their own screens', async () => {
      expect((await admin.get('/api/staff')).statusCode).toBe(200);
      expect((await admin.get('/api/org-units')).statusCode).toBe(200);
      expect((await security.get('/api/security-policy')).statusCode).toBe(200);
      expect((await auditor.get('/api/audit-logs')).statusCode).toBe(200);

      expectRefused(await security.get('/api/staff'), 403, /没有权限/, 'FORBIDDEN');
      // the org tree (no case data) it reads to place administrator accounts, not to change it
      expect((await security.get('/api/org-units')).statusCode).toBe(200);
      expectRefused(await security.post('/api/org-units', { parentId: security.me!.orgUnit.id, name: '新单位', code: '3399' }), 403, /没有权限/);
      expectRefused(await security.get('/api/audit-logs'), 403, /没有权限/);
      expectRefused(await auditor.get('/api/staff'), 403, /没有权限/);
      expectRefused(await auditor.get('/api/security-policy'), 403, /没有权限/);
      expectRefused(await admin.get('/api/audit-logs'), 403, /没有权限/);
      expectRefused(await admin.get('/api/security-policy'), 403, /没有权限/);
    });

    it('the auditor and the system admin cannot change the security policy', async () => {
      const policy = json<SecurityPolicy>(await security.get('/api/security-policy'));
      const weakened = { ...policy, adminTotpRequired: false, lockThreshold: 20 };
      expectRefused(await auditor.put('/api/security-policy', weakened), 403, /没有权限/, 'FORBIDDEN');
      expectRefused(await admin.put('/api/security-policy', weakened), 403, /没有权限/, 'FORBIDDEN');
      expect(json<SecurityPolicy>(await security.get('/api/security-policy'))).toEqual(policy);
    });

    it('no administrator reaches case data', async () => {
      for (const role of adminRoles) {
        expect(permissionsOf([role]).filter((p) => domains.some((d) => p.startsWith(`${d}:`)) || p === 'unit:head' || p === 'sensitive:reveal')).toEqual([]);
      }
      const caseRoutes = (await routes(t)).filter((r) => !nonCasePrefixes.some((p) => r.path.startsWith(p)));
      for (const a of [admin, security, auditor]) {
        for (const r of caseRoutes) {
          const res = await a.request(r.method, r.url, r.method === 'GET' ? undefined : {});
          if (res.statusCode === 200 && r.method === 'GET') {
            // a personal list open to every account (the work queue, its count) shows an administrator nothing
            const body = json<{ items?: unknown[]; count?: number }>(res);
            if (r.url.endsWith('/count')) expect(body.count, `${a.username} ${r.url}`).toBe(0);
            else expect(body.items, `${a.username} ${r.url}`).toEqual([]);
            continue;
          }
          expect(res.statusCode, `${a.username} ${r.method} ${r.url}: ${res.body}`).toBe(403);
        }
      }
    });

    it('a village worker cannot create staff or units, and nothing is created', async () => {
      const village = await t.login('village');
      const me = json<MeDto>(await village.get('/api/me'));
      const sys = systemDb(t.db.handle.db);
      const count = async (table: 'users' | 'org_units') =>
        Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const [users, units] = [await count('users'), await count('org_units')];
      expectRefused(
        await village.post('/api/staff', { username: 'sneaky', displayName: '某某', orgUnitId: me.orgUnit.id, roles: ['worker'] }),
        403,
        /没有权限/,
        'FORBIDDEN',
      );
      expectRefused(
        await village.post('/api/staff', { username: 'sneaky2', displayName: '某某', orgUnitId: me.orgUnit.id, roles: ['sys_admin'] }),
        403,
        /没有权限/,
      );
      expectRefused(await village.post('/api/org-units', { parentId: me.orgUnit.id, name: '第九网格' }), 403, /没有权限/, 'FORBIDDEN');
      expectRefused(await village.get('/api/staff'), 403, /没有权限/);
      expectRefused(await village.get('/api/audit-logs'), 403, /没有权限/);
      expectRefused(await village.get('/api/security-policy'), 403, /没有权限/);
      expect([await count('users'), await count('org_units')]).toEqual([users, units]);
      // the system admin can do the same
      expect((await admin.post('/api/org-units', { parentId: me.orgUnit.id, name: '第九网格' })).statusCode).toBe(200);
      expect(await count('org_units')).toBe(units + 1);
    });
  });
});

describe.each(dbKinds)('cookies with COOKIE_SECURE=1 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, COOKIE_SECURE: '1' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('marks both cookies Secure', async () => {
    const res = await t.agent().post('/api/auth/login', { username: 'grid', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    for (const name of ['rj_session', 'rj_csrf']) {
      expect(res.cookies.find((c) => c.name === name)).toMatchObject({ secure: true, sameSite: 'Strict' });
    }
    const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(raw.filter((c) => /; Secure/.test(c))).toHaveLength(2);
  });
});
